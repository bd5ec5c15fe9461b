import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Effect } from "effect"
import { CliConfig, CliOutput, Command, GlobalFlag } from "effect/cli"
import { engineVersion } from "../version.js"
import { exitCodesHelp, reportFailure, teardown } from "./errors.js"
import { helpText } from "./help.js"
import { compare } from "./compare.js"
import { explain } from "./explain.js"
import { merge } from "./merge.js"
import { power } from "./power.js"
import { run } from "./run.js"
import { schema } from "./schema.js"
import { sweep } from "./sweep.js"
import { validate } from "./validate.js"
import { verify } from "./verify.js"
import { view } from "./view.js"

/**
 * The `aigov` command line. Each command is one file exporting its Command;
 * adding one is a new file plus one entry in this list.
 */
export const aigov = Command.make("aigov").pipe(
  Command.withDescription(
    helpText([
      "Deterministic agent-based simulation of centralized vs decentralized AI governance: how fast " +
        "frontier AI grows, how many incidents happen, and who ends up holding capital, compute and " +
        "voting power under each governance regime. `aigov COMMAND --help` describes each command.",
      exitCodesHelp,
    ]),
  ),
  Command.withSubcommands([run, compare, sweep, merge, validate, schema, verify, explain, power, view]),
)

/** --help, --version and --completions; not the wizard or --log-level, which aigov has no use for */
const config = CliConfig.layer({ builtIns: [GlobalFlag.Help, GlobalFlag.Version, GlobalFlag.Completions] })

/**
 * A usage error prints the error, the usage line and where to find more on
 * stderr, not the whole help on stdout (which would bury the error).
 */
const presenter = CliOutput.layerPresenter({
  present: (event) =>
    event._tag !== "InvalidInvocation"
      ? CliOutput.defaultPresenter.present(event)
      : Effect.sync(() => {
          const command = event.commandPath.join(" ")
          const lines = event.errors.map((e) => `${command}: ${e.message}`)
          lines.push(`usage: ${event.helpDoc.usage}`, `Run "${command} --help" for more.`)
          process.stderr.write(`${lines.join("\n")}\n`)
        }),
})

// `aigov --version` also names the Node running it (npx should pick the project's Node 24)
const main = Command.run(aigov, { version: `${engineVersion} (Node ${process.version})` }).pipe(
  reportFailure,
  Effect.provide([NodeServices.layer, config, presenter]),
)

// `aigov schema | head`: a reader that stops early is not an error
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
  throw error
})

NodeRuntime.runMain(main, { disableErrorReporting: true, teardown })
