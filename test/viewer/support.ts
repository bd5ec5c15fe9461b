import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { extname, join, normalize, resolve, sep } from "node:path"
import { Result, Schema } from "effect"
import { ledgerText, runId } from "../../sim/ledger/jsonl.js"
import type { LedgerEntry } from "../../sim/ledger/chain.js"
import { toResults, toRunRecord } from "../../sim/results/records.js"
import { Results } from "../../sim/results/schema.js"
import { runOnce } from "../../sim/run.js"
import { type LoadOptions, loadScenarioText } from "../../sim/scenario/load.js"

/** Helpers for the viewer's tests: results made with the engine, the built viewer, a static server, Chromium. */

export const repoRoot = resolve(import.meta.dirname, "../..")
export const distDir = join(repoRoot, "dist", "viz")
export const screenshotDir = join(repoRoot, "test-output", "viewer")

/** Every run of a scenario, as the CLI would write results.json (encoded) and ledger.jsonl. */
export const makeResults = (yaml: string, options: LoadOptions = {}) => {
  const loaded = loadScenarioText(yaml, "test.yaml", options)
  if (Result.isFailure(loaded)) throw new Error(loaded.failure.message)
  const records = []
  const chains: Array<readonly [string, ReadonlyArray<LedgerEntry>]> = []
  for (const v of loaded.success.variants) {
    for (let r = 0; r < v.scenario.replicates; r++) {
      const run = runOnce(v.name, v.scenario, r)
      records.push(toRunRecord(run))
      chains.push([runId(v.name, r), run.ledger.entries])
    }
  }
  const results = Schema.encodeUnknownSync(Results)(toResults(loaded.success, records)) as Record<string, unknown>
  return { results, hashes: records.map((r) => r.hash), ledger: ledgerText(chains) }
}

const newestMtime = (path: string): number => {
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Builds the viewer unless dist/viz is newer than every source it is built from. */
export const ensureBuilt = (): void => {
  const index = join(distDir, "index.html")
  const sources = ["viz", "sim", "scenarios", "vite.config.ts"].map((p) => join(repoRoot, p))
  const stale = !existsSync(index) || Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs
  if (!stale) return
  execFileSync(join(repoRoot, "node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], { cwd: repoRoot, stdio: "inherit" })
}

const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".jsonl": "application/x-ndjson",
  ".svg": "image/svg+xml",
  ".png": "image/png",
}

/**
 * A static server on 127.0.0.1 at a random port, as `aigov view` serves: the
 * built viewer and a results folder, both at the root. Only GET of files
 * inside those folders; anything else is 404.
 */
export const serve = async (roots: ReadonlyArray<string>): Promise<{ readonly url: string; readonly close: () => Promise<void> }> => {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname)
    const relative = normalize(path === "/" ? "/index.html" : path).replace(/^[/\\]+/, "")
    for (const root of roots) {
      const file = resolve(root, relative)
      if (!file.startsWith(resolve(root) + sep)) continue
      if (!existsSync(file) || !statSync(file).isFile()) continue
      response.writeHead(200, {
        "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      })
      response.end(readFileSync(file))
      return
    }
    response.writeHead(404, { "content-type": "text/plain" })
    response.end("not found")
  })
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}

/** The chromium binary on PATH (never downloaded). */
export const chromiumPath = (): string | undefined => {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      const path = execFileSync("which", [name], { encoding: "utf8" }).trim()
      if (path !== "") return path
    } catch {
      // not installed under this name
    }
  }
  return undefined
}

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

export const freshProfile = (): string => mkdtempSync(join(tmpdir(), "aigov-chromium-"))

/**
 * A large synthetic results file (valid against the schema, not made by the
 * engine): `variants` × `replicates` runs of `ticks` months with a few series,
 * built as text so that it costs little memory here.
 */
export const makeLargeResultsText = (variants: number, replicates: number, ticks: number, metrics: ReadonlyArray<string>): string => {
  const template = makeResults(`name: large\nticks: ${ticks}\nreplicates: 1\npopulations: { citizens: { count: 50 }, investors: { count: 2 } }\n`)
  const scenario = (template.results.scenario as { variants: Array<{ scenario: unknown }> }).variants[0]!.scenario
  const runs: Array<string> = []
  for (let v = 0; v < variants; v++) {
    for (let r = 0; r < replicates; r++) {
      const series: Record<string, Array<number>> = {}
      const summary: Record<string, number> = {}
      metrics.forEach((name, m) => {
        series[name] = Array.from({ length: ticks }, (_, t) => Math.round((Math.sin(t / 40 + v) * (m + 1) + t / 100 + r / 50) * 1000) / 1000)
        summary[name] = series[name]![ticks - 1]!
      })
      runs.push(JSON.stringify({ variant: `v${v}`, replicate: r, seed: 1, hash: "a".repeat(64), summary, series, flows: [], ledger: { head: "0".repeat(64), length: 0 } }))
    }
  }
  const variantList = JSON.stringify(Array.from({ length: variants }, (_, v) => ({ name: `v${v}`, scenario })))
  return `{"format":"aigov-results/1","engineVersion":"0.1.0","scenario":{"name":"large","hash":"${"b".repeat(64)}","variants":${variantList}},"runs":[${runs.join(",")}]}`
}
