import { Schema } from "effect"
import { ledgerKinds } from "./chain.js"

/**
 * The shapes of the ledger as it crosses a boundary (ledger.jsonl, results.json,
 * worker messages). The in-memory `LedgerEntry` interface in chain.ts is the
 * same shape; verify.ts decodes untrusted input with these schemas.
 */

/** A SHA-256 digest as 64 lowercase hex digits. */
export const Sha256Hex = Schema.String.check(
  Schema.isPattern(/^[0-9a-f]{64}$/, { expected: "a SHA-256 hash (64 lowercase hex digits)" }),
).annotate({ description: "SHA-256 as 64 lowercase hex digits" })

export const LedgerKind = Schema.Literals(ledgerKinds)

/** One ledger entry. `data` is any JSON object; the hash commits to all of it. */
export const LedgerEntry = Schema.Struct({
  index: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  tick: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  kind: LedgerKind,
  data: Schema.Record(Schema.String, Schema.Unknown),
  prev: Sha256Hex,
  hash: Sha256Hex,
})
export type LedgerEntryEncoded = typeof LedgerEntry.Type

/** One line of ledger.jsonl: an entry tagged with the run (`<variant>/<replicate>`) whose chain it belongs to. */
export const LedgerLine = Schema.Struct({
  run: Schema.String.check(Schema.isMinLength(1)),
  ...LedgerEntry.fields,
})
export type LedgerLine = typeof LedgerLine.Type

/**
 * What results.json records for each run's chain so that a ledger cut short at
 * the end (which verifies by itself) is still caught: the head hash and length.
 */
export const LedgerSeal = Schema.Struct({
  head: Sha256Hex,
  length: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
})
export type LedgerSeal = typeof LedgerSeal.Type
