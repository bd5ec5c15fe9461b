import type { PlannedRun } from "../experiments/plan.js"
import type { LoadedScenario } from "../scenario/load.js"

/** The headline metrics of the summary table: final values, averaged over replicates. */
export const headlineMetrics = [
  "frontier_capability",
  "cumulative_incidents",
  "capital_hhi",
  "compute_price",
  "welfare_per_person",
  "time_to_threshold",
] as const

/** Final values of one run, as `RunResult.summary`. */
export type Summary = Readonly<Record<string, number | null>>

/** A number in a table cell: about four significant digits, exponent form for very large or small values. */
export const formatNumber = (x: number): string => {
  if (x === 0) return "0"
  const a = Math.abs(x)
  if (a >= 1e7 || a < 1e-3) return x.toExponential(3).replace("e+", "e")
  if (a >= 1000) return String(Math.round(x))
  if (Number.isInteger(x)) return String(x)
  return x.toFixed(Math.max(0, 3 - Math.floor(Math.log10(a))))
}

/**
 * One cell: the mean over the replicates that have a value. `time_to_threshold`
 * is null in the runs that never reached the threshold: shown as "never", or
 * the mean with "(k/n reached)" when only some did.
 */
const cell = (metric: string, values: ReadonlyArray<number | null | undefined>): string => {
  const present = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v))
  if (present.length === 0) return metric === "time_to_threshold" ? "never" : "—"
  const mean = present.reduce((s, v) => s + v, 0) / present.length
  const text = formatNumber(mean)
  return present.length === values.length ? text : `${text} (${present.length}/${values.length})`
}

/** Rows of text in columns: the first left-aligned, the others right-aligned. */
export const alignColumns = (rows: ReadonlyArray<ReadonlyArray<string>>): Array<string> => {
  const widths: Array<number> = []
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  return rows.map((row) =>
    row
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd(),
  )
}

export interface SummaryInput {
  readonly loaded: LoadedScenario
  readonly plan: ReadonlyArray<PlannedRun>
  readonly summaries: ReadonlyArray<Summary>
  readonly seconds: number
  readonly outputs: ReadonlyArray<string>
}

/** The text `aigov run` prints on stdout when it is done. */
export const summaryText = ({ loaded, plan, summaries, seconds, outputs }: SummaryInput): string => {
  const rows: Array<Array<string>> = [["variant", ...headlineMetrics]]
  for (const { name } of loaded.variants) {
    const mine = plan.flatMap((run, i) => (run.variant === name ? [summaries[i]!] : []))
    rows.push([name, ...headlineMetrics.map((m) => cell(m, mine.map((s) => s[m])))])
  }
  const replicates = new Set(loaded.variants.map((v) => v.scenario.replicates))
  const ticks = new Set(loaded.variants.map((v) => v.scenario.ticks))
  const shape =
    replicates.size === 1 && ticks.size === 1
      ? `${loaded.variants.length} variant${loaded.variants.length === 1 ? "" : "s"} × ${[...replicates][0]} replicate${[...replicates][0] === 1 ? "" : "s"} × ${[...ticks][0]} ticks`
      : `${plan.length} runs`
  return [
    `scenario  ${loaded.name} (${loaded.source})`,
    `hash      ${loaded.hash}`,
    `runs      ${shape}, ${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(0)} s`,
    "",
    ...alignColumns(rows),
    "",
    "final values, mean over replicates; time_to_threshold in months, (k/n) = replicates that reached it",
    "",
    ...outputs.map((p, i) => `${i === 0 ? "wrote" : "     "}     ${p}`),
  ].join("\n")
}
