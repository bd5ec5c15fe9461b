import { Schema } from "effect"
import { Distribution } from "./distribution.js"
import { count, defaulted, nonNegative, positive, share, withDefault } from "./fields.js"
import { Governance } from "./governance.js"
import { Shock } from "./shock.js"

/**
 * The scenario file. Every field but `name` has a default (see sim/MODEL.md for
 * units and sources); a tick is one month. Money is in US dollars, compute in
 * H100-equivalents (H100e), training compute in FLOP.
 */

const dist = (value: Distribution, description: string) => withDefault(Distribution.annotate({ description }), value)

export const Labs = Schema.Struct({
  count: count("number of AI labs at tick 0", 10, 10_000, 1),
  capital: dist({ kind: "lognormal", median: 2e9, sigma: 1.2 }, "initial capital, USD"),
  compute: dist({ kind: "lognormal", median: 20_000, sigma: 1.2 }, "initial compute fleet, H100e"),
  safetyShare: dist({ kind: "uniform", min: 0.02, max: 0.1 }, "share of compute spent on safety, in [0, 1]"),
  tokens: dist({ kind: "constant", value: 0 }, "initial governance tokens"),
  compliance: dist({ kind: "uniform", min: 0.5, max: 1 }, "propensity to obey enacted policy, in [0, 1] (governance)"),
  historyTicks: nonNegative("months of past training at the initial fleet that make up the initial capability stock", 12),
})

export const Providers = Schema.Struct({
  count: count("number of compute providers", 5, 10_000, 1),
  capacity: dist({ kind: "lognormal", median: 40_000, sigma: 0.5 }, "production capacity, H100e per month"),
  capital: dist({ kind: "lognormal", median: 5e9, sigma: 1 }, "initial capital, USD"),
  unitCost: dist({ kind: "uniform", min: 15_000, max: 25_000 }, "cost of producing one H100e, USD"),
})

export const Investors = Schema.Struct({
  count: count("number of investors", 100, 1_000_000),
  capital: dist({ kind: "lognormal", median: 1e9, sigma: 1.5 }, "initial capital, USD"),
})

/** Citizens' ideal policy: one stringency in [0, 1] per lever (governance). */
export const CitizenIdeals = Schema.Struct({
  computeCap: dist({ kind: "uniform", min: 0, max: 1 }, "ideal compute-cap stringency, in [0, 1]"),
  safetyFloor: dist({ kind: "uniform", min: 0, max: 1 }, "ideal safety-floor stringency, in [0, 1]"),
  auditMandate: dist({ kind: "uniform", min: 0, max: 1 }, "ideal audit mandate, in [0, 1]"),
  safetyFunding: dist({ kind: "uniform", min: 0, max: 1 }, "ideal public safety funding stringency, in [0, 1]"),
  licensing: dist({ kind: "uniform", min: 0, max: 1 }, "ideal licensing stringency, in [0, 1]"),
})

export const Citizens = Schema.Struct({
  count: count("number of citizen agents", 10_000, 100_000_000, 1),
  peoplePerAgent: positive("people one citizen agent stands for (scales income and spending)", 30_000),
  income: dist({ kind: "lognormal", median: 3_500, sigma: 0.8 }, "income per person, USD per month"),
  capital: dist({ kind: "constant", value: 0 }, "initial savings per agent, USD"),
  tokens: dist({ kind: "constant", value: 0 }, "initial governance tokens per agent"),
  turnout: dist({ kind: "uniform", min: 0.1, max: 0.5 }, "probability the agent takes part in a governance epoch, in [0, 1]"),
  ideal: withDefault(CitizenIdeals, {}),
})

export const Auditors = Schema.Struct({
  count: count("number of auditors", 0, 1_000_000),
  capital: dist({ kind: "constant", value: 1e7 }, "initial capital, USD"),
  stake: dist({ kind: "constant", value: 0 }, "initial staked tokens"),
  honesty: dist({ kind: "constant", value: 1 }, "probability an audit is done honestly (otherwise every binding rule is reported violated), in [0, 1]"),
  capacity: dist({ kind: "constant", value: 2 }, "audits the auditor can do at full effort per epoch"),
})

export const Populations = Schema.Struct({
  labs: withDefault(Labs, {}),
  providers: withDefault(Providers, {}),
  investors: withDefault(Investors, {}),
  citizens: withDefault(Citizens, {}),
  auditors: withDefault(Auditors, {}),
})

