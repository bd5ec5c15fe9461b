import { copyFileSync, cpSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { aigov, ensureBuilt, tempDir } from "./helpers.js"

// a small governed scenario: token voting, a few epochs, so the ledger has decisions
const governed = `
name: governed
ticks: 24
replicates: 2
populations: { citizens: { count: 60, tokens: { kind: constant, value: 10 } }, auditors: { count: 2 } }
governance: { regime: token, epoch: 3 }
`

let temp: ReturnType<typeof tempDir>
let out: string
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir({ "governed.yaml": governed })
  out = join(temp.dir, "out")
  const r = aigov(["run", join(temp.dir, "governed.yaml"), "--out", out, "--quiet", "--workers", "1"])
  expect(r.code, r.stderr).toBe(0)
})
afterAll(() => temp?.cleanup())

/** A copy of the results folder whose ledger.jsonl the test then edits. */
const copy = (name: string, edit: (lines: Array<string>) => Array<string>): string => {
  const dir = join(temp.dir, name)
  cpSync(out, dir, { recursive: true })
  const lines = readFileSync(join(dir, "ledger.jsonl"), "utf8").trimEnd().split("\n")
  writeFileSync(join(dir, "ledger.jsonl"), `${edit(lines).join("\n")}\n`)
  return dir
}

describe("aigov run writes the ledger; aigov verify checks it", () => {
  it("writes ledger.jsonl, one chain per run, whose heads and lengths results.json records", () => {
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"))
    const lines = readFileSync(join(out, "ledger.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l))
    for (const run of results.runs) {
      const mine = lines.filter((l) => l.run === `${run.variant}/${run.replicate}`)
      expect(mine.length).toBe(run.ledger.length)
      expect(mine.length).toBeGreaterThan(0)
      expect(mine[mine.length - 1].hash).toBe(run.ledger.head)
    }
    const r = aigov(["verify", out])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^ok: .*ledger\.jsonl: 2 runs, \d+ entries, every chain verifies, heads and lengths match results.json\n$/)
  })

  it("an edited entry fails, naming its line", () => {
    const dir = copy("edited", (lines) => {
      const entry = JSON.parse(lines[3]!)
      entry.tick += 1
      lines[3] = JSON.stringify(entry)
      return lines
    })
    const r = aigov(["verify", dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/line 4: run "base\/0" entry 3: hash does not match its contents \(edited\?\)/)
  })

  it("a dropped or reordered entry fails", () => {
    const dropped = aigov(["verify", copy("dropped", (lines) => lines.filter((_, i) => i !== 2))])
    expect(dropped.code).toBe(1)
    expect(dropped.stderr).toMatch(/line 3: .*(dropped or reordered)/)
    const swapped = aigov(["verify", copy("swapped", (lines) => [lines[1]!, lines[0]!, ...lines.slice(2)])])
    expect(swapped.code).toBe(1)
    expect(swapped.stderr).toMatch(/line 1: /)
  })

  it("a ledger cut short at the end verifies alone but not against results.json", () => {
    const dir = copy("cut", (lines) => lines.slice(0, -1))
    expect(aigov(["verify", join(dir, "ledger.jsonl")]).code).toBe(0)
    const r = aigov(["verify", dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/cut short/)
  })

  it("explain lists a run's decisions and explains one from the ledger alone", () => {
    const list = aigov(["explain", out, "--variant", "base", "--replicate", "1"])
    expect(list.code).toBe(0)
    const decisions = list.stdout.match(/^ {2}#\d+ +tick \d+/gm) ?? []
    expect(decisions.length).toBeGreaterThan(0)
    expect(list.stdout).toContain(`run base/1: ${decisions.length} decision`)
    const one = aigov(["explain", out, "--variant", "base", "--replicate", "1", "--decision", "1"])
    expect(one.code).toBe(0)
    expect(one.stdout).toMatch(/Decision 1 of \d+ .*: proposal \S+ (PASSED|FAILED)/)
    expect(one.stdout).toMatch(/Tally under token/)
    expect(one.stdout).toMatch(/Largest \d+ voters/)
    expect(aigov(["explain", out, "--variant", "base", "--replicate", "1", "--decision", String(decisions.length + 1)]).code).toBe(2)
  })

  it("explain refuses a ledger that does not verify", () => {
    const dir = copy("forged", (lines) => {
      const entry = JSON.parse(lines[1]!)
      entry.data = { ...entry.data, forged: true }
      lines[1] = JSON.stringify(entry)
      return lines
    })
    const r = aigov(["explain", dir, "--decision", "1"])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/does not verify, nothing explained/)
  })

  it("compare writes the same ledger.jsonl on 1 and 2 workers, and it verifies against its results.json", () => {
    const file = join(temp.dir, "governed.yaml")
    const one = join(temp.dir, "compare-1")
    const two = join(temp.dir, "compare-2")
    expect(aigov(["compare", file, "--out", one, "--quiet", "--workers", "1"]).code).toBe(0)
    expect(aigov(["compare", file, "--out", two, "--quiet", "--workers", "2"]).code).toBe(0)
    const ledger = readFileSync(join(one, "ledger.jsonl"), "utf8")
    expect(ledger.length).toBeGreaterThan(0)
    expect(readFileSync(join(two, "ledger.jsonl"), "utf8")).toBe(ledger)
    // the same chains as `aigov run` wrote for the same runs
    expect(ledger).toBe(readFileSync(join(out, "ledger.jsonl"), "utf8"))
    const r = aigov(["verify", one])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/2 runs, .* heads and lengths match results.json/)
  })

  it("verify names a missing folder or file", () => {
    copyFileSync(join(out, "results.json"), join(temp.dir, "lonely.json"))
    const r = aigov(["verify", join(temp.dir, "nothing-here")])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("nothing-here")
  })
})
