import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pairedDifferences, spread } from "../../sim/experiments/stats.js"
import { ensureBuilt, tempDir } from "../cli/helpers.js"
import { aigovEnv as aigov } from "./cli.js"

const scenario = [
  "name: wtm",
  "ticks: 12",
  "replicates: 5",
  "populations: { citizens: { count: 200 } }",
  "variants:",
  "  gentle: { economy: { winnerTakeMost: 0.5 } }",
  "  steep: { economy: { winnerTakeMost: 3 } }",
  "",
].join("\n")

// the second variant's capital overflows: every run of it breaks the accounts at tick 0
const failing = [
  "name: failing",
  "ticks: 4",
  "replicates: 2",
  "populations: { citizens: { count: 200 } }",
  "variants:",
  "  fine: {}",
  '  "over flow": { populations: { labs: { capital: { kind: constant, value: 1e308 } } } }',
  "",
].join("\n")

let temp: ReturnType<typeof tempDir>
let dir: string
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir({ "wtm.yaml": scenario, "failing.yaml": failing, "other.yaml": scenario.replace("ticks: 12", "ticks: 10") })
  dir = temp.dir
})
afterAll(() => temp?.cleanup())

const csv = (path: string) => {
  const [header, ...rows] = readFileSync(path, "utf8").trimEnd().split("\n")
  const names = header!.split(",")
  return rows.map((row) => Object.fromEntries(row.split(",").map((cell, i) => [names[i]!, cell])))
}

