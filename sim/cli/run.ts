import { Effect, Option, Schema } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { seriesCsvChunks, seriesCsvHeader } from "../experiments/csv.js"
import { RunFailed, executeSequential } from "../experiments/execute.js"
import { experimentHash } from "../experiments/experiment.js"
import { atomicOutputs } from "../experiments/outputs.js"
import { type PlannedRun, planTicks, runPlan } from "../experiments/plan.js"
import { makeWorkerPool } from "../experiments/pool.js"
import { toResults, toRunRecord } from "../results/records.js"
import { type RunRecord, Results } from "../results/schema.js"
import type { LedgerEntry } from "../ledger/chain.js"
import { ledgerLines, runId } from "../ledger/jsonl.js"
import type { LedgerEntryEncoded } from "../ledger/schema.js"
import type { LoadedScenario } from "../scenario/load.js"
import { InputUnreadable, UsageProblem, exitCodesHelp } from "./errors.js"
import { loadExperiment } from "./experiment.js"
import { helpText } from "./help.js"
import { progressBar } from "./progress.js"
import { loadScenarioFile } from "./scenario.js"
import { type Summary, summaryText } from "./summary.js"
import { defaultWorkers, workerEntry, workersThatFit } from "./workers.js"

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
    variant: Flag.String("variant").pipe(
      Flag.withMetavar("name"),
      Flag.withDescription("run only this variant (with --point: the variant whose design point it is)"),
      Flag.optional,
    ),
    point: Flag.String("point").pipe(
      Flag.withMetavar("pN"),
      Flag.withDescription("run only this design point of the file's `sweep` block (as `aigov sweep` names them: p0, p1, …)"),
      Flag.optional,
    ),
    replicate: Flag.Int("replicate").pipe(
      Flag.withDescription("run only this replicate (0-based), e.g. to reproduce one failed run of a compare or sweep"),
      Flag.optional,
    ),
    workers: Flag.Int("workers").pipe(
      Flag.withAlias("w"),
      Flag.withDescription("worker threads (default: one per core; 1 runs everything in this thread)"),
      Flag.optional,
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
      const loaded = yield* selectRuns(
        yield* (Option.isSome(input.point)
          ? pointScenario(input.file, overrides, flags, input.point.value, Option.getOrUndefined(input.variant))
          : loadScenarioFile(input.file, overrides, flags)),
        Option.isSome(input.point) ? undefined : Option.getOrUndefined(input.variant),
      )
      const plan = onlyReplicate(runPlan(loaded), Option.getOrUndefined(input.replicate))
      if (Option.isSome(input.replicate)) {
        const r = input.replicate.value
        const short = loaded.variants.find((v) => r < 0 || r >= v.scenario.replicates)
        if (short !== undefined) {
          return yield* new UsageProblem({
            reason: `--replicate ${r}: variant "${short.name}" has replicates 0..${short.scenario.replicates - 1} (--replicates sets how many)`,
          })
        }
      }
      if (Option.isSome(input.workers) && input.workers.value < 1) {
        return yield* new UsageProblem({ reason: `--workers must be at least 1, got ${input.workers.value}` })
      }
      const requested = Math.min(Option.getOrElse(input.workers, defaultWorkers), plan.length)
      const { workers, note } = workersThatFit(requested, loaded.variants.map((v) => v.scenario))
      if (note !== undefined && !input.quiet && Option.isSome(input.workers)) process.stderr.write(`aigov: ${note}\n`)
      const summaries: Array<Summary> = []
      const paths = yield* Effect.scoped(
        Effect.gen(function* () {
          const outputs = yield* atomicOutputs(input.out)
          const records: Array<RunRecord> = []
          const progress = progressBar(planTicks(plan), {
            enabled: !input.quiet && process.stderr.isTTY === true,
            unit: "ticks",
          })
          const [csvPath, ledgerPath] = yield* Effect.scoped(
            Effect.gen(function* () {
              const csv = yield* outputs.open("series.csv")
              // every run's governance ledger, one hash chain per run (empty without governance)
              const ledger = yield* outputs.open("ledger.jsonl")
              const writeLedger = (variant: string, replicate: number, entries: ReadonlyArray<LedgerEntry>) =>
                Effect.gen(function* () {
                  const lines = ledgerLines(runId(variant, replicate), entries)
                  if (lines.length > 0) yield* ledger.write(`${lines.join("\n")}\n`)
                })
              yield* csv.write(seriesCsvHeader)
              if (workers <= 1) {
                yield* executeSequential(plan, { check: input.check, onProgress: progress.update }, (result) =>
                  Effect.gen(function* () {
                    records.push(toRunRecord(result))
                    summaries.push(result.summary)
                    for (const chunk of seriesCsvChunks(result)) yield* csv.write(chunk)
                    yield* writeLedger(result.variant, result.replicate, result.ledger.entries)
                  }),
                )
              } else {
                // on the worker pool: runs finish in any order, the files list them in plan order
                const done = yield* executeOnPool(plan, { workers, check: input.check, onProgress: progress.update })
                for (const { record, ledger: entries } of done) {
                  yield* writeLedger(record.variant, record.replicate, entries as ReadonlyArray<LedgerEntry>)
                  records.push(record)
                  summaries.push(record.summary)
                  const series: Record<string, Float64Array> = {}
                  for (const [name, values] of Object.entries(record.series)) series[name] = Float64Array.from(values, (v) => v ?? Number.NaN)
                  for (const chunk of seriesCsvChunks({ variant: record.variant, replicate: record.replicate, series })) yield* csv.write(chunk)
                }
              }
              return [csv.path, ledger.path] as const
            }),
          ).pipe(Effect.ensuring(Effect.sync(progress.finish)))
          // results.json is checked against the schema the viewer decodes it with
          const encoded = yield* encodeResults(toResults(loaded, records)).pipe(Effect.orDie)
          const jsonPath = yield* outputs.writeWhole("results.json", `${JSON.stringify(encoded)}\n`)
          yield* outputs.commit
          return [jsonPath, csvPath, ledgerPath]
        }),
      )
      const seconds = (performance.now() - started) / 1000
      // with --replicate, the table says one replicate per variant, as was run
      const shown = Option.isNone(input.replicate)
        ? loaded
        : { ...loaded, variants: loaded.variants.map((v) => ({ ...v, scenario: { ...v.scenario, replicates: 1 } })) }
      process.stdout.write(`${summaryText({ loaded: shown, plan, summaries, seconds, outputs: paths })}\n`)
    }),
).pipe(
  Command.withShortDescription("run every variant × replicate of a scenario; write results.json and series.csv"),
  Command.withDescription(
    helpText([
      "Runs every variant of the scenario (in file order), replicates 0..R-1 of each, and writes two files " +
        "into DIR, atomically and only when every run succeeded:",
      "  results.json  every run's series, final values, flows, hash and ledger seal (what the viewer reads)\n" +
        "  series.csv    long format for pandas/R: variant,replicate,tick,metric,value\n" +
        "  ledger.jsonl  every run's governance ledger, one SHA-256 hash chain per run (`aigov verify`, `aigov explain`)",
      "In series.csv, tick is the 1-based month at whose end the value was recorded (1..ticks), so " +
        "series[name][i] in results.json is tick i+1. Values are printed at full precision; an undefined " +
        "value is an empty field (null in results.json).",
      "A bad scenario is refused before any work starts, with every problem listed by path. At the end a " +
        "table of final values (mean over replicates) is printed on stdout. A progress bar is drawn on " +
        "stderr for long runs, only when stderr is a terminal.",
      "Runs go to a pool of worker threads (--workers, default one per core); the files are identical for " +
        "any number of workers. --variant, --point and --replicate run one slice, e.g. to reproduce a run " +
        "that failed in `aigov compare` or `aigov sweep` (they print the command).",
      exitCodesHelp,
    ]),
  ),
  Command.withExamples([
    { command: "aigov run scenarios/baseline.yaml --out out/baseline", description: "run a scenario" },
    { command: "aigov run s.yaml -o out/s --replicates 20 --seed 7 --check", description: "more replicates, another seed, checked accounts" },
    { command: "aigov run s.yaml -o out/one --variant bold --replicate 3 --check", description: "one run alone, checked" },
  ]),
)

