import { makeStream } from "../rng/streams.js"
import { quantileSorted } from "./stats.js"

/**
 * Variance-based (Sobol') sensitivity indices from a Saltelli design (see
 * `saltelliUnits`): for each parameter i, the first-order index S_i (the share
 * of the output variance explained by i alone) and the total index ST_i (the
 * share in which i takes part, interactions included).
 *
 * With f_A, f_B, f_ABi the outputs at the rows of A, B and A_B^(i), N rows each:
 *
 *   V      = Var(f_A ∪ f_B)                                (2N values, population variance)
 *   S_i    = (1/N) Σ_j f_B(j) · (f_ABi(j) − f_A(j)) / V    (Saltelli et al. 2010, Table 2 (b);
 *                                                            f_B centred on the mean of f_A ∪ f_B)
 *   ST_i   = (1/2N) Σ_j (f_A(j) − f_ABi(j))² / V          (Jansen 1999; Saltelli et al. 2010, Table 2 (f))
 *
 * A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola,
 * "Variance based sensitivity analysis of model output. Design and estimator
 * for the total sensitivity index", Computer Physics Communications 181 (2010)
 * 259–270. M. J. W. Jansen, "Analysis of variance designs for model output",
 * Computer Physics Communications 117 (1999) 35–43.
 *
 * Intervals: a percentile bootstrap over the N rows (resampled with
 * replacement, from a seeded stream, so they are reproducible), 90% by the
 * quantile definition of stats.ts.
 */

export interface SobolIndex {
  readonly first: number
  readonly firstLow: number
  readonly firstHigh: number
  readonly total: number
  readonly totalLow: number
  readonly totalHigh: number
}

const estimate = (y: ArrayLike<number>, rows: ArrayLike<number>, d: number, out: Float64Array): void => {
  const width = d + 2
  const n = rows.length
  let sum = 0
  for (let r = 0; r < n; r++) {
    const j = rows[r]!
    sum += y[j * width]! + y[j * width + d + 1]!
  }
  const mean = sum / (2 * n)
  let squares = 0
  for (let r = 0; r < n; r++) {
    const j = rows[r]!
    squares += (y[j * width]! - mean) ** 2 + (y[j * width + d + 1]! - mean) ** 2
  }
  const variance = squares / (2 * n)
  for (let i = 0; i < d; i++) {
    let first = 0
    let total = 0
    for (let r = 0; r < n; r++) {
      const j = rows[r]!
      const a = y[j * width]!
      const ab = y[j * width + 1 + i]!
      // centred: E[f_ABi − f_A] = 0, so subtracting the mean from f_B changes nothing in
      // expectation and removes the mean² term from the estimator's variance
      const b = y[j * width + d + 1]! - mean
      first += b * (ab - a)
      total += (a - ab) * (a - ab)
    }
    out[2 * i] = first / n / variance
    out[2 * i + 1] = total / (2 * n) / variance
  }
}

/**
 * First-order and total indices of the d parameters, from the outputs `y` of a
 * Saltelli design with base sample `n` (length n·(d+2), in design order).
 * NaN where the output does not vary.
 */
export const sobolIndices = (
  y: ArrayLike<number>,
  n: number,
  d: number,
  options: { readonly resamples?: number; readonly seed?: number } = {},
): Array<SobolIndex> => {
  if (y.length !== n * (d + 2)) throw new RangeError(`a Saltelli design of N = ${n}, d = ${d} has ${n * (d + 2)} outputs, got ${y.length}`)
  const all = Int32Array.from({ length: n }, (_, j) => j)
  const point = new Float64Array(2 * d)
  estimate(y, all, d, point)
  const resamples = options.resamples ?? 500
  const draws = Array.from({ length: 2 * d }, () => new Float64Array(resamples))
  const stream = makeStream(options.seed ?? 1, "sensitivity", 0, "bootstrap")
  const rows = new Int32Array(n)
  const scratch = new Float64Array(2 * d)
  for (let b = 0; b < resamples; b++) {
    for (let r = 0; r < n; r++) rows[r] = Math.floor(stream.double() * n)
    estimate(y, rows, d, scratch)
    for (let k = 0; k < 2 * d; k++) draws[k]![b] = scratch[k]!
  }
  const bounds = draws.map((values) => {
    const finite = Float64Array.from(values.filter(Number.isFinite)).sort()
    return [quantileSorted(finite, 0.05), quantileSorted(finite, 0.95)] as const
  })
  return Array.from({ length: d }, (_, i) => ({
    first: point[2 * i]!,
    firstLow: bounds[2 * i]![0],
    firstHigh: bounds[2 * i]![1],
    total: point[2 * i + 1]!,
    totalLow: bounds[2 * i + 1]![0],
    totalHigh: bounds[2 * i + 1]![1],
  }))
}
