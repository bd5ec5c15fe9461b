/**
 * fast-check arbitraries for VALID scenario files (plain JSON objects), small
 * enough that one run takes milliseconds. `scenario.test.ts` keeps them honest:
 * every generated value must decode with the loader, and the bounds below must
 * sit inside the JSON Schema's minimum/maximum.
 *
 * `scenario` keeps `governance: { regime: none }` (the economy alone, as the
 * engine properties expect); `governance` below draws every regime with its
 * parameters, and `governedScenario` puts it into a scenario.
 */
import fc from "fast-check"
import { stringify } from "yaml"

export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }
export type JsonObject = { [key: string]: Json }

/**
 * Every numeric range the generator draws from, keyed by the scenario path
 * (`populations.labs.count`). The bounds test checks each against the JSON Schema.
 */
export const bounds = {
  seed: [0, 4_294_967_295],
  ticks: [1, 12],
  replicates: [1, 2],
  "populations.labs.count": [1, 4],
  "populations.labs.historyTicks": [0, 24],
  "populations.providers.count": [1, 3],
  "populations.investors.count": [0, 5],
  "populations.citizens.count": [1, 30],
  "populations.citizens.peoplePerAgent": [1, 100_000],
  "populations.auditors.count": [0, 3],
  "economy.computeBudgetShare": [0, 1],
  "economy.depreciation": [0, 1],
  "economy.winnerTakeMost": [0, 10],
  "economy.aiSpendShare": [0, 0.5],
  "economy.savingsRate": [0, 0.5],
  "economy.incomeVolatility": [0, 1],
  "economy.payoutRatio": [0, 1],
  "economy.investShare": [0, 1],
  "economy.attachmentExponent": [0, 10],
  "economy.reinvestShare": [0, 1],
  "economy.capacityLag": [0, 24],
  "risk.baseHazard": [0, 1],
  "risk.capabilityElasticity": [0, 2],
  "risk.safetyEffect": [0, 60],
  "risk.incidentCapitalLoss": [0, 1],
  "metrics.topK": [1, 5],
  "governance.epoch": [1, 100_000],
  "governance.quorum": [0, 1],
  "governance.threshold": [1e-6, 1],
  "governance.gasPerVote": [0, 1_000],
  "governance.votesPerTick": [1, 1e9],
  "governance.influenceShare": [0, 1],
  "governance.appropriation": [0, 1e9],
  "governance.levers.computeCapLoosest": [1, 1e8],
  "governance.levers.safetyFloorMax": [0, 1],
  "governance.levers.safetyFundingMax": [0, 1e10],
  "governance.levers.licensingLoosest": [1e20, 1e30],
  "governance.levers.licenseFee": [0, 1e9],
  "governance.proposals.step": [1e-3, 1],
  "governance.proposals.discontent": [0, 1],
  "governance.proposals.incidents": [1, 5],
  "governance.enforcement.detection": [0, 10],
  "governance.enforcement.transparency": [0, 10],
  "governance.enforcement.fineShare": [0, 1],
  "governance.enforcement.bountyShare": [0, 1],
  "governance.enforcement.slashShare": [0, 1],
  "governance.enforcement.minStake": [0, 100],
  "governance.enforcement.reportingThreshold": [1e20, 1e30],
  "governance.enforcement.maxProvenancePerTick": [0, 20],
  "governance.tokenMarket.price": [1e-3, 1e3],
  "governance.tokenMarket.depth": [1, 1e12],
  "governance.identity.cost": [0, 1e6],
  "governance.identity.personhood": [0, 1],
  "governance.central.latency": [0, 1_000],
  "governance.central.lobbyingEffectiveness": [0, 100],
  "governance.central.lobbyingScale": [1e-6, 1],
  "governance.committee.latency": [0, 1_000],
  "governance.committee.size": [1, 10_000],
  "governance.token.latency": [0, 1_000],
  "governance.one-person.latency": [0, 1_000],
  "governance.quadratic.latency": [0, 1_000],
  "governance.liquid.latency": [0, 1_000],
  "governance.liquid.delegationRate": [0, 1],
  "governance.liquid.concentration": [0, 10],
  "governance.liquid.maxDepth": [1, 1_000_000],
  "governance.liquid.bribePerPerson": [0, 1e4],
  "governance.conviction.latency": [0, 1_000],
  "governance.conviction.alpha": [0, 0.999],
  "governance.conviction.beta": [1e-6, 1],
  "governance.conviction.rho": [1e-9, 1],
  "governance.conviction.lifetime": [1, 100_000],
} as const satisfies Record<string, readonly [number, number]>

