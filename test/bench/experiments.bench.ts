/**
 * `npm run bench:experiments`: the experiment commands of the built CLI.
 *
 * 1. Throughput: `aigov compare` of a three-variant scenario (90 runs of 120
 *    months, 20,000 citizens) on 1 and on 2 worker threads; runs per second of
 *    the whole command (start-up included), best of two, and the ratio. Then the
 *    same runs as two independent processes (`--shard 0/2` and `1/2`, one worker
 *    each, at once): what two cores of this machine give this work when nothing
 *    is shared, the ceiling for the pool (the engine's hot loops stream typed
 *    arrays and can be limited by memory bandwidth, not by cores).
 * 2. Memory: peak resident memory of the whole CLI process (main thread and
 *    every worker: VmHWM of /proc/PID/status, polled, and the CLI's own
 *    `peak memory` from getrusage) for `aigov sweep --series none` of a tiny
 *    scenario at 1,000, 3,000 and 10,000 runs of the same 100 design points,
 *    and 10,000 runs of 1,000 points (the design itself is held in memory).
 *
 * A benchmark, not a test: nothing here asserts a time. The load average is
 * printed with each figure: on a shared machine other processes take cores.
 */
import { spawn, spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { availableParallelism, loadavg } from "node:os"
import { join } from "node:path"
import { bundle, ensureBuilt, node, tempDir } from "../cli/helpers.js"

await ensureBuilt()

const compareScenario = [
  "name: bench-compare",
  "ticks: 120",
  "replicates: 30",
  "populations: { citizens: { count: 20000 } }",
  "variants:",
  "  gentle: { economy: { winnerTakeMost: 0.5 } }",
  "  default: {}",
  "  steep: { economy: { winnerTakeMost: 3 } }",
  "",
].join("\n")

const sweepScenario = (points: number) =>
  [
    "name: bench-sweep",
    "ticks: 12",
    "populations: { citizens: { count: 200 }, investors: { count: 20 } }",
    "sweep:",
    "  design: lhs",
    `  samples: ${points}`,
    "  parameters:",
    "    economy.winnerTakeMost: { min: 0.5, max: 3 }",
    "    economy.computeBudgetShare: { min: 0.01, max: 0.2 }",
    "",
  ].join("\n")

const temp = tempDir({ "compare.yaml": compareScenario, "sweep-100.yaml": sweepScenario(100), "sweep-1000.yaml": sweepScenario(1000) })
const load = () => loadavg()[0]!.toFixed(2)
const row = (k: string, v: string) => console.log(`${k.padEnd(62)} ${v}`)

console.log(`aigov experiments bench: node ${process.version}, ${availableParallelism()} cores available`)

// 1. throughput, 1 vs 2 workers
const compareRuns = 90
const timeCompare = (workers: number, attempt: number): number => {
  const out = join(temp.dir, `compare-${workers}-${attempt}`)
  const start = performance.now()
  const r = spawnSync(node, [bundle, "compare", join(temp.dir, "compare.yaml"), "--out", out, "--workers", String(workers), "--quiet"], {
    encoding: "utf8",
  })
  const seconds = (performance.now() - start) / 1000
  if (r.status !== 0) throw new Error(`compare failed (${r.status}): ${r.stderr}`)
  return seconds
}
const best: Record<number, number> = {}
for (const workers of [1, 2]) {
  const before = load()
  best[workers] = Math.min(timeCompare(workers, 0), timeCompare(workers, 1))
  row(`compare, ${compareRuns} runs, ${workers} worker${workers === 1 ? "" : "s"}`, `${(compareRuns / best[workers]!).toFixed(1)} runs/s (${best[workers]!.toFixed(2)} s; load before ${before})`)
}
row("speed-up, 2 workers vs 1", `${(best[1]! / best[2]!).toFixed(2)}×`)

// The machine's own ceiling for this work: the same runs as two independent processes
// (shards 0/2 and 1/2 on one worker each, at once), which share no thread, heap or pool.
const timeShardPair = async (attempt: number): Promise<number> => {
  const start = performance.now()
  await Promise.all(
    [0, 1].map(
      (i) =>
        new Promise<void>((resolve, reject) => {
          const args = [bundle, "compare", join(temp.dir, "compare.yaml"), "--out", join(temp.dir, `pair-${attempt}`), "--shard", `${i}/2`, "--workers", "1", "--quiet"]
          spawn(node, args, { stdio: "ignore" }).on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`shard ${i} failed (${code})`))))
        }),
    ),
  )
  return (performance.now() - start) / 1000
}
const pairBefore = load()
const pair = Math.min(await timeShardPair(0), await timeShardPair(1))
row("same runs as 2 processes (shards), 1 worker each", `${(compareRuns / pair).toFixed(1)} runs/s (${pair.toFixed(2)} s; load before ${pairBefore})`)
row("speed-up, 2 processes vs 1 (the machine's ceiling)", `${(best[1]! / pair).toFixed(2)}×`)
const same = readFileSync(join(temp.dir, "compare-1-0", "results.json")).equals(readFileSync(join(temp.dir, "compare-2-0", "results.json")))
row("results.json byte-identical, 1 vs 2 workers", same ? "yes" : "NO")

// 2. peak memory of sweeps with --series none
const peakOf = (file: string, replicates: number, out: string): Promise<{ hwm: number; reported: number; seconds: number }> =>
  new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(node, [bundle, "sweep", join(temp.dir, file), "--out", join(temp.dir, out), "--replicates", String(replicates), "--series", "none", "--quiet"])
    let stdout = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    let hwm = 0
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8")
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
        hwm = Math.max(hwm, kb / 1024)
      } catch {}
    }, 50)
    child.on("error", reject)
    child.on("exit", (code) => {
      clearInterval(poll)
      if (code !== 0) return reject(new Error(`sweep failed (${code})`))
      const reported = Number(/peak memory (\d+) MB/.exec(stdout)?.[1] ?? Number.NaN)
      resolve({ hwm, reported, seconds: (performance.now() - start) / 1000 })
    })
  })

for (const [file, points, replicates] of [
  ["sweep-100.yaml", 100, 10],
  ["sweep-100.yaml", 100, 30],
  ["sweep-100.yaml", 100, 100],
  ["sweep-1000.yaml", 1000, 10],
] as const) {
  const before = load()
  const runs = points * replicates
  const { hwm, reported, seconds } = await peakOf(file, replicates, `sweep-${points}-${replicates}`)
  row(
    `sweep --series none, ${points} points × ${replicates} = ${runs} runs`,
    `peak RSS ${hwm > 0 ? `${hwm.toFixed(0)} MiB (VmHWM), ` : ""}${reported} MB (CLI); ${seconds.toFixed(1)} s, ${(runs / seconds).toFixed(0)} runs/s; load before ${before}`,
  )
}
temp.cleanup()
