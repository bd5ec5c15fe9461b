import type { Scenario } from "../scenario/schema.js"
import type { StreamFactory } from "../rng/streams.js"
import { LEVERS, leverNames } from "../policy/levers.js"
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
  /** scratch: this tick's income per agent, USD (the revenue phase's working column) */
  readonly earned: Float64Array
  /** governance only (empty under `regime: none`): probability of taking part in an epoch */
  readonly turnout: Float64Array
  /** governance only: ideal stringency of every lever, citizen-major (agent k, lever l at k·LEVERS + l) */
  readonly ideal: Float64Array
}

export const createCitizens = (s: Scenario, streams: StreamFactory): Citizens => {
  const p = s.populations.citizens
  const n = p.count
  const civic = s.governance.regime === "none" ? 0 : n
  const citizens: Citizens = {
    size: n,
    capital: new Float64Array(n),
    income: new Float64Array(n),
    tokens: new Float64Array(n),
    benefit: new Float64Array(n),
    earned: new Float64Array(n),
    turnout: new Float64Array(civic),
    ideal: new Float64Array(civic * LEVERS),
  }
  const init = streams("init/citizens")
  fillFrom(citizens.income, n, p.income, init, p.peoplePerAgent)
  fillFrom(citizens.capital, n, p.capital, init)
  fillFrom(citizens.tokens, n, p.tokens, init)
  if (civic > 0) {
    // own streams, so the economy's draws are the same with and without governance
    fillFrom(citizens.turnout, n, p.turnout, streams("init/citizens/turnout"))
    const ideals = streams("init/citizens/ideal")
    const column = new Float64Array(n)
    for (let l = 0; l < LEVERS; l++) {
      fillFrom(column, n, p.ideal[leverNames[l]!], ideals)
      for (let k = 0; k < n; k++) citizens.ideal[k * LEVERS + l] = column[k]!
    }
  }
  return citizens
}

/** Float64 columns per citizen: the figure the memory estimate uses. */
export const citizenColumns = 5

/** Float64 columns per citizen that exist only under governance (turnout, ideal points, the phase's scratch). */
export const civicColumns = 1 + LEVERS + 8
