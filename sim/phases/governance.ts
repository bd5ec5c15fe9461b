import type { Phase, PhaseContext } from "./phase.js"

/**
 * The governance phase: the scenario's regime decides policy every epoch. With
 * `regime: none` there is no policy to decide and the phase does nothing.
 */
export const governance = (_context: PhaseContext): Phase => ({ name: "governance", step() {} })
