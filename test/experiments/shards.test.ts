import { spawn, spawnSync } from "node:child_process"
import { chmodSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { parse } from "yaml"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bundle, ensureBuilt, node, root, tempDir } from "../cli/helpers.js"
import { aigovAsync, aigovEnv as aigov, filesOf, outputsOf } from "./cli.js"

const scenario = `name: cluster
ticks: 6
replicates: 2
populations: { citizens: { count: 200 } }
sweep:
  design: lhs
  samples: 6
  parameters:
    economy.winnerTakeMost: { min: 0.5, max: 3 }
    risk.baseHazard: { min: 0.001, max: 0.1, scale: log }
`
const outputs = ["results.json", "summary.csv", "points.csv", "manifest.json"]
const cluster = join(root, "sim/experiments/cluster")

let temp: ReturnType<typeof tempDir>
let dir: string
let single: string
beforeAll(async () => {
  await ensureBuilt()
  temp = tempDir({ "sweep.yaml": scenario })
  dir = temp.dir
  single = join(dir, "single")
  const r = aigov(["sweep", join(dir, "sweep.yaml"), "--out", single, "-q"])
  if (r.code !== 0) throw new Error(r.stderr)
})
afterAll(() => temp?.cleanup())

/** Runs `count` shard processes at once, shard i with `env(i)`, and waits for all. */
const shards = async (count: number, args: (i: number) => ReadonlyArray<string>, env: (i: number) => Record<string, string>) => {
  const outcomes = await Promise.all(Array.from({ length: count }, (_, i) => aigovAsync(args(i), env(i)).done))
  for (const o of outcomes) expect(o.stderr).toBe("")
  return outcomes
}

describe("shards and merge", () => {
  it("--shard i/n slices are disjoint and cover the plan; merged, they equal a single-machine run byte for byte", async () => {
    const outcomes = await shards(3, (i) => ["sweep", join(dir, "sweep.yaml"), "--out", join(dir, `shard-${i}`), "--shard", `${i}/3`, "-q"], () => ({}))
    expect(outcomes.map((o) => /shard {5}(\d)\/3: (\d+) of 12 runs/.exec(o.stdout)?.slice(1))).toEqual([["0", "4"], ["1", "4"], ["2", "4"]])
    const merged = join(dir, "merged")
    const m = aigov(["merge", join(dir, "shard-0"), join(dir, "shard-1"), join(dir, "shard-2"), "--out", merged, "-q"])
    expect(m.stderr).toBe("")
    expect(m.code).toBe(0)
    expect(m.stdout).toContain("merged    3 directories, 12 run files copied")
    expect(outputsOf(merged, outputs)).toEqual(outputsOf(single, outputs))
    expect(filesOf(merged)).toEqual(filesOf(single))
  })

  it("merge names the runs no shard has and exits 1", async () => {
    const r = aigov(["merge", join(dir, "shard-0"), join(dir, "shard-2"), "--out", join(dir, "incomplete"), "-q"])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: cannot merge: 4 of 12 runs are in none of the directories/)
    expect(r.stderr).toMatch(/^ {2}run 1: p0, replicate 1$/m)
  })

  it("merge refuses directories of different experiments", () => {
    writeFileSync(join(dir, "other.yaml"), scenario.replace("samples: 6", "samples: 5"))
    expect(aigov(["sweep", join(dir, "other.yaml"), "--out", join(dir, "other"), "--shard", "0/2", "-q"]).code).toBe(0)
    const r = aigov(["merge", join(dir, "shard-0"), join(dir, "other"), "--out", join(dir, "mixed"), "-q"])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/holds another experiment than/)
  })

  it("the Kubernetes Indexed Job runs one shard per pod from JOB_COMPLETION_INDEX; merged, the shared directory equals a single run", async () => {
    const job = parse(readFileSync(join(cluster, "k8s-indexed-job.yaml"), "utf8"))
    expect(job.kind).toBe("Job")
    expect(job.spec.completionMode).toBe("Indexed")
    const container = job.spec.template.spec.containers[0]
    const command: Array<string> = container.command
    expect(command.slice(0, 3)).toEqual(["npx", "aigov", "sweep"])
    expect(command[command.indexOf("--shard") + 1]).toBe(`auto/${job.spec.completions}`)
    const out = join(dir, "k8s")
    const args = command.slice(2).map((a) => (a === "scenarios/sweep.yaml" ? join(dir, "sweep.yaml") : a === "/data/sweep" ? out : a))
    await shards(job.spec.completions, () => [...args, "-q"], (i) => ({ JOB_COMPLETION_INDEX: String(i) }))
    expect(aigov(["merge", out, "--out", out, "-q"]).code).toBe(0)
    expect(outputsOf(out, outputs)).toEqual(outputsOf(single, outputs))
  })

  it("the Slurm script submits an array and a merge after it; each task runs the shard of SLURM_ARRAY_TASK_ID", async () => {
    const script = join(cluster, "slurm-array.sh")
    const text = readFileSync(script, "utf8")
    const shardsInScript = Number(/^SHARDS=(\d+)$/m.exec(text)![1])
    expect(/^#SBATCH --array=0-(\d+)$/m.exec(text)![1]).toBe(String(shardsInScript - 1))
    // submit mode, with a stand-in sbatch that logs its arguments and answers a job id
    const fake = join(dir, "sbatch")
    writeFileSync(fake, '#!/usr/bin/env bash\nfor a in "$@"; do printf "%s\\n" "$a"; done >> "$SBATCH_LOG"\necho --- >> "$SBATCH_LOG"\necho 4242\n')
    chmodSync(fake, 0o755)
    const out = join(dir, "slurm")
    const env = { SCENARIO: join(dir, "sweep.yaml"), OUT: out, AIGOV: `${node} ${bundle}`, SBATCH_LOG: join(dir, "sbatch.log") }
    const submit = spawnSync("bash", [script], { encoding: "utf8", env: { ...process.env, ...env, PATH: `${dir}:${process.env.PATH}`, SLURM_ARRAY_TASK_ID: "" } })
    expect(submit.status).toBe(0)
    expect(submit.stdout).toContain(`submitted array job 4242 (${shardsInScript} shards) and its merge into ${out}`)
    const [array, merge] = readFileSync(join(dir, "sbatch.log"), "utf8").split("---\n").map((s) => s.trimEnd().split("\n"))
    expect(array).toEqual(["--parsable", "--export=ALL", script])
    expect(merge).toContain("--dependency=afterok:4242")
    const wrap = merge![merge!.indexOf("--wrap") + 1]!
    // the array's tasks, as Slurm would start them
    const tasks = await Promise.all(
      Array.from({ length: shardsInScript }, (_, i) =>
        new Promise<number | null>((resolve) => {
          const child = spawn("bash", [script], { env: { ...process.env, ...env, SLURM_ARRAY_TASK_ID: String(i), SLURM_CPUS_PER_TASK: "1" }, stdio: "ignore" })
          child.on("close", resolve)
        }),
      ),
    )
    expect(tasks).toEqual(Array.from({ length: shardsInScript }, () => 0))
    // then the merge job's command
    const merged = spawnSync("bash", ["-c", wrap], { encoding: "utf8" })
    expect(merged.status).toBe(0)
    expect(outputsOf(out, outputs)).toEqual(outputsOf(single, outputs))
  })
})
