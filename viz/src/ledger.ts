import { isPlainObject } from "../../sim/scenario/merge.js"
import { parseLedgerText, verifyLedgerText } from "../../sim/ledger/jsonl.js"
import type { LedgerSeal } from "../../sim/ledger/schema.js"
import type { Timeline, TimelineEvent } from "./messages.js"

/**
 * ledger.jsonl → the decision timeline: for each variant, the chain of its
 * lowest-numbered replicate, reduced to the records a timeline shows (proposals,
 * decisions, enactments, captures). The file is untrusted: every string taken
 * from it is cut short, and it is only ever shown as text.
 */

/** The kinds drawn on the timeline; others are only counted. */
export const timelineKinds = ["proposal", "decision", "enactment", "capture"] as const

/** At most this many events per variant are kept. */
export const maxEventsPerVariant = 2_000

const clip = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

const show = (value: unknown): string => {
  if (value === undefined) return ""
  if (typeof value === "string") return clip(value, 60)
  const json = JSON.stringify(value)
  return json === undefined ? "" : clip(json, 60)
}

/** A run id `variant/replicate` → its parts (the variant name may itself contain "/"). */
export const splitRunId = (run: string): { readonly variant: string; readonly replicate: number } | undefined => {
  const slash = run.lastIndexOf("/")
  if (slash < 0) return undefined
  const replicate = Number(run.slice(slash + 1))
  if (!Number.isSafeInteger(replicate) || replicate < 0) return undefined
  return { variant: run.slice(0, slash), replicate }
}

/**
 * @param expected each run's head and length as results.json records them
 *   (`variant/replicate` → seal), so a ledger cut short or rewritten is caught.
 */
export const timelineFromLedger = (
  text: string,
  variantNames: ReadonlyArray<string>,
  expected?: ReadonlyMap<string, LedgerSeal>,
): Timeline => {
  const report = verifyLedgerText(text, expected)
  const parsed = parseLedgerText(text)
  const index = new Map(variantNames.map((name, i) => [name, i]))
  // each variant's lowest replicate present in the ledger
  const chosen = new Map<number, { readonly run: string; readonly replicate: number }>()
  let unknownRuns = 0
  for (const run of parsed.runs.keys()) {
    const id = splitRunId(run)
    const v = id === undefined ? undefined : index.get(id.variant)
    if (id === undefined || v === undefined) {
      unknownRuns++
      continue
    }
    const current = chosen.get(v)
    if (current === undefined || id.replicate < current.replicate) chosen.set(v, { run, replicate: id.replicate })
  }
  const events: Array<TimelineEvent> = []
  const counts: Record<string, number> = {}
  let truncated = false
  for (const [variant, { run, replicate }] of [...chosen].sort((a, b) => a[0] - b[0])) {
    let kept = 0
    for (const entry of parsed.runs.get(run) ?? []) {
      if (!isPlainObject(entry) || typeof entry.kind !== "string" || typeof entry.tick !== "number") continue
      if (!Number.isSafeInteger(entry.tick) || entry.tick < 0) continue
      const kind = clip(entry.kind, 20)
      counts[kind] = (counts[kind] ?? 0) + 1
      if (!(timelineKinds as ReadonlyArray<string>).includes(kind)) continue
      if (kept >= maxEventsPerVariant) {
        truncated = true
        continue
      }
      kept++
      const data = isPlainObject(entry.data) ? entry.data : {}
      const passed = kind === "decision" && typeof data.passed === "boolean" ? data.passed : null
      const parts: Array<string> = []
      if (data.lever !== undefined) parts.push(`${show(data.lever)}${data.from !== undefined || data.to !== undefined ? `: ${show(data.from)} → ${show(data.to)}` : ""}`)
      if (typeof data.reason === "string") parts.push(show(data.reason))
      if (typeof data.regime === "string") parts.push(`regime ${show(data.regime)}`)
      events.push({
        variant,
        replicate,
        tick: entry.tick,
        kind,
        proposal: data.proposalId === undefined ? "" : show(data.proposalId),
        passed,
        detail: clip(parts.join("; ")),
      })
    }
  }
  const notes: Array<string> = []
 notes.push(report.ok ? `Every chain in the ledger verifies${expected === undefined ? "" : " against the heads recorded in the results"}.` : `The ledger does NOT verify: ${clip(report.first?.message ?? "unreadable lines", 200)}`)
  if (unknownRuns > 0) notes.push(`${unknownRuns} run${unknownRuns === 1 ? "" : "s"} in the ledger name${unknownRuns === 1 ? "s" : ""} no variant of these results.`)
  if (truncated) notes.push(`Only the first ${maxEventsPerVariant} events per variant are drawn.`)
  if (chosen.size > 0) notes.push("One chain per variant: its lowest replicate.")
  return { events, counts, verified: report.ok, note: notes.join(" ") }
}
