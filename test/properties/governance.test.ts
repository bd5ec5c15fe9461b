import { spawnSync } from "node:child_process"
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { verifyAgainst, verifyChain } from "../../sim/ledger/verify.js"
import { loadScenarioText, resolveScenario } from "../../sim/scenario/load.js"
import { regimeNames } from "../../sim/scenario/governance.js"
import type { Scenario } from "../../sim/scenario/schema.js"
import { runOnce } from "../../sim/run.js"
import { type JsonObject, activeRegimes, governedScenario, regimes, toYaml } from "./arbitraries.js"
import { ledgerFields, mutateEntry } from "./ledger-mutation.js"
import { baseOf, check, numRuns } from "./support.js"

/** Series the governance phase leaves NaN by design until they are defined (no decision yet, no large run, no vote). */
const nanAllowed = new Set(["turnout", "provenance_coverage", "capture_rate", "mean_latency"])


describe("governance properties: generated scenarios", () => {
  it("the generator's regime list is the schema's", () => {
    expect([...regimes].sort()).toEqual([...regimeNames].sort())
  })

  for (const regime of regimes) {
    it(`regime ${regime}: generated scenarios decode and runOnce with check: true balances every phase`, () => {
      check(governedScenario(regime), (file) => {
        const fromObject = resolveScenario(file, "generated.yaml")
        if (Result.isFailure(fromObject)) throw new Error(fromObject.failure.message)
        const fromText = loadScenarioText(toYaml(file), "generated.yaml")
        if (Result.isFailure(fromText)) throw new Error(fromText.failure.message)
        expect(fromText.success.hash).toBe(fromObject.success.hash)
        const s = baseOf(file)
        expect(s.governance.regime).toBe(regime)
        const run = runOnce("base", s, 0, { check: true })
        for (const [name, values] of Object.entries(run.series)) {
          values.forEach((v, t) => {
            if (Number.isNaN(v) && !nanAllowed.has(name)) throw new Error(`series ${name}[${t}] is NaN`)
            if (v === Infinity || v === -Infinity) throw new Error(`series ${name}[${t}] = ${v}`)
          })
        }
      })
    })
  }
})

describe("governance properties: regressions found by the generators", () => {
  /**
   * Regression (found by the per-regime run property with FC_SEED=123): a governed
   * run whose token holdings were all subnormal hung at its first epoch, because
   * toIntegerGame's maxUnits / total overflowed and gcdOf never ended. It runs in a
   * child process with a timeout so a regression fails instead of hanging the suite.
   */
  it("the power indices of a game with a subnormal total weight return (no hang)", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "test/properties/repro/power-subnormal.ts"], { timeout: 10_000, encoding: "utf8" })
    expect(child.error === undefined && child.status === 0, `powerIndices did not return within 10 s (signal ${child.signal}, status ${child.status})\n${child.stderr}`).toBe(true)
  })

  /**
   * Regression (found with FC_SEED=1): public safety research at a subnormal
   * compute price bought an infinite amount of compute; now it buys nothing.
   */
  it("public safety research at a subnormal compute price keeps the safety stock finite", () => {
    const file: JsonObject = {
      name: "subnormal-price",
      ticks: 2,
      populations: { providers: { unitCost: { kind: "constant", value: 0 } } },
      economy: { computeBudgetShare: 5e-324 },
      governance: { regime: "token", policy: { safetyFunding: 1 } },
    }
    check(fc.constant(file), (f) => {
      runOnce("base", baseOf(f), 0, { check: true })
    }, { numRuns: 1 })
  })
})

// ---------------------------------------------------------------------------
// Ledger of governed runs

describe("governance properties: the ledger of generated runs", () => {
  // the default phases (governance and enforcement included), so most runs keep a ledger
  const governed = governedScenario(fc.constantFrom(...activeRegimes)).map(({ phases: _, ...file }): JsonObject => file)

  it("every governed run's chain verifies, and its head and length are RunResult.ledger's", () => {
    let withEntries = 0
    check(governed, (file) => {
      const run = runOnce("base", baseOf(file), 0)
      expect(run.ledger.length).toBe(run.ledger.entries.length)
      const entries = JSON.parse(JSON.stringify(run.ledger.entries)) as Array<unknown>
      const result = verifyChain(entries)
      expect(result).toEqual({ ok: true, head: run.ledger.head, length: run.ledger.length })
      expect(verifyAgainst(result, { head: run.ledger.head, length: run.ledger.length }).ok).toBe(true)
      if (run.ledger.length > 0) withEntries++
    })
    // the property is empty if no generated run keeps a ledger
    expect(withEntries).toBeGreaterThan(numRuns / 4)
  })

  it("any single mutation of any entry of a governed run's chain is detected at that entry; dropping one is detected", () => {
    const edits = fc.array(fc.record({ at: fc.nat(), field: fc.constantFrom(...ledgerFields), salt: fc.nat({ max: 1_000 }) }), { minLength: 1, maxLength: 6 })
    let tried = 0
    check(fc.tuple(governed, edits, fc.nat()), ([file, list, drop]) => {
      const run = runOnce("base", baseOf(file), 0)
      const n = run.ledger.length
      if (n === 0) return
      const pristine = JSON.stringify(run.ledger.entries)
      for (const { at: raw, field, salt } of list) {
        const at = raw % n
        const entries = JSON.parse(pristine) as Array<Record<string, unknown>>
        mutateEntry(entries[at]!, field, salt)
        const result = verifyChain(entries)
        if (result.ok) throw new Error(`entry ${at} (${String(entries[at]!.kind)}) with its ${field} changed still verifies`)
        expect(result.index, `mutating ${field} of entry ${at}: ${result.reason}`).toBe(at)
        tried++
      }
      // dropping one entry: caught by the chain itself, or (the last one) against the recorded head and length
      const entries = JSON.parse(pristine) as Array<unknown>
      entries.splice(drop % n, 1)
      const dropped = verifyAgainst(verifyChain(entries), { head: run.ledger.head, length: n })
      expect(dropped.ok, `dropping entry ${drop % n} of ${n}`).toBe(false)
    })
    expect(tried).toBeGreaterThan(numRuns / 4)
  })
})
