import type { Accounts } from "../accounts.js"
import type { Ledger } from "../ledger/chain.js"
import type { StreamFactory } from "../rng/streams.js"
import type { PhaseName, Scenario } from "../scenario/schema.js"
import type { Series } from "../series.js"
import type { State } from "../state/state.js"

/** What a phase is given once, when the run is set up. */
export interface PhaseContext {
  readonly scenario: Scenario
  readonly state: State
  readonly accounts: Accounts
  readonly streams: StreamFactory
  readonly series: Series
  /** the run's hash-chained governance ledger */
  readonly ledger: Ledger
}

/**
 * One step of a tick. Created once per run (sizes, parameters, its own random
 * stream, its scratch arrays), then called every tick. A phase reads the state at
 * its start, decides, then applies its decisions through the accounts.
 */
export interface Phase {
  readonly name: PhaseName
  step(tick: number): void
}

export type PhaseFactory = (context: PhaseContext) => Phase
