import { Schema, SchemaAST } from "effect"
import { type Problem, problemsFromIssue } from "../scenario/problems.js"
import { sobolMaxDimensions } from "./sobol.js"

/**
 * The `sweep` block of a scenario file, read by `aigov sweep` (the scenario
 * loader accepts the key and ignores it). Parameters are named by their path in
 * the scenario (`economy.winnerTakeMost`, `governance.quorum`,
 * `shocks[0].magnitude`); each design point sets them on the base scenario (and
 * on every variant, where the point wins over the variant's own value).
 *
 *   sweep:
 *     design: factorial                      # or lhs, or sobol
 *     parameters:
 *       economy.winnerTakeMost: { values: [0.5, 1, 1.5, 3] }
 *       governance.regime: { values: [central, token] }
 *
 *   sweep:
 *     design: sobol                          # or lhs
 *     samples: 256
 *     sensitivity: true                      # Sobol indices of the headline metrics (sobol only)
 *     parameters:
 *       economy.winnerTakeMost: { min: 0.5, max: 3 }
 *       populations.labs.count: { min: 5, max: 40, integer: true }
 *       risk.baseHazard: { min: 0.001, max: 0.1, scale: log }
 */

export const designNames = ["factorial", "lhs", "sobol"] as const
export type DesignName = (typeof designNames)[number]

const described = <S extends Schema.Top>(schema: S, description: string) => schema.annotate({ description })

export const SweepParameter = Schema.Struct({
  values: Schema.optionalKey(
    described(Schema.Array(Schema.Unknown).check(Schema.isMinLength(1)), "the values to try (factorial designs), any scenario value"),
  ),
  min: Schema.optionalKey(described(Schema.Finite, "lower end of the range (lhs and sobol designs)")),
  max: Schema.optionalKey(described(Schema.Finite, "upper end of the range (lhs and sobol designs)")),
  scale: Schema.optionalKey(described(Schema.Literals(["linear", "log"]), "linear (default) or log: uniform in log(value)")),
  integer: Schema.optionalKey(described(Schema.Boolean, "whole numbers only: each of min..max equally likely")),
})
export type SweepParameter = typeof SweepParameter.Type

export const SweepBlock = Schema.Struct({
  design: described(Schema.Literals(designNames), "factorial: every combination of the values; lhs: Latin hypercube; sobol: Sobol sequence"),
  samples: Schema.optionalKey(
    described(
      Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1_000_000 })),
      "lhs and sobol: number of design points; with sensitivity, the base sample N (the design then has N·(d+2) points)",
    ),
  ),
  seed: Schema.optionalKey(described(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)), "seed of the Latin hypercube's shuffles (default: the scenario's seed)")),
  parameters: described(
    Schema.Record(Schema.String, SweepParameter),
    "the swept parameters by their path in the scenario, in the order of their dimensions",
  ),
  sensitivity: Schema.optionalKey(
    described(
      Schema.Union([Schema.Boolean, Schema.Array(Schema.String).check(Schema.isMinLength(1))]),
      "sobol only: first-order and total Sobol indices (Saltelli 2010, Jansen 1999) of these metrics (true: the headline metrics)",
    ),
  ),
})
export type SweepBlock = typeof SweepBlock.Type

/** A validated parameter: its path, split into keys, and its design values or range. */
export interface SweptParameter {
  readonly path: string
  readonly keys: ReadonlyArray<string | number>
  readonly spec: SweepParameter
}

export interface Sweep {
  readonly design: DesignName
  readonly samples: number
  readonly seed: number | undefined
  readonly parameters: ReadonlyArray<SweptParameter>
  /** metric names, or true for the headline metrics; undefined for none */
  readonly sensitivity: ReadonlyArray<string> | true | undefined
}

const pathSyntax = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*$/
/** Top-level keys a sweep may not set: they name, shape or split the experiment itself. */
const reserved = new Set(["name", "description", "replicates", "variants", "sweep", "commonRandomNumbers"])

/** `a.b[2].c` → ["a", "b", 2, "c"]. */
export const splitPath = (path: string): Array<string | number> =>
  Array.from(path.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g), (m) => (m[2] === undefined ? m[1]! : Number(m[2])))

const isRecord = (u: unknown): u is Record<string, unknown> => u !== null && typeof u === "object" && !Array.isArray(u)

const parameterPath = (path: string) => `sweep.parameters[${JSON.stringify(path)}]`

const decodeBlock = Schema.decodeUnknownExit(SweepBlock)
const blockAst = SchemaAST.toType(SweepBlock.ast)

/** The most design points one sweep may have (before × variants × replicates). */
export const maxDesignPoints = 1_000_000

/**
 * Validates a `sweep` block: its shape by the schema, then what the design
 * needs; every problem by path. `parameters` holds those whose own entry is
 * fine, even when the block has problems, so their values can be checked too.
 */
