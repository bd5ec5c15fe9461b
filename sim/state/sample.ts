import type { Distribution } from "../scenario/distribution.js"
import { type RandomStream, standardNormal } from "../rng/streams.js"
import { exp, log } from "../math/fdlibm.js"

/** Fills `out[0..n)` with draws from `d` (at initialisation only). */
export const fillFrom = (out: Float64Array, n: number, d: Distribution, stream: RandomStream, scale = 1): void => {
  for (let i = 0; i < n; i++) out[i] = scale * draw(d, i, stream)
}

const draw = (d: Distribution, i: number, stream: RandomStream): number => {
  switch (d.kind) {
    case "constant":
      return d.value
    case "uniform":
      return d.min + (d.max - d.min) * stream.double()
    case "lognormal":
      return d.median * exp(d.sigma * standardNormal(stream))
    case "pareto":
      // inverse CDF: x_m · U^(−1/α), U in (0, 1]
      return d.scale * Math.pow(1 - stream.double(), -1 / d.alpha)
    case "exponential":
      return -d.mean * log(1 - stream.double())
    case "list":
      return d.values[i]!
  }
}
