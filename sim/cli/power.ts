import { csvParse } from "d3"
import { Data, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { powerIndices } from "../metrics/power.js"
import { makeStream } from "../rng/streams.js"
import { UsageProblem, exitCodesHelp } from "./errors.js"
import { helpText } from "./help.js"
import { readText } from "./scenario.js"

/** The weights of a holders file are unusable (no numeric column, a negative balance…). */
export class WeightsInvalid extends Data.TaggedError("WeightsInvalid")<{
  readonly source: string
  readonly reason: string
}> {
  override get message(): string {
    return `${this.source}: ${this.reason}`
  }
}

interface Players {
  readonly names: ReadonlyArray<string>
  readonly weights: ReadonlyArray<number>
}

/** `--weights 4,4,4,2,2,1` → players named by their position. */
export const parseWeightList = (text: string): Players | string => {
  const parts = text.split(",").map((s) => s.trim())
  const weights = parts.map(Number)
  const bad = parts.findIndex((p, i) => p === "" || !Number.isFinite(weights[i]!) || weights[i]! < 0)
  if (bad >= 0) return `--weights: entry ${bad + 1} ("${parts[bad]}") is not a non-negative number`
  return { names: weights.map((_, i) => String(i + 1)), weights }
}

/**
 * A holders CSV (e.g. a DAO's token holders: `address,balance`): the weight is
 * `column` if given, else a column named weight/balance/votes/tokens/amount/shares,
 * else the first column whose every value is a decimal number; the name is the
 * first other column, or the row number.
 */
export const parseHolders = (text: string, source: string, column: string | undefined): Players | WeightsInvalid => {
  const rows = csvParse(text)
  const invalid = (reason: string) => new WeightsInvalid({ source, reason })
  if (rows.length === 0) return invalid("no rows (a header line and one row per holder are expected)")
  // decimal numbers only: Number("0x1f") is 31, and holder addresses are hex
  const decimal = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/
  const numeric = (c: string) => rows.every((r) => r[c] !== undefined && decimal.test(r[c]!))
  const named = rows.columns.find((c) => /^(weight|balance|votes|tokens|amount|shares)$/i.test(c.trim()) && numeric(c))
  const weightColumn = column ?? named ?? rows.columns.find(numeric)
  if (weightColumn === undefined) return invalid(`no column holds only numbers; name the weight column with --column (columns: ${rows.columns.join(", ")})`)
  if (!rows.columns.includes(weightColumn)) return invalid(`no column "${weightColumn}" (columns: ${rows.columns.join(", ")})`)
  const nameColumn = rows.columns.find((c) => c !== weightColumn)
  const weights: Array<number> = []
  for (let i = 0; i < rows.length; i++) {
    const value = Number(rows[i]![weightColumn])
    if (!Number.isFinite(value) || value < 0) return invalid(`line ${i + 2}: ${weightColumn} "${rows[i]![weightColumn]}" is not a non-negative number`)
    weights.push(value)
  }
  return { names: rows.map((r, i) => (nameColumn === undefined ? String(i + 1) : (r[nameColumn] ?? String(i + 1)))), weights }
}

/** A quota in (0, 1] is a share of the total weight; above 1 it is absolute. */
export const absoluteQuota = (quota: number, weights: ReadonlyArray<number>): number => {
  const total = weights.reduce((a, b) => a + b, 0)
  return quota <= 1 ? quota * total : quota
}

const formatTable = (players: Players, result: ReturnType<typeof powerIndices>): string => {
  const rows = players.names.map((name, i) => [
    name,
    String(players.weights[i]),
    result.banzhaf[i]!.toFixed(6),
    result.shapleyShubik[i]!.toFixed(6),
    ...(result.method === "monte-carlo"
      ? [result.standardError.banzhaf[i]!.toFixed(6), result.standardError.shapleyShubik[i]!.toFixed(6)]
      : []),
  ])
  const header = ["player", "weight", "banzhaf", "shapley_shubik", ...(result.method === "monte-carlo" ? ["banzhaf_se", "ss_se"] : [])]
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)))
  const line = (cells: ReadonlyArray<string>) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")
  return [line(header), ...rows.map(line)].join("\n")
}

