import { Schema } from "effect"
import type { RandomStream } from "../../sim/rng/streams.js"
import { Governance } from "../../sim/scenario/governance.js"
import type { Ballot, Electorate, Outcome, Regime, RegimeFactory, Votes } from "../../sim/regimes/regime.js"

/** The governance block with the schema's defaults, overridden. */
export const governance = (overrides: Record<string, unknown> = {}): Governance =>
  Schema.decodeUnknownSync(Governance)({ regime: "token", ...overrides })

/** A stream that returns the given values in turn (then repeats the last). */
export const fixedRandom = (...values: Array<number>): RandomStream => {
  let i = 0
  const next = () => values[Math.min(i++, values.length - 1)]!
  return { uniform: next, double: next }
}

export interface Voter {
  readonly tokens?: number
  readonly people?: number
  readonly capital?: number
  /** u(proposal) − u(status quo) */
  readonly gain?: number
  readonly participates?: boolean
  readonly budget?: number
}

/** A tiny electorate: `labs` first, then `citizens`. */
export const electorate = (labs: ReadonlyArray<Voter>, citizens: ReadonlyArray<Voter>): Electorate => {
  const all = [...labs, ...citizens]
  return {
    labs: labs.length,
    size: all.length,
    eligible: Uint8Array.from(all, () => 1),
    tokens: Float64Array.from(all, (v) => v.tokens ?? 0),
    people: Float64Array.from(all, (v, i) => v.people ?? (i < labs.length ? 1 : 1)),
    capital: Float64Array.from(all, (v) => v.capital ?? 1e6),
  }
}

export const ballot = (labs: ReadonlyArray<Voter>, citizens: ReadonlyArray<Voter>, extra: Partial<Ballot> = {}): Ballot => {
  const all = [...labs, ...citizens]
  return {
    electorate: electorate(labs, citizens),
    proposalId: 0,
    age: 0,
    gain: Float64Array.from(all, (v) => v.gain ?? 0),
    participates: Uint8Array.from(all, (v) => (v.participates === false ? 0 : 1)),
    budget: Float64Array.from(all, (v) => v.budget ?? 0),
    authorityGain: 0,
    requestedShare: 0,
    ...extra,
  }
}

export const votesFor = (size: number): Votes => ({
  gas: new Float64Array(size),
  cast: new Float64Array(size),
  target: new Int32Array(size),
})

/** Creates `factory` for the ballot's electorate and decides the ballot. */
export const decideOne = (
  factory: RegimeFactory,
  g: Governance,
  b: Ballot,
  random: RandomStream = fixedRandom(0.5),
): { outcome: Outcome; votes: Votes; regime: Regime } => {
  const regime = factory({ governance: g, labs: b.electorate.labs, size: b.electorate.size, random })
  const votes = votesFor(b.electorate.size)
  const outcome = regime.decide([b], votes)[0]!
  return { outcome, votes, regime }
}
