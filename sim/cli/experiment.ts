import { Effect, type FileSystem, Option, type Path, Result } from "effect"
import { Argument, Flag } from "effect/cli"
import { type Experiment, compareExperiment, formatValue, sweepExperiment } from "../experiments/experiment.js"
import type { SeriesSelection } from "../experiments/messages.js"
import { type ExperimentOutcome, runExperiment } from "../experiments/runner.js"
import { type Shard, parseShard } from "../experiments/shard.js"
import { makeManifest } from "../experiments/store.js"
import { runOnce } from "../run.js"
import type { LoadOptions } from "../scenario/load.js"
import { type Problem, ScenarioInvalid } from "../scenario/problems.js"
import type { Scenario } from "../scenario/schema.js"
import { InputUnreadable, RunsFailed, UsageProblem } from "./errors.js"
import { comparisonText, failuresText, headerText, sweepText, wroteText } from "./report.js"
import { runProgress } from "./run-progress.js"
import { maxRunBytes, readText } from "./scenario.js"
import { headlineMetrics } from "./summary.js"
import { defaultWorkers, engineBuild, workerEntry, workersThatFit } from "./workers.js"

/** The flags `compare` and `sweep` share, and the body both run. */

/** The exit codes of compare, sweep and merge (a failed run does not stop the others, an interrupt keeps what is done). */
export const experimentExitCodes = [
  "Exit codes:",
  "  0  ok",
  "  1  invalid scenario or sweep, an input file missing or unreadable, an --out directory of another",
  "     experiment, shards that cannot be merged",
  "  2  usage error (unknown command or flag, bad or missing argument, --shard, an unknown metric)",
  "  3  some runs failed, each reported with the command that reproduces it; the others were written",
  "  4  output could not be written, or an internal error (a bug: please report it)",
  "  130  interrupted (Ctrl-C): finished runs are kept; the same command resumes",
].join("\n")

export const experimentFlags = {
  file: Argument.String("file").pipe(Argument.withDescription("the scenario file (YAML or JSON)")),
  out: Flag.String("out").pipe(
    Flag.withAlias("o"),
    Flag.withMetavar("dir"),
    Flag.withDescription("experiment directory: runs/, manifest.json and the outputs (created if missing; a re-run resumes it)"),
  ),
  replicates: Flag.Int("replicates").pipe(
    Flag.withAlias("r"),
    Flag.withDescription("replicates per variant (per design point), instead of the file's `replicates`"),
    Flag.optional,
  ),
  seed: Flag.Int("seed").pipe(Flag.withDescription("base seed, instead of the file's `seed`"), Flag.optional),
  ticks: Flag.Int("ticks").pipe(Flag.withDescription("months to simulate, instead of the file's `ticks`"), Flag.optional),
  workers: Flag.Int("workers").pipe(
    Flag.withAlias("w"),
    Flag.withDescription("worker threads (default: one per core)"),
    Flag.optional,
  ),
  series: Flag.String("series").pipe(
    Flag.withMetavar("all|none|metric,…"),
    Flag.withDescription("per-run series to keep (in the run files, results.json and series.csv): all, none, or the named metrics"),
    Flag.withDefault("none"),
  ),
  metrics: Flag.String("metrics").pipe(
    Flag.withMetavar("metric,…"),
    Flag.withDescription(`metrics of the summary statistics (default: ${headlineMetrics.join(",")})`),
    Flag.optional,
  ),
  shard: Flag.String("shard").pipe(
    Flag.withMetavar("i/n|auto/n"),
    Flag.withDescription(
      "run only the i-th of n slices (run k belongs to shard k mod n); auto takes i from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID. Join the shards with `aigov merge`",
    ),
    Flag.optional,
  ),
  force: Flag.Boolean("force").pipe(
    Flag.withDescription("reuse an --out directory made by another experiment (runs whose inputs still match are kept)"),
    Flag.withDefault(false),
  ),
  check: Flag.Boolean("check").pipe(
    Flag.withDescription("verify the accounts after every phase of every tick (slower); a run that breaks them is reported and fails"),
    Flag.withDefault(false),
  ),
  quiet: Flag.Boolean("quiet").pipe(Flag.withAlias("q"), Flag.withDescription("no progress on stderr"), Flag.withDefault(false)),
}

