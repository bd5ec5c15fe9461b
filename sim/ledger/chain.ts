import { Data } from "effect"
import { canonicalJson, sha256Hex } from "../hash.js"

/**
 * The tamper-evident ledger: an append-only SHA-256 hash chain of governance
 * records. Each entry commits to its position, tick, kind, data and the hash of
 * the entry before it, so editing, dropping, reordering or inserting anything
 * breaks the chain from that point on (see verify.ts). Cutting entries off the
 * end leaves a valid shorter chain; that is caught by comparing the head and
 * length recorded in results.json (`verifyAgainst`).
 *
 * Runs in Node and the browser: no Node modules, hashing via @noble/hashes.
 */

export const ledgerKinds = [
  "proposal",
  "tally",
  "decision",
  "enactment",
  "audit",
  "fine",
  "bounty",
  "slash",
  "provenance",
  "capture",
] as const
export type LedgerKind = (typeof ledgerKinds)[number]

export const isLedgerKind = (value: unknown): value is LedgerKind =>
  typeof value === "string" && (ledgerKinds as ReadonlyArray<string>).includes(value)

/** `prev` of the first entry of every chain: 64 zeros. */
export const genesisHash = "0".repeat(64)

export interface LedgerEntry {
  /** position in its chain, from 0 */
  readonly index: number
  /** simulation tick at which the record was made */
  readonly tick: number
  readonly kind: LedgerKind
  /** JSON-safe payload; proposal-related entries carry `proposalId` (see explain.ts) */
  readonly data: Readonly<Record<string, unknown>>
  /** hash of the previous entry, or `genesisHash` for the first */
  readonly prev: string
  /** sha256Hex(canonicalJson({ index, tick, kind, data, prev })) */
  readonly hash: string
}

/** The hash an entry must carry: SHA-256 of the canonical JSON of everything but the hash. */
export const entryHash = (entry: {
  readonly index: number
  readonly tick: number
  readonly kind: string
  readonly data: unknown
  readonly prev: string
}): string =>
  sha256Hex(canonicalJson({ index: entry.index, tick: entry.tick, kind: entry.kind, data: entry.data, prev: entry.prev }))

/** A record refused at append time because it could not survive a JSON round trip unchanged. */
export class LedgerDataInvalid extends Data.TaggedError("LedgerDataInvalid")<{
  readonly kind: string
  readonly tick: number
  /** where in `data` the bad value sits, e.g. `data.votes[3].weight` */
  readonly path: string
  readonly detail: string
}> {
  override get message(): string {
    return `ledger ${this.kind} entry at tick ${this.tick}: ${this.path} ${this.detail}; ledger data must be JSON-safe (finite numbers, strings, booleans, null, arrays, plain objects)`
  }
}

const describe = (value: unknown): string => {
  if (value === undefined) return "undefined"
  if (typeof value === "function") return "a function"
  if (typeof value === "object" && value !== null) {
    const name = (value as object).constructor?.name
    return name === undefined ? "an object with a custom prototype" : `an instance of ${name}`
  }
  return `a ${typeof value} (${String(value)})`
}

const pathKey = (path: string, key: string): string =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`

/**
 * Validates that `value` is JSON-safe and returns a frozen deep copy of it, so a
 * caller mutating its own object afterwards cannot change what was hashed.
 * Returns a string describing the first problem instead when there is one.
 */
const freezeJson = (
  value: unknown,
  path: string,
  seen: Set<object>,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly path: string; readonly detail: string } => {
  if (value === null || typeof value === "string" || typeof value === "boolean") return { ok: true, value }
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? { ok: true, value: Object.is(value, -0) ? 0 : value }
      : { ok: false, path, detail: `is ${value} (not a finite number)` }
  }
  if (typeof value !== "object") return { ok: false, path, detail: `is ${describe(value)}` }
  if (seen.has(value)) return { ok: false, path, detail: "refers back to itself (a cycle)" }
  if (Array.isArray(value)) {
    seen.add(value)
    const out: Array<unknown> = []
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return { ok: false, path: `${path}[${i}]`, detail: "is a hole in a sparse array" }
      const item = freezeJson(value[i], `${path}[${i}]`, seen)
      if (!item.ok) return item
      out.push(item.value)
    }
    seen.delete(value)
    return { ok: true, value: Object.freeze(out) }
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return { ok: false, path, detail: `is ${describe(value)}, not a plain object` }
  if (Object.getOwnPropertySymbols(value).length > 0) return { ok: false, path, detail: "has symbol keys" }
  seen.add(value)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const child = pathKey(path, key)
    const item = freezeJson((value as Record<string, unknown>)[key], child, seen)
    if (!item.ok) return item
    out[key] = item.value
  }
  seen.delete(value)
  return { ok: true, value: Object.freeze(out) }
}

/**
 * One chain of records. `append` validates, copies, freezes and hashes; entries
 * are never changed after that.
 */
export class Ledger {
  readonly #entries: Array<LedgerEntry> = []
  /** every entry appended so far, oldest first (the live array: do not keep across appends if you need a snapshot) */
  readonly entries: ReadonlyArray<LedgerEntry> = this.#entries

  append(tick: number, kind: LedgerKind, data: Record<string, unknown>): LedgerEntry {
    if (!isLedgerKind(kind)) {
      throw new LedgerDataInvalid({ kind: String(kind), tick, path: "kind", detail: `is not one of ${ledgerKinds.join(", ")}` })
    }
    if (!Number.isSafeInteger(tick) || tick < 0) {
      throw new LedgerDataInvalid({ kind, tick, path: "tick", detail: "is not a non-negative integer" })
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new LedgerDataInvalid({ kind, tick, path: "data", detail: `is ${Array.isArray(data) ? "an array" : describe(data)}, not a plain object` })
    }
    const copy = freezeJson(data, "data", new Set())
    if (!copy.ok) throw new LedgerDataInvalid({ kind, tick, path: copy.path, detail: copy.detail })
    const index = this.#entries.length
    const prev = this.head
    const frozen = copy.value as Readonly<Record<string, unknown>>
    const entry: LedgerEntry = Object.freeze({ index, tick, kind, data: frozen, prev, hash: entryHash({ index, tick, kind, data: frozen, prev }) })
    this.#entries.push(entry)
    return entry
  }

  /** hash of the last entry, or `genesisHash` when empty */
  get head(): string {
    const last = this.#entries[this.#entries.length - 1]
    return last === undefined ? genesisHash : last.hash
  }

  get length(): number {
    return this.#entries.length
  }
}
