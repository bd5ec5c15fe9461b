import type { Governance, PolicyLevers } from "../scenario/governance.js"
import { log10 } from "../math/fdlibm.js"

/**
 * The policy levers. A policy is a point in the normalized lever space [0, 1]^5,
 * one stringency per lever (0 loosest, 1 tightest); voters compare policies by
 * Euclidean distance there. These functions map stringencies to what they mean.
 */
export const leverNames = ["computeCap", "safetyFloor", "auditMandate", "safetyFunding", "licensing"] as const
export type LeverName = (typeof leverNames)[number]
export const LEVERS = leverNames.length

export const COMPUTE_CAP = 0
export const SAFETY_FLOOR = 1
export const AUDIT_MANDATE = 2
export const SAFETY_FUNDING = 3
export const LICENSING = 4

/** The rules a lab can break, in the order of `Policy.defiant` and `Policy.violations`. */
export const ruleNames = ["computeCap", "safetyFloor", "licensing"] as const
export const RULES = ruleNames.length
export const RULE_CAP = 0
export const RULE_FLOOR = 1
export const RULE_LICENSE = 2

type Ranges = Governance["levers"]

/** Log-linear interpolation: loosest at 0, tightest at 1. */
const logLerp = (loosest: number, tightest: number, x: number): number =>
  Math.pow(10, log10(loosest) + x * (log10(tightest) - log10(loosest)))

/** Compute cap per lab, H100e. */
export const computeCapAt = (r: Ranges, x: number): number => logLerp(r.computeCapLoosest, r.computeCapTightest, x)

/** Minimum safety share of compute. */
export const safetyFloorAt = (r: Ranges, x: number): number => x * r.safetyFloorMax

/** Public safety research paid by the treasury, USD per month. */
export const safetyFundingAt = (r: Ranges, x: number): number => x * r.safetyFundingMax

/** Licensing threshold, physical FLOP of one month's training run. */
export const licensingAt = (r: Ranges, x: number): number => logLerp(r.licensingLoosest, r.licensingTightest, x)

/**
 * The stringency at which a lever of log-linear range starts to bind on `value`
 * (the cap or threshold equals `value` there), clamped to [0, 1]: stringencies
 * above it bind. Used for labs' salience of the cap and licensing levers.
 */
export const bindingPoint = (loosest: number, tightest: number, value: number): number => {
  if (!(value > 0)) return 1
  const span = log10(loosest) - log10(tightest)
  if (span <= 0) return value > loosest ? 0 : 1
  return Math.min(1, Math.max(0, (log10(loosest) - log10(value)) / span))
}

/** A scenario's lever block as a vector in lever order. */
export const leverVector = (p: PolicyLevers, out: Float64Array = new Float64Array(LEVERS)): Float64Array => {
  for (let l = 0; l < LEVERS; l++) out[l] = p[leverNames[l]!]
  return out
}

/** Euclidean distance between two policies (or a policy and an ideal point at `offset`). */
export const distance = (a: Float64Array, b: Float64Array, offset = 0): number => {
  let sum = 0
  for (let l = 0; l < LEVERS; l++) {
    const d = a[l]! - b[offset + l]!
    sum += d * d
  }
  return Math.sqrt(sum)
}

/** The largest possible distance in the lever space, √5: divides distances into [0, 1]. */
export const MAX_DISTANCE = Math.sqrt(LEVERS)
