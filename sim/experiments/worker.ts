import { parentPort } from "node:worker_threads"
import { Schema } from "effect"
import { AccountingBroken } from "../accounts.js"
import { toRunRecord } from "../results/records.js"
import { runOnce } from "../run.js"
import type { Scenario } from "../scenario/schema.js"
import { type FromWorker, ToWorker, type WorkerInit, selectSeries } from "./messages.js"

/**
 * A worker thread of the pool (bundled as dist/worker.js). It runs one run
 * per request, synchronously, and answers with the run's record or the error
 * it threw. The engine is pure, so a run here is bit-identical to the same run
 * anywhere else.
 *
 * For the tests only: AIGOV_FAULT=throw:<arm>/<replicate> makes that run throw
 * as a bug would, and exit:<arm>/<replicate> kills the worker thread mid-run.
 */
const port = parentPort
if (port === null) throw new Error("dist/worker.js is a worker thread of aigov, not a program: run `aigov` instead")

const decode = Schema.decodeUnknownSync(ToWorker)
const post = (message: FromWorker) => port.postMessage(message)
const fault = process.env.AIGOV_FAULT ?? ""

let init: WorkerInit | undefined
let current: { arm: number; scenario: Scenario } | undefined

port.on("message", (raw: unknown) => {
  const message = decode(raw)
  if (message._tag === "Init") {
    init = message
    return
  }
  if (init === undefined) throw new Error("a run was requested before the worker was initialised")
  const { index, arm, name, replicate } = message
  if (message.scenario !== null) current = { arm, scenario: message.scenario }
  if (current === undefined || current.arm !== arm) throw new Error(`run ${index} names arm ${arm} without its scenario`)
  const every = init.progressEveryMs
  let last = performance.now()
  const onTick =
    every > 0
      ? (ticks: number) => {
          const now = performance.now()
          if (now - last < every) return
          last = now
          post({ _tag: "Progress", index, ticks })
        }
      : undefined
  try {
    if (fault === `throw:${name}/${replicate}`) throw new Error(`fault injected by AIGOV_FAULT into ${name}/${replicate}`)
    if (fault === `exit:${name}/${replicate}`) process.exit(70)
    const result = runOnce(name, current.scenario, replicate, { check: init.check, onTick })
    const record = toRunRecord(result)
    post({
      _tag: "Done",
      index,
      record: { ...record, series: selectSeries(record.series, init.series) },
      ledger: init.ledgerEntries ? result.ledger.entries : null,
    })
  } catch (error) {
    const tag = error instanceof AccountingBroken ? "AccountingBroken" : "Error"
    const message = error instanceof AccountingBroken ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)
    post({ _tag: "Failed", index, error: { tag, message } })
  }
})

post({ _tag: "Ready" })
