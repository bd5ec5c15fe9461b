import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { bundle, node, root } from "../cli/helpers.js"

/** Helpers for the experiment commands' tests: the built CLI with an environment, files of a directory. */

export interface Outcome {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** `node dist/aigov.js ...args`, waiting for it; `env` is added to this process's environment. */
export const aigovEnv = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}): Outcome => {
  const result = spawnSync(node, [bundle, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } })
  if (result.error !== undefined) throw result.error
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The same, in the background: the child process and a promise of its outcome. */
export const aigovAsync = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>> = {},
): { readonly child: ChildProcess; readonly done: Promise<Outcome & { readonly signal: NodeJS.Signals | null }> } => {
  const child = spawn(node, [bundle, ...args], { cwd: root, env: { ...process.env, ...env } })
  let stdout = ""
  let stderr = ""
  child.stdout!.on("data", (chunk) => (stdout += chunk))
  child.stderr!.on("data", (chunk) => (stderr += chunk))
  const done = new Promise<Outcome & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, done }
}

/** Every file under `dir` (relative path → content), temp files left out unless asked for. */
export const filesOf = (dir: string, options: { readonly temps?: boolean } = {}): Record<string, string> => {
  const out: Record<string, string> = {}
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub === "" ? entry.name : `${sub}/${entry.name}`
      if (entry.isDirectory()) walk(rel)
      else if (options.temps === true || !entry.name.includes(".tmp-")) out[rel] = readFileSync(join(dir, rel), "utf8")
    }
  }
  walk("")
  return out
}

/** The outputs that must be byte-identical between two runs of one experiment. */
export const outputsOf = (dir: string, names: ReadonlyArray<string>): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n), "utf8")]))
