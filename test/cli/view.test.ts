import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { aigov, bundle, ensureBuilt, node, root, smallScenario, tempDir } from "./helpers.js"

let temp: ReturnType<typeof tempDir>
let server: ChildProcess | undefined
let base = ""
beforeAll(async () => {
  await ensureBuilt()
  if (!existsSync(join(root, "dist/viz/index.html"))) execFileSync(join(root, "node_modules/.bin/vite"), ["build"], { cwd: root, stdio: "ignore" })
  temp = tempDir({ "small.yaml": smallScenario })
  expect(aigov(["run", join(temp.dir, "small.yaml"), "--out", join(temp.dir, "out"), "--quiet"]).code).toBe(0)
  server = spawn(node, [bundle, "view", join(temp.dir, "out")], { stdio: ["ignore", "pipe", "pipe"] })
  base = await new Promise<string>((done, fail) => {
    let text = ""
    server!.stdout!.on("data", (chunk) => {
      text += String(chunk)
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(text)
      if (match) done(`http://127.0.0.1:${match[1]}`)
    })
    server!.once("exit", (code) => fail(new Error(`aigov view exited ${code}`)))
  })
})
afterAll(() => {
  server?.kill("SIGINT")
  temp?.cleanup()
})

describe("aigov view", () => {
  it("prints a 127.0.0.1 URL that opens the results", () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it("serves the viewer and the results folder from one origin, with the contract's headers", async () => {
    const page = await fetch(`${base}/?results=results.json`)
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toMatch(/^text\/html/)
    expect(await page.text()).toContain("Content-Security-Policy")
    const results = await fetch(`${base}/results.json`)
    expect(results.status).toBe(200)
    expect(results.headers.get("content-type")).toBe("application/json")
    expect(results.headers.get("x-content-type-options")).toBe("nosniff")
    expect(Number(results.headers.get("content-length"))).toBeGreaterThan(0)
    expect((await results.json()).format).toBe("aigov-results/1")
  })

  it("never serves a path outside its two folders", async () => {
    for (const path of ["/../small.yaml", "/%2e%2e/small.yaml", "/..%2fsmall.yaml", "/nope.json"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404)
    }
  })

  it("refuses a folder without results.json", () => {
    const r = aigov(["view", temp.dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("results.json")
  })
})
