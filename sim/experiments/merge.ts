import { Data, Effect, type FileSystem, Path } from "effect"
import type { PlannedRun } from "./experiment.js"
import { type Finalized, finalize } from "./finalize.js"
import type { OutputFailed } from "./outputs.js"
import { type Manifest, type OutputConflict, prepareDirectory, readManifest, runStore } from "./store.js"

/**
 * `aigov merge`: joins the directories of the shards of one experiment into one
 * directory whose outputs are byte-identical to a single-machine run. Each run
 * is taken from the first directory holding a valid record of it (right key,
 * right checksum); the merged directory then holds every run and is assembled
 * exactly as `compare` or `sweep` assemble their own.
 */

/** The shard directories cannot be merged: not experiments, different experiments, or runs missing. */
export class MergeFailed extends Data.TaggedError("MergeFailed")<{
  readonly reason: string
}> {
  override get message(): string {
    return this.reason
  }
}

/** The plan of a manifest: its arms in order, replicates 0..R−1 of each. */
export const manifestPlan = (manifest: Manifest): Array<PlannedRun> => {
  const plan: Array<PlannedRun> = []
  manifest.arms.forEach((arm, a) => {
    const replicates = (arm.scenario as { readonly replicates?: number }).replicates ?? 0
    for (let replicate = 0; replicate < replicates; replicate++) plan.push({ index: plan.length, arm: a, replicate })
  })
  return plan
}

export interface MergeOutcome {
  readonly manifest: Manifest
  readonly copied: number
  readonly finalized: Finalized
}

/** Most missing runs named one by one in the error. */
const maxListed = 10

export const mergeExperiments = (
  out: string,
  dirs: ReadonlyArray<string>,
  options: { readonly force: boolean; readonly onProgress?: (done: number, total: number) => void },
): Effect.Effect<MergeOutcome, MergeFailed | OutputConflict | OutputFailed, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const path = yield* Path.Path
    const manifests: Array<Manifest> = []
    const problems: Array<string> = []
    for (const dir of dirs) {
      const manifest = yield* readManifest(dir)
      if (typeof manifest === "string") problems.push(manifest)
      else manifests.push(manifest)
    }
    if (problems.length > 0) return yield* new MergeFailed({ reason: `cannot merge:\n${problems.map((p) => `  ${p}`).join("\n")}` })
    const manifest = manifests[0]!
    const others = manifests.flatMap((m, i) => (m.identity === manifest.identity ? [] : [dirs[i]!]))
    if (others.length > 0) {
      return yield* new MergeFailed({
        reason: `cannot merge: ${others.join(", ")} ${others.length === 1 ? "holds" : "hold"} another experiment than ${dirs[0]} ` +
          "(a different scenario, command-line overrides, --series or engine build)",
      })
    }
    const plan = manifestPlan(manifest)
    const settings = { engineBuild: manifest.engineBuild, series: manifest.series }
    yield* prepareDirectory(out, manifest, { force: options.force, sole: true })
    const target = yield* runStore(out, manifest.arms, settings)
    const outPath = path.resolve(out)
    const sources = []
    for (const dir of dirs) if (path.resolve(dir) !== outPath) sources.push(yield* runStore(dir, manifest.arms, settings))

    const missing: Array<PlannedRun> = []
    let copied = 0
    for (const [done, run] of plan.entries()) {
      options.onProgress?.(done, plan.length)
      if ((yield* target.read(run)) !== undefined) continue
      let found = false
      for (const source of sources) {
        const line = yield* source.read(run)
        if (line === undefined) continue
        yield* target.write(run, line, (yield* source.readLedger(run)) ?? "[]")
        copied++
        found = true
        break
      }
      if (!found) missing.push(run)
    }
    options.onProgress?.(plan.length, plan.length)
    if (missing.length > 0) {
      const named = missing.slice(0, maxListed).map((run) => `  run ${run.index}: ${manifest.arms[run.arm]!.name}, replicate ${run.replicate}`)
      if (missing.length > maxListed) named.push(`  … and ${missing.length - maxListed} more`)
      return yield* new MergeFailed({
        reason: `cannot merge: ${missing.length} of ${plan.length} runs are in none of the directories (a shard still running, failed or not given):\n${named.join("\n")}\n` +
          `(with --shard i/n, run k belongs to shard k mod n; the runs found were copied into ${out}, so re-running the missing shards into it and merging again completes it)`,
      })
    }
    const finalized = yield* finalize(out, manifest, target, plan, { failures: [] })
    return { manifest, copied, finalized }
  })