export type BoundedPath = keyof typeof bounds

const int = (path: BoundedPath) => fc.integer({ min: bounds[path][0], max: bounds[path][1] })
const real = (path: BoundedPath) => fc.double({ min: bounds[path][0], max: bounds[path][1], noNaN: true, noDefaultInfinity: true })
const within = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true })

/** A value in [lo, hi] with the ends themselves likely (edge cases on purpose). */
const edgy = (lo: number, hi: number) => fc.oneof({ weight: 1, arbitrary: fc.constantFrom(lo, hi) }, { weight: 3, arbitrary: within(lo, hi) })

/**
 * A distribution for `count` agents whose values must lie in [lo, hi] (hi may be
 * Infinity). Every kind whose support fits: lognormal, pareto and exponential only
 * for unbounded fields; `list` always with exactly `count` values, including
 * "everything in one hand" lists.
 */
export const distribution = (count: number, lo: number, hi: number, typical: number): fc.Arbitrary<JsonObject> => {
  const top = Number.isFinite(hi) ? hi : typical * 10
  const constant = edgy(lo, top).map((value): JsonObject => ({ kind: "constant", value }))
  const uniform = fc
    .tuple(edgy(lo, top), edgy(lo, top))
    .map(([a, b]): JsonObject => ({ kind: "uniform", min: Math.min(a, b), max: Math.max(a, b) }))
  const list = fc.array(edgy(lo, top), { minLength: count, maxLength: count }).map((values): JsonObject => ({ kind: "list", values }))
  const oneHand = fc
    .tuple(fc.nat({ max: Math.max(0, count - 1) }), edgy(lo, top))
    .map(([who, amount]): JsonObject => ({ kind: "list", values: Array.from({ length: count }, (_, i) => (i === who ? amount : lo)) }))
  const kinds: Array<fc.Arbitrary<JsonObject>> = [constant, uniform, list, oneHand]
  if (!Number.isFinite(hi) && lo <= 0) {
    kinds.push(
      fc.record({ kind: fc.constant("lognormal"), median: within(typical / 100, typical * 100), sigma: within(0, 2.5) }),
      fc.record({ kind: fc.constant("exponential"), mean: within(typical / 100, typical * 100) }),
    )
  }
  if (!Number.isFinite(hi)) {
    kinds.push(fc.record({ kind: fc.constant("pareto"), scale: within(Math.max(lo, typical / 100), typical), alpha: within(0.5, 5) }))
  }
  return fc.oneof(...kinds)
}

const share = (count: number, typical = 0.5) => distribution(count, 0, 1, typical)
const amount = (count: number, typical: number) => distribution(count, 0, Infinity, typical)

export const shock = (ticks: number): fc.Arbitrary<JsonObject> => {
  const tick = fc.integer({ min: 0, max: ticks - 1 })
  return fc.oneof(
    fc.record({ kind: fc.constant("compute"), tick, target: fc.constantFrom("providers", "labs"), factor: edgy(0, 5) }),
    fc.record({
      kind: fc.constant("capital"),
      tick,
      target: fc.constantFrom("labs", "providers", "investors", "citizens"),
      factor: edgy(0, 5),
    }),
    fc.record({ kind: fc.constant("entrant"), tick, capital: edgy(0, 1e10), compute: edgy(0, 1e5), safetyShare: edgy(0, 1) }),
  )
}