/** The variants to run: all of them, or the one --variant names. */
const selectRuns = (loaded: LoadedScenario, variant: string | undefined) =>
  Effect.gen(function* () {
    if (variant === undefined) return loaded
    const chosen = loaded.variants.filter((v) => v.name === variant)
    if (chosen.length === 0) {
      return yield* new UsageProblem({
        reason: `--variant ${variant}: ${loaded.source} has no such variant; it has ${loaded.variants.map((v) => `"${v.name}"`).join(", ")}`,
      })
    }
    return { ...loaded, variants: chosen, hash: experimentHash(chosen) }
  })

/** One design point of the file's sweep block, as `aigov sweep` resolves it, as a scenario of one variant named like its arm. */
const pointScenario = (
  file: string,
  overrides: Readonly<Record<string, unknown>>,
  flags: Readonly<Record<string, string>>,
  point: string,
  variant: string | undefined,
) =>
  Effect.gen(function* () {
    const experiment = yield* loadExperiment("sweep", file, overrides, flags)
    const name = variant === undefined ? point : `${variant}/${point}`
    const arm = experiment.arms.find((a) => a.name === name)
    if (arm === undefined) {
      const names = experiment.arms.map((a) => a.name)
      const shown = names.length <= 6 ? names.join(", ") : `${names.slice(0, 3).join(", ")} … ${names.slice(-2).join(", ")}`
      return yield* new UsageProblem({ reason: `--point ${point}${variant === undefined ? "" : ` --variant ${variant}`}: the sweep has no design point ${name}; it has ${shown}` })
    }
    const variants = [{ name: arm.name, scenario: arm.scenario }]
    return { source: file, name: experiment.name, variants, hash: experimentHash(variants) } satisfies LoadedScenario
  })

