import { Schema } from "effect"
import { count, defaulted, nonNegative, positive, share, withDefault } from "./fields.js"

/**
 * The governance regime and its parameters (sim/MODEL.md §7.7 has
 * the equations, units and sources). One struct: `regime` names who decides;
 * the shared blocks (policy levers, proposals, enforcement, the token market,
 * identities) apply to every regime that uses them; each regime has its own
 * sub-block keyed by its name. Every sub-block has defaults, so a variant can
 * switch `regime` alone and compare regimes on the same population. `none` runs
 * no governance at all: the economy alone.
 *
 * A new regime is one file in sim/regimes/ plus one entry here (its name in
 * `regimeNames` and its sub-block in `Governance`).
 */

export const regimeNames = ["none", "central", "committee", "token", "one-person", "quadratic", "liquid", "conviction"] as const
export const RegimeName = Schema.Literals(regimeNames).annotate({ description: "who decides policy, and how" })
export type RegimeName = typeof RegimeName.Type

const latency = (value: number) => count("months from a decision to its enactment", value, 1_000)

/** The five policy levers as stringencies in [0, 1]: 0 is the loosest setting, 1 the tightest. */
export const PolicyLevers = Schema.Struct({
  computeCap: share("compute cap per lab: 0 = loosest cap, 1 = tightest", 0),
  safetyFloor: share("minimum safety share of compute: 0 = none, 1 = safetyFloorMax", 0),
  auditMandate: share("share of active labs audited per epoch", 0),
  safetyFunding: share("treasury spending on public safety research: 0 = none, 1 = safetyFundingMax", 0),
  licensing: share("licensing threshold for training runs: 0 = loosest threshold, 1 = tightest", 0),
})
export type PolicyLevers = typeof PolicyLevers.Type

/** What the stringencies mean in physical units (log-linear for the cap and the licensing threshold). */
export const LeverRanges = Schema.Struct({
  computeCapLoosest: positive("compute cap per lab at stringency 0, H100e", 1e7),
  computeCapTightest: positive("compute cap per lab at stringency 1, H100e", 1e4),
  safetyFloorMax: share("minimum safety share of compute at stringency 1", 0.3),
  safetyFundingMax: nonNegative("public safety research paid by the treasury at stringency 1, USD per month", 1e9),
  licensingLoosest: positive("licensing threshold at stringency 0, physical FLOP of one month's training run", 1e29),
  licensingTightest: positive("licensing threshold at stringency 1, physical FLOP of one month's training run", 1e24),
  licenseFee: nonNegative("fee for one month of licensed training above the threshold, USD (paid into the treasury)", 1e7),
})

export const Proposals = Schema.Struct({
  step: defaulted({ min: 0, max: 1, exclusiveMin: true, description: "largest move of one proposal in the normalized lever space (Euclidean)", default: 0.2 }),
  discontent: share("citizens propose when the enacted policy is farther than this from their median ideal (normalized distance)", 0.1),
  incidents: count("incidents since the last epoch that make the public propose tightening", 1, 1_000_000, 1),
  lobbying: withDefault(Schema.Boolean.annotate({ description: "the dominant lab proposes loosening every epoch" }), true),
})

export const Enforcement = Schema.Struct({
  detection: nonNegative("κ: detection intensity of one audit at full effort (p = 1 − exp(−κ·effort·(1 + τ·provenance)))", 1),
  transparency: nonNegative("τ: how much on-ledger provenance of a lab's runs raises detection", 2),
  fineShare: share("fine for one violation found, share of the lab's capital (paid into the treasury)", 0.02),
  bountyShare: share("bounty for a true finding, share of the fine (paid from the treasury)", 0.1),
  slashShare: share("stake slashed for a false finding, share of the auditor's stake (burned)", 0.5),
  minStake: nonNegative("governance tokens an auditor must have staked to audit", 0),
  reportingThreshold: positive("a training run this large or larger counts as large for provenance coverage, physical FLOP", 1e26),
  maxProvenancePerTick: count("provenance records written per month at most, largest licensed runs first (bounds the ledger)", 16, 100_000),
})

export const TokenMarket = Schema.Struct({
  price: positive("price of a governance token when none has been bought yet, USD", 1),
  depth: positive("tokens bought in all at which the price has doubled (linear bonding curve)", 1e9),
})

