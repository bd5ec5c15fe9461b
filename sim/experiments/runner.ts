import { Effect, type FileSystem, type Path } from "effect"
import { type Experiment, type PlannedRun, experimentPlan } from "./experiment.js"
import { type Finalized, type RunFailure, finalize } from "./finalize.js"
import type { SeriesSelection } from "./messages.js"
import type { OutputFailed } from "./outputs.js"
import { type WorkerStartFailed, makeWorkerPool } from "./pool.js"
import { type Shard, inShard } from "./shard.js"
import { type OutputConflict, makeManifest, prepareDirectory, runStore } from "./store.js"

/**
 * Runs an experiment into a directory: what is already done there is kept,
 * the rest runs on a pool of worker threads and is committed run by run, and
 * (unless this is one shard of many) the outputs are assembled at the end.
 */

export interface ExperimentOptions {
  readonly dir: string
  readonly workers: number
  /** path of the worker bundle (dist/worker.js) */
  readonly workerEntry: string
  /** SHA-256 of the worker bundle: part of every run's key */
  readonly engineBuild: string
  readonly check: boolean
  readonly series: SeriesSelection
  /** metrics of the summary statistics */
  readonly metrics: ReadonlyArray<string>
  readonly shard: Shard | null
  readonly force: boolean
  /** the command that reproduces one run alone */
  readonly reproduce: (run: { readonly arm: string; readonly variant: string; readonly point: number | null; readonly replicate: number }) => string
  /** called with the runs done (found done, or finished now) out of the runs this invocation owns */
  readonly onProgress?: (done: number, total: number) => void
  /** for tests: the order in which pending runs are handed to the workers */
  readonly dispatchOrder?: (pending: ReadonlyArray<PlannedRun>) => ReadonlyArray<PlannedRun>
}

export interface ExperimentOutcome {
  /** runs of the plan */
  readonly planned: number
  /** runs this invocation owns (its shard, or all) */
  readonly owned: number
  /** owned runs found done in the directory and skipped */
  readonly skipped: number
  /** owned runs finished now */
  readonly ran: number
  readonly failures: ReadonlyArray<RunFailure>
  /** the assembled outputs, or null for a shard */
  readonly finalized: Finalized | null
  readonly workers: number
}

export const runExperiment = (
  experiment: Experiment,
  options: ExperimentOptions,
): Effect.Effect<ExperimentOutcome, OutputConflict | OutputFailed | WorkerStartFailed, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const plan = experimentPlan(experiment)
    const owned = options.shard === null ? plan : plan.filter((run) => inShard(run.index, options.shard!))
    const manifest = makeManifest(experiment, {
      engineBuild: options.engineBuild,
      series: options.series,
      metrics: options.metrics,
      runs: plan.length,
    })
    yield* prepareDirectory(options.dir, manifest, { force: options.force, sole: options.shard === null })
    const store = yield* runStore(options.dir, experiment.arms, { engineBuild: options.engineBuild, series: options.series })

    // what is done already (a resumed run): verified by key and checksum, one file at a time
    const pending: Array<PlannedRun> = []
    for (const run of owned) {
      if ((yield* store.read(run)) === undefined) pending.push(run)
    }
    const skipped = owned.length - pending.length
    let done = skipped
    options.onProgress?.(done, owned.length)

    const failures: Array<RunFailure> = []
    const workers = Math.max(1, Math.min(options.workers, pending.length))
    if (pending.length > 0) {
      yield* Effect.scoped(
        Effect.gen(function* () {
          const pool = yield* makeWorkerPool({
            size: workers,
            entry: options.workerEntry,
            init: { _tag: "Init", check: options.check, series: options.series, progressEveryMs: 0, ledgerEntries: true },
          })
          const order = options.dispatchOrder?.(pending) ?? pending
          yield* Effect.forEach(
            order,
            (run) =>
              Effect.gen(function* () {
                const arm = experiment.arms[run.arm]!
                const outcome = yield* pool.run({ index: run.index, arm: run.arm, name: arm.name, replicate: run.replicate, scenario: arm.scenario })
                if (outcome._tag === "Done") {
                  yield* store.write(run, JSON.stringify(outcome.record), JSON.stringify(outcome.ledger ?? []))
                } else {
                  failures.push({
                    index: run.index,
                    arm: arm.name,
                    variant: arm.variant,
                    point: arm.point,
                    replicate: run.replicate,
                    seed: arm.scenario.seed,
                    error: outcome.error,
                    reproduce: options.reproduce({ arm: arm.name, variant: arm.variant, point: arm.point, replicate: run.replicate }),
                  })
                }
                done++
                options.onProgress?.(done, owned.length)
              }),
            // more fibers than workers: one waits at the pool while another writes its run's file
            { concurrency: 2 * pool.size, discard: true },
          )
        }),
      )
    }
    failures.sort((a, b) => a.index - b.index)
    const finalized = options.shard === null ? yield* finalize(options.dir, manifest, store, plan, { failures }) : null
    return {
      planned: plan.length,
      owned: owned.length,
      skipped,
      ran: pending.length - failures.length,
      failures,
      finalized,
      workers: pending.length > 0 ? workers : 0,
    }
  })
