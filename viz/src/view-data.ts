import { lorenzCurve, gini } from "../../sim/metrics/inequality.js"
import { type Column, bandOf, medianIndex } from "./aggregate.js"
import type { Holdings, LoadedResults } from "./load.js"
import { type HoldingFamily, type LorenzCurve, type MetricBands, type Timeline, type ViewData, holdingFamilies } from "./messages.js"

/**
 * Validated results → what the page draws: per metric and variant the median
 * and 5–95 % band over replicates, the runs' headline numbers, and Lorenz
 * curves when the runs carry per-lab holdings. Pure; runs in the worker.
 */
export const buildView = (
  loaded: LoadedResults,
  context: {
    readonly origin: "file" | "run"
    readonly source: string
    readonly timeline: Timeline | null
    readonly onProgress?: (done: number, total: number) => void
  },
): ViewData => {
  const { results, holdings } = loaded
  const variants = results.scenario.variants.map((v) => v.name)
  const variantIndex = new Map(variants.map((name, i) => [name, i]))
  const byVariant: Array<Array<number>> = variants.map(() => [])
  results.runs.forEach((run, i) => byVariant[variantIndex.get(run.variant)!]!.push(i))

  const names = new Set<string>()
  for (const run of results.runs) for (const name of Object.keys(run.series)) names.add(name)
  const metricNames = [...names].sort()
  const metrics: Array<MetricBands> = []
  let ticks = 0
  metricNames.forEach((metric, m) => {
    const bands = byVariant.map((runs) => {
      const columns: Array<Column> = []
      for (const r of runs) {
        const column = results.runs[r]!.series[metric]
        if (column !== undefined) columns.push(column)
      }
      if (columns.length === 0) return null
      for (const c of columns) ticks = Math.max(ticks, c.length)
      return bandOf(columns)
    })
    metrics.push({ metric, bands })
    context.onProgress?.(m + 1, metricNames.length)
  })

  const notes: Array<string> = []
  const withoutSeries = results.runs.filter((r) => Object.keys(r.series).length === 0).length
  if (withoutSeries > 0) notes.push(`${withoutSeries} run${withoutSeries === 1 ? " has" : "s have"} no series.`)
  const empty = byVariant.map((runs, v) => (runs.length === 0 ? variants[v]! : undefined)).filter((v) => v !== undefined)
  if (empty.length > 0) notes.push(`No runs for variant${empty.length === 1 ? "" : "s"} ${empty.map((v) => JSON.stringify(v.slice(0, 40))).join(", ")}.`)

  return {
    origin: context.origin,
    source: context.source,
    scenario: { name: results.scenario.name, hash: results.scenario.hash },
    engineVersion: results.engineVersion,
    ticks,
    variants: results.scenario.variants.map((v, i) => ({ name: v.name, replicates: byVariant[i]!.length, ticks: v.scenario.ticks })),
    metrics,
    runs: results.runs.map((run) => ({
      variant: variantIndex.get(run.variant)!,
      replicate: run.replicate,
      seed: run.seed,
      hash: run.hash,
      summary: run.summary,
    })),
    lorenz: lorenzCurves(byVariant, holdings, results.runs),
    timeline: context.timeline,
    notes,
  }
}

/**
 * For each variant and holding family, the Lorenz curve of the replicate whose
 * Gini is the median of its variant's (a real run, not an average of curves).
 */
const lorenzCurves = (
  byVariant: ReadonlyArray<ReadonlyArray<number>>,
  holdings: ReadonlyArray<Holdings | undefined>,
  runs: ReadonlyArray<{ readonly replicate: number }>,
): Array<LorenzCurve> => {
  const out: Array<LorenzCurve> = []
  byVariant.forEach((indices, variant) => {
    const withHoldings = indices.filter((i) => holdings[i] !== undefined)
    if (withHoldings.length === 0) return
    for (const family of holdingFamilies) {
      const values = withHoldings.map((i) => Float64Array.from(holdings[i]![family as HoldingFamily]))
      const ginis = values.map((v) => safeGini(v))
      const pick = medianIndex(ginis)
      if (pick < 0) continue
      const chosen = values[pick]!
      out.push({
        variant,
        family,
        replicate: runs[withHoldings[pick]!]!.replicate,
        gini: ginis[pick]!,
        curve: Float64Array.from(lorenzCurve(chosen, chosen.length)),
      })
    }
  })
  return out
}

/** Gini of holdings, NaN when they are not all finite and ≥ 0 (the run is then not drawn). */
const safeGini = (values: Float64Array): number => {
  try {
    return gini(values, values.length, new Float64Array(values.length))
  } catch {
    return Number.NaN
  }
}

/** The buffers of a view's typed arrays, to transfer rather than copy to the page. */
export const transferables = (view: ViewData): Array<ArrayBuffer> => {
  const out = new Set<ArrayBuffer>()
  const add = (a: Float64Array) => {
    if (a.buffer instanceof ArrayBuffer) out.add(a.buffer)
  }
  for (const m of view.metrics) {
    for (const b of m.bands) {
      if (b === null) continue
      add(b.month)
      add(b.median)
      add(b.p05)
      add(b.p95)
    }
  }
  for (const l of view.lorenz) add(l.curve)
  return [...out]
}
