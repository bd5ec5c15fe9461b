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
  withMargin,
} from "./regime.js"

/**
 * Votes from quadratic voting when `credits` voice credits are split evenly
 * over `identities` identities, each buying v votes for v² credits:
 * k · √(C/k) = √(C·k). One identity with 100 credits has 10 votes; the same
 * credits over 4 identities have 20.
 */
export const quadraticVotes = (credits: number, identities: number): number =>
  credits > 0 && identities > 0 ? Math.sqrt(credits * identities) : 0

/**
 * `quadratic`: quadratic voting with voice credits = governance tokens held
 * (token-weighted QV, as in DAO deployments). Casting v votes costs v²
 * credits; each voter spends all its credits on the decision, so a row votes
 * √(C·k) with k its identities: a citizen agent's tokens are spread over the
 * persons it stands for, a lab is one identity. Quorum and threshold are on
 * votes; gas per person voting.
 *
 * Sybils: splitting credits over more identities raises votes as √k, so a lab
 * with something at stake buys the fewest Sybil identities (at c_id/(1 − s)
 * each, sybilCost) that make its side win, if that fits its budget.
 */
export const quadratic: RegimeFactory = ({ governance: g }) => {
  const perSybil = sybilCost(g)
  const regime: Regime = {
    name: "quadratic",
    latency: g.quadratic.latency,
    continuous: false,
    onChain: true,
    quotaShare: g.threshold,
    weights(e, out) {
      for (let row = 0; row < e.size; row++) out[row] = e.eligible[row] === 1 ? quadraticVotes(e.tokens[row]!, e.people[row]!) : 0
      out[e.size] = 0
    },
    decide(ballots, votes) {
      return ballots.map((b): Outcome => {
        const e = b.electorate
        clearVotes(votes, e.size)
        const sincere = sincereTally(b, g, (row) => quadraticVotes(e.tokens[row]!, e.people[row]!), (row) => e.people[row]!, votes, true)
        let t: Tally = sincere.tally
        let transactions = sincere.transactions
        let influencedBy = -1
        // small allocation per decision; decisions are rare
        const payments: Array<Payment> = []
        for (const row of influencers(b)) {
          const want = b.gain[row]! > 0
          const credits = e.tokens[row]!
          if (outcomeOf(t, g) === want || !(credits > 0) || !Number.isFinite(perSybil)) continue
          const need = weightNeeded(t, g, want)
          if (!Number.isFinite(need)) continue
          const own = quadraticVotes(credits, 1)
          const target = own + withMargin(need)
          const identities = Math.ceil((target * target) / credits)
          const sybils = identities - 1
          const added = quadraticVotes(credits, identities) - own
          const next: Tally = { yes: t.yes + (want ? added : 0), no: t.no + (want ? 0 : added), abstain: t.abstain, total: t.total + added }
          if (sybils < 1 || outcomeOf(next, g) !== want) continue
          const cost = sybils * perSybil
          const gas = sybils * g.gasPerVote
          if (!(cost + gas <= Math.min(b.budget[row]!, e.capital[row]! - votes.gas[row]!))) continue
          t = next
          payments.push({ from: row, kind: "identities", amount: cost, to: -1, units: sybils })
          votes.gas[row]! += gas
          transactions += sybils
          votes.cast[row] = want ? own + added : -(own + added)
          votes.target[row] = 0
          influencedBy = row
        }
        return tallyOutcome(t, g, influencedBy, "split its credits over Sybil identities", transactions, payments)
      })
    },
  }
  return regime
}
