import { Data, Result, Schema, SchemaAST } from "effect"
import { Results, resultsFormat } from "../../sim/results/schema.js"
import { isPlainObject } from "../../sim/scenario/merge.js"
import { problemsFromIssue } from "../../sim/scenario/problems.js"
import type { Problem } from "./messages.js"

/**
 * A results file → validated Results. The file is untrusted: it is checked for
 * size before it is read, for absurd shapes before it is decoded, then decoded
 * with the same Effect Schema the CLI writes it with (`Results`), then checked
 * for consistency (every run names a variant; no series is longer than its
 * variant's ticks). Nothing from it is ever interpreted as markup or code.
 */

/** Files larger than this are refused before they are read. */
export const maxResultsBytes = 200 * 1024 * 1024
/** More runs than this are refused. */
export const maxRuns = 100_000
/** More series per run than this are refused. */
export const maxSeriesPerRun = 1_000
/** Per-lab holdings longer than this are refused. */
export const maxLabs = 1_000_000
/** More variants than this are refused (each gets a legend entry and a line). */
export const maxVariants = 1_000
/** Names longer than this are refused (they go into the legend and the URL). */
export const maxNameLength = 200

export class ResultsRejected extends Data.TaggedError("ResultsRejected")<{
  readonly source: string
  /** one sentence */
  readonly title: string
  readonly problems: ReadonlyArray<Problem>
}> {
  override get message(): string {
    return [`${this.source}: ${this.title}`, ...this.problems.map((p) => `  ${p.path === "" ? "" : `${p.path}: `}${p.message}`)].join("\n")
  }
}

/**
 * Final per-lab holdings of one run (labs active at the end), for Lorenz curves.
 * Not part of results.json as the CLI writes it today; the viewer reads
 * `runs[i].holdings` when a file carries it and produces it when it runs a
 * scenario itself (see viz/README.md).
 */
export const Holdings = Schema.Struct({
  capital: Schema.Array(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))),
  compute: Schema.Array(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))),
  knowledge: Schema.Array(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))),
})
export type Holdings = typeof Holdings.Type

export interface LoadedResults {
  readonly results: Results
  /** aligned with results.runs; undefined for a run without holdings */
  readonly holdings: ReadonlyArray<Holdings | undefined>
}

const decodeResults = Schema.decodeUnknownExit(Results)
const decodeHoldings = Schema.decodeUnknownExit(Holdings)
const resultsAst = SchemaAST.toType(Results.ast)
const holdingsAst = SchemaAST.toType(Holdings.ast)
const parseOptions = { errors: "first" } as const

