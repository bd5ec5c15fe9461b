import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Scenario } from "../../sim/scenario/schema.js"
import { aigov, ensureBuilt, tempDir } from "./helpers.js"

interface JsonSchema {
  readonly [key: string]: unknown
  readonly properties?: Readonly<Record<string, JsonSchema>>
}

let temp: ReturnType<typeof tempDir>
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir()
})
afterAll(() => temp?.cleanup())

describe("aigov schema", () => {
  it("prints a standalone draft 2020-12 JSON Schema with descriptions, bounds and defaults", () => {
    const r = aigov(["schema"])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe("")
    const schema = JSON.parse(r.stdout) as JsonSchema
    const properties = schema.properties!
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema")
    expect(schema.type).toBe("object")
    expect(schema.required).toEqual(["name"])
    expect(Object.keys(properties)).toEqual(expect.arrayContaining([...Object.keys(Scenario.fields), "variants"]))
    // unknown keys are errors, as in the loader
    expect(schema.additionalProperties).toBe(false)
    expect(properties.ticks).toMatchObject({
      type: "integer",
      minimum: 1,
      maximum: 100_000,
      description: "months to simulate",
      default: 120,
    })
    const depreciation = properties.economy!.properties!.depreciation!
    expect(depreciation).toMatchObject({ minimum: 0, maximum: 1, default: 1 / 48 })
    expect(depreciation.description).toMatch(/compute fleet/)
    expect(properties.populations!.properties!.citizens!.additionalProperties).toBe(false)
    expect(properties.name).not.toHaveProperty("default")
  })

  it("--out writes the same document to a file", () => {
    const file = join(temp.dir, "nested", "scenario.schema.json")
    const r = aigov(["schema", "--out", file])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe("")
    expect(readFileSync(file, "utf8")).toBe(aigov(["schema"]).stdout)
  })
})
