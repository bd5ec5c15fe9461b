import { createSimulation } from "../../sim/engine.js"
import { canonicalJson, hashColumns } from "../../sim/hash.js"
import type { RunOptions, RunResult } from "../../sim/run.js"
import type { Scenario } from "../../sim/scenario/schema.js"
import type { Holdings } from "./load.js"

/**
 * One run in the browser: `runOnce` (sim/run.ts) step by step, so that the labs'
 * final holdings can be read for the Lorenz curves. Everything after the tick
 * loop repeats runOnce's lines exactly, so the hash is the CLI's for the same
 * (scenario, variant, replicate); test/viewer/simulate.test.ts holds the two
 * equal. (A hook in runOnce that hands over the finished simulation would
 * remove this copy.)
 */
export const simulateRun = (
  variant: string,
  scenario: Scenario,
  replicate: number,
  options: RunOptions = {},
): { readonly result: RunResult; readonly holdings: Holdings } => {
  const sim = createSimulation(scenario, { variant, replicate, check: options.check ?? false })
  for (let t = 0; t < scenario.ticks; t++) {
    sim.step()
    options.onTick?.(t + 1, scenario.ticks)
  }
  // --- as in runOnce ---
  const series = sim.series.toRecord()
  const summary: Record<string, number | null> = {}
  for (const [name, values] of Object.entries(series)) {
    const last = values[values.length - 1]!
    summary[name] = Number.isFinite(last) ? last : null
  }
  const threshold = sim.state.world.thresholdTick
  summary.time_to_threshold = threshold < 0 ? null : threshold + 1
  const flows = sim.accounts.totals()
  const ledger = { head: sim.ledger.head, length: sim.ledger.length, entries: sim.ledger.entries }
  const hash = hashColumns(series, canonicalJson(ledger.length > 0 ? { summary, flows, ledger: ledger.head } : { summary, flows }))
  // --- the viewer's addition: what each active lab holds at the end ---
  const { labs } = sim.state
  const holdings = { capital: [] as Array<number>, compute: [] as Array<number>, knowledge: [] as Array<number> }
  for (let i = 0; i < labs.size; i++) {
    if (labs.active[i] !== 1) continue
    holdings.capital.push(labs.capital[i]!)
    holdings.compute.push(labs.compute[i]!)
    holdings.knowledge.push(labs.knowledge[i]!)
  }
  return { result: { variant, replicate, seed: scenario.seed, hash, summary, series, flows, ledger }, holdings }
}
