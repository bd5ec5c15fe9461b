import type { LoadedScenario } from "../scenario/load.js"
import type { RunResult } from "../run.js"
import { engineVersion } from "../version.js"
import { type Results, type RunRecord, resultsFormat } from "./schema.js"

/** A run as it is stored in results.json: typed arrays become arrays, NaN becomes null. */
export const toRunRecord = (run: RunResult): RunRecord => ({
  variant: run.variant,
  replicate: run.replicate,
  seed: run.seed,
  hash: run.hash,
  summary: run.summary,
  series: Object.fromEntries(
    Object.entries(run.series).map(([name, values]) => [name, Array.from(values, (v) => (Number.isFinite(v) ? v : null))]),
  ),
  flows: run.flows,
  ledger: { head: run.ledger.head, length: run.ledger.length },
  holdings: run.holdings,
})

export const toResults = (loaded: LoadedScenario, runs: ReadonlyArray<RunRecord>): Results => ({
  format: resultsFormat,
  engineVersion,
  scenario: { name: loaded.name, hash: loaded.hash, variants: loaded.variants },
  runs,
})
