import { Effect } from "effect"
import { Argument, Command } from "effect/cli"
import { FilesInvalid, exitCodesHelp } from "./errors.js"
import { helpText } from "./help.js"
import { loadScenarioFile } from "./scenario.js"

/** `aigov validate FILE...`: checks scenario files without running them. */
export const validate = Command.make(
  "validate",
  {
    files: Argument.String("file").pipe(
      Argument.withDescription("scenario files (YAML or JSON)"),
      Argument.variadic({ min: 1 }),
    ),
  },
  ({ files }) =>
    Effect.gen(function* () {
      let invalid = 0
      for (const file of files) {
        yield* loadScenarioFile(file).pipe(
          Effect.match({
            onSuccess: (loaded) => {
              const n = loaded.variants.length
              process.stdout.write(`ok: ${file} (${loaded.name}, ${n} variant${n === 1 ? "" : "s"}, hash ${loaded.hash.slice(0, 12)}…)\n`)
            },
            onFailure: (error) => {
              invalid++
              process.stderr.write(`${error._tag === "ScenarioInvalid" ? error.message : `error: ${error.message}`}\n`)
            },
          }),
        )
      }
      if (invalid > 0) return yield* new FilesInvalid({ invalid, total: files.length })
    }),
).pipe(
  Command.withShortDescription("check scenario files and list every problem by path"),
  Command.withDescription(
    helpText([
      "Checks each scenario file as `aigov run` would (schema, cross-field checks, memory one run needs), " +
        'without running it. Prints "ok: FILE (name, N variants, hash …)" on stdout for a valid file and ' +
        'every problem ("path: message") on stderr for an invalid one; exits 1 if any file is invalid.',
      exitCodesHelp,
    ]),
  ),
  Command.withExamples([{ command: "aigov validate scenarios/*.yaml", description: "check every scenario" }]),
)