export const Identity = Schema.Struct({
  cost: nonNegative("cost of registering one identity, USD", 100),
  personhood: defaulted({ min: 0, max: 1, description: "proof-of-personhood strength: probability that a fake identity is caught and removed (1: Sybils impossible)", default: 0.9 }),
})

export const Central = Schema.Struct({
  latency: latency(1),
  lobbyingEffectiveness: nonNegative("ε: capture probability 1 − exp(−ε · capital share · lobbying / (lobbyingScale · all labs' capital))", 1),
  lobbyingScale: positive("lobbying spend, as a share of all labs' capital, at which a lab with all the capital would likely capture the authority", 0.005),
})

export const Committee = Schema.Struct({
  latency: latency(2),
  size: count("k: the k labs with the most capital decide", 3, 10_000, 1),
})

export const TokenVoting = Schema.Struct({ latency: latency(2) })

export const OnePerson = Schema.Struct({ latency: latency(3) })

export const Quadratic = Schema.Struct({ latency: latency(3) })

export const Liquid = Schema.Struct({
  latency: latency(2),
  delegationRate: share("share of citizen agents that delegate their vote", 0.5),
  concentration: defaulted({ min: 0, max: 10, description: "s: a delegator picks citizen j with probability ∝ (j + 1)^−s (0: uniform; larger: more super-delegates)", default: 1 }),
  maxDepth: count("delegation chains longer than this lose their weight", 32, 1_000_000, 1),
  bribePerPerson: nonNegative("bribe a lab pays a delegate per person whose vote it carries, USD", 10),
})

export const Conviction = Schema.Struct({
  latency: latency(1),
  alpha: defaulted({ min: 0, max: 0.999, description: "α: conviction decay per month, y(t+1) = α·y(t) + staked", default: 0.5 }),
  beta: defaulted({ min: 0, max: 1, exclusiveMin: true, description: "β: largest share of the treasury one proposal may request", default: 0.2 }),
  rho: positive("ρ: threshold weight, threshold = ρ·supply / ((1 − α)(β − r)²)", 0.002),
  lifetime: count("months a proposal stays open before it expires", 12, 100_000, 1),
})

export const Governance = Schema.Struct({
  regime: withDefault(RegimeName, "none"),
  epoch: count("months between governance epochs (proposals, votes, audits)", 6, 100_000, 1),
  quorum: share("share of all voting weight that must take part", 0.1),
  threshold: defaulted({ min: 0, max: 1, exclusiveMin: true, description: "a proposal passes when yes > threshold · (yes + no)", default: 0.5 }),
  gasPerVote: nonNegative("fee of one on-chain vote transaction, USD (burned)", 0.1),
  votesPerTick: positive("on-chain vote transactions the chain carries per month; more votes delay enactment", 1e9),
  influenceShare: share("share of its capital a lab will spend to sway one decision that moves it by a full proposal step", 0.002),
  appropriation: nonNegative("public money paid into the treasury each month, USD", 1e8),
  policy: withDefault(PolicyLevers, {}),
  levers: withDefault(LeverRanges, {}),
  proposals: withDefault(Proposals, {}),
  enforcement: withDefault(Enforcement, {}),
  tokenMarket: withDefault(TokenMarket, {}),
  identity: withDefault(Identity, {}),
  central: withDefault(Central, {}),
  committee: withDefault(Committee, {}),
  token: withDefault(TokenVoting, {}),
  "one-person": withDefault(OnePerson, {}),
  quadratic: withDefault(Quadratic, {}),
  liquid: withDefault(Liquid, {}),
  conviction: withDefault(Conviction, {}),
})
export type Governance = typeof Governance.Type

/** Cross-field checks the schema cannot express; paths are relative to the scenario. */
export const governanceProblems = (g: Governance): Array<{ readonly path: string; readonly message: string }> => {
  const problems: Array<{ path: string; message: string }> = []
  const l = g.levers
  if (l.computeCapTightest > l.computeCapLoosest) {
    problems.push({ path: "governance.levers.computeCapTightest", message: `must not exceed computeCapLoosest (${l.computeCapLoosest}), got ${l.computeCapTightest}` })
  }
  if (l.licensingTightest > l.licensingLoosest) {
    problems.push({ path: "governance.levers.licensingTightest", message: `must not exceed licensingLoosest (${l.licensingLoosest}), got ${l.licensingTightest}` })
  }
  return problems
}
