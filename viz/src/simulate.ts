import { type RunOptions, type RunResult, resultOf, simulateToHorizon } from "../../sim/run.js"
import type { Scenario } from "../../sim/scenario/schema.js"
import type { Holdings } from "./load.js"

/**
 * One run in the browser: exactly `runOnce` (sim/run.ts), plus what each lab
 * active at the end holds, for the Lorenz curves. The hash is the CLI's for the
 * same (scenario, variant, replicate).
 */
export const simulateRun = (
  variant: string,
  scenario: Scenario,
  replicate: number,
  options: RunOptions = {},
): { readonly result: RunResult; readonly holdings: Holdings } => {
  const sim = simulateToHorizon(variant, scenario, replicate, options)
  const { labs } = sim.state
  const holdings = { capital: [] as Array<number>, compute: [] as Array<number>, knowledge: [] as Array<number> }
  for (let i = 0; i < labs.size; i++) {
    if (labs.active[i] !== 1) continue
    holdings.capital.push(labs.capital[i]!)
    holdings.compute.push(labs.compute[i]!)
    holdings.knowledge.push(labs.knowledge[i]!)
  }
  return { result: resultOf(sim, variant, replicate), holdings }
}
