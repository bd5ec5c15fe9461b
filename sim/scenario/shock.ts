import { Schema } from "effect"
import { number } from "./fields.js"

const tick = number({ min: 0, int: true, description: "the tick at whose start the shock applies" })

/** Compute supply shock: providers' production capacity (or labs' fleets) scaled by `factor`. */
export const ComputeShock = Schema.Struct({
  kind: Schema.Literal("compute"),
  tick,
  target: Schema.Literals(["providers", "labs"]).annotate({ description: "whose compute is hit" }),
  factor: number({ min: 0, max: 100, description: "multiplier on capacity (providers) or fleets (labs)" }),
})

/** Capital shock: every agent of a population has its capital scaled by `factor`. */
export const CapitalShock = Schema.Struct({
  kind: Schema.Literal("capital"),
  tick,
  target: Schema.Literals(["labs", "providers", "investors", "citizens"]),
  factor: number({ min: 0, max: 100, description: "multiplier on capital" }),
})

/** A new lab enters with the given capital, fleet and safety share. */
export const NewEntrantShock = Schema.Struct({
  kind: Schema.Literal("entrant"),
  tick,
  capital: number({ min: 0, description: "USD" }),
  compute: number({ min: 0, description: "H100e" }),
  safetyShare: number({ min: 0, max: 1, description: "share of compute spent on safety" }),
})

export const Shock = Schema.Union([ComputeShock, CapitalShock, NewEntrantShock])
export type Shock = typeof Shock.Type
