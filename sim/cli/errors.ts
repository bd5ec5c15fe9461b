import { Cause, Data, Effect, Exit, Runtime } from "effect"
import { CliError } from "effect/cli"
import { AccountingBroken } from "../accounts.js"
import { RunFailed } from "../experiments/execute.js"
import { OutputFailed } from "../experiments/outputs.js"
import { ScenarioInvalid } from "../scenario/problems.js"

/** The exit codes of every command; `aigov --help` lists them. */
export const ExitCode = {
  ok: 0,
  /** a scenario is invalid, or an input file is missing or unreadable */
  invalidInput: 1,
  /** unknown command or flag, missing or malformed argument */
  usage: 2,
  /** a run broke an invariant (with --check: the accounts do not balance) */
  runFailed: 3,
  /** an output could not be written, or an internal error (a bug: please report it) */
  internal: 4,
} as const

export const exitCodesHelp = [
  "Exit codes:",
  "  0  ok",
  "  1  invalid scenario, or an input file missing, unreadable or invalid (a ledger that does not verify)",
  "  2  usage error (unknown command or flag, bad or missing argument)",
  "  3  run failed: an invariant broke (the accounts, under --check); nothing written",
  "  4  output could not be written, or an internal error (a bug: please report it)",
  "  130  interrupted (Ctrl-C); nothing written",
].join("\n")

/** An input file that could not be read (missing, a directory, no permission). */
export class InputUnreadable extends Data.TaggedError("InputUnreadable")<{
  readonly path: string
  readonly reason: string
}> {
  override get message(): string {
    return `cannot read ${this.path}: ${this.reason}`
  }
}

/** Some of the files given to `validate` are invalid; each was reported as it was checked. */
export class FilesInvalid extends Data.TaggedError("FilesInvalid")<{
  readonly invalid: number
  readonly total: number
}> {
  override get message(): string {
    return `${this.invalid} of ${this.total} file${this.total === 1 ? "" : "s"} invalid`
  }
}

/** Some runs of a `compare` or `sweep` failed; each was reported with the command that reproduces it. */
export class RunsFailed extends Data.TaggedError("RunsFailed")<{
  readonly failed: number
  readonly total: number
}> {
  override get message(): string {
    return `${this.failed} of ${this.total} run${this.total === 1 ? "" : "s"} failed`
  }
}

/** A flag's value makes no sense (beyond what effect/cli checks itself), e.g. --shard 4/4. */
export class UsageProblem extends Data.TaggedError("UsageProblem")<{
  readonly reason: string
}> {
  override get message(): string {
    return this.reason
  }
}

const isTagged = (u: unknown): u is { readonly _tag: string } =>
  typeof u === "object" && u !== null && typeof (u as { _tag?: unknown })._tag === "string"

/** The exit code for a failure value. */
export const exitCodeOf = (error: unknown): number => {
  if (CliError.isCliError(error)) return error._tag === "ShowHelp" && error.errors.length === 0 ? ExitCode.ok : ExitCode.usage
  if (!isTagged(error)) return ExitCode.internal
  switch (error._tag) {
    case "ScenarioInvalid":
    case "InputUnreadable":
    case "FilesInvalid":
    case "OutputConflict":
    case "MergeFailed":
    case "LedgerInvalid":
    case "ResultsUnreadable":
    case "WeightsInvalid":
      return ExitCode.invalidInput
    case "UsageProblem":
      return ExitCode.usage
    case "RunFailed":
    case "RunsFailed":
    case "AccountingBroken":
      return ExitCode.runFailed
    default:
      return ExitCode.internal
  }
}

/**
 * The one message a failure prints on stderr, or undefined when it was already
 * shown (effect/cli prints usage errors with the help; `validate` reports each
 * file as it goes).
 */
export const messageOf = (error: unknown): string | undefined => {
  if (CliError.isCliError(error) || error instanceof FilesInvalid) return undefined
  if (error instanceof ScenarioInvalid) return error.message
  if (error instanceof RunFailed) {
    return `error: ${error.message}\n(no results were written)`
  }
  if (error instanceof InputUnreadable || error instanceof OutputFailed || error instanceof AccountingBroken) {
    return `error: ${error.message}`
  }
  // the experiment commands' failures (compare, sweep, merge)
  if (isTagged(error) && ["RunsFailed", "UsageProblem", "OutputConflict", "MergeFailed", "WorkerStartFailed", "LedgerInvalid", "ResultsUnreadable", "WeightsInvalid"].includes(error._tag)) {
    return `error: ${(error as unknown as Error).message}`
  }
  if (error instanceof Error) return `internal error (a bug, please report it): ${error.stack ?? error.message}`
  return `internal error (a bug, please report it): ${String(error)}`
}

/** Prints the failure's message (if any) on stderr; keeps the failure for the exit code. */
export const reportFailure = <A, E, R>(program: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.tapCause(program, (cause) =>
    Effect.sync(() => {
      if (Cause.hasInterruptsOnly(cause)) return
      const message = messageOf(Cause.squash(cause))
      if (message !== undefined) process.stderr.write(`${message}\n`)
    }),
  )

/** `runMain` teardown: exit with the code of the failure (130 for an interrupt). */
export const teardown: Runtime.Teardown = (exit, onExit) => {
  if (Exit.isSuccess(exit)) return onExit(ExitCode.ok)
  if (Cause.hasInterruptsOnly(exit.cause)) return onExit(130)
  return onExit(exitCodeOf(Cause.squash(exit.cause)))
}
