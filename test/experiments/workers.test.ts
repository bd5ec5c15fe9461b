import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { NodeServices } from "@effect/platform-node"
import { Effect, Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { compareExperiment, experimentPlan, type PlannedRun } from "../../sim/experiments/experiment.js"
import { type ExperimentOptions, runExperiment } from "../../sim/experiments/runner.js"
import { makeStream } from "../../sim/rng/streams.js"
import { runOnce } from "../../sim/run.js"
import { ensureBuilt, root, tempDir } from "../cli/helpers.js"

const scenario = [
  "name: paired",
  "ticks: 8",
  "replicates: 4",
  "populations: { citizens: { count: 200 } }",
  "variants:",
  "  gentle: { economy: { winnerTakeMost: 0.5 } }",
  "  default: {}",
  "  steep: { economy: { winnerTakeMost: 3 } }",
  "",
].join("\n")

const built = compareExperiment(scenario, "paired.yaml")
if (Result.isFailure(built)) throw new Error(built.failure.message)
const experiment = built.success

let temp: ReturnType<typeof tempDir>
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir()
})
afterAll(() => temp?.cleanup())

const options = (dir: string, extra: Partial<ExperimentOptions> = {}): ExperimentOptions => ({
  dir,
  workers: 1,
  workerEntry: join(root, "dist/worker.js"),
  engineBuild: "test",
  check: true,
  series: "all",
  metrics: ["frontier_capability", "capital_hhi"],
  shard: null,
  force: false,
  reproduce: (run) => `aigov run paired.yaml --variant ${run.variant} --replicate ${run.replicate}`,
  ...extra,
})

const execute = (dir: string, extra: Partial<ExperimentOptions> = {}) =>
  Effect.runPromise(runExperiment(experiment, options(dir, extra)).pipe(Effect.provide(NodeServices.layer)))

/** Every file of an experiment directory (outputs and run files), by relative path. */
const files = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {}
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub === "" ? entry.name : `${sub}/${entry.name}`
      if (entry.isDirectory()) walk(rel)
      else out[rel] = readFileSync(join(dir, rel), "utf8")
    }
  }
  walk("")
  return out
}

/** A seeded shuffle of the pending runs: they are handed out, and so finish, in a scrambled order. */
const shuffled = (seed: number) => (pending: ReadonlyArray<PlannedRun>) => {
  const order = [...pending]
  const stream = makeStream(seed, "test", 0, "shuffle")
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(stream.double() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}

describe("runs on the worker pool", () => {
  it("give byte-identical outputs and run files on 1, 2 and 3 workers and in any finishing order", async () => {
    const dirs = {
      one: join(temp.dir, "one"),
      two: join(temp.dir, "two"),
      three: join(temp.dir, "three"),
      shuffledTwo: join(temp.dir, "shuffled-two"),
      shuffledThree: join(temp.dir, "shuffled-three"),
    }
    const one = await execute(dirs.one, { workers: 1 })
    expect(one.workers).toBe(1)
    expect((await execute(dirs.two, { workers: 2 })).workers).toBe(2)
    expect((await execute(dirs.three, { workers: 3 })).workers).toBe(3)
    await execute(dirs.shuffledTwo, { workers: 2, dispatchOrder: shuffled(1) })
    await execute(dirs.shuffledThree, { workers: 3, dispatchOrder: shuffled(2) })
    const reference = files(dirs.one)
    expect(Object.keys(reference).sort()).toEqual(
      expect.arrayContaining(["manifest.json", "results.json", "summary.csv", "series.csv", "comparison.csv", "runs/gentle/0.json", "runs/steep/3.json"]),
    )
    for (const dir of Object.values(dirs)) expect(files(dir)).toEqual(reference)
    expect(one.failures).toEqual([])
  })

  it("compute every run exactly as a run in this thread would: the same hash and final values", async () => {
    const results = JSON.parse(readFileSync(join(temp.dir, "two", "results.json"), "utf8"))
    const plan = experimentPlan(experiment)
    expect(results.runs).toHaveLength(plan.length)
    plan.forEach((run, i) => {
      const arm = experiment.arms[run.arm]!
      const here = runOnce(arm.name, arm.scenario, run.replicate)
      expect(results.runs[i].hash).toBe(here.hash)
      expect(results.runs[i].summary.frontier_capability).toBe(here.summary.frontier_capability)
    })
  })

  it("survive a worker thread that dies: that run fails with WorkerCrashed, the others finish on a fresh worker", async () => {
    const before = process.env.AIGOV_FAULT
    process.env.AIGOV_FAULT = "exit:default/1" // read by each worker thread when it starts
    try {
      const outcome = await execute(join(temp.dir, "crash"), { workers: 2 })
      expect(outcome.failures.map((f) => [f.arm, f.replicate, f.error.tag])).toEqual([["default", 1, "WorkerCrashed"]])
      expect(outcome.failures[0]!.reproduce).toBe("aigov run paired.yaml --variant default --replicate 1")
      expect(outcome.ran).toBe(11)
      expect(outcome.finalized?.written).toBe(11)
    } finally {
      if (before === undefined) delete process.env.AIGOV_FAULT
      else process.env.AIGOV_FAULT = before
    }
    // run again without the fault: the one missing run is done, the outputs are those of an uninterrupted run
    const again = await execute(join(temp.dir, "crash"), { workers: 2 })
    expect([again.skipped, again.ran]).toEqual([11, 1])
    const { ["failures.json"]: _none, ...rest } = files(join(temp.dir, "crash"))
    expect(rest).toEqual(files(join(temp.dir, "two")))
  })
})

describe("the worker pool", () => {
  it("reports a worker bundle that does not load before any run, as WorkerStartFailed", async () => {
    const { makeWorkerPool } = await import("../../sim/experiments/pool.js")
    const missing = join(temp.dir, "no-such-worker.js")
    const exit = await Effect.runPromiseExit(
      Effect.scoped(makeWorkerPool({ size: 2, entry: missing, init: { _tag: "Init", check: false, series: "none", progressEveryMs: 0, ledgerEntries: false } })),
    )
    expect(exit._tag).toBe("Failure")
    expect(String(exit)).toMatch(/WorkerStartFailed|cannot start a worker thread/)
  })
})
