import { readFileSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

/** Every engine source file: sim/ less the Node edge (cli, experiments). */
const engineFiles = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === "cli" || name === "experiments" ? [] : engineFiles(path)
    return path.endsWith(".ts") ? [path] : []
  })

const offending = (pattern: RegExp) =>
  engineFiles("sim").flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .map((line, i) => ({ file, line: i + 1, text: line }))
      .filter(({ text }) => !text.trimStart().startsWith("//") && !text.trimStart().startsWith("*") && pattern.test(text)),
  )

describe("the engine's boundary: it runs unchanged, and identically, in the browser", () => {
  it("imports no Node module", () => {
    expect(offending(/from\s+["']node:|require\(|from\s+["'](fs|path|os|crypto|worker_threads|child_process)["']/)).toEqual([])
  })

  it("uses no ambient randomness or clock", () => {
    expect(offending(/Math\.random|Date\.now|performance\.now|new Date\(/)).toEqual([])
  })

  it("calls the fdlibm ports, not Math.exp/log/log10/cos, whose last bit differs between V8 builds", () => {
    expect(offending(/Math\.(exp|log|log10|log2|log1p|expm1|cos|sin|tan|atan|atan2|cbrt)\(/).filter((o) => !o.file.startsWith("sim/math/"))).toEqual([])
  })
})
