import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { gini, hhi, lorenzCurve, nakamotoCoefficient, topKShare } from "../../sim/metrics/inequality.js"

const property = { seed: 42, numRuns: 200 }

const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs)
const scratchFor = (n: number): Float64Array => new Float64Array(n)

/** Deterministic "sample" of a distribution: its quantiles at (i + 1/2)/n. */
function quantileSample(n: number, quantile: (u: number) => number): Float64Array {
  const sample = new Float64Array(n)
  for (let i = 0; i < n; i++) sample[i] = quantile((i + 0.5) / n)
  return sample
}

/** Gini by its definition, mean absolute difference / (2 · mean): O(n²), no sorting. */
function giniByMeanAbsoluteDifference(xs: readonly number[]): number {
  const n = xs.length
  const total = xs.reduce((a, b) => a + b, 0)
  if (n <= 1 || total === 0) return 0
  let sumAbsDiff = 0
  for (const a of xs) for (const b of xs) sumAbsDiff += Math.abs(a - b)
  return sumAbsDiff / (2 * n * total)
}

/** Nakamoto by brute force over all subsets (n ≤ 12). */
function nakamotoBySubsets(xs: readonly number[], threshold: number): number {
  const n = xs.length
  const total = xs.reduce((a, b) => a + b, 0)
  if (total === 0) return 0
  let best = Infinity
  for (let mask = 1; mask < 1 << n; mask++) {
    let sum = 0
    let size = 0
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) {
        sum += xs[i]
        size++
      }
    }
    if (sum / total > threshold) best = Math.min(best, size)
  }
  return best
}

// Holdings: integers, so that exact comparisons are meaningful, but stored as doubles.
const holdings = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 60 })
const positiveHoldings = holdings.filter((xs) => xs.some((x) => x > 0))
/** A holdings array with a random permutation of it. */
const holdingsAndPermutation = holdings.chain((xs) =>
  fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })),
)
const scaleFactor = fc.double({ min: 1e-3, max: 1e3, noNaN: true })

