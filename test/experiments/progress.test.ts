import { afterEach, describe, expect, it, vi } from "vitest"
import { runProgress } from "../../sim/cli/run-progress.js"

afterEach(() => vi.restoreAllMocks())

/** Drives a progress reporter on a clock the test sets; returns what it wrote on stderr. */
const drive = (steps: ReadonlyArray<readonly [ms: number, done: number]>, total: number, quiet = false): Array<string> => {
  let now = 0
  vi.spyOn(performance, "now").mockImplementation(() => now)
  const lines: Array<string> = []
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk))
    return true
  })
  const tty = process.stderr.isTTY
  Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true })
  try {
    const progress = runProgress("aigov sweep", { quiet })
    for (const [ms, done] of steps) {
      now = ms
      progress.update(done, total)
    }
    progress.finish()
  } finally {
    Object.defineProperty(process.stderr, "isTTY", { value: tty, configurable: true })
  }
  return lines
}

describe("progress of many runs when stderr is not a terminal (CI logs)", () => {
  it("is one line per tenth of the runs, with runs done, runs/s and the time left", () => {
    const steps = Array.from({ length: 101 }, (_, i) => [i * 100, i] as const) // one run every 100 ms
    const lines = drive(steps, 100)
    expect(lines[0]).toBe("aigov sweep: 10/100 runs (10%), 10.0 runs/s, 9s left\n")
    expect(lines[1]).toBe("aigov sweep: 20/100 runs (20%), 10.0 runs/s, 8s left\n")
    expect(lines.at(-1)).toBe("aigov sweep: 100/100 runs (100%), 10.0 runs/s, done\n")
    expect(lines).toHaveLength(10) // 10, 20, …, 100 (the first at one second: nothing before)
  })

  it("counts only the runs done now in the rate, not those found done (a resumed run)", () => {
    const steps = [[0, 60], ...Array.from({ length: 40 }, (_, i) => [(i + 1) * 50, 61 + i] as const)] as const
    const lines = drive(steps, 100)
    expect(lines.at(-1)).toBe("aigov sweep: 100/100 runs (100%), 20.0 runs/s, done\n")
  })

  it("is silent for short work and with --quiet", () => {
    expect(drive([[0, 0], [300, 5], [600, 10]], 10)).toEqual([])
    expect(drive(Array.from({ length: 50 }, (_, i) => [i * 100, i] as const), 50, true)).toEqual([])
  })
})
