import { createHash } from "node:crypto"
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import { Data, Effect, FileSystem, Path, Result, Schema } from "effect"
import { canonicalJson, sha256Hex } from "../hash.js"
import { engineVersion } from "../version.js"
import type { Arm, Experiment, PlannedRun } from "./experiment.js"
import { SeriesSelection } from "./messages.js"
import { OutputFailed, describePlatformError } from "./outputs.js"

/**
 * The experiment directory, the durable state of `compare` and `sweep`:
 *
 *   DIR/manifest.json                    what the experiment is (arms, design, series, engine)
 *   DIR/runs/<arm>/<replicate>.json      one finished run each, committed by rename
 *
 * A run file is written to a temp file in the same directory and renamed into
 * place, so it is either absent or whole. It carries a key (the hash of every
 * input of the run: engine version and build, arm name and resolved scenario,
 * replicate, series kept) and a checksum (SHA-256 of the record's line: its
 * series, summary, flows, ledger seal and engine hash). On a re-run a file
 * counts as done only when its key is the run's and its checksum matches;
 * anything else (unreadable, torn, another run's) is run again and replaced.
 * The files are not fsynced one by one: after a power cut a renamed file may
 * be empty or torn, which its checksum then catches.
 */

/**
 * Names this process's temp files: shards on several machines may share one
 * directory, and process ids repeat across machines.
 */
const tempTag = `${hostname().replace(/[^\w-]/g, "_")}-${process.pid}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`

export const manifestFormat = "aigov-experiment/1"
export const runFileFormat = "aigov-run/2"

export const ManifestArm = Schema.Struct({
  name: Schema.String,
  variant: Schema.String,
  point: Schema.NullOr(Schema.Int),
  values: Schema.NullOr(Schema.Array(Schema.Unknown)),
  scenario: Schema.Unknown,
})

export const ManifestDesign = Schema.Struct({
  name: Schema.Literals(["factorial", "lhs", "sobol"]),
  points: Schema.Int,
  samples: Schema.NullOr(Schema.Int),
  seed: Schema.NullOr(Schema.Int),
  saltelli: Schema.NullOr(Schema.Struct({ base: Schema.Int, dimensions: Schema.Int })),
  sensitivity: Schema.NullOr(Schema.Array(Schema.String)),
})

/** What `merge` needs to rebuild the outputs without the scenario file. */
export const Manifest = Schema.Struct({
  format: Schema.Literal(manifestFormat),
  /** SHA-256 of everything below that decides the runs' outputs (not `report`) */
  identity: Schema.String,
  kind: Schema.Literals(["compare", "sweep"]),
  name: Schema.String,
  scenarioHash: Schema.String,
  engineVersion: Schema.String,
  /** SHA-256 of the worker bundle that ran the engine */
  engineBuild: Schema.String,
  series: SeriesSelection,
  runs: Schema.Int,
  parameters: Schema.Array(Schema.String),
  design: Schema.NullOr(ManifestDesign),
  arms: Schema.Array(ManifestArm),
  /** how the summary is reported (headline metrics); may change between re-runs */
  report: Schema.Struct({ metrics: Schema.Array(Schema.String) }),
})
export type Manifest = typeof Manifest.Type

export const makeManifest = (
  experiment: Experiment,
  options: { readonly engineBuild: string; readonly series: SeriesSelection; readonly metrics: ReadonlyArray<string>; readonly runs: number },
): Manifest => {
  const body = {
    kind: experiment.kind,
    name: experiment.name,
    scenarioHash: experiment.hash,
    engineVersion,
    engineBuild: options.engineBuild,
    series: options.series,
    runs: options.runs,
    parameters: experiment.parameters,
    design: experiment.design,
    arms: experiment.arms.map((a) => ({ name: a.name, variant: a.variant, point: a.point, values: a.values, scenario: a.scenario })),
  }
  return { format: manifestFormat, identity: sha256Hex(canonicalJson(body)), ...body, report: { metrics: options.metrics } }
}

