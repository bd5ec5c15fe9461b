import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { runOnce } from "../../sim/run.js"
import { load } from "../support/scenario.js"

/**
 * Golden results: replicate 0 of every variant of every bundled scenario, its
 * output hash and headline summary. A change to the model shows up here first;
 * when the change is intended, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/golden`
 * and say in the commit why the numbers moved.
 */
const file = "test/golden/results.json"
const update = process.env.UPDATE_GOLDEN === "1"
const headline = ["frontier_capability", "cumulative_incidents", "capital_hhi", "compute_price", "welfare_per_person", "time_to_threshold"]
const scenarios = readdirSync("scenarios").filter((f) => f.endsWith(".yaml") && f !== "broken.yaml" && f !== "scale-1m.yaml").sort()

type Golden = Record<string, { hash: string; summary: Record<string, number | null> }>
const golden: Golden = existsSync(file) && !update ? JSON.parse(readFileSync(file, "utf8")) : {}
const fresh: Golden = {}

describe("golden results of the bundled scenarios", () => {
  for (const scenario of scenarios) {
    const loaded = load(readFileSync(`scenarios/${scenario}`, "utf8"))
    for (const v of loaded.variants) {
      const key = `${scenario}#${v.name}`
      it(`${key} reproduces its recorded hash and headline numbers`, () => {
        const run = runOnce(v.name, v.scenario, 0)
        const summary = Object.fromEntries(headline.map((m) => [m, run.summary[m] ?? null]))
        fresh[key] = { hash: run.hash, summary }
        if (update) {
          writeFileSync(file, `${JSON.stringify({ ...golden, ...fresh }, null, 2)}\n`)
          return
        }
        expect(golden[key], `no golden record for ${key}: run with UPDATE_GOLDEN=1`).toBeDefined()
        expect(summary).toEqual(golden[key]!.summary)
        expect(run.hash).toBe(golden[key]!.hash)
      })
    }
  }
})
