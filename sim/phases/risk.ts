import type { Phase, PhaseContext } from "./phase.js"
import { exp } from "../math/fdlibm.js"

/**
 * Incidents. Lab i's monthly hazard is
 *   h_i = h0 · 10^(κ (c_i − c_ref)) · exp(−φ · S_i / (S_i + K_i)),
 * rising with capability c_i and falling with the safety fraction of its stocks;
 * an incident happens with probability 1 − exp(−h_i). It harms citizens by
 * H0 · 10^(η (c_i − c_ref)) and costs the lab a share of its capital. Each lab
 * row draws from its own stream every tick, active or not, so a variant that adds
 * an entrant (a row) leaves every other lab's draws unchanged (common random numbers).
 */
export const risk = ({ scenario, state, accounts, streams }: PhaseContext): Phase => {
  const { labs, world } = state
  const r = scenario.risk
  const random = Array.from({ length: labs.size }, (_, i) => streams(`risk/lab-${i}`))
  const losses = accounts.sink("capital", "incident losses")

  return {
    name: "risk",
    step() {
      world.incidents = 0
      world.harm = 0
      for (let i = 0; i < labs.size; i++) {
        const u = random[i]!.uniform()
        if (labs.active[i] !== 1) continue
        const stock = labs.safetyStock[i]! + labs.knowledge[i]!
        const safetyFraction = stock > 0 ? labs.safetyStock[i]! / stock : 0
        const above = labs.capability[i]! - r.referenceCapability
        const hazard = r.baseHazard * Math.pow(10, r.capabilityElasticity * above) * exp(-r.safetyEffect * safetyFraction)
        if (u >= 1 - exp(-hazard)) continue
        labs.incidents[i]!++
        world.incidents++
        world.harm += r.harmPerIncident * Math.pow(10, r.harmScaling * above)
        accounts.burn(losses, labs.capital, i, r.incidentCapitalLoss * labs.capital[i]!)
      }
      world.cumulativeIncidents += world.incidents
      world.cumulativeHarm += world.harm
    },
  }
}
