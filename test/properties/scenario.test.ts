import fc from "fast-check"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { loadScenarioText, resolveScenario } from "../../sim/scenario/load.js"
import { defaultPhases, Scenario, ScenarioFile } from "../../sim/scenario/schema.js"
import { bounds, type BoundedPath, scenario, toYaml } from "./arbitraries.js"
import { baseOf, check } from "./support.js"

/** Paths the generator draws integers for: the JSON Schema must say `integer` there. */
const integerPaths: ReadonlyArray<BoundedPath> = [
  "seed",
  "ticks",
  "replicates",
  "populations.labs.count",
  "populations.providers.count",
  "populations.investors.count",
  "populations.citizens.count",
  "populations.auditors.count",
  "economy.capacityLag",
  "metrics.topK",
  "governance.epoch",
  "governance.proposals.incidents",
  "governance.enforcement.maxProvenancePerTick",
  "governance.central.latency",
  "governance.committee.latency",
  "governance.committee.size",
  "governance.token.latency",
  "governance.one-person.latency",
  "governance.quadratic.latency",
  "governance.liquid.latency",
  "governance.liquid.maxDepth",
  "governance.conviction.latency",
  "governance.conviction.lifetime",
]

type Node = { readonly [key: string]: unknown }
const jsonSchema = Schema.toJsonSchemaDocument(ScenarioFile).schema as Node
const nodeAt = (path: string): Node => {
  let node = jsonSchema
  for (const key of path.split(".")) {
    const next = (node.properties as Record<string, Node> | undefined)?.[key]
    if (next === undefined) throw new Error(`the JSON Schema has no property at ${path} (key ${key})`)
    node = next
  }
  return node
}

const problemsShapeOk = (result: Result.Result<unknown, { readonly problems: ReadonlyArray<{ path: unknown; message: unknown }> }>) => {
  if (Result.isSuccess(result)) return
  expect(result.failure.problems.length).toBeGreaterThanOrEqual(1)
  for (const p of result.failure.problems) {
    expect(typeof p.path).toBe("string")
    expect(typeof p.message).toBe("string")
    expect((p.message as string).length).toBeGreaterThan(0)
  }
}

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, fc.jsonValue({ maxDepth: 2 }), tie("array"), tie("object")),
  array: fc.array(tie("tree"), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 8 }), tie("tree"), { maxKeys: 4 }),
}))

/** Keys the loader knows, so random objects often reach deep validation instead of failing at the first key. */
const scenarioish = fc.record({
  name: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
  ticks: fc.jsonValue({ maxDepth: 1 }),
  populations: fc.dictionary(fc.constantFrom("labs", "providers", "citizens", "auditors", "investors", "aliens"), tree, { maxKeys: 3 }),
  shocks: fc.array(tree, { maxLength: 2 }),
  variants: fc.dictionary(fc.string({ maxLength: 4 }), tree, { maxKeys: 2 }),
}, { requiredKeys: [] })

describe("scenario properties", () => {
  it("every generated scenario decodes with the loader (from the object and from its YAML)", () => {
    check(scenario, (file) => {
      const fromObject = resolveScenario(file, "generated.yaml")
      if (Result.isFailure(fromObject)) throw new Error(fromObject.failure.message)
      const fromText = loadScenarioText(toYaml(file), "generated.yaml")
      if (Result.isFailure(fromText)) throw new Error(fromText.failure.message)
      expect(fromText.success.hash).toBe(fromObject.success.hash)
    }, { numRuns: 200 })
  })

  it("the schema's defaults are what the generator relies on", () => {
    const s = Schema.decodeUnknownSync(ScenarioFile)({ name: "x" })
    expect(s.governance.regime).toBe("none") // the generator omits governance
    expect(s.replicates).toBe(1)
    expect(s.commonRandomNumbers).toBe(true)
    expect(s.phases).toEqual(defaultPhases)
    expect(s.shocks).toEqual([])
    expect(s.variants).toEqual({})
    expect(s.populations.auditors.count).toBe(0)
    // the generator may set either one to its bound (0.5) and omit the other
    expect(s.economy.aiSpendShare).toBeLessThanOrEqual(1 - bounds["economy.savingsRate"][1])
    expect(s.economy.savingsRate).toBeLessThanOrEqual(1 - bounds["economy.aiSpendShare"][1])
    // the distributions the generator leaves out must fit every population it makes
    expect(s.populations.citizens.ideal.computeCap.kind).not.toBe("list")
  })

  it("the generator's bounds lie inside the JSON Schema's minimum/maximum", () => {
    for (const [path, [lo, hi]] of Object.entries(bounds) as Array<[BoundedPath, readonly [number, number]]>) {
      const node = nodeAt(path)
      const where = `${path}: generator [${lo}, ${hi}] vs schema ${JSON.stringify({ minimum: node.minimum, exclusiveMinimum: node.exclusiveMinimum, maximum: node.maximum })}`
      if (typeof node.minimum === "number") expect(lo, where).toBeGreaterThanOrEqual(node.minimum)
      if (typeof node.exclusiveMinimum === "number") expect(lo, where).toBeGreaterThanOrEqual(node.exclusiveMinimum)
      if (typeof node.maximum === "number") expect(hi, where).toBeLessThanOrEqual(node.maximum)
      if (integerPaths.includes(path)) expect(node.type, where).toBe("integer")
    }
  })

  it("arbitrary JSON never crashes the loader: a scenario or ScenarioInvalid with located problems", () => {
    check(fc.oneof(fc.jsonValue(), tree, scenarioish), (input) => {
      problemsShapeOk(resolveScenario(input, "fuzz.yaml"))
    }, { numRuns: 200 })
  })

  it("arbitrary text never crashes the YAML loader", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      scenario.map((s) => toYaml(s)).chain((y) => fc.nat({ max: y.length }).map((cut) => y.slice(0, cut))),
    )
    check(text, (t) => {
      problemsShapeOk(loadScenarioText(t, "fuzz.yaml"))
    }, { numRuns: 200 })
  })

  /**
   * Regression (found by the property above with FC_SEED=2024): the text "*-"
   * made loadScenarioText throw "Unresolved alias" (raised while the document is
   * resolved, not in its error list) instead of returning ScenarioInvalid.
   */
  it("an alias without its anchor is a ScenarioInvalid, not a crash", () => {
    check(fc.constant("*-"), (t) => {
      problemsShapeOk(loadScenarioText(t, "fuzz.yaml"))
    }, { numRuns: 1 })
  })

  it("encode then decode of a resolved scenario is the identity", () => {
    const encode = Schema.encodeSync(Scenario)
    const decode = Schema.decodeUnknownSync(Scenario)
    check(scenario, (file) => {
      const s = baseOf(file)
      const encoded = encode(s)
      expect(decode(encoded)).toEqual(s)
      // and through JSON (what a file is)
      expect(decode(JSON.parse(JSON.stringify(encoded)))).toEqual(s)
    })
  })
})
