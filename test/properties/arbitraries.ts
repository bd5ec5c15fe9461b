/**
 * fast-check arbitraries for VALID scenario files (plain JSON objects), small
 * enough that one run takes milliseconds. `scenario.test.ts` keeps them honest:
 * every generated value must decode with the loader, and the bounds below must
 * sit inside the JSON Schema's minimum/maximum.
 *
 * `governance` is left out (regime `none` by default) on purpose: that block is
 * being extended elsewhere; add it here once it settles.
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
  options: { readonly safetyShare?: fc.Arbitrary<JsonObject>; readonly shocks?: boolean; readonly phases?: boolean } = {},
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
      governance: fc.constant({ regime: "none" }),
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
