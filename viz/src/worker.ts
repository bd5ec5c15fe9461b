/**
 * The viewer's worker: reads and validates results files, runs scenarios with
 * the same engine as the CLI, and aggregates, so the page only ever draws.
 * Every message in and out is an Effect Schema type from messages.ts.
 */
import { Result, Schema } from "effect"
import type { LedgerEntry } from "../../sim/ledger/chain.js"
import { ledgerText, runId } from "../../sim/ledger/jsonl.js"
import { type RunRecord, Results } from "../../sim/results/schema.js"
import { toResults, toRunRecord } from "../../sim/results/records.js"
import { loadScenarioText, parseText, resolveScenario } from "../../sim/scenario/load.js"
import { isPlainObject } from "../../sim/scenario/merge.js"
import { knobs, knobValues, nestedOverrides } from "./knobs.js"
import { timelineFromLedger } from "./ledger.js"
import { type Holdings, type LoadedResults, checkSize, parseResultsText } from "./load.js"
import { type Problem, type ReplyBody, type RequestBody, type TopLevelOverrides, decodeRequest } from "./messages.js"
import { simulateRun } from "./simulate.js"
import { buildView, transferables } from "./view-data.js"

interface WorkerScope {
  postMessage(message: unknown, transfer: Array<Transferable>): void
  onmessage: ((event: MessageEvent) => void) | null
}
const scope = self as unknown as WorkerScope

/** A run needing more memory than this is refused in the browser. */
const maxRunBytes = 1024 * 1024 * 1024

/** The last results loaded or run, for SaveResults. */
let last: { readonly loaded: LoadedResults; readonly name: string } | undefined

const post = (id: number, body: ReplyBody, transfer: Array<Transferable> = []) => scope.postMessage({ id, body }, transfer)

/** Posts progress at most every 100 ms (and always the last step). */
const progressReporter = (id: number, stage: "reading" | "validating" | "running" | "aggregating") => {
  let lastPost = 0
  return (done: number, total: number) => {
    const now = performance.now()
    if (done < total && now - lastPost < 100) return
    lastPost = now
    post(id, { _tag: "Progress", stage, done, total })
  }
}

const failed = (kind: "ScenarioInvalid" | "ResultsRejected" | "Crashed", title: string, problems: ReadonlyArray<Problem> = []): ReplyBody => ({
  _tag: "Failed",
  kind,
  title,
  problems,
})

const scenarioProblems = (problems: ReadonlyArray<Problem>): ReplyBody =>
  failed("ScenarioInvalid", `The scenario has ${problems.length} problem${problems.length === 1 ? "" : "s"}`, problems)

const loadResults = async (id: number, request: Extract<RequestBody, { _tag: "LoadResults" }>) => {
  const { source } = request
  post(id, { _tag: "Progress", stage: "reading", done: 0, total: 1 })
  const size = checkSize(request.results.size, source)
  if (Result.isFailure(size)) return post(id, failed("ResultsRejected", size.failure.title, size.failure.problems))
  const text = await request.results.text()
  post(id, { _tag: "Progress", stage: "validating", done: 0, total: 1 })
  const parsed = parseResultsText(text, source)
  if (Result.isFailure(parsed)) return post(id, failed("ResultsRejected", parsed.failure.title, parsed.failure.problems))
  const loaded = parsed.success
  let timeline = null
  if (request.ledger !== null) {
    const ledgerSize = checkSize(request.ledger.size, "ledger")
    if (Result.isFailure(ledgerSize)) return post(id, failed("ResultsRejected", `ledger: ${ledgerSize.failure.title}`))
    const seals = new Map(loaded.results.runs.map((r) => [runId(r.variant, r.replicate), r.ledger]))
    timeline = timelineFromLedger(await request.ledger.text(), loaded.results.scenario.variants.map((v) => v.name), seals)
  }
  const view = buildView(loaded, { origin: "file", source, timeline, onProgress: progressReporter(id, "aggregating") })
  last = { loaded, name: fileName(source) }
  post(id, { _tag: "Loaded", view }, transferables(view))
}

const fileName = (source: string): string => {
  const base = source.split(/[\\/?#]/).filter((s) => s !== "").pop() ?? "results.json"
  return base.endsWith(".json") ? base : `${base}.json`
}

/** The base scenario of a file (without its variants), with defaults filled in. */
const baseOf = (text: string) => {
  const parsed = parseText(text)
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure)
  const raw = parsed.success
  const withoutVariants = isPlainObject(raw) ? Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "variants")) : raw
  const base = resolveScenario(withoutVariants, "editor")
  return Result.isFailure(base) ? Result.fail(base.failure.problems) : Result.succeed({ raw, scenario: base.success.variants[0]!.scenario })
}

