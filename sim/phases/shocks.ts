import { mean } from "../scenario/distribution.js"
import type { Shock } from "../scenario/shock.js"
import { seedKnowledge } from "../state/labs.js"
import type { Phase, PhaseContext } from "./phase.js"

/** Applies the scenario's shocks at the start of their tick. */
export const shocks = ({ scenario, state, accounts }: PhaseContext): Phase => {
  const { labs, providers, investors, citizens } = state
  const capitalUp = accounts.source("capital", "shock")
  const capitalDown = accounts.sink("capital", "shock")
  const computeUp = accounts.source("compute", "shock")
  const computeDown = accounts.sink("compute", "shock")
  const entrantCapital = accounts.source("capital", "entrant")
  const entrantCompute = accounts.source("compute", "entrant")
  const byTick = new Map<number, Array<Shock>>()
  for (const shock of scenario.shocks) byTick.set(shock.tick, [...(byTick.get(shock.tick) ?? []), shock])
  let nextEntrantRow = scenario.populations.labs.count
  const entrantCompliance = Math.min(1, Math.max(0, mean(scenario.populations.labs.compliance)))
  const e = scenario.economy
  // the training phase's efficiency(t), which has not run yet this tick
  const efficiencyAt = (tick: number) => Math.pow((1 + e.hardwareEfficiencyGrowth) * (1 + e.algorithmicEfficiencyGrowth), tick)

  const capitalOf = (target: "labs" | "providers" | "investors" | "citizens") =>
    target === "labs" ? labs.capital
    : target === "providers" ? providers.capital
    : target === "investors" ? investors.capital
    : citizens.capital

  return {
    name: "shocks",
    step(tick) {
      const due = byTick.get(tick)
      if (due === undefined) return
      for (const shock of due) {
        if (shock.kind === "compute") {
          if (shock.target === "providers") {
            for (let k = 0; k < providers.size; k++) providers.capacity[k]! *= shock.factor
          } else {
            accounts.scale(computeUp, computeDown, labs.compute, labs.size, shock.factor)
          }
        } else if (shock.kind === "capital") {
          const balances = capitalOf(shock.target)
          accounts.scale(capitalUp, capitalDown, balances, balances.length, shock.factor)
        } else {
          const row = nextEntrantRow++
          labs.active[row] = 1
          labs.safetyShare[row] = shock.safetyShare
          // an entrant obeys enacted policy like the average incumbent (the compliance distribution's mean)
          labs.compliance[row] = entrantCompliance
          accounts.mint(entrantCapital, labs.capital, row, shock.capital)
          accounts.mint(entrantCompute, labs.compute, row, shock.compute)
          seedKnowledge(labs, row, scenario, efficiencyAt(tick))
        }
      }
    },
  }
}
