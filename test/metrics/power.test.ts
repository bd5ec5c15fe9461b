import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  banzhaf,
  banzhafMonteCarlo,
  powerIndices,
  quotaFromFraction,
  shapleyShubik,
  shapleyShubikMonteCarlo,
  toIntegerGame,
} from "../../sim/metrics/power.js"

const property = { seed: 42, numRuns: 200 }

// ---------------------------------------------------------------------------
// Brute-force references: straight from the definitions, by enumerating every
// coalition (2^n) or every ordering (n!). Independent of the DP code.
// ---------------------------------------------------------------------------

function weightOf(weights: readonly number[], mask: number): number {
  let total = 0
  for (let i = 0; i < weights.length; i++) if (mask & (1 << i)) total += weights[i]
  return total
}

function sizeOf(mask: number): number {
  let size = 0
  for (let m = mask; m !== 0; m &= m - 1) size++
  return size
}

/** swings[i] = number of coalitions S ∌ i that lose while S ∪ {i} wins. */
function bruteForceSwings(weights: readonly number[], quota: number): number[] {
  const n = weights.length
  const swings = new Array<number>(n).fill(0)
  for (let mask = 0; mask < 1 << n; mask++) {
    const w = weightOf(weights, mask)
    for (let i = 0; i < n; i++) {
      if (!(mask & (1 << i)) && w < quota && w + weights[i] >= quota) swings[i]++
    }
  }
  return swings
}

function bruteForceBanzhaf(weights: readonly number[], quota: number): number[] {
  const swings = bruteForceSwings(weights, quota)
  const total = swings.reduce((a, b) => a + b, 0)
  return swings.map((s) => (total === 0 ? 0 : s / total))
}

function factorial(k: number): number {
  let f = 1
  for (let j = 2; j <= k; j++) f *= j
  return f
}

/** Shapley–Shubik from the coalition form: Σ_{S pivotal} |S|!(n−|S|−1)!/n!. */
function bruteForceShapleyShubik(weights: readonly number[], quota: number): number[] {
  const n = weights.length
  const phi = new Array<number>(n).fill(0)
  for (let mask = 0; mask < 1 << n; mask++) {
    const w = weightOf(weights, mask)
    const k = sizeOf(mask)
    for (let i = 0; i < n; i++) {
      if (!(mask & (1 << i)) && w < quota && w + weights[i] >= quota) {
        phi[i] += (factorial(k) * factorial(n - k - 1)) / factorial(n)
      }
    }
  }
  return phi
}

/** Shapley–Shubik from its original definition: pivots over all n! orderings (Heap's algorithm). */
function bruteForceShapleyShubikByOrderings(weights: readonly number[], quota: number): number[] {
  const n = weights.length
  const pivots = new Array<number>(n).fill(0)
  const order = weights.map((_, i) => i)
  const creditPivot = (): void => {
    let running = 0
    for (const player of order) {
      running += weights[player]
      if (running >= quota) {
        if (running - weights[player] < quota) pivots[player]++
        return
      }
    }
  }
  const c = new Array<number>(n).fill(0)
  creditPivot()
  for (let i = 1; i < n; ) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i]
      ;[order[j], order[i]] = [order[i], order[j]]
      creditPivot()
      c[i]++
      i = 1
    } else {
      c[i] = 0
      i++
    }
  }
  return pivots.map((p) => p / factorial(n))
}

function isDummy(weights: readonly number[], quota: number, i: number): boolean {
  return bruteForceSwings(weights, quota)[i] === 0
}

/**
 * Reference for games too big to enumerate: the same counting as the library
 * but rebuilt from scratch without each player, so nothing is ever
 * subtracted (O(n²·W) Banzhaf, O(n³·W) Shapley–Shubik). Counts are normalized
 * per size (÷ C(n−1, k)) so they stay ≤ 1.
 */
