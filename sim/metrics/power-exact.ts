/**
 * Exact Banzhaf and Shapley–Shubik indices of weighted voting games
 * [q; w_1..w_n] (S wins iff w(S) ≥ q), by dynamic programming over integer
 * weights ("generating functions": count coalitions by total weight, and for
 * Shapley–Shubik also by size). See T. Matsui & Y. Matsui, "A survey of
 * algorithms for calculating power indices of weighted majority games",
 * J. Oper. Res. Soc. Japan 43(1):71 (2000), for this family of methods.
 *
 * Player i is pivotal (a swing) for a coalition S of the others when S loses
 * and S ∪ {i} wins, i.e. w(S) lies in the window A_i = [q − w_i, q − 1].
 *
 * How the per-player counts are obtained. Counts for all n players are built
 * once; the counts for "everyone but i" follow by undoing i's step
 * (deconvolution): c_−i[w] = c[w] − c_−i[w − w_i], ascending in w. That is
 * O(table) per distinct weight instead of rebuilding from scratch. The
 * subtraction cancels when a small count is the difference of two big ones,
 * which happens along chains that pass through the bulk of the distribution
 * and end in a thin tail. Two things keep that harmless:
 *   • Complements. S is a swing set for i with |S| = k, w(S) ∈ A_i iff its
 *     complement among the others has size n−1−k and weight in
 *     B_i = [W − w_i − q + 1, W − q]. We only ever read the lower half of the
 *     table (weights ≤ max(q−1, W−q) for Shapley–Shubik, ≤ min(q−1, W−q) for
 *     Banzhaf; sizes ≤ (n−1)/2 for Shapley–Shubik), where counts grow along the
 *     chain rather than shrink.
 *   • Bounded error. The rounding error of a deconvolved count is at most
 *     ~(n+1)·2^−53 times the counts its chain passes through; over a window
 *     those chains visit each table cell at most once, so a raw index (swing
 *     probability, or φ_i) is off by at most ~n·1e-16 (absolute; ~n^1.5·1e-16
 *     for Shapley–Shubik). Up to ~53 players every intermediate count is an
 *     exact integer (or power-of-two fraction), so results are exact to the
 *     last rounding and dummies get exactly 0. In practice the error is also
 *     small *relative* to each index: against a subtraction-free reference on
 *     60 and 200 players with quotas from 2% to 99.5% of W, the worst relative
 *     error was ~3e-15, with Banzhaf values down to 1e-55 (test/metrics).
 *     The exception is a tiny index whose chain runs through the bulk of the
 *     table, e.g. a minor player of a 200-player apex game (true Banzhaf
 *     ~1e-60, computed ~1e-18): only the absolute bound holds there. Negative
 *     rounding residue is clamped to 0.
 * An alternative with no subtraction at all (divide and conquer over
 * players) costs an extra log n factor in time and memory; not needed here.
 *
 * Players with equal integer weight have equal indices (they are
 * interchangeable), so the per-player step runs once per distinct weight.
 *
 * Non-integer weights are first converted by toIntegerGame (see there): exact
 * for integers and short decimals, otherwise rounded to `maxUnits` units, and
 * the result is then exact for the rounded game.
 *
 * Edge cases: an empty game gives an empty array. If no coalition wins
 * (q > W) or every coalition wins (q ≤ 0, so the empty one does too), nobody
 * is ever pivotal and all indices are 0. A zero-weight player is a dummy (0).
 */
import type { IntegerWeightedGame, Weights } from "./weighted-game.js"
import { toIntegerGame } from "./weighted-game.js"

/** Banzhaf tables are one row of ≤ W+1 doubles: 10^6 units is 8 MB and ~n·10^6 steps. */
export const BANZHAF_DEFAULT_MAX_UNITS = 1_000_000
/** Shapley–Shubik tables are ~(n/2)·(W/2) doubles and ~n²·W/4 steps. */
export const SHAPLEY_SHUBIK_DEFAULT_MAX_UNITS = 100_000
/** Largest (sizes × weights) table shapleyShubik will allocate (two of them: 2 × 256 MB). */
export const MAX_SHAPLEY_SHUBIK_TABLE_CELLS = 2 ** 25
/** Counts of k-subsets reach C(n, n/2); for n ≤ 1000 that stays below the double maximum. */
export const MAX_EXACT_SHAPLEY_SHUBIK_PLAYERS = 1000

export interface ExactPowerOptions {
  /** Resolution for non-integer weights, see toIntegerGame. */
  readonly maxUnits?: number
}

/**
 * Normalized Banzhaf index: β_i = swings_i / Σ_j swings_j, where swings_i is
 * the number of coalitions of the other players for which i is pivotal.
 * Sums to 1 unless nobody has power (then all 0). Time O(n·W + d·W), memory
 * O(W), with W the total in integer units (≤ min(q−1, W−q) actually used) and
 * d the number of distinct weights.
 *
 * @param options.maxUnits default BANZHAF_DEFAULT_MAX_UNITS.
 */
