import { Result } from "effect"
import { canonicalJson, sha256Hex } from "../hash.js"
import { type LoadOptions, parseText, resolveScenario } from "../scenario/load.js"
import { deepMerge, isPlainObject } from "../scenario/merge.js"
import { type Problem, ScenarioInvalid } from "../scenario/problems.js"
import type { Scenario } from "../scenario/schema.js"
import { type Design, makeDesign } from "./designs.js"
import { type DesignName, type Sweep, parseSweep } from "./sweep.js"

/**
 * An experiment: a list of arms (named, fully resolved scenarios) each run for
 * its replicates. `aigov compare` makes one arm per variant of the file;
 * `aigov sweep` one per variant × design point. Everything here is a pure
 * function of the file's text and the command-line overrides, so every machine
 * (and every shard) computes the same arms in the same order.
 */

export type ExperimentKind = "compare" | "sweep"

export interface Arm {
  /** unique within the experiment; the variant name in results.json (and the stream key when common random numbers are off) */
  readonly name: string
  /** the file's variant ("base" when it names none) */
  readonly variant: string
  /** design point index (sweeps), else null */
  readonly point: number | null
  /** the swept parameters' values at this point, in parameter order (sweeps), else null */
  readonly values: ReadonlyArray<unknown> | null
  readonly scenario: Scenario
}

export interface DesignInfo {
  readonly name: DesignName
  /** number of design points */
  readonly points: number
  readonly samples: number | null
  readonly seed: number | null
  /** Saltelli design (sobol with sensitivity): base sample N and number of parameters d */
  readonly saltelli: { readonly base: number; readonly dimensions: number } | null
  /** metrics to compute Sobol indices of (null: none; empty: the default metrics) */
  readonly sensitivity: ReadonlyArray<string> | null
}

export interface Experiment {
  readonly kind: ExperimentKind
  /** the scenario's name */
  readonly name: string
  readonly source: string
  /** SHA-256 of the canonical JSON of every arm's name and scenario (for compare: the scenario hash of `aigov run`) */
  readonly hash: string
  readonly arms: ReadonlyArray<Arm>
  /** swept parameter paths, in dimension order (empty for compare) */
  readonly parameters: ReadonlyArray<string>
  readonly design: DesignInfo | null
}

export const experimentHash = (arms: ReadonlyArray<Pick<Arm, "name" | "scenario">>): string =>
  sha256Hex(canonicalJson(arms.map((a) => ({ name: a.name, scenario: a.scenario }))))

/** The parsed file without its `sweep` key (which only `aigov sweep` reads). */
const parseFile = (text: string, source: string): Result.Result<{ rest: unknown; sweep: unknown }, ScenarioInvalid> => {
  const parsed = parseText(text)
  if (Result.isFailure(parsed)) return Result.fail(new ScenarioInvalid({ source, problems: parsed.failure }))
  const input = parsed.success
  if (!isPlainObject(input)) return Result.succeed({ rest: input, sweep: undefined })
  const { sweep, ...rest } = input
  return Result.succeed({ rest, sweep })
}

/** `aigov compare`: one arm per variant, exactly the variants `aigov run` resolves. */
export const compareExperiment = (text: string, source: string, options: LoadOptions = {}): Result.Result<Experiment, ScenarioInvalid> => {
  const file = parseFile(text, source)
  if (Result.isFailure(file)) return Result.fail(file.failure)
  const loaded = resolveScenario(file.success.rest, source, options)
  if (Result.isFailure(loaded)) return Result.fail(loaded.failure)
  const arms = loaded.success.variants.map((v) => ({ name: v.name, variant: v.name, point: null, values: null, scenario: v.scenario }))
  return Result.succeed({ kind: "compare", name: loaded.success.name, source, hash: loaded.success.hash, arms, parameters: [], design: null })
}

/** Sets `value` at `keys` in `target` (mutating), creating objects and arrays on the way. */
const setPath = (target: Record<string, unknown>, keys: ReadonlyArray<string | number>, value: unknown): void => {
  let node: Record<string | number, unknown> = target
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!
    let next = node[key]
    if (next === null || typeof next !== "object") {
      next = typeof keys[i + 1] === "number" ? [] : {}
      node[key] = next
    }
    node = next as Record<string | number, unknown>
  }
  node[keys[keys.length - 1]!] = value
}

/** A design value as text: numbers as JavaScript prints them (round-trips), anything else as JSON. */
export const formatValue = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value) ?? String(value))

const pointName = (index: number, count: number): string => `p${String(index).padStart(String(Math.max(0, count - 1)).length, "0")}`

/** The most failing design points listed one by one (the rest are counted). */
const maxListedPoints = 10

/**
 * `aigov sweep`: the file's `sweep` block expanded into design points, every
 * point of every variant resolved and validated by the scenario loader before
 * any run starts. Problems are reported by path: the sweep block's own
 * (`sweep.parameters["economy.winnerTakeMost"].max`), a parameter value the
 * scenario refuses, and any design point whose combination of values is refused.
 */
