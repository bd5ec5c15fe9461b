import { gini, hhi, nakamotoCoefficient, topKShare } from "../metrics/inequality.js"
import type { Phase, PhaseContext } from "./phase.js"

/**
 * Records the tick's outcome into the series: concentration of capital, compute
 * and knowledge among active labs; frontier and mean capability; incidents and
 * harm; the compute price; totals; citizens' welfare per person.
 */
export const metrics = ({ scenario, state, accounts, series }: PhaseContext): Phase => {
  const { labs, citizens, world } = state
  const m = scenario.metrics
  const active = new Float64Array(labs.size)
  const scratch = new Float64Array(labs.size)
  const families = {
    capital: labs.capital,
    compute: labs.compute,
    capability: labs.knowledge,
  } as const
  const columns = Object.entries(families).map(([family, values]) => ({
    values,
    gini: series.column(`${family}_gini`),
    hhi: series.column(`${family}_hhi`),
    nakamoto: series.column(`${family}_nakamoto`),
    topK: series.column(`${family}_top_k_share`),
  }))
  const frontier = series.column("frontier_capability")
  const meanCapability = series.column("mean_capability")
  const activeLabs = series.column("active_labs")
  const incidents = series.column("incidents")
  const cumulativeIncidents = series.column("cumulative_incidents")
  const cumulativeHarm = series.column("cumulative_harm")
  const computePrice = series.column("compute_price")
  const totalCapital = series.column("total_capital")
  const totalCompute = series.column("total_compute")
  const welfare = series.column("welfare_per_person")
  const people = citizens.size * scenario.populations.citizens.peoplePerAgent
  const initialCapital = accounts.total("capital")
  const initialCompute = accounts.total("compute")

  return {
    name: "metrics",
    step(tick) {
      for (const c of columns) {
        let n = 0
        for (let i = 0; i < labs.size; i++) if (labs.active[i] === 1) active[n++] = c.values[i]!
        c.gini[tick] = gini(active, n, scratch)
        c.hhi[tick] = hhi(active, n)
        c.nakamoto[tick] = nakamotoCoefficient(active, n, scratch)
        c.topK[tick] = topKShare(active, n, m.topK, scratch)
      }
      let best = 0
      let sum = 0
      let n = 0
      for (let i = 0; i < labs.size; i++) {
        if (labs.active[i] !== 1) continue
        const c = labs.capability[i]!
        if (n === 0 || c > best) best = c
        sum += c
        n++
      }
      frontier[tick] = best
      meanCapability[tick] = n > 0 ? sum / n : 0
      activeLabs[tick] = n
      if (world.thresholdTick < 0 && n > 0 && best >= m.capabilityThreshold) world.thresholdTick = tick
      incidents[tick] = world.incidents
      cumulativeIncidents[tick] = world.cumulativeIncidents
      cumulativeHarm[tick] = world.cumulativeHarm
      computePrice[tick] = world.computePrice
      // booked totals (initial + sources − sinks): no pass over a million rows per
      // tick; the accounts check verifies them against the balances when on
      totalCapital[tick] = initialCapital + accounts.netFlow("capital")
      totalCompute[tick] = initialCompute + accounts.netFlow("compute")
      welfare[tick] = (world.cumulativeBenefit - world.cumulativeHarm) / people
    },
  }
}
