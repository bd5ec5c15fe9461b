import { describe, expect, it } from "vitest"
import { cos, exp, log, log10 } from "../../sim/math/fdlibm.js"

/**
 * The worker replaces Math.exp, log, log10 and cos with these ports so that runs
 * in the browser give the CLI's bits. That holds only while they equal Node's
 * Math.* bit for bit; if this test fails after a Node upgrade, V8 changed its
 * Math functions and the CLI's own numbers changed with them.
 */

// a fixed xorshift stream, so the arguments are the same every time
const stream = (seed: number) => {
  let s = seed >>> 0
  return () => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s / 4294967296
  }
}

const uniform = (n: number, low: number, high: number, seed: number): Array<number> => {
  const u = stream(seed)
  return Array.from({ length: n }, () => low + (high - low) * u())
}

/** Doubles spread over every exponent: random bit patterns of positive finite numbers. */
const anyMagnitude = (n: number, seed: number): Array<number> => {
  const u = stream(seed)
  const f = new Float64Array(1)
  const w = new Uint32Array(f.buffer)
  const out: Array<number> = []
  while (out.length < n) {
    w[0] = Math.floor(u() * 4294967296)
    w[1] = Math.floor(u() * 0x7ff00000)
    out.push(f[0]!)
  }
  return out
}

const specials = [0, -0, 1, -1, 2, 0.5, Infinity, -Infinity, Number.NaN, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, 1e-310, Number.MAX_VALUE, 709.782712893384, 709.79, -745.1332191019411, -745.14, 1e-300, 1e300]

const mismatches = (ours: (x: number) => number, theirs: (x: number) => number, xs: ReadonlyArray<number>): Array<number> =>
  xs.filter((x) => !Object.is(ours(x), theirs(x)))

describe("fdlibm ports equal Node's Math functions bit for bit", () => {
  it("exp", () => {
    const xs = [...specials, ...uniform(200_000, -1, 1, 1), ...uniform(200_000, -50, 50, 2), ...uniform(100_000, -760, 720, 3), ...anyMagnitude(50_000, 4).map((x) => -x)]
    expect(mismatches(exp, Math.exp, xs)).toEqual([])
  })

  it("log", () => {
    const xs = [...specials, ...uniform(200_000, 0, 2, 5), ...uniform(100_000, 0.999, 1.001, 6), ...anyMagnitude(200_000, 7)]
    expect(mismatches(log, Math.log, xs)).toEqual([])
  })

  it("log10", () => {
    const xs = [...specials, ...uniform(200_000, 0, 10, 8), ...anyMagnitude(200_000, 9), ...[10, 100, 1e21, 1e-5, 1e25, 1e26, 1e29]]
    expect(mismatches(log10, Math.log10, xs)).toEqual([])
  })

  it("cos, for |x| up to 2¹⁹·π/2", () => {
    const near = Array.from({ length: 64 }, (_, k) => (k * Math.PI) / 2).flatMap((x) => [x, -x, x + 1e-12, x - 1e-9])
    const xs = [...specials.filter((x) => !(Math.abs(x) > 823_549)), ...near, ...uniform(200_000, 0, 2 * Math.PI, 10), ...uniform(200_000, -1000, 1000, 11), ...uniform(50_000, -823_549, 823_549, 12)]
    expect(mismatches(cos, Math.cos, xs)).toEqual([])
  })
})
