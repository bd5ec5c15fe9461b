import { Command } from "effect/cli"
import { experimentExitCodes, experimentFlags, runExperimentCommand } from "./experiment.js"
import { helpText } from "./help.js"
import { headlineMetrics } from "./summary.js"

/** `aigov compare FILE --out DIR`: every variant × replicate, with medians, intervals and paired differences. */
export const compare = Command.make("compare", experimentFlags, (input) => runExperimentCommand("compare", input)).pipe(
  Command.withShortDescription("compare the variants of a scenario over many replicates: medians, 90% intervals, paired differences"),
  Command.withDescription(
    helpText([
      "Runs every variant of the scenario × replicates 0..R-1 on a pool of worker threads (--workers, default one " +
        "per core) and prints, per headline metric, each variant's median and 90% interval [5%, 95%] of the final " +
        "value over replicates, and its paired difference to the first variant (the baseline) with its interval. " +
        "Paired: with common random numbers (the default) replicate r of every variant draws the same random " +
        "streams, so the difference, taken replicate by replicate, removes the noise both runs share.",
      `Headline metrics: ${headlineMetrics.join(", ")} (--metrics to choose others).`,
      "Each finished run is committed at once to DIR/runs/<variant>/<replicate>.json (temp file, then rename). " +
        "Re-running the same command resumes: runs already done (checked by their key and checksum) are skipped, " +
        "and the outputs are byte-identical to an uninterrupted run, for any number of workers. A DIR made by " +
        "another scenario is refused unless --force. At the end DIR gets:",
      "  results.json     every run (what the viewer reads); series only with --series\n" +
        "  summary.csv      one row per run: variant, replicate, seed, every final value, hash\n" +
        "  comparison.csv   the statistics above, with means and standard deviations\n" +
        "  series.csv       with --series all or --series metric,…: the series in long format\n" +
        "  failures.json    runs that failed, if any, each with the command that reproduces it",
      "A run that fails (an invariant broken, a bug) is reported with its variant, replicate and seed and the " +
        "command that reproduces it alone; the other runs go on, and the exit code is 3. --shard i/n runs one slice " +
        "of the runs (clusters: see sim/experiments/README.md), `aigov merge` joins the slices.",
      experimentExitCodes,
    ]),
  ),
  Command.withExamples([
    { command: "aigov compare scenarios/winner-take-most.yaml --replicates 50 --out out/wtm", description: "50 paired replicates of each variant" },
    { command: "aigov compare s.yaml -o out/s --workers 2 --series frontier_capability", description: "two workers, keep one series" },
    { command: "aigov compare s.yaml -o out/s --shard auto/8", description: "one of eight cluster array tasks" },
  ]),
)
