import { spawnSync } from "node:child_process"
import { copyFileSync, mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bin, ensureBuilt, node, root, tempDir } from "./helpers.js"

let temp: ReturnType<typeof tempDir>
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir()
})
afterAll(() => temp?.cleanup())

const nodeVersion = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim()

describe("the aigov bin", () => {
  it("package.json's bin runs the built CLI: --help lists the commands and the exit codes", () => {
    const r = spawnSync(node, [bin, "--help"], { encoding: "utf8" })
    expect(r.status).toBe(0)
    for (const command of ["run", "validate", "schema"]) expect(r.stdout).toMatch(new RegExp(`^ {2}${command} {2,}\\S`, "m"))
    expect(r.stdout).toMatch(/Exit codes:\n\s+0 +ok\n\s+1 +invalid scenario/)
    expect(r.stdout).toMatch(/^\s+3 +run failed/m)
  })

  it("`aigov run --help` documents the flags and the tick convention of series.csv", () => {
    const r = spawnSync(node, [bin, "run", "--help"], { encoding: "utf8" })
    expect(r.status).toBe(0)
    for (const flag of ["--out", "--replicates", "--seed", "--ticks", "--check", "--quiet"]) expect(r.stdout).toContain(flag)
    expect(r.stdout).toMatch(/tick is the 1-based month/)
  })

  it("runs from one bundled file with no TypeScript loader (what keeps start-up fast; timed in `npm run bench`)", () => {
    const bundle = readFileSync(join(root, "dist", "aigov.js"), "utf8")
    expect(bundle).not.toMatch(/from\s+["'][^"']*\.ts["']/)
    expect(bundle).not.toMatch(/["']tsx(\/[^"']*)?["']/)
    expect(bundle).not.toMatch(/from\s+["']\.\.?\//)
  })

  const npx = spawnSync("npx", ["--version"], { encoding: "utf8" })
  it.skipIf(npx.status !== 0)("`npx aigov` in the project runs the project's own bin on the project's Node", () => {
    const r = spawnSync("npx", ["--no-install", "aigov", "--version"], { cwd: join(root, "sim"), encoding: "utf8" })
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe(`aigov v0.1.0 (Node ${nodeVersion})`)
  })

  it("without the build it says how to build it, exit 4", () => {
    const copy = join(temp.dir, "sim", "cli", "bin.js")
    mkdirSync(join(temp.dir, "sim", "cli"), { recursive: true })
    copyFileSync(bin, copy)
    const r = spawnSync(node, [copy, "--help"], { encoding: "utf8" })
    expect(r.status).toBe(4)
    expect(r.stderr).toContain(join(temp.dir, "dist", "aigov.js"))
    expect(r.stderr).toContain("npm run build:cli")
  })
})