const checkScenario = (id: number, text: string) => {
  const loaded = loadScenarioText(text, "editor")
  if (Result.isFailure(loaded)) return post(id, scenarioProblems(loaded.failure.problems))
  const base = baseOf(text)
  if (Result.isFailure(base)) return post(id, scenarioProblems(base.failure))
  const s = base.success.scenario
  post(id, {
    _tag: "ScenarioChecked",
    name: loaded.success.name,
    variants: loaded.success.variants.map((v) => v.name),
    ticks: s.ticks,
    replicates: s.replicates,
    seed: s.seed,
    knobs: knobValues(s),
  })
}

const definedOverrides = (o: TopLevelOverrides): Record<string, number> => {
  const out: Record<string, number> = {}
  if (o.ticks !== undefined) out.ticks = o.ticks
  if (o.replicates !== undefined) out.replicates = o.replicates
  if (o.seed !== undefined) out.seed = o.seed
  return out
}

const runScenario = (id: number, request: Extract<RequestBody, { _tag: "RunScenario" }>) => {
  const parsed = parseText(request.text)
  if (Result.isFailure(parsed)) return post(id, scenarioProblems(parsed.failure))
  const known = new Set(knobs.map((k) => k.path))
  const knobSettings = Object.fromEntries(Object.entries(request.knobs).filter(([path]) => known.has(path)))
  const overrides = { ...nestedOverrides(parsed.success, knobSettings), ...definedOverrides(request.overrides) }
  const loaded = loadScenarioText(request.text, "editor", { overrides, maxRunBytes })
  if (Result.isFailure(loaded)) return post(id, scenarioProblems(loaded.failure.problems))
  const { variants } = loaded.success
  const total = variants.reduce((sum, v) => sum + v.scenario.ticks * v.scenario.replicates, 0)
  const report = progressReporter(id, "running")
  const records: Array<RunRecord> = []
  const holdings: Array<Holdings> = []
  const chains: Array<readonly [string, ReadonlyArray<LedgerEntry>]> = []
  let done = 0
  report(0, total)
  for (const v of variants) {
    for (let r = 0; r < v.scenario.replicates; r++) {
      const run = simulateRun(v.name, v.scenario, r, { onTick: (ticks) => report(done + ticks, total) })
      done += v.scenario.ticks
      records.push(toRunRecord(run.result))
      holdings.push(run.holdings)
      chains.push([runId(v.name, r), run.result.ledger.entries])
    }
  }
  const results = toResults(loaded.success, records)
  // the runs' ledgers, through the same reader as a ledger.jsonl file (verification included)
  const timeline = chains.some(([, entries]) => entries.length > 0)
    ? timelineFromLedger(ledgerText(chains), variants.map((v) => v.name), new Map(records.map((r) => [runId(r.variant, r.replicate), r.ledger])))
    : null
  const view = buildView({ results, holdings }, {
    origin: "run",
    source: "browser run",
    timeline,
    onProgress: progressReporter(id, "aggregating"),
  })
  last = { loaded: { results, holdings }, name: `${loaded.success.name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60) || "scenario"}-results.json` }
  post(id, { _tag: "Loaded", view }, transferables(view))
}

const encodeResults = Schema.encodeUnknownSync(Results)

/** results.json as the CLI writes it, plus each run's `holdings` when known (see viz/README.md). */
const saveResults = (id: number) => {
  if (last === undefined) return post(id, failed("Crashed", "There are no results to save yet"))
  const encoded = encodeResults(last.loaded.results) as { readonly runs: ReadonlyArray<Record<string, unknown>> }
  const holdings = last.loaded.holdings
  const runs = encoded.runs.map((run, i) => (holdings[i] === undefined ? run : { ...run, holdings: holdings[i] }))
  const file = new Blob([`${JSON.stringify({ ...encoded, runs })}\n`], { type: "application/json" })
  post(id, { _tag: "Saved", file, name: last.name })
}

scope.onmessage = (event: MessageEvent) => {
  const decoded = decodeRequest(event.data)
  if (decoded._tag === "Failure") {
    const raw = event.data as { id?: unknown } | null
    const id = typeof raw?.id === "number" && Number.isSafeInteger(raw.id) && raw.id >= 0 ? raw.id : 0
    return post(id, failed("Crashed", "The worker received a message it does not understand"))
  }
  const { id, body } = decoded.value
  const handle = async () => {
    switch (body._tag) {
      case "LoadResults":
        return loadResults(id, body)
      case "CheckScenario":
        return checkScenario(id, body.text)
      case "RunScenario":
        return runScenario(id, body)
      case "SaveResults":
        return saveResults(id)
    }
  }
  handle().catch((error: unknown) => {
    post(id, failed("Crashed", "The worker failed", [{ path: "", message: error instanceof Error ? error.message : String(error) }]))
  })
}
