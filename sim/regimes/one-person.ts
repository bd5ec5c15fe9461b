import {
  type Outcome,
  type Payment,
  type Regime,
  type RegimeFactory,
  type Tally,
  clearVotes,
  influencers,
  outcomeOf,
  sincereTally,
  tallyOutcome,
  sybilCost,
  weightNeeded,
} from "./regime.js"

/**
 * `one-person`: one identity one vote, on-chain. A citizen agent's weight is the
 * persons it stands for; a lab is one identity. Quorum and threshold as for
 * token voting; gas per person voting.
 *
 * Sybils: a lab can register fake identities. Proof of personhood catches each
 * with probability s, so one surviving Sybil costs c_id / (1 − s) (sybilCost)
 * plus its gas. A lab with something at stake buys the fewest Sybil votes that
 * make its side win, if that fits its budget; Sybils join the electorate (the
 * quorum's total) and are bought per decision.
 */
export const onePerson: RegimeFactory = ({ governance: g }) => {
  const perSybil = sybilCost(g)
  const regime: Regime = {
    name: "one-person",
    latency: g["one-person"].latency,
    continuous: false,
    onChain: true,
    quotaShare: g.threshold,
    weights(e, out) {
      for (let row = 0; row < e.size; row++) out[row] = e.eligible[row] === 1 ? e.people[row]! : 0
      out[e.size] = 0
    },
    decide(ballots, votes) {
      return ballots.map((b): Outcome => {
        const e = b.electorate
        clearVotes(votes, e.size)
        const sincere = sincereTally(b, g, (row) => e.people[row]!, (row) => e.people[row]!, votes, true)
        let t: Tally = sincere.tally
        let transactions = sincere.transactions
        let influencedBy = -1
        // small allocation per decision; decisions are rare
        const payments: Array<Payment> = []
        for (const row of influencers(b)) {
          const want = b.gain[row]! > 0
          if (outcomeOf(t, g) === want || !Number.isFinite(perSybil)) continue
          const need = weightNeeded(t, g, want)
          if (!Number.isFinite(need)) continue
          // whole identities: the smallest count that wins (strict majority may need one more)
          let m = Math.max(1, Math.ceil(need))
          let next: Tally = { yes: t.yes + (want ? m : 0), no: t.no + (want ? 0 : m), abstain: t.abstain, total: t.total + m }
          if (outcomeOf(next, g) !== want) {
            m += 1
            next = { yes: t.yes + (want ? m : 0), no: t.no + (want ? 0 : m), abstain: t.abstain, total: t.total + m }
            if (outcomeOf(next, g) !== want) continue
          }
          const cost = m * perSybil
          const gas = m * g.gasPerVote
          if (!(cost + gas <= Math.min(b.budget[row]!, e.capital[row]! - votes.gas[row]!))) continue
          t = next
          payments.push({ from: row, kind: "identities", amount: cost, to: -1, units: m })
          votes.gas[row]! += gas
          transactions += m
          const own = Math.abs(votes.cast[row]!)
          votes.cast[row] = want ? own + m : -(own + m)
          votes.target[row] = 0
          influencedBy = row
        }
        return tallyOutcome(t, g, influencedBy, "added the deciding Sybil identities", transactions, payments)
      })
    },
  }
  return regime
}
