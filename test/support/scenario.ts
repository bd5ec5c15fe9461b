import { Result } from "effect"
import { type LoadOptions, type LoadedScenario, loadScenarioText } from "../../sim/scenario/load.js"
import type { Problem } from "../../sim/scenario/problems.js"
import type { Scenario } from "../../sim/scenario/schema.js"

/** Loads scenario text that the test expects to be valid. */
export const load = (text: string, options?: LoadOptions): LoadedScenario => {
  const result = loadScenarioText(text, "test.yaml", options)
  if (Result.isFailure(result)) throw new Error(result.failure.message)
  return result.success
}

/** The base scenario of `text` (the first variant). */
export const scenarioOf = (text: string, options?: LoadOptions): Scenario => load(text, options).variants[0]!.scenario

/** The problems of scenario text that the test expects to be invalid. */
export const problemsOf = (text: string, options?: LoadOptions): ReadonlyArray<Problem> => {
  const result = loadScenarioText(text, "test.yaml", options)
  if (Result.isSuccess(result)) throw new Error("expected the scenario to be refused")
  return result.failure.problems
}
