import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { aigov, ensureBuilt, smallScenario, tempDir, variantsScenario } from "./helpers.js"

let temp: ReturnType<typeof tempDir>
let dir: string
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir({
    "small.yaml": smallScenario,
    "variants.yaml": variantsScenario,
    "typo.yaml": "name: typo\nticks: 12\neconmy: { depreciation: 0.1 }\n",
    "range.yaml": "name: range\nticks: 0\n",
  })
  dir = temp.dir
})
afterAll(() => temp?.cleanup())

describe("aigov validate", () => {
  it("says ok with the name, the number of variants and the hash of each valid file, exit 0", () => {
    const r = aigov(["validate", join(dir, "small.yaml"), join(dir, "variants.yaml")])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe("")
    const lines = r.stdout.trimEnd().split("\n")
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(new RegExp(`^ok: ${join(dir, "small.yaml")} \\(small, 1 variant, hash [0-9a-f]{12}…\\)$`))
    expect(lines[1]).toMatch(new RegExp(`^ok: ${join(dir, "variants.yaml")} \\(two-regimes, 2 variants, hash [0-9a-f]{12}…\\)$`))
  })

  it("the hash it shows is the one run records", () => {
    const out = join(dir, "out")
    const run = aigov(["run", join(dir, "small.yaml"), "--out", out])
    const hash = /^hash +([0-9a-f]{64})$/m.exec(run.stdout)![1]!
    expect(aigov(["validate", join(dir, "small.yaml")]).stdout).toContain(`hash ${hash.slice(0, 12)}…`)
  })

  it("lists the problems of every invalid file by path and exits 1, still checking the others", () => {
    const r = aigov(["validate", join(dir, "typo.yaml"), join(dir, "small.yaml"), join(dir, "range.yaml"), join(dir, "gone.yaml")])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe(`ok: ${join(dir, "small.yaml")} (small, 1 variant, hash ${r.stdout.match(/hash (\w{12})/)![1]}…)\n`)
    expect(r.stderr).toContain(`${join(dir, "typo.yaml")}: 1 problem\n  econmy: unknown key "econmy" (did you mean "economy"?)`)
    expect(r.stderr).toMatch(new RegExp(`${join(dir, "range.yaml")}: 1 problem\\n {2}ticks: .*got 0`))
    expect(r.stderr).toContain(`error: cannot read ${join(dir, "gone.yaml")}: no such file or directory`)
  })

  it("exits 2 without a file", () => {
    const r = aigov(["validate"])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("usage: aigov validate")
  })
})
