import { describe, expect, it } from "vitest"
import { saltelliUnits } from "../../sim/experiments/designs.js"
import { sobolIndices } from "../../sim/experiments/sensitivity.js"

/** Outputs of `f` at every point of a Saltelli design over [lo, hi]^d. */
const evaluate = (n: number, d: number, lo: number, hi: number, f: (x: Array<number>) => number) => {
  const units = saltelliUnits(n, d)
  const y = new Float64Array(n * (d + 2))
  for (let i = 0; i < y.length; i++) y[i] = f(Array.from({ length: d }, (_, k) => lo + (hi - lo) * units[i * d + k]!))
  return y
}

describe("Sobol indices (Saltelli 2010 first-order, Jansen 1999 total)", () => {
  // Ishigami & Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1, x ~ U(−π, π)³, a = 7, b = 0.1.
  // V1 = ½(1 + bπ⁴/5)², V2 = a²/8, V13 = b²π⁸(1/18 − 1/50), V = V1 + V2 + V13 (Saltelli et al. 2008, §4.9)
  const a = 7
  const b = 0.1
  const v1 = 0.5 * (1 + (b * Math.PI ** 4) / 5) ** 2
  const v2 = a ** 2 / 8
  const v13 = b ** 2 * Math.PI ** 8 * (1 / 18 - 1 / 50)
  const v = v1 + v2 + v13
  const first = [v1 / v, v2 / v, 0]
  const total = [(v1 + v13) / v, v2 / v, v13 / v]
  const ishigami = (x: Array<number>) => Math.sin(x[0]!) + a * Math.sin(x[1]!) ** 2 + b * x[2]! ** 4 * Math.sin(x[0]!)

  it("the analytic Ishigami indices are S1 ≈ 0.3139, 0.4424, 0 and ST ≈ 0.5576, 0.4424, 0.2437", () => {
    expect(first.map((s) => Number(s.toFixed(4)))).toEqual([0.3139, 0.4424, 0])
    expect(total.map((s) => Number(s.toFixed(4)))).toEqual([0.5576, 0.4424, 0.2437])
  })

  it("are estimated within 0.02 of them from N = 4096 (20,480 evaluations), inside their 90% bootstrap intervals", () => {
    const n = 4096
    const indices = sobolIndices(evaluate(n, 3, -Math.PI, Math.PI, ishigami), n, 3)
    indices.forEach((s, i) => {
      expect(Math.abs(s.first - first[i]!)).toBeLessThan(0.02)
      expect(Math.abs(s.total - total[i]!)).toBeLessThan(0.02)
      expect(s.firstLow).toBeLessThan(first[i]!)
      expect(s.firstHigh).toBeGreaterThan(first[i]!)
      expect(s.totalLow).toBeLessThan(total[i]!)
      expect(s.totalHigh).toBeGreaterThan(total[i]!)
    })
  })

  it("of an additive model y = Σ aᵢxᵢ are aᵢ²/Σa² for both first-order and total (no interactions)", () => {
    const n = 1024
    const indices = sobolIndices(evaluate(n, 3, 0, 1, (x) => x[0]! + 2 * x[1]! + 100), n, 3)
    const expected = [0.2, 0.8, 0]
    indices.forEach((s, i) => {
      expect(s.first).toBeCloseTo(expected[i]!, 2)
      expect(s.total).toBeCloseTo(expected[i]!, 2)
    })
  })

  it("are reproducible: the bootstrap draws from a seeded stream", () => {
    const y = evaluate(64, 3, -Math.PI, Math.PI, ishigami)
    expect(sobolIndices(y, 64, 3)).toEqual(sobolIndices(y, 64, 3))
    expect(sobolIndices(y, 64, 3, { seed: 2 })[0]!.firstLow).not.toBe(sobolIndices(y, 64, 3)[0]!.firstLow)
  })

  it("refuse outputs of the wrong length", () => {
    expect(() => sobolIndices(new Float64Array(10), 4, 3)).toThrow(/20 outputs/)
  })
})
