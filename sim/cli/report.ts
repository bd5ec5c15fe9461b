import type { Experiment } from "../experiments/experiment.js"
import { formatValue } from "../experiments/experiment.js"
import type { ArmStatistics, Finalized, RunFailure, SensitivityResult } from "../experiments/finalize.js"
import type { Manifest } from "../experiments/store.js"
import type { Spread } from "../experiments/stats.js"
import { alignColumns, formatNumber } from "./summary.js"

/** The text `compare`, `sweep` and `merge` print: what ran, then the statistics, then the files written. */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

const signed = (x: number) => (x > 0 ? `+${formatNumber(x)}` : formatNumber(x))

/** `27.31 [27.10, 27.52]`, with `(k/n)` when only k of the n replicates have a value. */
export const spreadText = (s: Spread, sign = false): string => {
  if (s.n === 0) return "—"
  const f = sign ? signed : formatNumber
  const text = s.n === 1 ? f(s.median) : `${f(s.median)} [${f(s.low)}, ${f(s.high)}]`
  return s.n === s.of ? text : `${text} (${s.n}/${s.of})`
}

export interface RunLine {
  readonly ran: number
  readonly skipped: number
  readonly failed: number
  readonly seconds: number
  readonly workers: number
}

const shapeOf = (arms: ReadonlyArray<{ readonly scenario: unknown }>, runs: number): string => {
  const replicates = new Set(arms.map((a) => (a.scenario as { replicates: number }).replicates))
  const ticks = new Set(arms.map((a) => (a.scenario as { ticks: number }).ticks))
  if (replicates.size === 1 && ticks.size === 1) {
    return `${plural(arms.length, "arm")} × ${plural([...replicates][0]!, "replicate")} × ${[...ticks][0]} ticks = ${plural(runs, "run")}`
  }
  return plural(runs, "run")
}