describe("aigov compare", () => {
  it("prints, per headline metric, each variant's median [5%, 95%] and its paired difference to the first variant", () => {
    const out = join(dir, "out")
    const r = aigov(["compare", join(dir, "wtm.yaml"), "--out", out, "--workers", "2", "--quiet"])
    expect(r.stderr).toBe("")
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^runs +2 variants × 5 replicates × 12 ticks = 10 runs \(10 new, 0 already done\), .* runs\/s on 2 workers; peak memory \d+ MB$/m)
    expect(r.stdout).toContain("Δ = paired difference to gentle, replicate by replicate (common random numbers)")
    const lines = r.stdout.split("\n")
    const block = lines.indexOf("capital_hhi")
    expect(lines[block + 1]).toMatch(/^ {2}variant +value +Δ vs gentle +higher$/)
    expect(lines[block + 2]).toMatch(/^ {2}gentle +\S+ \[\S+, \S+\]$/)
    expect(lines[block + 3]).toMatch(/^ {2}steep +\S+ \[\S+, \S+\] +\+\S+ \[\S+, \S+\] +\d\/5$/)
    expect(readdirSync(out).sort()).toEqual(["comparison.csv", "ledger.jsonl", "manifest.json", "results.json", "runs", "summary.csv"])
    expect(r.stdout).toContain(join(out, "results.json"))
  })

  it("computes comparison.csv from the runs in summary.csv: type-7 quantiles over replicates, differences paired by replicate", () => {
    const out = join(dir, "out")
    const runs = csv(join(out, "summary.csv"))
    expect(runs.map((r) => `${r.variant}/${r.replicate}`)).toEqual(["gentle/0", "gentle/1", "gentle/2", "gentle/3", "gentle/4", "steep/0", "steep/1", "steep/2", "steep/3", "steep/4"])
    const values = (variant: string) => runs.filter((r) => r.variant === variant).map((r) => Number(r.capital_hhi))
    const stats = csv(join(out, "comparison.csv")).find((r) => r.variant === "steep" && r.metric === "capital_hhi")!
    const alone = spread(values("steep"))
    const diff = spread(pairedDifferences(values("steep"), values("gentle")))
    expect([stats.median, stats.q05, stats.q95].map(Number)).toEqual([alone.median, alone.low, alone.high])
    expect([stats.diff_median, stats.diff_q05, stats.diff_q95].map(Number)).toEqual([diff.median, diff.low, diff.high])
    expect(stats.diff_n).toBe("5")
  })

  it("keeps no per-run series unless asked; --series names the ones to keep", () => {
    const none = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"))
    expect(none.runs.every((run: { series: object }) => Object.keys(run.series).length === 0)).toBe(true)
    const out = join(dir, "out-series")
    expect(aigov(["compare", join(dir, "wtm.yaml"), "--out", out, "--series", "frontier_capability,capital_hhi", "-q"]).code).toBe(0)
    const kept = JSON.parse(readFileSync(join(out, "results.json"), "utf8"))
    expect(Object.keys(kept.runs[0].series)).toEqual(["capital_hhi", "frontier_capability"])
    expect(kept.runs[0].series.capital_hhi).toHaveLength(12)
    // the engine's hash does not depend on what is kept
    expect(kept.runs.map((r: { hash: string }) => r.hash)).toEqual(none.runs.map((r: { hash: string }) => r.hash))
    expect(readFileSync(join(out, "series.csv"), "utf8").split("\n")).toHaveLength(1 + 10 * 12 * 2 + 1)
  })

  it("reports a failing run with its variant, replicate, seed and the command that reproduces it; the others go on; exit 3", () => {
    const out = join(dir, "out-failing")
    const r = aigov(["compare", join(dir, "failing.yaml"), "--out", out, "--check", "-q"])
    expect(r.code).toBe(3)
    const reproduce = `aigov run ${join(dir, "failing.yaml")} --variant 'over flow' --replicate 1 --check --out ${out}/reproduce`
    expect(r.stderr).toContain("2 of 4 runs failed:\n")
    expect(r.stderr).toMatch(/^ {2}variant "over flow", replicate 1 \(seed 1\): accounting broken at tick 0, phase "\w+", \w+: /m)
    expect(r.stderr).toContain(`    reproduce: ${reproduce}\n`)
    expect(r.stderr).toMatch(/^error: 2 of 4 runs failed$/m)
    // the runs that succeeded are in the outputs, the failures in failures.json
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"))
    expect(results.runs.map((run: { variant: string; replicate: number }) => `${run.variant}/${run.replicate}`)).toEqual(["fine/0", "fine/1"])
    const failures = JSON.parse(readFileSync(join(out, "failures.json"), "utf8")).failures
    expect(failures.map((f: { arm: string; replicate: number; seed: number }) => [f.arm, f.replicate, f.seed])).toEqual([["over flow", 0, 1], ["over flow", 1, 1]])
    expect(failures[1].reproduce).toBe(reproduce)
    // the command, run as printed, fails the same way
    const again = aigov(["run", join(dir, "failing.yaml"), "--variant", "over flow", "--replicate", "1", "--check", "--out", `${out}/reproduce`])
    expect(again.code).toBe(3)
    expect(again.stderr).toMatch(/variant "over flow", replicate 1 failed: accounting broken at tick 0/)
  })

  it("reproduces one run alone with `aigov run --variant --replicate`: the same hash", () => {
    const out = join(dir, "out-one")
    expect(aigov(["run", join(dir, "wtm.yaml"), "--variant", "steep", "--replicate", "3", "--out", out]).code).toBe(0)
    const alone = JSON.parse(readFileSync(join(out, "results.json"), "utf8")).runs
    const all = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8")).runs
    expect(alone).toHaveLength(1)
    expect(alone[0].hash).toBe(all.find((r: { variant: string; replicate: number }) => r.variant === "steep" && r.replicate === 3).hash)
  })

  it("`aigov run` on the worker pool writes the same files as in one thread", () => {
    const [one, three] = ["run-1", "run-3"].map((d) => join(dir, d))
    expect(aigov(["run", join(dir, "wtm.yaml"), "--out", one!, "--workers", "1"]).code).toBe(0)
    expect(aigov(["run", join(dir, "wtm.yaml"), "--out", three!, "--workers", "3"]).code).toBe(0)
    for (const file of ["results.json", "series.csv"]) expect(readFileSync(join(three!, file), "utf8")).toBe(readFileSync(join(one!, file), "utf8"))
  })

  it("refuses an --out directory made by another scenario, touching nothing, unless --force", () => {
    const out = join(dir, "out")
    const before = readFileSync(join(out, "results.json"), "utf8")
    const r = aigov(["compare", join(dir, "other.yaml"), "--out", out, "-q"])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: .*out: holds the runs of another scenario \(hash \w+…, this one \w+…\); use another --out, or --force/)
    expect(readFileSync(join(out, "results.json"), "utf8")).toBe(before)
    writeFileSync(join(dir, "stray"), "")
    const forced = aigov(["compare", join(dir, "other.yaml"), "--out", out, "-q", "--force"])
    expect(forced.code).toBe(0)
    expect(forced.stdout).toMatch(/10 runs \(10 new, 0 already done\)/)
  })

  it("refuses a non-empty directory that is not an experiment's", () => {
    const r = aigov(["compare", join(dir, "wtm.yaml"), "--out", dir, "-q"])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/is not an experiment directory \(no manifest\.json\)/)
  })

  it.each([
    ["--shard 2/2", ["--shard", "2/2"], /--shard 2\/2: i must be below n/],
    ["--shard auto/2 without a cluster", ["--shard", "auto/2"], /neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set/],
    ["an unknown metric", ["--metrics", "frontier"], /unknown metric "frontier"; a run reports: .*frontier_capability/],
    ["--workers 0", ["--workers", "0"], /--workers must be at least 1/],
  ])("exits 2 on %s, writing nothing", (_, extra, message) => {
    const out = join(dir, "out-usage")
    const r = aigov(["compare", join(dir, "wtm.yaml"), "--out", out, ...extra], { JOB_COMPLETION_INDEX: "", SLURM_ARRAY_TASK_ID: "" })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(existsSync(out)).toBe(false)
  })
})
