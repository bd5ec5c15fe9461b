import { Schema } from "effect"

/**
 * Every message between the page and the worker (viz/src/worker.ts). Both sides
 * decode what they receive with these schemas. Large numeric arrays travel as
 * Float64Arrays (transferred, not copied).
 */

const F64 = Schema.instanceOf(Float64Array)
const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** One thing wrong with an input, named by its path (`economy.winnerTakeMost`, `runs[3].series.x`). */
export const Problem = Schema.Struct({ path: Schema.String, message: Schema.String })
export type Problem = typeof Problem.Type

// ---------------------------------------------------------------- requests

/** Read, validate and aggregate a results file (and optionally a ledger.jsonl). */
export const LoadResults = Schema.TaggedStruct("LoadResults", {
  /** the file's name or URL, for messages */
  source: Schema.String,
  results: Schema.instanceOf(Blob),
  ledger: Schema.NullOr(Schema.instanceOf(Blob)),
})

/** Top-level scenario values set from the page's controls (`loadScenarioText` overrides). */
export const TopLevelOverrides = Schema.Struct({
  ticks: Schema.optional(Schema.Int),
  replicates: Schema.optional(Schema.Int),
  seed: Schema.optional(Schema.Int),
})
export type TopLevelOverrides = typeof TopLevelOverrides.Type

/** Validate scenario text and report its base values (for the controls), or its problems. */
export const CheckScenario = Schema.TaggedStruct("CheckScenario", { text: Schema.String })

/** Run every variant × replicate of a scenario in the worker, then aggregate. */
export const RunScenario = Schema.TaggedStruct("RunScenario", {
  text: Schema.String,
  overrides: TopLevelOverrides,
  /** nested economy knobs by dotted path (`economy.winnerTakeMost`), applied to the base scenario */
  knobs: Schema.Record(Schema.String, Schema.Finite),
})

/** The last results the worker loaded or ran, as a results.json file. */
export const SaveResults = Schema.TaggedStruct("SaveResults", {})

export const RequestBody = Schema.Union([LoadResults, CheckScenario, RunScenario, SaveResults])
export type RequestBody = typeof RequestBody.Type

export const Request = Schema.Struct({ id: Count, body: RequestBody })
export type Request = typeof Request.Type

// ---------------------------------------------------------------- replies

export const Progress = Schema.TaggedStruct("Progress", {
  stage: Schema.Literals(["reading", "validating", "running", "aggregating"]),
  done: Schema.Finite,
  total: Schema.Finite,
})
export type Progress = typeof Progress.Type

/** A request that could not be carried out, with what the user needs to fix it. */
export const Failed = Schema.TaggedStruct("Failed", {
  kind: Schema.Literals(["ScenarioInvalid", "ResultsRejected", "Crashed"]),
  /** one sentence */
  title: Schema.String,
  problems: Schema.Array(Problem),
})
export type Failed = typeof Failed.Type

export const KnobValues = Schema.Record(Schema.String, Schema.Finite)

export const ScenarioChecked = Schema.TaggedStruct("ScenarioChecked", {
  name: Schema.String,
  variants: Schema.Array(Schema.String),
  ticks: Count,
  replicates: Count,
  seed: Count,
  /** the base scenario's value of every knob, by dotted path */
  knobs: KnobValues,
})
export type ScenarioChecked = typeof ScenarioChecked.Type

/** One variant's ensemble of one metric: month[j] and the median, 5 % and 95 % over replicates. */
export const Band = Schema.Struct({ month: F64, median: F64, p05: F64, p95: F64 })
export type Band = typeof Band.Type

/** Every variant's band of one metric; null where a variant has no such series. Index = variant index. */
export const MetricBands = Schema.Struct({ metric: Schema.String, bands: Schema.Array(Schema.NullOr(Band)) })
export type MetricBands = typeof MetricBands.Type

export const VariantInfo = Schema.Struct({ name: Schema.String, replicates: Count, ticks: Count })
export type VariantInfo = typeof VariantInfo.Type

/** A run's headline numbers (its series stay in the worker). `variant` is the variant's index. */
export const RunSummary = Schema.Struct({
  variant: Count,
  replicate: Count,
  seed: Schema.Int,
  hash: Schema.String,
  summary: Schema.Record(Schema.String, Schema.NullOr(Schema.Finite)),
})
export type RunSummary = typeof RunSummary.Type

export const holdingFamilies = ["capital", "compute", "knowledge"] as const
export const HoldingFamily = Schema.Literals(holdingFamilies)
export type HoldingFamily = typeof HoldingFamily.Type

/** The Lorenz curve of one variant's representative run (median Gini): curve[i] = share held by the i smallest labs. */
export const LorenzCurve = Schema.Struct({
  variant: Count,
  family: HoldingFamily,
  replicate: Count,
  gini: Schema.Finite,
  curve: F64,
})
export type LorenzCurve = typeof LorenzCurve.Type

/** One ledger record on the decision timeline. */
export const TimelineEvent = Schema.Struct({
  variant: Count,
  replicate: Count,
  /** 0-based tick of the record */
  tick: Count,
  kind: Schema.String,
  /** the proposal it concerns, or "" */
  proposal: Schema.String,
  /** for decisions: passed or not; null otherwise or when not recorded */
  passed: Schema.NullOr(Schema.Boolean),
  /** a short description (lever, change, reason), already truncated */
  detail: Schema.String,
})
export type TimelineEvent = typeof TimelineEvent.Type

export const Timeline = Schema.Struct({
  events: Schema.Array(TimelineEvent),
  /** entries per kind in the chains drawn */
  counts: Schema.Record(Schema.String, Count),
  /** whether every chain in the ledger file verified */
  verified: Schema.Boolean,
  /** what the user should know: verification outcome, truncation */
  note: Schema.String,
})
export type Timeline = typeof Timeline.Type

/** Everything the page draws: aggregates, not raw series. */
export const ViewData = Schema.Struct({
  origin: Schema.Literals(["file", "run"]),
  /** file name, URL, or "browser run" */
  source: Schema.String,
  scenario: Schema.Struct({ name: Schema.String, hash: Schema.String }),
  engineVersion: Schema.String,
  /** the longest series, in ticks (months) */
  ticks: Count,
  variants: Schema.Array(VariantInfo),
  /** one entry per series name, sorted by name */
  metrics: Schema.Array(MetricBands),
  runs: Schema.Array(RunSummary),
  /** empty when the runs carry no per-lab holdings */
  lorenz: Schema.Array(LorenzCurve),
  /** null when no ledger was given */
  timeline: Schema.NullOr(Timeline),
  /** things the user should know about the data (warnings) */
  notes: Schema.Array(Schema.String),
})
export type ViewData = typeof ViewData.Type

export const Loaded = Schema.TaggedStruct("Loaded", { view: ViewData })

export const Saved = Schema.TaggedStruct("Saved", { file: Schema.instanceOf(Blob), name: Schema.String })

export const ReplyBody = Schema.Union([Progress, Failed, ScenarioChecked, Loaded, Saved])
export type ReplyBody = typeof ReplyBody.Type

export const Reply = Schema.Struct({ id: Count, body: ReplyBody })
export type Reply = typeof Reply.Type

export const decodeRequest = Schema.decodeUnknownExit(Request)
export const decodeReply = Schema.decodeUnknownExit(Reply)