export interface ExperimentInput {
  readonly file: string
  readonly out: string
  readonly replicates: Option.Option<number>
  readonly seed: Option.Option<number>
  readonly ticks: Option.Option<number>
  readonly workers: Option.Option<number>
  readonly series: string
  readonly metrics: Option.Option<string>
  readonly shard: Option.Option<string>
  readonly force: boolean
  readonly check: boolean
  readonly quiet: boolean
}

const list = (text: string) => text.split(",").map((s) => s.trim()).filter((s) => s !== "")

/** The metric names a run of `scenario` reports (a one-tick run of it). */
const knownMetrics = (scenario: Scenario): Set<string> => {
  const run = runOnce("probe", { ...scenario, ticks: 1 }, 0)
  return new Set([...Object.keys(run.summary), ...Object.keys(run.series)])
}

const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)

/** The command-line overrides of the file, as flags (for the reproduce command) and as loader overrides. */
const overridesOf = (input: ExperimentInput) => {
  const overrides: Record<string, number> = {}
  const flags: Record<string, string> = {}
  const args: Array<string> = []
  for (const key of ["replicates", "seed", "ticks"] as const) {
    const value = input[key]
    if (Option.isSome(value)) {
      overrides[key] = value.value
      flags[key] = `--${key}`
      args.push(`--${key}`, String(value.value))
    }
  }
  return { overrides, flags, args }
}

/** Reads the file and builds the experiment; problems by path, the flag named when a flag set the value. */
export const loadExperiment = (
  kind: "compare" | "sweep",
  file: string,
  overrides: Readonly<Record<string, unknown>>,
  flags: Readonly<Record<string, string>>,
): Effect.Effect<Experiment, ScenarioInvalid | InputUnreadable, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const text = yield* readText(file)
    const options: LoadOptions = { overrides, maxRunBytes: maxRunBytes() }
    const built = kind === "compare" ? compareExperiment(text, file, options) : sweepExperiment(text, file, options)
    if (Result.isSuccess(built)) return built.success
    const problems = built.failure.problems.map((p) =>
      flags[p.path] === undefined ? p : { path: p.path, message: `${p.message} (set by ${flags[p.path]})` },
    )
    return yield* new ScenarioInvalid({ source: built.failure.source, problems })
  })

/** Parses --series, --metrics and the sweep's sensitivity metrics, checking every name against what a run reports. */
const settingsOf = (experiment: Experiment, input: ExperimentInput) =>
  Effect.gen(function* () {
    const series: SeriesSelection = input.series === "all" || input.series === "none" ? input.series : list(input.series)
    if (Array.isArray(series) && series.length === 0) return yield* new UsageProblem({ reason: "--series takes all, none, or metric names separated by commas" })
    const metrics = Option.isSome(input.metrics) ? list(input.metrics.value) : [...headlineMetrics]
    if (metrics.length === 0) return yield* new UsageProblem({ reason: "--metrics takes metric names separated by commas" })
    const sensitivity = experiment.design?.sensitivity ?? []
    if (Array.isArray(series) || Option.isSome(input.metrics) || sensitivity.length > 0) {
      const known = knownMetrics(experiment.arms[0]!.scenario)
      const sorted = [...known].sort().join(", ")
      const unknownFlags = [...(Array.isArray(series) ? series : []), ...(Option.isSome(input.metrics) ? metrics : [])].filter((m) => !known.has(m))
      if (unknownFlags.length > 0) {
        return yield* new UsageProblem({ reason: `unknown metric${unknownFlags.length === 1 ? "" : "s"} ${unknownFlags.map((m) => `"${m}"`).join(", ")}; a run reports: ${sorted}` })
      }
      const problems: Array<Problem> = []
      sensitivity.forEach((m, i) => {
        if (!known.has(m)) problems.push({ path: `sweep.sensitivity[${i}]`, message: `unknown metric "${m}"; a run reports: ${sorted}` })
      })
      if (problems.length > 0) return yield* new ScenarioInvalid({ source: experiment.source, problems })
    }
    let shard: Shard | null = null
    if (Option.isSome(input.shard)) {
      const parsed = parseShard(input.shard.value, process.env)
      if (typeof parsed === "string") return yield* new UsageProblem({ reason: parsed })
      shard = parsed
    }
    const requested = Option.getOrElse(input.workers, defaultWorkers)
    if (requested < 1) return yield* new UsageProblem({ reason: `--workers must be at least 1, got ${requested}` })
    const { workers, note } = workersThatFit(requested, experiment.arms.map((a) => a.scenario))
    if (note !== undefined && !input.quiet) process.stderr.write(`aigov: ${note}\n`)
    return { series, metrics, shard, workers }
  })

