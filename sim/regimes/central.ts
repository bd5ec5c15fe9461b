import { clearVotes, type Outcome, type Payment, type Regime, type RegimeFactory } from "./regime.js"
import { exp } from "../math/fdlibm.js"

/**
 * `central`: one authority decides alone, fast and off-chain. Its ideal point is
 * the citizens' per-lever median, so uncaptured it passes a proposal iff the
 * proposal is closer to that median than the status quo.
 *
 * Lobbying and capture: every lab whose preferred outcome differs from the
 * authority's spends its influence budget L_i on lobbying (a sink). Lab i then
 * captures this decision with probability
 *   π_i = 1 − exp(−ε · k_i · L_i / (ℓ · K)),
 * K the eligible labs' capital, k_i = K_i / K the lab's share of it, ε the
 * lobbying effectiveness and ℓ the lobbying scale (a share of K, so the rule
 * does not drift as the industry grows): rising with both spend and size. One uniform u decides:
 * lab i captures when u falls in its slice of the cumulative π (rescaled to 1 if
 * Σπ > 1), and the decision follows its preference.
 */
export const central: RegimeFactory = ({ governance: g, random }) => {
  const c = g.central
  const regime: Regime = {
    name: "central",
    latency: c.latency,
    continuous: false,
    onChain: false,
    quotaShare: 0.5,
    weights(e, out) {
      out.fill(0, 0, e.size)
      out[e.size] = 1
    },
    decide(ballots, votes) {
      return ballots.map((b): Outcome => {
        const e = b.electorate
        clearVotes(votes, e.size)
        const sincere = b.authorityGain > 0
        let capitalTotal = 0
        for (let i = 0; i < e.labs; i++) if (e.eligible[i] === 1) capitalTotal += e.capital[i]!
        // small allocation per decision; decisions are rare
        const payments: Array<Payment> = []
        const lobbyists: Array<{ row: number; pi: number }> = []
        let piSum = 0
        for (let i = 0; i < e.labs; i++) {
          if (e.eligible[i] !== 1 || b.gain[i] === 0 || b.gain[i]! > 0 === sincere) continue
          const spend = Math.min(b.budget[i]!, e.capital[i]!)
          if (!(spend > 0)) continue
          const share = capitalTotal > 0 ? e.capital[i]! / capitalTotal : 0
          const pi = 1 - exp((-c.lobbyingEffectiveness * share * spend) / (c.lobbyingScale * capitalTotal))
          payments.push({ from: i, kind: "lobbying", amount: spend, to: -1, units: 0 })
          lobbyists.push({ row: i, pi })
          piSum += pi
        }
        // one draw per decision whether or not anyone lobbied, so the stream stays aligned
        const u = random.double()
        let captor = -1
        let cumulative = 0
        const scale = piSum > 1 ? 1 / piSum : 1
        for (const { row, pi } of lobbyists) {
          cumulative += pi * scale
          if (u < cumulative) {
            captor = row
            break
          }
        }
        const passed = captor >= 0 ? b.gain[captor]! > 0 : sincere
        return {
          status: passed ? "passed" : "rejected",
          reason: captor >= 0 ? `authority captured by lab ${captor}` : passed ? "authority prefers the proposal" : "authority prefers the status quo",
          yes: passed ? 1 : 0,
          no: passed ? 0 : 1,
          abstain: 0,
          turnout: 1,
          quorumMet: true,
          transactions: 0,
          influencedBy: captor,
          payments,
        }
      })
    },
  }
  return regime
}
