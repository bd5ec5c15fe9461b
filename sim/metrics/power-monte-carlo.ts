/**
 * Monte Carlo estimates of the Banzhaf and Shapley–Shubik indices of a
 * weighted voting game [q; w] (S wins iff w(S) ≥ q), for games too large for
 * the exact dynamic programs. Works on the weights as given (no rounding to
 * units), so the only error is sampling error, reported as a standard error.
 *
 * Randomness comes only from `random`, a function returning uniforms in
 * [0, 1) — pass the simulation's seeded stream; the same stream state gives
 * the same estimate; no ambient randomness is used.
 *
 * Coalition weights are float sums, so a coalition counts as winning when its
 * weight is ≥ q − 1e-12·W: summation order must not decide ties such as
 * 0.1 + 0.2 + 0.3 vs a quota of 0.6 (the exact path absorbs the same noise).
 */
import type { Weights } from "./weighted-game.js"
import { totalWeight } from "./weighted-game.js"

/** A Monte Carlo estimate: index[i] ± standardError[i]. */
export interface PowerIndexEstimate {
  readonly index: Float64Array
  readonly standardError: Float64Array
  readonly samples: number
}

/** Relative slack on the quota that absorbs float summation noise. */
const QUOTA_SLACK = 1e-12

function checkSamples(samples: number): void {
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`samples must be a positive integer, got ${samples}`)
  }
}

/** Uniform integer in [low, n) from one draw; clamps a (non-conforming) draw of 1. */
function uniformIndex(random: () => number, low: number, n: number): number {
  const j = low + Math.floor(random() * (n - low))
  return j < n ? j : n - 1
}

/**
 * Shapley–Shubik by random orderings: draw `samples` uniformly random orders
 * of the players, add players in order until the running weight reaches the
 * quota, and credit that pivot. φ̂_i = pivots_i / m is an unbiased proportion
 * with standard error sqrt(φ̂_i(1 − φ̂_i)/m) (reported with the estimate
 * plugged in; 0 when φ̂_i is 0 or 1, so a player never seen as pivot reports
 * 0 ± 0 — read that as "below about 1/m").
 *
 * Each order is drawn by a Fisher–Yates shuffle that stops at the pivot, so a
 * sample costs at most n draws from `random` and usually fewer.
 */
export function shapleyShubikMonteCarlo(
  weights: Weights,
  quota: number,
  random: () => number,
  samples: number,
): PowerIndexEstimate {
  checkSamples(samples)
  const n = weights.length
  const total = totalWeight(weights)
  const index = new Float64Array(n)
  const standardError = new Float64Array(n)
  const threshold = quota - QUOTA_SLACK * total
  // No pivot exists when the empty coalition wins or the grand one loses.
  if (n === 0 || !(threshold > 0) || !(threshold <= total)) return { index, standardError, samples }

  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const pivots = new Float64Array(n)
  for (let s = 0; s < samples; s++) {
    let runningWeight = 0
    // Fisher–Yates from whatever order the last sample left: still uniform.
    for (let t = 0; t < n; t++) {
      const j = uniformIndex(random, t, n)
      const player = order[j]
      order[j] = order[t]
      order[t] = player
      runningWeight += weights[player]
      if (runningWeight >= threshold) {
        pivots[player]++
        break
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const p = pivots[i] / samples
    index[i] = p
    standardError[i] = Math.sqrt((p * (1 - p)) / samples)
  }
  return { index, standardError, samples }
}

/**
 * Normalized Banzhaf by random coalitions: each sample puts every player in
 * the coalition independently with probability 1/2; for each player i the
 * coalition of the *others* is then a uniform random subset of them (i's own
 * coin does not matter), so one draw gives every player one sample of "is i
 * a swing?". With a_s = 1 if i swings in sample s and b_s = number of players
 * swinging in sample s, the estimate is the ratio β̂_i = Σa/Σb (normalized so
 * the estimates sum to 1), and its standard error is the delta-method one for
 * a ratio estimator:
 *   SE(β̂_i) = sqrt(Σ_s (a_s − β̂_i·b_s)²) / Σ_s b_s,
 * which accounts for the random denominator and its correlation with a
 * (≈ sqrt(p_i(1−p_i)/m) / mean(b) when b varies little; p_i = P(i swings)).
 * Costs n draws from `random` per sample.
 */
export function banzhafMonteCarlo(
  weights: Weights,
  quota: number,
  random: () => number,
  samples: number,
): PowerIndexEstimate {
  checkSamples(samples)
  const n = weights.length
  const total = totalWeight(weights)
  const index = new Float64Array(n)
  const standardError = new Float64Array(n)
  const threshold = quota - QUOTA_SLACK * total
  if (n === 0 || !(threshold > 0) || !(threshold <= total)) return { index, standardError, samples }

  const member = new Uint8Array(n)
  const swingers = new Int32Array(n)
  const swings = new Float64Array(n) // Σ_s a_s (= Σ_s a_s², a is 0/1)
  const swingsTimesSwingers = new Float64Array(n) // Σ_s a_s·b_s
  let sumSwingers = 0 // Σ_s b_s
  let sumSwingersSquared = 0 // Σ_s b_s²
  for (let s = 0; s < samples; s++) {
    let coalitionWeight = 0
    for (let i = 0; i < n; i++) {
      const isMember = random() < 0.5
      member[i] = isMember ? 1 : 0
      if (isMember) coalitionWeight += weights[i]
    }
    let swingerCount = 0
    for (let i = 0; i < n; i++) {
      const wi = weights[i]
      const othersWeight = member[i] === 1 ? coalitionWeight - wi : coalitionWeight
      if (othersWeight < threshold && othersWeight + wi >= threshold) swingers[swingerCount++] = i
    }
    for (let t = 0; t < swingerCount; t++) {
      swings[swingers[t]]++
      swingsTimesSwingers[swingers[t]] += swingerCount
    }
    sumSwingers += swingerCount
    sumSwingersSquared += swingerCount * swingerCount
  }
  if (sumSwingers === 0) return { index, standardError, samples }
  for (let i = 0; i < n; i++) {
    const ratio = swings[i] / sumSwingers
    // Σ(a − R b)² = Σa² − 2RΣab + R²Σb², expanded so no per-sample storage is needed.
    const residualSquares = swings[i] - 2 * ratio * swingsTimesSwingers[i] + ratio * ratio * sumSwingersSquared
    index[i] = ratio
    standardError[i] = Math.sqrt(Math.max(0, residualSquares)) / sumSwingers
  }
  return { index, standardError, samples }
}