function rebuiltWithoutEachPlayer(weights: readonly number[], quota: number): { banzhaf: number[]; shapleyShubik: number[] } {
  const n = weights.length
  const raw: number[] = []
  const phi: number[] = []
  const doneForWeight = new Map<number, number>() // equal weights, equal values
  for (let i = 0; i < n; i++) {
    const earlier = doneForWeight.get(weights[i])
    if (earlier !== undefined) {
      raw.push(raw[earlier])
      phi.push(phi[earlier])
      continue
    }
    doneForWeight.set(weights[i], i)
    const others = n - 1
    // share[k][w] = (number of k-subsets of the others with weight w) / C(others, k), for w < quota.
    const share = Array.from({ length: n }, () => new Float64Array(quota))
    share[0][0] = 1
    let added = 0
    for (let j = 0; j < n; j++) {
      if (j === i) continue
      added++
      for (let k = Math.min(added, others); k >= 1; k--) {
        const ratio = k / (others - k + 1) // C(others, k−1) / C(others, k)
        for (let w = quota - 1; w >= weights[j]; w--) share[k][w] += ratio * share[k - 1][w - weights[j]]
      }
    }
    let swingProbability = 0
    let shapley = 0
    let binomial = 1 // C(others, k)
    for (let k = 0; k <= others; k++) {
      let pivotal = 0
      for (let w = Math.max(0, quota - weights[i]); w < quota; w++) pivotal += share[k][w]
      shapley += pivotal / n // k!(n−1−k)!/n! · count = (count / C(n−1, k)) / n
      swingProbability += (pivotal * binomial) / 2 ** others
      binomial = (binomial * (others - k)) / (k + 1)
    }
    raw.push(swingProbability)
    phi.push(shapley)
  }
  const totalRaw = raw.reduce((a, b) => a + b, 0)
  return { banzhaf: raw.map((r) => r / totalRaw), shapleyShubik: phi }
}

/** mulberry32 (Tommy Ettinger's 32-bit PRNG): a tiny seeded stream for the Monte Carlo tests. */
function mulberry32(seed: number): () => number {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0)

function expectCloseArray(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 13): void {
  expect(actual.length).toBe(expected.length)
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits)
}

/** Small random games: weights 0..20, quota anywhere from −1 to W + 1. */
const smallGame = (maxPlayers: number) =>
  fc
    .array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: maxPlayers })
    .chain((weights) => fc.tuple(fc.constant(weights), fc.integer({ min: -1, max: sum(weights) + 1 })))

// ---------------------------------------------------------------------------

describe("the brute-force references", () => {
  it("agree with each other (coalition form vs orderings) for n ≤ 7", () => {
    fc.assert(
      fc.property(smallGame(7), ([weights, quota]) => {
        expectCloseArray(
          bruteForceShapleyShubikByOrderings(weights, quota),
          bruteForceShapleyShubik(weights, quota),
          14,
        )
      }),
      { seed: 42, numRuns: 100 },
    )
  })
})

