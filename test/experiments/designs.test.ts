import { describe, expect, it } from "vitest"
import { factorialPoints, latinHypercube, makeDesign, saltelliUnits, unitToValue } from "../../sim/experiments/designs.js"
import { sobolMaxDimensions, sobolPoints } from "../../sim/experiments/sobol.js"
import { parseSweep } from "../../sim/experiments/sweep.js"
import { makeStream } from "../../sim/rng/streams.js"

const sweepOf = (block: unknown) => {
  const parsed = parseSweep(block)
  if (parsed.sweep === undefined) throw new Error(JSON.stringify(parsed.problems))
  return parsed.sweep
}

describe("full factorial designs", () => {
  it("have one point per combination, the first parameter varying slowest", () => {
    expect(factorialPoints<string | number>([["a", "b"], [1, 2, 3]])).toEqual([
      ["a", 1], ["a", 2], ["a", 3],
      ["b", 1], ["b", 2], ["b", 3],
    ])
    expect(factorialPoints([[1, 2], [3, 4], [5, 6, 7]])).toHaveLength(12)
  })

  it("take the values of the sweep block as they are (numbers, names)", () => {
    const design = makeDesign(
      sweepOf({ design: "factorial", parameters: { "governance.regime": { values: ["central", "token"] }, "economy.winnerTakeMost": { values: [0.5, 3] } } }),
      1,
    )
    expect(design.points).toEqual([["central", 0.5], ["central", 3], ["token", 0.5], ["token", 3]])
  })
})

describe("Latin hypercube designs", () => {
  it("hit each of the n strata of every parameter exactly once", () => {
    const n = 50
    const d = 4
    const units = latinHypercube(n, d, makeStream(7, "sweep", 0, "test"))
    for (let k = 0; k < d; k++) {
      const strata = Array.from({ length: n }, (_, i) => Math.floor(units[i * d + k]! * n)).sort((a, b) => a - b)
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i))
    }
  })

  it("do so in each parameter's range too, and are a function of the seed", () => {
    const block = (seed: number) => ({
      design: "lhs",
      samples: 20,
      seed,
      parameters: { "economy.winnerTakeMost": { min: 0.5, max: 3 }, "risk.baseHazard": { min: 0.01, max: 0.05 } },
    })
    const design = makeDesign(sweepOf(block(3)), 1)
    const strata = (k: number, min: number, max: number) =>
      design.points.map((p) => Math.floor((((p[k] as number) - min) / (max - min)) * 20)).sort((a, b) => a - b)
    expect(strata(0, 0.5, 3)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(strata(1, 0.01, 0.05)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(makeDesign(sweepOf(block(3)), 1).points).toEqual(design.points)
    expect(makeDesign(sweepOf(block(4)), 1).points).not.toEqual(design.points)
  })
})

describe("the Sobol sequence (Joe & Kuo 2008 direction numbers)", () => {
  it("starts with the published points (SciPy qmc.Sobol(2, scramble=False), Gray-code order)", () => {
    expect(Array.from(sobolPoints(8, 2))).toEqual([0, 0, 0.5, 0.5, 0.75, 0.25, 0.25, 0.75, 0.375, 0.375, 0.875, 0.875, 0.625, 0.125, 0.125, 0.625])
  })

  it("puts exactly one of its first 2^m points in every interval [k/2^m, (k+1)/2^m) of each of its 41 dimensions", () => {
    const d = sobolMaxDimensions
    expect(d).toBe(41)
    for (const m of [1, 4, 8]) {
      const n = 2 ** m
      const points = sobolPoints(n, d)
      for (let k = 0; k < d; k++) {
        const cells = Array.from({ length: n }, (_, i) => Math.floor(points[i * d + k]! * n)).sort((a, b) => a - b)
        expect(cells).toEqual(Array.from({ length: n }, (_, i) => i))
      }
    }
  })

  it("is a (0, m, 2)-net in its first two dimensions: one of the first 2^m points in every elementary box of area 2^−m", () => {
    const m = 6
    const n = 2 ** m
    const points = sobolPoints(n, 2)
    for (let a = 0; a <= m; a++) {
      const seen = new Set<string>()
      for (let i = 0; i < n; i++) seen.add(`${Math.floor(points[2 * i]! * 2 ** a)},${Math.floor(points[2 * i + 1]! * 2 ** (m - a))}`)
      expect(seen.size).toBe(n)
    }
  })

  it("refuses more dimensions than its table", () => {
    expect(() => sobolPoints(4, 42)).toThrow(/1 to 41 dimensions/)
  })
})

describe("the Saltelli design", () => {
  it("groups A, A_B^(1..d) and B per sample: A_B^(i) is A with column i from B", () => {
    const n = 8
    const d = 3
    const units = saltelliUnits(n, d)
    const base = sobolPoints(n, 2 * d)
    expect(units.length).toBe(n * (d + 2) * d)
    for (let j = 0; j < n; j++) {
      const row = (k: number) => Array.from(units.subarray((j * (d + 2) + k) * d, (j * (d + 2) + k + 1) * d))
      const a = Array.from(base.subarray(j * 2 * d, j * 2 * d + d))
      const b = Array.from(base.subarray(j * 2 * d + d, (j + 1) * 2 * d))
      expect(row(0)).toEqual(a)
      expect(row(d + 1)).toEqual(b)
      for (let i = 0; i < d; i++) expect(row(i + 1)).toEqual(a.map((v, k) => (k === i ? b[k] : v)))
    }
  })

  it("has N·(d + 2) points when sensitivity is asked for", () => {
    const sweep = sweepOf({
      design: "sobol",
      samples: 16,
      sensitivity: true,
      parameters: { "economy.winnerTakeMost": { min: 0.5, max: 3 }, "risk.baseHazard": { min: 0.001, max: 0.1, scale: "log" } },
    })
    const design = makeDesign(sweep, 1)
    expect(design.points).toHaveLength(16 * 4)
    expect(design.saltelli).toEqual({ base: 16, dimensions: 2 })
  })
})

describe("unit values to parameter values", () => {
  it("maps linearly, logarithmically (uniform in log value) or to equally likely whole numbers", () => {
    expect(unitToValue({ min: 2, max: 4 }, 0.25)).toBe(2.5)
    expect(unitToValue({ min: 0.001, max: 0.1, scale: "log" }, 0)).toBe(0.001)
    expect(unitToValue({ min: 0.001, max: 0.1, scale: "log" }, 0.5)).toBeCloseTo(0.01, 12)
    const counts = new Map<number, number>()
    for (let i = 0; i < 400; i++) {
      const v = unitToValue({ min: 5, max: 8, integer: true }, (i + 0.5) / 400)
      counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    expect([...counts.entries()].sort()).toEqual([[5, 100], [6, 100], [7, 100], [8, 100]])
  })
})
