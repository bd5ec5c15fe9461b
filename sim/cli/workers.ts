import { existsSync, readFileSync } from "node:fs"
import { availableParallelism, totalmem } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex } from "@noble/hashes/utils.js"
import type { Scenario } from "../scenario/schema.js"
import { estimateRunBytes, formatBytes } from "../state/size.js"
import { InputUnreadable } from "./errors.js"

/**
 * Where the worker threads' bundle is: dist/worker.js, next to dist/aigov.js
 * (the CLI bundle imports this file from there); when the CLI runs from source
 * (`npx tsx sim/cli/main.ts`), the built one in dist/ (`npm run build:cli`).
 */
export const workerEntry = (): string | InputUnreadable => {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [join(here, "worker.js"), join(here, "../../dist/worker.js")]
  const found = candidates.find((c) => existsSync(c))
  if (found !== undefined) return found
  return new InputUnreadable({ path: candidates[0]!, reason: "the worker bundle is missing; build it with `npm run build:cli`" })
}

const builds = new Map<string, string>()

/** SHA-256 of the worker bundle: which engine made a run (part of every run's key). */
export const engineBuild = (entry: string): string => {
  let hash = builds.get(entry)
  if (hash === undefined) {
    hash = bytesToHex(sha256(readFileSync(entry)))
    builds.set(entry, hash)
  }
  return hash
}

/** The default number of worker threads: one per core this process may use. */
export const defaultWorkers = (): number => availableParallelism()

/** Memory a worker thread needs besides its run's state: the engine, V8's heap. */
const workerOverheadBytes = 96 * 2 ** 20

/**
 * At most as many workers as three quarters of the machine's memory holds
 * runs of the largest scenario at once (each worker runs one run at a time):
 * the loader refuses a run above half the memory, but two of those at once
 * would not fit. Returns the number and, when it is fewer than asked, why.
 */
export const workersThatFit = (
  requested: number,
  scenarios: Iterable<Scenario>,
): { readonly workers: number; readonly note: string | undefined } => {
  let largest = 0
  for (const s of scenarios) largest = Math.max(largest, estimateRunBytes(s))
  const fit = Math.max(1, Math.floor((0.75 * totalmem()) / (largest + workerOverheadBytes)))
  if (fit >= requested) return { workers: requested, note: undefined }
  return {
    workers: fit,
    note: `${fit} worker${fit === 1 ? "" : "s"}, not ${requested}: one run needs about ${formatBytes(largest)} and this machine has ${formatBytes(totalmem())}`,
  }
}
