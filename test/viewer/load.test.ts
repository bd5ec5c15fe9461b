import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { type LoadedResults, ResultsRejected, checkSize, maxResultsBytes, maxRuns, parseResultsText, validateResults } from "../../viz/src/load.js"
import { makeResults } from "./support.js"

const tiny = `
name: tiny
ticks: 6
replicates: 2
populations: { citizens: { count: 200 }, investors: { count: 10 } }
variants:
  a: {}
  b: { economy: { winnerTakeMost: 3 } }
`
const made = makeResults(tiny)
/** A fresh deep copy of a valid results file, to break. */
const fresh = (): any => structuredClone(made.results)

const accepted = (raw: unknown): LoadedResults => {
  const result = validateResults(raw, "test.json")
  if (Result.isFailure(result)) throw new Error(result.failure.message)
  return result.success
}
const refused = (raw: unknown): ResultsRejected => {
  const result = validateResults(raw, "test.json")
  if (Result.isSuccess(result)) throw new Error("expected the file to be refused")
  return result.failure
}
const paths = (e: ResultsRejected) => e.problems.map((p) => p.path)

describe("reading a results file", () => {
  it("accepts what the engine writes, run for run", () => {
    const loaded = accepted(fresh())
    expect(loaded.results.runs.map((r) => r.hash)).toEqual(made.hashes)
    // the engine writes every run's final per-lab holdings (for Lorenz curves)
    expect(loaded.holdings.every((h) => h !== undefined && h.capital.length > 0)).toBe(true)
  })

  it("accepts the same file as text", () => {
    const result = parseResultsText(JSON.stringify(made.results), "results.json")
    expect(Result.isSuccess(result)).toBe(true)
  })

  it("keeps a scenario name holding markup as plain text (it is never rendered as HTML)", () => {
    const raw = fresh()
    raw.scenario.name = "<img src=x onerror=window.__pwned=1>"
    expect(accepted(raw).results.scenario.name).toBe("<img src=x onerror=window.__pwned=1>")
  })

  it("reads per-lab holdings when a run carries them, and goes without when it does not", () => {
    const raw = fresh()
    delete raw.runs[0].holdings
    raw.runs[1].holdings = { capital: [1, 2, 3], compute: [4, 5, 6], knowledge: [7, 8, 9] }
    const loaded = accepted(raw)
    expect(loaded.holdings[0]).toBeUndefined()
    expect(loaded.holdings[1]?.compute).toEqual([4, 5, 6])
  })
})

describe("refusing a malformed or hostile results file", () => {
  it("refuses text that is not JSON", () => {
    const result = parseResultsText("{ not json", "bad.json")
    expect(Result.isFailure(result) && result.failure.title).toBe("the file is not valid JSON")
  })

  it("refuses JSON that is not an object, naming what it got", () => {
    expect(refused([1, 2, 3]).problems[0]?.message).toContain("got an array")
    expect(refused(null).problems[0]?.message).toContain("got null")
  })

  it("refuses another format, naming the field", () => {
    const raw = fresh()
    raw.format = "something-else/9"
    const e = refused(raw)
    expect(paths(e)).toEqual(["format"])
    expect(e.problems[0]?.message).toContain('expected "aigov-results/1"')
  })

  it("names the path of a value of the wrong type", () => {
    const raw = fresh()
    raw.runs[1].series.frontier_capability[3] = "31"
    expect(paths(refused(raw))).toEqual(["runs[1].series.frontier_capability[3]"])
  })

  it("refuses a run hash that is not 64 hex digits", () => {
    const raw = fresh()
    raw.runs[0].hash = "<script>alert(1)</script>"
    expect(paths(refused(raw))).toEqual(["runs[0].hash"])
  })

  it("refuses a series longer than any variant's horizon before decoding it", () => {
    const raw = fresh()
    raw.runs[2].series.compute_price = new Array(1_000_000).fill(1)
    const e = refused(raw)
    expect(paths(e)).toEqual(["runs[2].series.compute_price"])
    expect(e.problems[0]?.message).toContain("1000000 values, but no variant claims more than 6 ticks")
  })

  it("refuses a series longer than its own variant's horizon", () => {
    const raw = fresh()
    raw.scenario.variants[1].scenario.ticks = 12
    raw.runs[0].series.compute_price = new Array(12).fill(1)
    expect(paths(refused(raw))).toEqual(["runs[0].series.compute_price"])
  })

  it(`refuses more than ${maxRuns} runs`, () => {
    const raw = fresh()
    raw.runs = new Array(maxRuns + 1).fill(raw.runs[0])
    expect(paths(refused(raw))).toEqual(["runs"])
  })

  it("refuses absurdly many variants or series, and absurdly long names", () => {
    const many = fresh()
    many.scenario.variants = new Array(1001).fill(many.scenario.variants[0])
    expect(paths(refused(many))).toEqual(["scenario.variants"])
    const wide = fresh()
    for (let k = 0; k < 1001; k++) wide.runs[0].series[`s${k}`] = [1]
    expect(paths(refused(wide))).toEqual(["runs[0].series"])
    const long = fresh()
    long.scenario.variants[1].name = "x".repeat(201)
    expect(paths(refused(long))).toEqual(["scenario.variants[1].name"])
  })

  it("refuses a run of a variant the file does not list", () => {
    const raw = fresh()
    raw.runs[3].variant = "ghost"
    expect(paths(refused(raw))).toEqual(["runs[3].variant"])
  })

  it("refuses two runs of the same replicate", () => {
    const raw = fresh()
    raw.runs[1] = structuredClone(raw.runs[0])
    expect(paths(refused(raw))).toEqual(["runs[1]"])
  })

  it("refuses negative holdings", () => {
    const raw = fresh()
    raw.runs[0].holdings = { capital: [-1], compute: [1], knowledge: [1] }
    expect(paths(refused(raw))).toEqual(["runs[0].holdings.capital[0]"])
  })

  it(`refuses a file over ${maxResultsBytes / 1024 / 1024} MB before reading it`, () => {
    expect(Result.isSuccess(checkSize(maxResultsBytes, "ok.json"))).toBe(true)
    const result = checkSize(maxResultsBytes + 1, "big.json")
    expect(Result.isFailure(result) && result.failure.title).toContain("more than the 200 MB")
  })

  it("a __proto__ key in the file pollutes nothing", () => {
    const text = JSON.stringify(made.results).replace('"summary":{', '"summary":{"__proto__":{"polluted":1},')
    parseResultsText(text, "proto.json")
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
