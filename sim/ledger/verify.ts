import { Data, SchemaIssue, Schema } from "effect"
import { entryHash, genesisHash, type LedgerEntry } from "./chain.js"
import { LedgerEntry as LedgerEntrySchema, type LedgerSeal } from "./schema.js"

/**
 * Checking a chain. A chain verifies when every entry sits at the position its
 * index names, its prev is the hash of the entry before it (genesis for the
 * first), and its hash recomputes from its contents. That catches any edit,
 * drop, duplicate, swap or insertion that the editor did not then paper over by
 * rewriting every later entry; and a consistent rewrite of the tail, or a chain
 * cut short at the end, is caught by `verifyAgainst` the head and length
 * recorded in results.json.
 */

export type VerifyResult =
  | { readonly ok: true; readonly head: string; readonly length: number }
  | {
    readonly ok: false
    /** position (from 0) of the first entry that fails; for a chain cut short, the position of the first missing entry */
    readonly index: number
    /** plain words, starting with `entry <index>:` */
    readonly reason: string
  }

/** A chain that failed verification, as a typed error for Effect code and the CLI. */
export class LedgerTampered extends Data.TaggedError("LedgerTampered")<{
  /** the ledger file, or the run within it */
  readonly source: string
  /** 1-based line in the file, when known */
  readonly line?: number
  readonly index: number
  readonly reason: string
}> {
  override get message(): string {
    return `${this.source}${this.line === undefined ? "" : `, line ${this.line}`}: ${this.reason}`
  }
}

const decodeEntry = Schema.decodeUnknownResult(LedgerEntrySchema)
const parseOptions = { errors: "first", onExcessProperty: "error" } as const
const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** The first thing wrong with the shape of an entry, in plain words, or undefined when it is well formed. */
export const entryShapeProblem = (value: unknown): string | undefined => {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return `is ${value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`}, not a ledger entry object`
  }
  const decoded = decodeEntry(value, parseOptions)
  if (decoded._tag === "Success") return undefined
  const issue = formatter(decoded.failure.issue).issues[0]
  if (issue === undefined) return "is not a well-formed ledger entry"
  const path = (issue.path ?? []).map((k) => String(typeof k === "object" && k !== null ? (k as { key: PropertyKey }).key : k))
  const field = path.join(".")
  if (issue.message === "Expected no excess property") return `has unexpected field "${field}" (not covered by the hash)`
  if (issue.message === "Missing key") return `is missing its "${field}" field`
  const value0 = path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value)
  return `field "${field}" is malformed: ${issue.message}, got ${JSON.stringify(value0) ?? String(value0)}`
}

/** Checks one entry at `position` given the hash the chain expects as its prev. Undefined when it is fine. */
const entryProblem = (value: unknown, position: number, expectedPrev: string): string | undefined => {
  const shape = entryShapeProblem(value)
  if (shape !== undefined) return shape
  const entry = value as LedgerEntry
  // Hash first: an entry whose own contents were edited (index and prev included)
  // is reported as edited; a well-sealed entry in the wrong place as misplaced.
  let recomputed: string
  try {
    recomputed = entryHash(entry)
  } catch (error) {
    return `its data cannot be hashed (${error instanceof Error ? error.message : String(error)})`
  }
  if (recomputed !== entry.hash) return "hash does not match its contents (edited?)"
  if (entry.index !== position) return `index is ${entry.index} (dropped or reordered?)`
  if (entry.prev !== expectedPrev) {
    return position === 0
      ? "prev is not the genesis value (dropped or reordered?)"
      : `prev does not match the hash of entry ${position - 1} (dropped or reordered?)`
  }
  return undefined
}

/**
 * Verifies one chain given as parsed JSON (untrusted). Names the FIRST bad entry.
 * A chain cut short at the end verifies by itself: use `verifyAgainst` too.
 */
export const verifyChain = (entries: ReadonlyArray<unknown>): VerifyResult => {
  let prev = genesisHash
  for (let i = 0; i < entries.length; i++) {
    const problem = entryProblem(entries[i], i, prev)
    if (problem !== undefined) return { ok: false, index: i, reason: `entry ${i}: ${problem}` }
    prev = (entries[i] as LedgerEntry).hash
  }
  return { ok: true, head: prev, length: entries.length }
}

/**
 * Compares a verified chain with the head and length recorded when it was made
 * (results.json). Catches what `verifyChain` cannot: entries cut off the end,
 * entries added at the end, and a tail rewritten consistently by a forger (who
 * can recompute hashes but cannot make the new head equal the recorded one).
 * A failed `result` is returned unchanged.
 */
export const verifyAgainst = (result: VerifyResult, expected: LedgerSeal): VerifyResult => {
  if (!result.ok) return result
  if (result.length < expected.length) {
    return {
      ok: false,
      index: result.length,
      reason: `entry ${result.length}: missing; the ledger ends after ${result.length} entr${result.length === 1 ? "y" : "ies"} but results.json recorded ${expected.length} (cut short?)`,
    }
  }
  if (result.length > expected.length) {
    return {
      ok: false,
      index: expected.length,
      reason: `entry ${expected.length}: not in the record; the ledger has ${result.length} entries but results.json recorded ${expected.length} (appended?)`,
    }
  }
  if (result.head !== expected.head) {
    const last = result.length - 1
    return {
      ok: false,
      index: Math.max(last, 0),
      reason: last < 0
        ? `entry 0: the ledger is empty but results.json recorded head ${expected.head} (rewritten?)`
        : `entry ${last}: hash is not the head recorded in results.json (the chain was rewritten from some entry on)`,
    }
  }
  return result
}
