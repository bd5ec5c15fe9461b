import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ensureBuilt, tempDir } from "../cli/helpers.js"
import { aigovEnv as aigov } from "./cli.js"

const base = "name: tiny\nticks: 6\npopulations: { citizens: { count: 200 } }\n"

const sensitivity = `${base}sweep:
  design: sobol
  samples: 16
  sensitivity: [frontier_capability, capital_hhi]
  parameters:
    economy.winnerTakeMost: { min: 0.5, max: 3 }
    economy.computeBudgetShare: { min: 0.01, max: 0.2, scale: log }
`

const factorial = `${base}replicates: 2
sweep:
  design: factorial
  parameters:
    economy.winnerTakeMost: { values: [0.5, 3] }
    governance.regime: { values: [none, central] }
`

const broken = `${base}sweep:
  design: lhs
  samples: 4
  parameters:
    economy.winerTakeMost: { min: 0, max: 2 }
    economy.winnerTakeMost: { min: 1, max: 12 }
`

let temp: ReturnType<typeof tempDir>
let dir: string
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir({ "sensitivity.yaml": sensitivity, "factorial.yaml": factorial, "broken.yaml": broken })
  dir = temp.dir
})
afterAll(() => temp?.cleanup())

describe("aigov sweep", () => {
  it("refuses a bad parameter path or an out-of-range value by path before any run, exit 1, writing nothing", () => {
    const out = join(dir, "out-broken")
    const r = aigov(["sweep", join(dir, "broken.yaml"), "--out", out])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("")
    expect(r.stderr).toContain(`${join(dir, "broken.yaml")}: 2 problems\n`)
    expect(r.stderr).toMatch(/^ {2}sweep\.parameters\["economy\.winerTakeMost"\]: economy\.winerTakeMost: unknown key "winerTakeMost" \(did you mean "winnerTakeMost"\?\)/m)
    expect(r.stderr).toMatch(/^ {2}sweep\.parameters\["economy\.winnerTakeMost"\]\.max: economy\.winnerTakeMost: .*between 0 and 10, got 12$/m)
    expect(existsSync(out)).toBe(false)
  })

  it("runs every point × replicate of a factorial design, with the parameter values in summary.csv and points.csv", () => {
    const out = join(dir, "out-factorial")
    const r = aigov(["sweep", join(dir, "factorial.yaml"), "--out", out, "-q"])
    expect(r.stderr).toBe("")
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("design    factorial, 2 parameters → 4 points: economy.winnerTakeMost, governance.regime")
    expect(r.stdout).toMatch(/^ {2}p3 +3 +central +\S+ \[/m)
    const summary = readFileSync(join(out, "summary.csv"), "utf8").split("\n")
    expect(summary[0]).toMatch(/^arm,variant,point,economy\.winnerTakeMost,governance\.regime,replicate,seed,/)
    expect(summary.slice(1, 9).map((l) => l.split(",").slice(0, 6).join(","))).toEqual([
      "p0,base,0,0.5,none,0", "p0,base,0,0.5,none,1", "p1,base,1,0.5,central,0", "p1,base,1,0.5,central,1",
      "p2,base,2,3,none,0", "p2,base,2,3,none,1", "p3,base,3,3,central,0", "p3,base,3,3,central,1",
    ])
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"))
    expect(results.scenario.variants.map((v: { name: string }) => v.name)).toEqual(["p0", "p1", "p2", "p3"])
    expect(results.scenario.variants[3].scenario.governance.regime).toBe("central")
  })

  it("reproduces one design point's run alone with `aigov run --point`: the same hash", () => {
    const out = join(dir, "out-point")
    expect(aigov(["run", join(dir, "factorial.yaml"), "--point", "p3", "--replicate", "1", "--out", out]).code).toBe(0)
    const alone = JSON.parse(readFileSync(join(out, "results.json"), "utf8")).runs[0]
    const all = JSON.parse(readFileSync(join(dir, "out-factorial", "results.json"), "utf8")).runs
    expect(alone.variant).toBe("p3")
    expect(alone.hash).toBe(all[7].hash)
  })

  it("computes first-order and total Sobol indices over a Saltelli design when asked", () => {
    const out = join(dir, "out-sensitivity")
    const r = aigov(["sweep", join(dir, "sensitivity.yaml"), "--out", out, "-q"])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("design    sobol (Saltelli), N = 16, 2 parameters → 64 points")
    expect(r.stdout).toMatch(/^capital_hhi\n {2}parameter +S1 +ST\n {2}economy\.winnerTakeMost +-?\d\.\d{3} \[-?\d\.\d{3}, -?\d\.\d{3}\] +\d\.\d{3} \[/m)
    const rows = readFileSync(join(out, "sensitivity.csv"), "utf8").trimEnd().split("\n")
    expect(rows[0]).toBe("variant,metric,parameter,S1,S1_q05,S1_q95,ST,ST_q05,ST_q95")
    expect(rows.slice(1).map((row) => row.split(",").slice(0, 3).join(","))).toEqual([
      "base,frontier_capability,economy.winnerTakeMost",
      "base,frontier_capability,economy.computeBudgetShare",
      "base,capital_hhi,economy.winnerTakeMost",
      "base,capital_hhi,economy.computeBudgetShare",
    ])
    // the Tullock exponent, not the compute budget, drives the concentration of capital
    const hhi = rows.filter((row) => row.startsWith("base,capital_hhi,")).map((row) => Number(row.split(",")[6]))
    expect(hhi[0]).toBeGreaterThan(hhi[1]!)
  })

  it("--dry-run validates every point and prints the design without running anything", () => {
    const out = join(dir, "out-dry")
    const r = aigov(["sweep", join(dir, "sensitivity.yaml"), "--out", out, "--dry-run"])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("every design point is valid:")
    expect(r.stdout).toMatch(/^ {2}p00 {2}economy\.winnerTakeMost=0\.5 {2}economy\.computeBudgetShare=0\.01$/m)
    expect(existsSync(out)).toBe(false)
  })

  it("the bundled sweep scenario is valid at every design point", () => {
    const out = join(dir, "out-bundled-dry")
    const r = aigov(["sweep", "scenarios/sensitivity-sweep.yaml", "--out", out, "--dry-run"])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/sobol \(Saltelli\), N = 128, 4 parameters → 768 points/)
    expect(r.stdout).toContain("every design point is valid:")
  })
})