export function banzhaf(weights: Weights, quota: number, options: ExactPowerOptions = {}): Float64Array {
  return banzhafOfIntegerGame(toIntegerGame(weights, quota, options.maxUnits ?? BANZHAF_DEFAULT_MAX_UNITS))
}

/**
 * Shapley–Shubik index: φ_i = Σ over coalitions S of the others for which i is
 * pivotal of |S|!·(n−|S|−1)!/n!, i.e. the probability that i is the pivot when
 * players join in uniformly random order. Sums to 1 when 0 < q ≤ W.
 * Time O(n²·W/4), memory 2 × (n/2)·max(q−1, W−q) doubles.
 *
 * Throws RangeError for more than MAX_EXACT_SHAPLEY_SHUBIK_PLAYERS players or
 * a table above MAX_SHAPLEY_SHUBIK_TABLE_CELLS (use powerIndices, which falls
 * back to Monte Carlo, or a smaller maxUnits).
 *
 * @param options.maxUnits default SHAPLEY_SHUBIK_DEFAULT_MAX_UNITS.
 */
export function shapleyShubik(weights: Weights, quota: number, options: ExactPowerOptions = {}): Float64Array {
  return shapleyShubikOfIntegerGame(
    toIntegerGame(weights, quota, options.maxUnits ?? SHAPLEY_SHUBIK_DEFAULT_MAX_UNITS),
  )
}

/** True when some coalition wins and some loses, so someone can be pivotal. */
function hasPivots(game: IntegerWeightedGame): boolean {
  return game.weights.length > 0 && game.quota > 0 && game.quota <= game.totalWeight
}

/** banzhaf() on a game already in integer units. */
export function banzhafOfIntegerGame(game: IntegerWeightedGame): Float64Array {
  const { weights, quota, totalWeight } = game
  const n = weights.length
  const index = new Float64Array(n)
  if (!hasPivots(game)) return index

  // Read window A_i = [q − w_i, q − 1] or complement window
  // B_i = [W − w_i − q + 1, W − q], whichever lies lower; both end at `top`.
  const useComplement = totalWeight - quota < quota - 1
  const top = useComplement ? totalWeight - quota : quota - 1

  // distribution[w] = P(w(S) = w) for S a uniformly random subset of all
  // players (counts / 2^n: the halving is exact and never overflows). Weights
  // above `top` are never read, and adding players only increases weight, so
  // the table is truncated there. Zero-weight players leave it unchanged.
  const distribution = new Float64Array(top + 1)
  distribution[0] = 1
  for (let j = 0; j < n; j++) {
    const wj = weights[j]
    if (wj === 0) continue
    for (let w = top; w >= wj; w--) distribution[w] = 0.5 * (distribution[w] + distribution[w - wj])
    for (let w = Math.min(wj - 1, top); w >= 0; w--) distribution[w] *= 0.5
  }

  // withoutPlayer[w] = P(w(S) = w) for S a random subset of the others:
  // p = (p_−i + p_−i shifted by w_i) / 2, solved for p_−i.
  const withoutPlayer = new Float64Array(top + 1)
  const swingProbabilityByWeight = new Map<number, number>()
  let swingProbabilitySum = 0
  for (let i = 0; i < n; i++) {
    const wi = weights[i]
    if (wi === 0) continue
    let swingProbability = swingProbabilityByWeight.get(wi)
    if (swingProbability === undefined) {
      const unshifted = Math.min(wi - 1, top)
      for (let w = 0; w <= unshifted; w++) withoutPlayer[w] = 2 * distribution[w]
      for (let w = wi; w <= top; w++) withoutPlayer[w] = 2 * distribution[w] - withoutPlayer[w - wi]
      const low = Math.max(0, useComplement ? totalWeight - wi - quota + 1 : quota - wi)
      let sum = 0
      for (let w = low; w <= top; w++) sum += withoutPlayer[w]
      // This is the absolute (Penrose–Banzhaf) index: P(i is pivotal).
      swingProbability = Math.max(0, sum)
      swingProbabilityByWeight.set(wi, swingProbability)
    }
    index[i] = swingProbability
    swingProbabilitySum += swingProbability
  }
  if (swingProbabilitySum === 0) return index
  for (let i = 0; i < n; i++) index[i] /= swingProbabilitySum
  return index
}

