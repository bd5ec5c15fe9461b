import { type RandomStream, makeStream } from "../rng/streams.js"
import { sobolPoints } from "./sobol.js"
import type { Sweep, SweepParameter } from "./sweep.js"

/**
 * Design generators: which parameter values each point of a sweep runs.
 * Unit designs are row-major Float64Arrays of `points × dimensions` values in
 * [0, 1); `unitToValue` maps one onto a parameter's range.
 */

/**
 * Every combination of the value lists, the first list varying slowest (as in
 * nested loops written in the order of the lists): [[a0,b0],[a0,b1],…,[a1,b0],…].
 */
export const factorialPoints = <T>(lists: ReadonlyArray<ReadonlyArray<T>>): Array<Array<T>> => {
  let points: Array<Array<T>> = [[]]
  for (const list of lists) {
    const next: Array<Array<T>> = []
    for (const point of points) for (const value of list) next.push([...point, value])
    points = next
  }
  return points
}

/**
 * A Latin hypercube sample (McKay, Beckman & Conover 1979): each dimension's
 * [0, 1) is cut into n equal strata and every stratum is hit by exactly one
 * point, at a uniformly random position inside it; the strata are matched
 * across dimensions by independent random permutations (Fisher–Yates).
 */
export const latinHypercube = (n: number, dimensions: number, stream: RandomStream): Float64Array => {
  const out = new Float64Array(n * dimensions)
  const order = new Int32Array(n)
  for (let d = 0; d < dimensions; d++) {
    for (let i = 0; i < n; i++) order[i] = i
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(stream.double() * (i + 1))
      const t = order[i]!
      order[i] = order[j]!
      order[j] = t
    }
    for (let i = 0; i < n; i++) out[i * dimensions + d] = (order[i]! + stream.double()) / n
  }
  return out
}

/**
 * The Saltelli (2002, 2010) design for first-order and total Sobol indices of d
 * parameters from a base sample of N: matrices A and B are the first and last d
 * columns of N points of a 2d-dimensional Sobol sequence, and A_B^(i) is A with
 * column i taken from B. Rows are grouped per sample j, as SALib does:
 *
 *   point j·(d+2) + 0      A_j
 *   point j·(d+2) + i      A_B^(i)_j   (i = 1..d)
 *   point j·(d+2) + d + 1  B_j
 */
export const saltelliUnits = (n: number, dimensions: number): Float64Array => {
  const base = sobolPoints(n, 2 * dimensions)
  const width = dimensions + 2
  const out = new Float64Array(n * width * dimensions)
  for (let j = 0; j < n; j++) {
    const a = j * 2 * dimensions
    const b = a + dimensions
    for (let k = 0; k < width; k++) {
      const row = (j * width + k) * dimensions
      for (let d = 0; d < dimensions; d++) {
        const fromB = k === dimensions + 1 || k === d + 1
        out[row + d] = base[(fromB ? b : a) + d]!
      }
    }
  }
  return out
}

/**
 * A unit value u in [0, 1) as a parameter value: min + u·(max − min) on a
 * linear scale, min·(max/min)^u on a log scale; an integer parameter takes each
 * of min..max with equal probability (⌊min + u·(max − min + 1)⌋).
 */
export const unitToValue = (spec: SweepParameter, u: number): number => {
  const min = spec.min!
  const max = spec.max!
  if (spec.integer === true) {
    const lo = Math.ceil(min)
    const hi = Math.floor(max)
    return Math.min(hi, lo + Math.floor(u * (hi - lo + 1)))
  }
  if (spec.scale === "log") {
    if (u === 0) return min
    return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
  }
  return min + u * (max - min)
}

/** The points of a sweep: one value per parameter, in parameter order. */
export interface Design {
  readonly points: ReadonlyArray<ReadonlyArray<unknown>>
  /** for a Saltelli design (sobol with sensitivity): the base sample N and the number of parameters d */
  readonly saltelli?: { readonly base: number; readonly dimensions: number }
}

/**
 * The design of a sweep, a pure function of the sweep block (and, for a Latin
 * hypercube without its own seed, of the scenario's seed).
 */
export const makeDesign = (sweep: Sweep, scenarioSeed: number): Design => {
  const specs = sweep.parameters.map((p) => p.spec)
  const d = specs.length
  const fromUnits = (units: Float64Array, n: number) => {
    const points: Array<Array<number>> = []
    for (let i = 0; i < n; i++) points.push(specs.map((spec, k) => unitToValue(spec, units[i * d + k]!)))
    return points
  }
  switch (sweep.design) {
    case "factorial":
      return { points: factorialPoints(specs.map((s) => s.values ?? [])) }
    case "lhs": {
      const stream = makeStream(sweep.seed ?? scenarioSeed, "sweep", 0, "latin-hypercube")
      return { points: fromUnits(latinHypercube(sweep.samples, d, stream), sweep.samples) }
    }
    case "sobol":
      if (sweep.sensitivity === undefined) return { points: fromUnits(sobolPoints(sweep.samples, d), sweep.samples) }
      return {
        points: fromUnits(saltelliUnits(sweep.samples, d), sweep.samples * (d + 2)),
        saltelli: { base: sweep.samples, dimensions: d },
      }
  }
}
