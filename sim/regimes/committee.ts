import { castVote, clearVotes, type Electorate, type Outcome, passes, type Regime, type RegimeFactory } from "./regime.js"

/**
 * `committee`: industry self-regulation. The k eligible labs with the most
 * capital (ties: lower row) each cast one vote by the sign of their own gain;
 * a proposal passes when yes > θ·(yes + no). Off-chain, no quorum, no gas.
 */
export const committee: RegimeFactory = ({ governance: g }) => {
  const k = g.committee.size
  const members = (e: Electorate): Array<number> => {
    // small allocation per decision; decisions are rare
    const rows: Array<number> = []
    for (let i = 0; i < e.labs; i++) if (e.eligible[i] === 1) rows.push(i)
    rows.sort((a, b) => e.capital[b]! - e.capital[a]! || a - b)
    return rows.slice(0, k)
  }
  const regime: Regime = {
    name: "committee",
    latency: g.committee.latency,
    continuous: false,
    onChain: false,
    quotaShare: g.threshold,
    weights(e, out) {
      out.fill(0, 0, e.size + 1)
      for (const row of members(e)) out[row] = 1
    },
    decide(ballots, votes) {
      return ballots.map((b): Outcome => {
        const e = b.electorate
        clearVotes(votes, e.size)
        let yes = 0
        let no = 0
        let abstain = 0
        const seats = members(e)
        for (const row of seats) {
          const gain = b.gain[row]!
          if (gain > 0) yes++
          else if (gain < 0) no++
          else abstain++
          castVote(votes, row, 1, gain)
        }
        const passed = passes(yes, no, g.threshold)
        return {
          status: passed ? "passed" : "rejected",
          reason: passed ? "committee majority for" : "committee majority not for",
          yes,
          no,
          abstain,
          turnout: seats.length > 0 ? 1 : 0,
          quorumMet: true,
          transactions: 0,
          influencedBy: -1,
          payments: [],
        }
      })
    },
  }
  return regime
}
