import { Schema } from "effect"
import { number } from "./fields.js"
import { exp } from "../math/fdlibm.js"

/**
 * Initial distributions of an agent attribute. Tagged by `kind` so a file reads
 * `{ kind: lognormal, median: 2e9, sigma: 1.2 }`.
 */
export const Constant = Schema.Struct({
  kind: Schema.Literal("constant"),
  value: number({ description: "every agent gets this value" }),
})
export const Uniform = Schema.Struct({
  kind: Schema.Literal("uniform"),
  min: number({ description: "lower bound (inclusive)" }),
  max: number({ description: "upper bound (exclusive)" }),
})
export const LogNormal = Schema.Struct({
  kind: Schema.Literal("lognormal"),
  median: number({ min: 0, exclusiveMin: true, description: "median, exp(mu)" }),
  sigma: number({ min: 0, max: 10, description: "standard deviation of the log" }),
})
export const Pareto = Schema.Struct({
  kind: Schema.Literal("pareto"),
  scale: number({ min: 0, exclusiveMin: true, description: "minimum value x_m" }),
  alpha: number({ min: 0, exclusiveMin: true, max: 100, description: "tail index; smaller is heavier-tailed" }),
})
export const Exponential = Schema.Struct({
  kind: Schema.Literal("exponential"),
  mean: number({ min: 0, exclusiveMin: true, description: "mean, 1/rate" }),
})
export const List = Schema.Struct({
  kind: Schema.Literal("list"),
  values: Schema.Array(number({ description: "one value per agent, in order" })),
})

export const Distribution = Schema.Union([Constant, Uniform, LogNormal, Pareto, Exponential, List]).annotate({
  description: "an initial distribution: constant, uniform, lognormal, pareto, exponential or an explicit list",
})
export type Distribution = typeof Distribution.Type

/** The smallest and largest value a distribution can produce. */
export const support = (d: Distribution): readonly [number, number] => {
  switch (d.kind) {
    case "constant":
      return [d.value, d.value]
    case "uniform":
      return [d.min, d.max]
    case "lognormal":
      return d.sigma === 0 ? [d.median, d.median] : [0, Infinity]
    case "pareto":
      return [d.scale, Infinity]
    case "exponential":
      return [0, Infinity]
    case "list": {
      let lo = Infinity
      let hi = -Infinity
      for (const v of d.values) {
        if (v < lo) lo = v
        if (v > hi) hi = v
      }
      return d.values.length === 0 ? [0, 0] : [lo, hi]
    }
  }
}

/** The expected value (used for size estimates and the docs, never inside a tick). */
export const mean = (d: Distribution): number => {
  switch (d.kind) {
    case "constant":
      return d.value
    case "uniform":
      return (d.min + d.max) / 2
    case "lognormal":
      return d.median * exp((d.sigma * d.sigma) / 2)
    case "pareto":
      return d.alpha > 1 ? (d.alpha * d.scale) / (d.alpha - 1) : Infinity
    case "exponential":
      return d.mean
    case "list":
      return d.values.length === 0 ? 0 : d.values.reduce((a, b) => a + b, 0) / d.values.length
  }
}
