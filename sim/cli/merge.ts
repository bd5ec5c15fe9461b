import { Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { mergeExperiments } from "../experiments/merge.js"
import { experimentExitCodes } from "./experiment.js"
import { helpText } from "./help.js"
import { comparisonText, headerText, sweepText, wroteText } from "./report.js"
import { runProgress } from "./run-progress.js"

/** `aigov merge DIR… --out OUT`: joins shard directories into the outputs of a single-machine run. */
export const merge = Command.make(
  "merge",
  {
    dirs: Argument.String("dir").pipe(
      Argument.withDescription("the shards' --out directories (OUT itself may be one of them)"),
      Argument.variadic({ min: 1 }),
    ),
    out: Flag.String("out").pipe(Flag.withAlias("o"), Flag.withMetavar("dir"), Flag.withDescription("the merged experiment directory")),
    force: Flag.Boolean("force").pipe(
      Flag.withDescription("write into an --out directory made by another experiment"),
      Flag.withDefault(false),
    ),
    quiet: Flag.Boolean("quiet").pipe(Flag.withAlias("q"), Flag.withDescription("no progress on stderr"), Flag.withDefault(false)),
  },
  ({ dirs, out, force, quiet }) =>
    Effect.gen(function* () {
      const progress = runProgress("aigov merge", { quiet })
      const merged = yield* mergeExperiments(out, dirs, { force, onProgress: progress.update }).pipe(Effect.ensuring(Effect.sync(progress.finish)))
      const { manifest, finalized } = merged
      const body = manifest.kind === "compare" ? comparisonText(manifest, finalized.statistics) : sweepText(manifest, finalized)
      const header = headerText(manifest, dirs.join(", "), null)
      header.push(`merged    ${dirs.length} director${dirs.length === 1 ? "y" : "ies"}, ${merged.copied} run files copied`)
      process.stdout.write(`${[...header, "", ...body, "", ...wroteText(finalized.paths)].join("\n")}\n`)
    }),
).pipe(
  Command.withShortDescription("join the shards of a compare or sweep into one result"),
  Command.withDescription(
    helpText([
      "Joins the directories written by `aigov compare … --shard i/n` or `aigov sweep … --shard i/n` (one per " +
        "shard, or one shared directory) into OUT, whose results.json, summary.csv and statistics are " +
        "byte-identical to those of the same command run on one machine. Every directory must hold the same " +
        "experiment (same manifest identity); every run of the plan must be in one of them (checked by its key " +
        "and checksum), or merge names the missing runs and exits 1.",
      experimentExitCodes,
    ]),
  ),
  Command.withExamples([
    { command: "aigov merge out/shard-0 out/shard-1 out/shard-2 --out out/all", description: "join three shards" },
  ]),
)
