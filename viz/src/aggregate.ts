/**
 * Ensemble statistics for the viewer: the median and the 5–95 % band of a metric
 * over replicates, per tick, per variant, thinned to at most ~1000 points per line.
 * Pure functions over arrays; they run in the worker so that a results file of
 * 50 variants × 100 replicates × 500 ticks never blocks the page.
 */

/** The quantiles a band is drawn with. */
export const bandQuantiles = { low: 0.05, high: 0.95 } as const

/** The most points one line of a chart gets. */
export const maxPointsPerLine = 1000

/**
 * The p-quantile of sorted[0..n) by linear interpolation between order
 * statistics (Hyndman & Fan type 7: R's default, numpy's "linear", d3.quantileSorted):
 * h = (n − 1)·p, q = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋+1 − x⌊h⌋). NaN when n = 0.
 */
export const quantileSorted = (sorted: ArrayLike<number>, n: number, p: number): number => {
  if (n <= 0) return Number.NaN
  if (p <= 0 || n === 1) return sorted[0]!
  if (p >= 1) return sorted[n - 1]!
  const h = (n - 1) * p
  const i = Math.floor(h)
  const low = sorted[i]!
  const high = sorted[i + 1]!
  return low + (h - i) * (high - low)
}

/**
 * Which of `length` ticks a line keeps: all of them when there are at most
 * `maxPoints`, otherwise every k-th one plus the last (so the final value is
 * always drawn).
 */
export const thinnedIndices = (length: number, maxPoints: number = maxPointsPerLine): Int32Array => {
  if (length <= maxPoints) return Int32Array.from({ length }, (_, i) => i)
  const stride = Math.ceil((length - 1) / (maxPoints - 1))
  const out: Array<number> = []
  for (let i = 0; i < length - 1; i += stride) out.push(i)
  out.push(length - 1)
  return Int32Array.from(out)
}

/** One variant's ensemble of one metric. Index j describes tick `month[j] − 1`. */
export interface Band {
  /** the month each point ends: series index + 1 */
  readonly month: Float64Array<ArrayBuffer>
  readonly median: Float64Array<ArrayBuffer>
  readonly p05: Float64Array<ArrayBuffer>
  readonly p95: Float64Array<ArrayBuffer>
}

/** A series as results.json stores it (null where undefined) or as a run holds it in memory (NaN). */
export type Column = ArrayLike<number | null>

/**
 * The median and 5–95 % band over the columns (one per replicate), per tick.
 * Missing values (null, NaN, or a column shorter than the longest) are left
 * out of that tick; a tick with no value at all gives NaN (a gap in the line).
 */
export const bandOf = (columns: ReadonlyArray<Column>, maxPoints: number = maxPointsPerLine): Band => {
  let length = 0
  for (const c of columns) length = Math.max(length, c.length)
  const keep = thinnedIndices(length, maxPoints)
  const month = new Float64Array(keep.length)
  const median = new Float64Array(keep.length)
  const p05 = new Float64Array(keep.length)
  const p95 = new Float64Array(keep.length)
  const scratch = new Float64Array(columns.length)
  for (let j = 0; j < keep.length; j++) {
    const t = keep[j]!
    let n = 0
    for (let r = 0; r < columns.length; r++) {
      const c = columns[r]!
      if (t >= c.length) continue
      const v = c[t]
      if (v !== null && v !== undefined && Number.isFinite(v)) scratch[n++] = v
    }
    const values = scratch.subarray(0, n).sort()
    month[j] = t + 1
    median[j] = quantileSorted(values, n, 0.5)
    p05[j] = quantileSorted(values, n, bandQuantiles.low)
    p95[j] = quantileSorted(values, n, bandQuantiles.high)
  }
  return { month, median, p05, p95 }
}

/** Five numbers of a box plot: whiskers at 5 % and 95 %, box from the quartiles. */
export interface BoxStats {
  readonly n: number
  readonly p05: number
  readonly q1: number
  readonly median: number
  readonly q3: number
  readonly p95: number
}

/** Box-plot statistics of the finite values (NaN everywhere when there are none). */
export const boxStats = (values: ReadonlyArray<number | null>): BoxStats => {
  const finite = Float64Array.from(values.filter((v): v is number => v !== null && Number.isFinite(v))).sort()
  const n = finite.length
  return {
    n,
    p05: quantileSorted(finite, n, bandQuantiles.low),
    q1: quantileSorted(finite, n, 0.25),
    median: quantileSorted(finite, n, 0.5),
    q3: quantileSorted(finite, n, 0.75),
    p95: quantileSorted(finite, n, bandQuantiles.high),
  }
}

/**
 * The index of the run whose `score` is the median (the lower middle one for an
 * even count), or −1 when no score is finite. Used to pick the representative
 * replicate whose Lorenz curve is drawn.
 */
export const medianIndex = (scores: ReadonlyArray<number>): number => {
  const order = scores
    .map((score, i) => ({ score, i }))
    .filter((s) => Number.isFinite(s.score))
    .sort((a, b) => a.score - b.score || a.i - b.i)
  if (order.length === 0) return -1
  return order[Math.floor((order.length - 1) / 2)]!.i
}