const reject = (source: string, title: string, problems: ReadonlyArray<Problem> = []) =>
  Result.fail(new ResultsRejected({ source, title, problems }))

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`

/** Refuses a file too large to read safely, before reading it. */
export const checkSize = (bytes: number, source: string): Result.Result<void, ResultsRejected> =>
  bytes > maxResultsBytes
    ? reject(source, `the file is ${megabytes(bytes)}, more than the ${megabytes(maxResultsBytes)} the viewer reads; split the runs or thin the series`)
    : Result.succeed(undefined)

/** Text of a results file → validated results, or why not. */
export const parseResultsText = (text: string, source: string): Result.Result<LoadedResults, ResultsRejected> => {
  const size = checkSize(text.length, source)
  if (Result.isFailure(size)) return Result.fail(size.failure)
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return reject(source, "the file is not valid JSON", [{ path: "", message: error instanceof Error ? error.message : String(error) }])
  }
  return validateResults(raw, source)
}

/** Parsed JSON (untrusted) → validated results, or why not. */
export const validateResults = (raw: unknown, source: string): Result.Result<LoadedResults, ResultsRejected> => {
  const shape = shapeProblems(raw)
  if (shape.length > 0) return reject(source, "the file is not a results file the viewer can read", shape)
  const decoded = decodeResults(raw, parseOptions)
  if (decoded._tag === "Failure") {
    const reason = decoded.cause.reasons.find((r) => r._tag === "Fail")
    const problems = reason !== undefined && Schema.isSchemaError(reason.error)
      ? problemsFromIssue(reason.error.issue, resultsAst, raw)
      : [{ path: "", message: "could not be decoded" }]
    return reject(source, "the file does not match the results schema", problems)
  }
  const results = decoded.value
  const consistency = consistencyProblems(results)
  if (consistency.length > 0) return reject(source, "the results are inconsistent", consistency)
  const rawRuns = (raw as { runs: ReadonlyArray<unknown> }).runs
  const holdings: Array<Holdings | undefined> = []
  for (let i = 0; i < rawRuns.length; i++) {
    const run = rawRuns[i] as Record<string, unknown>
    if (!Object.hasOwn(run, "holdings")) {
      holdings.push(undefined)
      continue
    }
    const h = decodeHoldings(run.holdings, parseOptions)
    if (h._tag === "Failure") {
      const reason = h.cause.reasons.find((r) => r._tag === "Fail")
      const problems = reason !== undefined && Schema.isSchemaError(reason.error)
        ? problemsFromIssue(reason.error.issue, holdingsAst, run.holdings, ["runs", i, "holdings"])
        : [{ path: `runs[${i}].holdings`, message: "could not be decoded" }]
      return reject(source, "the file does not match the results schema", problems)
    }
    holdings.push(h.value)
  }
  return Result.succeed({ results, holdings })
}

/**
 * Cheap checks before the schema walks the whole file: it is the right format,
 * and no array is absurdly long (a series longer than any variant's horizon,
 * millions of runs), so a hostile file cannot make the decoder do unbounded work.
 */
const shapeProblems = (raw: unknown): Array<Problem> => {
  if (!isPlainObject(raw)) return [{ path: "", message: `expected a JSON object, got ${Array.isArray(raw) ? "an array" : raw === null ? "null" : typeof raw}` }]
  if (raw.format !== resultsFormat) {
    const got = typeof raw.format === "string" ? JSON.stringify(raw.format.slice(0, 40)) : raw.format === undefined ? "nothing" : typeof raw.format
    return [{ path: "format", message: `expected "${resultsFormat}" (an aigov results file), got ${got}` }]
  }
  const problems: Array<Problem> = []
  let maxTicks = -1
  const scenario = raw.scenario
  if (isPlainObject(scenario) && Array.isArray(scenario.variants)) {
    if (scenario.variants.length > maxVariants) {
      return [{ path: "scenario.variants", message: `${scenario.variants.length} variants, more than the ${maxVariants} the viewer reads` }]
    }
    scenario.variants.forEach((v, i) => {
      const name = isPlainObject(v) ? v.name : undefined
      if (typeof name === "string" && name.length > maxNameLength) {
        problems.push({ path: `scenario.variants[${i}].name`, message: `${name.length} characters, more than the ${maxNameLength} the viewer reads` })
      }
    })
    for (const v of scenario.variants) {
      const ticks = isPlainObject(v) && isPlainObject(v.scenario) ? v.scenario.ticks : undefined
      if (typeof ticks === "number" && Number.isFinite(ticks)) maxTicks = Math.max(maxTicks, ticks)
    }
  }
  const runs = raw.runs
  if (!Array.isArray(runs)) return problems
  if (runs.length > maxRuns) return [{ path: "runs", message: `${runs.length} runs, more than the ${maxRuns} the viewer reads` }]
  for (let i = 0; i < runs.length && problems.length < 5; i++) {
    const run = runs[i]
    if (!isPlainObject(run) || !isPlainObject(run.series)) continue
    if (isPlainObject(run.summary) && Object.keys(run.summary).length > 2 * maxSeriesPerRun) {
      problems.push({ path: `runs[${i}].summary`, message: `${Object.keys(run.summary).length} values, more than the ${2 * maxSeriesPerRun} the viewer reads` })
      continue
    }
    const names = Object.keys(run.series)
    if (names.length > maxSeriesPerRun) {
      problems.push({ path: `runs[${i}].series`, message: `${names.length} series, more than the ${maxSeriesPerRun} the viewer reads` })
      continue
    }
    for (const name of names) {
      const values = run.series[name]
      if (maxTicks >= 0 && Array.isArray(values) && values.length > maxTicks) {
        problems.push({
          path: `runs[${i}].series.${name}`,
          message: `${values.length} values, but no variant claims more than ${maxTicks} ticks`,
        })
        break
      }
    }
    if (isPlainObject(run.holdings)) {
      for (const [family, values] of Object.entries(run.holdings)) {
        if (Array.isArray(values) && values.length > maxLabs) {
          problems.push({ path: `runs[${i}].holdings.${family}`, message: `${values.length} values, more than the ${maxLabs} labs the viewer reads` })
        }
      }
    }
  }
  return problems
}

/** After decoding: every run belongs to a variant, fits its horizon, and appears once. */
const consistencyProblems = (results: Results): Array<Problem> => {
  const problems: Array<Problem> = []
  const ticks = new Map(results.scenario.variants.map((v) => [v.name, v.scenario.ticks]))
  if (ticks.size !== results.scenario.variants.length) problems.push({ path: "scenario.variants", message: "two variants have the same name" })
  const seen = new Set<string>()
  results.runs.forEach((run, i) => {
    if (problems.length >= 20) return
    const horizon = ticks.get(run.variant)
    if (horizon === undefined) {
      problems.push({ path: `runs[${i}].variant`, message: `names a variant that scenario.variants does not list, got ${JSON.stringify(run.variant.slice(0, 60))}` })
      return
    }
    const key = `${run.variant}\u0000${run.replicate}`
    if (seen.has(key)) problems.push({ path: `runs[${i}]`, message: `a second run of replicate ${run.replicate} of the same variant` })
    seen.add(key)
    for (const [name, values] of Object.entries(run.series)) {
      if (values.length > horizon) {
        problems.push({ path: `runs[${i}].series.${name}`, message: `${values.length} values, but its variant runs ${horizon} ticks` })
        break
      }
    }
  })
  return problems
}
