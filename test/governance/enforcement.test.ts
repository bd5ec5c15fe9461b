import { describe, expect, it } from "vitest"
import { createSimulation } from "../../sim/engine.js"
import { RULE_CAP, RULE_FLOOR, RULES } from "../../sim/policy/levers.js"
import { applyLevers } from "../../sim/state/policy.js"
import { scenarioOf } from "../support/scenario.js"

/**
 * Two labs, two auditors, audits of every lab at the first epoch (tick 5) with
 * certain detection (κ = 1000). Lab 0 ran over the compute cap for 3 months;
 * lab 1 complied but is also above the cap (its extra fleet idled): the rule binds.
 */
const setup = (honesty: number) => {
  const s = scenarioOf(`
name: enforcement
ticks: 12
populations:
  labs: { count: 2 }
  citizens: { count: 10 }
  auditors:
    count: 2
    capital: { kind: constant, value: 1000 }
    stake: { kind: constant, value: 400 }
    honesty: { kind: constant, value: ${honesty} }
governance:
  regime: central
  epoch: 6
  enforcement: { detection: 1000, fineShare: 0.02, bountyShare: 0.1, slashShare: 0.5 }
`)
  const sim = createSimulation(s, { variant: "base", replicate: 0, check: true })
  const { labs, policy, world, auditors } = sim.state
  policy.levers.set([1, 0, 1, 0, 0]) // tightest cap (1e4 H100e), every lab audited
  applyLevers(policy, s)
  for (const i of [0, 1]) {
    labs.capital[i] = 1e9
    labs.compute[i] = 1e5
    labs.safetyShare[i] = 0.5
  }
  policy.violations[0 * RULES + RULE_CAP] = 3
  world.treasury[0] = 0
  const enforcement = sim.phases.find((p) => p.name === "enforcement")!
  const step = (tick: number) => {
    sim.accounts.beginPhase(tick, "enforcement")
    enforcement.step(tick)
    sim.accounts.endPhase() // the conservation check, with governance on
  }
  return { sim, labs, policy, world, auditors, step }
}

describe("enforcement: audits, fines, bounties, slashing", () => {
  it("a lab over the cap is fined 2% of its capital into the treasury; the honest auditor earns 10% of the fine", () => {
    const { sim, labs, world, auditors, step } = setup(1)
    step(5)
    expect(labs.capital[0]).toBe(1e9 - 2e7)
    expect(labs.capital[1]).toBe(1e9) // complied: nothing to find
    expect(world.treasury[0]).toBe(2e7 - 2e6)
    const fine = sim.ledger.entries.find((e) => e.kind === "fine")!
    const bounty = sim.ledger.entries.find((e) => e.kind === "bounty")!
    expect(fine.data).toMatchObject({ lab: "lab 0", rule: "computeCap", amount: 2e7, months: 3 })
    const auditor = Number(String(bounty.data.auditor).split(" ")[1])
    expect(bounty.data).toMatchObject({ lab: "lab 0", rule: "computeCap", amount: 2e6 })
    expect(auditors.capital[auditor]).toBe(1000 + 2e6)
    expect(auditors.capital[1 - auditor]).toBe(1000)
    expect(auditors.stake[0]).toBe(400)
    expect(auditors.stake[1]).toBe(400)
    expect(sim.ledger.entries.filter((e) => e.kind === "audit")).toHaveLength(2)
    expect(sim.ledger.entries.some((e) => e.kind === "slash")).toBe(false)
    expect(sim.series.column("fines")[5]).toBe(2e7)
    expect(sim.series.column("violations_found")[5]).toBe(1)
  })

  it("a dishonest auditor reports the binding cap at the complying lab and is slashed half its stake", () => {
    const { sim, labs, world, auditors, step } = setup(0)
    step(5)
    // lab 0's violation is real, so that report is true: fine and bounty as before
    expect(labs.capital[0]).toBe(1e9 - 2e7)
    expect(world.treasury[0]).toBe(2e7 - 2e6)
    // lab 1 complied: the cap binds (its fleet is above it), the report is false
    expect(labs.capital[1]).toBe(1e9)
    const slash = sim.ledger.entries.find((e) => e.kind === "slash")!
    expect(slash.data).toMatchObject({ lab: "lab 1", rule: "computeCap", amount: 200 })
    const liar = Number(String(slash.data.auditor).split(" ")[1])
    expect(auditors.stake[liar]).toBe(200)
    expect(auditors.stake[1 - liar]).toBe(400)
    expect(sim.accounts.totals().find((f) => f.name === "slashing")!.total).toBe(200)
    expect(sim.series.column("false_findings")[5]).toBe(1)
  })

  it("the audit window resets and labs redraw their compliance after an epoch", () => {
    const { policy, step } = setup(1)
    step(5)
    expect(Array.from(policy.violations)).toEqual([0, 0, 0, 0, 0, 0])
    expect(policy.defiant[0 * RULES + RULE_FLOOR]).toBeGreaterThanOrEqual(0)
  })

  it("with no audit mandate nobody is audited and nothing is fined", () => {
    const { sim, labs, policy, step } = setup(1)
    policy.auditMandate = 0
    step(5)
    expect(labs.capital[0]).toBe(1e9)
    expect(sim.ledger.length).toBe(0)
  })
})
