import { describe, expect, it } from "vitest"
import { createSimulation } from "../../sim/engine.js"
import { runOnce } from "../../sim/run.js"
import { scenarioOf } from "../support/scenario.js"

const simulate = (yaml: string, ticks = 1) => {
  const sim = createSimulation(scenarioOf(yaml), { variant: "base", replicate: 0, check: true })
  for (let t = 0; t < ticks; t++) sim.step()
  return sim
}

const oneLab = (capital: number, budgetShare: number) => `
name: market
ticks: 1
phases: [market, metrics]
economy: { computeBudgetShare: ${budgetShare}, capacityLag: 0, reinvestShare: 0 }
populations:
  labs: { count: 1, capital: { kind: constant, value: ${capital} }, compute: { kind: constant, value: 0 } }
  providers:
    count: 2
    unitCost: { kind: list, values: [10, 20] }
    capacity: { kind: list, values: [100, 50] }
    capital: { kind: constant, value: 0 }
  investors: { count: 0 }
  citizens: { count: 1 }
`

describe("compute market: merit-order clearing with unit-elastic demand", () => {
  // Budget B = share · capital; the price p solves B/p = S(p) on the step supply curve
  // (cost 10 for 100 units, cost 20 for 50 more).
  it.each([
    { budget: 500, price: 10, units: 50 }, // B/10 = 50 < 100: the cheap provider sets the price
    { budget: 1500, price: 15, units: 100 }, // B/10 > 100 but B/20 < 100: p = B/100, between the costs
    { budget: 2400, price: 20, units: 120 }, // B/20 = 120 ≤ 150: the dear provider is marginal
    { budget: 6000, price: 40, units: 150 }, // B/20 > 150: scarcity, p = B/150
  ])("budget $budget clears at price $price for $units units", ({ budget, price, units }) => {
    const sim = simulate(oneLab(budget * 10, 0.1))
    expect(sim.state.world.computePrice).toBeCloseTo(price, 10)
    expect(sim.state.labs.compute[0]).toBeCloseTo(units, 9)
    // the lab paid its whole budget; providers paid their unit cost per unit sold
    expect(sim.state.labs.capital[0]).toBeCloseTo(budget * 9, 6)
    const sold = sim.state.providers.sold
    const providerCapital = sim.state.providers.capital
    expect(providerCapital[0]! + providerCapital[1]!).toBeCloseTo(budget - 10 * sold[0]! - 20 * sold[1]!, 6)
  })

  it("a supply too small to price (scarcity price overflows) trades nothing instead of breaking the accounts", () => {
    const yaml = oneLab(1e10, 0.1).replace("values: [100, 50]", "values: [5e-324, 0]").replace("values: [10, 20]", "values: [0, 0]")
    const sim = simulate(yaml)
    expect(sim.state.labs.compute[0]).toBe(0)
    expect(sim.state.labs.capital[0]).toBe(1e10)
  })

  it("capacity ordered with a lag arrives exactly `lag` ticks later", () => {
    const yaml = oneLab(60_000, 0.1).replace("capacityLag: 0, reinvestShare: 0", "capacityLag: 3, reinvestShare: 1, capexPerUnit: 1")
    const sim = createSimulation(scenarioOf(yaml.replace("ticks: 1", "ticks: 5")), { variant: "base", replicate: 0, check: true })
    const capacities: number[] = []
    for (let t = 0; t < 5; t++) {
      sim.step()
      capacities.push(sim.state.providers.capacity[0]! + sim.state.providers.capacity[1]!)
    }
    // scarcity at tick 0: both providers profit and order capacity, which is online from tick 3
    expect(capacities[0]).toBe(150)
    expect(capacities[1]).toBe(150)
    expect(capacities[2]).toBe(150)
    expect(capacities[3]).toBeGreaterThan(150)
  })
})

describe("training: capability grows with effective compute", () => {
  it("the knowledge stock follows K(T) = K0 + (1−s)·F·flop·Σ g^t", () => {
    const F = 1000
    const s = 0.1
    const flop = 1e21
    const growth = 1.01 * 1.05
    const sim = simulate(
      `
name: training
ticks: 6
phases: [training, metrics]
economy: { depreciation: 0, flopPerUnitTick: ${flop}, hardwareEfficiencyGrowth: 0.01, algorithmicEfficiencyGrowth: 0.05 }
populations:
  labs: { count: 1, historyTicks: 12, compute: { kind: constant, value: ${F} }, safetyShare: { kind: constant, value: ${s} } }
  investors: { count: 0 }
  citizens: { count: 1 }
`,
      6,
    )
    let expected = F * flop * 12 * (1 - s)
    for (let t = 0; t < 6; t++) expected += (1 - s) * F * flop * Math.pow(growth, t)
    expect(sim.state.labs.knowledge[0]! / expected).toBeCloseTo(1, 12)
    expect(sim.state.labs.capability[0]).toBeCloseTo(Math.log10(expected), 12)
    expect(sim.series.column("frontier_capability")[5]).toBeCloseTo(Math.log10(expected), 12)
  })

  it("fleets depreciate geometrically", () => {
    const sim = simulate(
      "name: d\nticks: 10\nphases: [training, metrics]\neconomy: { depreciation: 0.1 }\npopulations: { labs: { count: 1, compute: { kind: constant, value: 1000 } }, citizens: { count: 1 } }",
      10,
    )
    expect(sim.state.labs.compute[0]).toBeCloseTo(1000 * 0.9 ** 10, 9)
  })
})

