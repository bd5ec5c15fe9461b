import { Command, Flag } from "effect/cli"
import { experimentExitCodes, experimentFlags, runExperimentCommand } from "./experiment.js"
import { helpText } from "./help.js"

/** `aigov sweep FILE --out DIR`: the design points of the file's `sweep` block × replicates. */
export const sweep = Command.make(
  "sweep",
  {
    ...experimentFlags,
    dryRun: Flag.Boolean("dry-run").pipe(
      Flag.withDescription("validate every design point and print the design; run nothing"),
      Flag.withDefault(false),
    ),
  },
  ({ dryRun, ...input }) => runExperimentCommand("sweep", input, { dryRun }),
).pipe(
  Command.withShortDescription("sweep parameters over a design (factorial, Latin hypercube, Sobol) with optional Sobol indices"),
  Command.withDescription(
    helpText([
      "Reads the scenario's `sweep` block and runs every design point (of every variant) × replicates on a pool " +
        "of worker threads. Parameters are named by their path in the scenario:",
      "  sweep:\n" +
        "    design: sobol            # factorial (values: [...]), lhs or sobol (min, max; scale: log; integer: true)\n" +
        "    samples: 256             # lhs, sobol: points; with sensitivity the base sample N (N·(d+2) points)\n" +
        "    sensitivity: true        # sobol only: first-order and total Sobol indices of the headline metrics\n" +
        "    parameters:\n" +
        "      economy.winnerTakeMost: { min: 0.5, max: 3 }\n" +
        "      risk.baseHazard: { min: 0.001, max: 0.1, scale: log }",
      "Every design point's scenario is validated with the scenario loader before any run: a bad path or an " +
        "out-of-range value is reported by path and the command exits 1. Outputs, resuming, sharding and failures " +
        "work as for `aigov compare`; per-point statistics go to points.csv and Sobol indices to sensitivity.csv.",
      experimentExitCodes,
    ]),
  ),
  Command.withExamples([
    { command: "aigov sweep sweep.yaml --out out/sweep --replicates 4", description: "run a sweep, 4 replicates per point" },
    { command: "aigov sweep sweep.yaml --out out/sweep --dry-run", description: "check the design without running it" },
  ]),
)