export interface Sizes {
  readonly ticks: number
  readonly labs: number
  readonly providers: number
  readonly investors: number
  readonly citizens: number
  readonly auditors: number
}

export const sizes: fc.Arbitrary<Sizes> = fc.record({
  ticks: int("ticks"),
  labs: fc.oneof(fc.constant(1), int("populations.labs.count")),
  providers: int("populations.providers.count"),
  investors: fc.oneof(fc.constant(0), int("populations.investors.count")),
  citizens: int("populations.citizens.count"),
  auditors: fc.oneof(fc.constant(0), int("populations.auditors.count")),
})

/** The `populations` block for the given sizes; the safety share is passed in so properties can fix it. */
export const populations = (n: Sizes, safetyShare: fc.Arbitrary<JsonObject> = share(n.labs, 0.05)) =>
  fc.record({
    labs: fc.record({
      count: fc.constant(n.labs),
      capital: amount(n.labs, 2e9),
      compute: amount(n.labs, 20_000),
      safetyShare,
      tokens: amount(n.labs, 100),
      compliance: share(n.labs),
      historyTicks: int("populations.labs.historyTicks"),
    }),
    providers: fc.record({
      count: fc.constant(n.providers),
      capacity: amount(n.providers, 40_000),
      capital: amount(n.providers, 5e9),
      unitCost: amount(n.providers, 20_000),
    }),
    investors: fc.record({ count: fc.constant(n.investors), capital: amount(n.investors, 1e9) }),
    citizens: fc.record({
      count: fc.constant(n.citizens),
      peoplePerAgent: fc.oneof(fc.constant(1), real("populations.citizens.peoplePerAgent").filter((x) => x > 0)),
      income: fc.oneof(fc.constant<JsonObject>({ kind: "constant", value: 0 }), amount(n.citizens, 3_500)),
      capital: amount(n.citizens, 1_000),
      tokens: amount(n.citizens, 10),
      turnout: share(n.citizens, 0.3),
    }),
    auditors: fc.record({
      count: fc.constant(n.auditors),
      capital: amount(n.auditors, 1e7),
      stake: amount(n.auditors, 10),
      honesty: share(n.auditors, 1),
      capacity: amount(n.auditors, 2),
    }),
  })

export const economy = fc
  .record({
    computeBudgetShare: real("economy.computeBudgetShare"),
    depreciation: real("economy.depreciation"),
    winnerTakeMost: real("economy.winnerTakeMost"),
    aiSpendShare: real("economy.aiSpendShare"),
    savingsRate: real("economy.savingsRate"),
    incomeVolatility: real("economy.incomeVolatility"),
    payoutRatio: real("economy.payoutRatio"),
    investShare: real("economy.investShare"),
    attachmentExponent: real("economy.attachmentExponent"),
    reinvestShare: real("economy.reinvestShare"),
    capacityLag: int("economy.capacityLag"),
  }, { requiredKeys: [] })

export const risk = fc.record({
  baseHazard: real("risk.baseHazard"),
  capabilityElasticity: real("risk.capabilityElasticity"),
  safetyEffect: real("risk.safetyEffect"),
  incidentCapitalLoss: real("risk.incidentCapitalLoss"),
}, { requiredKeys: [] })

const phaseNames = ["shocks", "market", "training", "revenue", "investment", "risk", "governance", "enforcement", "metrics"] as const

/** Any order of any subset of the phases, as long as `metrics` is in it. */
export const phases = fc
  .shuffledSubarray([...phaseNames].filter((p) => p !== "metrics"))
  .chain((rest) => fc.nat({ max: rest.length }).map((at) => [...rest.slice(0, at), "metrics", ...rest.slice(at)]))

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/)