/** The output directory belongs to another experiment, or is not an experiment directory. */
export class OutputConflict extends Data.TaggedError("OutputConflict")<{
  readonly path: string
  readonly reason: string
}> {
  override get message(): string {
    return `${this.path}: ${this.reason}`
  }
}

/** A file or directory name for an arm: its name, percent-encoded outside [A-Za-z0-9_-] (injective, no dots, no slashes). */
export const safeName = (name: string): string => {
  const encoded = Array.from(new TextEncoder().encode(name), (b) =>
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x2d
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
  ).join("")
  if (encoded === "") return "%"
  // file names are limited to 255 bytes: a long name keeps its start and gains a hash of the whole
  return encoded.length <= 180 ? encoded : `${encoded.slice(0, 100)}~${sha256Hex(name).slice(0, 32)}`
}

/** The first line of a run file: what the second line is, and its checksum. */
const RunFileHeader = Schema.Struct({
  format: Schema.Literal(runFileFormat),
  key: Schema.String,
  check: Schema.String,
})
const decodeHeader = Schema.decodeUnknownOption(RunFileHeader)

/**
 * SHA-256 of a record's line (UTF-8): what a run file's header promises.
 * Node's native SHA-256 (this file runs only in Node; the engine's hashes use
 * @noble/hashes so that they match in the browser).
 */
export const checksum = (recordLine: string): string => createHash("sha256").update(recordLine, "utf8").digest("hex")

export interface RunStore {
  readonly dir: string
  /** DIR/runs/<arm>/<replicate>.json */
  readonly pathOf: (run: PlannedRun) => string
  /**
   * The run's record, as the JSON line stored, if its file is whole, its key is
   * this run's and its checksum matches; undefined otherwise.
   */
  readonly read: (run: PlannedRun) => Effect.Effect<string | undefined>
  /** the run's ledger entries (a JSON array, one line), under the same conditions as `read` */
  readonly readLedger: (run: PlannedRun) => Effect.Effect<string | undefined>
  /** commits a record and its ledger (JSON lines) atomically: temp file, then rename */
  readonly write: (run: PlannedRun, recordLine: string, ledgerLine?: string) => Effect.Effect<void, OutputFailed>
}

/** What the store needs of an arm (an `Arm`, or a manifest's arm). */
export type StoreArm = Pick<Arm, "name"> & { readonly scenario: unknown }

/** The key of every arm: hash of every input its runs depend on. */
const armKeys = (arms: ReadonlyArray<StoreArm>, engineBuild: string, series: SeriesSelection): Array<string> =>
  arms.map((arm) => sha256Hex(canonicalJson({ engineVersion, engineBuild, name: arm.name, scenario: arm.scenario, series })))

/**
 * The run files of an experiment directory. A run file is three lines:
 *
 *   {"format":"aigov-run/2","key":"<run key>","check":"<SHA-256 of the next two lines>"}
 *   {"variant":…,"replicate":…,"seed":…,"hash":…,"summary":{…},"series":{…},"flows":[…],…}
 *   [{"index":0,"tick":…,"kind":…,"data":{…},"prev":…,"hash":…},…]
 *
 * the second being the run's record exactly as it goes into results.json, the
 * third its governance ledger (the entries that go into ledger.jsonl; [] without governance).
 */
