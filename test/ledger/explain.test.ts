import { describe, expect, it } from "vitest"
import { Ledger } from "../../sim/ledger/chain.js"
import { explainDecision, formatNumber, listDecisions } from "../../sim/ledger/explain.js"

/** A hand-made ledger: p1 proposed by citizens, its vote bought by lab:0, passed, enacted; p2 with almost nothing recorded; p3 failed. */
const handMade = (): Ledger => {
  const l = new Ledger()
  l.append(10, "proposal", { proposalId: "p1", lever: "computeCap", from: 1000, to: 800, origin: { by: "citizens", why: "incidents rising" } }) // 0
  l.append(10, "audit", { lab: 2, passed: true }) // 1
  l.append(12, "capture", { proposalId: "p1", by: "lab:0", channel: "token purchase", cost: 2500 }) // 2
  l.append(12, "tally", {
    proposalId: "p1",
    regime: "token",
    yes: 640,
    no: 300,
    abstain: 60,
    turnout: 0.42,
    quorum: 0.2,
    threshold: 0.5,
    votes: [
      { voter: "citizen:17", weight: 40, choice: "no", cost: 0.5 },
      { voter: "lab:0", weight: 400, choice: "yes", cost: 2.5 },
      { voter: "investor:3", weight: 120, choice: "yes", cost: 1 },
    ],
    gasSpent: 12.5,
  }) // 3
  l.append(12, "decision", { proposalId: "p1", passed: true, reason: "quorum met and yes above threshold" }) // 4
  l.append(13, "decision", { proposalId: "p2" }) // 5
  l.append(14, "proposal", { proposalId: 3, lever: "safetyFloor", from: 0.1, to: 0.2, origin: "lab:4" }) // 6
  l.append(14, "tally", { proposalId: 3, regime: "quadratic", yes: 10, votes: [{ voter: "citizen:1", weight: 3 }, { weight: 1 }] }) // 7
  l.append(15, "enactment", { proposalId: "p1", lever: "computeCap", value: 800 }) // 8
  l.append(16, "decision", { proposalId: 3, passed: false, reason: "threshold not met" }) // 9
  return l
}

