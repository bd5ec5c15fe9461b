/**
 * Properties of the regimes' decision rules on hand-built electorates: each
 * regime's `decide` is a pure function over typed arrays (sim/regimes/regime.ts),
 * so these build ballots directly, as test/governance does, with parameters
 * drawn by the `governance` arbitrary and decoded by the schema.
 */
import fc from "fast-check"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { central } from "../../sim/regimes/central.js"
import { committee } from "../../sim/regimes/committee.js"
import { conviction } from "../../sim/regimes/conviction.js"
import { LOST, createLiquid, resolveDelegation } from "../../sim/regimes/liquid.js"
import { onePerson } from "../../sim/regimes/one-person.js"
import { quadratic, quadraticVotes } from "../../sim/regimes/quadratic.js"
import type { Ballot, Electorate, Outcome, RegimeFactory, Votes } from "../../sim/regimes/regime.js"
import { token } from "../../sim/regimes/token.js"
import type { RandomStream } from "../../sim/rng/streams.js"
import { Governance } from "../../sim/scenario/governance.js"
import { type JsonObject, governance as governanceBlock } from "./arbitraries.js"
import { check } from "./support.js"

// ---------------------------------------------------------------------------
// Hand-built electorates

interface Row {
  readonly eligible: boolean
  readonly tokens: number
  readonly people: number
  readonly capital: number
  readonly gain: number
  readonly participates: boolean
  readonly budget: number
}

interface Case {
  readonly labs: ReadonlyArray<Row>
  readonly citizens: ReadonlyArray<Row>
}

const rowsOf = (c: Case): ReadonlyArray<Row> => [...c.labs, ...c.citizens]

const electorateOf = (c: Case): Electorate => {
  const all = rowsOf(c)
  return {
    labs: c.labs.length,
    size: all.length,
    eligible: Uint8Array.from(all, (r) => (r.eligible ? 1 : 0)),
    tokens: Float64Array.from(all, (r) => r.tokens),
    people: Float64Array.from(all, (r) => r.people),
    capital: Float64Array.from(all, (r) => r.capital),
  }
}

const ballotOf = (c: Case, extra: Partial<Ballot> = {}): Ballot => {
  const all = rowsOf(c)
  return {
    electorate: electorateOf(c),
    proposalId: 0,
    age: 0,
    gain: Float64Array.from(all, (r) => r.gain),
    participates: Uint8Array.from(all, (r) => (r.participates ? 1 : 0)),
    // as the phase does: only labs have influence budgets
    budget: Float64Array.from(all, (r, i) => (i < c.labs.length ? r.budget : 0)),
    authorityGain: 0,
    requestedShare: 0,
    ...extra,
  }
}

const votesFor = (size: number): Votes => ({ gas: new Float64Array(size), cast: new Float64Array(size), target: new Int32Array(size) })

const random: RandomStream = { uniform: () => 0.5, double: () => 0.5 }

const decide = (factory: RegimeFactory, g: Governance, b: Ballot): { outcome: Outcome; votes: Votes } => {
  const regime = factory({ governance: g, labs: b.electorate.labs, size: b.electorate.size, random })
  const votes = votesFor(b.electorate.size)
  return { outcome: regime.decide([b], votes)[0]!, votes }
}

const decodeGovernance = Schema.decodeUnknownSync(Governance)
const governanceFor = (regime: string, overrides: JsonObject = {}): fc.Arbitrary<Governance> =>
  governanceBlock(fc.constant(regime as never)).map((block) => decodeGovernance({ ...block, ...overrides }))

const within = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
const edgy = (lo: number, hi: number) => fc.oneof({ weight: 1, arbitrary: fc.constantFrom(lo, hi) }, { weight: 3, arbitrary: within(lo, hi) })
const gainArb = fc.oneof(fc.constantFrom(-1, 1, 0), within(-1, 1))
const nonzeroGain = fc.oneof(fc.constantFrom(-1, 1, -1e-9, 1e-9), within(-1, 1).filter((x) => x !== 0))

