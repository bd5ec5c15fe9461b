import { readFileSync, readdirSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { AccountingBroken, Accounts } from "../../sim/accounts.js"
import { createSimulation } from "../../sim/engine.js"
import type { Phase } from "../../sim/phases/phase.js"
import { runOnce } from "../../sim/run.js"
import { load, scenarioOf } from "../support/scenario.js"

/** Bundled scenarios, with their horizon and size cut down where a full run would be slow. */
const bundled = readdirSync("scenarios").filter((f) => f.endsWith(".yaml") && f !== "broken.yaml")

const caught = (f: () => void): AccountingBroken => {
  try {
    f()
  } catch (e) {
    if (e instanceof AccountingBroken) return e
    throw e
  }
  throw new Error("expected AccountingBroken")
}

describe("accounting: total(t+1) = total(t) + sources − sinks, every phase of every tick", () => {
  it.each(bundled)("%s balances with the check on in every variant", (file) => {
    const text = readFileSync(`scenarios/${file}`, "utf8")
    const big = file === "scale-1m.yaml"
    const loaded = load(text, big ? { overrides: { ticks: 2 } } : {})
    for (const v of loaded.variants) {
      const run = runOnce(v.name, v.scenario, 0, { check: true })
      expect(run.series.total_capital!.every((x) => Number.isFinite(x) && x >= 0)).toBe(true)
    }
  })

  it("over a whole run the final total is the initial total plus all sources minus all sinks", () => {
    const s = scenarioOf("name: flows\nticks: 36\nshocks: [{ kind: capital, tick: 4, target: investors, factor: 1.5 }]\npopulations: { citizens: { count: 300 } }")
    const sim = createSimulation(s, { variant: "base", replicate: 0, check: true })
    const initial = { capital: sim.accounts.total("capital"), compute: sim.accounts.total("compute") }
    for (let t = 0; t < s.ticks; t++) sim.step()
    for (const asset of ["capital", "compute"] as const) {
      let net = 0
      for (const f of sim.accounts.totals()) if (f.asset === asset) net += f.kind === "source" ? f.total : -f.total
      expect(sim.accounts.total(asset) / (initial[asset] + net)).toBeCloseTo(1, 9)
    }
  })

  it("money created outside the accounts is caught, naming the tick, phase and asset", () => {
    const sim = createSimulation(scenarioOf("name: leak\nticks: 10\npopulations: { citizens: { count: 50 } }"), {
      variant: "base",
      replicate: 0,
      check: true,
    })
    const market = sim.phases.find((p) => p.name === "market")! as { step: Phase["step"] }
    const honest = market.step.bind(market)
    market.step = (tick) => {
      honest(tick)
      if (tick === 3) sim.state.labs.capital[0]! += 1e6
    }
    const error = caught(() => {
      for (let t = 0; t < 10; t++) sim.step()
    })
    expect(error).toMatchObject({ tick: 3, phase: "market", asset: "capital" })
    expect(error.message).toContain("tick 3")
  })

  it("a NaN written into the state is caught at the phase that wrote it", () => {
    const sim = createSimulation(scenarioOf("name: nan\nticks: 5\npopulations: { citizens: { count: 5 } }"), {
      variant: "base",
      replicate: 0,
      check: true,
    })
    const training = sim.phases.find((p) => p.name === "training")! as { step: Phase["step"] }
    training.step = () => {
      sim.state.labs.knowledge[1] = Number.NaN
    }
    expect(caught(() => sim.step())).toMatchObject({ tick: 0, phase: "training", asset: "labs.knowledge" })
  })

  it("a transfer larger than the balance is an overdraft, and bad amounts are refused", () => {
    const accounts = new Accounts(true)
    const a = new Float64Array([5])
    const b = new Float64Array([0])
    accounts.register("capital", a)
    accounts.register("capital", b)
    accounts.beginPhase(7, "test")
    expect(caught(() => accounts.transfer("capital", a, 0, b, 0, 6)).detail).toMatch(/overdraft/)
    expect(caught(() => accounts.transfer("capital", a, 0, b, 0, -1)).detail).toMatch(/invalid amount -1/)
    expect(caught(() => accounts.transfer("capital", a, 0, b, 0, Number.NaN)).detail).toMatch(/invalid amount NaN/)
    accounts.transfer("capital", a, 0, b, 0, 5)
    accounts.endPhase()
    expect([a[0], b[0]]).toEqual([0, 5])
  })

  it("a mint is a source and a burn is a sink: the check balances them, and a silent burn fails it", () => {
    const accounts = new Accounts(true)
    const a = new Float64Array([10])
    accounts.register("tokens", a)
    const minted = accounts.source("tokens", "issuance")
    const burned = accounts.sink("tokens", "burn")
    accounts.beginPhase(0, "p")
    accounts.mint(minted, a, 0, 4)
    accounts.burn(burned, a, 0, 1)
    accounts.endPhase()
    expect(a[0]).toBe(13)
    accounts.beginPhase(1, "q")
    a[0] = 12
    expect(caught(() => accounts.endPhase())).toMatchObject({ tick: 1, phase: "q", asset: "tokens" })
  })
})