describe("gini", () => {
  it("is 0 for n equal values (exactly: the paired sum has only zero terms)", () => {
    for (const n of [2, 3, 10, 1000]) {
      expect(gini(new Float64Array(n).fill(7.3), n, scratchFor(n))).toBe(0)
    }
  })

  it("is (n−1)/n for one holder among n", () => {
    for (const n of [2, 3, 5, 100]) {
      const values = new Float64Array(n)
      values[n - 1] = 42
      expect(gini(values, n, scratchFor(n))).toBeCloseTo((n - 1) / n, 14)
    }
  })

  it("is 4/15 for [1, 2, 3, 4, 5] (hand-worked)", () => {
    // Σ(2i − n − 1)x_(i) = −4·1 − 2·2 + 0·3 + 2·4 + 4·5 = 20; n·Σx = 5·15 = 75.
    // Check: Σ_{i<j}|x_i − x_j| = 1·4 + 2·3 + 3·2 + 4·1 = 20, and
    // G = 2·20 / (2·n²·mean) = 40 / (2·25·3) = 4/15.
    expect(gini(f64(1, 2, 3, 4, 5), 5, scratchFor(5))).toBeCloseTo(4 / 15, 15)
    expect(gini(f64(5, 3, 1, 4, 2), 5, scratchFor(5))).toBeCloseTo(4 / 15, 15)
  })

  it("is 0 for n ≤ 1 and for all zeros", () => {
    expect(gini(f64(), 0, scratchFor(0))).toBe(0)
    expect(gini(f64(5), 1, scratchFor(1))).toBe(0)
    expect(gini(f64(0, 0, 0), 3, scratchFor(3))).toBe(0)
  })

  it("matches the analytic Gini of uniform(0, 1): 1/3", () => {
    // For the quantile sample x_i = (i − 1/2)/n the sorted formula gives exactly
    // Σ i·x_(i) = (n+1)(4n−1)/12, Σx = n/2, so G = (n² − 1)/(3n²) → 1/3.
    for (const n of [10, 1000, 100_000]) {
      const sample = quantileSample(n, (u) => u)
      expect(gini(sample, n, scratchFor(n))).toBeCloseTo((n * n - 1) / (3 * n * n), 12)
    }
    expect(gini(quantileSample(100_000, (u) => u), 100_000, scratchFor(100_000))).toBeCloseTo(1 / 3, 9)
  })

  it("matches the analytic Gini of exponential: 1/2", () => {
    // Gini of an exponential distribution is 1/2 for any rate.
    const n = 200_000
    const sample = quantileSample(n, (u) => -Math.log(1 - u))
    // (The quantile sample's bias shrinks like log(n)/n; here it is ~9e-7.)
    expect(Math.abs(gini(sample, n, scratchFor(n)) - 0.5)).toBeLessThan(1e-5)
  })

  it("matches the analytic Gini of Pareto(α = 3): 1/(2α − 1) = 1/5", () => {
    const n = 200_000
    const alpha = 3
    const sample = quantileSample(n, (u) => (1 - u) ** (-1 / alpha))
    // The heavy tail converges more slowly (~4e-5 here).
    expect(Math.abs(gini(sample, n, scratchFor(n)) - 1 / (2 * alpha - 1))).toBeLessThan(1e-4)
  })

  it("reads only the prefix [0, n) and does not modify the input", () => {
    const values = f64(1, 2, 3, 4, 5, 1e9, -1, Number.NaN)
    const before = Array.from(values)
    expect(gini(values, 5, scratchFor(5))).toBeCloseTo(4 / 15, 15)
    expect(Array.from(values)).toEqual(before)
  })

  it("throws on negative, NaN or infinite holdings and on bad n / short scratch", () => {
    expect(() => gini(f64(1, -1), 2, scratchFor(2))).toThrow(RangeError)
    expect(() => gini(f64(1, Number.NaN), 2, scratchFor(2))).toThrow(RangeError)
    expect(() => gini(f64(1, Infinity), 2, scratchFor(2))).toThrow(RangeError)
    expect(() => gini(f64(1, 2), 3, scratchFor(3))).toThrow(RangeError)
    expect(() => gini(f64(1, 2), 2, scratchFor(1))).toThrow(RangeError)
    expect(() => gini(f64(1, 2), 1.5, scratchFor(2))).toThrow(RangeError)
  })

  it("equals the mean-absolute-difference definition", () => {
    fc.assert(
      fc.property(holdings, (xs) => {
        expect(gini(Float64Array.from(xs), xs.length, scratchFor(xs.length))).toBeCloseTo(
          giniByMeanAbsoluteDifference(xs),
          12,
        )
      }),
      property,
    )
  })

  it("is invariant under permutation and positive scaling", () => {
    fc.assert(
      fc.property(holdingsAndPermutation, scaleFactor, ([xs, permuted], c) => {
        const n = xs.length
        const base = gini(Float64Array.from(xs), n, scratchFor(n))
        expect(gini(Float64Array.from(permuted), n, scratchFor(n))).toBeCloseTo(base, 13)
        expect(gini(Float64Array.from(xs, (x) => c * x), n, scratchFor(n))).toBeCloseTo(base, 12)
      }),
      property,
    )
  })

  it("lies in [0, (n−1)/n] ⊂ [0, 1)", () => {
    fc.assert(
      fc.property(holdings, (xs) => {
        const n = xs.length
        const g = gini(Float64Array.from(xs), n, scratchFor(n))
        expect(g).toBeGreaterThanOrEqual(0)
        expect(g).toBeLessThanOrEqual((n - 1) / n + 1e-15)
        expect(g).toBeLessThan(1)
      }),
      property,
    )
  })
})

describe("hhi", () => {
  it("is 1/n for n equal holders and 1 for a monopoly", () => {
    for (const n of [1, 2, 7, 1000]) {
      expect(hhi(new Float64Array(n).fill(3), n)).toBeCloseTo(1 / n, 14)
      const monopoly = new Float64Array(n)
      monopoly[0] = 5
      expect(hhi(monopoly, n)).toBe(1)
    }
  })

  it("is 0.38 for [50, 30, 20] (hand-worked: 0.25 + 0.09 + 0.04)", () => {
    expect(hhi(f64(50, 30, 20), 3)).toBeCloseTo(0.38, 15)
  })

  it("is 0 for all zeros or n = 0", () => {
    expect(hhi(f64(0, 0), 2)).toBe(0)
    expect(hhi(f64(), 0)).toBe(0)
  })

  it("does not overflow for huge holdings", () => {
    expect(hhi(f64(1e200, 1e200), 2)).toBeCloseTo(0.5, 15)
  })

  it("throws on negative holdings", () => {
    expect(() => hhi(f64(1, -2), 2)).toThrow(RangeError)
  })

  it("is invariant under permutation and positive scaling", () => {
    fc.assert(
      fc.property(holdingsAndPermutation, scaleFactor, ([xs, permuted], c) => {
        const n = xs.length
        const base = hhi(Float64Array.from(xs), n)
        expect(hhi(Float64Array.from(permuted), n)).toBeCloseTo(base, 14)
        expect(hhi(Float64Array.from(xs, (x) => c * x), n)).toBeCloseTo(base, 13)
      }),
      property,
    )
  })

  it("lies in [1/n, 1] when something is held", () => {
    fc.assert(
      fc.property(positiveHoldings, (xs) => {
        const n = xs.length
        const h = hhi(Float64Array.from(xs), n)
        expect(h).toBeGreaterThanOrEqual(1 / n - 1e-15)
        expect(h).toBeLessThanOrEqual(1 + 1e-15)
      }),
      property,
    )
  })
})

