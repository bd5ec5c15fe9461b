import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { ScenarioFile, Scenario } from "../../sim/scenario/schema.js"
import { load, problemsOf, scenarioOf } from "../support/scenario.js"

const paths = (text: string, options?: Parameters<typeof problemsOf>[1]) => problemsOf(text, options).map((p) => p.path)

describe("scenario defaults", () => {
  it("a file with only a name gets every default", () => {
    const s = scenarioOf("name: minimal")
    expect(s.ticks).toBe(120)
    expect(s.seed).toBe(1)
    expect(s.replicates).toBe(1)
    expect(s.commonRandomNumbers).toBe(true)
    expect(s.populations.labs.count).toBe(10)
    expect(s.populations.labs.capital).toEqual({ kind: "lognormal", median: 2e9, sigma: 1.2 })
    expect(s.economy.depreciation).toBeCloseTo(1 / 48, 15)
    expect(s.governance.regime).toBe("none")
    expect(s.phases).toEqual(["shocks", "market", "training", "revenue", "investment", "risk", "governance", "enforcement", "metrics"])
  })

  it("a nested key given overrides only that key", () => {
    const s = scenarioOf("name: x\neconomy: { winnerTakeMost: 3 }\npopulations: { citizens: { count: 7 } }")
    expect(s.economy.winnerTakeMost).toBe(3)
    expect(s.economy.depreciation).toBeCloseTo(1 / 48, 15)
    expect(s.populations.citizens.count).toBe(7)
    expect(s.populations.citizens.peoplePerAgent).toBe(30_000)
  })

  it("JSON is accepted as well as YAML", () => {
    expect(scenarioOf('{"name": "j", "ticks": 5}').ticks).toBe(5)
  })

  it("decode → encode → decode of a resolved scenario is the identity", () => {
    const s = scenarioOf("name: x\nshocks: [{ kind: entrant, tick: 3, capital: 1e9, compute: 100, safetyShare: 0.1 }]")
    const encoded = Schema.encodeSync(Scenario)(s)
    expect(Schema.decodeUnknownSync(Scenario)(encoded)).toEqual(s)
  })

  it("the JSON Schema carries descriptions and bounds of the fields", () => {
    const doc = Schema.toJsonSchemaDocument(ScenarioFile)
    const text = JSON.stringify(doc)
    expect(text).toContain("share of a lab's capital spent on compute each month")
    expect(text).toContain('"maximum":1')
  })
})

