import type { Phase, PhaseContext } from "./phase.js"

/**
 * Training. Effective compute = fleet × FLOP per H100e-month × efficiency(t), with
 * efficiency(t) = (1+g_hw)^t (1+g_alg)^t (hardware price-performance and
 * algorithmic progress). The non-safety part adds to the lab's knowledge stock K;
 * capability is log10 K (orders of magnitude of effective training compute). The
 * safety part adds to a depreciating safety stock. Fleets depreciate.
 */
export const training = ({ scenario, state, accounts }: PhaseContext): Phase => {
  const { labs, world } = state
  const e = scenario.economy
  const retired = accounts.sink("compute", "depreciation")
  const growth = (1 + e.hardwareEfficiencyGrowth) * (1 + e.algorithmicEfficiencyGrowth)

  return {
    name: "training",
    step(tick) {
      world.efficiency = Math.pow(growth, tick)
      const flop = e.flopPerUnitTick * world.efficiency
      for (let i = 0; i < labs.size; i++) {
        if (labs.active[i] !== 1) continue
        const effective = labs.compute[i]! * flop
        const safety = labs.safetyShare[i]!
        labs.knowledge[i]! += (1 - safety) * effective
        labs.safetyStock[i] = (1 - e.safetyDepreciation) * labs.safetyStock[i]! + safety * effective
        labs.capability[i] = labs.knowledge[i]! > 0 ? Math.log10(labs.knowledge[i]!) : 0
        accounts.burn(retired, labs.compute, i, e.depreciation * labs.compute[i]!)
      }
    },
  }
}
