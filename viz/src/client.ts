import InlineWorker from "./worker.ts?worker&inline"
import { type Progress, type ReplyBody, type RequestBody, decodeReply } from "./messages.js"

/**
 * The page's side of the worker. The worker is built inline (a blob: URL) so that
 * the viewer also works opened from file://, where browsers refuse to start a
 * worker from a file. Each call resolves with the worker's final reply to it
 * (anything but Progress); `cancel` ends the worker, fails every pending call
 * and starts a fresh worker.
 */

export type FinalReply = Exclude<ReplyBody, Progress>

interface Pending {
  readonly resolve: (reply: FinalReply) => void
  readonly onProgress: (progress: Progress) => void
}

export class WorkerClient {
  private worker: Worker
  private nextId = 1
  private readonly pending = new Map<number, Pending>()

  constructor() {
    this.worker = this.start()
  }

  call(body: RequestBody, onProgress: (progress: Progress) => void = () => {}): Promise<FinalReply> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onProgress })
      this.worker.postMessage({ id, body })
    })
  }

  /** Stops whatever the worker is doing; pending calls end with a Failed reply. */
  cancel(): void {
    this.worker.terminate()
    this.failAll("Cancelled")
    this.worker = this.start()
  }

  private start(): Worker {
    const worker = new InlineWorker({ name: "aigov" })
    worker.onmessage = (event: MessageEvent) => this.receive(event.data)
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault()
      this.failAll(`The worker stopped: ${event.message || "unknown error"}`)
    }
    return worker
  }

  private receive(data: unknown): void {
    const decoded = decodeReply(data)
    if (decoded._tag === "Failure") {
      this.failAll("The worker sent a message the page does not understand")
      return
    }
    const { id, body } = decoded.value
    const pending = this.pending.get(id)
    if (pending === undefined) return
    if (body._tag === "Progress") {
      pending.onProgress(body)
      return
    }
    this.pending.delete(id)
    pending.resolve(body)
  }

  private failAll(title: string): void {
    const all = [...this.pending.values()]
    this.pending.clear()
    for (const p of all) p.resolve({ _tag: "Failed", kind: "Crashed", title, problems: [] })
  }
}
