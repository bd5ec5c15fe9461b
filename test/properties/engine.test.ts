import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { runOnce } from "../../sim/run.js"
import { type JsonObject, scenario, scenarioWith, sizes } from "./arbitraries.js"
import { baseOf, check, resolved } from "./support.js"

/** A generated scenario with common random numbers on (paired comparisons). */
const paired = scenario.map((s): JsonObject => ({ ...s, commonRandomNumbers: true }))

describe("engine properties", () => {
  it("accounting: runOnce with check: true never throws and every series value is finite", () => {
    check(scenario, (file) => {
      const s = baseOf(file)
      const run = runOnce("base", s, 0, { check: true })
      for (const [name, values] of Object.entries(run.series)) {
        values.forEach((v, t) => {
          if (!Number.isFinite(v)) throw new Error(`series ${name}[${t}] = ${v}`)
        })
      }
    })
  })

  it("determinism: the same scenario gives the same hash twice", () => {
    check(scenario, (file) => {
      const s = baseOf(file)
      expect(runOnce("base", s, 0).hash).toBe(runOnce("base", baseOf(structuredClone(file)), 0).hash)
    })
  })

  it("determinism: variants {a: {}, b: {}} hash identically under common random numbers", () => {
    check(paired, (file) => {
      const [a, b] = resolved({ ...file, variants: { a: {}, b: {} } })
      expect(runOnce(a!.name, a!.scenario, 0).hash).toBe(runOnce(b!.name, b!.scenario, 0).hash)
    })
  })

  it("determinism: changing variant b's overrides does not change variant a's hash", () => {
    const overrides = fc.oneof(
      fc.record({ risk: fc.record({ baseHazard: fc.double({ min: 0, max: 1, noNaN: true }) }) }),
      fc.record({ economy: fc.record({ winnerTakeMost: fc.double({ min: 0, max: 10, noNaN: true }) }) }),
      fc.record({ commonRandomNumbers: fc.boolean() }),
    )
    check(fc.tuple(scenario, overrides), ([file, b]) => {
      const alone = resolved({ ...file, variants: { a: {} } })[0]!
      const withB = resolved({ ...file, variants: { a: {}, b } }).find((v) => v.name === "a")!
      expect(runOnce("a", withB.scenario, 0).hash).toBe(runOnce("a", alone.scenario, 0).hash)
    }, { show: ([file, b]) => ({ ...file, variants: { a: {}, b } }) })
  })

  it("metric laws: gini in [0,1), hhi in [1/n,1] or 0, nakamoto in [1,n] or 0, top_k_share in [0,1]", () => {
    const eps = 1e-12
    check(scenario, (file) => {
      const run = runOnce("base", baseOf(file), 0)
      const active = run.series.active_labs!
      for (const [name, values] of Object.entries(run.series)) {
        values.forEach((v, t) => {
          const n = active[t]!
          const where = `${name}[${t}] = ${v} with ${n} active labs`
          if (name.endsWith("_gini")) expect(v >= 0 && v < 1, where).toBe(true)
          else if (name.endsWith("_hhi")) expect(v === 0 || (v >= 1 / n - eps && v <= 1 + eps), where).toBe(true)
          else if (name.endsWith("_nakamoto")) expect(v === 0 || (Number.isInteger(v) && v >= 1 && v <= n), where).toBe(true)
          else if (name.endsWith("_top_k_share")) expect(v >= 0 && v <= 1, where).toBe(true)
        })
      }
    })
  })

  it("accounting holds for tiny shares that make 1 − a − b round past 1", () => {
    const s = baseOf({ name: "subnormal", ticks: 1, populations: { labs: { count: 1 }, citizens: { count: 1 } }, economy: { aiSpendShare: 5e-324, savingsRate: 0 } })
    expect(runOnce("base", s, 0, { check: true }).summary.total_capital).toBeGreaterThan(0)
  })

  // MODEL.md §8.1 promises this with the economy's feedback switched off (phases
  // training, risk, metrics): a higher safety share lowers both capability and the
  // hazard's safety term, and each lab's draw comes from its own fixed stream.
  it("monotone: a higher constant safety share never raises cumulative incidents, other things equal", () => {
    const pair = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const)
    const arbitrary = fc.tuple(sizes, pair, fc.double({ min: 0, max: 2, noNaN: true })).chain(([n, [lo, hi], elasticity]) =>
      scenarioWith(n, { safetyShare: fc.constant({ kind: "constant", value: lo }), phases: false }).map((file): JsonObject => ({
        ...file,
        commonRandomNumbers: true,
        phases: ["training", "risk", "metrics"],
        risk: { ...(file.risk as JsonObject), capabilityElasticity: elasticity },
        variants: { low: {}, high: { populations: { labs: { safetyShare: { kind: "constant", value: hi } } } } },
      }))
    )
    check(arbitrary, (file) => {
      const [low, high] = resolved(file)
      const incidents = (v: typeof low) => runOnce(v!.name, v!.scenario, 0).summary.cumulative_incidents!
      const a = incidents(low)
      const b = incidents(high)
      if (b > a) throw new Error(`cumulative incidents rose from ${a} (low safety share) to ${b} (high safety share)`)
    })
  })
})