describe("nakamotoCoefficient", () => {
  it("matches hand-worked cases", () => {
    const s = scratchFor(4)
    // 40 alone is not > 50% of 100; 40 + 30 = 70 is.
    expect(nakamotoCoefficient(f64(10, 40, 20, 30), 4, s)).toBe(2)
    // Exactly half is not a majority: 50 + 30 is needed.
    expect(nakamotoCoefficient(f64(50, 30, 20), 3, s)).toBe(2)
    expect(nakamotoCoefficient(f64(50, 50), 2, s)).toBe(2)
    expect(nakamotoCoefficient(f64(51, 49), 2, s)).toBe(1)
    // Ten equal holders: 5 hold exactly half, 6 are needed.
    expect(nakamotoCoefficient(new Float64Array(10).fill(1), 10, scratchFor(10))).toBe(6)
    // Other thresholds: 40 > 33.3…; for 90%: 40, 70, 90 (not > 90), 100.
    expect(nakamotoCoefficient(f64(10, 40, 20, 30), 4, s, 1 / 3)).toBe(1)
    expect(nakamotoCoefficient(f64(10, 40, 20, 30), 4, s, 0.9)).toBe(4)
    expect(nakamotoCoefficient(f64(0, 0, 10), 3, s)).toBe(1)
    expect(nakamotoCoefficient(f64(0, 0, 10), 3, s, 0)).toBe(1)
  })

  it("is 0 for all zeros or n = 0", () => {
    expect(nakamotoCoefficient(f64(0, 0, 0), 3, scratchFor(3))).toBe(0)
    expect(nakamotoCoefficient(f64(), 0, scratchFor(0))).toBe(0)
  })

  it("throws for a threshold outside [0, 1)", () => {
    expect(() => nakamotoCoefficient(f64(1, 2), 2, scratchFor(2), 1)).toThrow(RangeError)
    expect(() => nakamotoCoefficient(f64(1, 2), 2, scratchFor(2), -0.1)).toThrow(RangeError)
    expect(() => nakamotoCoefficient(f64(1, 2), 2, scratchFor(2), Number.NaN)).toThrow(RangeError)
  })

  it("equals brute force over all subsets", () => {
    const small = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 10 })
    const threshold = fc.constantFrom(0, 0.25, 0.5, 2 / 3, 0.9)
    fc.assert(
      fc.property(small, threshold, (xs, t) => {
        expect(nakamotoCoefficient(Float64Array.from(xs), xs.length, scratchFor(xs.length), t)).toBe(
          nakamotoBySubsets(xs, t),
        )
      }),
      property,
    )
  })

  it("is invariant under permutation and scaling by powers of two", () => {
    // Powers of two scale exactly, so ties at the threshold stay ties.
    fc.assert(
      fc.property(holdingsAndPermutation, fc.integer({ min: -20, max: 20 }), ([xs, permuted], e) => {
        const n = xs.length
        const base = nakamotoCoefficient(Float64Array.from(xs), n, scratchFor(n))
        expect(nakamotoCoefficient(Float64Array.from(permuted), n, scratchFor(n))).toBe(base)
        expect(nakamotoCoefficient(Float64Array.from(xs, (x) => x * 2 ** e), n, scratchFor(n))).toBe(base)
      }),
      property,
    )
  })

  it("lies in [1, number of positive holders] when something is held", () => {
    fc.assert(
      fc.property(positiveHoldings, (xs) => {
        const k = nakamotoCoefficient(Float64Array.from(xs), xs.length, scratchFor(xs.length))
        expect(k).toBeGreaterThanOrEqual(1)
        expect(k).toBeLessThanOrEqual(xs.filter((x) => x > 0).length)
      }),
      property,
    )
  })
})

