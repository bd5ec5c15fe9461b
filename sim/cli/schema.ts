import { Effect, Option, Path, Schema } from "effect"
import { Command, Flag } from "effect/cli"
import { atomicOutputs } from "../experiments/outputs.js"
import { ScenarioFile } from "../scenario/schema.js"
import { exitCodesHelp } from "./errors.js"
import { helpText } from "./help.js"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }
type JsonObject = { [key: string]: Json }

const isObject = (u: unknown): u is JsonObject => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Adds `default` to every property the loader fills in when a file leaves it
 * out, taken from decoding a file that names nothing but `name`, so editors
 * show the value a key takes when omitted. Nested objects with their own
 * properties get defaults on their leaves instead.
 */
const addDefaults = (schema: Json, defaults: unknown): Json => {
  if (!isObject(schema) || !isObject(schema.properties) || !isObject(defaults)) return schema
  const required = Array.isArray(schema.required) ? schema.required : []
  const properties: JsonObject = {}
  for (const [key, property] of Object.entries(schema.properties)) {
    const value = (defaults as Record<string, unknown>)[key]
    if (required.includes(key)) properties[key] = property
    else if (isObject(property) && isObject(property.properties)) properties[key] = addDefaults(property, value)
    else if (isObject(property) && value !== undefined) properties[key] = { ...property, default: value as Json }
    else properties[key] = property
  }
  return { ...schema, properties }
}

/**
 * The JSON Schema (draft 2020-12) of a scenario file, as a standalone document
 * an editor can use (`$schema`, `title`, `$defs`). Effect's document gives the
 * body: types, `minimum`/`maximum`, enums, `description`s and
 * `additionalProperties: false`, the loader's refusal of unknown keys.
 */
export const scenarioJsonSchema = (): JsonObject => {
  const document = Schema.toJsonSchemaDocument(ScenarioFile, { onExcessProperty: "error" })
  const defaults = Schema.decodeUnknownSync(ScenarioFile)({ name: "x" })
  const body = addDefaults(JSON.parse(JSON.stringify(document.schema)) as Json, defaults) as JsonObject
  const definitions = JSON.parse(JSON.stringify(document.definitions)) as JsonObject
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "aigov scenario",
    description:
      "An aigov scenario file (YAML or JSON). Every key but `name` has a default; a tick is one month; " +
      "money in USD, compute in H100-equivalents. See sim/MODEL.md.",
    ...body,
    ...(Object.keys(definitions).length > 0 ? { $defs: definitions } : {}),
  }
}

/** `aigov schema [--out FILE]`: the JSON Schema of scenario files, for editors. */
export const schema = Command.make(
  "schema",
  {
    out: Flag.String("out").pipe(
      Flag.withAlias("o"),
      Flag.withMetavar("file"),
      Flag.withDescription("write to FILE (atomically) instead of stdout"),
      Flag.optional,
    ),
  },
  ({ out }) =>
    Effect.gen(function* () {
      const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`
      if (Option.isNone(out)) {
        process.stdout.write(text)
        return
      }
      const path = yield* Path.Path
      yield* Effect.scoped(
        Effect.gen(function* () {
          const outputs = yield* atomicOutputs(path.dirname(out.value))
          yield* outputs.writeWhole(path.basename(out.value), text)
          yield* outputs.commit
        }),
      )
    }),
).pipe(
  Command.withShortDescription("print the JSON Schema of scenario files (for editors)"),
  Command.withDescription(
    helpText([
      "Prints the JSON Schema (draft 2020-12) of scenario files: every key with its type, bounds, default " +
        "and description; unknown keys are errors. Point your editor at it, e.g. with this first line in " +
        "a YAML scenario:",
      "  # yaml-language-server: $schema=../scenario.schema.json",
      exitCodesHelp,
    ]),
  ),
  Command.withExamples([{ command: "aigov schema > scenario.schema.json", description: "save it for your editor" }]),
)
