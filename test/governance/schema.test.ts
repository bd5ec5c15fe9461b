import { describe, expect, it } from "vitest"
import { problemsOf, scenarioOf } from "../support/scenario.js"

const pathsOf = (text: string) => problemsOf(text).map((p) => p.path)

describe("the governance block of a scenario", () => {
  it("defaults to no governance", () => {
    expect(scenarioOf("name: t").governance.regime).toBe("none")
  })

  it("fills every regime's parameters with defaults, so a variant can switch the regime alone", () => {
    const s = scenarioOf("name: t\ngovernance: { regime: conviction }")
    expect(s.governance.conviction).toEqual({ latency: 1, alpha: 0.5, beta: 0.2, rho: 0.002, lifetime: 12 })
    expect(s.governance.central.latency).toBe(1)
    expect(s.governance["one-person"].latency).toBe(3)
  })

  it("a quorum of 1.5 is refused at governance.quorum", () => {
    const problems = problemsOf("name: t\ngovernance: { regime: token, quorum: 1.5 }")
    expect(problems).toHaveLength(1)
    expect(problems[0]!.path).toBe("governance.quorum")
    expect(problems[0]!.message).toContain("1.5")
  })

  it("problems in a regime's sub-block are named by their path", () => {
    expect(pathsOf("name: t\ngovernance: { regime: conviction, conviction: { alpha: 2 } }")).toEqual(["governance.conviction.alpha"])
    expect(pathsOf("name: t\ngovernance: { committee: { size: 0 } }")).toEqual(["governance.committee.size"])
    expect(pathsOf("name: t\ngovernance: { policy: { safetyFloor: -0.1 } }")).toEqual(["governance.policy.safetyFloor"])
  })

  it("an unknown regime and an unknown key are refused", () => {
    expect(pathsOf("name: t\ngovernance: { regime: anarchy }")).toEqual(["governance.regime"])
    const problems = problemsOf("name: t\ngovernance: { regime: token, quorom: 0.2 }")
    expect(problems[0]!.path).toBe("governance.quorom")
    expect(problems[0]!.message).toContain('did you mean "quorum"')
  })

  it("cross-field and population checks: tightest above loosest, shares outside [0, 1]", () => {
    expect(pathsOf("name: t\ngovernance: { levers: { computeCapTightest: 1e8 } }")).toEqual(["governance.levers.computeCapTightest"])
    expect(pathsOf("name: t\npopulations: { citizens: { turnout: { kind: uniform, min: 0, max: 2 } } }")).toEqual(["populations.citizens.turnout"])
    expect(pathsOf("name: t\npopulations: { citizens: { ideal: { licensing: { kind: constant, value: 3 } } } }")).toEqual([
      "populations.citizens.ideal.licensing",
    ])
    expect(pathsOf("name: t\npopulations: { auditors: { honesty: { kind: constant, value: -1 } } }")).toEqual(["populations.auditors.honesty"])
  })

  it("a variant's problem is named under the variant", () => {
    const text = "name: t\ngovernance: { regime: token }\nvariants:\n  bad: { governance: { quorum: 1.5 } }"
    expect(pathsOf(text)).toEqual(["variants.bad.governance.quorum"])
  })
})
