import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Ledger } from "../../sim/ledger/chain.js"
import { ledgerText } from "../../sim/ledger/jsonl.js"
import { runOnce } from "../../sim/run.js"
import { loadScenarioText, parseText } from "../../sim/scenario/load.js"
import { knobs, knobValues, nestedOverrides } from "../../viz/src/knobs.js"
import { timelineFromLedger } from "../../viz/src/ledger.js"
import { validateResults } from "../../viz/src/load.js"
import { ViewData } from "../../viz/src/messages.js"
import { simulateRun } from "../../viz/src/simulate.js"
import { buildView } from "../../viz/src/view-data.js"
import { makeResults } from "./support.js"

const governed = `
name: governed
ticks: 24
replicates: 3
populations: { citizens: { count: 300 }, investors: { count: 10 } }
governance: { regime: central }
variants:
  central: {}
  liquid: { governance: { regime: liquid } }
`

const scenarios = (text: string, overrides: Record<string, unknown> = {}) => {
  const loaded = loadScenarioText(text, "test.yaml", { overrides })
  if (Result.isFailure(loaded)) throw new Error(loaded.failure.message)
  return loaded.success
}

describe("the browser's run is the CLI's run", () => {
  it("simulateRun gives runOnce's hash, summary and ledger for every variant and replicate", () => {
    for (const v of scenarios(governed).variants) {
      for (let r = 0; r < 2; r++) {
        const cli = runOnce(v.name, v.scenario, r)
        const browser = simulateRun(v.name, v.scenario, r).result
        expect(browser.hash).toBe(cli.hash)
        expect(browser.summary).toEqual(cli.summary)
        expect(browser.ledger.head).toBe(cli.ledger.head)
      }
    }
  })

  it("and reports the final holdings of every active lab", () => {
    const v = scenarios(governed).variants[0]!
    const { holdings } = simulateRun(v.name, v.scenario, 0)
    expect(holdings.capital).toHaveLength(10)
    expect(holdings.knowledge.every((k) => k > 0)).toBe(true)
  })
})

describe("the economy knobs", () => {
  it("set one nested value and keep everything else the file says", () => {
    const parsed = parseText("name: k\neconomy: { winnerTakeMost: 2, savingsRate: 0.2 }\n")
    if (Result.isFailure(parsed)) throw new Error("parse")
    const overrides = nestedOverrides(parsed.success, { "economy.winnerTakeMost": 3, "risk.baseHazard": 0.05 })
    expect(overrides).toEqual({ economy: { winnerTakeMost: 3, savingsRate: 0.2 }, risk: { baseHazard: 0.05 } })
    const s = scenarios("name: k\neconomy: { winnerTakeMost: 2, savingsRate: 0.2 }\n", overrides).variants[0]!.scenario
    expect(knobValues(s)).toEqual({ "economy.winnerTakeMost": 3, "economy.computeBudgetShare": 0.05, "risk.baseHazard": 0.05 })
    expect(s.economy.savingsRate).toBe(0.2)
  })

  it("every knob names a number in the scenario", () => {
    const s = scenarios("name: k\n").variants[0]!.scenario
    expect(Object.keys(knobValues(s))).toEqual(knobs.map((k) => k.path))
  })
})

describe("the view the worker sends", () => {
  const made = makeResults(governed)
  const loaded = validateResults(made.results, "results.json")
  if (Result.isFailure(loaded)) throw new Error(loaded.failure.message)
  const timeline = timelineFromLedger(made.ledger, ["central", "liquid"])
  const view = buildView(loaded.success, { origin: "file", source: "results.json", timeline })

  it("decodes with the message schema", () => {
    expect(Schema.decodeUnknownExit(ViewData)(view)._tag).toBe("Success")
  })

  it("holds one band per variant for every series, the median of the replicates", () => {
    expect(view.metrics.map((m) => m.metric)).toContain("banzhaf_largest")
    const frontier = view.metrics.find((m) => m.metric === "frontier_capability")!
    expect(frontier.bands).toHaveLength(2)
    const runs = loaded.success.results.runs.filter((r) => r.variant === "liquid")
    const last = runs.map((r) => r.series.frontier_capability!.at(-1)!).sort((a, b) => a - b)
    const band = frontier.bands[1]!
    expect(band.median.at(-1)).toBe(last[1])
    expect(band.month.at(-1)).toBe(24)
  })

  it("has Lorenz curves from the holdings the engine writes", () => {
    expect(view.lorenz.length).toBeGreaterThan(0)
  })

  it("draws the ledger's decisions on the timeline, and verifies it", () => {
    expect(timeline.verified).toBe(true)
    expect(timeline.events.some((e) => e.kind === "decision" && e.passed !== null)).toBe(true)
    expect(new Set(timeline.events.map((e) => e.replicate))).toEqual(new Set([0]))
  })
})

describe("the timeline from an untrusted ledger", () => {
  it("says so when a chain was edited", () => {
    const ledger = new Ledger()
    ledger.append(3, "decision", { proposalId: 1, passed: true })
    ledger.append(5, "decision", { proposalId: 2, passed: false })
    const text = ledgerText([["v/0", ledger.entries]]).replace('"passed":false', '"passed":true')
    const timeline = timelineFromLedger(text, ["v"])
    expect(timeline.verified).toBe(false)
    expect(timeline.note).toContain("does NOT verify")
    expect(timeline.events).toHaveLength(2)
  })

  it("cuts long strings and ignores runs of unknown variants", () => {
    const ledger = new Ledger()
    ledger.append(1, "proposal", { proposalId: "x".repeat(10_000), lever: "<b>computeCap</b>" })
    const text = ledgerText([["v/0", ledger.entries], ["ghost/0", ledger.entries]])
    const timeline = timelineFromLedger(text, ["v"])
    expect(timeline.events).toHaveLength(1)
    expect(timeline.events[0]!.proposal.length).toBeLessThanOrEqual(60)
    expect(timeline.note).toContain("1 run in the ledger names no variant")
  })
})
