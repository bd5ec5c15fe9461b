import { central } from "./central.js"
import { committee } from "./committee.js"
import { conviction } from "./conviction.js"
import { liquid } from "./liquid.js"
import { onePerson } from "./one-person.js"
import { quadratic } from "./quadratic.js"
import type { ActiveRegimeName, RegimeFactory } from "./regime.js"
import { token } from "./token.js"

/** Every regime a scenario can name. Adding a regime is one file plus one line here (and its schema entry). */
export const regimeFactories: Readonly<Record<ActiveRegimeName, RegimeFactory>> = {
  central,
  committee,
  token,
  "one-person": onePerson,
  quadratic,
  liquid,
  conviction,
}
