import { Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import type { LedgerEntry } from "../ledger/chain.js"
import { explainDecision, listDecisions } from "../ledger/explain.js"
import { parseLedgerText, runId, verifyLedgerText } from "../ledger/jsonl.js"
import { UsageProblem, exitCodesHelp } from "./errors.js"
import { helpText } from "./help.js"
import { readLedgerSource } from "./ledger-files.js"
import { LedgerInvalid } from "./verify.js"

/** `aigov explain PATH --decision N`: why did decision N pass or fail, from the ledger alone. */
export const explain = Command.make(
  "explain",
  {
    path: Argument.String("path").pipe(Argument.withDescription("a results folder or a ledger.jsonl file")),
    decision: Flag.Int("decision").pipe(Flag.optional, Flag.withDescription("the decision's number (1-based, in chain order); omit to list them")),
    variant: Flag.String("variant").pipe(Flag.optional, Flag.withDescription("the run's variant (default: the first run in the ledger)")),
    replicate: Flag.Int("replicate").pipe(Flag.withDefault(0), Flag.withDescription("the run's replicate")),
    top: Flag.Int("top").pipe(Flag.withDefault(5), Flag.withDescription("how many of the largest voters to list")),
  },
  (input) =>
    Effect.gen(function* () {
      const source = yield* readLedgerSource(input.path)
      // explain only what verifies: an edited ledger would explain a forgery
      const report = verifyLedgerText(source.text, source.seals)
      if (!report.ok) return yield* new LedgerInvalid({ path: source.ledgerPath, detail: `does not verify, nothing explained\n  ${report.first?.message ?? ""}` })
      const parsed = parseLedgerText(source.text)
      const runs = [...parsed.runs.keys()]
      const variant = Option.getOrUndefined(input.variant)
      const run = variant === undefined ? runs[0] : runId(variant, input.replicate)
      const entries = run === undefined ? undefined : (parsed.runs.get(run) as ReadonlyArray<LedgerEntry> | undefined)
      if (entries === undefined) {
        return yield* new UsageProblem({ reason: `aigov explain: no run ${run ?? ""} in ${source.ledgerPath} (runs: ${runs.join(", ") || "none"})` })
      }
      const number = Option.getOrUndefined(input.decision)
      const decisions = listDecisions(entries)
      if (number === undefined) {
        process.stdout.write(`run ${run}: ${decisions.length} decision${decisions.length === 1 ? "" : "s"}\n`)
        for (const d of decisions) {
          const verdict = d.passed === undefined ? "outcome not recorded" : d.passed ? "passed" : "failed"
          process.stdout.write(`  #${d.decisionNumber}  tick ${d.tick}  proposal ${d.proposalId ?? "?"}  ${verdict}\n`)
        }
        return
      }
      const explanation = explainDecision(entries, number, { topVoters: input.top })
      if (explanation === undefined) {
        return yield* new UsageProblem({ reason: `aigov explain: run ${run} has ${decisions.length} decisions; there is no decision ${number}` })
      }
      process.stdout.write(`run ${run}\n${explanation.text}\n`)
    }),
).pipe(
  Command.withShortDescription("why did a decision pass? who voted how, with what weight, at what cost"),
  Command.withDescription(
    helpText([
      "Answers from the ledger alone (after verifying it): what was proposed and why, the tally " +
        "(weights for and against, turnout, quorum and threshold), the largest voters with their weight " +
        "and what voting cost them, whether the decision was captured, and when it took effect. " +
        "Without --decision, lists the run's decisions.",
      exitCodesHelp,
    ]),
  ),
  Command.withExamples([
    { command: "aigov explain out/regimes --variant token", description: "list the token variant's decisions" },
    { command: "aigov explain out/regimes --variant token --decision 3", description: "why decision 3 went as it did" },
  ]),
)
