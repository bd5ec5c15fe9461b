import { describe, expect, it } from "vitest"
import { pairedDifferences, quantileSorted, shareAbove, spread } from "../../sim/experiments/stats.js"

describe("quantiles (Hyndman & Fan definition 7, as R's quantile() and NumPy's default)", () => {
  const oneToTen = Float64Array.from({ length: 10 }, (_, i) => i + 1)

  it("Q(0.05), the median and Q(0.95) of 1..10 are 1.45, 5.5 and 9.55 (h = (n − 1)·p, linear between order statistics)", () => {
    expect(quantileSorted(oneToTen, 0.05)).toBeCloseTo(1.45, 12)
    expect(quantileSorted(oneToTen, 0.5)).toBe(5.5)
    expect(quantileSorted(oneToTen, 0.95)).toBeCloseTo(9.55, 12)
    expect(quantileSorted(oneToTen, 0)).toBe(1)
    expect(quantileSorted(oneToTen, 1)).toBe(10)
  })

  it("the quantiles of one value are that value; of none, NaN", () => {
    expect(quantileSorted([7], 0.05)).toBe(7)
    expect(quantileSorted([7], 0.95)).toBe(7)
    expect(quantileSorted([], 0.5)).toBeNaN()
  })

  it("spread gives median, 90% interval, mean and sample standard deviation, counting missing values apart", () => {
    const s = spread([9.5, null, 15, 11, 14, 12])
    expect(s.n).toBe(5)
    expect(s.of).toBe(6)
    expect(s.median).toBe(12)
    // sorted 9.5 11 12 14 15: h = 4·0.05 = 0.2 → 9.5 + 0.2·1.5; h = 3.8 → 14 + 0.8·1
    expect(s.low).toBeCloseTo(9.8, 12)
    expect(s.high).toBeCloseTo(14.8, 12)
    expect(s.mean).toBeCloseTo(12.3, 12)
    expect(s.sd).toBeCloseTo(Math.sqrt((2.8 ** 2 + 1.3 ** 2 + 0.3 ** 2 + 1.7 ** 2 + 2.7 ** 2) / 4), 12)
  })
})

describe("paired differences under common random numbers", () => {
  // replicate r of both variants drew the same random streams: the shared noise cancels in the difference
  const baseline = [10, 12, 9, 11, 13]
  const variant = [11, 14, 9.5, 12, 15]

  it("are taken replicate by replicate: [1, 2, 0.5, 1, 2], median 1, 90% interval [0.6, 2]", () => {
    const d = pairedDifferences(variant, baseline)
    expect(d).toEqual([1, 2, 0.5, 1, 2])
    const s = spread(d)
    expect(s.median).toBe(1)
    expect(s.low).toBeCloseTo(0.6, 12) // sorted 0.5 1 1 2 2: 0.5 + 0.2·(1 − 0.5)
    expect(s.high).toBe(2) // 2 + 0.8·(2 − 2)
    expect(shareAbove(d)).toBe(1)
  })

  it("are narrower than the spread of either variant: the replicate-to-replicate noise both share is removed", () => {
    const paired = spread(pairedDifferences(variant, baseline))
    const alone = spread(variant)
    expect(paired.high - paired.low).toBeLessThan(alone.high - alone.low)
  })

  it("leave out a replicate missing in either variant", () => {
    expect(pairedDifferences([1, null, 3], [0, 1, null])).toEqual([1, null, null])
    expect(spread(pairedDifferences([1, null, 3], [0, 1, null]))).toMatchObject({ n: 1, of: 3, median: 1 })
    expect(shareAbove([null, -1, 0, 2])).toBeCloseTo(1 / 3, 12)
  })
})
