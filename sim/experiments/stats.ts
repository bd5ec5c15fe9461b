/**
 * The statistics of `aigov compare`: quantiles over replicates and paired
 * differences. Plain functions over number arrays; no I/O.
 *
 * Quantiles are Hyndman & Fan (1996) definition 7, the default of R's
 * `quantile()` and NumPy's `np.quantile`: sort the n values x(1) ≤ … ≤ x(n),
 * let h = (n − 1)·p, then Q(p) = x(⌊h⌋+1) + (h − ⌊h⌋)·(x(⌊h⌋+2) − x(⌊h⌋+1)).
 * The median is Q(0.5); "the 90% interval" is [Q(0.05), Q(0.95)], the range
 * holding the middle 90% of the replicates' outcomes (a spread of outcomes, not
 * a confidence interval of the median).
 */

/** Q(p) of `sorted` (ascending, no NaN) by Hyndman & Fan definition 7; NaN when empty. */
export const quantileSorted = (sorted: ArrayLike<number>, p: number): number => {
  const n = sorted.length
  if (n === 0) return Number.NaN
  if (n === 1) return sorted[0]!
  const h = (n - 1) * p
  const lo = Math.floor(h)
  if (lo >= n - 1) return sorted[n - 1]!
  const frac = h - lo
  const a = sorted[lo]!
  const b = sorted[lo + 1]!
  // a + frac·(b − a), written so equal neighbours give exactly a
  return frac === 0 ? a : a + frac * (b - a)
}

/** The finite values of `values`, sorted ascending (a new array). */
export const sortedFinite = (values: ReadonlyArray<number | null | undefined>): Float64Array => {
  const out: Array<number> = []
  for (const v of values) if (typeof v === "number" && Number.isFinite(v)) out.push(v)
  return Float64Array.from(out).sort()
}

/** Median and 90% interval of a sample, with its size. */
export interface Spread {
  /** values that were present (finite) */
  readonly n: number
  /** values asked about, present or not */
  readonly of: number
  readonly median: number
  /** Q(0.05) */
  readonly low: number
  /** Q(0.95) */
  readonly high: number
  readonly mean: number
  /** sample standard deviation (n − 1 denominator); NaN below two values */
  readonly sd: number
}

export const intervalLevel = 0.9

/** Median, [Q(0.05), Q(0.95)], mean and standard deviation of the finite values; nulls are counted in `of` only. */
export const spread = (values: ReadonlyArray<number | null | undefined>): Spread => {
  const sorted = sortedFinite(values)
  const n = sorted.length
  let mean = Number.NaN
  let sd = Number.NaN
  if (n > 0) {
    let sum = 0
    for (let i = 0; i < n; i++) sum += sorted[i]!
    mean = sum / n
    if (n > 1) {
      let ss = 0
      for (let i = 0; i < n; i++) ss += (sorted[i]! - mean) ** 2
      sd = Math.sqrt(ss / (n - 1))
    }
  }
  const tail = (1 - intervalLevel) / 2
  return {
    n,
    of: values.length,
    median: quantileSorted(sorted, 0.5),
    low: quantileSorted(sorted, tail),
    high: quantileSorted(sorted, 1 - tail),
    mean,
    sd,
  }
}

/**
 * Paired differences `variant[r] − baseline[r]`, replicate by replicate.
 * Under common random numbers replicate r of every variant draws the same
 * random streams, so the difference removes the noise both runs share. A
 * replicate is left out when either value is missing (null).
 */
export const pairedDifferences = (
  variant: ReadonlyArray<number | null | undefined>,
  baseline: ReadonlyArray<number | null | undefined>,
): Array<number | null> => {
  const n = Math.max(variant.length, baseline.length)
  const out: Array<number | null> = []
  for (let r = 0; r < n; r++) {
    const a = variant[r]
    const b = baseline[r]
    out.push(typeof a === "number" && typeof b === "number" && Number.isFinite(a) && Number.isFinite(b) ? a - b : null)
  }
  return out
}

/** Share of the present values that are > 0 (how often the variant came out higher), NaN when none. */
export const shareAbove = (values: ReadonlyArray<number | null | undefined>): number => {
  let n = 0
  let above = 0
  for (const v of values) {
    if (typeof v !== "number" || !Number.isFinite(v)) continue
    n++
    if (v > 0) above++
  }
  return n === 0 ? Number.NaN : above / n
}
