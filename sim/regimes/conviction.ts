import type { Governance } from "../scenario/governance.js"
import { type Outcome, type Regime, type RegimeFactory, clearVotes } from "./regime.js"

/** One month of conviction: y(t+1) = α·y(t) + s(t) (BlockScience conviction voting). */
export const convictionStep = (y: number, staked: number, alpha: number): number => alpha * y + staked

/**
 * Conviction a proposal requesting share r of the funds needs to pass:
 *   threshold(r) = ρ · S / ((1 − α) · (β − r)²)   for r < β, else ∞,
 * S the token supply. This is the form of 1Hive's ConvictionVoting.sol
 * (`calculateThreshold`: "ρ * supply / (1 - a) / (β - requestedAmount / total)**2")
 * and BlockScience's cadCAD model of it (github.com/BlockScience/Aragon_Conviction_Voting);
 * at constant stake s conviction tends to s/(1 − α), so a proposal passes
 * eventually iff s/S > ρ/(β − r)² (1Hive forum, "Making sense of the threshold
 * formula in conviction voting", 2021).
 */
export const convictionThreshold = (g: Governance, supply: number, requestedShare: number): number => {
  const c = g.conviction
  if (!(requestedShare < c.beta)) return Infinity
  const gap = c.beta - Math.max(0, requestedShare)
  return (c.rho * supply) / ((1 - c.alpha) * gap * gap)
}

/**
 * `conviction`: continuous signalling with tokens, on-chain. Proposals stay
 * open for `lifetime` months. Every month each participating token holder
 * stakes all its tokens on the open proposal it likes best, if it prefers that
 * one to the status quo (one proposal at a time: no double counting); each
 * proposal's conviction grows as y ← α·y + staked, and it passes the month its
 * conviction reaches threshold(r), r the share of the treasury it requests (its
 * added monthly public-research spending over the balance). There are no "no" votes: opponents simply do not stake. A
 * proposal still short of its threshold after `lifetime` months is rejected.
 * Gas is paid per person each time a holder moves its stake.
 */
export const conviction: RegimeFactory = ({ governance: g, size }) => {
  const c = g.conviction
  const levels = new Map<number, number>() // proposal id → conviction
  const staked = new Map<number, number>() // scratch: proposal id → tokens staked this month
  const lastChoice = new Int32Array(size).fill(-1) // proposal id each row staked on last month
  const regime: Regime & { conviction(proposalId: number): number } = {
    name: "conviction",
    latency: c.latency,
    continuous: true,
    onChain: true,
    quotaShare: 0.5,
    conviction: (id) => levels.get(id) ?? 0,
    weights(e, out) {
      for (let row = 0; row < e.size; row++) out[row] = e.eligible[row] === 1 ? e.tokens[row]! : 0
      out[e.size] = 0
    },
    decide(ballots, votes) {
      if (ballots.length === 0) return []
      const e = ballots[0]!.electorate
      clearVotes(votes, e.size)
      staked.clear()
      for (const b of ballots) staked.set(b.proposalId, 0)
      let supply = 0
      let stakedTotal = 0
      let transactions = 0
      for (let row = 0; row < e.size; row++) {
        if (e.eligible[row] !== 1) continue
        const tokens = e.tokens[row]!
        supply += tokens
        if (!(tokens > 0) || ballots[0]!.participates[row] !== 1) {
          lastChoice[row] = -1
          continue
        }
        let best = -1
        let bestGain = 0
        for (let j = 0; j < ballots.length; j++) {
          const gain = ballots[j]!.gain[row]!
          if (gain > bestGain) {
            best = j
            bestGain = gain
          }
        }
        if (best < 0) {
          lastChoice[row] = -1
          continue
        }
        const id = ballots[best]!.proposalId
        staked.set(id, staked.get(id)! + tokens)
        stakedTotal += tokens
        votes.cast[row] = tokens
        votes.target[row] = best
        if (lastChoice[row] !== id) {
          votes.gas[row] = g.gasPerVote * e.people[row]!
          transactions += e.people[row]!
          lastChoice[row] = id
        }
      }
      return ballots.map((b, j): Outcome => {
        const s = staked.get(b.proposalId)!
        const y = convictionStep(levels.get(b.proposalId) ?? 0, s, c.alpha)
        const threshold = convictionThreshold(g, supply, b.requestedShare)
        const passed = y >= threshold
        const expired = !passed && b.age + 1 >= c.lifetime
        if (passed || expired) levels.delete(b.proposalId)
        else levels.set(b.proposalId, y)
        return {
          status: passed ? "passed" : expired ? "rejected" : "open",
          reason: passed ? "conviction reached the threshold" : expired ? "expired below the threshold" : "gathering conviction",
          yes: s,
          no: 0,
          abstain: 0,
          turnout: supply > 0 ? stakedTotal / supply : 0,
          quorumMet: true,
          transactions: j === 0 ? transactions : 0,
          influencedBy: -1,
          payments: [],
          detail: { conviction: y, threshold: Number.isFinite(threshold) ? threshold : -1, requestedShare: Number.isFinite(b.requestedShare) ? b.requestedShare : -1 },
        }
      })
    },
  }
  return regime
}
