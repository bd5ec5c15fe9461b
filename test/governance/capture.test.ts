import { describe, expect, it } from "vitest"
import { citizensReferendum, isCaptured } from "../../sim/policy/capture.js"
import { runOnce } from "../../sim/run.js"
import { scenarioOf } from "../support/scenario.js"

describe("capture: against the citizens' majority and toward the dominant lab", () => {
  it("the counterfactual referendum counts every person of every citizen row, nobody abstaining", () => {
    const gain = Float64Array.from([-5, 1, -1, 0.5, 0])
    const people = Float64Array.from([1, 10, 30, 25, 7])
    expect(citizensReferendum(gain, people, 1, 5)).toEqual({ yes: 35, no: 30 })
  })

  it("is captured only when the outcome both defies the citizens and follows the dominant lab", () => {
    // citizens 35–30 for; the dominant lab against
    expect(isCaptured(false, 35, 30, -1)).toBe(true)
    expect(isCaptured(true, 35, 30, -1)).toBe(false) // the citizens got their way
    expect(isCaptured(false, 35, 30, 1)).toBe(false) // against both: not the lab's doing
    expect(isCaptured(false, 35, 30, 0)).toBe(false) // an indifferent lab captured nothing
    // a citizens' tie is a majority for the status quo
    expect(isCaptured(true, 10, 10, 1)).toBe(true)
    expect(isCaptured(false, 10, 10, -1)).toBe(false)
  })

  it("an industry committee facing citizens who all want stricter rules is captured on every decision", () => {
    const s = scenarioOf(`
name: captured
ticks: 24
populations:
  citizens:
    count: 200
    ideal:
      computeCap: { kind: constant, value: 1 }
      safetyFloor: { kind: constant, value: 1 }
      auditMandate: { kind: constant, value: 1 }
      safetyFunding: { kind: constant, value: 1 }
      licensing: { kind: constant, value: 1 }
governance: { regime: committee, epoch: 6 }
`)
    const run = runOnce("base", s, 0, { check: true })
    expect(run.summary.decisions).toBeGreaterThan(0)
    expect(run.summary.decisions_passed).toBe(0)
    expect(run.summary.capture_rate).toBe(1)
    const captures = run.ledger.entries.filter((e) => e.kind === "capture")
    expect(captures.length).toBe(run.summary.captured_decisions)
    expect(captures[0]!.data).toMatchObject({ passed: false })
  })

  it("one-person-one-vote with the same citizens follows them: nothing is captured", () => {
    const s = scenarioOf(`
name: democratic
ticks: 24
populations:
  citizens:
    count: 200
    turnout: { kind: constant, value: 1 }
    ideal:
      computeCap: { kind: constant, value: 1 }
      safetyFloor: { kind: constant, value: 1 }
      auditMandate: { kind: constant, value: 1 }
      safetyFunding: { kind: constant, value: 1 }
      licensing: { kind: constant, value: 1 }
governance: { regime: one-person, epoch: 6, identity: { personhood: 1 } }
`)
    const run = runOnce("base", s, 0, { check: true })
    expect(run.summary.decisions_passed).toBeGreaterThan(0)
    expect(run.summary.captured_decisions).toBe(0)
  })
})
