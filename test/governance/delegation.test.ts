import { describe, expect, it } from "vitest"
import { LOST, createLiquid, drawDelegation, resolveDelegation } from "../../sim/regimes/liquid.js"
import { ballot, fixedRandom, governance, votesFor } from "./helpers.js"

const resolve = (delegate: Array<number>, maxDepth = 32) => {
  const d = Int32Array.from(delegate)
  const final = new Int32Array(d.length)
  const hops = new Int32Array(d.length)
  resolveDelegation(d, maxDepth, final, hops)
  return { final: Array.from(final), hops: Array.from(hops) }
}

describe("liquid democracy: transitive delegation", () => {
  it("a chain ends at the first row that does not delegate", () => {
    // 3 → 2 → 1 → 0
    const { final, hops } = resolve([-1, 0, 1, 2])
    expect(final).toEqual([0, 0, 0, 0])
    expect(hops).toEqual([0, 1, 2, 3])
  })

  it("rows on a cycle, and rows leading into one, have no final voter", () => {
    // 0 ↔ 1 is a cycle; 2 → 0 leads into it; 3 → 4 is fine
    const { final } = resolve([1, 0, 0, 4, -1])
    expect(final).toEqual([LOST, LOST, LOST, 4, 4])
  })

  it("a longer cycle is lost whichever row the walk starts from", () => {
    expect(resolve([-1, 2, 3, 1, 3]).final).toEqual([0, LOST, LOST, LOST, LOST])
    expect(resolve([3, -1, 0, 2]).final).toEqual([LOST, 1, LOST, LOST])
  })

  it("delegating to oneself is voting oneself", () => {
    expect(resolve([0, 0, 2]).final).toEqual([0, 0, 2])
  })

  it("a chain longer than maxDepth loses its weight, shorter ones along it keep theirs", () => {
    // 4 → 3 → 2 → 1 → 0 with maxDepth 2
    const { final } = resolve([-1, 0, 1, 2, 3], 2)
    expect(final).toEqual([0, 0, 0, LOST, LOST])
    // resolved in the other order (the deep row first) the answer is the same
    expect(resolve([1, 2, 3, 4, -1], 2).final).toEqual([LOST, LOST, 4, 4, 4])
  })

  it("super-delegates carry their delegators' persons; lost weight counts in the total but never votes", () => {
    const g = governance({ regime: "liquid", gasPerVote: 0, quorum: 0 })
    // rows: 0 lab; citizens 1..6. 2, 3 → 1 (super-delegate); 5 ↔ 6 (lost)
    const delegate = Int32Array.from([-1, -1, 1, 1, -1, 6, 5])
    const regime = createLiquid({ governance: g, size: 7 }, delegate)
    const b = ballot([{ gain: 1 }], [{ gain: -1, participates: false }, { gain: 1 }, { gain: 1 }, { gain: 1 }, { gain: 1 }, { gain: 1 }])
    const w = new Float64Array(8)
    regime.weights(b.electorate, w)
    expect(Array.from(w)).toEqual([1, 3, 0, 0, 1, 0, 0, 0])
    // the delegate votes although its own turnout draw says no: yes 1 + 1, no 3, of 7 persons
    const outcome = regime.decide([b], votesFor(7))[0]!
    expect(outcome).toMatchObject({ status: "rejected", yes: 2, no: 3, abstain: 0 })
    expect(outcome.turnout).toBeCloseTo(5 / 7, 12)
  })

  it("a lab captures a super-delegate with a bribe of 10 per person it carries", () => {
    const g = governance({ regime: "liquid", gasPerVote: 0, liquid: { bribePerPerson: 10 } })
    const delegate = Int32Array.from([-1, -1, 1, 1, -1, -1])
    const citizens = [{ gain: -1 }, { gain: 1 }, { gain: 1 }, { gain: 1 }, { gain: 1 }]
    const regime = createLiquid({ governance: g, size: 6 }, delegate)
    // without a bribe: lab 1 + rows 4, 5 = 3 for; delegate row 1 carries 3 against: a tie fails
    expect(regime.decide([ballot([{ gain: 1, budget: 29 }], citizens)], votesFor(6))[0]).toMatchObject({ status: "rejected", yes: 3, no: 3 })
    const bribed = regime.decide([ballot([{ gain: 1, budget: 30 }], citizens)], votesFor(6))[0]!
    expect(bribed).toMatchObject({ status: "passed", yes: 6, no: 0, influencedBy: 0 })
    expect(bribed.payments).toEqual([{ from: 0, kind: "bribe", amount: 30, to: 1, units: 3 }])
  })

  it("drawn delegation: the delegation rate is respected and nobody delegates to itself", () => {
    const d = drawDelegation(2, 2002, 0.5, 1, fixedRandom(0.25, 0.5, 0.75, 0.1))
    expect(d[0]).toBe(-1)
    expect(d[1]).toBe(-1)
    for (let row = 2; row < d.length; row++) expect(d[row]).not.toBe(row)
  })
})
