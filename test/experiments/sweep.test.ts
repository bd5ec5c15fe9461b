import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { compareExperiment, experimentPlan, sweepExperiment } from "../../sim/experiments/experiment.js"
import { parseSweep } from "../../sim/experiments/sweep.js"
import { loadScenarioText } from "../../sim/scenario/load.js"
import type { Problem } from "../../sim/scenario/problems.js"

const base = "name: s\nticks: 6\npopulations: { citizens: { count: 200 } }\n"

const problemsOf = (text: string): ReadonlyArray<Problem> => {
  const built = sweepExperiment(text, "s.yaml")
  if (Result.isSuccess(built)) throw new Error("expected the sweep to be refused")
  return built.failure.problems
}
const experimentOf = (text: string) => {
  const built = sweepExperiment(text, "s.yaml")
  if (Result.isFailure(built)) throw new Error(built.failure.message)
  return built.success
}

describe("the sweep block", () => {
  it("names every problem of its own by path", () => {
    const { problems } = parseSweep({
      design: "lhs",
      parameters: {
        "economy.winnerTakeMost": { values: [1, 2] },
        "risk.baseHazard": { min: 0.1, max: 0.01 },
        "economy.computeBudgetShare": { min: 0, max: 0.2, scale: "log" },
        "populations.labs.count": { min: 2.5, max: 9, integer: true },
        "name": { min: 0, max: 1 },
        "economy..x": { min: 0, max: 1 },
      },
      sensitivity: true,
    })
    const at = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message)
    expect(at('sweep.parameters["economy.winnerTakeMost"].values')[0]).toMatch(/lhs design samples a range/)
    expect(at('sweep.parameters["economy.winnerTakeMost"].min')[0]).toMatch(/needs the lower end/)
    expect(at('sweep.parameters["risk.baseHazard"].max')[0]).toMatch(/at least min \(0.1\), got 0.01/)
    expect(at('sweep.parameters["economy.computeBudgetShare"].min')[0]).toMatch(/log scale needs a positive range/)
    expect(at('sweep.parameters["populations.labs.count"].min')[0]).toMatch(/whole-number min, got 2.5/)
    expect(at('sweep.parameters["name"]')[0]).toMatch(/cannot be swept/)
    expect(at('sweep.parameters["economy..x"]')[0]).toMatch(/named by its path/)
    expect(at("sweep.samples")[0]).toMatch(/needs the number of samples/)
    expect(at("sweep.sensitivity")[0]).toMatch(/need design: sobol/)
  })

  it("is checked by its schema first: unknown keys and wrong types by path", () => {
    const { problems } = parseSweep({ design: "grid", parameters: { "a.b": { values: [1], step: 2 } } })
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(["sweep.design", 'sweep.parameters["a.b"].step']))
  })
})

describe("sweep experiments", () => {
  it("refuse a bad parameter path (once, with did-you-mean) and an out-of-range value (at its end of the range), before any run", () => {
    const problems = problemsOf(`${base}sweep:\n  design: lhs\n  samples: 4\n  parameters:\n    economy.winerTakeMost: { min: 0, max: 2 }\n    economy.winnerTakeMost: { min: 1, max: 12 }\n`)
    expect(problems).toHaveLength(2)
    expect(problems[0]!.path).toBe('sweep.parameters["economy.winerTakeMost"]')
    expect(problems[0]!.message).toMatch(/^economy\.winerTakeMost: unknown key "winerTakeMost" \(did you mean "winnerTakeMost"\?\)/)
    expect(problems[1]!.path).toBe('sweep.parameters["economy.winnerTakeMost"].max')
    expect(problems[1]!.message).toMatch(/^economy\.winnerTakeMost: .*between 0 and 10, got 12/)
  })

  it("validate every design point with the scenario loader: a combination refused is named with its values", () => {
    const text = `${base.replace("ticks: 6", "ticks: 24")}shocks: [{ kind: compute, tick: 3, target: providers, factor: 0.5 }]\nsweep:\n  design: factorial\n  parameters:\n    ticks: { values: [6, 24] }\n    shocks[0].tick: { values: [3, 12] }\n`
    const problems = problemsOf(text)
    expect(problems).toEqual([{ path: "sweep", message: "point p1 (ticks=6, shocks[0].tick=12): shocks[0].tick: must be before the horizon (ticks = 6), got 12" }])
  })

  it("report the scenario's own problems together with the sweep block's", () => {
    const problems = problemsOf("name: s\nticks: -1\nsweep: { design: factorial, parameters: {} }\n")
    expect(problems.map((p) => p.path)).toEqual(["ticks", "sweep.parameters"])
  })

  it("run every variant at every point, the point's values winning over the variant's own", () => {
    const text = `${base}replicates: 2\nvariants:\n  cautious: { economy: { computeBudgetShare: 0.01, winnerTakeMost: 9 } }\n  bold: { economy: { computeBudgetShare: 0.2 } }\nsweep:\n  design: factorial\n  parameters:\n    economy.winnerTakeMost: { values: [0.5, 3] }\n`
    const experiment = experimentOf(text)
    expect(experiment.arms.map((a) => a.name)).toEqual(["cautious/p0", "cautious/p1", "bold/p0", "bold/p1"])
    expect(experiment.arms.map((a) => a.scenario.economy.winnerTakeMost)).toEqual([0.5, 3, 0.5, 3])
    expect(experiment.arms.map((a) => a.scenario.economy.computeBudgetShare)).toEqual([0.01, 0.01, 0.2, 0.2])
    expect(experiment.parameters).toEqual(["economy.winnerTakeMost"])
    // runs: arms in order, replicates 0..R−1 of each
    expect(experimentPlan(experiment).map((r) => [experiment.arms[r.arm]!.name, r.replicate])).toEqual([
      ["cautious/p0", 0], ["cautious/p0", 1], ["cautious/p1", 0], ["cautious/p1", 1],
      ["bold/p0", 0], ["bold/p0", 1], ["bold/p1", 0], ["bold/p1", 1],
    ])
  })

  it("are a pure function of the file: the same text gives the same arms and hash", () => {
    const text = `${base}sweep:\n  design: lhs\n  samples: 5\n  parameters:\n    economy.winnerTakeMost: { min: 0.5, max: 3 }\n`
    expect(experimentOf(text).hash).toBe(experimentOf(text).hash)
    expect(experimentOf(text.replace("samples: 5", "samples: 6")).hash).not.toBe(experimentOf(text).hash)
  })
})

describe("compare experiments", () => {
  it("are the variants `aigov run` resolves, with the same scenario hash; a sweep block is ignored", () => {
    const text = `${base}variants:\n  a: {}\n  b: { economy: { winnerTakeMost: 3 } }\nsweep: { design: factorial, parameters: { ticks: { values: [1] } } }\n`
    const built = compareExperiment(text, "c.yaml")
    if (Result.isFailure(built)) throw new Error(built.failure.message)
    const loaded = loadScenarioText(text, "c.yaml")
    if (Result.isFailure(loaded)) throw new Error(loaded.failure.message)
    expect(built.success.hash).toBe(loaded.success.hash)
    expect(built.success.arms.map((a) => a.name)).toEqual(["a", "b"])
  })
})
