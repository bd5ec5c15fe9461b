import type { Phase, PhaseContext } from "./phase.js"

/**
 * The enforcement phase: auditors check labs against enacted policy. With
 * `regime: none` there is no policy to enforce and the phase does nothing.
 */
export const enforcement = (_context: PhaseContext): Phase => ({ name: "enforcement", step() {} })