/** Builds a scenario file around the given populations arbitrary (for properties that fix parts of it). */
export const scenarioWith = (
  n: Sizes,
  options: {
    readonly safetyShare?: fc.Arbitrary<JsonObject>
    readonly shocks?: boolean
    readonly phases?: boolean
    /** the `governance` block (default `{ regime: none }`) */
    readonly governance?: fc.Arbitrary<JsonObject>
  } = {},
): fc.Arbitrary<JsonObject> =>
  fc
    .record({
      name,
      seed: fc.oneof(fc.constantFrom(0, 1, 4_294_967_295), int("seed")),
      ticks: fc.constant(n.ticks),
      replicates: fc.constant(1),
      commonRandomNumbers: fc.boolean(),
      phases: options.phases === false ? fc.constant(undefined) : fc.option(phases, { nil: undefined, freq: 4 }),
      populations: populations(n, options.safetyShare),
      economy,
      risk,
      shocks: options.shocks === false ? fc.constant([]) : fc.array(shock(n.ticks), { maxLength: 3 }),
      metrics: fc.record({ topK: int("metrics.topK") }),
      governance: options.governance ?? fc.constant<JsonObject>({ regime: "none" }),
    })
    .map((s) => {
      const out: JsonObject = {}
      for (const [k, v] of Object.entries(s)) if (v !== undefined) out[k] = v as Json
      return out
    })

/** A valid scenario file (no variants), small enough to run in milliseconds. */
export const scenario: fc.Arbitrary<JsonObject> = sizes.chain((n) => scenarioWith(n))

/** YAML that `aigov run` accepts (the same object, as a file). */
export const toYaml = (value: unknown): string => stringify(value, { lineWidth: 0 })

// ---------------------------------------------------------------------------
// Governance

/** Every regime a scenario can name (kept in step with sim/scenario/governance.ts by governance.test.ts). */
export const regimes = ["none", "central", "committee", "token", "one-person", "quadratic", "liquid", "conviction"] as const
export type RegimeChoice = (typeof regimes)[number]

/** An integer in the path's bounds, usually at most `usual` (large values, and both ends, still drawn sometimes). */
const count = (path: BoundedPath, usual: number) => {
  const [lo, hi] = bounds[path]
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(lo, hi) },
    { weight: 5, arbitrary: fc.integer({ min: lo, max: Math.min(hi, usual) }) },
    { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) },
  )
}
const edge = (path: BoundedPath) => edgy(bounds[path][0], bounds[path][1])
/** A (loosest, tightest) pair with tightest ≤ loosest, as governanceProblems requires. */
const range = (path: BoundedPath) =>
  fc.tuple(edge(path), fc.oneof(fc.constant(1), within(Number.MIN_VALUE, 1))).map(([loosest, u]) => [loosest, Math.max(bounds[path][0] * 1e-6, loosest * u)] as const)

/**
 * The `governance` block for the given regime (or any), every parameter within
 * the schema's bounds and each sub-block's keys optional (so defaults are drawn
 * too). Edge cases on purpose: quorum 0 and 1, threshold 1, identity cost 0 and
 * personhood 0/1, every citizen delegating (delegationRate 1), maxDepth 1, an
 * epoch of one month, conviction's α = 0 and its bounds. "All tokens in one hand"
 * comes from the populations' `list` distributions.
 */