/** Any row; `lab` rows stand for one identity, as in the phase. */
const row = (lab: boolean): fc.Arbitrary<Row> =>
  fc.record({
    eligible: fc.boolean(),
    tokens: fc.oneof(fc.constant(0), edgy(0, 1e6)),
    people: lab ? fc.constant(1) : fc.oneof(fc.constant(1), edgy(1, 1e5)),
    capital: fc.oneof(fc.constant(0), edgy(0, 1e9)),
    gain: gainArb,
    participates: fc.boolean(),
    budget: lab ? fc.oneof(fc.constant(0), edgy(0, 1e7)) : fc.constant(0),
  })

/** An electorate of up to 4 labs and 6 citizen agents (at least one row). */
const caseArb = (labRow = row(true), citizenRow = row(false)): fc.Arbitrary<Case> =>
  fc
    .record({ labs: fc.array(labRow, { maxLength: 4 }), citizens: fc.array(citizenRow, { maxLength: 6 }) })
    .filter((c) => c.labs.length + c.citizens.length > 0)

const show = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v === Infinity ? "Infinity" : v)))

// ---------------------------------------------------------------------------

describe("regime properties: one voter", () => {
  /**
   * One eligible, participating row with weight; every other row ineligible
   * (with random tokens, gains, budgets — none of it may matter). What "does
   * what it wants" means per regime:
   *  • central: the authority's ideal point is the citizens' median; with one
   *    voter that is the voter's ideal, so the authority's gain is the voter's
   *    (citizenUtility = −distance). No eligible lab disagrees, so nobody lobbies.
   *  • committee: only eligible labs sit. A lab voter decides alone; a citizen
   *    voter leaves the committee empty, and an empty committee passes nothing.
   *  • token, one-person, quadratic, liquid: the voter's weight is all the
   *    eligible weight, so any quorum ≤ 1 is met; yes > θ·yes needs θ < 1 (at
   *    θ = 1 nothing can pass).
   *  • conviction (tested below): accumulates over months.
   * In every regime a voter against (gain < 0) gets a rejection.
   */
  const oneVoter = (regime: string) =>
    fc
      .record({
        others: caseArb(row(true).map((r) => ({ ...r, eligible: false })), row(false).map((r) => ({ ...r, eligible: false }))),
        lab: fc.boolean(),
        at: fc.nat(),
        voter: fc.record({
          tokens: edgy(1e-3, 1e6),
          people: fc.oneof(fc.constant(1), edgy(1, 1e5)),
          capital: fc.oneof(fc.constant(0), edgy(0, 1e9)),
          budget: fc.oneof(fc.constant(0), edgy(0, 1e7)),
          gain: nonzeroGain,
        }),
        delegate: fc.array(fc.integer({ min: -1, max: 10 }), { minLength: 11, maxLength: 11 }),
        g: governanceFor(regime),
      })
      .map(({ others, lab, at, voter, delegate, g }) => {
        const list = lab ? [...others.labs] : [...others.citizens]
        const where = at % (list.length + 1)
        list.splice(where, 0, { eligible: true, participates: true, ...voter, people: lab ? 1 : voter.people, budget: lab ? voter.budget : 0 })
        const c: Case = lab ? { labs: list, citizens: others.citizens } : { labs: others.labs, citizens: list }
        const row = lab ? where : c.labs.length + where
        const size = c.labs.length + c.citizens.length
        // others delegate anywhere (they are ineligible: their weight is not carried); the voter votes itself
        const d = Int32Array.from({ length: size }, (_, i) => (i === row ? -1 : delegate[i]! % size))
        return { c, row, lab, gain: voter.gain, g, delegate: d }
      })

  const expectations: ReadonlyArray<[string, RegimeFactory | "liquid", (x: { lab: boolean; g: Governance }) => boolean]> = [
    ["central", central, () => true],
    ["committee", committee, ({ lab, g }) => lab && g.threshold < 1],
    ["token", token, ({ g }) => g.threshold < 1],
    ["one-person", onePerson, ({ g }) => g.threshold < 1],
    ["quadratic", quadratic, ({ g }) => g.threshold < 1],
    ["liquid", "liquid", ({ g }) => g.threshold < 1],
  ]

  for (const [name, factory, canPass] of expectations) {
    it(`${name}: a lone voter for passes (when the regime can pass anything with one voter), a lone voter against fails`, () => {
      check(oneVoter(name), ({ c, row, lab, gain, g, delegate }) => {
        const b = ballotOf(c, { authorityGain: gain })
        const outcome = factory === "liquid"
          ? createLiquid({ governance: g, size: b.electorate.size }, delegate).decide([b], votesFor(b.electorate.size))[0]!
          : decide(factory, g, b).outcome
        const want = gain > 0 && canPass({ lab, g })
        expect(outcome.status, `voter row ${row} (gain ${gain}): ${outcome.reason}`).toBe(want ? "passed" : "rejected")
        if (name !== "central" && name !== "committee") expect(outcome.quorumMet).toBe(true)
      }, { show: ({ c, row, g, delegate }) => show({ case: c, voterRow: row, delegate, governance: g }) })
    })
  }

  it("conviction: a lone holder for passes within the months its conviction needs, when it can; a holder against never passes", () => {
    /**
     * One holder staking s of a supply s: conviction after t months is
     * s(1 − αᵗ)/(1 − α) against the threshold ρ·s/((1 − α)(β − r)²), so it passes
     * in the first month t with 1 − αᵗ ≥ ρ/(β − r)² — never if ρ ≥ (β − r)² or
     * r ≥ β (the regime cannot pass that request). The proposal stays open for
     * T + 1 months (T that month, one spare for rounding), and must pass by then.
     */
    const arb = fc
      .record({
        voter: oneVoter("conviction"),
        alpha: edgy(0, 0.999),
        beta: edgy(1e-3, 1),
        rShare: fc.oneof(fc.constant(0), within(0, 0.99)),
        ratio: fc.oneof(fc.constant(0.999), within(1e-6, 0.999)),
        impossible: fc.oneof({ weight: 4, arbitrary: fc.constant<number | null>(null) }, { weight: 1, arbitrary: fc.constantFrom(1, 2, Infinity) }),
      })
      .map(({ voter, alpha, beta, rShare, ratio, impossible }) => {
        const r = impossible === null ? beta * rShare : beta * impossible
        const gap = beta - beta * rShare
        const rho = ratio * gap * gap
        const months = alpha === 0 ? 1 : Math.max(1, Math.ceil(Math.log(1 - ratio) / Math.log(alpha)))
        const lifetime = Math.min(100_000, months + 1)
        const g = decodeGovernance({ ...Schema.encodeSync(Governance)(voter.g), conviction: { alpha, beta, rho, lifetime, latency: 1 } })
        return { ...voter, g, r, months }
      })
    check(arb, ({ c, gain, g, r, months }) => {
      const regime = conviction({ governance: g, labs: c.labs.length, size: c.labs.length + c.citizens.length, random })
      const votes = votesFor(c.labs.length + c.citizens.length)
      const statuses: Array<string> = []
      for (let age = 0; age < g.conviction.lifetime; age++) {
        const outcome = regime.decide([ballotOf(c, { age, requestedShare: r })], votes)[0]!
        statuses.push(outcome.status)
        if (outcome.status !== "open") break
      }
      const last = statuses[statuses.length - 1]
      const can = gain > 0 && r < g.conviction.beta
      expect(last, `after ${statuses.length} months (expected by month ${months}): ${statuses.slice(-3).join(", ")}`).toBe(can ? "passed" : "rejected")
      if (!can) expect(statuses.length).toBe(g.conviction.lifetime)
    }, { show: ({ c, g, r, months }) => show({ case: c, requestedShare: r, months, governance: g }) })
  })
})