const onlyReplicate = (plan: ReadonlyArray<PlannedRun>, replicate: number | undefined): ReadonlyArray<PlannedRun> =>
  replicate === undefined ? plan : plan.filter((r) => r.replicate === replicate).map((r, index) => ({ ...r, index }))

/**
 * Runs the plan on a pool of worker threads; the records (and each run's
 * ledger entries) come back in plan order. The first failed run stops the
 * others (nothing is written).
 */
const executeOnPool = (
  plan: ReadonlyArray<PlannedRun>,
  options: { readonly workers: number; readonly check: boolean; readonly onProgress: (ticks: number) => void },
) =>
  Effect.scoped(
    Effect.gen(function* () {
      const entry = workerEntry()
      if (entry instanceof InputUnreadable) return yield* entry
      const pool = yield* makeWorkerPool({
        size: options.workers,
        entry,
        init: { _tag: "Init", check: options.check, series: "all", progressEveryMs: 100, ledgerEntries: true },
      })
      const arms = new Map<string, number>()
      const ticks = new Float64Array(plan.length)
      let total = 0
      const done: Array<{ readonly record: RunRecord; readonly ledger: ReadonlyArray<LedgerEntryEncoded> } | undefined> = plan.map(() => undefined)
      yield* Effect.forEach(
        plan,
        (run) =>
          Effect.gen(function* () {
            if (!arms.has(run.variant)) arms.set(run.variant, arms.size)
            const progress = (done: number) => {
              total += done - ticks[run.index]!
              ticks[run.index] = done
              options.onProgress(total)
            }
            const outcome = yield* pool.run(
              { index: run.index, arm: arms.get(run.variant)!, name: run.variant, replicate: run.replicate, scenario: run.scenario },
              progress,
            )
            if (outcome._tag === "Failed") {
              if (outcome.error.tag === "AccountingBroken") {
                return yield* new RunFailed({ variant: run.variant, replicate: run.replicate, error: { message: outcome.error.message } })
              }
              return yield* Effect.die(new Error(`run of variant "${run.variant}", replicate ${run.replicate}: ${outcome.error.message}`))
            }
            progress(run.scenario.ticks)
            done[run.index] = { record: outcome.record, ledger: outcome.ledger ?? [] }
          }),
        { concurrency: pool.size, discard: true },
      )
      return done as Array<{ readonly record: RunRecord; readonly ledger: ReadonlyArray<LedgerEntryEncoded> }>
    }),
  )
