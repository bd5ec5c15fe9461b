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
  weightNeeded,
  withMargin,
} from "./regime.js"
import { TokenMarket } from "./token-market.js"

/**
 * `token`: one token one vote, on-chain. Every eligible row's tokens count
 * toward the total; a proposal passes when the tokens taking part reach the
 * quorum share of all tokens and yes > θ·(yes + no). Every vote pays gas per
 * transaction (a citizen agent's persons each send one; a lab one).
 *
 * Vote buying: labs with something at stake, largest budget first, buy the
 * fewest tokens that make their side win from the bonding curve
 * (token-market.ts) — if that costs no more than their budget and capital.
 * Bought tokens stay with the lab, so buying concentrates voting power.
 */
export const token: RegimeFactory = ({ governance: g }) => {
  const market = new TokenMarket(g.tokenMarket.price, g.tokenMarket.depth)
  const regime: Regime & { readonly market: TokenMarket } = {
    name: "token",
    latency: g.token.latency,
    continuous: false,
    onChain: true,
    quotaShare: g.threshold,
    market,
    weights(e, out) {
      for (let row = 0; row < e.size; row++) out[row] = e.eligible[row] === 1 ? e.tokens[row]! : 0
      out[e.size] = 0
    },
    decide(ballots, votes) {
      return ballots.map((b): Outcome => {
        const e = b.electorate
        clearVotes(votes, e.size)
        const sincere = sincereTally(b, g, (row) => e.tokens[row]!, (row) => e.people[row]!, votes, true)
        let t: Tally = sincere.tally
        let transactions = sincere.transactions
        let influencedBy = -1
        // small allocation per decision; decisions are rare
        const payments: Array<Payment> = []
        for (const row of influencers(b)) {
          const want = b.gain[row]! > 0
          if (outcomeOf(t, g) === want) continue
          const q = withMargin(weightNeeded(t, g, want))
          if (!Number.isFinite(q)) continue
          const cost = market.cost(q)
          if (!(cost <= Math.min(b.budget[row]!, e.capital[row]!))) continue
          const next: Tally = { yes: t.yes + (want ? q : 0), no: t.no + (want ? 0 : q), abstain: t.abstain, total: t.total + q }
          if (outcomeOf(next, g) !== want) continue
          t = next
          market.buy(q)
          payments.push({ from: row, kind: "tokens", amount: cost, to: -1, units: q })
          const held = Math.abs(votes.cast[row]!)
          votes.cast[row] = want ? held + q : -(held + q)
          votes.target[row] = 0
          if (votes.gas[row] === 0) {
            votes.gas[row] = g.gasPerVote
            transactions += 1
          }
          influencedBy = row
        }
        return tallyOutcome(t, g, influencedBy, "bought the deciding tokens", transactions, payments)
      })
    },
  }
  return regime
}
