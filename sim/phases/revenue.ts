import type { Phase, PhaseContext } from "./phase.js"
import { exp, log } from "../math/fdlibm.js"

/**
 * Citizens earn, consume and buy AI services; labs earn by market share.
 * Income_k(t) = income_k · (1 + v·(2u − 1)), u uniform: a source. A share goes to
 * AI services, a share is saved, the rest is consumed (a sink). Labs split the AI
 * spending by a Tullock contest on their knowledge stock,
 * share_i = K_i^γ / Σ_j K_j^γ (γ > 1: winner-take-most). Each citizen gains
 * consumer benefit spending · b · 10^(ρ (c̄ − c_ref)), where c̄ is the
 * share-weighted capability of the labs that served the market.
 */
export const revenue = ({ scenario, state, accounts, streams }: PhaseContext): Phase => {
  const { labs, citizens, world } = state
  const e = scenario.economy
  const risk = scenario.risk
  const random = streams("revenue")
  const income = accounts.source("capital", "income")
  const consumption = accounts.sink("capital", "consumption")
  const shares = new Float64Array(labs.size)
  const n = citizens.size
  const earned = citizens.earned
  const consumedShare = 1 - e.savingsRate - e.aiSpendShare

  return {
    name: "revenue",
    step() {
      // labs' market shares from the state at the start of the phase
      let logMax = -Infinity
      for (let i = 0; i < labs.size; i++) {
        if (labs.active[i] === 1 && labs.knowledge[i]! > 0) logMax = Math.max(logMax, log(labs.knowledge[i]!))
      }
      let weightSum = 0
      for (let i = 0; i < labs.size; i++) {
        const w = labs.active[i] === 1 && labs.knowledge[i]! > 0 ? exp(e.winnerTakeMost * (log(labs.knowledge[i]!) - logMax)) : 0
        shares[i] = w
        weightSum += w
      }
      let served = 0
      let lastLab = -1
      for (let i = 0; i < labs.size; i++) {
        shares[i] = weightSum > 0 ? shares[i]! / weightSum : 0
        served += shares[i]! * labs.capability[i]!
        if (shares[i]! > 0) lastLab = i
      }
      const benefitPerDollar = e.consumerSurplus * Math.pow(10, e.capabilityReturns * (served - risk.referenceCapability))

      // citizens: income with noise (and the benefit of the AI services it buys),
      // then one budget pass: consumption and AI spending out of the income
      const volatility = e.incomeVolatility
      const aiShare = lastLab < 0 ? 0 : e.aiSpendShare
      const benefitShare = aiShare * benefitPerDollar
      let earnedTotal = 0
      for (let k = 0; k < n; k++) {
        const amount = citizens.income[k]! * (1 + volatility * (2 * random.uniform() - 1))
        earned[k] = amount
        earnedTotal += amount
        citizens.benefit[k]! += benefitShare * amount
      }
      world.cumulativeBenefit += benefitShare * earnedTotal
      const spent = accounts.receiveAndSpendEach(income, consumption, citizens.capital, earned, n, consumedShare, aiShare, world.serviceEscrow, 0)

      // labs: the escrow is paid out by share, the last lab takes the exact remainder
      for (let i = 0; i < labs.size; i++) {
        if (shares[i]! <= 0) {
          labs.revenue[i] = 0
          continue
        }
        const amount = i === lastLab ? world.serviceEscrow[0]! : Math.min(shares[i]! * spent, world.serviceEscrow[0]!)
        labs.revenue[i] = amount
        accounts.transfer("capital", world.serviceEscrow, 0, labs.capital, i, amount)
      }
    },
  }
}