export const Economy = Schema.Struct({
  computeBudgetShare: share("share of a lab's capital spent on compute each month", 0.05),
  depreciation: share("share of a compute fleet retired each month", 1 / 48),
  flopPerUnitTick: positive("training FLOP one H100e delivers in a month", 1.04e21),
  hardwareEfficiencyGrowth: nonNegative("monthly growth of FLOP per H100e-equivalent (hardware)", 0.0234),
  algorithmicEfficiencyGrowth: nonNegative("monthly growth of effective FLOP per FLOP (algorithms)", 0.09),
  safetyDepreciation: share("share of a lab's safety stock that becomes obsolete each month", 0.02),
  winnerTakeMost: defaulted({ min: 0, max: 10, description: "Tullock exponent: market share ∝ (effective compute stock)^γ", default: 1.5 }),
  aiSpendShare: share("share of citizens' income spent on AI services", 0.005),
  savingsRate: share("share of citizens' income saved (the rest, less AI spending, is consumed)", 0.1),
  incomeVolatility: share("half-width of the uniform multiplicative monthly income noise", 0.1),
  consumerSurplus: nonNegative("consumer benefit per dollar of AI spending at the reference capability", 1),
  capabilityReturns: nonNegative("orders of magnitude of benefit per order of magnitude of capability above the reference", 0.25),
  payoutRatio: share("share of a lab's monthly revenue paid to its investors", 0.1),
  investShare: share("share of an investor's cash invested each month", 0.02),
  attachmentExponent: defaulted({ min: 0, max: 10, description: "preferential attachment exponent β on revenue share", default: 1 }),
  attachmentBaseline: nonNegative("attractiveness every lab has regardless of revenue share", 0.01),
  reinvestShare: share("share of a provider's monthly profit spent on new capacity", 0.5),
  capexPerUnit: positive("capital cost of one H100e per month of new production capacity, USD", 500_000),
  capacityLag: count("months from capacity order to production", 12, 1_000),
})

export const Risk = Schema.Struct({
  baseHazard: share("monthly incident hazard of a lab at the reference capability with no safety stock", 0.02),
  referenceCapability: positive("reference capability, log10 effective FLOP", 26),
  capabilityElasticity: nonNegative("orders of magnitude of hazard per order of magnitude of capability", 0.25),
  safetyEffect: nonNegative("φ: hazard falls as exp(−φ · safety fraction of the lab's knowledge stock)", 30),
  harmPerIncident: nonNegative("harm to citizens of one incident at the reference capability, USD-equivalent", 1e9),
  harmScaling: nonNegative("orders of magnitude of harm per order of magnitude of capability", 0.25),
  incidentCapitalLoss: share("share of a lab's capital lost in an incident (liability, recall)", 0.05),
})

export const Metrics = Schema.Struct({
  topK: count("k in the top-k share metrics", 3, 1_000, 1),
  capabilityThreshold: positive("capability (log10 effective FLOP) whose first crossing is reported", 28),
})

export const PhaseName = Schema.Literals([
  "shocks",
  "market",
  "training",
  "revenue",
  "investment",
  "risk",
  "governance",
  "enforcement",
  "metrics",
])
export type PhaseName = typeof PhaseName.Type

export const defaultPhases: ReadonlyArray<PhaseName> = [
  "shocks",
  "market",
  "training",
  "revenue",
  "investment",
  "risk",
  "governance",
  "enforcement",
  "metrics",
]

/** The scenario after defaults and one variant's overrides: what the engine runs. */
export const Scenario = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1)).annotate({ description: "short name of the scenario" }),
  description: withDefault(Schema.String, ""),
  seed: count("base seed of every random stream", 1, 4_294_967_295),
  ticks: count("months to simulate", 120, 100_000, 1),
  replicates: count("independent replicates (different random streams)", 1, 1_000_000, 1),
  commonRandomNumbers: withDefault(
    Schema.Boolean.annotate({ description: "variants share random streams per replicate (paired comparisons)" }),
    true,
  ),
  phases: withDefault(Schema.Array(PhaseName).annotate({ description: "the phases of a tick, in order" }), defaultPhases),
  populations: withDefault(Populations, {}),
  economy: withDefault(Economy, {}),
  risk: withDefault(Risk, {}),
  governance: withDefault(Governance, {}),
  shocks: withDefault(Schema.Array(Shock), []),
  metrics: withDefault(Metrics, {}),
})
export type Scenario = typeof Scenario.Type

/**
 * A scenario file: a base scenario plus named variants, each a partial scenario
 * deep-merged over the base (objects merge, arrays and values replace).
 */
export const ScenarioFile = Schema.Struct({
  ...Scenario.fields,
  variants: withDefault(
    Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.Unknown)).annotate({
      description: "named overrides of the base scenario, compared side by side",
    }),
    {},
  ),
  // read by `aigov sweep` with its own schema (sim/experiments/sweep.ts); every other command ignores it
  sweep: Schema.optionalKey(
    Schema.Unknown.annotate({ description: "parameter sweep for `aigov sweep`: design, samples, parameters (see sim/experiments/README.md)" }),
  ),
})
export type ScenarioFile = typeof ScenarioFile.Type
