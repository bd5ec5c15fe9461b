import { createHash } from "node:crypto"
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeStream } from "../../sim/rng/streams.js"
import { ensureBuilt, tempDir } from "../cli/helpers.js"
import { aigovAsync, aigovEnv as aigov, filesOf } from "./cli.js"

// 60 runs of 120 months: about a second on two workers
const scenario = [
  "name: interrupted",
  "ticks: 120",
  "replicates: 20",
  "populations: { citizens: { count: 2000 } }",
  "variants:",
  "  gentle: { economy: { winnerTakeMost: 0.5 } }",
  "  default: {}",
  "  steep: { economy: { winnerTakeMost: 3 } }",
  "",
].join("\n")

let temp: ReturnType<typeof tempDir>
let dir: string
let reference: Record<string, string>
const command = (out: string) => ["compare", join(dir, "s.yaml"), "--out", out, "--workers", "2", "-q"]

beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir({ "s.yaml": scenario })
  dir = temp.dir
  const r = aigov(command(join(dir, "reference")))
  if (r.code !== 0) throw new Error(r.stderr)
  reference = filesOf(join(dir, "reference"))
})
afterAll(() => temp?.cleanup())

/** Run files in place under DIR/runs (cheap: a directory listing). */
const runFiles = (out: string): number => {
  try {
    return readdirSync(join(out, "runs")).reduce((n, arm) => n + readdirSync(join(out, "runs", arm)).filter((f) => f.endsWith(".json") && !f.startsWith(".")).length, 0)
  } catch {
    return 0
  }
}

/** Run files that are in place (not temp files): each must be whole, its checksum matching its record and ledger. */
const committedRuns = (out: string): number => {
  let count = 0
  for (const [path, text] of Object.entries(filesOf(out))) {
    if (!path.startsWith("runs/")) continue
    const [header, record, ledger, rest] = text.split("\n")
    expect(rest).toBe("")
    expect(Array.isArray(JSON.parse(ledger!))).toBe(true)
    const { check } = JSON.parse(header!)
    expect(createHash("sha256").update(`${record!}\n${ledger!}`, "utf8").digest("hex")).toBe(check)
    count++
  }
  return count
}

describe("an interrupted experiment", () => {
  it("killed (SIGKILL) at random moments four times, then re-run, resumes and ends byte-identical to an uninterrupted run", async () => {
    const out = join(dir, "killed")
    const stream = makeStream(2026, "test", 0, "kill")
    let done = 0
    for (let k = 0; k < 4; k++) {
      // kill when a random share of the runs (in the k-th fifth of the work, roughly) has been committed,
      // plus a random few milliseconds: anywhere in a run, a write or a rename
      const target = Math.floor(60 * (0.05 + 0.2 * k + 0.12 * stream.double()))
      const lag = 25 * stream.double()
      const { child, done: finished } = aigovAsync(command(out))
      const watch = setInterval(() => {
        if (runFiles(out) >= target) {
          clearInterval(watch)
          setTimeout(() => child.kill("SIGKILL"), lag)
        }
      }, 2)
      const outcome = await finished
      clearInterval(watch)
      expect(outcome.signal).toBe("SIGKILL")
      const committed = committedRuns(out)
      expect(committed).toBeGreaterThanOrEqual(Math.max(done, target))
      expect(committed).toBeLessThan(60)
      done = committed
    }
    const last = aigov(command(out))
    expect(last.code).toBe(0)
    const [, fresh, skipped] = /60 runs \((\d+) new, (\d+) already done\)/.exec(last.stdout)!
    expect(Number(fresh) + Number(skipped)).toBe(60)
    expect(Number(skipped)).toBe(done)
    expect(filesOf(out)).toEqual(reference)
    expect(Object.keys(filesOf(out, { temps: true })).some((p) => p.includes(".tmp-"))).toBe(false)
  })

  it("re-runs exactly the runs whose files are torn, altered or missing", () => {
    const out = join(dir, "reference")
    const file = (variant: string, replicate: number) => join(out, "runs", variant, `${replicate}.json`)
    const torn = readFileSync(file("gentle", 3), "utf8")
    writeFileSync(file("gentle", 3), torn.slice(0, torn.length / 2))
    const altered = readFileSync(file("steep", 7), "utf8")
    writeFileSync(file("steep", 7), altered.replace(/"seed":1/, '"seed":2'))
    rmSync(file("default", 0))
    const r = aigov(command(out))
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/60 runs \(3 new, 57 already done\)/)
    expect(filesOf(out)).toEqual(reference)
  })
})