describe("explainDecision: why did this pass?", () => {
  const entries = handMade().entries

  it("a captured, passed and enacted decision, in plain text", () => {
    expect(explainDecision(entries, 1)!.text).toBe(
      [
        'Decision 1 of 3 (entry 4, tick 12): proposal "p1" PASSED.',
        "Reason: quorum met and yes above threshold.",
        "Proposed (entry 0, tick 10): set computeCap from 1000 to 800.",
        "Origin: by citizens, why incidents rising.",
        "Tally under token (entry 3, tick 12): yes 640, no 300, abstain 60 (yes is 68.09% of yes + no).",
        "Turnout 42% against a quorum of 20%; threshold 50%; gas spent 12.5.",
        "Voters, largest first (3 listed in the tally):",
        "  lab:0: yes, weight 400 (40% of weight cast), cost 2.5",
        "  investor:3: yes, weight 120 (12% of weight cast), cost 1",
        "  citizen:17: no, weight 40 (4% of weight cast), cost 0.5",
        "Capture (entry 2, tick 12): by lab:0, channel token purchase, cost 2500.",
        "Took effect at tick 15 (entry 8).",
      ].join("\n"),
    )
  })

  it("the same, as structure", () => {
    const e = explainDecision(entries, 1)!
    expect(e.decisionNumber).toBe(1)
    expect(e.decisionCount).toBe(3)
    expect(e.proposalId).toBe("p1")
    expect(e.decision).toEqual({ index: 4, tick: 12, passed: true, reason: "quorum met and yes above threshold" })
    expect(e.proposal).toEqual({ index: 0, tick: 10, lever: "computeCap", from: 1000, to: 800, origin: { by: "citizens", why: "incidents rising" } })
    expect(e.tally).toMatchObject({ index: 3, regime: "token", yes: 640, no: 300, abstain: 60, turnout: 0.42, quorum: 0.2, threshold: 0.5, gasSpent: 12.5 })
    expect(e.tally!.votes!.map((v) => [v.voter, v.weight, v.share])).toEqual([
      ["lab:0", 400, 0.4],
      ["investor:3", 120, 0.12],
      ["citizen:17", 40, 0.04],
    ])
    expect(e.captures).toEqual([{ index: 2, tick: 12, data: { proposalId: "p1", by: "lab:0", channel: "token purchase", cost: 2500 } }])
    expect(e.enactment).toEqual({ index: 8, tick: 15, data: { proposalId: "p1", lever: "computeCap", value: 800 } })
  })

  it("lists only the largest voters when asked, saying how many the tally holds", () => {
    const text = explainDecision(entries, 1, { topVoters: 2 })!.text
    expect(text).toContain("Largest 2 voters (of 3 listed in the tally):\n  lab:0: yes, weight 400 (40% of weight cast), cost 2.5\n  investor:3: yes")
    expect(text).not.toContain("citizen:17")
  })

  it("a decision with nothing else recorded says so for every part", () => {
    const e = explainDecision(entries, 2)!
    expect(e.text).toBe(
      [
        'Decision 2 of 3 (entry 5, tick 13): proposal "p2" outcome not recorded.',
        "Reason: not recorded.",
        "Proposal: not recorded.",
        "Tally: not recorded.",
        "Capture: none recorded.",
        "Enactment: not recorded (not yet in effect when the ledger ends?).",
      ].join("\n"),
    )
    expect(e.proposal).toBeUndefined()
    expect(e.tally).toBeUndefined()
    expect(e.captures).toEqual([])
  })

  it("a failed decision with a partial tally (numeric proposal id)", () => {
    expect(explainDecision(entries, 3)!.text).toBe(
      [
        "Decision 3 of 3 (entry 9, tick 16): proposal 3 FAILED.",
        "Reason: threshold not met.",
        "Proposed (entry 6, tick 14): set safetyFloor from 0.1 to 0.2.",
        "Origin: lab:4.",
        "Tally under quadratic (entry 7, tick 14): yes 10, no not recorded, abstain not recorded.",
        "Turnout not recorded against a quorum of not recorded; threshold not recorded; gas spent not recorded.",
        "Voters, largest first (2 listed in the tally):",
        "  citizen:1: choice not recorded, weight 3, cost not recorded",
        "  voter not recorded: choice not recorded, weight 1, cost not recorded",
        "Capture: none recorded.",
        "Not enacted (it failed).",
      ].join("\n"),
    )
  })

  it("a decision without a proposalId links to nothing", () => {
    const l = new Ledger()
    l.append(0, "proposal", { proposalId: "p1", lever: "x" })
    l.append(1, "decision", { passed: true, reason: "decree" })
    const e = explainDecision(l.entries, 1)!
    expect(e.proposalId).toBeUndefined()
    expect(e.text.split("\n").slice(0, 3)).toEqual([
      "Decision 1 of 1 (entry 1, tick 1): proposal (id not recorded) PASSED.",
      "Reason: decree.",
      "Proposal: not recorded.",
    ])
  })

  it("links only to the proposal's own records, the tally before the decision and the enactment after it", () => {
    const l = new Ledger()
    l.append(0, "proposal", { proposalId: "a", lever: "computeCap", from: 1, to: 2, origin: "x" })
    l.append(0, "proposal", { proposalId: "b", lever: "auditMandate", from: false, to: true, origin: "y" })
    l.append(1, "tally", { proposalId: "b", yes: 1, no: 0 })
    l.append(1, "tally", { proposalId: "a", yes: 2, no: 5 })
    l.append(2, "enactment", { proposalId: "a" }) // before the decision: not its enactment
    l.append(3, "decision", { proposalId: "a", passed: true })
    l.append(4, "enactment", { proposalId: "b" })
    l.append(5, "enactment", { proposalId: "a" })
    const e = explainDecision(l.entries, 1)!
    expect(e.proposal?.index).toBe(0)
    expect(e.tally?.index).toBe(3)
    expect(e.enactment?.index).toBe(7)
  })

  it("there is no 0th, 4th or fractional decision", () => {
    expect(explainDecision(entries, 0)).toBeUndefined()
    expect(explainDecision(entries, 4)).toBeUndefined()
    expect(explainDecision(entries, 1.5)).toBeUndefined()
    expect(explainDecision([], 1)).toBeUndefined()
  })

  it("works on entries read back from a file", () => {
    const parsed = JSON.parse(JSON.stringify(entries))
    expect(explainDecision(parsed, 1)!.text).toBe(explainDecision(entries, 1)!.text)
  })
})

describe("listDecisions: the decision timeline", () => {
  it("numbers every decision from 1 with its outcome", () => {
    expect(listDecisions(handMade().entries)).toEqual([
      { decisionNumber: 1, index: 4, tick: 12, proposalId: "p1", passed: true },
      { decisionNumber: 2, index: 5, tick: 13, proposalId: "p2", passed: undefined },
      { decisionNumber: 3, index: 9, tick: 16, proposalId: 3, passed: false },
    ])
  })
})

describe("formatNumber", () => {
  it("prints integers whole and others to 4 significant digits", () => {
    expect([formatNumber(2500), formatNumber(0.1), formatNumber(68.08510638), formatNumber(42.00000000000001), formatNumber(1.23456e-7)]).toEqual([
      "2500",
      "0.1",
      "68.09",
      "42",
      "1.235e-7",
    ])
  })
})
