import { RULE_CAP, RULE_FLOOR, RULE_LICENSE, RULES } from "../policy/levers.js"
import type { Phase, PhaseContext } from "./phase.js"
import { log10 } from "../math/fdlibm.js"

/**
 * Training. Effective compute = fleet × FLOP per H100e-month × efficiency(t), with
 * efficiency(t) = (1+g_hw)^t (1+g_alg)^t (hardware price-performance and
 * algorithmic progress). The non-safety part adds to the lab's knowledge stock K;
 * capability is log10 K (orders of magnitude of effective training compute). The
 * safety part adds to a depreciating safety stock. Fleets depreciate.
 *
 * Enacted policy (governance; sim/MODEL.md §7.7), for labs that
 * comply: only compute up to the cap trains; the safety share is raised to the
 * floor; a run whose physical FLOP (fleet × FLOP per H100e-month × hardware
 * efficiency) exceeds the licensing threshold pays the license fee into the
 * treasury, or is cut to the threshold if the lab cannot pay. A lab that
 * defies a rule trains as it would without it and the month counts as a
 * violation, for the auditors to find.
 */
export const training = ({ scenario, state, accounts }: PhaseContext): Phase => {
  const { labs, world, policy } = state
  const e = scenario.economy
  const retired = accounts.sink("compute", "depreciation")
  const growth = (1 + e.hardwareEfficiencyGrowth) * (1 + e.algorithmicEfficiencyGrowth)

  return {
    name: "training",
    step(tick) {
      world.efficiency = Math.pow(growth, tick)
      const flop = e.flopPerUnitTick * world.efficiency
      const physical = policy.active ? e.flopPerUnitTick * Math.pow(1 + e.hardwareEfficiencyGrowth, tick) : 0
      for (let i = 0; i < labs.size; i++) {
        if (labs.active[i] !== 1) continue
        let used = labs.compute[i]!
        let safety = labs.safetyShare[i]!
        if (policy.active) {
          const rules = i * RULES
          if (used > policy.computeCap) {
            if (policy.defiant[rules + RULE_CAP] === 1) policy.violations[rules + RULE_CAP]!++
            else used = policy.computeCap // the fleet above the cap stays idle
          }
          if (safety < policy.safetyFloor) {
            if (policy.defiant[rules + RULE_FLOOR] === 1) policy.violations[rules + RULE_FLOOR]!++
            else safety = policy.safetyFloor
          }
          policy.licensed[i] = 0
          if (used * physical > policy.licenseThreshold) {
            if (policy.defiant[rules + RULE_LICENSE] === 1) {
              policy.violations[rules + RULE_LICENSE]!++ // trains unlicensed
            } else if (labs.capital[i]! >= policy.licenseFee) {
              accounts.transfer("capital", labs.capital, i, world.treasury, 0, policy.licenseFee)
              policy.licensed[i] = 1
            } else {
              used = policy.licenseThreshold / physical // blocked: no license, so the run stays below the threshold
            }
          }
          policy.runFlop[i] = used * physical
        }
        const effective = used * flop
        labs.knowledge[i]! += (1 - safety) * effective
        labs.safetyStock[i] = (1 - e.safetyDepreciation) * labs.safetyStock[i]! + safety * effective
        labs.capability[i] = labs.knowledge[i]! > 0 ? log10(labs.knowledge[i]!) : 0
        accounts.burn(retired, labs.compute, i, e.depreciation * labs.compute[i]!)
      }
    },
  }
}
