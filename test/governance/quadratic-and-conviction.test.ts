import { describe, expect, it } from "vitest"
import { conviction, convictionStep, convictionThreshold } from "../../sim/regimes/conviction.js"
import { quadraticVotes } from "../../sim/regimes/quadratic.js"
import { sybilCost } from "../../sim/regimes/regime.js"
import { ballot, fixedRandom, governance, votesFor } from "./helpers.js"

describe("quadratic voting and Sybils", () => {
  it("splitting 100 credits across k identities gives k·√(100/k) = √(100k) votes", () => {
    for (const k of [1, 2, 4, 9, 25, 100]) {
      expect(k * Math.sqrt(100 / k)).toBeCloseTo(Math.sqrt(100 * k), 12)
      expect(quadraticVotes(100, k)).toBeCloseTo(Math.sqrt(100 * k), 12)
    }
  })

  it("the Sybil gain is bounded by identity cost: k identities cost (k − 1)·cost/(1 − strength)", () => {
    const g = governance({ identity: { cost: 50, personhood: 0.75 } })
    expect(sybilCost(g)).toBe(200)
    // with budget B a holder of 100 credits affords k = 1 + ⌊B / 200⌋ identities: at most √(100k) votes
    const budget = 1000
    const k = 1 + Math.floor(budget / sybilCost(g))
    expect(k).toBe(6)
    expect(quadraticVotes(100, k)).toBeCloseTo(Math.sqrt(600), 12)
    expect(sybilCost(governance({ identity: { cost: 50, personhood: 1 } }))).toBe(Infinity)
  })
})

describe("conviction voting", () => {
  it("conviction accumulates as y(t) = y₀αᵗ + s(1 − αᵗ)/(1 − α)", () => {
    const cases: Array<[number, number, number]> = [[5, 2, 0.5], [0, 10, 0.9], [100, 0, 0.7], [3, 7, 0]]
    for (const [y0, s, alpha] of cases) {
      let y = y0
      for (let t = 1; t <= 30; t++) {
        y = convictionStep(y, s, alpha)
        const closed = y0 * alpha ** t + (s * (1 - alpha ** t)) / (1 - alpha)
        expect(y).toBeCloseTo(closed, 9)
      }
    }
  })

  it("the threshold is ρ·S / ((1 − α)(β − r)²), infinite at r ≥ β", () => {
    const g = governance({ conviction: { alpha: 0.5, beta: 0.2, rho: 0.0032 } })
    expect(convictionThreshold(g, 100, 0)).toBeCloseTo(16, 9)
    expect(convictionThreshold(g, 100, 0.1)).toBeCloseTo(64, 9)
    expect(convictionThreshold(g, 100, 0.2)).toBe(Infinity)
  })

  const g = governance({ regime: "conviction", gasPerVote: 1, conviction: { alpha: 0.5, beta: 0.2, rho: 0.0032, lifetime: 12 } })
  // A stakes 10 of the 100 tokens; B (90) opposes and stakes nothing. Threshold 16.
  const citizens = [{ tokens: 10, gain: 1 }, { tokens: 90, gain: -1 }]

  it("a proposal passes the month its conviction 10, 15, 17.5 … first reaches the threshold 16", () => {
    const regime = conviction({ governance: g, labs: 0, size: 2, random: fixedRandom(0) })
    const votes = votesFor(2)
    const statuses: Array<string> = []
    const levels: Array<number> = []
    for (let age = 0; age < 4; age++) {
      const outcome = regime.decide([ballot([], citizens, { age })], votes)[0]!
      statuses.push(outcome.status)
      levels.push(outcome.detail!.conviction!)
      // gas only the month the stake moves
      expect(votes.gas[0]).toBe(age === 0 ? 1 : 0)
      if (outcome.status !== "open") break
    }
    expect(statuses).toEqual(["open", "open", "passed"])
    expect(levels).toEqual([10, 15, 17.5])
  })

  it("a proposal that cannot reach its threshold expires after its lifetime", () => {
    const hard = governance({ ...g, conviction: { alpha: 0.5, beta: 0.2, rho: 0.01, lifetime: 3 } })
    const regime = conviction({ governance: hard, labs: 0, size: 2, random: fixedRandom(0) })
    const votes = votesFor(2)
    const statuses = [0, 1, 2].map((age) => regime.decide([ballot([], citizens, { age })], votes)[0]!.status)
    expect(statuses).toEqual(["open", "open", "rejected"])
  })

  it("a holder stakes all its tokens on the one open proposal it likes best (no double counting)", () => {
    const regime = conviction({ governance: g, labs: 0, size: 2, random: fixedRandom(0) })
    const votes = votesFor(2)
    const a = ballot([], [{ tokens: 10, gain: 2 }, { tokens: 90, gain: 1 }], { proposalId: 1 })
    const b = { ...ballot([], [{ tokens: 10, gain: 1 }, { tokens: 90, gain: 3 }], { proposalId: 2 }) }
    const [oa, ob] = regime.decide([a, b], votes)
    expect(oa!.yes).toBe(10)
    expect(ob!.yes).toBe(90)
    expect(Array.from(votes.target)).toEqual([0, 1])
  })
})
