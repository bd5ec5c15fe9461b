import { describe, expect, it } from "vitest"
import { central } from "../../sim/regimes/central.js"
import { committee } from "../../sim/regimes/committee.js"
import { onePerson } from "../../sim/regimes/one-person.js"
import { quadratic } from "../../sim/regimes/quadratic.js"
import { token } from "../../sim/regimes/token.js"
import { TokenMarket } from "../../sim/regimes/token-market.js"
import { ballot, decideOne, fixedRandom, governance } from "./helpers.js"

describe("central: one authority decides alone", () => {
  const g = governance({ regime: "central", central: { lobbyingEffectiveness: 1, lobbyingScale: 0.09375 } })
  // lab 0 (capital 300 of 400) opposes a proposal the authority favours and spends 50 on lobbying:
  // π = 1 − exp(−1 · 0.75 · 50 / (0.09375 · 400)) = 1 − e^−1 ≈ 0.632
  const labs = [
    { capital: 300, budget: 50, gain: -1 },
    { capital: 100, budget: 0, gain: 1 },
  ]
  const b = ballot(labs, [{ gain: 1 }], { authorityGain: 0.3 })

  it("uncaptured, it follows its own ideal point and lobbying is spent anyway", () => {
    const { outcome } = decideOne(central, g, b, fixedRandom(0.7))
    expect(outcome.status).toBe("passed")
    expect(outcome.influencedBy).toBe(-1)
    expect(outcome.payments).toEqual([{ from: 0, kind: "lobbying", amount: 50, to: -1, units: 0 }])
    expect(outcome.transactions).toBe(0)
  })

  it("captured (u below π = 1 − 1/e), it decides as the lobbying lab prefers", () => {
    const { outcome } = decideOne(central, g, b, fixedRandom(1 - Math.exp(-1) - 1e-9))
    expect(outcome.status).toBe("rejected")
    expect(outcome.influencedBy).toBe(0)
    expect(outcome.reason).toContain("captured by lab 0")
  })

  it("a lab that agrees with the authority does not lobby", () => {
    const agreeing = ballot([{ capital: 300, budget: 50, gain: 1 }], [], { authorityGain: 0.3 })
    const { outcome } = decideOne(central, g, agreeing, fixedRandom(0))
    expect(outcome.payments).toEqual([])
    expect(outcome.status).toBe("passed")
  })

  it("holds all the voting weight", () => {
    const { regime } = decideOne(central, g, b)
    const w = new Float64Array(b.electorate.size + 1)
    regime.weights(b.electorate, w)
    expect(Array.from(w)).toEqual([0, 0, 0, 1])
  })
})

describe("committee: the top-k labs by capital decide by majority", () => {
  const g = governance({ regime: "committee", committee: { size: 3 } })
  const capital = [5, 4, 3, 2, 1]
  it("labs 0–2 sit; 2 of 3 for passes, whatever labs 3 and 4 want", () => {
    const b = ballot(capital.map((c, i) => ({ capital: c, gain: [1, -1, 1, -1, -1][i] })), [{ gain: -1 }, { gain: -1 }])
    const { outcome, votes } = decideOne(committee, g, b)
    expect(outcome).toMatchObject({ status: "passed", yes: 2, no: 1, abstain: 0 })
    expect(Array.from(votes.cast)).toEqual([1, -1, 1, 0, 0, 0, 0])
  })
  it("1 of 3 for fails even though the two small labs and every citizen are for", () => {
    const b = ballot(capital.map((c, i) => ({ capital: c, gain: [1, -1, -1, 1, 1][i] })), [{ gain: 1 }])
    expect(decideOne(committee, g, b).outcome).toMatchObject({ status: "rejected", yes: 1, no: 2 })
  })
})

