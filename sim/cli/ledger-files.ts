import { Data, Effect, FileSystem, Schema } from "effect"
import { join } from "node:path"
import type { LedgerSeal } from "../ledger/schema.js"
import { runId } from "../ledger/jsonl.js"
import { Results } from "../results/schema.js"
import { InputUnreadable } from "./errors.js"
import { readText } from "./scenario.js"

/** A results folder whose results.json does not decode, named with its problem. */
export class ResultsUnreadable extends Data.TaggedError("ResultsUnreadable")<{
  readonly path: string
  readonly reason: string
}> {
  override get message(): string {
    return `${this.path}: not a valid results file: ${this.reason}`
  }
}

/** What `verify` and `explain` read: the ledger text, and the seals results.json recorded, if any. */
export interface LedgerSource {
  readonly ledgerPath: string
  readonly text: string
  /** head and length of each run's chain as results.json recorded them; undefined for a bare ledger file */
  readonly seals: ReadonlyMap<string, LedgerSeal> | undefined
}

/** PATH is a results folder (results.json + ledger.jsonl) or a ledger.jsonl file. */
export const readLedgerSource = (
  path: string,
): Effect.Effect<LedgerSource, InputUnreadable | ResultsUnreadable, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const info = yield* fs.stat(path).pipe(Effect.mapError(() => new InputUnreadable({ path, reason: "no such file or folder" })))
    if (info.type !== "Directory") return { ledgerPath: path, text: yield* readText(path), seals: undefined }
    const resultsPath = join(path, "results.json")
    const raw = yield* readText(resultsPath)
    const results = yield* Effect.try({
      try: () => Schema.decodeUnknownSync(Results)(JSON.parse(raw)),
      catch: (e) => new ResultsUnreadable({ path: resultsPath, reason: e instanceof Error ? e.message.split("\n")[0]! : String(e) }),
    })
    const seals = new Map<string, LedgerSeal>()
    for (const run of results.runs) seals.set(runId(run.variant, run.replicate), run.ledger)
    const ledgerPath = join(path, "ledger.jsonl")
    return { ledgerPath, text: yield* readText(ledgerPath), seals }
  })
