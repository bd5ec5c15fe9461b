/**
 * Weighted voting games [q; w_1, …, w_n]: a coalition S wins when its total
 * weight w(S) = Σ_{i∈S} w_i is ≥ the quota q.
 *
 * The exact power-index algorithms count coalitions by total weight, so they
 * need small non-negative integer weights. This file turns arbitrary
 * non-negative weights into such an "integer game" and says whether that was
 * lossless.
 */

/** Voting weights: any non-negative finite numbers. */
export type Weights = readonly number[] | Float64Array

/** A weighted voting game in integer units. */
export interface IntegerWeightedGame {
  /** Non-negative integers (stored as doubles: they index count tables). */
  readonly weights: Float64Array
  /** Integer quota in the same units: S wins iff Σ weights ≥ quota. */
  readonly quota: number
  /** Σ weights. */
  readonly totalWeight: number
  /**
   * false: same winning coalitions as the game as given (integer or short
   * decimal weights). true: weights were rounded to a fixed resolution, so
   * coalitions within rounding of the quota may have changed sides.
   */
  readonly rounded: boolean
}

/** Weights with at most this many decimal places are converted exactly. */
export const MAX_EXACT_DECIMALS = 6

/** Σ weights, after checking each is finite and ≥ 0 (RangeError otherwise). */
export function totalWeight(weights: Weights): number {
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]
    if (!(w >= 0 && w < Infinity)) {
      throw new RangeError(`weights[${i}] must be finite and non-negative, got ${w}`)
    }
    total += w
  }
  return total
}

/**
 * The absolute quota that is `fraction` of the total weight.
 * Coalitions win with weight ≥ quota, so fraction 0.5 lets a coalition and
 * its complement both win on a tie; for a strict majority of integer weights
 * use floor(W/2) + 1, or any fraction a little above 1/2 (e.g. 0.5 + 1e-9:
 * the exact algorithms absorb float noise of ~1e-9 units, see toIntegerGame).
 */
export function quotaFromFraction(weights: Weights, fraction: number): number {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`fraction must be in [0, 1], got ${fraction}`)
  }
  return fraction * totalWeight(weights)
}

/**
 * Converts [quota; weights] to integer units.
 *
 * 1. If for some d ≤ MAX_EXACT_DECIMALS every weight is an integer after
 *    multiplying by 10^d (up to float noise of ~1e-9, and no positive weight
 *    becoming 0), and the resulting total divided
 *    by the gcd of the integer weights is ≤ maxUnits, that is used: lossless
 *    (`rounded: false`). Integer weights are the case d = 0.
 * 2. Otherwise each weight is rounded to the nearest multiple of
 *    total/maxUnits (`rounded: true`): each weight moves by at most half a
 *    unit, i.e. total/(2·maxUnits); a weight below that becomes 0 (a dummy).
 *    The quota is scaled by the ratio (new total / old total), so a quota
 *    given as a fraction of the total keeps that fraction, and unanimity
 *    stays unanimity.
 *
 * Dividing all weights by their gcd g (and the quota q by g, rounding up,
 * since a multiple of g is ≥ q iff it is ≥ g·ceil(q/g)) shrinks the tables
 * without changing the game: [12; 4,4,4,2,2,1] stays as is, [600; 400,300,200]
 * becomes [6; 4,3,2].
 *
 * A quota in units is rounded up to an integer (integer coalition weights are
 * ≥ 11.5 iff ≥ 12) unless it is within ~1e-9 of an integer, in which case it
 * is taken as that integer: this absorbs float noise such as 0.1 + 0.2, at the
 * price of treating a quota of exactly 12 + 1e-12 units as 12.
 *
 * @param maxUnits positive integer ≤ 2^31: bound on the total in units,
 *   i.e. on the width of the count tables.
 */
export function toIntegerGame(weights: Weights, quota: number, maxUnits: number): IntegerWeightedGame {
  if (!Number.isInteger(maxUnits) || maxUnits < 1 || maxUnits > 2 ** 31) {
    throw new RangeError(`maxUnits must be an integer in [1, 2^31], got ${maxUnits}`)
  }
  if (Number.isNaN(quota)) throw new RangeError("quota is NaN")
  const n = weights.length
  const total = totalWeight(weights)
  const units = new Float64Array(n)
  if (total === 0) {
    // No weight at all: only the quota's sign matters (≤ 0: every coalition
    // wins; > 0: none does). Keep that with quota 0 or 1.
    return { weights: units, quota: quota <= 0 ? 0 : 1, totalWeight: 0, rounded: false }
  }

  for (let decimals = 0; decimals <= MAX_EXACT_DECIMALS; decimals++) {
    const scale = 10 ** decimals
    // Beyond 2^53 every double is an integer and the test below means nothing.
    if (total * scale > 2 ** 53) break
    let allIntegral = true
    for (let i = 0; i < n && allIntegral; i++) {
      const scaled = weights[i] * scale
      const nearest = Math.round(scaled)
      // A positive weight must not vanish: 1e-12 is not "0 up to noise".
      if (!isWithinFloatNoise(scaled, nearest) || (nearest === 0 && scaled > 0)) allIntegral = false
      else units[i] = nearest
    }
    if (!allIntegral) continue
    const divisor = gcdOf(units)
    let unitTotal = 0
    for (let i = 0; i < n; i++) {
      units[i] /= divisor
      unitTotal += units[i]
    }
    if (unitTotal > maxUnits) break
    return { weights: units, quota: quotaInUnits(quota * scale, divisor), totalWeight: unitTotal, rounded: false }
  }

  // shares first: maxUnits / total overflows to Infinity when the weights are subnormal
  for (let i = 0; i < n; i++) units[i] = Math.round((weights[i] / total) * maxUnits)
  let roundedTotal = 0
  for (let i = 0; i < n; i++) roundedTotal += units[i]
  const divisor = roundedTotal === 0 ? 1 : gcdOf(units)
  let unitTotal = 0
  for (let i = 0; i < n; i++) {
    units[i] /= divisor
    unitTotal += units[i]
  }
  return {
    weights: units,
    quota: quotaInUnits((quota / total) * roundedTotal, divisor),
    totalWeight: unitTotal,
    rounded: true,
  }
}

/** True when x is an integer up to float noise (absolute 1e-9, or a few ulps). */
function isWithinFloatNoise(x: number, integer: number): boolean {
  return Math.abs(x - integer) <= 1e-9 + 8 * Number.EPSILON * Math.abs(x)
}

/** Integer quota for coalition weights that are multiples of `divisor`. */
function quotaInUnits(scaledQuota: number, divisor: number): number {
  if (scaledQuota === Infinity) return Infinity
  if (scaledQuota === -Infinity) return -Infinity
  const nearest = Math.round(scaledQuota)
  const integerQuota = isWithinFloatNoise(scaledQuota, nearest) ? nearest : Math.ceil(scaledQuota)
  return Math.ceil(integerQuota / divisor)
}

/** gcd of non-negative integer doubles (Euclid; % is exact on integers). 1 if all are 0. */
function gcdOf(integers: Float64Array): number {
  let divisor = 0
  for (let i = 0; i < integers.length; i++) {
    let a = integers[i]
    let b = divisor
    while (b !== 0) {
      const remainder = a % b
      a = b
      b = remainder
    }
    divisor = a
    if (divisor === 1) return 1
  }
  return divisor === 0 ? 1 : divisor
}
