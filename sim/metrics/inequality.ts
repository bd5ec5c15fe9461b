/**
 * Inequality and concentration of non-negative holdings (compute, wealth,
 * votes, market share, …).
 *
 * Every function reads the prefix values[0..n) of a possibly over-allocated
 * Float64Array and never modifies it. The per-tick functions do not allocate:
 * those that need order statistics copy the prefix into a caller-provided
 * `scratch` Float64Array of length ≥ n and sort it there in place (contents of
 * scratch are overwritten and meaningless afterwards). Only `lorenzCurve`,
 * meant for the viewer, allocates.
 *
 * Holdings must be finite and ≥ 0; anything else throws RangeError, as does
 * n outside [0, values.length] or a scratch shorter than n.
 */
import { checkNonNegativeFinite, checkPrefixLength, copyNonNegativePrefix } from "./prefix.js"
import { sortAscendingInPlace } from "./sort.js"

/**
 * Gini coefficient of values[0..n), in [0, (n−1)/n] ⊂ [0, 1).
 *
 * With x_(1) ≤ … ≤ x_(n) sorted ascending, the textbook sorted-sample form is
 *   G = 2 Σ_i i·x_(i) / (n Σx) − (n+1)/n = Σ_i (2i − n − 1)·x_(i) / (n Σx).
 * The coefficient of x_(i) is minus that of x_(n+1−i), so we sum the pairs
 *   Σ_{i ≤ n/2} (n + 1 − 2i)·(x_(n+1−i) − x_(i)) / (n Σx)
 * instead: every term is ≥ 0, so the result is never negative from rounding,
 * and equal holdings give exactly 0 rather than a difference of two nearly
 * equal numbers.
 *
 * This is the population (descriptive) Gini, without the n/(n−1) small-sample
 * correction, so one holder among n gives (n−1)/n, not 1.
 * Defined as 0 when n ≤ 1 or all values are 0 (nobody holds more than anyone).
 *
 * @param scratch length ≥ n; overwritten with the sorted values.
 */
export function gini(values: Float64Array, n: number, scratch: Float64Array): number {
  const total = copyNonNegativePrefix(values, n, scratch)
  if (n <= 1 || total === 0) return 0
  sortAscendingInPlace(scratch, n)
  let pairedSum = 0
  for (let low = 0, high = n - 1; low < high; low++, high--) {
    pairedSum += (high - low) * (scratch[high] - scratch[low])
  }
  return pairedSum / (n * total)
}

/**
 * Herfindahl–Hirschman index Σ s_i² of the shares s_i = x_i / Σx, as a
 * fraction in [1/n, 1] (multiply by 10,000 for the antitrust "points" scale).
 * 1/n means n equal holders, 1 a monopoly; 1/HHI is the "effective number" of
 * holders.
 *
 * Defined as 0 when n = 0 or all values are 0: there is no concentration to
 * measure, and 0 cannot be mistaken for a real HHI (which is ≥ 1/n > 0).
 * Shares are formed before squaring so huge holdings cannot overflow.
 * No scratch needed.
 */
export function hhi(values: Float64Array, n: number): number {
  checkPrefixLength(values, n)
  let total = 0
  for (let i = 0; i < n; i++) {
    checkNonNegativeFinite(values[i], i)
    total += values[i]
  }
  if (total === 0) return 0
  let sumOfSquaredShares = 0
  for (let i = 0; i < n; i++) {
    const share = values[i] / total
    sumOfSquaredShares += share * share
  }
  return sumOfSquaredShares
}

/**
 * Nakamoto coefficient: the smallest number of holders whose combined share
 * strictly exceeds `threshold` (default 0.5: the fewest parties that together
 * hold a majority, i.e. could collude to control the system). In [1, n] when
 * some value is positive; 0 when n = 0 or all values are 0.
 *
 * "Strictly exceeds" means two holders of 50% each give 2, not 1: neither
 * alone has a majority. Shares are compared as float sums, so a combined share
 * within rounding (~n·1e-16) of the threshold may fall either side.
 *
 * @param threshold in [0, 1); anything else throws RangeError (no set of
 *   holders can strictly exceed 100%).
 * @param scratch length ≥ n; overwritten with the sorted values.
 */
export function nakamotoCoefficient(
  values: Float64Array,
  n: number,
  scratch: Float64Array,
  threshold = 0.5,
): number {
  if (!(threshold >= 0 && threshold < 1)) {
    throw new RangeError(`threshold must be in [0, 1), got ${threshold}`)
  }
  const total = copyNonNegativePrefix(values, n, scratch)
  if (total === 0) return 0
  sortAscendingInPlace(scratch, n)
  const target = threshold * total
  let cumulative = 0
  for (let i = n - 1; i >= 0; i--) {
    // Only zeros remain: adding them cannot cross the target. Reached only
    // when rounding left the full sum a hair below target; all positive
    // holders together are then the answer.
    if (scratch[i] === 0) return n - 1 - i
    cumulative += scratch[i]
    if (cumulative > target) return n - i
  }
  return n
}

/**
 * Share of the total held by the k largest holders, in [0, 1].
 * k ≥ n gives exactly 1, k = 0 gives 0; an all-zero (or empty) prefix gives 0
 * whatever k is. Non-decreasing in k (partial sums of non-negative numbers
 * never decrease in floating point either).
 *
 * @param k a non-negative integer; anything else throws RangeError.
 * @param scratch length ≥ n; overwritten with the sorted values.
 */
export function topKShare(values: Float64Array, n: number, k: number, scratch: Float64Array): number {
  if (!Number.isInteger(k) || k < 0) {
    throw new RangeError(`k must be a non-negative integer, got ${k}`)
  }
  const total = copyNonNegativePrefix(values, n, scratch)
  if (total === 0) return 0
  if (k >= n) return 1
  sortAscendingInPlace(scratch, n)
  let topSum = 0
  for (let i = n - 1; i >= n - k; i--) topSum += scratch[i]
  // Summing in a different order than `total` can overshoot by an ulp.
  return Math.min(1, topSum / total)
}

/**
 * Lorenz curve of values[0..n): L[i] = share of the total held by the i
 * smallest holders, for i = 0..n, so L[0] = 0 and L[n] = 1 (set exactly).
 * Plot against i/n; Gini = 1 − 2 × (area under the piecewise-linear curve).
 *
 * When the total is 0 the curve is undefined; we return the line of equality
 * L[i] = i/n, consistent with gini() = 0 for that case. n = 0 gives [0].
 *
 * Allocates (the returned array and a sorted copy): for the viewer, not the
 * per-tick loop.
 */
export function lorenzCurve(values: Float64Array, n: number): Float64Array {
  const sorted = new Float64Array(n)
  const total = copyNonNegativePrefix(values, n, sorted)
  const curve = new Float64Array(n + 1)
  if (n === 0) return curve
  if (total === 0) {
    for (let i = 1; i <= n; i++) curve[i] = i / n
    return curve
  }
  sortAscendingInPlace(sorted, n)
  let cumulative = 0
  for (let i = 0; i < n - 1; i++) {
    cumulative += sorted[i]
    curve[i + 1] = Math.min(1, cumulative / total)
  }
  curve[n] = 1
  return curve
}
