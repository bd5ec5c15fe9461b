import type { RandomStream } from "../rng/streams.js"
import {
  type Outcome,
  type Payment,
  type Regime,
  type RegimeFactory,
  type Tally,
  clearVotes,
  emptyTally,
  influencers,
  outcomeOf,
  tallyOutcome,
} from "./regime.js"

/** `final[row]` of a row whose delegation chain has no final voter (a cycle, or too long). */
export const LOST = -1

/**
 * Resolves transitive delegation. `delegate[row]` is the row it delegates to, or
 * −1 (or itself) if it votes itself. The rule:
 *   • a row that does not delegate is its own final voter;
 *   • otherwise its final voter is the first row along its chain of delegates
 *     that does not delegate, provided that takes at most `maxDepth` hops;
 *   • a row whose chain runs into a cycle (is on one, or leads into one), or
 *     needs more than `maxDepth` hops, has no final voter: its weight is lost.
 * Writes final voters (or LOST) into `final` and hop counts into `hops`.
 * Linear time: each row's chain is walked once and memoized (a walk stops at
 * the first resolved row), except rows beyond the depth limit, walked at most
 * `maxDepth + 1` steps each. Allocates its scratch (delegation is resolved once per run).
 */
export const resolveDelegation = (delegate: Int32Array, maxDepth: number, final: Int32Array, hops: Int32Array): void => {
  const n = delegate.length
  const UNRESOLVED = -2
  final.fill(UNRESOLVED, 0, n)
  const stamp = new Int32Array(n)
  const path = new Int32Array(maxDepth + 2)
  for (let r = 0; r < n; r++) {
    if (final[r] !== UNRESOLVED) continue
    let len = 0
    let x = r
    let end: number
    let endHops = 0
    let tooDeep = false
    for (;;) {
      if (final[x] !== UNRESOLVED) {
        end = final[x]!
        endHops = end >= 0 ? hops[x]! : 0
        break
      }
      const d = delegate[x]!
      if (d < 0 || d === x) {
        final[x] = x
        hops[x] = 0
        end = x
        break
      }
      if (stamp[x] === r + 1) {
        end = LOST // x is on a cycle that this chain has walked into
        break
      }
      if (len > maxDepth) {
        tooDeep = true
        end = LOST
        break
      }
      stamp[x] = r + 1
      path[len++] = x
      x = d
    }
    if (tooDeep) {
      // the chain from r is longer than maxDepth; rows further along are resolved on their own turn
      final[r] = LOST
      continue
    }
    for (let j = len - 1; j >= 0; j--) {
      const row = path[j]!
      const h = endHops + (len - j)
      if (end === LOST || h > maxDepth) {
        final[row] = LOST
      } else {
        final[row] = end
        hops[row] = h
      }
    }
  }
}

/**
 * Draws who delegates: each citizen row (rows [labs, size)) delegates with
 * probability `rate`, to citizen j (0-based among citizens) with probability
 * ∝ (j + 1)^−s — a few low-numbered citizens become super-delegates; chains
 * form where delegates delegate in turn, and cycles can occur. A draw of
 * oneself is moved to the next citizen. Labs never delegate.
 */
export const drawDelegation = (labs: number, size: number, rate: number, concentration: number, random: RandomStream): Int32Array => {
  const delegate = new Int32Array(size).fill(-1)
  const n = size - labs
  if (n <= 1) return delegate
  const cumulative = new Float64Array(n)
  let total = 0
  for (let j = 0; j < n; j++) {
    total += Math.pow(j + 1, -concentration)
    cumulative[j] = total
  }
  for (let k = 0; k < n; k++) {
    const u = random.double()
    const v = random.double()
    if (u >= rate) continue
    const target = v * total
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cumulative[mid]! > target) hi = mid
      else lo = mid + 1
    }
    const j = lo === k ? (lo + 1) % n : lo
    delegate[labs + k] = labs + j
  }
  return delegate
}

