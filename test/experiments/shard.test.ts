import { describe, expect, it } from "vitest"
import { inShard, parseShard } from "../../sim/experiments/shard.js"

describe("shards", () => {
  it("split the run list round-robin into n disjoint slices that cover it", () => {
    const count = 3
    const slices = Array.from({ length: count }, (_, index) => Array.from({ length: 10 }, (_, k) => k).filter((k) => inShard(k, { index, count })))
    expect(slices).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]])
  })

  it("are given as i/n with 0 ≤ i < n", () => {
    expect(parseShard("2/4", {})).toEqual({ index: 2, count: 4 })
    expect(parseShard("0/1", {})).toEqual({ index: 0, count: 1 })
    expect(parseShard("4/4", {})).toMatch(/below n/)
    expect(parseShard("1/0", {})).toMatch(/n must be a whole number ≥ 1/)
    expect(parseShard("-1/4", {})).toMatch(/whole number or auto/)
    expect(parseShard("1.5/4", {})).toMatch(/whole number or auto/)
    expect(parseShard("3", {})).toMatch(/takes i\/n/)
  })

  it("take i from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm) with auto/n", () => {
    expect(parseShard("auto/8", { JOB_COMPLETION_INDEX: "5" })).toEqual({ index: 5, count: 8 })
    expect(parseShard("auto/8", { SLURM_ARRAY_TASK_ID: "7" })).toEqual({ index: 7, count: 8 })
    expect(parseShard("auto/8", { JOB_COMPLETION_INDEX: "1", SLURM_ARRAY_TASK_ID: "2" })).toEqual({ index: 1, count: 8 })
    expect(parseShard("auto/8", {})).toMatch(/neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set/)
    expect(parseShard("auto/8", { SLURM_ARRAY_TASK_ID: "8" })).toMatch(/not below 8 \(submit the array as --array=0-7\)/)
    expect(parseShard("auto/8", { JOB_COMPLETION_INDEX: "x" })).toMatch(/must be a whole number/)
  })
})
