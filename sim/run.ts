import type { FlowTotal } from "./accounts.js"
import type { LedgerEntry } from "./ledger/chain.js"
import { type Simulation, createSimulation } from "./engine.js"
import { canonicalJson, hashColumns } from "./hash.js"
import type { Scenario } from "./scenario/schema.js"

export interface Holdings {
  readonly capital: ReadonlyArray<number>
  readonly compute: ReadonlyArray<number>
  readonly knowledge: ReadonlyArray<number>
}

/** What one (scenario, variant, replicate) run produces. */
export interface RunResult {
  readonly variant: string
  readonly replicate: number
  readonly seed: number
  /** SHA-256 over the series (bit-exact) and the summary */
  readonly hash: string
  /** headline numbers: every series' final value, plus run-level figures */
  readonly summary: Readonly<Record<string, number | null>>
  /** one Float64Array per metric, one value per tick */
  readonly series: Readonly<Record<string, Float64Array>>
  /** cumulative sources and sinks of every asset */
  readonly flows: ReadonlyArray<FlowTotal>
  /** what each lab active at the end holds (capital USD, compute H100e, knowledge FLOP): Lorenz curves */
  readonly holdings: Holdings
  /** the run's governance ledger: its head hash, length and entries (empty under `regime: none`) */
  readonly ledger: { readonly head: string; readonly length: number; readonly entries: ReadonlyArray<LedgerEntry> }
}

export interface RunOptions {
  readonly check?: boolean
  /** called after every tick with the number of ticks done */
  readonly onTick?: (done: number, total: number) => void
}

/** Runs one replicate of one variant to the horizon. A pure function of its inputs. */
export const runOnce = (variant: string, scenario: Scenario, replicate: number, options: RunOptions = {}): RunResult =>
  resultOf(simulateToHorizon(variant, scenario, replicate, options), variant, replicate)

/** The simulation of one run, stepped to its horizon. */
const simulateToHorizon = (variant: string, scenario: Scenario, replicate: number, options: RunOptions = {}): Simulation => {
  const sim = createSimulation(scenario, { variant, replicate, check: options.check ?? false })
  for (let t = 0; t < scenario.ticks; t++) {
    sim.step()
    options.onTick?.(t + 1, scenario.ticks)
  }
  return sim
}

/** A finished simulation's result: series, summary, flows, ledger and the hash over them. */
const resultOf = (sim: Simulation, variant: string, replicate: number): RunResult => {
  const series = sim.series.toRecord()
  const summary: Record<string, number | null> = {}
  for (const [name, values] of Object.entries(series)) {
    const last = values[values.length - 1]!
    summary[name] = Number.isFinite(last) ? last : null
  }
  const threshold = sim.state.world.thresholdTick
  // months until the frontier first reached the threshold (tick t ends month t + 1)
  summary.time_to_threshold = threshold < 0 ? null : threshold + 1
  const flows = sim.accounts.totals()
  const ledger = { head: sim.ledger.head, length: sim.ledger.length, entries: sim.ledger.entries }
  // the ledger head joins the hash only when there is a ledger, so runs without governance hash as before
  const hash = hashColumns(series, canonicalJson(ledger.length > 0 ? { summary, flows, ledger: ledger.head } : { summary, flows }))
  const { labs } = sim.state
  const holdings = { capital: [] as Array<number>, compute: [] as Array<number>, knowledge: [] as Array<number> }
  for (let i = 0; i < labs.size; i++) {
    if (labs.active[i] !== 1) continue
    holdings.capital.push(labs.capital[i]!)
    holdings.compute.push(labs.compute[i]!)
    holdings.knowledge.push(labs.knowledge[i]!)
  }
  return { variant, replicate, seed: sim.scenario.seed, hash, summary, series, flows, ledger, holdings }
}
