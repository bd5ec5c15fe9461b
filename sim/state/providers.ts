import type { Scenario } from "../scenario/schema.js"
import type { StreamFactory } from "../rng/streams.js"
import { fillFrom } from "./sample.js"

/** Compute providers (chip makers and clouds), one row each. */
export interface Providers {
  readonly size: number
  /** production capacity, H100e per month */
  readonly capacity: Float64Array
  /** USD */
  readonly capital: Float64Array
  /** production cost, USD per H100e */
  readonly unitCost: Float64Array
  /** H100e sold this tick */
  readonly sold: Float64Array
  /** capacity on order: ring buffer of `lag` slots per provider, H100e per month arriving at tick t */
  readonly pipeline: Float64Array
  readonly lag: number
  /** provider indices by ascending unit cost (the merit order; costs are fixed) */
  readonly meritOrder: Int32Array
}

export const createProviders = (s: Scenario, streams: StreamFactory): Providers => {
  const p = s.populations.providers
  const n = p.count
  const lag = s.economy.capacityLag
  const providers: Providers = {
    size: n,
    capacity: new Float64Array(n),
    capital: new Float64Array(n),
    unitCost: new Float64Array(n),
    sold: new Float64Array(n),
    pipeline: new Float64Array(n * Math.max(1, lag)),
    lag,
    meritOrder: new Int32Array(n),
  }
  const init = streams("init/providers")
  fillFrom(providers.capacity, n, p.capacity, init)
  fillFrom(providers.capital, n, p.capital, init)
  fillFrom(providers.unitCost, n, p.unitCost, init)
  const order = Array.from({ length: n }, (_, i) => i)
  // ties broken by index so the order is a pure function of the costs
  order.sort((a, b) => providers.unitCost[a]! - providers.unitCost[b]! || a - b)
  providers.meritOrder.set(order)
  return providers
}
