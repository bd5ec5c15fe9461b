import { Schema } from "effect"
import { withDefault } from "./fields.js"

/**
 * The governance regime and its parameters. `none` runs no governance phase:
 * the economy alone. The regimes themselves are added by the governance work.
 */
export const Governance = Schema.Struct({
  regime: withDefault(Schema.Literals(["none"]).annotate({ description: "who decides policy, and how" }), "none"),
})
export type Governance = typeof Governance.Type
