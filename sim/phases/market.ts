import { RULE_CAP, RULES } from "../policy/levers.js"
import type { Phase, PhaseContext } from "./phase.js"

/**
 * The compute market. Labs bring budgets (a share of their capital); providers
 * offer their capacity at their unit cost, cheapest first (merit order). Demand is
 * unit-elastic (a lab spends its whole budget), so the price p solves B/p = S(p):
 * the cheapest provider whose cost exceeds B/(capacity below it) sets it, or
 * scarcity pricing B/(all capacity) when every provider is sold out. Under an
 * enacted compute cap a complying lab whose fleet has reached the cap brings no
 * budget (governance; see sim/MODEL.md §7.7). Providers
 * then reinvest part of their profit in capacity that arrives after a lag.
 */
export const market = ({ scenario, state, accounts }: PhaseContext): Phase => {
  const { labs, providers, world, policy } = state
  const e = scenario.economy
  const produced = accounts.source("compute", "production")
  const productionCost = accounts.sink("capital", "production cost")
  const capex = accounts.sink("capital", "capex")
  const budgets = new Float64Array(labs.size)
  const lag = providers.lag

  return {
    name: "market",
    step(tick) {
      // capacity ordered `lag` ticks ago comes online
      const slot = lag > 0 ? tick % lag : 0
      if (lag > 0) {
        for (let k = 0; k < providers.size; k++) {
          providers.capacity[k]! += providers.pipeline[k * lag + slot]!
          providers.pipeline[k * lag + slot] = 0
        }
      }

      // policy: budgets, clearing price, quantities sold
      let budget = 0
      for (let i = 0; i < labs.size; i++) {
        budgets[i] = labs.active[i] === 1 ? e.computeBudgetShare * labs.capital[i]! : 0
        // an enacted compute cap: a complying lab at or above it buys no more compute
        if (policy.active && labs.compute[i]! >= policy.computeCap && policy.defiant[i * RULES + RULE_CAP] === 0) budgets[i] = 0
        budget += budgets[i]!
      }
      providers.sold.fill(0)
      let price = providers.size > 0 ? providers.unitCost[providers.meritOrder[0]!]! : 0
      let cheaper = 0 // capacity of providers cheaper than the current one
      let cleared = false
      for (let r = 0; r < providers.size && budget > 0; r++) {
        const k = providers.meritOrder[r]!
        const cost = providers.unitCost[k]!
        if (cheaper > 0 && budget / cost <= cheaper) {
          price = budget / cheaper // between the previous cost and this one
          cleared = true
          break
        }
        if (budget / cost <= cheaper + providers.capacity[k]!) {
          price = cost
          providers.sold[k] = budget / cost - cheaper
          cleared = true
          break
        }
        providers.sold[k] = providers.capacity[k]!
        cheaper += providers.capacity[k]!
      }
      if (!cleared && budget > 0) price = cheaper > 0 ? budget / cheaper : world.computePrice
      if (!Number.isFinite(price)) {
        // supply so small that scarcity pricing overflows: treat it as no supply, no trade
        providers.sold.fill(0)
        price = world.computePrice
      }
      world.computePrice = price

      // apply: each provider's output goes to labs in proportion to their budgets
      if (budget > 0 && price > 0) {
        for (let k = 0; k < providers.size; k++) {
          const sold = providers.sold[k]!
          if (sold <= 0) continue
          for (let i = 0; i < labs.size; i++) {
            if (budgets[i]! <= 0) continue
            const units = (sold * budgets[i]!) / budget
            accounts.mint(produced, labs.compute, i, units)
            accounts.transfer("capital", labs.capital, i, providers.capital, k, Math.min(price * units, labs.capital[i]!))
          }
          accounts.burn(productionCost, providers.capital, k, Math.min(providers.unitCost[k]! * sold, providers.capital[k]!))
        }
      }

      // providers reinvest profit in capacity that arrives `lag` ticks from now
      for (let k = 0; k < providers.size; k++) {
        const profit = (price - providers.unitCost[k]!) * providers.sold[k]!
        if (profit <= 0) continue
        const spend = Math.min(e.reinvestShare * profit, providers.capital[k]!)
        accounts.burn(capex, providers.capital, k, spend)
        const units = spend / e.capexPerUnit
        if (lag > 0) providers.pipeline[k * lag + slot]! += units
        else providers.capacity[k]! += units
      }
    },
  }
}
