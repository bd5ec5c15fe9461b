import { execFileSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runOnce } from "../../sim/run.js"
import { load, scenarioOf } from "../support/scenario.js"

const yaml = `
name: determinism
ticks: 24
replicates: 2
shocks: [{ kind: entrant, tick: 5, capital: 1e9, compute: 5000, safetyShare: 0.05 }]
populations: { citizens: { count: 500 }, investors: { count: 20 } }
`

describe("determinism: a run is a pure function of (scenario, variant, replicate)", () => {
  it("the same run twice in one process gives bit-identical series and the same hash", () => {
    const s = scenarioOf(yaml)
    const a = runOnce("base", s, 0)
    const b = runOnce("base", s, 0)
    expect(a.hash).toBe(b.hash)
    for (const name of Object.keys(a.series)) expect(Buffer.from(a.series[name]!.buffer)).toEqual(Buffer.from(b.series[name]!.buffer))
  })

  it("separate processes give the same hashes as this one", () => {
    const dir = mkdtempSync(join(tmpdir(), "aigov-det-"))
    const file = join(dir, "s.yaml")
    writeFileSync(file, yaml)
    const s = scenarioOf(yaml)
    const here = [runOnce("base", s, 0).hash, runOnce("base", s, 1).hash]
    const tsx = join(process.cwd(), "node_modules", ".bin", "tsx")
    const elsewhere = () => execFileSync(tsx, ["test/support/run-hash.ts", file], { encoding: "utf8" }).trim().split("\n")
    expect(elsewhere()).toEqual(here)
    expect(elsewhere()).toEqual(here)
  })

  it("the hash changes with the seed and with the replicate", () => {
    const s = scenarioOf(yaml)
    const base = runOnce("base", s, 0).hash
    expect(runOnce("base", s, 1).hash).not.toBe(base)
    expect(runOnce("base", { ...s, seed: s.seed + 1 }, 0).hash).not.toBe(base)
  })

  it("the check flag observes and never changes the result", () => {
    const s = scenarioOf(yaml)
    expect(runOnce("base", s, 0, { check: true }).hash).toBe(runOnce("base", s, 0, { check: false }).hash)
  })

  it("with common random numbers, identical variants give identical runs whatever their names", () => {
    const loaded = load(`${yaml}\nvariants:\n  a: {}\n  b: {}\n  steep: { economy: { winnerTakeMost: 3 } }`)
    const [a, b, steep] = loaded.variants.map((v) => runOnce(v.name, v.scenario, 0))
    expect(a!.hash).toBe(b!.hash)
    expect(steep!.hash).not.toBe(a!.hash)
  })

  it("without common random numbers, each variant draws its own streams", () => {
    const loaded = load(`${yaml}\ncommonRandomNumbers: false\nvariants:\n  a: {}\n  b: {}`)
    const [a, b] = loaded.variants.map((v) => runOnce(v.name, v.scenario, 0))
    expect(a!.hash).not.toBe(b!.hash)
  })

  it("adding an entrant in one variant leaves the other labs' incident draws paired", () => {
    const base = "name: crn\nticks: 30\nrisk: { baseHazard: 0.3 }\npopulations: { citizens: { count: 50 } }"
    const loaded = load(`${base}\nvariants:\n  plain: {}\n  entrant: { shocks: [{ kind: entrant, tick: 20, capital: 1, compute: 1, safetyShare: 0 }] }`)
    const [plain, entrant] = loaded.variants.map((v) => runOnce(v.name, v.scenario, 0))
    // identical until the entrant arrives at tick 20
    expect(Array.from(entrant!.series.incidents!.slice(0, 20))).toEqual(Array.from(plain!.series.incidents!.slice(0, 20)))
    expect(entrant!.series.active_labs![20]).toBe(plain!.series.active_labs![20]! + 1)
  })

  it("changing one variant leaves another variant's runs unchanged", () => {
    const before = load(`${yaml}\nvariants:\n  a: {}\n  b: { economy: { winnerTakeMost: 2 } }`)
    const after = load(`${yaml}\nvariants:\n  a: {}\n  b: { economy: { winnerTakeMost: 4 } }`)
    expect(runOnce("a", after.variants[0]!.scenario, 1).hash).toBe(runOnce("a", before.variants[0]!.scenario, 1).hash)
  })
})
