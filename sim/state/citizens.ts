import type { Scenario } from "../scenario/schema.js"
import type { StreamFactory } from "../rng/streams.js"
import { fillFrom } from "./sample.js"

/** Citizen agents, one row each; each stands for `peoplePerAgent` people. */
export interface Citizens {
  readonly size: number
  /** savings, USD */
  readonly capital: Float64Array
  /** expected income of the agent (all its people), USD per month */
  readonly income: Float64Array
  /** governance tokens */
  readonly tokens: Float64Array
  /** cumulative consumer benefit from AI services, USD-equivalent */
  readonly benefit: Float64Array
  /** scratch: this tick's AI spending per agent, USD */
  readonly spending: Float64Array
}

export const createCitizens = (s: Scenario, streams: StreamFactory): Citizens => {
  const p = s.populations.citizens
  const n = p.count
  const citizens: Citizens = {
    size: n,
    capital: new Float64Array(n),
    income: new Float64Array(n),
    tokens: new Float64Array(n),
    benefit: new Float64Array(n),
    spending: new Float64Array(n),
  }
  const init = streams("init/citizens")
  fillFrom(citizens.income, n, p.income, init, p.peoplePerAgent)
  fillFrom(citizens.capital, n, p.capital, init)
  fillFrom(citizens.tokens, n, p.tokens, init)
  return citizens
}

/** Float64 columns per citizen: the figure the memory estimate uses. */
export const citizenColumns = 5
