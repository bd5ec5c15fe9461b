/**
 * Argument checks shared by the per-tick metrics, which read the prefix
 * values[0..n) of a possibly over-allocated Float64Array.
 *
 * The checks throw RangeError: a bad length or a negative/NaN/infinite holding
 * is a bug in the caller, and failing loudly beats a silently wrong metric.
 * They cost one comparison per entry inside loops the metrics run anyway.
 */

/** Throws unless n is an integer in [0, values.length] (and ≤ scratch.length if given). */
export function checkPrefixLength(values: Float64Array, n: number, scratch?: Float64Array): void {
  if (!Number.isInteger(n) || n < 0 || n > values.length) {
    throw new RangeError(`n must be an integer in [0, ${values.length}], got ${n}`)
  }
  if (scratch !== undefined && scratch.length < n) {
    throw new RangeError(`scratch has length ${scratch.length}, needs at least n = ${n}`)
  }
}

/** Throws unless x is finite and ≥ 0 (NaN fails both comparisons). */
export function checkNonNegativeFinite(x: number, index: number): void {
  if (!(x >= 0 && x < Infinity)) {
    throw new RangeError(`values[${index}] must be finite and non-negative, got ${x}`)
  }
}

/**
 * Copies values[0..n) into scratch[0..n), checking each entry, and returns
 * their sum. scratch needs length ≥ n.
 */
export function copyNonNegativePrefix(values: Float64Array, n: number, scratch: Float64Array): number {
  checkPrefixLength(values, n, scratch)
  let total = 0
  for (let i = 0; i < n; i++) {
    const x = values[i]
    checkNonNegativeFinite(x, i)
    scratch[i] = x
    total += x
  }
  return total
}