const peakMemory = (): string => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`

/** The header: scenario, hash, design, what ran and how fast. */
export const headerText = (manifest: Manifest, source: string, line: RunLine | null): Array<string> => {
  const lines = [`scenario  ${manifest.name} (${source})`, `hash      ${manifest.scenarioHash}`]
  const design = manifest.design
  if (design !== null) {
    const what = design.saltelli !== null
      ? `sobol (Saltelli), N = ${design.saltelli.base}, ${plural(design.saltelli.dimensions, "parameter")} → ${plural(design.points, "point")}`
      : `${design.name}, ${plural(manifest.parameters.length, "parameter")} → ${plural(design.points, "point")}`
    lines.push(`design    ${what}: ${manifest.parameters.join(", ")}`)
  }
  const unit = manifest.kind === "compare" ? " variant" : manifest.arms.every((a) => a.variant === "base") ? " point" : " arm"
  const shape = shapeOf(manifest.arms, manifest.runs).replace(/ arm(s?) ×/, `${unit}$1 ×`)
  if (line === null) {
    lines.push(`runs      ${shape}`)
  } else {
    const speed = line.ran > 0 && line.seconds > 0 ? `, ${formatNumber(line.ran / line.seconds)} runs/s on ${plural(line.workers, "worker")}` : ""
    const parts = [`${line.ran} new`, `${line.skipped} already done`, ...(line.failed > 0 ? [`${line.failed} failed`] : [])]
    lines.push(`runs      ${shape} (${parts.join(", ")}), ${line.seconds < 10 ? line.seconds.toFixed(2) : line.seconds.toFixed(0)} s${speed}; peak memory ${peakMemory()}`)
  }
  return lines
}

const commonRandomNumbers = (manifest: Manifest) =>
  manifest.arms.every((a) => (a.scenario as { commonRandomNumbers?: boolean }).commonRandomNumbers !== false)

/** compare: per metric, every variant's median [5%, 95%] and its paired difference to the first. */
export const comparisonText = (manifest: Manifest, statistics: ReadonlyArray<ArmStatistics>): Array<string> => {
  const baseline = manifest.arms[0]!.name
  const paired = commonRandomNumbers(manifest)
  const lines = [
    `final values: median [5%, 95%] over replicates (quantile type 7); Δ = ${paired ? "paired" : "replicate-by-replicate"} difference to ${baseline}` +
      (paired ? ", replicate by replicate (common random numbers)" : " (common random numbers are off: the runs are independent, not paired)"),
  ]
  for (const metric of manifest.report.metrics) {
    const rows: Array<Array<string>> = [["  variant", "value", `Δ vs ${baseline}`, "higher"]]
    for (const s of statistics) {
      if (s.metric !== metric) continue
      const diff = s.difference
      rows.push([
        `  ${s.arm}`,
        spreadText(s.value),
        diff === null ? "" : spreadText(diff, true),
        diff === null || diff.n === 0 ? "" : `${Math.round(s.shareHigher * diff.n)}/${diff.n}`,
      ])
    }
    lines.push("", metric, ...alignColumns(rows))
  }
  return lines
}

/** Most arms a sweep lists one by one (beyond, see points.csv). */
const maxListedArms = 24

/** sweep: Sobol indices when asked for; otherwise, for a small design, every point's medians. */
export const sweepText = (manifest: Manifest, finalized: Finalized): Array<string> => {
  const lines: Array<string> = []
  if (finalized.sensitivity.length > 0) {
    lines.push("Sobol indices of each point's mean over replicates: first-order S1 and total ST, [90% bootstrap interval]")
    const variants = new Set(finalized.sensitivity.map((s) => s.variant))
    for (const result of finalized.sensitivity) lines.push("", ...sensitivityBlock(manifest, result, variants.size > 1))
  } else if (manifest.arms.length <= maxListedArms) {
    lines.push("final values: median [5%, 95%] over replicates")
    const metrics = manifest.report.metrics
    const rows: Array<Array<string>> = [["  point", ...manifest.parameters, ...metrics]]
    for (const arm of manifest.arms) {
      const mine = finalized.statistics.filter((s) => s.arm === arm.name)
      rows.push([
        `  ${arm.name}`,
        ...(arm.values ?? []).map(formatValue),
        ...metrics.map((m) => {
          const s = mine.find((x) => x.metric === m)
          return s === undefined ? "—" : spreadText(s.value)
        }),
      ])
    }
    lines.push(...alignColumns(rows))
  } else {
    lines.push(`${plural(manifest.arms.length, "design point")}: the statistics of each are in points.csv`)
  }
  return lines
}

const sensitivityBlock = (manifest: Manifest, result: SensitivityResult, named: boolean): Array<string> => {
  const title = named ? `${result.metric} (${result.variant})` : result.metric
  if (result.indices === null) return [`${title}: no indices, ${result.note}`]
  const interval = (x: number, lo: number, hi: number) => `${x.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]`
  const rows: Array<Array<string>> = [["  parameter", "S1", "ST"]]
  result.indices.forEach((s, i) => {
    rows.push([`  ${manifest.parameters[i]}`, interval(s.first, s.firstLow, s.firstHigh), interval(s.total, s.totalLow, s.totalHigh)])
  })
  return [title, ...alignColumns(rows)]
}

export const wroteText = (paths: ReadonlyArray<string>): Array<string> => paths.map((p, i) => `${i === 0 ? "wrote" : "     "}     ${p}`)

/** The failed runs, each with what it said and the command that reproduces it alone (for stderr). */
export const failuresText = (failures: ReadonlyArray<RunFailure>, total: number): string => {
  const lines = [`${failures.length} of ${plural(total, "run")} failed:`]
  for (const f of failures) {
    const firstLine = f.error.message.split("\n")[0]
    lines.push(`  ${f.arm === f.variant ? `variant "${f.variant}"` : `${f.arm}`}, replicate ${f.replicate} (seed ${f.seed}): ${f.error.tag === "AccountingBroken" || f.error.tag === "Error" ? "" : `${f.error.tag}: `}${firstLine}`)
    lines.push(`    reproduce: ${f.reproduce}`)
  }
  return lines.join("\n")
}

/** The experiment as one line, for the shard message. */
export const experimentLine = (experiment: Experiment): string => `${experiment.name} (${experiment.source})`
