import { Effect, Option, Schema } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { seriesCsvChunks, seriesCsvHeader } from "../experiments/csv.js"
import { executeSequential } from "../experiments/execute.js"
import { atomicOutputs } from "../experiments/outputs.js"
import { planTicks, runPlan } from "../experiments/plan.js"
import { toResults, toRunRecord } from "../results/records.js"
import { type RunRecord, Results } from "../results/schema.js"
import { exitCodesHelp } from "./errors.js"
import { helpText } from "./help.js"
import { progressBar } from "./progress.js"
import { loadScenarioFile } from "./scenario.js"
import { type Summary, summaryText } from "./summary.js"

const encodeResults = Schema.encodeUnknownEffect(Results)

/** `aigov run FILE --out DIR`: every variant × replicate of a scenario, to results.json and series.csv. */
export const run = Command.make(
  "run",
  {
    file: Argument.String("file").pipe(Argument.withDescription("the scenario file (YAML or JSON)")),
    out: Flag.String("out").pipe(
      Flag.withAlias("o"),
      Flag.withMetavar("dir"),
      Flag.withDescription("directory for results.json and series.csv (created if missing; existing files are replaced)"),
    ),
    replicates: Flag.Int("replicates").pipe(
      Flag.withAlias("r"),
      Flag.withDescription("replicates per variant, instead of the file's `replicates`"),
      Flag.optional,
    ),
    seed: Flag.Int("seed").pipe(Flag.withDescription("base seed, instead of the file's `seed`"), Flag.optional),
    ticks: Flag.Int("ticks").pipe(
      Flag.withDescription("months to simulate, instead of the file's `ticks`"),
      Flag.optional,
    ),
    check: Flag.Boolean("check").pipe(
      Flag.withDescription("verify the accounts after every phase of every tick (slower); a broken invariant exits 3"),
      Flag.withDefault(false),
    ),
    quiet: Flag.Boolean("quiet").pipe(
      Flag.withAlias("q"),
      Flag.withDescription("no progress bar (it is only ever drawn when stderr is a terminal)"),
      Flag.withDefault(false),
    ),
  },
  (input) =>
    Effect.gen(function* () {
      const started = performance.now()
      const overrides: Record<string, number> = {}
      const flags: Record<string, string> = {}
      for (const key of ["replicates", "seed", "ticks"] as const) {
        const value = input[key]
        if (Option.isSome(value)) {
          overrides[key] = value.value
          flags[key] = `--${key}`
        }
      }
      const loaded = yield* loadScenarioFile(input.file, overrides, flags)
      const plan = runPlan(loaded)
      const summaries: Array<Summary> = []
      const paths = yield* Effect.scoped(
        Effect.gen(function* () {
          const outputs = yield* atomicOutputs(input.out)
          const records: Array<RunRecord> = []
          const progress = progressBar(planTicks(plan), {
            enabled: !input.quiet && process.stderr.isTTY === true,
            unit: "ticks",
          })
          const csvPath = yield* Effect.scoped(
            Effect.gen(function* () {
              const csv = yield* outputs.open("series.csv")
              yield* csv.write(seriesCsvHeader)
              yield* executeSequential(plan, { check: input.check, onProgress: progress.update }, (result) =>
                Effect.gen(function* () {
                  records.push(toRunRecord(result))
                  summaries.push(result.summary)
                  for (const chunk of seriesCsvChunks(result)) yield* csv.write(chunk)
                }),
              )
              return csv.path
            }),
          ).pipe(Effect.ensuring(Effect.sync(progress.finish)))
          // results.json is checked against the schema the viewer decodes it with
          const encoded = yield* encodeResults(toResults(loaded, records)).pipe(Effect.orDie)
          const jsonPath = yield* outputs.writeWhole("results.json", `${JSON.stringify(encoded)}\n`)
          yield* outputs.commit
          return [jsonPath, csvPath]
        }),
      )
      const seconds = (performance.now() - started) / 1000
      process.stdout.write(`${summaryText({ loaded, plan, summaries, seconds, outputs: paths })}\n`)
    }),
).pipe(
  Command.withShortDescription("run every variant × replicate of a scenario; write results.json and series.csv"),
  Command.withDescription(
    helpText([
      "Runs every variant of the scenario (in file order), replicates 0..R-1 of each, and writes two files " +
        "into DIR, atomically and only when every run succeeded:",
      "  results.json  every run's series, final values, flows and hash (what the viewer reads)\n" +
        "  series.csv    long format for pandas/R: variant,replicate,tick,metric,value",
      "In series.csv, tick is the 1-based month at whose end the value was recorded (1..ticks), so " +
        "series[name][i] in results.json is tick i+1. Values are printed at full precision; an undefined " +
        "value is an empty field (null in results.json).",
      "A bad scenario is refused before any work starts, with every problem listed by path. At the end a " +
        "table of final values (mean over replicates) is printed on stdout. A progress bar is drawn on " +
        "stderr for long runs, only when stderr is a terminal.",
      exitCodesHelp,
    ]),
  ),
  Command.withExamples([
    { command: "aigov run scenarios/baseline.yaml --out out/baseline", description: "run a scenario" },
    { command: "aigov run s.yaml -o out/s --replicates 20 --seed 7 --check", description: "more replicates, another seed, checked accounts" },
  ]),
)