describe("revenue: a Tullock contest on knowledge", () => {
  it("market shares are K_i^γ / Σ K_j^γ and all AI spending reaches the labs", () => {
    const gamma = 2
    const sim = simulate(`
name: revenue
ticks: 1
phases: [revenue, metrics]
economy: { winnerTakeMost: ${gamma}, incomeVolatility: 0, aiSpendShare: 0.1, savingsRate: 0.2 }
populations:
  labs: { count: 3, compute: { kind: list, values: [1, 2, 4] }, safetyShare: { kind: constant, value: 0 } }
  citizens: { count: 4, peoplePerAgent: 1, income: { kind: constant, value: 1000 } }
`)
    const labs = sim.state.labs
    const totalSpend = 4 * 1000 * 0.1
    const weights = [1, 2, 4].map((k) => k ** gamma)
    const sum = weights.reduce((a, b) => a + b, 0)
    for (let i = 0; i < 3; i++) expect(labs.revenue[i]).toBeCloseTo((totalSpend * weights[i]!) / sum, 9)
    // citizens kept their savings: income − consumption − AI spending
    expect(sim.state.citizens.capital[0]).toBeCloseTo(1000 * 0.2, 9)
    expect(sim.state.world.serviceEscrow[0]).toBe(0)
  })
})

describe("risk: incidents", () => {
  it("no hazard, no incidents", () => {
    const run = runOnce("base", scenarioOf("name: r\nticks: 60\nrisk: { baseHazard: 0 }\npopulations: { citizens: { count: 10 } }"), 0, { check: true })
    expect(run.summary.cumulative_incidents).toBe(0)
    expect(run.summary.cumulative_harm).toBe(0)
  })

  it("incident frequency matches 1 − exp(−h) when hazard does not depend on capability or safety", () => {
    const h = 0.3
    const labs = 200
    const ticks = 50
    const run = runOnce(
      "base",
      scenarioOf(
        `name: r\nticks: ${ticks}\nphases: [risk, metrics]\nrisk: { baseHazard: ${h}, capabilityElasticity: 0, safetyEffect: 0, incidentCapitalLoss: 0 }\npopulations: { labs: { count: ${labs} }, citizens: { count: 1 } }`,
      ),
      0,
      { check: true },
    )
    const p = 1 - Math.exp(-h)
    const trials = labs * ticks
    const standardError = Math.sqrt(p * (1 - p) * trials)
    expect(Math.abs(run.summary.cumulative_incidents! - p * trials)).toBeLessThan(4 * standardError)
  })

  it("safety lowers the incident rate, other things equal (same random numbers)", () => {
    const base = "name: r\nticks: 60\nrisk: { capabilityElasticity: 0, baseHazard: 0.05 }\npopulations: { labs: { count: 50, safetyShare: { kind: constant, value: SHARE } }, citizens: { count: 10 } }"
    const low = runOnce("base", scenarioOf(base.replace("SHARE", "0")), 0, { check: true })
    const high = runOnce("base", scenarioOf(base.replace("SHARE", "0.2")), 0, { check: true })
    expect(high.summary.cumulative_incidents!).toBeLessThan(low.summary.cumulative_incidents!)
  })
})

describe("investment and shocks", () => {
  it("investors' holdings equal what they put in, and the lab received it", () => {
    const sim = simulate(`
name: inv
ticks: 1
phases: [investment, metrics]
economy: { investShare: 0.1 }
populations:
  labs: { count: 1, capital: { kind: constant, value: 1000 } }
  investors: { count: 2, capital: { kind: list, values: [100, 300] } }
  citizens: { count: 1 }
`)
    const inv = sim.state.investors
    expect(Array.from(inv.holdings)).toEqual([10, 30])
    expect(Array.from(inv.capital)).toEqual([90, 270])
    expect(sim.state.labs.capital[0]).toBe(1040)
  })

  it("a capital shock scales balances at its tick and is tallied as a source or sink", () => {
    const run = runOnce(
      "base",
      scenarioOf(`
name: shock
ticks: 3
phases: [shocks, metrics]
shocks: [{ kind: capital, tick: 1, target: labs, factor: 0.5 }, { kind: entrant, tick: 2, capital: 7, compute: 3, safetyShare: 0.5 }]
populations:
  labs: { count: 2, capital: { kind: constant, value: 100 } }
  providers: { capital: { kind: constant, value: 0 } }
  investors: { count: 0 }
  citizens: { count: 1 }
  auditors: { count: 0 }
`),
      0,
      { check: true },
    )
    expect(Array.from(run.series.total_capital!)).toEqual([200, 100, 107])
    expect(Array.from(run.series.active_labs!)).toEqual([2, 2, 3])
    const flow = (kind: string, name: string) => run.flows.find((f) => f.asset === "capital" && f.kind === kind && f.name === name)!.total
    expect(flow("sink", "shock")).toBe(100)
    expect(flow("source", "entrant")).toBe(7)
  })
})
