import { Data, Effect } from "effect"
import { Argument, Command } from "effect/cli"
import { verifyLedgerText } from "../ledger/jsonl.js"
import { exitCodesHelp } from "./errors.js"
import { helpText } from "./help.js"
import { readLedgerSource } from "./ledger-files.js"

/** The ledger does not verify: the first bad line, in plain words. */
export class LedgerInvalid extends Data.TaggedError("LedgerInvalid")<{
  readonly path: string
  readonly detail: string
}> {
  override get message(): string {
    return `${this.path}: ${this.detail}`
  }
}

/** `aigov verify PATH`: checks every run's hash chain (and, for a results folder, its recorded head and length). */
export const verify = Command.make(
  "verify",
  { path: Argument.String("path").pipe(Argument.withDescription("a results folder (results.json + ledger.jsonl) or a ledger.jsonl file")) },
  ({ path }) =>
    Effect.gen(function* () {
      const source = yield* readLedgerSource(path)
      const report = verifyLedgerText(source.text, source.seals)
      if (!report.ok) {
        return yield* new LedgerInvalid({ path: source.ledgerPath, detail: `does not verify\n  ${report.first?.message ?? "unreadable"}` })
      }
      let entries = 0
      for (const result of report.runs.values()) if (result.ok) entries += result.length
      const against = source.seals === undefined ? "" : ", heads and lengths match results.json"
      process.stdout.write(`ok: ${source.ledgerPath}: ${report.runs.size} run${report.runs.size === 1 ? "" : "s"}, ${entries} entries, every chain verifies${against}\n`)
    }),
).pipe(
  Command.withShortDescription("check a ledger's hash chains; name the first bad entry"),
  Command.withDescription(
    helpText([
      "Recomputes the SHA-256 hash chain of every run in ledger.jsonl and names the first line that " +
        "does not verify: an edited, dropped, duplicated or reordered entry. Given a results folder, it " +
        "also checks each chain's head and length against results.json, which catches a ledger cut " +
        "short at the end or a tail rewritten consistently. Exits 0 when everything verifies, 1 otherwise.",
      exitCodesHelp,
    ]),
  ),
  Command.withExamples([
    { command: "aigov verify out/regimes", description: "a results folder" },
    { command: "aigov verify out/regimes/ledger.jsonl", description: "a bare ledger" },
  ]),
)
