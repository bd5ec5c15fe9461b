/**
 * exp, log, log10 and cos exactly as fdlibm computes them (Sun Microsystems'
 * freely distributable libm, 1993), in plain JavaScript arithmetic.
 *
 * Why: the engine's determinism contract (same inputs, same bits, in Node and
 * in the browser) does not survive `Math.exp` and friends. ECMAScript leaves
 * their accuracy to the implementation, and V8 changed them: Node 24's V8 13.6
 * computes Math.exp, log, log10 and cos with its fdlibm port (≤ 1 ulp), while
 * Chromium 156's V8 returns correctly rounded values, 1 ulp apart for most
 * arguments of exp. A run in the browser then drifts from the CLI's from the
 * first lognormal draw. +, −, ×, ÷ are exactly IEEE 754 everywhere, so these
 * ports give the same bits in every engine: the engine calls them instead of
 * Math.exp, log, log10 and cos, and test/engine/fdlibm.test.ts holds them equal
 * to Node 24's Math.* bit for bit. (Math.pow and Math.sqrt agreed between Node
 * and Chromium on every input tried; sqrt is exact by IEEE 754.)
 *
 * Sources: fdlibm 5.3 e_exp.c, e_log.c, e_log10.c, k_cos.c, k_sin.c,
 * e_rem_pio2.c, s_cos.c, as ported in V8's src/base/ieee754.cc.
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */

// word access: little-endian IEEE 754 doubles (every platform JavaScript runs on)
const f64 = new Float64Array(1)
const u32 = new Uint32Array(f64.buffer)
const LO = 0
const HI = 1

const highWord = (x: number): number => {
  f64[0] = x
  return u32[HI]! | 0
}
const lowWord = (x: number): number => {
  f64[0] = x
  return u32[LO]!
}
const fromWords = (hi: number, lo: number): number => {
  u32[HI] = hi >>> 0
  u32[LO] = lo >>> 0
  return f64[0]!
}
const withHighWord = (x: number, hi: number): number => {
  f64[0] = x
  u32[HI] = hi >>> 0
  return f64[0]!
}

// ------------------------------------------------------------------ exp

const o_threshold = 7.09782712893383973096e2
const u_threshold = -7.45133219101941108420e2
const ln2HI = [6.93147180369123816490e-1, -6.93147180369123816490e-1] as const
const ln2LO = [1.90821492927058770002e-10, -1.90821492927058770002e-10] as const
const halF = [0.5, -0.5] as const
const invln2 = 1.44269504088896338700
const P1 = 1.66666666666666019037e-1
const P2 = -2.77777777770155933842e-3
const P3 = 6.61375632143793436117e-5
const P4 = -1.65339022054652515390e-6
const P5 = 4.13813679705723846039e-8
const E = 2.718281828459045
const huge = 1.0e300
const twom1000 = 9.33263618503218878990e-302
const two1023 = 2 ** 1023

export const exp = (x: number): number => {
  let hi = 0
  let lo = 0
  let k = 0
  let hx = highWord(x)
  const xsb = (hx >>> 31) & 1
  hx &= 0x7fffffff
  // non-finite, overflow, underflow
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x
      return xsb === 0 ? x : 0
    }
    if (x > o_threshold) return huge * huge
    if (x < u_threshold) return twom1000 * twom1000
  }
  // argument reduction
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x === 1) return E
      hi = x - ln2HI[xsb]!
      lo = ln2LO[xsb]!
      k = 1 - xsb - xsb
    } else {
      k = Math.trunc(invln2 * x + halF[xsb]!)
      const t = k
      hi = x - t * ln2HI[0]
      lo = t * ln2LO[0]
    }
    x = hi - lo
  } else if (hx < 0x3e300000) {
    if (huge + x > 1) return 1 + x
  } else {
    k = 0
  }
  const t = x * x
  const twopk = k >= -1021 ? fromWords(0x3ff00000 + (k << 20), 0) : fromWords(0x3ff00000 + ((k + 1000) << 20), 0)
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))))
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x)
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi)
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * two1023
    return y * twopk
  }
  return y * twopk * twom1000
}

