import type { Scenario } from "../scenario/schema.js"
import type { StreamFactory } from "../rng/streams.js"
import { fillFrom } from "./sample.js"

/** Auditors, one row each (their audits arrive with the enforcement phase). */
export interface Auditors {
  readonly size: number
  /** USD */
  readonly capital: Float64Array
  /** staked governance tokens */
  readonly stake: Float64Array
  /** probability an audit is done honestly, [0, 1] */
  readonly honesty: Float64Array
  /** audits per epoch at full effort */
  readonly capacity: Float64Array
}

export const createAuditors = (s: Scenario, streams: StreamFactory): Auditors => {
  const n = s.populations.auditors.count
  const auditors: Auditors = {
    size: n,
    capital: new Float64Array(n),
    stake: new Float64Array(n),
    honesty: new Float64Array(n),
    capacity: new Float64Array(n),
  }
  const init = streams("init/auditors")
  fillFrom(auditors.capital, n, s.populations.auditors.capital, init)
  fillFrom(auditors.stake, n, s.populations.auditors.stake, init)
  // own streams, so the draws above are the same as before these columns existed
  fillFrom(auditors.honesty, n, s.populations.auditors.honesty, streams("init/auditors/honesty"))
  fillFrom(auditors.capacity, n, s.populations.auditors.capacity, streams("init/auditors/capacity"))
  return auditors
}