export const runStore = (
  dir: string,
  arms: ReadonlyArray<StoreArm>,
  options: { readonly engineBuild: string; readonly series: SeriesSelection },
): Effect.Effect<RunStore, never, Path.Path> =>
  Effect.gen(function* () {
    const path = yield* Path.Path
    const keys = armKeys(arms, options.engineBuild, options.series)
    const armDirs = arms.map((arm) => path.join(dir, "runs", safeName(arm.name)))
    const made = new Set<number>()
    // each arm's directory listing, read once: most runs of a fresh experiment have no file yet
    const listings = new Map<number, Set<string>>()
    let temps = 0
    const keyOf = (run: PlannedRun) => `${keys[run.arm]!}/${run.replicate}`
    const fileOf = (run: PlannedRun) => `${run.replicate}.json`
    const pathOf = (run: PlannedRun) => path.join(armDirs[run.arm]!, fileOf(run))

    const listed = (run: PlannedRun): boolean => {
      let names = listings.get(run.arm)
      if (names === undefined) {
        try {
          names = new Set(readdirSync(armDirs[run.arm]!))
        } catch {
          names = new Set()
        }
        listings.set(run.arm, names)
      }
      return names.has(fileOf(run))
    }

    // Reads are synchronous: tens of thousands of small files, read one after the other
    // (resume, merge, outputs), are about twice as fast without a thread-pool round trip each.
    const parse = (run: PlannedRun): { readonly record: string; readonly ledger: string } | undefined => {
        if (!listed(run)) return undefined
        let text: string
        try {
          text = readFileSync(pathOf(run), "utf8")
        } catch {
          return undefined
        }
        const newline = text.indexOf("\n")
        if (newline < 0 || !text.endsWith("\n")) return undefined
        let header: unknown
        try {
          header = JSON.parse(text.slice(0, newline))
        } catch {
          return undefined
        }
        const decoded = decodeHeader(header)
        if (decoded._tag === "None") return undefined
        const body = text.slice(newline + 1, -1)
        if (decoded.value.key !== keyOf(run) || decoded.value.check !== checksum(body)) return undefined
        const split = body.indexOf("\n")
        if (split < 0) return undefined
        return { record: body.slice(0, split), ledger: body.slice(split + 1) }
      }
    const read = (run: PlannedRun): Effect.Effect<string | undefined> => Effect.sync(() => parse(run)?.record)
    const readLedger = (run: PlannedRun): Effect.Effect<string | undefined> => Effect.sync(() => parse(run)?.ledger)

    // Writes are synchronous too: one small file and a rename per run, thousands a second,
    // cost less this way than as a chain of asynchronous file operations (time and garbage).
    const write = (run: PlannedRun, recordLine: string, ledgerLine = "[]"): Effect.Effect<void, OutputFailed> =>
      Effect.suspend(() => {
        const armDir = armDirs[run.arm]!
        const final = pathOf(run)
        const tmp = path.join(armDir, `.${run.replicate}.json.tmp-${tempTag}-${temps++}`)
        let at = armDir
        try {
          if (!made.has(run.arm)) {
            mkdirSync(armDir, { recursive: true })
            made.add(run.arm)
          }
          const body = `${recordLine}\n${ledgerLine}`
          const header = JSON.stringify({ format: runFileFormat, key: keyOf(run), check: checksum(body) })
          at = tmp
          writeFileSync(tmp, `${header}\n${body}\n`)
          at = final
          renameSync(tmp, final)
        } catch (error) {
          return Effect.fail(new OutputFailed({ path: at, reason: describeNodeError(error) }))
        }
        listings.get(run.arm)?.add(fileOf(run))
        return Effect.void
      })

    return { dir, pathOf, read, readLedger, write }
  })

const describeNodeError = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code
  if (code === "ENOENT") return "no such file or directory"
  if (code === "EACCES" || code === "EPERM") return "permission denied"
  if (code === "ENOSPC") return "no space left on the device"
  return error instanceof Error ? error.message : String(error)
}

const outputError = (path: string) => (e: Parameters<typeof describePlatformError>[0]) => new OutputFailed({ path, reason: describePlatformError(e) })

/**
 * Makes `dir` ready for the experiment: creates it, or checks that the
 * manifest already there is this experiment's (refusing another one's unless
 * `force`), and writes the manifest. With `sole` (not a shard), temp files left
 * by a killed run are removed.
 */
