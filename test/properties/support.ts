/**
 * Shared runner for the property tests: seed and run count from the environment
 * (FC_SEED, default 42; FC_NUM_RUNS, default 30), and a failure message that ends
 * with the shrunk counterexample as YAML that `aigov run` accepts.
 */
import fc from "fast-check"
import { Result } from "effect"
import { resolveScenario } from "../../sim/scenario/load.js"
import type { Scenario } from "../../sim/scenario/schema.js"
import { toYaml } from "./arbitraries.js"

const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${raw}`)
  return value
}

export const seed = envInt("FC_SEED", 42)
export const numRuns = envInt("FC_NUM_RUNS", 30)
console.log(`[properties] FC_SEED=${seed} FC_NUM_RUNS=${numRuns} (set them to reproduce or to search harder)`)

/**
 * fc.assert over one arbitrary. `predicate` throws (or uses expect) on failure;
 * the error is rethrown with `show(value)` appended (by default the value as
 * YAML), so the shrunk counterexample in fast-check's report is a runnable file.
 */
export const check = <T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => void,
  options: { readonly numRuns?: number; readonly show?: (value: T) => unknown } = {},
): void => {
  const show = options.show ?? ((v: T) => v)
  fc.assert(
    fc.property(arbitrary, (value) => {
      try {
        predicate(value)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        throw new Error(`${message}\n--- counterexample (save as a .yaml file and run: npx aigov run FILE --out DIR --check) ---\n${toYaml(show(value))}`)
      }
    }),
    { seed, numRuns: options.numRuns ?? numRuns },
  )
}

/** Resolves a generated scenario file, failing loudly when the generator produced an invalid one. */
export const resolved = (file: unknown): ReadonlyArray<{ readonly name: string; readonly scenario: Scenario }> => {
  const result = resolveScenario(file, "generated.yaml")
  if (Result.isFailure(result)) throw new Error(result.failure.message)
  return result.success.variants
}

export const baseOf = (file: unknown): Scenario => resolved(file)[0]!.scenario
