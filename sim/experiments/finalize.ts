import { Effect, FileSystem, Path } from "effect"
import type { LedgerEntry } from "../ledger/chain.js"
import { ledgerLines, runId } from "../ledger/jsonl.js"
import { resultsFormat, type RunRecord } from "../results/schema.js"
import { csvField, seriesCsvChunks, seriesCsvHeader } from "./csv.js"
import { type PlannedRun, formatValue } from "./experiment.js"
import type { RunError } from "./messages.js"
import { type AtomicOutputs, type OutputFailed, type PendingFile, atomicOutputs } from "./outputs.js"
import { type SobolIndex, sobolIndices } from "./sensitivity.js"
import { type Spread, pairedDifferences, shareAbove, spread } from "./stats.js"
import type { Manifest, RunStore } from "./store.js"

/**
 * Assembles an experiment directory's outputs from its run files, in plan
 * order, so they are byte-identical however and wherever the runs were made
 * (any number of workers, any finishing order, shards merged):
 *
 *   results.json     the Results of `aigov run` (what the viewer reads), runs in plan order
 *   summary.csv      one row per run: identity, swept parameter values, every final value, hash
 *   ledger.jsonl     every run's governance ledger, one hash chain per run (`aigov verify`)
 *   series.csv       with --series other than none: the kept series in long format
 *   comparison.csv   compare: per variant and metric, median and 90% interval, paired difference to the first
 *   points.csv       sweep: the same per design point (no differences)
 *   sensitivity.csv  sweep with sensitivity: Sobol indices per metric and parameter
 *   failures.json    the runs that failed, if any (their records are missing from the files above)
 *
 * Run files are read twice (JSON and statistics, then CSV), one at a time, so
 * memory does not grow with the number of runs beyond the headline numbers.
 */

/** A run that threw: who it was, what it said, and how to reproduce it alone. */
export interface RunFailure {
  readonly index: number
  readonly arm: string
  readonly variant: string
  readonly point: number | null
  readonly replicate: number
  readonly seed: number
  readonly error: RunError
  readonly reproduce: string
}

export interface ArmStatistics {
  readonly arm: string
  readonly variant: string
  readonly point: number | null
  readonly values: ReadonlyArray<unknown> | null
  readonly metric: string
  readonly value: Spread
  /** compare: the paired differences to the first variant (null for the first itself and for sweeps) */
  readonly difference: Spread | null
  /** share of replicates in which this arm came out higher than the first */
  readonly shareHigher: number
}

export interface SensitivityResult {
  readonly variant: string
  readonly metric: string
  /** per parameter, in parameter order; null when the metric cannot be analysed (with why) */
  readonly indices: ReadonlyArray<SobolIndex> | null
  readonly note: string | null
}

export interface Finalized {
  readonly paths: ReadonlyArray<string>
  /** runs in the plan / runs written */
  readonly planned: number
  readonly written: number
  readonly statistics: ReadonlyArray<ArmStatistics>
  readonly sensitivity: ReadonlyArray<SensitivityResult>
}

/** Collects text into chunks of about 64 KiB before writing, so 10,000 small records are not 10,000 writes. */
const buffered = (file: PendingFile) => {
  let pending = ""
  return {
    write: (text: string): Effect.Effect<void, OutputFailed> => {
      pending += text
      if (pending.length < 1 << 16) return Effect.void
      const chunk = pending
      pending = ""
      return file.write(chunk)
    },
    flush: (): Effect.Effect<void, OutputFailed> => {
      const chunk = pending
      pending = ""
      return chunk === "" ? Effect.void : file.write(chunk)
    },
  }
}

const number = (v: number | null | undefined): string => (typeof v === "number" && Number.isFinite(v) ? String(v) : "")

const spreadColumns = ["n", "of", "median", "q05", "q95", "mean", "sd"] as const
const spreadCells = (s: Spread): Array<string> => [String(s.n), String(s.of), number(s.median), number(s.low), number(s.high), number(s.mean), number(s.sd)]

export interface FinalizeOptions {
  readonly failures: ReadonlyArray<RunFailure>
  /** seed of the sensitivity bootstrap */
  readonly bootstrapSeed?: number
}