describe("scenario problems, every one at once, by path", () => {
  it("names unknown keys with a did-you-mean", () => {
    const problems = problemsOf("name: x\nreplicats: 3\neconomy: { winerTakeMost: 2 }")
    expect(problems).toContainEqual(expect.objectContaining({ path: "replicats", message: expect.stringContaining('did you mean "replicates"') }))
    expect(problems).toContainEqual(
      expect.objectContaining({ path: "economy.winerTakeMost", message: expect.stringContaining('did you mean "winnerTakeMost"') }),
    )
  })

  it("reports out-of-range values and wrong types with the value given", () => {
    const problems = problemsOf("name: x\neconomy: { depreciation: 1.5 }\nticks: many\npopulations: { labs: { count: 2.5 } }")
    expect(problems.map((p) => p.path).sort()).toEqual(["economy.depreciation", "populations.labs.count", "ticks"])
    const depreciation = problems.find((p) => p.path === "economy.depreciation")!
    expect(depreciation.message).toContain("between 0 and 1")
    expect(depreciation.message).toContain("1.5")
  })

  it("requires a name", () => {
    expect(paths("ticks: 3")).toEqual(["name"])
  })

  it("checks distribution fields inside a tagged union", () => {
    expect(paths("name: x\npopulations: { labs: { capital: { kind: lognormal, median: -1, sigma: 1, mu: 2 } } }").sort()).toEqual([
      "populations.labs.capital.median",
      "populations.labs.capital.mu",
    ])
    const typo = problemsOf("name: x\npopulations: { labs: { capital: { kind: lognormal, median: 1, sigam: 1 } } }")
    expect(typo).toContainEqual(expect.objectContaining({ path: "populations.labs.capital.sigam", message: expect.stringContaining('"sigma"') }))
  })

  it("refuses a distribution whose values leave the field's range", () => {
    const problems = problemsOf("name: x\npopulations: { labs: { safetyShare: { kind: uniform, min: 0.5, max: 2 } } }")
    expect(problems).toEqual([
      { path: "populations.labs.safetyShare", message: expect.stringContaining("between 0 and 1") },
    ])
  })

  it("refuses a list whose length is not the count", () => {
    expect(paths("name: x\npopulations: { labs: { count: 3, capital: { kind: list, values: [1, 2] } } }")).toEqual([
      "populations.labs.capital.values",
    ])
  })

  it("refuses a shock after the horizon and a repeated phase", () => {
    expect(
      paths("name: x\nticks: 10\nshocks: [{ kind: capital, tick: 10, target: labs, factor: 2 }]\nphases: [market, market, metrics]").sort(),
    ).toEqual(["phases[1]", "shocks[0].tick"])
  })

  it("reports YAML syntax errors with line and column", () => {
    const problems = problemsOf("name: x\neconomy:\n  depreciation: [1, 2\n")
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]!.message).toMatch(/line \d+, column \d+/)
  })

  it("refuses a scenario that would not fit in memory, with the estimate", () => {
    const problems = problemsOf("name: x\npopulations: { citizens: { count: 100000000 } }", { maxRunBytes: 1e9 })
    expect(problems).toHaveLength(1)
    expect(problems[0]!.path).toBe("populations")
    expect(problems[0]!.message).toMatch(/about 3\.7 GiB/)
  })

  it("reports problems the schema cannot see alongside the schema's own", () => {
    const problems = problemsOf(
      "name: x\nticks: 10\nreplicats: 2\neconomy: { depreciation: 7 }\nshocks: [{ kind: capital, tick: 12, target: labs, factor: 2 }]",
    )
    expect(problems.map((p) => p.path).sort()).toEqual(["economy.depreciation", "replicats", "shocks[0].tick"])
  })

  it("names problems inside a variant by the variant's path", () => {
    const problems = problemsOf("name: x\nvariants:\n  good: {}\n  bad: { economy: { depreciation: 2, bogus: 1 } }")
    expect(problems.map((p) => p.path).sort()).toEqual(["variants.bad.economy.bogus", "variants.bad.economy.depreciation"])
  })
})

describe("variants", () => {
  it("deep-merge over the base; only the variants run when any are named", () => {
    const loaded = load("name: x\neconomy: { winnerTakeMost: 2, depreciation: 0.1 }\nvariants:\n  base: {}\n  steep: { economy: { winnerTakeMost: 4 } }")
    expect(loaded.variants.map((v) => v.name)).toEqual(["base", "steep"])
    expect(loaded.variants[1]!.scenario.economy.winnerTakeMost).toBe(4)
    expect(loaded.variants[1]!.scenario.economy.depreciation).toBe(0.1)
    expect(loaded.variants[0]!.scenario.economy.winnerTakeMost).toBe(2)
  })

  it("overrides from the command line replace top-level values before validation", () => {
    const loaded = load("name: x\nticks: 10\nreplicates: 2", { overrides: { ticks: 4, replicates: 5 } })
    expect(loaded.variants[0]!.scenario.ticks).toBe(4)
    expect(loaded.variants[0]!.scenario.replicates).toBe(5)
  })

  it("command-line overrides win over a variant's own value", () => {
    const loaded = load("name: x\nticks: 10\nvariants:\n  long: { ticks: 100 }\n  short: {}", { overrides: { ticks: 4 } })
    expect(loaded.variants.map((v) => v.scenario.ticks)).toEqual([4, 4])
  })

  it("the scenario hash changes with any resolved value and not with formatting", () => {
    const a = load("name: x\nticks: 10")
    const b = load("# a comment\nticks: 10\nname:   x\n")
    const c = load("name: x\nticks: 11")
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(b.hash).toBe(a.hash)
    expect(c.hash).not.toBe(a.hash)
  })
})
