/**
 * The Sobol' low-discrepancy sequence (Sobol' 1967), unscrambled, in Gray-code
 * order (Antonov & Saleev 1979), with the direction numbers of
 *
 *   S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
 *   two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654;
 *   table `new-joe-kuo-6.21201`, https://web.maths.unsw.edu.au/~fkuo/sobol/
 *
 * whose first 41 dimensions are below (dimension 1 is van der Corput's and
 * needs no row). Point 0 is the origin; with the same numbers the sequence is
 * the one of SciPy's `qmc.Sobol(d, scramble=False)`. 41 dimensions are enough
 * for a Saltelli design of 20 parameters (it uses 2 × d).
 *
 * Each row is `s a m1 … ms`: the degree s of the primitive polynomial, its
 * inner coefficients a (as bits), and the initial direction numbers m.
 */
const joeKuo: ReadonlyArray<string> = [
  "1 0 1", "2 1 1 3", "3 1 1 3 1", "3 2 1 1 1", "4 1 1 1 3 3", "4 4 1 3 5 13", "5 2 1 1 5 5 17",
  "5 4 1 1 5 5 5", "5 7 1 1 7 11 19", "5 11 1 1 5 1 1", "5 13 1 1 1 3 11", "5 14 1 3 5 5 31",
  "6 1 1 3 3 9 7 49", "6 13 1 1 1 15 21 21", "6 16 1 3 1 13 27 49", "6 19 1 1 1 15 7 5",
  "6 22 1 3 1 15 13 25", "6 25 1 1 5 5 19 61", "7 1 1 3 7 11 23 15 103", "7 4 1 3 7 13 13 15 69",
  "7 7 1 1 3 13 7 35 63", "7 8 1 3 5 9 1 25 53", "7 14 1 3 1 13 9 35 107", "7 19 1 3 1 5 27 61 31",
  "7 21 1 1 5 11 19 41 61", "7 28 1 3 5 3 3 13 69", "7 31 1 1 7 13 1 19 1", "7 32 1 3 7 5 13 19 59",
  "7 37 1 1 3 9 25 29 41", "7 41 1 3 5 13 23 1 55", "7 42 1 3 7 3 13 59 17", "7 50 1 3 1 3 5 53 69",
  "7 55 1 1 5 5 23 33 13", "7 56 1 1 7 7 1 61 123", "7 59 1 1 7 9 13 61 49", "7 62 1 3 3 5 3 55 33",
  "8 14 1 3 1 15 31 13 49 245", "8 21 1 3 5 15 31 59 63 97", "8 22 1 3 1 11 11 11 77 249",
  "8 38 1 3 1 11 27 43 71 9",
]

/** Bits of resolution: points are multiples of 2^−bits; the sequence has 2^bits points. */
const bits = 32

/** The most dimensions this table supports. */
export const sobolMaxDimensions = joeKuo.length + 1

/** Direction numbers v[k] (as 32-bit integers scaled by 2^32) of every dimension. */
const directions: ReadonlyArray<Uint32Array> = (() => {
  const all: Array<Uint32Array> = []
  const first = new Uint32Array(bits)
  for (let k = 0; k < bits; k++) first[k] = 2 ** (bits - 1 - k)
  all.push(first)
  for (const row of joeKuo) {
    const [s, a, ...m] = row.split(" ").map(Number) as [number, number, ...Array<number>]
    const v = new Uint32Array(bits)
    for (let k = 0; k < bits; k++) {
      if (k < s) {
        v[k] = m[k]! * 2 ** (bits - 1 - k)
        continue
      }
      // Bratley & Fox (1988) recurrence: v_k = a_1 v_{k−1} ⊕ … ⊕ a_{s−1} v_{k−s+1} ⊕ v_{k−s} ⊕ (v_{k−s} >> s)
      let x = v[k - s]! ^ (v[k - s]! >>> s)
      for (let j = 1; j < s; j++) if (((a >>> (s - 1 - j)) & 1) === 1) x ^= v[k - j]!
      v[k] = x >>> 0
    }
    all.push(v)
  }
  return all
})()

/**
 * The first `count` points of the `dimensions`-dimensional sequence, point 0
 * (the origin) first; row-major, `count × dimensions` values in [0, 1).
 */
export const sobolPoints = (count: number, dimensions: number): Float64Array => {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > sobolMaxDimensions) {
    throw new RangeError(`the Sobol sequence here has 1 to ${sobolMaxDimensions} dimensions, not ${dimensions}`)
  }
  if (!Number.isInteger(count) || count < 0 || count > 2 ** bits) throw new RangeError(`cannot make ${count} Sobol points`)
  const out = new Float64Array(count * dimensions)
  const x = new Uint32Array(dimensions)
  const scale = 2 ** -bits
  for (let i = 1; i < count; i++) {
    // Gray code: point i differs from point i − 1 by the direction number of the lowest zero bit of i − 1
    let c = 0
    for (let value = i - 1; (value & 1) === 1; value >>>= 1) c++
    for (let d = 0; d < dimensions; d++) {
      x[d] = (x[d]! ^ directions[d]![c]!) >>> 0
      out[i * dimensions + d] = x[d]! * scale
    }
  }
  return out
}
