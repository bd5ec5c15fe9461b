import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { aigov, ensureBuilt, tempDir } from "./helpers.js"

let temp: ReturnType<typeof tempDir>
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir({
    // hex addresses look like numbers to Number(): the balance column must still be chosen
    "holders.csv": "address,balance\n0xa,100\n0xb,50\n0xc,25\n",
    "bad.csv": "address,balance\n0xa,100\n0xb,-5\n",
  })
})
afterAll(() => temp?.cleanup())

const json = (args: ReadonlyArray<string>) => {
  const r = aigov(["power", ...args, "--json"])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

describe("aigov power", () => {
  it("the EEC Council of 1958 [12; 4,4,4,2,2,1]: Luxembourg is a dummy (Brams; Felsenthal & Machover)", () => {
    const r = json(["--quota", "12", "--weights", "4,4,4,2,2,1"])
    expect(r.method).toBe("exact")
    const expected = { banzhaf: [5, 5, 5, 3, 3, 0].map((x) => x / 21), shapleyShubik: [7 / 30, 7 / 30, 7 / 30, 0.15, 0.15, 0] }
    r.banzhaf.forEach((b: number, i: number) => expect(b).toBeCloseTo(expected.banzhaf[i]!, 12))
    r.shapleyShubik.forEach((s: number, i: number) => expect(s).toBeCloseTo(expected.shapleyShubik[i]!, 12))
  })

  it("a quota at most 1 is a share of the total weight", () => {
    const share = json(["--quota", "0.51", "--weights", "49,48,3"])
    expect(share.quota).toBeCloseTo(51, 12)
    share.banzhaf.forEach((b: number) => expect(b).toBeCloseTo(1 / 3, 12))
  })

  it("reads a holders CSV, picking the balance column over hex addresses", () => {
    const r = json(["--quota", "0.5", "--file", join(temp.dir, "holders.csv")])
    expect(r.players).toEqual(["0xa", "0xb", "0xc"])
    expect(r.weights).toEqual([100, 50, 25])
    expect(r.banzhaf).toEqual([1, 0, 0])
  })

  it("prints a table by default, with the method", () => {
    const r = aigov(["power", "--quota", "12", "--weights", "4,4,4,2,2,1"])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^player +weight +banzhaf +shapley_shubik\n/)
    expect(r.stdout).toMatch(/\n6 +1 +0\.000000 +0\.000000\n/)
    expect(r.stdout).toContain("exact")
  })

  it("beyond the exact limit it estimates by seeded Monte Carlo with standard errors, reproducibly", () => {
    const weights = Array.from({ length: 300 }, (_, i) => 1 + (i % 7)).join(",")
    const a = json(["--quota", "0.5", "--weights", weights, "--samples", "2000"])
    const b = json(["--quota", "0.5", "--weights", weights, "--samples", "2000"])
    expect(a.method).toBe("monte-carlo")
    expect(a).toEqual(b)
    expect(a.standardError.shapleyShubik.some((x: number) => x > 0)).toBe(true)
  })

  it("bad weights are a usage error; a bad holders file is invalid input", () => {
    expect(aigov(["power", "--quota", "0.5", "--weights", "1,x"]).code).toBe(2)
    expect(aigov(["power", "--quota", "0.5"]).code).toBe(2)
    const bad = aigov(["power", "--quota", "0.5", "--file", join(temp.dir, "bad.csv")])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/line 3: balance "-5" is not a non-negative number/)
  })
})