export const sweepExperiment = (text: string, source: string, options: LoadOptions = {}): Result.Result<Experiment, ScenarioInvalid> => {
  const file = parseFile(text, source)
  if (Result.isFailure(file)) return Result.fail(file.failure)
  const { rest, sweep: sweepInput } = file.success
  const invalid = (problems: ReadonlyArray<Problem>) => Result.fail(new ScenarioInvalid({ source, problems }))
  // the scenario itself first: its problems and the sweep block's are reported together
  const loaded = resolveScenario(rest, source, options)
  const parsed = parseSweep(sweepInput)
  if (Result.isFailure(loaded)) return invalid([...loaded.failure.problems, ...parsed.problems])
  const raw = rest as Record<string, unknown>
  const { variants: variantOverrides, ...rawBase } = raw
  const named = isPlainObject(variantOverrides) ? Object.keys(variantOverrides) : []
  const variants = named.length === 0
    ? [{ name: "base", raw: rawBase }]
    : named.map((name) => ({ name, raw: deepMerge(rawBase, (variantOverrides as Record<string, unknown>)[name]) as Record<string, unknown> }))
  const resolveAt = (variantRaw: Record<string, unknown>, assignments: ReadonlyArray<readonly [ReadonlyArray<string | number>, unknown]>) => {
    const input = structuredClone(variantRaw)
    for (const [keys, value] of assignments) setPath(input, keys, value)
    return resolveScenario(input, source, options)
  }

  // 1. each parameter alone at each of its values (or the ends of its range), in every variant:
  //    a bad path or an out-of-range value is reported against the sweep block, with its other problems
  const problems: Array<Problem> = [...parsed.problems]
  for (const parameter of parsed.parameters) {
    const at = `sweep.parameters[${JSON.stringify(parameter.path)}]`
    const spec = parameter.spec
    const probes: Array<readonly [string, unknown]> = spec.values !== undefined
      ? spec.values.map((v, i) => [`${at}.values[${i}]`, v] as const)
      : [
          ...(spec.min === undefined ? [] : [[`${at}.min`, spec.integer === true ? Math.ceil(spec.min) : spec.min] as const]),
          ...(spec.max === undefined ? [] : [[`${at}.max`, spec.integer === true ? Math.floor(spec.max) : spec.max] as const]),
        ]
    for (const [probePath, value] of probes) {
      for (const variant of variants) {
        const result = resolveAt(variant.raw, [[parameter.keys, value]])
        if (Result.isSuccess(result)) continue
        for (const p of result.failure.problems) {
          // only what concerns this parameter: other problems show up at the design points
          if (p.path !== parameter.path && !p.path.startsWith(`${parameter.path}.`) && !p.path.startsWith(`${parameter.path}[`)) continue
          const message = `${p.path}: ${p.message}${variants.length > 1 ? ` (variant ${variant.name})` : ""}`
          // a bad path is wrong whatever the value: reported once, against the parameter
          const path = p.message.startsWith("unknown key") ? at : probePath
          if (!problems.some((q) => q.path === path && q.message === message)) problems.push({ path, message })
        }
      }
    }
  }
  if (problems.length > 0 || parsed.sweep === undefined) return invalid(problems)
  const sweep: Sweep = parsed.sweep

  // 2. every design point of every variant, resolved as the runs will see it
  const design: Design = makeDesign(sweep, loaded.success.variants[0]!.scenario.seed)
  const arms: Array<Arm> = []
  let failing = 0
  for (const variant of variants) {
    for (let point = 0; point < design.points.length; point++) {
      const values = design.points[point]!
      const result = resolveAt(variant.raw, sweep.parameters.map((p, k) => [p.keys, values[k]] as const))
      const name = named.length === 0 ? pointName(point, design.points.length) : `${variant.name}/${pointName(point, design.points.length)}`
      if (Result.isFailure(result)) {
        failing++
        if (failing <= maxListedPoints) {
          const where = sweep.parameters.map((p, k) => `${p.path}=${formatValue(values[k])}`).join(", ")
          for (const p of result.failure.problems) problems.push({ path: "sweep", message: `point ${name} (${where}): ${p.path === "" ? "" : `${p.path}: `}${p.message}` })
        }
        continue
      }
      arms.push({ name, variant: variant.name, point, values, scenario: result.success.variants[0]!.scenario })
    }
  }
  if (failing > maxListedPoints) problems.push({ path: "sweep", message: `… and ${failing - maxListedPoints} more design points refused` })
  if (problems.length > 0) return invalid(problems)
  return Result.succeed({
    kind: "sweep",
    name: loaded.success.name,
    source,
    hash: experimentHash(arms),
    arms,
    parameters: sweep.parameters.map((p) => p.path),
    design: {
      name: sweep.design,
      points: design.points.length,
      samples: sweep.design === "factorial" ? null : sweep.samples,
      seed: sweep.design === "lhs" ? (sweep.seed ?? loaded.success.variants[0]!.scenario.seed) : null,
      saltelli: design.saltelli ?? null,
      sensitivity: sweep.sensitivity === undefined ? null : sweep.sensitivity === true ? [] : sweep.sensitivity,
    },
  })
}

/** One run of an experiment: a replicate of an arm. */
export interface PlannedRun {
  /** position in the plan, 0-based */
  readonly index: number
  /** index into `arms` */
  readonly arm: number
  readonly replicate: number
}

/**
 * The runs in a fixed order: arms in order (variants in file order; for a
 * sweep each variant's design points in design order), replicates 0..R−1 of
 * each. Results are always written in this order, however the runs were
 * executed, on how many workers or machines.
 */
export const experimentPlan = (experiment: Pick<Experiment, "arms">): Array<PlannedRun> => {
  const plan: Array<PlannedRun> = []
  experiment.arms.forEach((arm, a) => {
    for (let replicate = 0; replicate < arm.scenario.replicates; replicate++) plan.push({ index: plan.length, arm: a, replicate })
  })
  return plan
}