describe("regime properties: who holds what", () => {
  it("one-person: moving tokens between citizens changes nothing (same outcome, same cast weights and gas)", () => {
    const moves = fc.array(fc.record({ from: fc.nat(), to: fc.nat(), share: edgy(0, 1) }), { minLength: 1, maxLength: 6 })
    check(fc.record({ c: caseArb().filter((c) => c.citizens.length > 0), moves, g: governanceFor("one-person") }), ({ c, moves, g }) => {
      const tokens = c.citizens.map((r) => r.tokens)
      for (const { from, to, share } of moves) {
        const a = from % tokens.length
        const amount = tokens[a]! * share
        tokens[a]! -= amount
        tokens[to % tokens.length]! += amount
      }
      const moved: Case = { labs: c.labs, citizens: c.citizens.map((r, k) => ({ ...r, tokens: tokens[k]! })) }
      const before = decide(onePerson, g, ballotOf(c))
      const after = decide(onePerson, g, ballotOf(moved))
      expect(after.outcome).toEqual(before.outcome)
      expect(Array.from(after.votes.cast)).toEqual(Array.from(before.votes.cast))
      expect(Array.from(after.votes.gas)).toEqual(Array.from(before.votes.gas))
    }, { show: ({ c, moves, g }) => show({ case: c, moves, governance: g }) })
  })

  it("token: a holder with more than θ of the participating tokens passes what it wants, with at least 1 − θ it blocks (quorum met, no vote buying)", () => {
    /**
     * Passing needs yes > θ(yes + no): a holder for with share s > θ of all
     * participating tokens gets it whatever the rest do. Blocking needs
     * yes ≤ θ(yes + no): a holder against needs s ≥ 1 − θ (for θ < ½ a share
     * above θ alone is not enough: 20% against 80% for passes at θ = 0.1).
     * Labs' budgets are 0 here: with vote buying a lab may outbid the holder.
     */
    const arb = fc
      .record({
        // token amounts 0 or ≥ 1e-6: in the subnormal range yes > θ(yes + no) is decided by rounding, not by shares
        c: caseArb(row(true).map((r) => ({ ...r, budget: 0, tokens: r.tokens < 1e-6 ? 0 : r.tokens })), row(false).map((r) => ({ ...r, tokens: r.tokens < 1e-6 ? 0 : r.tokens }))),
        holderIsLab: fc.boolean(),
        at: fc.nat(),
        gain: nonzeroGain,
        above: within(0.01, 0.99),
        quorumShare: fc.oneof(fc.constant(0), within(0, 0.999)),
        g: governanceFor("token"),
      })
      // a share in (needed, 1) must leave room for the others: needed ≤ 0.999 (θ = 1 cannot pass at all)
      .filter(({ gain, g }) => (gain > 0 ? g.threshold : 1 - g.threshold) <= 0.999)
      .map(({ c, holderIsLab, at, gain, above, quorumShare, g }) => {
        const participating = rowsOf(c).reduce((sum, r) => sum + (r.eligible && r.participates ? r.tokens : 0), 0)
        const needed = gain > 0 ? g.threshold : 1 - g.threshold
        const share = needed + (1 - needed) * above
        const tokens = participating > 0 ? (participating * share) / (1 - share) : 1
        const holder: Row = { eligible: true, participates: true, tokens, people: 1, capital: 1e6, gain, budget: 0 }
        const list = holderIsLab ? [...c.labs] : [...c.citizens]
        const where = at % (list.length + 1)
        list.splice(where, 0, holder)
        const withHolder: Case = holderIsLab ? { labs: list, citizens: c.citizens } : { labs: c.labs, citizens: list }
        const all = rowsOf(withHolder)
        const total = all.reduce((sum, r) => sum + (r.eligible ? r.tokens : 0), 0)
        const taking = all.reduce((sum, r) => sum + (r.eligible && r.participates ? r.tokens : 0), 0)
        const quorum = total > 0 ? (taking / total) * quorumShare : 0
        return { c: withHolder, holder: holderIsLab ? where : withHolder.labs.length + where, gain, g: decodeGovernance({ ...Schema.encodeSync(Governance)(g), quorum }), share: tokens / (tokens + participating) }
      })
    check(arb, ({ c, holder, gain, g, share }) => {
      const { outcome } = decide(token, g, ballotOf(c))
      expect(outcome.quorumMet).toBe(true)
      expect(outcome.status, `holder row ${holder} with ${share} of the participating tokens, θ = ${g.threshold}: ${outcome.reason}`).toBe(gain > 0 ? "passed" : "rejected")
    }, { show: ({ c, holder, g }) => show({ case: c, holderRow: holder, governance: g }) })
  })
})

