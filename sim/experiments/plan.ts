import type { LoadedScenario } from "../scenario/load.js"
import type { Scenario } from "../scenario/schema.js"

/** One run to do: a replicate of a variant. */
export interface PlannedRun {
  /** position in the plan, 0-based */
  readonly index: number
  readonly variant: string
  readonly scenario: Scenario
  readonly replicate: number
}

/**
 * The runs a scenario asks for, in a fixed order: variants in file order, then
 * replicates 0..R−1 of each (R is the variant's own `replicates`). The order is
 * a pure function of the scenario, so results list runs identically however the
 * runs are executed (sequentially now, on a worker pool later).
 */
export const runPlan = (loaded: LoadedScenario): ReadonlyArray<PlannedRun> => {
  const plan: Array<PlannedRun> = []
  for (const { name, scenario } of loaded.variants) {
    for (let replicate = 0; replicate < scenario.replicates; replicate++) {
      plan.push({ index: plan.length, variant: name, scenario, replicate })
    }
  }
  return plan
}

/** Ticks over the whole plan: the unit of progress. */
export const planTicks = (plan: ReadonlyArray<PlannedRun>): number => {
  let total = 0
  for (const run of plan) total += run.scenario.ticks
  return total
}