export const governance = (regime: fc.Arbitrary<RegimeChoice> = fc.constantFrom(...regimes), ticks = 12): fc.Arbitrary<JsonObject> =>
  fc.record({
    regime,
    epoch: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: Math.max(1, Math.min(ticks, 6)) }) }, { weight: 1, arbitrary: count("governance.epoch", 24) }),
    quorum: edge("governance.quorum"),
    threshold: fc.oneof(fc.constantFrom(0.5, 1, bounds["governance.threshold"][0]), within(bounds["governance.threshold"][0], 1)),
    gasPerVote: fc.oneof(fc.constant(0), edge("governance.gasPerVote")),
    votesPerTick: fc.oneof(fc.constantFrom(1, 1e9), edge("governance.votesPerTick")),
    influenceShare: edge("governance.influenceShare"),
    appropriation: edge("governance.appropriation"),
    policy: fc.record({
      computeCap: edgy(0, 1),
      safetyFloor: edgy(0, 1),
      auditMandate: edgy(0, 1),
      safetyFunding: edgy(0, 1),
      licensing: edgy(0, 1),
    }, { requiredKeys: [] }),
    levers: fc.tuple(range("governance.levers.computeCapLoosest"), range("governance.levers.licensingLoosest"), fc.record({
      safetyFloorMax: edge("governance.levers.safetyFloorMax"),
      safetyFundingMax: edge("governance.levers.safetyFundingMax"),
      licenseFee: edge("governance.levers.licenseFee"),
    }, { requiredKeys: [] })).map(([[computeCapLoosest, computeCapTightest], [licensingLoosest, licensingTightest], rest]): JsonObject => ({
      computeCapLoosest,
      computeCapTightest,
      licensingLoosest,
      licensingTightest,
      ...rest,
    })),
    proposals: fc.record({
      step: edge("governance.proposals.step"),
      discontent: edge("governance.proposals.discontent"),
      incidents: count("governance.proposals.incidents", 5),
      lobbying: fc.boolean(),
    }, { requiredKeys: [] }),
    enforcement: fc.record({
      detection: edge("governance.enforcement.detection"),
      transparency: edge("governance.enforcement.transparency"),
      fineShare: edge("governance.enforcement.fineShare"),
      bountyShare: edge("governance.enforcement.bountyShare"),
      slashShare: edge("governance.enforcement.slashShare"),
      minStake: edge("governance.enforcement.minStake"),
      reportingThreshold: edge("governance.enforcement.reportingThreshold"),
      maxProvenancePerTick: count("governance.enforcement.maxProvenancePerTick", 20),
    }, { requiredKeys: [] }),
    tokenMarket: fc.record({ price: edge("governance.tokenMarket.price"), depth: edge("governance.tokenMarket.depth") }, { requiredKeys: [] }),
    identity: fc.record({
      cost: fc.oneof(fc.constant(0), edge("governance.identity.cost")),
      personhood: edge("governance.identity.personhood"),
    }, { requiredKeys: [] }),
    central: fc.record({
      latency: count("governance.central.latency", 6),
      lobbyingEffectiveness: edge("governance.central.lobbyingEffectiveness"),
      lobbyingScale: edge("governance.central.lobbyingScale"),
    }, { requiredKeys: [] }),
    committee: fc.record({ latency: count("governance.committee.latency", 6), size: count("governance.committee.size", 6) }, { requiredKeys: [] }),
    token: fc.record({ latency: count("governance.token.latency", 6) }, { requiredKeys: [] }),
    "one-person": fc.record({ latency: count("governance.one-person.latency", 6) }, { requiredKeys: [] }),
    quadratic: fc.record({ latency: count("governance.quadratic.latency", 6) }, { requiredKeys: [] }),
    liquid: fc.record({
      latency: count("governance.liquid.latency", 6),
      delegationRate: fc.oneof(fc.constant(1), edge("governance.liquid.delegationRate")),
      concentration: edge("governance.liquid.concentration"),
      maxDepth: count("governance.liquid.maxDepth", 40),
      bribePerPerson: edge("governance.liquid.bribePerPerson"),
    }, { requiredKeys: [] }),
    conviction: fc.record({
      latency: count("governance.conviction.latency", 6),
      alpha: edge("governance.conviction.alpha"),
      beta: edge("governance.conviction.beta"),
      rho: edge("governance.conviction.rho"),
      lifetime: count("governance.conviction.lifetime", 24),
    }, { requiredKeys: [] }),
  }, { requiredKeys: ["regime", "epoch"] })

/** A valid scenario file with a governance block (any regime, or the one given). */
export const governedScenario = (regime?: RegimeChoice | fc.Arbitrary<RegimeChoice>): fc.Arbitrary<JsonObject> =>
  sizes.chain((n) => scenarioWith(n, { governance: governance(typeof regime === "string" ? fc.constant(regime) : regime, n.ticks) }))

/** Every regime but `none` (the ones that keep a ledger). */
export const activeRegimes = regimes.filter((r): r is Exclude<RegimeChoice, "none"> => r !== "none")