describe("regime properties: liquid delegation", () => {
  /** Reference rule (sim/regimes/liquid.ts): follow the chain at most maxDepth hops; a row that does not delegate ends it, else the weight is lost. */
  const reference = (delegate: Int32Array, maxDepth: number, row: number): { final: number; hops: number } => {
    let x = row
    for (let hops = 0; hops <= maxDepth; hops++) {
      const d = delegate[x]!
      if (d < 0 || d === x) return { final: x, hops }
      x = d
    }
    return { final: LOST, hops: -1 }
  }

  const delegation = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      delegate: fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: n - 1 })), { minLength: n, maxLength: n }).map((a) => Int32Array.from(a)),
      maxDepth: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: n + 2 }), fc.constant(32)),
    })
  )

  it("every row resolves to exactly one final voter (a row that does not delegate) within maxDepth hops, or to none on a cycle or a longer chain", () => {
    check(delegation, ({ delegate, maxDepth }) => {
      const n = delegate.length
      const final = new Int32Array(n)
      const hops = new Int32Array(n)
      resolveDelegation(delegate, maxDepth, final, hops)
      for (let row = 0; row < n; row++) {
        const want = reference(delegate, maxDepth, row)
        expect(final[row], `row ${row}`).toBe(want.final)
        if (want.final !== LOST) {
          expect(hops[row], `hops of row ${row}`).toBe(want.hops)
          const f = final[row]!
          expect(delegate[f]! < 0 || delegate[f] === f, `final voter ${f} of row ${row} delegates`).toBe(true)
        }
      }
    }, { show: ({ delegate, maxDepth }) => ({ delegate: Array.from(delegate), maxDepth }) })
  })

  it("weight is conserved: final voters' weight + lost weight = all eligible weight", () => {
    // as in the phase: labs never delegate, citizens delegate to citizens (every citizen may), every citizen is eligible
    const arb = fc
      .record({ c: caseArb(row(true), row(false).map((r) => ({ ...r, eligible: true }))), targets: fc.array(fc.integer({ min: -1, max: 40 }), { minLength: 10, maxLength: 10 }), everyone: fc.boolean(), maxDepth: fc.integer({ min: 1, max: 8 }) })
      .filter(({ c }) => c.citizens.length > 0)
    check(arb, ({ c, targets, everyone, maxDepth }) => {
      const L = c.labs.length
      const C = c.citizens.length
      const delegate = Int32Array.from({ length: L + C }, (_, i) => {
        if (i < L) return -1
        const t = targets[i - L]!
        return t < 0 && !everyone ? -1 : L + (Math.abs(t) % C)
      })
      const g = decodeGovernance({ regime: "liquid", liquid: { maxDepth } })
      const regime = createLiquid({ governance: g, size: L + C }, delegate)
      const e = electorateOf(c)
      const w = new Float64Array(L + C + 1)
      regime.weights(e, w)
      let all = 0
      let lost = 0
      let carried = 0
      for (let row = 0; row < L + C; row++) {
        if (e.eligible[row] === 1) all += e.people[row]!
        if (e.eligible[row] === 1 && regime.final[row] === LOST) lost += e.people[row]!
        carried += w[row]!
        if (w[row]! > 0) expect(regime.final[row], `row ${row} carries weight but is not a final voter`).toBe(row)
      }
      expect(carried + lost).toBeCloseTo(all, 6)
      expect(Math.abs(carried + lost - all)).toBeLessThanOrEqual(1e-9 * all)
    }, { show: ({ c, targets, everyone, maxDepth }) => show({ case: c, targets, everyone, maxDepth }) })
  })
})

