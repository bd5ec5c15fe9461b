import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

/** The project root, the project's own Node (24) and the built CLI. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..")
export const node = join(root, "node_modules/.bin/node")
export const bundle = join(root, "dist/aigov.js")
export const bin = join(root, "sim/cli/bin.js")

const newestMtime = (path: string): number => {
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

const isFresh = (): boolean => {
  try {
    const built = statSync(bundle).mtimeMs
    return built >= Math.max(newestMtime(join(root, "sim")), newestMtime(join(root, "package-lock.json")))
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Builds dist/aigov.js (`npm run build:cli`) unless it is newer than every file
 * under sim/. Test files run in parallel, so one builds while the others wait
 * on a lock directory.
 */
export const ensureBuilt = async (): Promise<void> => {
  if (isFresh()) return
  mkdirSync(join(root, "dist"), { recursive: true })
  const lock = join(root, "dist", ".aigov-build.lock")
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true })
      } catch {}
      await sleep(100)
      if (isFresh()) return
    }
  }
  try {
    if (isFresh()) return
    const build = spawnSync(node, [join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "sim/cli/vite.config.ts"], {
      cwd: root,
      encoding: "utf8",
    })
    if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`)
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

export interface Outcome {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the built CLI as a subprocess: `node dist/aigov.js ...args`. */
export const aigov = (args: ReadonlyArray<string>, options: { cwd?: string } = {}): Outcome => {
  const result = spawnSync(node, [bundle, ...args], { cwd: options.cwd ?? root, encoding: "utf8" })
  if (result.error !== undefined) throw result.error
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A fresh temp directory holding the given files; removed by the returned cleanup. */
export const tempDir = (files: Readonly<Record<string, string>> = {}): { dir: string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), "aigov-cli-"))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A small, fast scenario: 200 citizen agents, a year. */
export const smallScenario = "name: small\nticks: 12\npopulations: { citizens: { count: 200 } }\n"

/** The same with two variants, two replicates each. */
export const variantsScenario = [
  "name: two-regimes",
  "ticks: 12",
  "replicates: 2",
  "populations: { citizens: { count: 200 } }",
  "variants:",
  "  cautious: { economy: { computeBudgetShare: 0.01 } }",
  "  bold: { economy: { computeBudgetShare: 0.2 } }",
  "",
].join("\n")
