import type { Scenario } from "../scenario/schema.js"
import type { StreamFactory } from "../rng/streams.js"
import { fillFrom } from "./sample.js"
import { log10 } from "../math/fdlibm.js"

/**
 * AI labs, one row each. Rows past `count` are reserved for entrants (shocks)
 * and stay inactive, with zero balances, until their entry tick.
 */
export interface Labs {
  readonly size: number
  readonly active: Uint8Array
  /** USD */
  readonly capital: Float64Array
  /** compute fleet, H100e */
  readonly compute: Float64Array
  /** share of the fleet spent on safety, [0, 1] */
  readonly safetyShare: Float64Array
  /** cumulative effective training compute, FLOP */
  readonly knowledge: Float64Array
  /** safety stock, effective FLOP spent on safety (depreciating) */
  readonly safetyStock: Float64Array
  /** log10 of `knowledge`: the capability index */
  readonly capability: Float64Array
  /** revenue this tick, USD */
  readonly revenue: Float64Array
  /** incidents so far */
  readonly incidents: Int32Array
  /** governance tokens */
  readonly tokens: Float64Array
  /** propensity to obey enacted policy, [0, 1] */
  readonly compliance: Float64Array
}

export const labRows = (s: Scenario): number =>
  s.populations.labs.count + s.shocks.filter((shock) => shock.kind === "entrant").length

export const createLabs = (s: Scenario, streams: StreamFactory): Labs => {
  const size = labRows(s)
  const n = s.populations.labs.count
  const p = s.populations.labs
  const labs: Labs = {
    size,
    active: new Uint8Array(size),
    capital: new Float64Array(size),
    compute: new Float64Array(size),
    safetyShare: new Float64Array(size),
    knowledge: new Float64Array(size),
    safetyStock: new Float64Array(size),
    capability: new Float64Array(size),
    revenue: new Float64Array(size),
    incidents: new Int32Array(size),
    tokens: new Float64Array(size),
    compliance: new Float64Array(size),
  }
  const init = streams("init/labs")
  fillFrom(labs.capital, n, p.capital, init)
  fillFrom(labs.compute, n, p.compute, init)
  fillFrom(labs.safetyShare, n, p.safetyShare, init)
  fillFrom(labs.tokens, n, p.tokens, init)
  // its own stream, so runs without governance draw exactly what they drew before
  fillFrom(labs.compliance, n, p.compliance, streams("init/labs/compliance"))
  for (let i = 0; i < n; i++) {
    labs.active[i] = 1
    seedKnowledge(labs, i, s)
  }
  return labs
}

/**
 * A lab starts with `historyTicks` months of training at its initial fleet, at the
 * efficiency of its entry tick (1 at tick 0; an entrant gets today's efficiency).
 */
export const seedKnowledge = (labs: Labs, i: number, s: Scenario, efficiency = 1): void => {
  const monthly = labs.compute[i]! * s.economy.flopPerUnitTick * efficiency
  const history = s.populations.labs.historyTicks
  labs.knowledge[i] = monthly * history * (1 - labs.safetyShare[i]!)
  labs.safetyStock[i] = monthly * history * labs.safetyShare[i]!
  labs.capability[i] = labs.knowledge[i]! > 0 ? log10(labs.knowledge[i]!) : 0
}
