import { totalmem } from "node:os"
import { Effect, FileSystem, Result } from "effect"
import { describePlatformError } from "../experiments/outputs.js"
import { type LoadedScenario, loadScenarioText } from "../scenario/load.js"
import { ScenarioInvalid } from "../scenario/problems.js"
import { InputUnreadable } from "./errors.js"

/** A run may use at most half the machine's memory (checked before any work starts). */
export const maxRunBytes = (): number => Math.floor(totalmem() / 2)

/** Reads a text file; a missing or unreadable file is an InputUnreadable naming the path. */
export const readText = (path: string): Effect.Effect<string, InputUnreadable, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const info = yield* fs.stat(path).pipe(
      Effect.mapError((e) => new InputUnreadable({ path, reason: describePlatformError(e) })),
    )
    if (info.type !== "File") return yield* new InputUnreadable({ path, reason: `not a file (a ${info.type.toLowerCase()})` })
    return yield* fs.readFileString(path).pipe(
      Effect.mapError((e) => new InputUnreadable({ path, reason: describePlatformError(e) })),
    )
  })

/**
 * Reads and validates a scenario file (YAML or JSON). `overrides` replace
 * top-level keys (`--seed`, `--ticks`, `--replicates`); `flags` names the flag
 * each override came from, so a problem with it says so.
 */
export const loadScenarioFile = (
  path: string,
  overrides: Readonly<Record<string, unknown>> = {},
  flags: Readonly<Record<string, string>> = {},
): Effect.Effect<LoadedScenario, ScenarioInvalid | InputUnreadable, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const text = yield* readText(path)
    const loaded = loadScenarioText(text, path, { overrides, maxRunBytes: maxRunBytes() })
    if (Result.isSuccess(loaded)) return loaded.success
    const invalid = loaded.failure
    const problems = invalid.problems.map((p) =>
      flags[p.path] === undefined ? p : { path: p.path, message: `${p.message} (set by ${flags[p.path]})` },
    )
    return yield* new ScenarioInvalid({ source: invalid.source, problems })
  })
