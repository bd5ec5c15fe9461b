import { Schema } from "effect"
import { LedgerSeal } from "../ledger/schema.js"
import { Scenario } from "../scenario/schema.js"

/**
 * results.json: what `aigov run` writes and the viewer reads. Series values are
 * JSON numbers, with `null` where a metric is undefined at a tick (NaN in memory).
 */
export const resultsFormat = "aigov-results/1"

export const FlowTotal = Schema.Struct({
  asset: Schema.Literals(["capital", "compute", "tokens"]),
  kind: Schema.Literals(["source", "sink"]),
  name: Schema.String,
  total: Schema.Finite,
})

export const RunRecord = Schema.Struct({
  variant: Schema.String,
  replicate: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  seed: Schema.Int,
  /** SHA-256 of the run's outputs (series bit-exact, summary, flows) */
  hash: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
  summary: Schema.Record(Schema.String, Schema.NullOr(Schema.Finite)),
  series: Schema.Record(Schema.String, Schema.Array(Schema.NullOr(Schema.Finite))),
  flows: Schema.Array(FlowTotal),
  /** the run's governance ledger chain: head hash and length (the entries go to ledger.jsonl) */
  ledger: LedgerSeal,
  /** what each lab active at the end holds, for Lorenz curves (optional: older files lack it) */
  holdings: Schema.optionalKey(
    Schema.Struct({
      capital: Schema.Array(Schema.Finite),
      compute: Schema.Array(Schema.Finite),
      knowledge: Schema.Array(Schema.Finite),
    }),
  ),
})
export type RunRecord = typeof RunRecord.Type

export const ResultsVariant = Schema.Struct({ name: Schema.String, scenario: Scenario })

export const Results = Schema.Struct({
  format: Schema.Literal(resultsFormat),
  engineVersion: Schema.String,
  scenario: Schema.Struct({
    name: Schema.String,
    /** SHA-256 of the canonical JSON of every resolved variant */
    hash: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
    variants: Schema.Array(ResultsVariant),
  }),
  runs: Schema.Array(RunRecord),
})
export type Results = typeof Results.Type
