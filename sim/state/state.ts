import type { StreamFactory } from "../rng/streams.js"
import type { Scenario } from "../scenario/schema.js"
import { type Auditors, createAuditors } from "./auditors.js"
import { type Citizens, createCitizens } from "./citizens.js"
import { type Investors, createInvestors } from "./investors.js"
import { type Labs, createLabs } from "./labs.js"
import { type Policy, createPolicy } from "./policy.js"
import { type Providers, createProviders } from "./providers.js"
import { type World, createWorld } from "./world.js"

/** The whole state of a run: one struct-of-arrays table per population. */
export interface State {
  readonly labs: Labs
  readonly providers: Providers
  readonly investors: Investors
  readonly citizens: Citizens
  readonly auditors: Auditors
  readonly world: World
  /** the enacted governance policy (inactive under `regime: none`) */
  readonly policy: Policy
}

export const createState = (s: Scenario, streams: StreamFactory): State => {
  const labs = createLabs(s, streams)
  return {
    labs,
    providers: createProviders(s, streams),
    investors: createInvestors(s, streams, labs.size),
    citizens: createCitizens(s, streams),
    auditors: createAuditors(s, streams),
    world: createWorld(),
    policy: createPolicy(s, labs.size),
  }
}
