import { Data, Effect } from "effect"
import { AccountingBroken } from "../accounts.js"
import { type RunResult, runOnce } from "../run.js"
import type { PlannedRun } from "./plan.js"

/** One run of a plan broke an invariant (with `--check`: money appeared or vanished). */
export class RunFailed extends Data.TaggedError("RunFailed")<{
  readonly variant: string
  readonly replicate: number
  /** what broke: an AccountingBroken, or the same reported by a worker thread */
  readonly error: { readonly message: string }
}> {
  override get message(): string {
    return `run of variant "${this.variant}", replicate ${this.replicate} failed: ${this.error.message}`
  }
}

export interface ExecuteOptions {
  /** verify the accounts after every phase of every tick */
  readonly check: boolean
  /** called after every tick with the ticks done over the whole plan */
  readonly onProgress?: (ticksDone: number) => void
}

/** One planned run. An accounting failure is a typed error; anything else thrown is a defect (a bug). */
export const executeRun = (run: PlannedRun, options: ExecuteOptions, ticksBefore = 0): Effect.Effect<RunResult, RunFailed> =>
  Effect.suspend(() => {
    const onProgress = options.onProgress
    try {
      return Effect.succeed(
        runOnce(run.variant, run.scenario, run.replicate, {
          check: options.check,
          onTick: onProgress === undefined ? undefined : (done) => onProgress(ticksBefore + done),
        }),
      )
    } catch (error) {
      if (error instanceof AccountingBroken) {
        return Effect.fail(new RunFailed({ variant: run.variant, replicate: run.replicate, error }))
      }
      return Effect.die(error)
    }
  })

/**
 * Runs the plan one run at a time, in plan order, handing each result to
 * `onResult` as soon as it is done (so outputs can be streamed and a run's
 * arrays freed before the next starts). Yields between runs so an interrupt
 * (Ctrl-C) is seen at the next run boundary.
 */
export const executeSequential = <E, R>(
  plan: ReadonlyArray<PlannedRun>,
  options: ExecuteOptions,
  onResult: (result: RunResult, run: PlannedRun) => Effect.Effect<void, E, R>,
): Effect.Effect<void, RunFailed | E, R> =>
  Effect.gen(function* () {
    let ticksBefore = 0
    for (const run of plan) {
      yield* Effect.yieldNow
      const result = yield* executeRun(run, options, ticksBefore)
      yield* onResult(result, run)
      ticksBefore += run.scenario.ticks
    }
  })