describe("textbook weighted voting games", () => {
  it("[51; 49, 48, 3]: any two parties form a majority, so all three are symmetric", () => {
    // Standard illustration that seats ≠ power: 49+48, 49+3 and 48+3 all reach
    // 51, no single party does, so by symmetry every index is 1/3.
    const weights = [49, 48, 3]
    expectCloseArray(bruteForceBanzhaf(weights, 51), [1 / 3, 1 / 3, 1 / 3])
    expectCloseArray(bruteForceShapleyShubik(weights, 51), [1 / 3, 1 / 3, 1 / 3])
    expectCloseArray(banzhaf(weights, 51), [1 / 3, 1 / 3, 1 / 3])
    expectCloseArray(shapleyShubik(weights, 51), [1 / 3, 1 / 3, 1 / 3])
  })

  it("[51; 50, 49, 1]: Banzhaf (3/5, 1/5, 1/5), Shapley–Shubik (2/3, 1/6, 1/6)", () => {
    // S. J. Brams, "Game theory", Encyclopaedia Britannica (reprinted in The
    // Britannica Guide to Statistics and Probability, 2011): the 50-vote member
    // is critical in all three minimal winning coalitions (50,1), (50,49),
    // (50,49,1), the others in one each, so Banzhaf = (3/5, 1/5, 1/5).
    // Shapley–Shubik (hand-worked): of the 6 orders, 50 is pivotal in 4
    // (whenever it is not first), 49 in (50,49,1), 1 in (50,1,49).
    const weights = [50, 49, 1]
    const expectedBanzhaf = [3 / 5, 1 / 5, 1 / 5]
    const expectedShapley = [2 / 3, 1 / 6, 1 / 6]
    expectCloseArray(bruteForceBanzhaf(weights, 51), expectedBanzhaf)
    expectCloseArray(bruteForceShapleyShubikByOrderings(weights, 51), expectedShapley)
    expectCloseArray(banzhaf(weights, 51), expectedBanzhaf)
    expectCloseArray(shapleyShubik(weights, 51), expectedShapley)
  })

  it("[6; 4, 3, 2, 1]: both indices (5/12, 1/4, 1/4, 1/12)", () => {
    // Hand-worked. Winning coalitions and their critical members:
    //   {4,3}: 4,3   {4,2}: 4,2   {4,3,2}: 4   {4,3,1}: 4,3   {4,2,1}: 4,2
    //   {3,2,1}: 3,2,1   {4,3,2,1}: none
    // swings (5, 3, 3, 1) of 12 → Banzhaf (5/12, 3/12, 3/12, 1/12).
    // Shapley–Shubik: 4 is pivotal after any of {3},{2},{3,2},{3,1},{2,1}
    // (each preceding set of size 1 or 2 weighs 2!·1!/4! = 1!·2!/4! = 1/12),
    // so 5/12; 3 after {4},{4,1},{2,1}: 3/12; 2 after {4},{4,1},{3,1}: 3/12;
    // 1 after {3,2} only: 1/12.
    const weights = [4, 3, 2, 1]
    const expected = [5 / 12, 1 / 4, 1 / 4, 1 / 12]
    expectCloseArray(bruteForceBanzhaf(weights, 6), expected)
    expectCloseArray(bruteForceShapleyShubikByOrderings(weights, 6), expected)
    expectCloseArray(banzhaf(weights, 6), expected)
    expectCloseArray(shapleyShubik(weights, 6), expected)
  })

  it("EEC Council of Ministers 1958 [12; 4, 4, 4, 2, 2, 1]: Luxembourg is a dummy", () => {
    // France, Germany, Italy 4; Belgium, Netherlands 2; Luxembourg 1; quota 12
    // of 17. Banzhaf 5/21 (= 10/42), 1/7 (= 6/42), 0 — Brams, "Game theory",
    // Britannica (as above); Luxembourg's null-player status is the textbook
    // case, see S. Napel, "Luxembourg in the Early Days of the EEC: Null Player
    // or Not?", Games 9(2):29 (2018). Hand check: Belgium swings for the others'
    // coalitions of weight 10 or 11: {4,4,2} ×3 and {4,4,2,1} ×3 → 6; a big
    // member for weights 8..11 of {4,4,2,2,1} → 10; all other weights are even,
    // so nothing weighs exactly 11 without Luxembourg: 0.
    // Shapley–Shubik: Belgium pivotal after those 3 sets of size 3 and 3 of
    // size 4: 3·3!2!/6! + 3·4!1!/6! = 3/20; big members (1 − 2·3/20)/3 = 7/30.
    const weights = [4, 4, 4, 2, 2, 1]
    const expectedBanzhaf = [5 / 21, 5 / 21, 5 / 21, 3 / 21, 3 / 21, 0]
    const expectedShapley = [7 / 30, 7 / 30, 7 / 30, 3 / 20, 3 / 20, 0]
    expectCloseArray(bruteForceBanzhaf(weights, 12), expectedBanzhaf)
    expectCloseArray(bruteForceShapleyShubikByOrderings(weights, 12), expectedShapley)
    expect(bruteForceSwings(weights, 12)).toEqual([10, 10, 10, 6, 6, 0])

    const b = banzhaf(weights, 12)
    const s = shapleyShubik(weights, 12)
    expectCloseArray(b, expectedBanzhaf, 15)
    expectCloseArray(s, expectedShapley, 15)
    expect(b[5]).toBe(0)
    expect(s[5]).toBe(0)
  })

  it("Nassau County Board 1958 [16; 9, 9, 7, 3, 1, 1]: three dummies", () => {
    // COMAP, For All Practical Purposes (10th ed.), ch. 11, Example 3: any two
    // of 9, 9, 7 pass a measure; 3, 1, 1 can never be decisive (Banzhaf's
    // original case, J. F. Banzhaf III, "Weighted voting doesn't work",
    // Rutgers Law Review 19:317, 1965).
    const weights = [9, 9, 7, 3, 1, 1]
    const expected = [1 / 3, 1 / 3, 1 / 3, 0, 0, 0]
    expectCloseArray(bruteForceBanzhaf(weights, 16), expected)
    expectCloseArray(banzhaf(weights, 16), expected, 15)
    expectCloseArray(shapleyShubik(weights, 16), expected, 15)
  })

  it("Nassau County Board 1964 [58; 31, 31, 21, 28, 2, 2]: 21 votes and no power", () => {
    // Same sources (FAPP ch. 11 exercises; J. Malkevitch, "Voting Games: Part
    // II", AMS Feature Column): North Hempstead (21), Glen Cove and Long Beach
    // (2 each) are dummies. Any two of 31, 31, 28 reach 58; one of them plus
    // 21 + 2 + 2 reaches at most 56.
    const weights = [31, 31, 21, 28, 2, 2]
    const expected = [1 / 3, 1 / 3, 0, 1 / 3, 0, 0]
    expectCloseArray(bruteForceBanzhaf(weights, 58), expected)
    expectCloseArray(banzhaf(weights, 58), expected, 15)
    expectCloseArray(shapleyShubik(weights, 58), expected, 15)
  })

  it("UN Security Council [39; 7×5, 1×10]: Shapley–Shubik 0.1963 / 0.00186, Banzhaf 0.1669 / 0.0165", () => {
    // The veto rule (9 of 15 votes including all 5 permanent members) as a
    // weighted game. Shapley & Shubik (1954, APSR 48:787) introduced the index
    // with the (then 11-member) Council as their example; the 15-member values
    // follow by the same counting:
    //   a non-permanent member is pivotal only as the 9th vote after all 5
    //   permanent members and 3 of the other 9: C(9,3)·8!·6!/15! = 4/2145
    //   ≈ 0.001865; a permanent member gets (1 − 10·4/2145)/5 = 421/2145 ≈ 0.19627.
    //   Banzhaf swings: non-permanent C(9,3) = 84; permanent needs the other 4
    //   permanent and 4..10 of 10 others: 2^10 − 1 − 10 − 45 − 120 = 848;
    //   total 5·848 + 10·84 = 5080 → 848/5080 ≈ 0.16693, 84/5080 ≈ 0.016535.
    const weights = [7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    const s = shapleyShubik(weights, 39)
    const b = banzhaf(weights, 39)
    const expectedShapley = [...Array(5).fill(421 / 2145), ...Array(10).fill(4 / 2145)]
    const expectedBanzhaf = [...Array(5).fill(848 / 5080), ...Array(10).fill(84 / 5080)]
    expectCloseArray(s, expectedShapley, 14)
    expectCloseArray(b, expectedBanzhaf, 14)
    expectCloseArray(bruteForceShapleyShubik(weights, 39), expectedShapley, 14)
    expectCloseArray(bruteForceBanzhaf(weights, 39), expectedBanzhaf, 14)
    // The commonly quoted rounded figures.
    expect(s[0]).toBeCloseTo(0.1963, 4)
    expect(s[5]).toBeCloseTo(0.00186, 5)
    expect(b[0]).toBeCloseTo(0.1669, 4)
    expect(b[5]).toBeCloseTo(0.0165, 4)
  })
})

describe("exact indices: properties against brute force", () => {
  it("equal brute force for random games with n ≤ 10", () => {
    fc.assert(
      fc.property(smallGame(10), ([weights, quota]) => {
        expectCloseArray(banzhaf(weights, quota), bruteForceBanzhaf(weights, quota), 13)
        expectCloseArray(shapleyShubik(weights, quota), bruteForceShapleyShubik(weights, quota), 13)
      }),
      property,
    )
  })

  it("sum to 1 whenever some player has power", () => {
    fc.assert(
      fc.property(smallGame(10), ([weights, quota]) => {
        const anyPower = bruteForceSwings(weights, quota).some((s) => s > 0)
        expect(sum(banzhaf(weights, quota))).toBeCloseTo(anyPower ? 1 : 0, 13)
        expect(sum(shapleyShubik(weights, quota))).toBeCloseTo(anyPower ? 1 : 0, 13)
      }),
      property,
    )
  })

  it("are exactly 0 for dummy players, and positive otherwise", () => {
    fc.assert(
      fc.property(smallGame(10), ([weights, quota]) => {
        const b = banzhaf(weights, quota)
        const s = shapleyShubik(weights, quota)
        for (let i = 0; i < weights.length; i++) {
          if (isDummy(weights, quota, i)) {
            expect(b[i]).toBe(0)
            expect(s[i]).toBe(0)
          } else {
            expect(b[i]).toBeGreaterThan(0)
            expect(s[i]).toBeGreaterThan(0)
          }
        }
      }),
      property,
    )
  })

  it("are equal for equal weights and monotone in weight", () => {
    fc.assert(
      fc.property(smallGame(10), ([weights, quota]) => {
        for (const index of [banzhaf(weights, quota), shapleyShubik(weights, quota)]) {
          for (let i = 0; i < weights.length; i++) {
            for (let j = 0; j < weights.length; j++) {
              if (weights[i] === weights[j]) expect(index[i]).toBe(index[j])
              if (weights[i] >= weights[j]) expect(index[i]).toBeGreaterThanOrEqual(index[j] - 1e-14)
            }
          }
        }
      }),
      property,
    )
  })

  it("do not change when weights and quota are scaled together", () => {
    fc.assert(
      fc.property(smallGame(8), fc.constantFrom(1000, 0.01, 0.25, 7), ([weights, quota], c) => {
        const scaled = weights.map((w) => w * c)
        expectCloseArray(banzhaf(scaled, quota * c), banzhaf(weights, quota), 14)
        expectCloseArray(shapleyShubik(scaled, quota * c), shapleyShubik(weights, quota), 14)
      }),
      property,
    )
  })
})

describe("exact indices: edge cases", () => {
  it("empty game → empty arrays; single player with a reachable quota → [1]", () => {
    expect(banzhaf([], 1).length).toBe(0)
    expect(shapleyShubik([], 1).length).toBe(0)
    expect(Array.from(banzhaf([5], 3))).toEqual([1])
    expect(Array.from(shapleyShubik([5], 5))).toEqual([1])
  })

  it("no winning coalition (q > W) or every coalition winning (q ≤ 0) → all zeros", () => {
    for (const quota of [18, 1e9, Infinity, 0, -3, -Infinity]) {
      expect(Array.from(banzhaf([4, 4, 4, 2, 2, 1], quota))).toEqual([0, 0, 0, 0, 0, 0])
      expect(Array.from(shapleyShubik([4, 4, 4, 2, 2, 1], quota))).toEqual([0, 0, 0, 0, 0, 0])
    }
    expect(Array.from(banzhaf([0, 0], 1))).toEqual([0, 0])
    expect(Array.from(shapleyShubik([0, 0], 0))).toEqual([0, 0])
  })

  it("a zero-weight player is a dummy but still counts for Shapley–Shubik's orderings", () => {
    // [2; 1, 1, 0]: the zero player never pivots; the others split power evenly.
    expectCloseArray(banzhaf([1, 1, 0], 2), [0.5, 0.5, 0], 15)
    expectCloseArray(shapleyShubik([1, 1, 0], 2), [0.5, 0.5, 0], 15)
    expectCloseArray(shapleyShubik([3, 1, 1, 0, 0], 4), bruteForceShapleyShubikByOrderings([3, 1, 1, 0, 0], 4), 15)
  })

  it("unanimity: every player pivots exactly once, even with decimal float noise", () => {
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in doubles; the quota 0.6 is
    // recognized as 6 tenths, so all three are needed.
    expectCloseArray(banzhaf([0.1, 0.2, 0.3], 0.6), [1 / 3, 1 / 3, 1 / 3], 15)
    expectCloseArray(shapleyShubik([0.1, 0.2, 0.3], 0.6), [1 / 3, 1 / 3, 1 / 3], 15)
    const fortyPlayers = Array.from({ length: 40 }, (_, i) => i + 1)
    expectCloseArray(banzhaf(fortyPlayers, sum(fortyPlayers)), Array(40).fill(1 / 40), 14)
    expectCloseArray(shapleyShubik(fortyPlayers, sum(fortyPlayers)), Array(40).fill(1 / 40), 14)
  })

  it("decimal weights are exact: [0.51; 0.49, 0.48, 0.03] is [51; 49, 48, 3]", () => {
    expectCloseArray(banzhaf([0.49, 0.48, 0.03], 0.51), [1 / 3, 1 / 3, 1 / 3], 15)
    expectCloseArray(shapleyShubik([0.49, 0.48, 0.03], 0.51), [1 / 3, 1 / 3, 1 / 3], 15)
  })

  it("irrational weights are rounded, and match brute force when no coalition is near the quota", () => {
    const weights = [Math.SQRT2, Math.PI, Math.E, Math.sqrt(3), 0.5 * Math.LN2, 1 / 7]
    const quota = 5.3
    // Rounding moves each weight by ≤ total/(2·maxUnits); check no coalition
    // weight is within that distance of the quota, so the game is unchanged.
    const total = sum(weights)
    let closest = Infinity
    for (let mask = 0; mask < 1 << weights.length; mask++) {
      closest = Math.min(closest, Math.abs(weightOf(weights, mask) - quota))
    }
    expect(closest).toBeGreaterThan((weights.length * total) / 1000)
    expect(toIntegerGame(weights, quota, 1000).rounded).toBe(true)
    expectCloseArray(banzhaf(weights, quota, { maxUnits: 1000 }), bruteForceBanzhaf(weights, quota), 14)
    expectCloseArray(shapleyShubik(weights, quota, { maxUnits: 1000 }), bruteForceShapleyShubik(weights, quota), 14)
    expectCloseArray(banzhaf(weights, quota), bruteForceBanzhaf(weights, quota), 14)
    expectCloseArray(shapleyShubik(weights, quota), bruteForceShapleyShubik(weights, quota), 14)
  })

  it("throws on negative, NaN or infinite weights and NaN quota", () => {
    expect(() => banzhaf([1, -1], 1)).toThrow(RangeError)
    expect(() => shapleyShubik([1, Number.NaN], 1)).toThrow(RangeError)
    expect(() => banzhaf([1, Infinity], 1)).toThrow(RangeError)
    expect(() => banzhaf([1, 2], Number.NaN)).toThrow(RangeError)
  })
})

describe("toIntegerGame and quotaFromFraction", () => {
  it("keeps integer games, dividing out the gcd of the weights", () => {
    const game = toIntegerGame([400, 300, 200, 100], 600, 1_000_000)
    expect(Array.from(game.weights)).toEqual([4, 3, 2, 1])
    expect(game.quota).toBe(6)
    expect(game.totalWeight).toBe(10)
    expect(game.rounded).toBe(false)
    // A quota between multiples of the gcd rounds up: ≥ 550 means ≥ 600.
    expect(toIntegerGame([400, 300, 200, 100], 550, 1_000_000).quota).toBe(6)
    // Integer weights, fractional quota: weight ≥ 11.5 iff ≥ 12.
    expect(toIntegerGame([4, 4, 4, 2, 2, 1], 11.5, 1_000_000).quota).toBe(12)
  })

  it("converts short decimals exactly and everything else by rounding", () => {
    const decimal = toIntegerGame([0.25, 0.125, 1.5], 1, 1_000_000)
    expect(Array.from(decimal.weights)).toEqual([2, 1, 12])
    expect(decimal.quota).toBe(8)
    expect(decimal.rounded).toBe(false)
    const irrational = toIntegerGame([Math.PI, Math.E], 3, 1000)
    expect(irrational.rounded).toBe(true)
    expect(irrational.totalWeight).toBeLessThanOrEqual(1001)
    // Tiny positive weights must not silently become 0 in the "exact" path.
    expect(toIntegerGame([1, 1e-12], 1, 1000).rounded).toBe(true)
  })

  it("rescales integer weights whose total exceeds maxUnits, keeping the quota fraction", () => {
    const game = toIntegerGame([1001, 999], 2000, 100)
    expect(game.rounded).toBe(true)
    expect(game.quota).toBe(game.totalWeight) // unanimity stays unanimity
  })

  it("quotaFromFraction is the fraction of the total weight", () => {
    expect(quotaFromFraction([4, 4, 4, 2, 2, 1], 12 / 17)).toBeCloseTo(12, 12)
    expectCloseArray(
      banzhaf([4, 4, 4, 2, 2, 1], quotaFromFraction([4, 4, 4, 2, 2, 1], 12 / 17)),
      [5 / 21, 5 / 21, 5 / 21, 3 / 21, 3 / 21, 0],
      15,
    )
    expect(() => quotaFromFraction([1], 1.5)).toThrow(RangeError)
  })
})

describe("large games", () => {
  /** 200 players, integer weights 1..100 in a scrambled order (W = 10,100). */
  const twoHundred = Array.from({ length: 200 }, (_, i) => 1 + ((i * 37) % 100))
  const majority = (weights: readonly number[]): number => Math.floor(sum(weights) / 2) + 1

  it("a 200-player game (W ≈ 10^4) runs and both indices sum to 1", () => {
    const b = banzhaf(twoHundred, majority(twoHundred))
    const s = shapleyShubik(twoHundred, majority(twoHundred))
    expect(sum(b)).toBeCloseTo(1, 12)
    expect(sum(s)).toBeCloseTo(1, 12)
    // Players of equal weight share the same value; heavier is never weaker.
    const byWeight = twoHundred.map((w, i) => [w, b[i], s[i]] as const).sort((x, y) => x[0] - y[0])
    for (let i = 1; i < byWeight.length; i++) {
      expect(byWeight[i][1]).toBeGreaterThanOrEqual(byWeight[i - 1][1] - 1e-15)
      expect(byWeight[i][2]).toBeGreaterThanOrEqual(byWeight[i - 1][2] - 1e-15)
    }
  })

  it("Banzhaf handles 200 players with total weight ~10^6", () => {
    const heavy = twoHundred.map((w, i) => w * 97 + (i % 13))
    expect(sum(heavy)).toBeGreaterThan(900_000)
    expect(sum(banzhaf(heavy, majority(heavy)))).toBeCloseTo(1, 12)
  })

  it("agree with a subtraction-free reference beyond exact-integer range (60 players, quotas 2%..99.5%)", () => {
    // C(60, 30) ≈ 1.2e17 > 2^53: counts are rounded, and the deconvolution's
    // subtractions could cancel. Relative accuracy holds even where the
    // smallest indices are ~1e-20, thanks to reading the lower tail only.
    const sixty = Array.from({ length: 60 }, (_, i) => 1 + ((i * 7) % 20))
    const total = sum(sixty)
    for (const fraction of [0.02, 0.3, 0.5, 0.75, 0.95, 0.995]) {
      const quota = Math.ceil(fraction * total)
      const reference = rebuiltWithoutEachPlayer(sixty, quota)
      const b = banzhaf(sixty, quota)
      const s = shapleyShubik(sixty, quota)
      for (let i = 0; i < sixty.length; i++) {
        expect(Math.abs(b[i] - reference.banzhaf[i])).toBeLessThanOrEqual(1e-12 * reference.banzhaf[i])
        expect(Math.abs(s[i] - reference.shapleyShubik[i])).toBeLessThanOrEqual(1e-12 * reference.shapleyShubik[i])
      }
    }
  })

  it("200 equal players: both indices 1/200 (counts up to 2^200 stay accurate)", () => {
    const equal = Array<number>(200).fill(3)
    expectCloseArray(banzhaf(equal, 301), Array(200).fill(1 / 200), 15)
    expectCloseArray(shapleyShubik(equal, 301), Array(200).fill(1 / 200), 15)
  })

  it("apex game with 200 players matches its closed form", () => {
    // [n−1; n−2, 1, …, 1]: the apex wins with any one minor player; all n−1
    // minors win without it. Shapley–Shubik: apex (n−2)/n, each minor
    // 2/(n(n−1)). Banzhaf: apex swings 2^(n−1) − 2, each minor 2, so the
    // minors' normalized Banzhaf is ~1e-60: only absolute accuracy (~1e-16) is
    // promised there.
    const n = 200
    const apex = [n - 2, ...Array<number>(n - 1).fill(1)]
    const s = shapleyShubik(apex, n - 1)
    expect(s[0]).toBeCloseTo((n - 2) / n, 13)
    for (let i = 1; i < n; i++) expect(s[i]).toBeCloseTo(2 / (n * (n - 1)), 15)
    const b = banzhaf(apex, n - 1)
    expect(b[0]).toBeCloseTo(1, 13)
    for (let i = 1; i < n; i++) expect(Math.abs(b[i])).toBeLessThan(1e-14)
  })
})

describe("Monte Carlo estimates", () => {
  // 20 players with weights 1..20 (W = 210), quota 106: nobody has tiny power.
  const twenty = Array.from({ length: 20 }, (_, i) => i + 1)
  const quota = 106

  it("lie within 4 standard errors of the exact values (seed 42, 20,000 samples)", () => {
    const exactBanzhaf = banzhaf(twenty, quota)
    const exactShapley = shapleyShubik(twenty, quota)
    const random = mulberry32(42)
    const b = banzhafMonteCarlo(twenty, quota, random, 20_000)
    const s = shapleyShubikMonteCarlo(twenty, quota, random, 20_000)
    for (let i = 0; i < twenty.length; i++) {
      expect(b.standardError[i]).toBeGreaterThan(0)
      expect(s.standardError[i]).toBeGreaterThan(0)
      expect(Math.abs(b.index[i] - exactBanzhaf[i])).toBeLessThan(4 * b.standardError[i])
      expect(Math.abs(s.index[i] - exactShapley[i])).toBeLessThan(4 * s.standardError[i])
    }
    expect(sum(b.index)).toBeCloseTo(1, 12)
    expect(sum(s.index)).toBeCloseTo(1, 12) // exactly one pivot per ordering
  })

  it("report calibrated standard errors: mean squared z-score ≈ 1 over 100 seeds", () => {
    const exactBanzhaf = banzhaf(twenty, quota)
    const exactShapley = shapleyShubik(twenty, quota)
    let zSquaredBanzhaf = 0
    let zSquaredShapley = 0
    let count = 0
    for (let seed = 1; seed <= 100; seed++) {
      const random = mulberry32(seed)
      const b = banzhafMonteCarlo(twenty, quota, random, 2000)
      const s = shapleyShubikMonteCarlo(twenty, quota, random, 2000)
      for (let i = 0; i < twenty.length; i++) {
        zSquaredBanzhaf += ((b.index[i] - exactBanzhaf[i]) / b.standardError[i]) ** 2
        zSquaredShapley += ((s.index[i] - exactShapley[i]) / s.standardError[i]) ** 2
        count++
      }
    }
    expect(zSquaredBanzhaf / count).toBeGreaterThan(0.8)
    expect(zSquaredBanzhaf / count).toBeLessThan(1.25)
    expect(zSquaredShapley / count).toBeGreaterThan(0.8)
    expect(zSquaredShapley / count).toBeLessThan(1.25)
  })

  it("Shapley–Shubik standard error is that of a proportion, sqrt(p(1−p)/m)", () => {
    const s = shapleyShubikMonteCarlo(twenty, quota, mulberry32(7), 5000)
    for (let i = 0; i < twenty.length; i++) {
      const p = s.index[i]
      expect(s.standardError[i]).toBeCloseTo(Math.sqrt((p * (1 - p)) / 5000), 15)
    }
  })

  it("are deterministic given the stream, and never see a dummy pivot", () => {
    const first = banzhafMonteCarlo([4, 4, 4, 2, 2, 1], 12, mulberry32(1), 3000)
    const again = banzhafMonteCarlo([4, 4, 4, 2, 2, 1], 12, mulberry32(1), 3000)
    expect(Array.from(again.index)).toEqual(Array.from(first.index))
    expect(first.index[5]).toBe(0)
    expect(first.standardError[5]).toBe(0)
    const s = shapleyShubikMonteCarlo([4, 4, 4, 2, 2, 1], 12, mulberry32(1), 3000)
    expect(s.index[5]).toBe(0)
  })

  it("return zeros when nobody can be pivotal, and reject bad sample counts", () => {
    for (const q of [0, -1, 100]) {
      expect(sum(banzhafMonteCarlo([1, 2], q, mulberry32(1), 10).index)).toBe(0)
      expect(sum(shapleyShubikMonteCarlo([1, 2], q, mulberry32(1), 10).index)).toBe(0)
    }
    expect(() => banzhafMonteCarlo([1, 2], 2, mulberry32(1), 0)).toThrow(RangeError)
    expect(() => shapleyShubikMonteCarlo([1, 2], 2, mulberry32(1), 2.5)).toThrow(RangeError)
  })

  it("handle unanimity with float weights despite summation order", () => {
    const s = shapleyShubikMonteCarlo([0.1, 0.2, 0.3], 0.6, mulberry32(3), 3000)
    expect(sum(s.index)).toBeCloseTo(1, 12)
  })
})

describe("powerIndices", () => {
  it("is exact for small games, with zero standard errors", () => {
    const result = powerIndices([4, 4, 4, 2, 2, 1], 12)
    expect(result.method).toBe("exact")
    expect(result.samples).toBe(0)
    expect(result.roundedWeights).toBe(false)
    expectCloseArray(result.banzhaf, [5 / 21, 5 / 21, 5 / 21, 3 / 21, 3 / 21, 0], 15)
    expectCloseArray(result.shapleyShubik, [7 / 30, 7 / 30, 7 / 30, 3 / 20, 3 / 20, 0], 15)
    expect(Array.from(result.standardError.banzhaf)).toEqual([0, 0, 0, 0, 0, 0])
  })

  it("falls back to Monte Carlo above exactMaxPlayers, and needs `random` for it", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1)
    const result = powerIndices(twenty, 106, { exactMaxPlayers: 10, random: mulberry32(42), samples: 5000 })
    expect(result.method).toBe("monte-carlo")
    expect(result.samples).toBe(5000)
    expect(result.standardError.banzhaf.every((se) => se > 0)).toBe(true)
    const exact = powerIndices(twenty, 106)
    for (let i = 0; i < 20; i++) {
      expect(Math.abs(result.shapleyShubik[i] - exact.shapleyShubik[i])).toBeLessThan(
        4 * result.standardError.shapleyShubik[i],
      )
    }
    expect(() => powerIndices(twenty, 106, { exactMaxPlayers: 10 })).toThrow(RangeError)
  })

  it("falls back to Monte Carlo when the exact table exceeds the step budget", () => {
    const result = powerIndices([4, 4, 4, 2, 2, 1], 12, { exactMaxSteps: 10, random: mulberry32(1), samples: 100 })
    expect(result.method).toBe("monte-carlo")
  })

  it("trivial games (nobody pivotal) are exact zeros at any size, without `random`", () => {
    const many = Array<number>(5000).fill(1)
    const result = powerIndices(many, 6000)
    expect(result.method).toBe("exact")
    expect(sum(result.banzhaf)).toBe(0)
  })

  it("rounds non-integer weights of 200 players to fit the budget, and still sums to 1", () => {
    const weights = Array.from({ length: 200 }, (_, i) => Math.sqrt(i + 1.5))
    const result = powerIndices(weights, quotaFromFraction(weights, 0.5))
    expect(result.method).toBe("exact")
    expect(result.roundedWeights).toBe(true)
    expect(sum(result.banzhaf)).toBeCloseTo(1, 12)
    expect(sum(result.shapleyShubik)).toBeCloseTo(1, 12)
  })
})
