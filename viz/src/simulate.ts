import { type RunOptions, type RunResult, runOnce } from "../../sim/run.js"
import type { Scenario } from "../../sim/scenario/schema.js"
import type { Holdings } from "./load.js"

/**
 * One run in the browser: exactly `runOnce` (sim/run.ts), with the labs' final
 * holdings for the Lorenz curves. The hash is the CLI's for the same
 * (scenario, variant, replicate).
 */
export const simulateRun = (
  variant: string,
  scenario: Scenario,
  replicate: number,
  options: RunOptions = {},
): { readonly result: RunResult; readonly holdings: Holdings } => {
  const result = runOnce(variant, scenario, replicate, options)
  return { result, holdings: result.holdings as Holdings }
}
