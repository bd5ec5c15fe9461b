import alea from "seedrandom/lib/alea.js"
import { cos, log } from "../math/fdlibm.js"

/**
 * A seeded random stream. `uniform()` is in [0, 1) with 32 bits of resolution
 * (one Alea step: fast enough for per-citizen draws in the hot loop);
 * `double()` has 53 bits for the rare draws where resolution matters.
 */
export interface RandomStream {
  readonly uniform: () => number
  readonly double: () => number
}

/**
 * Names every stream of a run. Streams are derived from
 * (seed, variant key, replicate, stream name), so each phase owns its stream and
 * adding a phase never shifts another phase's numbers.
 *
 * Alea (Baagøe 2010, via seedrandom) was chosen: it passes BigCrush per its author,
 * seeds from arbitrary strings (so stream names hash in directly), and on these
 * machines is as fast as an inline xorshift (TOOLCHAIN.md).
 */
export const streamSeed = (seed: number, variantKey: string, replicate: number, name: string): string =>
  `aigov/${seed}/${variantKey}/${replicate}/${name}`

export const makeStream = (seed: number, variantKey: string, replicate: number, name: string): RandomStream => {
  const prng = alea(streamSeed(seed, variantKey, replicate, name))
  return { uniform: prng, double: prng.double }
}

/** The streams of one run, created on demand by name. */
export type StreamFactory = (name: string) => RandomStream

export const streamFactory = (seed: number, variantKey: string, replicate: number): StreamFactory =>
  (name) => makeStream(seed, variantKey, replicate, name)

/** Standard normal by Box–Muller from two uniforms of `stream`. */
export const standardNormal = (stream: RandomStream): number => {
  let u = stream.double()
  while (u <= 0) u = stream.double()
  const v = stream.double()
  return Math.sqrt(-2 * log(u)) * cos(2 * Math.PI * v)
}
