/**
 * `npm run bench`: the engine on scenarios/scale-1m.yaml against a hand-written
 * typed-array loop doing the same per-citizen arithmetic (the limit), measured in
 * one process, reported as ratios. A benchmark, not a test: nothing here asserts
 * a time.
 */
import { readFileSync } from "node:fs"
import { Result } from "effect"
import alea from "seedrandom/lib/alea.js"
import { createSimulation } from "../../sim/engine.js"
import { loadScenarioText } from "../../sim/scenario/load.js"
import { estimateRunBytes } from "../../sim/state/size.js"

const file = process.argv[2] ?? "scenarios/scale-1m.yaml"
const loaded = loadScenarioText(readFileSync(file, "utf8"), file)
if (Result.isFailure(loaded)) {
  console.error(loaded.failure.message)
  process.exit(1)
}
const scenario = loaded.success.variants[0]!.scenario
const citizens = scenario.populations.citizens.count
const ticks = scenario.ticks
const agents =
  citizens + scenario.populations.labs.count + scenario.populations.providers.count +
  scenario.populations.investors.count + scenario.populations.auditors.count
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0)
const rssBefore = process.memoryUsage().rss

// The engine: set-up and the tick loop timed separately.
let start = performance.now()
const sim = createSimulation(scenario, { variant: "base", replicate: 0, check: false })
const setupMs = performance.now() - start
const rssAfterSetup = process.memoryUsage().rss
start = performance.now()
for (let t = 0; t < ticks; t++) sim.step()
const engineMs = performance.now() - start
const peakAfterEngine = process.resourceUsage().maxRSS * 1024

// The limit: one fused loop over the same citizen columns doing the same
// arithmetic as the revenue phase (income noise, income, consumption, AI
// spending, benefit) with the same generator, nothing else.
const income = Float64Array.from(sim.state.citizens.income)
const capital = new Float64Array(citizens)
const benefit = new Float64Array(citizens)
const random = alea("limit")
const e = scenario.economy
const consumed = 1 - e.savingsRate - e.aiSpendShare
start = performance.now()
let escrow = 0
for (let t = 0; t < ticks; t++) {
  const benefitShare = e.aiSpendShare * 1.0001
  for (let k = 0; k < citizens; k++) {
    const earned = income[k]! * (1 + e.incomeVolatility * (2 * random() - 1))
    const spend = e.aiSpendShare * earned
    capital[k]! += earned - consumed * earned - spend
    escrow += spend
    benefit[k]! += benefitShare * earned
  }
}
const limitMs = performance.now() - start
if (!(escrow > 0)) throw new Error("limit loop did no work")

const citizenTicks = citizens * ticks
const engineRate = citizenTicks / (engineMs / 1000)
const limitRate = citizenTicks / (limitMs / 1000)
const row = (k: string, v: string) => console.log(`${k.padEnd(34)} ${v}`)
console.log(`aigov bench: ${file} (${citizens.toLocaleString("en")} citizens, ${scenario.populations.labs.count} labs, ${ticks} ticks), node ${process.version}`)
row("engine set-up", `${setupMs.toFixed(0)} ms`)
row("engine tick loop", `${(engineMs / 1000).toFixed(2)} s`)
row("engine citizen-ticks/s", `${(engineRate / 1e6).toFixed(1)} M`)
row("limit loop (fused, same arithmetic)", `${(limitMs / 1000).toFixed(2)} s`)
row("limit citizen-ticks/s", `${(limitRate / 1e6).toFixed(1)} M`)
row("ratio engine / limit (time)", `${(engineMs / limitMs).toFixed(2)}×`)
row("peak RSS during engine run", `${mib(peakAfterEngine)} MiB`)
row("RSS added by the run's state", `${mib(rssAfterSetup - rssBefore)} MiB`)
row("estimated bytes per run", `${mib(estimateRunBytes(scenario))} MiB`)
row("bytes per agent (state estimate)", `${(estimateRunBytes(scenario) / agents).toFixed(1)}`)

// Governance at the same scale: the scale-1m population under token voting, for
// 24 months, against the same 24 months without governance (one process, one core).
{
  const horizon = 24
  const timeRun = (regime: "none" | "token") => {
    const s = { ...scenario, ticks: horizon, governance: { ...scenario.governance, regime } }
    const t0 = performance.now()
    const run = createSimulation(s, { variant: "base", replicate: 0, check: false })
    for (let t = 0; t < horizon; t++) run.step()
    return performance.now() - t0
  }
  const plain = timeRun("none")
  const governed = timeRun("token")
  row(`token governance, ${horizon} months`, `${(governed / 1000).toFixed(2)} s vs ${(plain / 1000).toFixed(2)} s without (${(governed / plain).toFixed(2)}×)`)
}

// CLI start-up: the bundled CLI's `--help` against a bare `node -e 0`, median of 7.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!
const timeCommand = (args: string[]) =>
  median(
    Array.from({ length: 7 }, () => {
      const t0 = performance.now()
      spawnSync(process.execPath, args)
      return performance.now() - t0
    }),
  )
if (existsSync("dist/aigov.js")) {
  const cli = timeCommand(["dist/aigov.js", "--help"])
  const bare = timeCommand(["-e", "0"])
  row("CLI start-up (aigov --help)", `${cli.toFixed(0)} ms (bare node: ${bare.toFixed(0)} ms)`)
} else {
  row("CLI start-up", "dist/aigov.js not built (npm run build:cli)")
}