/** `compare` and `sweep`: build, run (resuming), report; exit 3 when some runs failed. */
export const runExperimentCommand = (
  kind: "compare" | "sweep",
  input: ExperimentInput,
  extra: { readonly dryRun?: boolean } = {},
): Effect.Effect<void, unknown, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const started = performance.now()
    const { overrides, flags, args } = overridesOf(input)
    const experiment = yield* loadExperiment(kind, input.file, overrides, flags)
    const settings = yield* settingsOf(experiment, input)
    const entry = workerEntry()
    if (entry instanceof InputUnreadable) return yield* entry
    const build = engineBuild(entry)
    if (extra.dryRun === true) {
      const manifest = makeManifest(experiment, { engineBuild: build, series: settings.series, metrics: settings.metrics, runs: countRuns(experiment) })
      const rows = experiment.arms.slice(0, 50).map((a) => `  ${a.name}  ${experiment.parameters.map((p, k) => `${p}=${formatValue(a.values?.[k])}`).join("  ")}`)
      if (experiment.arms.length > 50) rows.push(`  … and ${experiment.arms.length - 50} more`)
      process.stdout.write(`${[...headerText(manifest, input.file, null), "", "every design point is valid:", ...rows].join("\n")}\n`)
      return
    }
    const label = `aigov ${kind}`
    const progress = runProgress(label, { quiet: input.quiet })
    const outcome: ExperimentOutcome = yield* runExperiment(experiment, {
      dir: input.out,
      workers: settings.workers,
      workerEntry: entry,
      engineBuild: build,
      check: input.check,
      series: settings.series,
      metrics: settings.metrics,
      shard: settings.shard,
      force: input.force,
      onProgress: progress.update,
      reproduce: (run) =>
        [
          "aigov run",
          quote(input.file),
          ...(kind === "sweep" ? pointFlags(run.arm, run.variant) : ["--variant", quote(run.variant)]),
          "--replicate",
          String(run.replicate),
          ...args,
          "--check",
          "--out",
          quote(`${input.out.replace(/\/+$/, "")}/reproduce`),
        ].join(" "),
    }).pipe(Effect.ensuring(Effect.sync(progress.finish)))
    const seconds = (performance.now() - started) / 1000
    const manifest = makeManifest(experiment, { engineBuild: build, series: settings.series, metrics: settings.metrics, runs: outcome.planned })
    const line = { ran: outcome.ran, skipped: outcome.skipped, failed: outcome.failures.length, seconds, workers: outcome.workers }
    if (outcome.failures.length > 0) process.stderr.write(`${failuresText(outcome.failures, outcome.owned)}\n`)
    if (outcome.finalized === null) {
      const shard = settings.shard!
      process.stdout.write(
        `${[
          ...headerText(manifest, input.file, line).map((l) => l.replace(/^runs {6}/, `shard     ${shard.index}/${shard.count}: ${outcome.owned} of ${outcome.planned} runs; `)),
          "",
          `when all ${shard.count} shards are done, join them: aigov merge SHARD_DIR… --out MERGED_DIR (each shard's --out, or the one directory they share)`,
        ].join("\n")}\n`,
      )
    } else {
      const body = kind === "compare" ? comparisonText(manifest, outcome.finalized.statistics) : sweepText(manifest, outcome.finalized)
      process.stdout.write(`${[...headerText(manifest, input.file, line), "", ...body, "", ...wroteText(outcome.finalized.paths)].join("\n")}\n`)
    }
    if (outcome.failures.length > 0) return yield* new RunsFailed({ failed: outcome.failures.length, total: outcome.owned })
  })

/** `--point p07`, with `--variant V` when the file names variants (the arm is then `V/p07`). */
const pointFlags = (arm: string, variant: string): Array<string> => {
  const point = arm.slice(arm.lastIndexOf("/") + 1)
  return [...(arm === point ? [] : ["--variant", quote(variant)]), "--point", point]
}

const countRuns = (experiment: Experiment): number => experiment.arms.reduce((n, a) => n + a.scenario.replicates, 0)
