/**
 * series.csv: every series of every run in long ("tidy") format, one row per
 * (variant, replicate, tick, metric), ready for pandas or R:
 *
 *   variant,replicate,tick,metric,value
 *   base,0,1,active_labs,10
 *
 * `tick` is the 1-based month at whose end the value was recorded (1..ticks),
 * so `series[name][i]` in results.json is tick i + 1. Values are printed with
 * full precision (String(number), which round-trips); an undefined value
 * (NaN in memory, null in results.json) is an empty field. Rows are tick-major,
 * metrics in name order within a tick.
 */
export const seriesCsvHeader = "variant,replicate,tick,metric,value\n"

/** A CSV field, quoted only when it must be (RFC 4180). */
export const csvField = (text: string): string =>
  /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text

/** The part of a run that series.csv needs. */
export interface SeriesRun {
  readonly variant: string
  readonly replicate: number
  readonly series: Readonly<Record<string, Float64Array>>
}

/** The rows of one run, in chunks of roughly `chunkChars` characters, so a writer never holds the whole file. */
export function* seriesCsvChunks(run: SeriesRun, chunkChars = 1 << 16): Generator<string> {
  const names = Object.keys(run.series).sort()
  const columns = names.map((name) => run.series[name]!)
  const prefix = `${csvField(run.variant)},${run.replicate},`
  const metrics = names.map((name) => `,${csvField(name)},`)
  let ticks = 0
  for (const column of columns) ticks = Math.max(ticks, column.length)
  let chunk = ""
  for (let t = 0; t < ticks; t++) {
    const rowStart = `${prefix}${t + 1}`
    for (let m = 0; m < columns.length; m++) {
      const value = columns[m]![t]
      chunk += `${rowStart}${metrics[m]}${value !== undefined && Number.isFinite(value) ? String(value) : ""}\n`
    }
    if (chunk.length >= chunkChars) {
      yield chunk
      chunk = ""
    }
  }
  if (chunk.length > 0) yield chunk
}