/** shapleyShubik() on a game already in integer units. */
export function shapleyShubikOfIntegerGame(game: IntegerWeightedGame): Float64Array {
  const { weights, quota, totalWeight } = game
  const n = weights.length
  const index = new Float64Array(n)
  if (!hasPivots(game)) return index
  if (n > MAX_EXACT_SHAPLEY_SHUBIK_PLAYERS) {
    throw new RangeError(`exact Shapley–Shubik supports ≤ ${MAX_EXACT_SHAPLEY_SHUBIK_PLAYERS} players, got ${n}`)
  }

  // Pivotal sets of size k in window A are counted directly for k ≤ lastLayer
  // and, for larger k, as complements of size n−1−k ≤ lastComplementLayer in
  // window B. The coefficient k!(n−1−k)!/n! is symmetric under k ↔ n−1−k.
  const lastLayer = (n - 1) >> 1
  const lastComplementLayer = n - 2 - lastLayer
  const upperA = quota - 1
  const upperB = totalWeight - quota
  const maxWeight = Math.max(upperA, upperB)
  const width = maxWeight + 1
  const cells = (lastLayer + 1) * width
  if (cells > MAX_SHAPLEY_SHUBIK_TABLE_CELLS) {
    throw new RangeError(
      `exact Shapley–Shubik needs a ${lastLayer + 1}×${width} table, above ` +
        `${MAX_SHAPLEY_SHUBIK_TABLE_CELLS} cells: lower maxUnits or use powerIndices (Monte Carlo)`,
    )
  }

  // Layer k can only hold weights between the sum of the k smallest and the
  // sum of the k largest weights; loops stay inside that band (cells outside
  // stay 0 in both tables), which skips much of the table when weights are
  // alike.
  const bandLow = new Float64Array(lastLayer + 1)
  const bandHigh = new Float64Array(lastLayer + 1)
  fillLayerBands(weights, maxWeight, bandLow, bandHigh)

  // counts[k·width + w] = number of k-subsets of all players with weight w.
  // Integers ≤ C(n, k): exact below 2^53, and finite for n ≤ 1000.
  const counts = new Float64Array(cells)
  counts[0] = 1
  for (let j = 0; j < n; j++) {
    const wj = weights[j]
    // After j players, sizes above j are still empty. Descending k reads the
    // previous row before it is updated for this player.
    for (let k = Math.min(j + 1, lastLayer); k >= 1; k--) {
      const row = k * width
      const previousRow = row - width
      const low = Math.max(bandLow[k], wj)
      for (let w = bandHigh[k]; w >= low; w--) counts[row + w] += counts[previousRow + w - wj]
    }
  }

  // coefficient[k] = k!(n−1−k)!/n! = 1/(n·C(n−1, k)), by the ratio k/(n−k)
  // between neighbours: no factorial is ever formed.
  const coefficient = new Float64Array(lastLayer + 1)
  coefficient[0] = 1 / n
  for (let k = 1; k <= lastLayer; k++) coefficient[k] = (coefficient[k - 1] * k) / (n - k)

  // withoutPlayer = counts of the others: c[k][w] = c_−i[k][w] + c_−i[k−1][w−w_i].
  const withoutPlayer = new Float64Array(cells)
  const indexByWeight = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const wi = weights[i]
    if (wi === 0) continue
    let phi = indexByWeight.get(wi)
    if (phi === undefined) {
      withoutPlayer[0] = 1 // layer 0: only the empty set, weight 0
      for (let k = 1; k <= lastLayer; k++) {
        const row = k * width
        const previousRow = row - width
        const high = bandHigh[k]
        const unshifted = Math.min(wi - 1, high)
        for (let w = bandLow[k]; w <= unshifted; w++) withoutPlayer[row + w] = counts[row + w]
        for (let w = Math.max(bandLow[k], wi); w <= high; w++) {
          withoutPlayer[row + w] = counts[row + w] - withoutPlayer[previousRow + w - wi]
        }
      }
      const lowA = Math.max(0, quota - wi)
      const lowB = Math.max(0, totalWeight - wi - quota + 1)
      let sum = 0
      for (let k = 0; k <= lastLayer; k++) {
        const row = k * width
        let pivotalSets = 0
        for (let w = lowA; w <= upperA; w++) pivotalSets += withoutPlayer[row + w]
        if (k <= lastComplementLayer) {
          for (let w = lowB; w <= upperB; w++) pivotalSets += withoutPlayer[row + w]
        }
        sum += coefficient[k] * pivotalSets
      }
      phi = Math.max(0, sum)
      indexByWeight.set(wi, phi)
    }
    index[i] = phi
  }
  return index
}

/**
 * bandLow[k]..bandHigh[k] = weights a k-subset can have: from the sum of the
 * k smallest to the sum of the k largest weights, capped at maxWeight (an
 * empty band has bandLow > bandHigh).
 */
function fillLayerBands(weights: Float64Array, maxWeight: number, bandLow: Float64Array, bandHigh: Float64Array): void {
  const sorted = Float64Array.from(weights).sort()
  const n = sorted.length
  for (let k = 1; k < bandLow.length; k++) {
    bandLow[k] = bandLow[k - 1] + sorted[k - 1]
    bandHigh[k] = Math.min(maxWeight, bandHigh[k - 1] + sorted[n - k])
  }
}