describe("regime properties: quadratic voting", () => {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))

  it("c credits give √c votes per identity; split over k identities they give k·√(c/k) = √(c·k)", () => {
    check(fc.record({ c: fc.oneof(edgy(0, 1e12), fc.integer({ min: 0, max: 1_000_000 })), k: fc.integer({ min: 1, max: 10_000 }) }), ({ c, k }) => {
      expect(close(quadraticVotes(c, 1), Math.sqrt(c)), `√${c}`).toBe(true)
      expect(close(quadraticVotes(c, k), Math.sqrt(c * k)), `√(${c}·${k})`).toBe(true)
      expect(close(quadraticVotes(c, k), k * Math.sqrt(c / k)), `${k}·√(${c}/${k})`).toBe(true)
      // the Sybil gain: k identities multiply the votes by √k
      if (c > 0) expect(close(quadraticVotes(c, k) / quadraticVotes(c, 1), Math.sqrt(k))).toBe(true)
    })
  })

  it("in a decision every row casts √(tokens·identities): a citizen agent over its persons, a lab over itself and the Sybils it bought", () => {
    check(fc.record({ c: caseArb(), g: governanceFor("quadratic") }), ({ c, g }) => {
      const b = ballotOf(c)
      const { outcome, votes } = decide(quadratic, g, b)
      const sybils = new Map<number, number>()
      for (const p of outcome.payments) if (p.kind === "identities") sybils.set(p.from, (sybils.get(p.from) ?? 0) + p.units)
      rowsOf(c).forEach((r, i) => {
        const cast = Math.abs(votes.cast[i]!)
        if (cast === 0) return
        const identities = r.people + (sybils.get(i) ?? 0)
        expect(close(cast, Math.sqrt(r.tokens * identities)), `row ${i}: cast ${cast}, tokens ${r.tokens}, identities ${identities}`).toBe(true)
      })
    }, { show: ({ c, g }) => show({ case: c, governance: g }) })
  })
})

