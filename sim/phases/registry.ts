import type { PhaseName } from "../scenario/schema.js"
import { enforcement } from "./enforcement.js"
import { governance } from "./governance.js"
import { investment } from "./investment.js"
import { market } from "./market.js"
import { metrics } from "./metrics.js"
import type { PhaseFactory } from "./phase.js"
import { revenue } from "./revenue.js"
import { risk } from "./risk.js"
import { shocks } from "./shocks.js"
import { training } from "./training.js"

/** Every phase a scenario can name in `phases`. Adding a phase is one file plus one line here. */
export const phaseFactories: Readonly<Record<PhaseName, PhaseFactory>> = {
  shocks,
  market,
  training,
  revenue,
  investment,
  risk,
  governance,
  enforcement,
  metrics,
}
