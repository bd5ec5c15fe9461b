import type { Scenario } from "../scenario/schema.js"
import type { StreamFactory } from "../rng/streams.js"
import { fillFrom } from "./sample.js"

/** Investors, one row each, with their holdings in every lab row (row-major: investor × lab). */
export interface Investors {
  readonly size: number
  /** cash, USD */
  readonly capital: Float64Array
  /** USD invested in each lab (book value), investor-major */
  readonly holdings: Float64Array
  readonly labRows: number
}

export const createInvestors = (s: Scenario, streams: StreamFactory, labRows: number): Investors => {
  const n = s.populations.investors.count
  const investors: Investors = {
    size: n,
    capital: new Float64Array(n),
    holdings: new Float64Array(n * labRows),
    labRows,
  }
  fillFrom(investors.capital, n, s.populations.investors.capital, streams("init/investors"))
  return investors
}