describe("topKShare", () => {
  it("matches hand-worked cases for [50, 30, 20]", () => {
    const values = f64(20, 50, 30)
    const s = scratchFor(3)
    expect(topKShare(values, 3, 0, s)).toBe(0)
    expect(topKShare(values, 3, 1, s)).toBeCloseTo(0.5, 15)
    expect(topKShare(values, 3, 2, s)).toBeCloseTo(0.8, 15)
    expect(topKShare(values, 3, 3, s)).toBe(1)
    expect(topKShare(values, 3, 10, s)).toBe(1)
  })

  it("is 0 when nothing is held, whatever k", () => {
    expect(topKShare(f64(0, 0), 2, 1, scratchFor(2))).toBe(0)
    expect(topKShare(f64(0, 0), 2, 5, scratchFor(2))).toBe(0)
    expect(topKShare(f64(), 0, 1, scratchFor(0))).toBe(0)
  })

  it("throws for negative or fractional k", () => {
    expect(() => topKShare(f64(1, 2), 2, -1, scratchFor(2))).toThrow(RangeError)
    expect(() => topKShare(f64(1, 2), 2, 1.5, scratchFor(2))).toThrow(RangeError)
  })

  it("is non-decreasing in k, from 0 at k = 0 to 1 at k = n, and ≥ k/n", () => {
    fc.assert(
      fc.property(positiveHoldings, (xs) => {
        const n = xs.length
        const values = Float64Array.from(xs)
        const s = scratchFor(n)
        let previous = topKShare(values, n, 0, s)
        expect(previous).toBe(0)
        for (let k = 1; k <= n + 1; k++) {
          const share = topKShare(values, n, k, s)
          expect(share).toBeGreaterThanOrEqual(previous)
          // The k largest hold at least their proportional share.
          expect(share).toBeGreaterThanOrEqual(Math.min(1, k / n) - 1e-12)
          previous = share
        }
        expect(topKShare(values, n, n, s)).toBe(1)
      }),
      property,
    )
  })

  it("is invariant under permutation and positive scaling", () => {
    fc.assert(
      fc.property(holdingsAndPermutation, scaleFactor, fc.integer({ min: 0, max: 10 }), ([xs, permuted], c, k) => {
        const n = xs.length
        const base = topKShare(Float64Array.from(xs), n, k, scratchFor(n))
        expect(topKShare(Float64Array.from(permuted), n, k, scratchFor(n))).toBeCloseTo(base, 14)
        expect(topKShare(Float64Array.from(xs, (x) => c * x), n, k, scratchFor(n))).toBeCloseTo(base, 13)
      }),
      property,
    )
  })
})

describe("lorenzCurve", () => {
  it("is the cumulative sorted share, from 0 to 1 (hand-worked [1..5])", () => {
    const curve = lorenzCurve(f64(3, 1, 5, 2, 4), 5)
    const expected = [0, 1 / 15, 3 / 15, 6 / 15, 10 / 15, 1]
    expect(curve.length).toBe(6)
    for (let i = 0; i < expected.length; i++) expect(curve[i]).toBeCloseTo(expected[i], 15)
  })

  it("is the line of equality when nothing is held, and [0] for n = 0", () => {
    expect(Array.from(lorenzCurve(f64(0, 0, 0, 0), 4))).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(Array.from(lorenzCurve(f64(), 0))).toEqual([0])
  })

  it("is convex and non-decreasing, and 1 − 2·area equals gini", () => {
    fc.assert(
      fc.property(positiveHoldings, (xs) => {
        const n = xs.length
        const curve = lorenzCurve(Float64Array.from(xs), n)
        expect(curve[0]).toBe(0)
        expect(curve[n]).toBe(1)
        let area = 0
        for (let i = 1; i <= n; i++) {
          expect(curve[i]).toBeGreaterThanOrEqual(curve[i - 1])
          if (i >= 2) expect(curve[i] - curve[i - 1]).toBeGreaterThanOrEqual(curve[i - 1] - curve[i - 2] - 1e-12)
          area += (curve[i] + curve[i - 1]) / (2 * n) // trapezoids of width 1/n
        }
        expect(1 - 2 * area).toBeCloseTo(gini(Float64Array.from(xs), n, scratchFor(n)), 12)
      }),
      property,
    )
  })
})