/** `aigov power`: Banzhaf and Shapley–Shubik indices of a weighted voting game. */
export const power = Command.make(
  "power",
  {
    quota: Flag.Finite("quota").pipe(Flag.withDescription("winning quota: a share of the total weight if ≤ 1, else absolute")),
    weights: Flag.String("weights").pipe(Flag.optional, Flag.withDescription("comma-separated weights, e.g. 4,4,4,2,2,1")),
    file: Flag.String("file").pipe(Flag.optional, Flag.withDescription("CSV of holders (header line; one row per holder)")),
    column: Flag.String("column").pipe(Flag.optional, Flag.withDescription("the CSV column holding the weights")),
    json: Flag.Boolean("json").pipe(Flag.withDescription("print a JSON object instead of a table"), Flag.withDefault(false)),
    samples: Flag.Int("samples").pipe(Flag.withDefault(100_000), Flag.withDescription("Monte Carlo samples beyond the exact limit")),
    seed: Flag.Int("seed").pipe(Flag.withDefault(1), Flag.withDescription("seed of the Monte Carlo stream")),
  },
  (input) =>
    Effect.gen(function* () {
      const weightsFlag = Option.getOrUndefined(input.weights)
      const file = Option.getOrUndefined(input.file)
      if ((weightsFlag === undefined) === (file === undefined)) {
        return yield* new UsageProblem({ reason: "aigov power: give exactly one of --weights and --file" })
      }
      let players: Players
      if (weightsFlag !== undefined) {
        const parsed = parseWeightList(weightsFlag)
        if (typeof parsed === "string") return yield* new UsageProblem({ reason: `aigov power: ${parsed}` })
        players = parsed
      } else {
        const parsed = parseHolders(yield* readText(file!), file!, Option.getOrUndefined(input.column))
        if (parsed instanceof WeightsInvalid) return yield* parsed
        players = parsed
      }
      if (!(input.quota > 0)) return yield* new UsageProblem({ reason: `aigov power: --quota must be positive, got ${input.quota}` })
      if (input.samples < 1) return yield* new UsageProblem({ reason: `aigov power: --samples must be at least 1, got ${input.samples}` })
      const quota = absoluteQuota(input.quota, players.weights)
      const stream = makeStream(input.seed, "", 0, "power")
      const result = powerIndices(players.weights, quota, { random: stream.double, samples: input.samples })
      if (input.json) {
        process.stdout.write(
          `${JSON.stringify({
            players: players.names,
            weights: players.weights,
            quota,
            method: result.method,
            samples: result.samples,
            banzhaf: Array.from(result.banzhaf),
            shapleyShubik: Array.from(result.shapleyShubik),
            standardError: { banzhaf: Array.from(result.standardError.banzhaf), shapleyShubik: Array.from(result.standardError.shapleyShubik) },
            roundedWeights: result.roundedWeights,
          })}\n`,
        )
        return
      }
      process.stdout.write(`${formatTable(players, result)}\n\n`)
      const how =
        result.method === "exact"
          ? `exact (dynamic programming over integer weights${result.roundedWeights ? ", weights rounded to integer units" : ""})`
          : `Monte Carlo, ${result.samples} samples, seed ${input.seed} (standard errors in the _se columns)`
      process.stdout.write(`quota ${quota} of total weight ${players.weights.reduce((a, b) => a + b, 0)}; ${how}\n`)
    }),
).pipe(
  Command.withShortDescription("voting power (Banzhaf, Shapley–Shubik) of a weighted voting game"),
  Command.withDescription(
    helpText([
      "Computes the normalized Banzhaf index and the Shapley–Shubik index of every player of the " +
        "weighted voting game [quota; w1, …, wn] (a coalition wins with weight ≥ quota): exact by " +
        "dynamic programming for up to 200 players, a seeded Monte Carlo estimate with standard errors " +
        "beyond. Weights come from --weights or from a holders CSV (--file, e.g. a DAO's token holders). " +
        "--json prints an object whose `banzhaf` and `shapleyShubik` arrays follow the order of the weights.",
      exitCodesHelp,
    ]),
  ),
  Command.withExamples([
    { command: "aigov power --quota 12 --weights 4,4,4,2,2,1", description: "the EEC Council of 1958" },
    { command: "aigov power --quota 0.5 --file holders.csv --json", description: "a DAO's holders, majority quota" },
  ]),
)