export const finalize = (
  dir: string,
  manifest: Manifest,
  store: RunStore,
  plan: ReadonlyArray<PlannedRun>,
  options: FinalizeOptions,
): Effect.Effect<Finalized, OutputFailed, FileSystem.FileSystem | Path.Path> =>
  Effect.scoped(
    Effect.gen(function* () {
      const fs = yield* FileSystem.FileSystem
      const path = yield* Path.Path
      const outputs: AtomicOutputs = yield* atomicOutputs(dir)
      const arms = manifest.arms
      const metrics = manifest.report.metrics
      const sweep = manifest.kind === "sweep"
      const design = manifest.design
      const analysed = design?.saltelli != null && design.sensitivity !== null
        ? design.sensitivity.length === 0 ? metrics : design.sensitivity
        : []
      // every metric whose values over replicates are needed: the reported ones and the analysed ones
      const tracked = [...new Set([...metrics, ...analysed])]

      // pass 1: results.json, the metric columns, the headline numbers
      const json = yield* outputs.open("results.json")
      const out = buffered(json)
      const header = JSON.stringify({
        format: resultsFormat,
        engineVersion: manifest.engineVersion,
        scenario: { name: manifest.name, hash: manifest.scenarioHash, variants: arms.map((a) => ({ name: a.name, scenario: a.scenario })) },
        runs: [],
      })
      yield* out.write(header.slice(0, -2))
      const summaryKeys = new Set<string>()
      // headline[arm][metric][replicate]
      const headline: Array<Array<Array<number | null>>> = arms.map(() => tracked.map(() => []))
      let written = 0
      for (const run of plan) {
        const line = yield* store.read(run)
        if (line === undefined) continue
        // the record's line goes in as stored: the same bytes wherever the run was made
        yield* out.write(`${written === 0 ? "" : ","}${line}`)
        written++
        const record = JSON.parse(line) as RunRecord
        for (const key of Object.keys(record.summary)) summaryKeys.add(key)
        tracked.forEach((m, k) => {
          headline[run.arm]![k]![run.replicate] = record.summary[m] ?? null
        })
      }
      yield* out.write("]}\n")
      yield* out.flush()

      // the values of one metric for one arm, replicate by replicate (a missing run as null)
      const valuesOf = (a: number, metric: string): Array<number | null> => {
        const k = tracked.indexOf(metric)
        const replicates = (arms[a]!.scenario as { readonly replicates?: number }).replicates ?? 0
        const values = k < 0 ? [] : headline[a]![k]!
        return Array.from({ length: Math.max(replicates, values.length) }, (_, r) => values[r] ?? null)
      }

      // pass 2: summary.csv (and series.csv)
      const columns = [...summaryKeys].sort()
      const identity = sweep ? ["arm", "variant", "point", ...manifest.parameters, "replicate", "seed"] : ["variant", "replicate", "seed"]
      const summary = buffered(yield* outputs.open("summary.csv"))
      yield* summary.write(`${[...identity, ...columns, "hash"].map(csvField).join(",")}\n`)
      const withSeries = manifest.series !== "none"
      const series = withSeries ? buffered(yield* outputs.open("series.csv")) : undefined
      if (series !== undefined) yield* series.write(seriesCsvHeader)
      for (const run of plan) {
        const line = yield* store.read(run)
        if (line === undefined) continue
        const record = JSON.parse(line) as RunRecord
        const arm = arms[run.arm]!
        const id = sweep
          ? [arm.name, arm.variant, String(arm.point), ...(arm.values ?? []).map(formatValue), String(record.replicate), String(record.seed)]
          : [arm.name, String(record.replicate), String(record.seed)]
        yield* summary.write(`${[...id.map(csvField), ...columns.map((c) => number(record.summary[c])), record.hash].join(",")}\n`)
        if (series !== undefined) {
          const columnsOf: Record<string, Float64Array> = {}
          for (const [name, values] of Object.entries(record.series)) columnsOf[name] = Float64Array.from(values, (v) => (v === null ? Number.NaN : v))
          for (const chunk of seriesCsvChunks({ variant: record.variant, replicate: record.replicate, series: columnsOf })) yield* series.write(chunk)
        }
      }
      yield* summary.flush()
      if (series !== undefined) yield* series.flush()

      // pass 3: ledger.jsonl, every run's governance ledger in plan order (canonical lines)
      const ledger = buffered(yield* outputs.open("ledger.jsonl"))
      for (const run of plan) {
        const line = yield* store.readLedger(run)
        if (line === undefined) continue
        const record = JSON.parse((yield* store.read(run))!) as RunRecord
        const lines = ledgerLines(runId(record.variant, record.replicate), JSON.parse(line) as ReadonlyArray<LedgerEntry>)
        if (lines.length > 0) yield* ledger.write(`${lines.join("\n")}\n`)
      }
      yield* ledger.flush()

      // statistics over replicates, per arm and metric
      const statistics: Array<ArmStatistics> = []
      arms.forEach((arm, a) => {
        metrics.forEach((metric) => {
          const filled = valuesOf(a, metric)
          const differences = !sweep && a > 0 ? pairedDifferences(filled, valuesOf(0, metric)) : null
          statistics.push({
            arm: arm.name,
            variant: arm.variant,
            point: arm.point,
            values: arm.values,
            metric,
            value: spread(filled),
            difference: differences === null ? null : spread(differences),
            shareHigher: differences === null ? Number.NaN : shareAbove(differences),
          })
        })
      })
      const stats = buffered(yield* outputs.open(sweep ? "points.csv" : "comparison.csv"))
      const statsIdentity = sweep ? ["arm", "variant", "point", ...manifest.parameters] : ["variant"]
      const diffColumns = sweep ? [] : [...spreadColumns.map((c) => `diff_${c}`), "share_higher"]
      yield* stats.write(`${[...statsIdentity, "metric", ...spreadColumns, ...diffColumns].map(csvField).join(",")}\n`)
      for (const s of statistics) {
        const id = sweep ? [s.arm, s.variant, String(s.point), ...(s.values ?? []).map(formatValue)] : [s.arm]
        const diff = sweep ? [] : s.difference === null ? [...spreadColumns.map(() => ""), ""] : [...spreadCells(s.difference), number(s.shareHigher)]
        yield* stats.write(`${[...id.map(csvField), csvField(s.metric), ...spreadCells(s.value), ...diff].join(",")}\n`)
      }
      yield* stats.flush()

      // Sobol indices of the replicate means, per variant
      const sensitivity: Array<SensitivityResult> = []
      if (sweep && design !== null && design.saltelli !== null && design.sensitivity !== null) {
        const { base, dimensions } = design.saltelli
        const variants = [...new Set(arms.map((a) => a.variant))]
        const rows = buffered(yield* outputs.open("sensitivity.csv"))
        yield* rows.write("variant,metric,parameter,S1,S1_q05,S1_q95,ST,ST_q05,ST_q95\n")
        for (const variant of variants) {
          const mine = arms.flatMap((arm, a) => (arm.variant === variant ? [a] : []))
          for (const metric of analysed) {
            const y = new Float64Array(mine.length)
            let note: string | null = null
            mine.forEach((a, i) => {
              const values = valuesOf(a, metric)
              const present = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v))
              if (present.length === 0 || present.length < values.length) note ??= "undefined in some runs (missing or never reached)"
              y[i] = present.reduce((sum, v) => sum + v, 0) / present.length
            })
            if (mine.length !== base * (dimensions + 2)) note ??= "some design points have no finished runs"
            if (note === null) {
              const indices = sobolIndices(y, base, dimensions, { seed: options.bootstrapSeed ?? 1 })
              if (indices.every((s) => !Number.isFinite(s.first))) note = "does not vary over the design"
              else {
                sensitivity.push({ variant, metric, indices, note: null })
                for (const [i, s] of indices.entries()) {
                  const cells = [s.first, s.firstLow, s.firstHigh, s.total, s.totalLow, s.totalHigh].map(number)
                  yield* rows.write(`${[csvField(variant), csvField(metric), csvField(manifest.parameters[i]!), ...cells].join(",")}\n`)
                }
                continue
              }
            }
            sensitivity.push({ variant, metric, indices: null, note })
          }
        }
        yield* rows.flush()
      }

      // failures.json lists this execution's failed runs; an old one goes when none failed
      const failuresPath = path.join(dir, "failures.json")
      if (options.failures.length > 0) {
        yield* outputs.writeWhole("failures.json", `${JSON.stringify({ failures: options.failures }, null, 2)}\n`)
      } else {
        yield* fs.remove(failuresPath, { force: true }).pipe(Effect.ignore)
      }
      yield* outputs.commit
      const names = ["results.json", "summary.csv", ...(withSeries ? ["series.csv"] : []), "ledger.jsonl", sweep ? "points.csv" : "comparison.csv"]
      if (sweep && design?.saltelli != null && design.sensitivity !== null) names.push("sensitivity.csv")
      if (options.failures.length > 0) names.push("failures.json")
      return { paths: names.map((n) => path.join(dir, n)), planned: plan.length, written, statistics, sensitivity }
    }),
  )