/**
 * `liquid`: liquid democracy over persons (one person one vote, delegable).
 * Each row's persons count for its final voter (resolveDelegation); a final
 * voter who carries anyone else's weight always votes (it accepted the role), a
 * row carrying only itself votes when its turnout draw says so; lost weight
 * counts in the total but never votes. Quorum and threshold as for token voting;
 * gas per person of the final voter (delegated weight rides along).
 *
 * Capture of super-delegates: a lab with something at stake bribes the final
 * voters that carry others' weight, largest first, paying bribePerPerson per
 * person they carry, until its side wins; if its budget cannot win the vote it
 * bribes nobody. A bribed delegate votes the lab's way; the bribe is paid to it.
 */
export const createLiquid = (g: RegimeSetupLike, delegate: Int32Array): Regime & { readonly final: Int32Array } => {
  const params = g.governance.liquid
  const size = g.size
  const final = new Int32Array(size)
  const hops = new Int32Array(size)
  resolveDelegation(delegate, params.maxDepth, final, hops)
  const carried = new Float64Array(size)
  const delegates: Array<number> = [] // final voters that carry others' weight (allocated once)
  const gov = g.governance

  const carry = (people: Float64Array, eligible: Uint8Array): void => {
    carried.fill(0)
    for (let row = 0; row < size; row++) {
      const f = final[row]!
      if (f >= 0 && eligible[row] === 1) carried[f]! += people[row]!
    }
  }

  const regime: Regime & { readonly final: Int32Array } = {
    name: "liquid",
    latency: params.latency,
    continuous: false,
    onChain: true,
    quotaShare: gov.threshold,
    final,
    weights(e, out) {
      carry(e.people, e.eligible)
      for (let row = 0; row < e.size; row++) out[row] = carried[row]!
      out[e.size] = 0
    },
    decide(ballots, votes) {
      return ballots.map((b): Outcome => {
        const e = b.electorate
        clearVotes(votes, e.size)
        carry(e.people, e.eligible)
        const t: Tally = emptyTally()
        let transactions = 0
        delegates.length = 0
        for (let row = 0; row < e.size; row++) {
          if (e.eligible[row] === 1) t.total += e.people[row]!
          const w = carried[row]!
          if (!(w > 0)) continue
          const isDelegate = w > e.people[row]!
          if (isDelegate) delegates.push(row)
          if (!isDelegate && b.participates[row] !== 1) continue
          const gain = b.gain[row]!
          if (gain > 0) t.yes += w
          else if (gain < 0) t.no += w
          else t.abstain += w
          votes.cast[row] = gain > 0 ? w : gain < 0 ? -w : 0
          votes.target[row] = 0
          votes.gas[row] = gov.gasPerVote * e.people[row]!
          transactions += e.people[row]!
        }
        let influencedBy = -1
        // small allocations per decision; decisions are rare
        const payments: Array<Payment> = []
        delegates.sort((a, c) => carried[c]! - carried[a]! || a - c)
        for (const lab of influencers(b)) {
          const want = b.gain[lab]! > 0
          if (outcomeOf(t, gov) === want) continue
          const next: Tally = { ...t }
          const bought: Array<number> = []
          let cost = 0
          for (const d of delegates) {
            const side = votes.cast[d]!
            if (want ? side > 0 : side < 0) continue
            const w = carried[d]!
            if (side > 0) next.yes -= w
            else if (side < 0) next.no -= w
            else next.abstain -= w
            if (want) next.yes += w
            else next.no += w
            cost += params.bribePerPerson * w
            bought.push(d)
            if (outcomeOf(next, gov) === want) break
          }
          if (outcomeOf(next, gov) !== want || !(cost <= Math.min(b.budget[lab]!, e.capital[lab]!))) continue
          t.yes = next.yes
          t.no = next.no
          t.abstain = next.abstain
          for (const d of bought) {
            payments.push({ from: lab, kind: "bribe", amount: params.bribePerPerson * carried[d]!, to: d, units: carried[d]! })
            votes.cast[d] = want ? carried[d]! : -carried[d]!
          }
          influencedBy = lab
        }
        return tallyOutcome(t, gov, influencedBy, "bribed the deciding delegates", transactions, payments)
      })
    },
  }
  return regime
}

type RegimeSetupLike = Pick<Parameters<RegimeFactory>[0], "governance" | "size">

export const liquid: RegimeFactory = (setup) =>
  createLiquid(
    setup,
    drawDelegation(setup.labs, setup.size, setup.governance.liquid.delegationRate, setup.governance.liquid.concentration, setup.random),
  )
