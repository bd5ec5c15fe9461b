import { type Cause, Result, Schema, SchemaAST, type SchemaIssue } from "effect"
import { parseDocument } from "yaml"
import { canonicalJson, sha256Hex } from "../hash.js"
import { estimateRunBytes, formatBytes } from "../state/size.js"
import { semanticProblems } from "./checks.js"
import { deepMerge, isPlainObject } from "./merge.js"
import { type Problem, ScenarioInvalid, problemsFromIssue } from "./problems.js"
import { Scenario, ScenarioFile } from "./schema.js"

/** One named variant of a scenario, fully resolved: what one run executes. */
export interface Variant {
  readonly name: string
  readonly scenario: Scenario
}

/** A validated scenario file: its variants (the base alone when it names none) and its hash. */
export interface LoadedScenario {
  readonly source: string
  readonly name: string
  readonly variants: ReadonlyArray<Variant>
  /** SHA-256 of the canonical JSON of every resolved variant */
  readonly hash: string
}

export interface LoadOptions {
  /** top-level values that replace the file's (the CLI's --seed, --ticks, --replicates) */
  readonly overrides?: Readonly<Record<string, unknown>>
  /** refuse a scenario one of whose runs would need more memory than this, bytes */
  readonly maxRunBytes?: number
}

const parseOptions = { errors: "all", onExcessProperty: "error" } as const
const decodeFile = Schema.decodeUnknownExit(ScenarioFile)
const decodeScenario = Schema.decodeUnknownExit(Scenario)
const fileAst = SchemaAST.toType(ScenarioFile.ast)
const scenarioAst = SchemaAST.toType(Scenario.ast)

const schemaIssue = (cause: Cause.Cause<Schema.SchemaError>): SchemaIssue.Issue => {
  const error = cause.reasons.find((r) => r._tag === "Fail")
  if (error === undefined || !Schema.isSchemaError(error.error)) throw new Error(`unexpected decoding failure: ${String(cause)}`)
  return error.error.issue
}

/** A deep copy of `input` without the values at the given problem paths (`a.b[2].c`). */
const withoutPaths = (input: unknown, paths: ReadonlyArray<string>): unknown => {
  const copy = structuredClone(input) as Record<string, unknown>
  for (const path of paths) {
    const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== "")
    let node: unknown = copy
    for (let i = 0; i < keys.length - 1 && node !== null && typeof node === "object"; i++) {
      node = (node as Record<string, unknown>)[keys[i]!]
    }
    if (node !== null && typeof node === "object" && keys.length > 0) delete (node as Record<string, unknown>)[keys[keys.length - 1]!]
  }
  return copy
}

/** Parses YAML (JSON is YAML too) and reports syntax errors with line and column. */
export const parseText = (text: string): Result.Result<unknown, Array<Problem>> => {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true })
  if (doc.errors.length > 0) {
    return Result.fail(
      doc.errors.map((e) => {
        const at = e.linePos?.[0]
        const where = at === undefined ? "" : `line ${at.line}, column ${at.col}: `
        return { path: "", message: `${where}${e.message.split(/ at line \d+|\n/)[0]} (${e.code})` }
      }),
    )
  }
  // some errors (an alias to no anchor, an alias bomb) surface only when the document is resolved
  try {
    return Result.succeed(doc.toJS({ maxAliasCount: 100 }))
  } catch (e) {
    return Result.fail([{ path: "", message: `YAML: ${e instanceof Error ? e.message : String(e)}` }])
  }
}

/** Validates a parsed scenario file and resolves its variants; every problem at once. */
export const resolveScenario = (
  input: unknown,
  source: string,
  options: LoadOptions = {},
): Result.Result<LoadedScenario, ScenarioInvalid> => {
  const invalid = (problems: ReadonlyArray<Problem>) => Result.fail(new ScenarioInvalid({ source, problems }))
  if (!isPlainObject(input)) {
    return invalid([{ path: "", message: `a scenario must be a mapping of keys to values, got ${input === null ? "nothing" : typeof input}` }])
  }
  const raw = options.overrides === undefined ? input : { ...input, ...options.overrides }
  const decoded = decodeFile(raw, parseOptions)
  if (decoded._tag === "Failure") {
    const problems = problemsFromIssue(schemaIssue(decoded.cause), fileAst, raw)
    // Also report what the schema cannot see: decode again with every bad value
    // removed (defaults fill the gaps) and run the semantic checks on that.
    const repaired = decodeFile(withoutPaths(raw, problems.map((p) => p.path)), parseOptions)
    if (repaired._tag === "Success") {
      const { variants: _ignored, sweep: _sweep, ...base } = repaired.value
      for (const p of semanticProblems(base)) if (!problems.some((q) => q.path === p.path)) problems.push(p)
    }
    return invalid(problems)
  }
  const { variants: overrides, sweep: _sweep, ...base } = decoded.value
  const problems: Array<Problem> = semanticProblems(base)
  const names = Object.keys(overrides)
  const variants: Array<Variant> = []
  if (names.length === 0) {
    variants.push({ name: "base", scenario: base })
  } else {
    const { variants: _ignored, sweep: _sweep, ...rawBase } = raw as Record<string, unknown>
    for (const name of names) {
      // command-line overrides win over the variant as they win over the base
      const merged = deepMerge(deepMerge(rawBase, overrides[name]), options.overrides ?? {})
      const result = decodeScenario(merged, parseOptions)
      if (result._tag === "Failure") {
        problems.push(...problemsFromIssue(schemaIssue(result.cause), scenarioAst, merged, ["variants", name]))
        continue
      }
      for (const p of semanticProblems(result.value)) problems.push({ path: `variants.${name}.${p.path}`, message: p.message })
      variants.push({ name, scenario: result.value })
    }
  }
  if (options.maxRunBytes !== undefined) {
    for (const v of variants) {
      const bytes = estimateRunBytes(v.scenario)
      if (bytes > options.maxRunBytes) {
        const prefix = names.length === 0 ? "" : `variants.${v.name}.`
        problems.push({
          path: `${prefix}populations`,
          message: `one run would need about ${formatBytes(bytes)} of memory, more than the ${formatBytes(options.maxRunBytes)} allowed; reduce the population counts`,
        })
      }
    }
  }
  if (problems.length > 0) return invalid(problems)
  return Result.succeed({
    source,
    name: base.name,
    variants,
    hash: sha256Hex(canonicalJson(variants)),
  })
}

/** Text of a scenario file → a validated scenario, or every problem in it. */
export const loadScenarioText = (
  text: string,
  source: string,
  options: LoadOptions = {},
): Result.Result<LoadedScenario, ScenarioInvalid> => {
  const parsed = parseText(text)
  if (Result.isFailure(parsed)) return Result.fail(new ScenarioInvalid({ source, problems: parsed.failure }))
  return resolveScenario(parsed.success, source, options)
}
