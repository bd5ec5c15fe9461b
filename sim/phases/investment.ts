import type { Phase, PhaseContext } from "./phase.js"

/**
 * Investors. Labs first pay a share of this tick's revenue to their investors in
 * proportion to the capital each put in. Then every investor invests a share of
 * its cash in one lab drawn with probability ∝ (a + revenue share)^β —
 * preferential attachment (Barabási & Albert 1999) on revenue, the investors'
 * proxy for expected return. Choices are all drawn from the state at the start
 * of the step, then applied.
 */
export const investment = ({ scenario, state, accounts, streams }: PhaseContext): Phase => {
  const { labs, investors } = state
  const e = scenario.economy
  const random = streams("investment")
  const L = labs.size
  const held = new Float64Array(L)
  const cumulative = new Float64Array(L)
  const choice = new Int32Array(investors.size)

  return {
    name: "investment",
    step() {
      // dividends
      held.fill(0)
      for (let v = 0; v < investors.size; v++) {
        const row = v * L
        for (let i = 0; i < L; i++) held[i]! += investors.holdings[row + i]!
      }
      for (let i = 0; i < L; i++) {
        const payout = Math.min(e.payoutRatio * labs.revenue[i]!, labs.capital[i]!)
        if (payout <= 0 || held[i]! <= 0) continue
        let paid = 0
        for (let v = 0; v < investors.size; v++) {
          const h = investors.holdings[v * L + i]!
          if (h <= 0) continue
          const amount = Math.min((payout * h) / held[i]!, payout - paid, labs.capital[i]!)
          accounts.transfer("capital", labs.capital, i, investors.capital, v, amount)
          paid += amount
        }
      }

      // policy: each investor picks a lab
      let revenueTotal = 0
      for (let i = 0; i < L; i++) revenueTotal += labs.active[i] === 1 ? labs.revenue[i]! : 0
      let total = 0
      for (let i = 0; i < L; i++) {
        const share = revenueTotal > 0 ? labs.revenue[i]! / revenueTotal : 0
        total += labs.active[i] === 1 ? Math.pow(e.attachmentBaseline + share, e.attachmentExponent) : 0
        cumulative[i] = total
      }
      for (let v = 0; v < investors.size; v++) {
        const target = random.uniform() * total
        choice[v] = total > 0 ? pick(cumulative, L, target) : -1
      }

      // apply
      for (let v = 0; v < investors.size; v++) {
        const i = choice[v]!
        if (i < 0) continue
        const amount = e.investShare * investors.capital[v]!
        if (amount <= 0) continue
        accounts.transfer("capital", investors.capital, v, labs.capital, i, amount)
        investors.holdings[v * L + i]! += amount
      }
    },
  }
}

/** The first index whose cumulative weight exceeds `target` (binary search). */
const pick = (cumulative: Float64Array, n: number, target: number): number => {
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cumulative[mid]! > target) hi = mid
    else lo = mid + 1
  }
  return lo
}
