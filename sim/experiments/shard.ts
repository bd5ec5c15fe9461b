/**
 * Shards: `--shard i/n` runs the i-th of n disjoint slices of the run list
 * (i = 0..n−1), round-robin: run k of the plan belongs to shard k mod n. Round
 * robin rather than contiguous blocks because neighbouring runs share an arm,
 * and arms can differ a lot in cost (a sweep over population sizes): dealing
 * the runs out like cards gives every shard a similar mix.
 *
 * `--shard auto/n` takes i from the environment of a cluster array job:
 * JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs, 0..completions−1) or
 * SLURM_ARRAY_TASK_ID (Slurm job arrays; submit with --array=0-(n−1)).
 */

export interface Shard {
  readonly index: number
  readonly count: number
}

export const inShard = (runIndex: number, shard: Shard): boolean => runIndex % shard.count === shard.index

/** The environment variables `auto` reads, in order of preference. */
export const shardVariables = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"] as const

const wholeNumber = /^(0|[1-9]\d*)$/

/** Parses `i/n` or `auto/n`; an error message (for a usage error) otherwise. */
export const parseShard = (text: string, env: Readonly<Record<string, string | undefined>>): Shard | string => {
  const match = /^([^/]+)\/([^/]+)$/.exec(text.trim())
  if (match === null) return `--shard takes i/n (0 ≤ i < n) or auto/n, got "${text}"`
  const [, first, second] = match as unknown as [string, string, string]
  if (!wholeNumber.test(second) || Number(second) < 1) return `--shard i/n: n must be a whole number ≥ 1, got "${second}"`
  const count = Number(second)
  let index: number
  if (first === "auto") {
    const name = shardVariables.find((v) => env[v] !== undefined && env[v] !== "")
    if (name === undefined) return `--shard auto/${count}: neither ${shardVariables.join(" nor ")} is set (they come from a Kubernetes Indexed Job or a Slurm job array)`
    const value = env[name]!
    if (!wholeNumber.test(value)) return `--shard auto/${count}: ${name} must be a whole number, got "${value}"`
    index = Number(value)
    if (index >= count) {
      return `--shard auto/${count}: ${name}=${value} is not below ${count}` +
        (name === "SLURM_ARRAY_TASK_ID" ? " (submit the array as --array=0-" + (count - 1) + ")" : "")
    }
  } else {
    if (!wholeNumber.test(first)) return `--shard i/n: i must be a whole number or auto, got "${first}"`
    index = Number(first)
    if (index >= count) return `--shard ${text}: i must be below n (shards are numbered 0..${count - 1})`
  }
  return { index, count }
}