describe("regime properties: Sybils and the identity cost", () => {
  /**
   * The purchase rule (one-person.ts, quadratic.ts): each lab with a stake, in
   * budget order, computes the identities it needs from the tally alone (not
   * from the price) and buys them iff (identities × cost/(1 − s) + gas) fits
   * its budget and capital. With ONE lab that is monotone in the cost: the same
   * count is affordable at a lower cost. With several labs the code promises
   * nothing: a purchase by one lab changes what the next one needs.
   */
  const sybilsOf = (factory: RegimeFactory, g: Governance, c: Case): { units: number; weight: number; share: number } => {
    const { outcome, votes } = decide(factory, g, ballotOf(c))
    let units = 0
    let weight = 0
    for (const p of outcome.payments) {
      if (p.kind !== "identities") continue
      units += p.units
      // one-person: one vote per Sybil; quadratic: what the Sybils added to the lab's √(credits·identities)
      weight += factory === onePerson ? p.units : Math.abs(votes.cast[p.from]!) - Math.sqrt(rowsOf(c)[p.from]!.tokens)
    }
    const taking = outcome.yes + outcome.no + outcome.abstain
    return { units, weight, share: taking > 0 ? weight / taking : 0 }
  }

  const costs = fc.tuple(fc.oneof(fc.constant(0), edgy(0, 1e5)), fc.oneof(fc.constant(0), edgy(0, 1e5))).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)

  for (const [name, factory] of [["one-person", onePerson], ["quadratic", quadratic]] as const) {
    const monotone = (labs: fc.Arbitrary<ReadonlyArray<Row>>) =>
      check(fc.record({ labs, citizens: fc.array(row(false), { maxLength: 6 }), g: governanceFor(name), costs }), ({ labs, citizens, g, costs: [lo, hi] }) => {
        const c: Case = { labs, citizens }
        const encoded = Schema.encodeSync(Governance)(g)
        const at = (cost: number) => sybilsOf(factory, decodeGovernance({ ...encoded, identity: { ...encoded.identity, cost } }), c)
        const cheap = at(lo)
        const dear = at(hi)
        expect(dear.units, `Sybils bought at cost ${hi} (${dear.units}) vs at ${lo} (${cheap.units})`).toBeLessThanOrEqual(cheap.units)
        expect(dear.share, `Sybil share of the weight at cost ${hi} (${dear.share}) vs at ${lo} (${cheap.share})`).toBeLessThanOrEqual(cheap.share + 1e-12)
      }, { show: ({ labs, citizens, g, costs }) => show({ case: { labs, citizens }, costs, governance: g }) })

    it(`${name}: with one lab, raising identityCost never raises the Sybils bought nor their share of the weight`, () => {
      monotone(row(true).map((r) => [{ ...r, eligible: true }]))
    })

    it(`${name}: with several labs, raising identityCost never raises the Sybils bought nor their share of the weight`, () => {
      monotone(fc.array(row(true).map((r) => ({ ...r, eligible: true })), { minLength: 2, maxLength: 4 }))
    })
  }
})