export const prepareDirectory = (
  dir: string,
  manifest: Manifest,
  options: { readonly force: boolean; readonly sole: boolean },
): Effect.Effect<void, OutputConflict | OutputFailed, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const manifestPath = path.join(dir, "manifest.json")
    const text = `${JSON.stringify(manifest)}\n`
    const exists = yield* fs.exists(dir).pipe(Effect.mapError(outputError(dir)))
    if (exists) {
      const info = yield* fs.stat(dir).pipe(Effect.mapError(outputError(dir)))
      if (info.type !== "Directory") return yield* new OutputFailed({ path: dir, reason: "exists and is not a directory" })
      // another shard's temp files (it is writing the manifest right now) do not make the directory foreign
      const entries = (yield* fs.readDirectory(dir).pipe(Effect.mapError(outputError(dir)))).filter((e) => !(e.startsWith(".") && e.includes(".tmp-")))
      if (entries.includes("manifest.json")) {
        const old = yield* fs.readFileString(manifestPath).pipe(Effect.orElseSucceed(() => ""))
        if (old === text) return yield* cleanTemps(dir, options.sole)
        let identity: unknown
        let hash: unknown
        try {
          const parsed = JSON.parse(old) as Record<string, unknown>
          identity = parsed.identity
          hash = parsed.scenarioHash
        } catch {}
        if (identity !== manifest.identity && !options.force) {
          const why = hash === manifest.scenarioHash
            ? "holds this scenario's runs made with other settings (engine build, --series)"
            : `holds the runs of another scenario (hash ${String(hash).slice(0, 12)}…, this one ${manifest.scenarioHash.slice(0, 12)}…)`
          return yield* new OutputConflict({
            path: dir,
            reason: `${why}; use another --out, or --force to reuse the directory (runs whose inputs still match are kept, the others are run again)`,
          })
        }
      } else if (entries.length > 0 && !options.force) {
        return yield* new OutputConflict({
          path: dir,
          reason: "exists, is not empty and is not an experiment directory (no manifest.json); use another --out, or --force to write into it",
        })
      }
    } else {
      yield* fs.makeDirectory(dir, { recursive: true }).pipe(Effect.mapError(outputError(dir)))
    }
    const tmp = path.join(dir, `.manifest.json.tmp-${tempTag}`)
    yield* fs.writeFileString(tmp, text).pipe(Effect.mapError(outputError(tmp)))
    yield* fs.rename(tmp, manifestPath).pipe(Effect.mapError(outputError(manifestPath)))
    yield* cleanTemps(dir, options.sole)
  })

/** Removes temp files a killed run left in DIR and DIR/runs/*, when this process is the directory's only writer. */
const cleanTemps = (dir: string, sole: boolean) =>
  Effect.gen(function* () {
    if (!sole) return
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    // the outputs' temp files of a run killed while writing them (outputs.ts names them .NAME.tmp-PID)
    const top = yield* fs.readDirectory(dir).pipe(Effect.orElseSucceed(() => [] as Array<string>))
    for (const file of top) {
      if (file.startsWith(".") && file.includes(".tmp-")) yield* fs.remove(path.join(dir, file), { force: true }).pipe(Effect.ignore)
    }
    const runs = path.join(dir, "runs")
    const arms = yield* fs.readDirectory(runs).pipe(Effect.orElseSucceed(() => [] as Array<string>))
    for (const arm of arms) {
      const files = yield* fs.readDirectory(path.join(runs, arm)).pipe(Effect.orElseSucceed(() => [] as Array<string>))
      for (const file of files) {
        if (file.startsWith(".") && file.includes(".tmp-")) yield* fs.remove(path.join(runs, arm, file), { force: true }).pipe(Effect.ignore)
      }
    }
  })

/** Reads and decodes DIR/manifest.json (for `merge`). */
export const readManifest = (dir: string): Effect.Effect<Manifest | string, never, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const file = path.join(dir, "manifest.json")
    const read = yield* Effect.result(fs.readFileString(file))
    if (Result.isFailure(read)) return `${file}: ${describePlatformError(read.failure)}`
    const text = read.success
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return `${file}: not JSON`
    }
    const decoded = Schema.decodeUnknownOption(Manifest)(parsed)
    if (decoded._tag === "None") return `${file}: not an aigov experiment manifest (${manifestFormat})`
    return decoded.value
  })
