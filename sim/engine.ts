import { Accounts } from "./accounts.js"
import { Ledger } from "./ledger/chain.js"
import type { Phase } from "./phases/phase.js"
import { phaseFactories } from "./phases/registry.js"
import { type StreamFactory, streamFactory } from "./rng/streams.js"
import type { Scenario } from "./scenario/schema.js"
import { Series } from "./series.js"
import { type State, createState } from "./state/state.js"

export interface SimulationOptions {
  /** the variant's name; it seeds the streams only when common random numbers are off */
  readonly variant: string
  readonly replicate: number
  /** verify the accounts after every phase (slower; always on in tests) */
  readonly check: boolean
}

/** A run in progress: the state, its accounts and series, and the tick loop over phases. */
export interface Simulation {
  readonly scenario: Scenario
  readonly state: State
  readonly accounts: Accounts
  readonly series: Series
  /** the run's governance ledger (empty under `regime: none`) */
  readonly ledger: Ledger
  readonly phases: ReadonlyArray<Phase>
  /** ticks done so far */
  readonly tick: number
  /** advances one tick: every phase, in the scenario's order */
  step(): void
}

export const createSimulation = (scenario: Scenario, options: SimulationOptions): Simulation => {
  const streams: StreamFactory = streamFactory(
    scenario.seed,
    scenario.commonRandomNumbers ? "" : options.variant,
    options.replicate,
  )
  const state = createState(scenario, streams)
  const accounts = new Accounts(options.check)
  registerBalances(state, accounts)
  const series = new Series(scenario.ticks)
  const ledger = new Ledger()
  const context = { scenario, state, accounts, streams, series, ledger }
  const phases = scenario.phases.map((name) => phaseFactories[name](context))
  let tick = 0
  return {
    scenario,
    state,
    accounts,
    series,
    ledger,
    phases,
    get tick() {
      return tick
    },
    step() {
      state.world.tick = tick
      for (let p = 0; p < phases.length; p++) {
        const phase = phases[p]!
        accounts.beginPhase(tick, phase.name)
        phase.step(tick)
        accounts.endPhase()
      }
      tick++
    },
  }
}

/** Every balance of every asset, so the accounts can total and check them. */
const registerBalances = (state: State, accounts: Accounts): void => {
  const { labs, providers, investors, citizens, auditors, world } = state
  accounts.register("capital", labs.capital)
  accounts.register("capital", providers.capital)
  accounts.register("capital", investors.capital)
  accounts.register("capital", citizens.capital)
  accounts.register("capital", auditors.capital)
  accounts.register("capital", world.serviceEscrow)
  accounts.register("capital", world.treasury)
  accounts.register("compute", labs.compute)
  accounts.register("tokens", labs.tokens)
  accounts.register("tokens", citizens.tokens)
  accounts.register("tokens", auditors.stake)
  accounts.watch("labs.knowledge", labs.knowledge)
  accounts.watch("labs.safetyStock", labs.safetyStock)
  accounts.watch("labs.capability", labs.capability)
  accounts.watch("providers.capacity", providers.capacity)
  accounts.watch("citizens.benefit", citizens.benefit)
  // governance moves money only between the balances above (the treasury, labs',
  // citizens' and auditors' capital, tokens and stakes); its per-lab run sizes are state
  accounts.watch("policy.runFlop", state.policy.runFlop)
}
