import { Schema } from "effect"
import { LedgerEntry } from "../ledger/schema.js"
import { RunRecord } from "../results/schema.js"
import { Scenario } from "../scenario/schema.js"

/**
 * The messages between the CLI and its worker threads, as Effect Schemas: the
 * worker decodes every request, the pool decodes every reply. A run record
 * crosses as the same `RunRecord` that results.json holds.
 */

/** Which series a run keeps: all, none, or the named metrics. */
export const SeriesSelection = Schema.Union([Schema.Literals(["all", "none"]), Schema.Array(Schema.String)])
export type SeriesSelection = typeof SeriesSelection.Type

/** Sent once, first: how every run of this pool is done. */
export const WorkerInit = Schema.TaggedStruct("Init", {
  /** verify the accounts after every phase */
  check: Schema.Boolean,
  series: SeriesSelection,
  /** milliseconds between progress messages during a run; 0 for none */
  progressEveryMs: Schema.Finite,
  /** send the run's ledger entries with its record (for ledger.jsonl) */
  ledgerEntries: Schema.Boolean,
})
export type WorkerInit = typeof WorkerInit.Type

/** One run. `scenario` is left out (null) when the worker's previous run was of the same arm. */
export const RunRequest = Schema.TaggedStruct("Run", {
  /** position in the plan: the reply names it */
  index: Schema.Int,
  arm: Schema.Int,
  /** the arm's name: the variant in the record, and the stream key without common random numbers */
  name: Schema.String,
  replicate: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  scenario: Schema.NullOr(Scenario),
})
export type RunRequest = typeof RunRequest.Type

export const ToWorker = Schema.Union([WorkerInit, RunRequest])
export type ToWorker = typeof ToWorker.Type

/** Sent once when the worker has loaded the engine and listens. */
export const WorkerReady = Schema.TaggedStruct("Ready", {})

/** Ticks done so far in the current run (throttled by `progressEveryMs`). */
export const RunProgress = Schema.TaggedStruct("Progress", { index: Schema.Int, ticks: Schema.Int })

export const RunDone = Schema.TaggedStruct("Done", {
  index: Schema.Int,
  record: RunRecord,
  ledger: Schema.NullOr(Schema.Array(LedgerEntry)),
})
export type RunDone = typeof RunDone.Type

/** What went wrong in a run: `AccountingBroken` (an invariant), `Error` (a bug), `WorkerCrashed`. */
export const RunError = Schema.Struct({ tag: Schema.String, message: Schema.String })
export type RunError = typeof RunError.Type

export const RunThrew = Schema.TaggedStruct("Failed", { index: Schema.Int, error: RunError })

export const FromWorker = Schema.Union([WorkerReady, RunProgress, RunDone, RunThrew])
export type FromWorker = typeof FromWorker.Type

/** Keeps the selected series of a record (in the record's order). */
export const selectSeries = <S>(series: Readonly<Record<string, S>>, selection: SeriesSelection): Record<string, S> => {
  if (selection === "all") return { ...series }
  if (selection === "none") return {}
  const keep = new Set(selection)
  const out: Record<string, S> = {}
  for (const [name, values] of Object.entries(series)) if (keep.has(name)) out[name] = values
  return out
}
