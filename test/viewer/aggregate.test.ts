import { describe, expect, it } from "vitest"
import { bandOf, boxStats, maxPointsPerLine, medianIndex, quantileSorted, thinnedIndices } from "../../viz/src/aggregate.js"

const sorted = (...xs: Array<number>) => Float64Array.from(xs).sort()

describe("quantiles (type 7: linear between order statistics)", () => {
  it("the median of 1..5 is 3 and its 5 % and 95 % quantiles are 1.2 and 4.8", () => {
    // h = (n − 1)·p = 4 · 0.05 = 0.2 → 1 + 0.2·(2 − 1) = 1.2; h = 3.8 → 4 + 0.8·(5 − 4) = 4.8
    const xs = sorted(1, 2, 3, 4, 5)
    expect(quantileSorted(xs, 5, 0.5)).toBe(3)
    expect(quantileSorted(xs, 5, 0.05)).toBeCloseTo(1.2, 12)
    expect(quantileSorted(xs, 5, 0.95)).toBeCloseTo(4.8, 12)
  })

  it("the median of an even count is the mean of the middle two", () => {
    expect(quantileSorted(sorted(10, 20, 30, 40), 4, 0.5)).toBe(25)
  })

  it("one value is every quantile; no value is NaN", () => {
    expect(quantileSorted(sorted(7), 1, 0.05)).toBe(7)
    expect(quantileSorted(sorted(7), 1, 0.95)).toBe(7)
    expect(quantileSorted(new Float64Array(0), 0, 0.5)).toBeNaN()
  })

  it("p = 0 and p = 1 are the minimum and maximum", () => {
    const xs = sorted(3, -1, 8)
    expect(quantileSorted(xs, 3, 0)).toBe(-1)
    expect(quantileSorted(xs, 3, 1)).toBe(8)
  })
})

describe("the band over replicates", () => {
  it("is the per-tick median and 5–95 % quantiles, month = index + 1", () => {
    // tick 0: {1, 2, 3, 4, 5} → median 3, 5 % 1.2, 95 % 4.8
    // tick 1: {10, 20, 30, 40, 50} → 30, 12, 48
    const columns = [
      [5, 50],
      [1, 10],
      [3, 30],
      [4, 40],
      [2, 20],
    ]
    const band = bandOf(columns)
    expect([...band.month]).toEqual([1, 2])
    expect([...band.median]).toEqual([3, 30])
    expect(band.p05[0]).toBeCloseTo(1.2, 12)
    expect(band.p95[0]).toBeCloseTo(4.8, 12)
    expect(band.p05[1]).toBeCloseTo(12, 12)
    expect(band.p95[1]).toBeCloseTo(48, 12)
  })

  it("leaves out null and NaN values, and gives NaN at a tick with none", () => {
    const band = bandOf([
      [null, 1, Number.NaN],
      [null, 3, null],
    ])
    expect(band.median[0]).toBeNaN()
    expect(band.median[1]).toBe(2)
    expect(band.median[2]).toBeNaN()
  })

  it("uses the replicates that reach a tick when series differ in length", () => {
    const band = bandOf([[1, 2, 3], [5]])
    expect([...band.median]).toEqual([3, 2, 3])
  })

  it(`keeps at most ${maxPointsPerLine} points per line, always the first and the last tick`, () => {
    const long = Array.from({ length: 5000 }, (_, i) => i)
    const band = bandOf([long, long])
    expect(band.month.length).toBeLessThanOrEqual(maxPointsPerLine)
    expect(band.month[0]).toBe(1)
    expect(band.month[band.month.length - 1]).toBe(5000)
    expect(band.median[band.median.length - 1]).toBe(4999)
  })

  it("thins nothing at or below the limit, and evenly above it", () => {
    expect([...thinnedIndices(4, 4)]).toEqual([0, 1, 2, 3])
    expect([...thinnedIndices(10, 4)]).toEqual([0, 3, 6, 9])
  })
})

describe("box statistics", () => {
  it("are the quartiles, median and 5–95 % whiskers of the finite values", () => {
    const s = boxStats([4, null, 2, 1, 3, 5, Number.NaN])
    expect(s).toMatchObject({ n: 5, q1: 2, median: 3, q3: 4 })
    expect(s.p05).toBeCloseTo(1.2, 12)
    expect(s.p95).toBeCloseTo(4.8, 12)
  })

  it("of nothing are NaN with n = 0", () => {
    const s = boxStats([null])
    expect(s.n).toBe(0)
    expect(s.median).toBeNaN()
  })
})

describe("the representative run", () => {
  it("is the one with the median score (lower middle for an even count), ignoring NaN", () => {
    expect(medianIndex([0.9, 0.1, 0.5])).toBe(2)
    expect(medianIndex([0.4, Number.NaN, 0.2, 0.3, 0.1])).toBe(2)
    expect(medianIndex([Number.NaN])).toBe(-1)
  })
})
