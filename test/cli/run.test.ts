import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Results } from "../../sim/results/schema.js"
import { aigov, bundle, ensureBuilt, node, smallScenario, tempDir, variantsScenario } from "./helpers.js"

const decodeResults = Schema.decodeUnknownSync(Results)
const readResults = (dir: string) => decodeResults(JSON.parse(readFileSync(join(dir, "results.json"), "utf8")))
const readCsv = (dir: string) => readFileSync(join(dir, "series.csv"), "utf8").split("\n")

const broken = [
  "name: broken",
  "ticks: 12",
  "seed: twelve", // wrong type
  "populations:",
  "  citizens: { cuont: 200 }", // unknown key, a typo
  "economy: { depreciation: 1.5 }", // out of range
  "",
].join("\n")

let temp: ReturnType<typeof tempDir>
let dir: string
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir({
    "small.yaml": smallScenario,
    "variants.yaml": variantsScenario,
    "small.json": JSON.stringify({ name: "small-json", ticks: 6, populations: { citizens: { count: 200 } } }),
    "broken.yaml": broken,
    "quoted.yaml": `${smallScenario}variants:\n  "cap, then tax": {}\n  'the "open" lab': {}\n`,
    "long.yaml": "name: long\nticks: 120\nreplicates: 25\n",
    "syntax.yaml": "name: t\nticks: [12\npopulations: { citizens: { count: 200 }\n",
    // an overflowing capital: the accounts see an infinite amount at tick 0
    "overflow.yaml": "name: overflow\nticks: 3\npopulations: { labs: { capital: { kind: constant, value: 1e308 } }, citizens: { count: 200 } }\n",
  })
  dir = temp.dir
})
afterAll(() => temp?.cleanup())

