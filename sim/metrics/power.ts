/**
 * Voting power of weighted voting games [q; w_1..w_n] (a coalition wins when
 * its total weight is ≥ the absolute quota q): the entry point that picks
 * exact dynamic programming when affordable and seeded Monte Carlo otherwise,
 * plus re-exports of the pieces.
 *
 * Why power indices and not weight shares: weight is not power. In the 1958
 * EEC Council Luxembourg held 1 of 17 votes and had no power at all (no
 * coalition ever needed it); in [51; 49, 48, 3] the 3-vote party is exactly as
 * powerful as the other two.
 */
import { banzhafMonteCarlo, shapleyShubikMonteCarlo } from "./power-monte-carlo.js"
import {
  BANZHAF_DEFAULT_MAX_UNITS,
  banzhafOfIntegerGame,
  MAX_EXACT_SHAPLEY_SHUBIK_PLAYERS,
  MAX_SHAPLEY_SHUBIK_TABLE_CELLS,
  shapleyShubikOfIntegerGame,
} from "./power-exact.js"
import type { IntegerWeightedGame, Weights } from "./weighted-game.js"
import { toIntegerGame } from "./weighted-game.js"

export {
  banzhaf,
  BANZHAF_DEFAULT_MAX_UNITS,
  banzhafOfIntegerGame,
  MAX_EXACT_SHAPLEY_SHUBIK_PLAYERS,
  MAX_SHAPLEY_SHUBIK_TABLE_CELLS,
  SHAPLEY_SHUBIK_DEFAULT_MAX_UNITS,
  shapleyShubik,
  shapleyShubikOfIntegerGame,
} from "./power-exact.js"
export type { ExactPowerOptions } from "./power-exact.js"
export { banzhafMonteCarlo, shapleyShubikMonteCarlo } from "./power-monte-carlo.js"
export type { PowerIndexEstimate } from "./power-monte-carlo.js"
export { MAX_EXACT_DECIMALS, quotaFromFraction, toIntegerGame, totalWeight } from "./weighted-game.js"
export type { IntegerWeightedGame, Weights } from "./weighted-game.js"

export interface PowerIndexOptions {
  /** Exact only up to this many players. Default DEFAULT_EXACT_MAX_PLAYERS (200). */
  readonly exactMaxPlayers?: number
  /**
   * Exact only if the Shapley–Shubik DP's estimated inner-loop steps,
   * 2·n·(n/2)·max(q−1, W−q) in integer units, stay within this.
   * Default DEFAULT_EXACT_MAX_STEPS (5·10^8, roughly a second in V8).
   */
  readonly exactMaxSteps?: number
  /**
   * Resolution for non-integer weights on the exact path (toIntegerGame).
   * Default: exact integer units up to BANZHAF_DEFAULT_MAX_UNITS if
   * affordable, else the finest rounding that fits exactMaxSteps, provided it
   * leaves ≥ MIN_UNITS_PER_PLAYER units per player on average.
   */
  readonly maxUnits?: number
  /** Seeded uniform [0, 1) stream; required only if Monte Carlo is chosen. */
  readonly random?: () => number
  /** Monte Carlo sample count for each index. Default DEFAULT_MONTE_CARLO_SAMPLES (10,000). */
  readonly samples?: number
}

export interface PowerIndices {
  /** Normalized Banzhaf index (sums to 1 unless nobody has power). */
  readonly banzhaf: Float64Array
  /** Shapley–Shubik index (sums to 1 when 0 < q ≤ W). */
  readonly shapleyShubik: Float64Array
  readonly method: "exact" | "monte-carlo"
  /** Monte Carlo samples per index; 0 for exact. */
  readonly samples: number
  /** Per-player standard errors; all 0 for exact (rounding error ~1e-14 is not reported). */
  readonly standardError: { readonly banzhaf: Float64Array; readonly shapleyShubik: Float64Array }
  /** Exact path only: true if weights had to be rounded to integer units (see toIntegerGame). */
  readonly roundedWeights: boolean
}

export const DEFAULT_EXACT_MAX_PLAYERS = 200
export const DEFAULT_EXACT_MAX_STEPS = 5e8
export const DEFAULT_MONTE_CARLO_SAMPLES = 10_000
/**
 * Rounding weights to fewer units than this per player on average (≥ ~1%
 * error on an average weight) is judged worse than Monte Carlo.
 */
