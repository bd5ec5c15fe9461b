import { Worker } from "node:worker_threads"
import { Data, Effect, Queue, Schema, type Scope } from "effect"
import type { Scenario } from "../scenario/schema.js"
import { FromWorker, type RunDone, type RunError, type RunRequest, type WorkerInit } from "./messages.js"

/**
 * A fixed pool of worker threads, each running one run at a time.
 *
 * Why not Effect's own worker pool (the RPC protocol over `effect/workers`)?
 * It fits the shape, but a run must be attributed exactly when a worker dies
 * (its pool re-spawns on a 1 s schedule and reports a protocol error to every
 * call in flight), and a run's progress ticks and the arm cache below are
 * simpler over plain `postMessage`. The messages are still Effect Schemas
 * (messages.ts), and the pool's lifetime is an Effect scope: closing it
 * (success, failure, Ctrl-C) terminates every worker.
 *
 * A worker that dies (a crash, out of memory) fails only the run it was doing,
 * with `WorkerCrashed`; the next run on that slot gets a fresh worker.
 */

/** A worker thread could not be started (the bundle is missing or does not load). */
export class WorkerStartFailed extends Data.TaggedError("WorkerStartFailed")<{
  readonly entry: string
  readonly reason: string
}> {
  override get message(): string {
    return `cannot start a worker thread from ${this.entry}: ${this.reason}`
  }
}

/** One run for the pool. */
export interface PoolTask {
  readonly index: number
  readonly arm: number
  readonly name: string
  readonly replicate: number
  readonly scenario: Scenario
}

export type PoolOutcome =
  | { readonly _tag: "Done"; readonly record: RunDone["record"]; readonly ledger: RunDone["ledger"] }
  | { readonly _tag: "Failed"; readonly error: RunError }

export interface WorkerPool {
  readonly size: number
  /** runs `task` on the next free worker; `onProgress` hears its ticks done */
  readonly run: (task: PoolTask, onProgress?: (ticks: number) => void) => Effect.Effect<PoolOutcome>
}

export interface PoolOptions {
  readonly size: number
  /** path of the worker bundle (dist/worker.js) */
  readonly entry: string
  readonly init: WorkerInit
}

interface Slot {
  worker: Worker | undefined
  /** called once when the worker says it is ready, or dies before that */
  started: ((error: string | undefined) => void) | undefined
  /** the arm whose scenario the worker holds */
  arm: number
  current: { readonly index: number; readonly finish: (outcome: PoolOutcome) => void; readonly onProgress?: (ticks: number) => void } | undefined
}

/**
 * Replies are checked against their schema in place (`Schema.is`): decoding
 * would copy every record, and the main thread receives thousands a second.
 */
const isReply = Schema.is(FromWorker)

/**
 * V8's young generation per worker, MiB. A run allocates a lot of short-lived
 * garbage; with V8's default sizing each worker's heap grew to about 150 MB of
 * mostly dead objects over a 10,000-run sweep, with 16 MB it stays near 40 MB
 * at the same speed (measured here; agents' state lives in ArrayBuffers,
 * outside this heap).
 */
const youngGenerationMb = 16

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Starts `size` worker threads; they are terminated when the scope closes. */
export const makeWorkerPool = (options: PoolOptions): Effect.Effect<WorkerPool, WorkerStartFailed, Scope.Scope> =>
  Effect.gen(function* () {
    const size = Math.max(1, Math.floor(options.size))
    const slots: Array<Slot> = Array.from({ length: size }, () => ({ worker: undefined, started: undefined, arm: -1, current: undefined }))

    const fail = (slot: Slot, worker: Worker, reason: string) => {
      if (slot.worker !== worker) return
      slot.worker = undefined
      slot.arm = -1
      const current = slot.current
      slot.current = undefined
      void worker.terminate()
      const started = slot.started
      slot.started = undefined
      started?.(reason)
      current?.finish({ _tag: "Failed", error: { tag: "WorkerCrashed", message: `the worker thread died: ${reason}` } })
    }

    const spawn = (slot: Slot): Worker => {
      const worker = new Worker(options.entry, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } })
      slot.worker = worker
      slot.arm = -1
      worker.on("message", (raw: unknown) => {
        if (slot.worker !== worker) return
        if (!isReply(raw)) return fail(slot, worker, "sent a message that is not a FromWorker (messages.ts)")
        const reply: FromWorker = raw
        if (reply._tag === "Ready") {
          const started = slot.started
          slot.started = undefined
          return started?.(undefined)
        }
        const current = slot.current
        if (current === undefined || reply.index !== current.index) return
        if (reply._tag === "Progress") return current.onProgress?.(reply.ticks)
        slot.current = undefined
        current.finish(reply._tag === "Done" ? { _tag: "Done", record: reply.record, ledger: reply.ledger } : { _tag: "Failed", error: reply.error })
      })
      worker.on("error", (error) => fail(slot, worker, describe(error)))
      worker.on("exit", (code) => fail(slot, worker, `exited with code ${code}`))
      worker.postMessage(options.init)
      return worker
    }

    // start every worker now and wait until each has loaded the engine, so a missing or
    // broken bundle is reported once, before any run
    const starting = slots.map((slot) =>
      Effect.callback<void, WorkerStartFailed>((resume) => {
        slot.started = (error) =>
          resume(error === undefined ? Effect.void : Effect.fail(new WorkerStartFailed({ entry: options.entry, reason: error })))
        try {
          spawn(slot)
        } catch (error) {
          slot.started = undefined
          resume(Effect.fail(new WorkerStartFailed({ entry: options.entry, reason: describe(error) })))
        }
      }),
    )
    yield* Effect.addFinalizer(() =>
      Effect.promise(() =>
        Promise.all(
          slots.map((slot) => {
            const worker = slot.worker
            slot.worker = undefined
            return worker === undefined ? Promise.resolve() : worker.terminate().then(() => undefined, () => undefined)
          }),
        ),
      ),
    )

    yield* Effect.all(starting, { concurrency: "unbounded", discard: true })

    const idle = yield* Queue.unbounded<Slot>()
    for (const slot of slots) yield* Queue.offer(idle, slot)

    const runOn = (slot: Slot, task: PoolTask, onProgress?: (ticks: number) => void) =>
      Effect.callback<PoolOutcome>((resume) => {
        const worker = slot.worker ?? spawn(slot)
        const request: RunRequest = {
          _tag: "Run",
          index: task.index,
          arm: task.arm,
          name: task.name,
          replicate: task.replicate,
          scenario: slot.arm === task.arm ? null : task.scenario,
        }
        slot.arm = task.arm
        slot.current = { index: task.index, finish: (outcome) => resume(Effect.succeed(outcome)), onProgress }
        worker.postMessage(request)
        // interrupted mid-run (Ctrl-C, or a sibling failed): a synchronous run cannot be
        // cancelled, so the worker is stopped and the slot gets a fresh one next time
        return Effect.sync(() => {
          if (slot.worker !== worker || slot.current?.index !== task.index) return
          slot.current = undefined
          slot.worker = undefined
          slot.arm = -1
          void worker.terminate()
        })
      })

    const run = (task: PoolTask, onProgress?: (ticks: number) => void): Effect.Effect<PoolOutcome> =>
      Effect.acquireUseRelease(
        Queue.take(idle),
        (slot) => runOn(slot, task, onProgress),
        (slot) => Queue.offer(idle, slot),
      )

    return { size, run }
  })