describe("aigov run", () => {
  it("runs every variant × replicate in file order and writes results.json that decodes with the Results schema", () => {
    const out = join(dir, "out-variants")
    const r = aigov(["run", join(dir, "variants.yaml"), "--out", out])
    expect(r.stderr).toBe("")
    expect(r.code).toBe(0)
    const results = readResults(out)
    expect(results.scenario.name).toBe("two-regimes")
    expect(results.scenario.variants.map((v) => v.name)).toEqual(["cautious", "bold"])
    expect(results.runs.map((run) => [run.variant, run.replicate])).toEqual([
      ["cautious", 0],
      ["cautious", 1],
      ["bold", 0],
      ["bold", 1],
    ])
    for (const run of results.runs) {
      for (const values of Object.values(run.series)) expect(values).toHaveLength(12)
    }
    expect(readdirSync(out).sort()).toEqual(["ledger.jsonl", "results.json", "series.csv"])
  })

  it("writes series.csv in long format: one row per variant × replicate × tick × metric, tick 1-based, full precision", () => {
    const out = join(dir, "out-variants")
    const results = readResults(out)
    const lines = readCsv(out)
    expect(lines[0]).toBe("variant,replicate,tick,metric,value")
    expect(lines.at(-1)).toBe("") // the file ends with a newline
    const rows = lines.slice(1, -1).map((l) => l.split(","))
    const metrics = Object.keys(results.runs[0]!.series).sort()
    expect(metrics).toContain("frontier_capability")
    expect(rows).toHaveLength(2 * 2 * 12 * metrics.length)
    // every value is the results.json value at index tick − 1, printed so it parses back to the same double
    const byKey = new Map(rows.map(([v, r, t, m, value]) => [`${v}/${r}/${t}/${m}`, value]))
    for (const run of results.runs) {
      for (const metric of metrics) {
        const series = run.series[metric]!
        for (let i = 0; i < series.length; i++) {
          const cell = byKey.get(`${run.variant}/${run.replicate}/${i + 1}/${metric}`)
          expect(cell).toBe(series[i] === null ? "" : String(series[i]))
        }
      }
    }
    expect(byKey.has(`bold/1/0/${metrics[0]}`)).toBe(false)
    expect(byKey.has(`bold/1/13/${metrics[0]}`)).toBe(false)
  })

  it("prints a summary table per variant with the headline metrics, the scenario hash and the results path", () => {
    const out = join(dir, "out-summary")
    const r = aigov(["run", join(dir, "variants.yaml"), "--out", out])
    expect(r.code).toBe(0)
    const results = readResults(out)
    const lines = r.stdout.split("\n")
    expect(r.stdout).toContain(results.scenario.hash)
    expect(r.stdout).toContain(join(out, "results.json"))
    const header = lines.find((l) => l.startsWith("variant "))!
    for (const metric of ["frontier_capability", "cumulative_incidents", "capital_hhi", "compute_price", "welfare_per_person", "time_to_threshold"]) {
      expect(header).toContain(metric)
    }
    const cautious = lines.find((l) => l.startsWith("cautious "))!
    const bold = lines.find((l) => l.startsWith("bold "))!
    // columns are aligned: every row of the table is as wide as its header
    expect(cautious.length).toBe(header.length)
    expect(bold.length).toBe(header.length)
    // the first number is the mean final frontier capability over the two replicates
    const mean = (variant: string) => {
      const runs = results.runs.filter((run) => run.variant === variant)
      return runs.reduce((s, run) => s + run.summary.frontier_capability!, 0) / runs.length
    }
    expect(Number(cautious.split(/\s+/)[1])).toBeCloseTo(mean("cautious"), 2)
    expect(Number(bold.split(/\s+/)[1])).toBeCloseTo(mean("bold"), 2)
  })

  it("--replicates, --seed and --ticks override the file", () => {
    const out = join(dir, "out-overrides")
    const r = aigov(["run", join(dir, "small.yaml"), "--out", out, "--replicates", "3", "--seed", "9", "--ticks", "5"])
    expect(r.code).toBe(0)
    const results = readResults(out)
    const scenario = results.scenario.variants[0]!.scenario
    expect([scenario.replicates, scenario.seed, scenario.ticks]).toEqual([3, 9, 5])
    expect(results.runs.map((run) => [run.replicate, run.seed])).toEqual([
      [0, 9],
      [1, 9],
      [2, 9],
    ])
    expect(results.runs[0]!.series.frontier_capability).toHaveLength(5)
    const metrics = Object.keys(results.runs[0]!.series).length
    expect(readCsv(out).length - 2).toBe(3 * 5 * metrics)
  })

  it("quotes a variant name that holds a comma or a quote in series.csv", () => {
    const out = join(dir, "out-quoted")
    expect(aigov(["run", join(dir, "quoted.yaml"), "--out", out, "--ticks", "1"]).code).toBe(0)
    const rows = readCsv(out).slice(1, -1)
    expect(rows.filter((l) => l.startsWith('"cap, then tax",0,1,')).length).toBe(rows.length / 2)
    expect(rows.filter((l) => l.startsWith('"the ""open"" lab",0,1,')).length).toBe(rows.length / 2)
  })

  it("reads JSON scenarios too", () => {
    const out = join(dir, "out-json")
    expect(aigov(["run", join(dir, "small.json"), "-o", out]).code).toBe(0)
    expect(readResults(out).scenario.name).toBe("small-json")
  })

  it("is deterministic: the same scenario run twice writes byte-identical files, another seed different ones", () => {
    const [a, b, c] = ["out-det-a", "out-det-b", "out-det-c"].map((d) => join(dir, d))
    expect(aigov(["run", join(dir, "variants.yaml"), "--out", a!]).code).toBe(0)
    expect(aigov(["run", join(dir, "variants.yaml"), "--out", b!]).code).toBe(0)
    expect(aigov(["run", join(dir, "variants.yaml"), "--out", c!, "--seed", "2"]).code).toBe(0)
    const bytes = (d: string, f: string) => readFileSync(join(d, f))
    expect(bytes(a!, "results.json").equals(bytes(b!, "results.json"))).toBe(true)
    expect(bytes(a!, "series.csv").equals(bytes(b!, "series.csv"))).toBe(true)
    expect(bytes(a!, "series.csv").equals(bytes(c!, "series.csv"))).toBe(false)
  })

  it("refuses an invalid scenario with every problem by path, exits 1 and writes nothing", () => {
    const out = join(dir, "out-broken")
    const r = aigov(["run", join(dir, "broken.yaml"), "--out", out])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("")
    expect(r.stderr).toContain(`${join(dir, "broken.yaml")}: 3 problems`)
    expect(r.stderr).toMatch(/^ {2}seed: .*"twelve"/m)
    expect(r.stderr).toMatch(/^ {2}populations\.citizens\.cuont: unknown key "cuont" \(did you mean "count"\?\)/m)
    expect(r.stderr).toMatch(/^ {2}economy\.depreciation: .*between 0 and 1.*1\.5/m)
    expect(existsSync(out)).toBe(false)
  })

  it("leaves an existing --out directory without results files when the scenario is invalid", () => {
    const out = join(dir, "out-existing")
    mkdirSync(out)
    expect(aigov(["run", join(dir, "broken.yaml"), "--out", out]).code).toBe(1)
    expect(readdirSync(out)).toEqual([])
  })

  it("reports a YAML syntax error with its line and column, exit 1", () => {
    const out = join(dir, "out-syntax")
    const r = aigov(["run", join(dir, "syntax.yaml"), "--out", out])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(join(dir, "syntax.yaml"))
    expect(r.stderr).toMatch(/line \d+, column \d+/)
    expect(existsSync(out)).toBe(false)
  })

  it("names a missing scenario file and exits 1", () => {
    const missing = join(dir, "no-such.yaml")
    const r = aigov(["run", missing, "--out", join(dir, "out-missing")])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`error: cannot read ${missing}: no such file or directory\n`)
    expect(existsSync(join(dir, "out-missing"))).toBe(false)
  })

  it("reports an out-of-range override as a scenario problem naming the flag", () => {
    const r = aigov(["run", join(dir, "small.yaml"), "--out", join(dir, "out-zero"), "--replicates", "0"])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^ {2}replicates: .*got 0 \(set by --replicates\)$/m)
  })

  it.each([
    ["an unknown flag", ["--frobnicate"], "--frobnicate"],
    ["a non-integer --replicates", ["--replicates", "1.5"], "--replicates"],
    ["a non-integer --ticks", ["--ticks", "twelve"], "--ticks"],
  ])("exits 2 on %s, naming it, and writes nothing", (_, extra, named) => {
    const out = join(dir, "out-usage")
    const r = aigov(["run", join(dir, "small.yaml"), "--out", out, ...extra])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(named)
    expect(r.stderr).toContain("usage: aigov run")
    expect(existsSync(out)).toBe(false)
  })

  it("exits 2 when --out is missing", () => {
    const r = aigov(["run", join(dir, "small.yaml")])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("--out")
  })

  it("--check: a broken invariant exits 3 naming the run, tick, phase and asset, and writes nothing", () => {
    const out = join(dir, "out-overflow")
    const r = aigov(["run", join(dir, "overflow.yaml"), "--out", out, "--check"])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe("")
    expect(r.stderr).toMatch(/variant "base", replicate 0 failed: accounting broken at tick \d+, phase "\w+", (capital|compute|tokens): /)
    expect(existsSync(out)).toBe(false)
  })

  // long enough (about a second) that a terminal would get a progress bar
  const longRun = (out: string) => ["run", join(dir, "long.yaml"), "--out", join(dir, out)]

  it("exits 4 when --out names a file, naming it and leaving it untouched", () => {
    const file = join(dir, "small.yaml")
    const r = aigov(["run", join(dir, "small.json"), "--out", file])
    expect(r.code).toBe(4)
    expect(r.stderr).toBe(`error: cannot write ${file}: exists and is not a directory\n`)
    expect(readFileSync(file, "utf8")).toBe(smallScenario)
  })

  it("never draws a progress bar when stderr is not a terminal", () => {
    const r = aigov(longRun("out-long-pipe"))
    expect(r.code).toBe(0)
    expect(r.stderr).toBe("")
  })

  const script = spawnSync("script", ["--version"], { encoding: "utf8" })
  it.skipIf(script.status !== 0)("draws a progress bar on a terminal, unless --quiet", () => {
    // script(1) runs the command on a pseudo-terminal and copies its output (stdout and stderr) to ours
    const onTerminal = (args: ReadonlyArray<string>) =>
      spawnSync("script", ["-qfec", [node, bundle, ...args].join(" "), "/dev/null"], {
        encoding: "utf8",
        env: { ...process.env, AIGOV_PROGRESS_DELAY_MS: "0" },
      }).stdout
    const shown = onTerminal(longRun("out-long-tty"))
    expect(shown).toMatch(/\[#*-*\] +\d+% +\d+\/\d+ ticks, \S+ left/)
    expect(shown).toContain("wrote")
    const quiet = onTerminal([...longRun("out-long-quiet"), "--quiet"])
    expect(quiet).toContain("wrote")
    expect(quiet).not.toMatch(/ticks, \S+ left/)
  })
})
