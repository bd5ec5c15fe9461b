import { canonicalJson } from "../hash.js"
import { genesisHash, type LedgerEntry } from "./chain.js"
import type { LedgerSeal } from "./schema.js"
import { verifyAgainst, verifyChain, type VerifyResult } from "./verify.js"

/**
 * ledger.jsonl: the chains of several runs in one file, one JSON object per
 * line, `{"run": "<variant>/<replicate>", ...entry}`, keys in canonical (sorted)
 * order. Each run's entries form their own chain, in file order; runs may be
 * interleaved, though writers put each run's lines together.
 */

/** The name of a run's chain in ledger.jsonl. */
export const runId = (variant: string, replicate: number): string => `${variant}/${replicate}`

/** One line per entry (no newline), canonical JSON so the same chain always serializes to the same bytes. */
export const ledgerLines = (run: string, entries: ReadonlyArray<LedgerEntry>): Array<string> =>
  entries.map((entry) => canonicalJson({ ...entry, run }))

/** A whole ledger file: every run's lines, in the order given, each line ending in a newline. */
export const ledgerText = (runs: Iterable<readonly [run: string, entries: ReadonlyArray<LedgerEntry>]>): string => {
  let text = ""
  for (const [run, entries] of runs) for (const line of ledgerLines(run, entries)) text += `${line}\n`
  return text
}

/** A line that could not be read as a ledger line. */
export interface LedgerProblem {
  /** 1-based line number in the file */
  readonly line: number
  readonly message: string
}

export interface ParsedLedger {
  /** true when every line was read */
  readonly ok: boolean
  /** each run's entries (the line's object without `run`), unvalidated: `verifyChain` checks them */
  readonly runs: ReadonlyMap<string, ReadonlyArray<unknown>>
  /** the 1-based line number of each of a run's entries */
  readonly lines: ReadonlyMap<string, ReadonlyArray<number>>
  /** every line that could not be read, in file order */
  readonly problems: ReadonlyArray<LedgerProblem>
  /** number of lines in the file (a final newline does not start a line) */
  readonly lineCount: number
}

/**
 * Splits a ledger file into runs. Reads what it can and lists every line it
 * cannot (not JSON, not an object, no `run`); blank lines are allowed. A last
 * line without its newline is accepted when it is complete JSON, and reported
 * as cut short when it is not.
 */
export const parseLedgerText = (text: string): ParsedLedger => {
  const rows = text.split("\n")
  const endsWithNewline = rows[rows.length - 1] === ""
  if (endsWithNewline) rows.pop()
  const runs = new Map<string, Array<unknown>>()
  const lines = new Map<string, Array<number>>()
  const problems: Array<LedgerProblem> = []
  for (let i = 0; i < rows.length; i++) {
    const line = i + 1
    const row = rows[i]!.endsWith("\r") ? rows[i]!.slice(0, -1) : rows[i]!
    if (row.trim() === "") continue
    let value: unknown
    try {
      value = JSON.parse(row)
    } catch {
      const cut = i === rows.length - 1 && !endsWithNewline
      problems.push({ line, message: `line ${line}: not valid JSON${cut ? " (the file ends mid-line: cut short?)" : ""}` })
      continue
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      problems.push({ line, message: `line ${line}: not a ledger entry object` })
      continue
    }
    const { run, ...entry } = value as Record<string, unknown>
    if (typeof run !== "string" || run === "") {
      problems.push({ line, message: `line ${line}: has no "run" naming the chain it belongs to` })
      continue
    }
    let list = runs.get(run)
    let at = lines.get(run)
    if (list === undefined || at === undefined) {
      list = []
      at = []
      runs.set(run, list)
      lines.set(run, at)
    }
    list.push(entry)
    at.push(line)
  }
  return { ok: problems.length === 0, runs, lines, problems, lineCount: rows.length }
}

/** The first thing wrong with a ledger file. */
export interface LedgerFault {
  /** 1-based line; for a run cut short, the line after its last; for a run missing altogether, lineCount + 1 */
  readonly line: number
  /** the run it concerns, when known */
  readonly run?: string
  /** plain words, starting with `line <n>:` */
  readonly message: string
}

export interface LedgerTextReport {
  readonly ok: boolean
  /** each run's verdict (against its recorded seal when one was given), in file order, then runs recorded but absent */
  readonly runs: ReadonlyMap<string, VerifyResult>
  /** lines that could not be read */
  readonly problems: ReadonlyArray<LedgerProblem>
  /** the first bad line overall, or undefined when the ledger verifies */
  readonly first: LedgerFault | undefined
}

/**
 * Verifies every run's chain in a ledger file, and, when `expected` (from
 * results.json) is given, each run's head and length, that every recorded run is
 * present and that no unrecorded run is.
 */
export const verifyLedgerText = (text: string, expected?: ReadonlyMap<string, LedgerSeal>): LedgerTextReport => {
  const parsed = parseLedgerText(text)
  const results = new Map<string, VerifyResult>()
  const faults: Array<LedgerFault> = parsed.problems.map((p) => ({ line: p.line, message: p.message }))
  for (const [run, entries] of parsed.runs) {
    const at = parsed.lines.get(run)!
    const seal = expected?.get(run)
    let result = verifyChain(entries)
    if (seal !== undefined) result = verifyAgainst(result, seal)
    else if (expected !== undefined && result.ok) {
      result = { ok: false, index: 0, reason: `entry 0: run "${run}" is in the ledger but not recorded in results.json` }
    }
    results.set(run, result)
    if (!result.ok) {
      const line = result.index < at.length ? at[result.index]! : at[at.length - 1]! + 1
      faults.push({ line, run, message: `line ${line}: run "${run}" ${result.reason}` })
    }
  }
  if (expected !== undefined) {
    for (const [run, seal] of expected) {
      if (parsed.runs.has(run)) continue
      const result: VerifyResult = seal.length === 0
        ? verifyAgainst({ ok: true, head: genesisHash, length: 0 }, seal)
        : { ok: false, index: 0, reason: `entry 0: missing; results.json records ${seal.length} entries for this run but the ledger has none` }
      results.set(run, result)
      if (!result.ok) {
        const line = parsed.lineCount + 1
        faults.push({ line, run, message: `line ${line}: run "${run}" ${result.reason}` })
      }
    }
  }
  let first: LedgerFault | undefined
  for (const fault of faults) if (first === undefined || fault.line < first.line) first = fault
  return { ok: first === undefined, runs: results, problems: parsed.problems, first }
}