// ------------------------------------------------------------------ log

const ln2_hi = 6.93147180369123816490e-1
const ln2_lo = 1.90821492927058770002e-10
const two54 = 1.80143985094819840000e16
const Lg1 = 6.666666666666735130e-1
const Lg2 = 3.999999999940941908e-1
const Lg3 = 2.857142874366239149e-1
const Lg4 = 2.222219843214978396e-1
const Lg5 = 1.818357216161805012e-1
const Lg6 = 1.531383769920937332e-1
const Lg7 = 1.479819860511658591e-1

export const log = (x: number): number => {
  let hx = highWord(x)
  const lx = lowWord(x)
  let k = 0
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity
    if (hx < 0) return Number.NaN
    k -= 54
    x *= two54
    hx = highWord(x)
  }
  if (hx >= 0x7ff00000) return x + x
  k += (hx >> 20) - 1023
  hx &= 0x000fffff
  let i = (hx + 0x95f64) & 0x100000
  x = withHighWord(x, hx | (i ^ 0x3ff00000))
  k += i >> 20
  const f = x - 1.0
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) {
      if (k === 0) return 0
      const dk = k
      return dk * ln2_hi + dk * ln2_lo
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f)
    if (k === 0) return f - R
    const dk = k
    return dk * ln2_hi - (R - dk * ln2_lo - f)
  }
  const s = f / (2.0 + f)
  const dk = k
  const z = s * s
  i = hx - 0x6147a
  const w = z * z
  const j = 0x6b851 - hx
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6))
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)))
  i |= j
  const R = t2 + t1
  if (i > 0) {
    const hfsq = 0.5 * f * f
    if (k === 0) return f - (hfsq - s * (hfsq + R))
    return dk * ln2_hi - (hfsq - (s * (hfsq + R) + dk * ln2_lo) - f)
  }
  if (k === 0) return f - s * (f - R)
  return dk * ln2_hi - (s * (f - R) - dk * ln2_lo - f)
}

// ------------------------------------------------------------------ log10

const ivln10 = 4.34294481903251816668e-1
const log10_2hi = 3.01029995663611771306e-1
const log10_2lo = 3.69423907715893078616e-13

export const log10 = (x: number): number => {
  let hx = highWord(x)
  let lx = lowWord(x)
  let k = 0
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity
    if (hx < 0) return Number.NaN
    k -= 54
    x *= two54
    hx = highWord(x)
    lx = lowWord(x)
  }
  if (hx >= 0x7ff00000) return x + x
  if (hx === 0x3ff00000 && lx === 0) return 0
  k += (hx >> 20) - 1023
  const i = k >>> 31
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20)
  const y = k + i
  x = fromWords(hx, lx)
  const z = y * log10_2lo + ivln10 * log(x)
  return z + y * log10_2hi
}

// ------------------------------------------------------------------ cos

const C1 = 4.16666666666666019037e-2
const C2 = -1.38888888888741095749e-3
const C3 = 2.48015872894767294178e-5
const C4 = -2.75573143513906633035e-7
const C5 = 2.08757232129817482790e-9
const C6 = -1.13596475577881948265e-11

const kernelCos = (x: number, y: number): number => {
  const ix = highWord(x) & 0x7fffffff
  if (ix < 0x3e400000) {
    if (Math.trunc(x) === 0) return 1
  }
  const z = x * x
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))))
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y))
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0)
  const iz = 0.5 * z - qx
  const a = 1 - qx
  return a - (iz - (z * r - x * y))
}

const S1 = -1.66666666666666324348e-1
const S2 = 8.33333333332248946124e-3
const S3 = -1.98412698298579493134e-4
const S4 = 2.75573137070700676789e-6
const S5 = -2.50507602534068634195e-8
const S6 = 1.58969099521155010221e-10