export const parseSweep = (
  input: unknown,
): { readonly sweep?: Sweep; readonly parameters: ReadonlyArray<SweptParameter>; readonly problems: Array<Problem> } => {
  if (input === undefined) return { parameters: [], problems: [{ path: "sweep", message: "missing: `aigov sweep` needs a `sweep` block (design, parameters)" }] }
  const decoded = decodeBlock(input, { errors: "all", onExcessProperty: "error" })
  if (decoded._tag === "Failure") {
    const reason = decoded.cause.reasons.find((r) => r._tag === "Fail")
    if (reason === undefined || !Schema.isSchemaError(reason.error)) throw new Error(`unexpected decoding failure: ${String(decoded.cause)}`)
    // a parameter's name holds dots: show it quoted, as everywhere else (`sweep.parameters["a.b"].min`)
    const names = isRecord(input) && isRecord(input.parameters) ? Object.keys(input.parameters).sort((a, b) => b.length - a.length) : []
    const problems = problemsFromIssue(reason.error.issue, blockAst, input, ["sweep"]).map((p) => {
      const name = names.find((n) => p.path === `sweep.parameters.${n}` || p.path.startsWith(`sweep.parameters.${n}.`))
      return name === undefined ? p : { ...p, path: `${parameterPath(name)}${p.path.slice(`sweep.parameters.${name}`.length)}` }
    })
    return { parameters: [], problems }
  }
  const block = decoded.value
  const problems: Array<Problem> = []
  const ranged = block.design !== "factorial"
  const entries = Object.entries(block.parameters)
  if (entries.length === 0) problems.push({ path: "sweep.parameters", message: "name at least one parameter to sweep" })
  const parameters: Array<SweptParameter> = []
  for (const [path, spec] of entries) {
    const at = parameterPath(path)
    const before = problems.length
    if (!pathSyntax.test(path)) {
      problems.push({ path: at, message: "a parameter is named by its path in the scenario, like economy.winnerTakeMost or shocks[0].magnitude" })
      continue
    }
    const keys = splitPath(path)
    if (reserved.has(String(keys[0]))) {
      problems.push({ path: at, message: `\`${String(keys[0])}\` cannot be swept (it names or shapes the experiment itself)` })
      continue
    }
    if (!ranged) {
      if (spec.values === undefined) problems.push({ path: `${at}.values`, message: "a factorial design needs the values to try: { values: [...] }" })
      for (const key of ["min", "max", "scale", "integer"] as const) {
        if (spec[key] !== undefined) problems.push({ path: `${at}.${key}`, message: `only for lhs and sobol designs; a factorial design takes values` })
      }
    } else {
      if (spec.values !== undefined) problems.push({ path: `${at}.values`, message: `a ${block.design} design samples a range: give min and max, not values` })
      if (spec.min === undefined) problems.push({ path: `${at}.min`, message: `a ${block.design} design needs the lower end of the range` })
      if (spec.max === undefined) problems.push({ path: `${at}.max`, message: `a ${block.design} design needs the upper end of the range` })
      if (spec.min !== undefined && spec.max !== undefined) {
        if (spec.min > spec.max) problems.push({ path: `${at}.max`, message: `must be at least min (${spec.min}), got ${spec.max}` })
        if (spec.scale === "log" && spec.min <= 0) problems.push({ path: `${at}.min`, message: `a log scale needs a positive range, got ${spec.min}` })
        if (spec.integer === true) {
          for (const key of ["min", "max"] as const) {
            if (!Number.isInteger(spec[key])) problems.push({ path: `${at}.${key}`, message: `an integer parameter needs a whole-number ${key}, got ${spec[key]}` })
          }
        }
      }
    }
    if (problems.length === before) parameters.push({ path, keys, spec })
  }
  for (let i = 0; i < parameters.length; i++) {
    for (let j = 0; j < parameters.length; j++) {
      const a = parameters[i]!.path
      const b = parameters[j]!.path
      if (i !== j && (b.startsWith(`${a}.`) || b.startsWith(`${a}[`))) {
        problems.push({ path: parameterPath(b), message: `lies inside ${a}, which is swept too` })
      }
    }
  }
  if (ranged && block.samples === undefined) {
    problems.push({ path: "sweep.samples", message: `a ${block.design} design needs the number of samples` })
  }
  if (!ranged && block.samples !== undefined) {
    problems.push({ path: "sweep.samples", message: "a factorial design has one point per combination of values; samples is for lhs and sobol" })
  }
  if (block.sensitivity !== undefined && block.sensitivity !== false && block.design !== "sobol") {
    problems.push({ path: "sweep.sensitivity", message: `Sobol indices need design: sobol (a Saltelli design), not ${block.design}` })
  }
  const sensitivity = block.sensitivity === true ? true : Array.isArray(block.sensitivity) ? block.sensitivity : undefined
  const dimensions = parameters.length * (sensitivity === undefined ? 1 : 2)
  if (block.design === "sobol" && dimensions > sobolMaxDimensions) {
    problems.push({
      path: "sweep.parameters",
      message: `the Sobol sequence here has ${sobolMaxDimensions} dimensions: at most ${sensitivity === undefined ? sobolMaxDimensions : Math.floor(sobolMaxDimensions / 2)} parameters${sensitivity === undefined ? "" : " with sensitivity"}, got ${parameters.length}`,
    })
  }
  const samples = block.samples ?? 0
  const points = !ranged
    ? parameters.reduce((n, p) => n * (p.spec.values?.length ?? 1), 1)
    : sensitivity === undefined
      ? samples
      : samples * (parameters.length + 2)
  if (points > maxDesignPoints) {
    problems.push({ path: "sweep", message: `the design has ${points} points, more than the ${maxDesignPoints} allowed` })
  }
  if (problems.length > 0) return { parameters, problems }
  return { sweep: { design: block.design, samples, seed: block.seed, parameters, sensitivity }, parameters, problems }
}