describe("token: one token one vote, quorum, threshold, gas, vote buying", () => {
  const g = governance({ regime: "token", quorum: 0.1, threshold: 0.5, gasPerVote: 2, tokenMarket: { price: 1, depth: 1e9 } })
  const citizens = [
    { tokens: 40, gain: 1 },
    { tokens: 30, gain: -1 },
    { tokens: 20, gain: 1 },
    { tokens: 10, gain: -1 },
  ]

  it("60 tokens for and 40 against pass; each voter pays gas per transaction", () => {
    const { outcome, votes } = decideOne(token, g, ballot([{ gain: 0 }], citizens))
    expect(outcome).toMatchObject({ status: "passed", yes: 60, no: 40, abstain: 0, turnout: 1, quorumMet: true, transactions: 4 })
    expect(Array.from(votes.gas)).toEqual([0, 2, 2, 2, 2])
    expect(Array.from(votes.cast)).toEqual([0, 40, -30, 20, -10])
  })

  it("below quorum a majority does not pass", () => {
    const g2 = governance({ ...g, quorum: 0.5 })
    const few = citizens.map((c, i) => ({ ...c, participates: i === 3 }))
    const { outcome } = decideOne(token, g2, ballot([{ gain: 0 }], few))
    expect(outcome).toMatchObject({ status: "rejected", reason: "quorum not met", yes: 0, no: 10, turnout: 0.1 })
  })

  it("a lab buys the 20 tokens that block it: 60 ≤ ½(60 + 40 + 20)", () => {
    const lab = { gain: -1, budget: 1000, capital: 1e6 }
    const { outcome, votes } = decideOne(token, g, ballot([lab], citizens))
    expect(outcome.status).toBe("rejected")
    expect(outcome.influencedBy).toBe(0)
    const pay = outcome.payments[0]!
    expect(pay.kind).toBe("tokens")
    expect(pay.units).toBeCloseTo(20, 6)
    // bonding curve p₀(q + q²/2D) at zero demand
    expect(pay.amount).toBeCloseTo(pay.units + (pay.units * pay.units) / 2e9, 9)
    expect(outcome.no).toBeCloseTo(60, 6)
    expect(votes.cast[0]).toBeCloseTo(-20, 6)
    expect(outcome.transactions).toBe(5)
  })

  it("a lab whose budget cannot buy the decision buys nothing", () => {
    const lab = { gain: -1, budget: 19, capital: 1e6 }
    const { outcome } = decideOne(token, g, ballot([lab], citizens))
    expect(outcome.status).toBe("passed")
    expect(outcome.payments).toEqual([])
  })

  it("the bonding curve's price rises with demand: q tokens at demand x cost p₀(q + (2xq + q²)/2D)", () => {
    const m = new TokenMarket(2, 100)
    expect(m.cost(10)).toBeCloseTo(2 * (10 + 100 / 200), 12)
    m.buy(50)
    expect(m.marginalPrice()).toBeCloseTo(3, 12)
    expect(m.cost(10)).toBeCloseTo(2 * (10 + (1000 + 100) / 200), 12)
  })
})

describe("one-person: one identity one vote; Sybils at a price", () => {
  const g = governance({ regime: "one-person", gasPerVote: 0, identity: { cost: 10, personhood: 0.5 } })
  const citizens = [
    { people: 3, gain: 1 },
    { people: 1, gain: -1, tokens: 1000 },
    { people: 1, gain: -1 },
    { people: 1, gain: 1 },
  ]

  it("4 persons for, 2 against pass", () => {
    const { outcome } = decideOne(onePerson, g, ballot([], citizens))
    expect(outcome).toMatchObject({ status: "passed", yes: 4, no: 2 })
  })

  it("under one-person-one-vote moving tokens changes nothing", () => {
    const moved = citizens.map((c, i) => ({ ...c, tokens: i === 0 ? 1000 : 0 }))
    expect(decideOne(onePerson, g, ballot([], moved)).outcome).toMatchObject({ status: "passed", yes: 4, no: 2 })
  })

  it("a lab adds one Sybil at cost/(1 − strength) = 20 to tie 4–4, which fails", () => {
    const { outcome } = decideOne(onePerson, g, ballot([{ gain: -1, budget: 20 }], citizens))
    expect(outcome).toMatchObject({ status: "rejected", yes: 4, no: 4, influencedBy: 0 })
    expect(outcome.payments).toEqual([{ from: 0, kind: "identities", amount: 20, to: -1, units: 1 }])
  })

  it("with one dollar less it cannot, and with perfect proof of personhood nobody can", () => {
    expect(decideOne(onePerson, g, ballot([{ gain: -1, budget: 19 }], citizens)).outcome.status).toBe("passed")
    const strong = governance({ ...g, identity: { cost: 10, personhood: 1 } })
    expect(decideOne(onePerson, strong, ballot([{ gain: -1, budget: 1e12 }], citizens)).outcome.status).toBe("passed")
  })
})

describe("quadratic: v votes cost v² credits", () => {
  const g = governance({ regime: "quadratic", gasPerVote: 0, identity: { cost: 10, personhood: 0 } })

  it("100 tokens for lose to 36 + 36 against (10 < 6 + 6 votes), though they win a token vote", () => {
    const citizens = [
      { tokens: 100, gain: 1 },
      { tokens: 36, gain: -1 },
      { tokens: 36, gain: -1 },
    ]
    expect(decideOne(quadratic, g, ballot([], citizens)).outcome).toMatchObject({ status: "rejected", yes: 10, no: 12 })
    expect(decideOne(token, governance({ gasPerVote: 0 }), ballot([], citizens)).outcome.status).toBe("passed")
  })

  it("a lab with 100 credits splits them over 17 identities (16 Sybils): √1700 > 40", () => {
    const b = ballot([{ tokens: 100, gain: 1, budget: 1e6 }], [{ tokens: 400, gain: -1 }, { tokens: 400, gain: -1 }])
    const { outcome } = decideOne(quadratic, g, b)
    expect(outcome.status).toBe("passed")
    expect(outcome.yes).toBeCloseTo(Math.sqrt(1700), 12)
    expect(outcome.payments).toEqual([{ from: 0, kind: "identities", amount: 160, to: -1, units: 16 }])
  })

  it("a citizen agent's credits are spread over its persons: √(C·people)", () => {
    const b = ballot([], [{ tokens: 25, people: 4, gain: 1 }])
    expect(decideOne(quadratic, g, b).outcome.yes).toBeCloseTo(10, 12)
  })
})