const kernelSin = (x: number, y: number, iy: number): number => {
  const ix = highWord(x) & 0x7fffffff
  if (ix < 0x3e400000) {
    if (Math.trunc(x) === 0) return x
  }
  const z = x * x
  const v = z * x
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))
  if (iy === 0) return x + v * (S1 + z * r)
  return x - (z * (0.5 * y - v * r) - y - v * S1)
}

const npio2_hw = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a, 0x402f6a7a, 0x4031475c,
  0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c,
  0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
]
const invpio2 = 6.36619772367581382433e-1
const pio2_1 = 1.57079632673412561417
const pio2_1t = 6.07710050650619224932e-11
const pio2_2 = 6.07710050630396597660e-11
const pio2_2t = 2.02226624879595063154e-21
const pio2_3 = 2.02226624871116645580e-21
const pio2_3t = 8.47842766036889956997e-32

const reduced = new Float64Array(2)

/**
 * x − n·π/2 as reduced[0] + reduced[1], returning n; for |x| up to 2¹⁹·π/2.
 * Larger arguments return undefined (fdlibm's __kernel_rem_pio2 is not ported).
 */
const remPio2 = (x: number): number | undefined => {
  const hx = highWord(x)
  const ix = hx & 0x7fffffff
  if (ix <= 0x3fe921fb) {
    reduced[0] = x
    reduced[1] = 0
    return 0
  }
  if (ix < 0x4002d97c) {
    if (hx > 0) {
      let z = x - pio2_1
      if (ix !== 0x3ff921fb) {
        reduced[0] = z - pio2_1t
        reduced[1] = z - reduced[0]! - pio2_1t
      } else {
        z -= pio2_2
        reduced[0] = z - pio2_2t
        reduced[1] = z - reduced[0]! - pio2_2t
      }
      return 1
    }
    let z = x + pio2_1
    if (ix !== 0x3ff921fb) {
      reduced[0] = z + pio2_1t
      reduced[1] = z - reduced[0]! + pio2_1t
    } else {
      z += pio2_2
      reduced[0] = z + pio2_2t
      reduced[1] = z - reduced[0]! + pio2_2t
    }
    return -1
  }
  if (ix <= 0x413921fb) {
    let t = Math.abs(x)
    const n = Math.trunc(t * invpio2 + 0.5)
    const fn = n
    let r = t - fn * pio2_1
    let w = fn * pio2_1t
    if (n < 32 && ix !== npio2_hw[n - 1]) {
      reduced[0] = r - w
    } else {
      const j = ix >> 20
      reduced[0] = r - w
      let i = j - ((highWord(reduced[0]!) >> 20) & 0x7ff)
      if (i > 16) {
        t = r
        w = fn * pio2_2
        r = t - w
        w = fn * pio2_2t - (t - r - w)
        reduced[0] = r - w
        i = j - ((highWord(reduced[0]!) >> 20) & 0x7ff)
        if (i > 49) {
          t = r
          w = fn * pio2_3
          r = t - w
          w = fn * pio2_3t - (t - r - w)
          reduced[0] = r - w
        }
      }
    }
    reduced[1] = r - reduced[0]! - w
    if (hx < 0) {
      reduced[0] = -reduced[0]!
      reduced[1] = -reduced[1]!
      return -n
    }
    return n
  }
  return undefined
}

const nativeCos = Math.cos

export const cos = (x: number): number => {
  const ix = highWord(x) & 0x7fffffff
  if (ix <= 0x3fe921fb) return kernelCos(x, 0)
  if (ix >= 0x7ff00000) return x - x
  const n = remPio2(x)
  // |x| > 2^19·π/2: not ported; the engine never asks (it takes cos of 2πu, u in [0, 1))
  if (n === undefined) return nativeCos(x)
  switch (n & 3) {
    case 0:
      return kernelCos(reduced[0]!, reduced[1]!)
    case 1:
      return -kernelSin(reduced[0]!, reduced[1]!, 1)
    case 2:
      return -kernelCos(reduced[0]!, reduced[1]!)
    default:
      return kernelSin(reduced[0]!, reduced[1]!, 1)
  }
}