export const MIN_UNITS_PER_PLAYER = 50

/**
 * Banzhaf and Shapley–Shubik indices of [quota; weights].
 *
 * Exact (see power-exact.ts; both indices from the same integer game) when
 * n ≤ exactMaxPlayers and the Shapley–Shubik table fits exactMaxSteps and
 * MAX_SHAPLEY_SHUBIK_TABLE_CELLS — first with the weights in exact integer
 * units, else (non-integer or huge weights, no maxUnits given) rounded to the
 * finest resolution that fits, if that still leaves MIN_UNITS_PER_PLAYER
 * units per player. Games where nobody can be pivotal are always "exact"
 * (all zeros).
 *
 * Otherwise Monte Carlo (see power-monte-carlo.ts) on the unrounded weights,
 * `samples` samples per index, Banzhaf drawn first and then Shapley–Shubik
 * from `random`. Standard errors:
 *   Shapley–Shubik: sqrt(φ̂(1−φ̂)/m), the SE of a proportion;
 *   Banzhaf: the delta-method SE of the normalized ratio Σa/Σb (roughly the
 *   proportion SE of "i swings" divided by the mean number of swingers).
 * Throws RangeError if Monte Carlo is needed and no `random` was given.
 */
export function powerIndices(weights: Weights, quota: number, options: PowerIndexOptions = {}): PowerIndices {
  const n = weights.length
  const exactMaxPlayers = options.exactMaxPlayers ?? DEFAULT_EXACT_MAX_PLAYERS
  const exactMaxSteps = options.exactMaxSteps ?? DEFAULT_EXACT_MAX_STEPS
  const layers = ((n - 1) >> 1) + 1

  const affordable = (game: IntegerWeightedGame): boolean => {
    // Nobody can be pivotal: the exact functions return zeros at once.
    if (!(game.quota > 0 && game.quota <= game.totalWeight)) return true
    const width = Math.max(game.quota - 1, game.totalWeight - game.quota) + 1
    return (
      n <= exactMaxPlayers &&
      n <= MAX_EXACT_SHAPLEY_SHUBIK_PLAYERS &&
      layers * width <= MAX_SHAPLEY_SHUBIK_TABLE_CELLS &&
      2 * n * layers * width <= exactMaxSteps
    )
  }
  const exact = (game: IntegerWeightedGame): PowerIndices => ({
    banzhaf: banzhafOfIntegerGame(game),
    shapleyShubik: shapleyShubikOfIntegerGame(game),
    method: "exact",
    samples: 0,
    standardError: { banzhaf: new Float64Array(n), shapleyShubik: new Float64Array(n) },
    roundedWeights: game.rounded,
  })

  const game = toIntegerGame(weights, quota, options.maxUnits ?? BANZHAF_DEFAULT_MAX_UNITS)
  if (affordable(game)) return exact(game)
  if (options.maxUnits === undefined && n > 0 && n <= exactMaxPlayers) {
    // Width ≤ W units, so W = budgetUnits keeps the steps within budget.
    const budgetUnits = Math.min(BANZHAF_DEFAULT_MAX_UNITS, Math.floor(exactMaxSteps / (2 * n * layers)))
    if (budgetUnits >= MIN_UNITS_PER_PLAYER * n) {
      const roundedGame = toIntegerGame(weights, quota, budgetUnits)
      if (affordable(roundedGame)) return exact(roundedGame)
    }
  }

  const random = options.random
  if (random === undefined) {
    throw new RangeError(`powerIndices: game too large for exact (n = ${n}); pass options.random for Monte Carlo`)
  }
  const samples = options.samples ?? DEFAULT_MONTE_CARLO_SAMPLES
  const banzhafEstimate = banzhafMonteCarlo(weights, quota, random, samples)
  const shapleyShubikEstimate = shapleyShubikMonteCarlo(weights, quota, random, samples)
  return {
    banzhaf: banzhafEstimate.index,
    shapleyShubik: shapleyShubikEstimate.index,
    method: "monte-carlo",
    samples,
    standardError: { banzhaf: banzhafEstimate.standardError, shapleyShubik: shapleyShubikEstimate.standardError },
    roundedWeights: false,
  }
}
