import type { Governance } from "../scenario/governance.js"
import {
  AUDIT_MANDATE,
  bindingPoint,
  COMPUTE_CAP,
  LEVERS,
  LICENSING,
  SAFETY_FLOOR,
  SAFETY_FUNDING,
} from "./levers.js"

/**
 * Spatial preferences over policies in the normalized lever space.
 *
 * Citizens: u_k(p) = −‖p − x_k‖ (Euclidean), x_k the citizen's ideal point.
 * Labs: ideal point 0 (the loosest policy) with a salience weight per lever that
 * says how much the lever costs the lab, u_i(p) = −√(Σ_l w_il p_l²):
 *   compute cap   w = 1 − b_i, b_i the stringency at which the cap reaches the
 *                 lab's fleet (levels above b_i bind): big labs care most;
 *   safety floor  w = 1 − min(1, s_i / floorMax): labs spending little on safety care most;
 *   audits        w = 1 − c_i (its compliance): labs that would break rules fear audits;
 *   funding       w = 0: paid by the treasury, costs labs nothing;
 *   licensing     w = 1 − b_i for the lab's monthly run size.
 * So labs prefer looser policy, each in proportion to what the lever costs it.
 */

/** Writes lab i's salience weights into `out[offset .. offset + LEVERS)`. */
export const labSalience = (
  g: Governance,
  compute: number,
  safetyShare: number,
  compliance: number,
  runFlop: number,
  out: Float64Array,
  offset = 0,
): void => {
  const r = g.levers
  out[offset + COMPUTE_CAP] = 1 - bindingPoint(r.computeCapLoosest, r.computeCapTightest, compute)
  out[offset + SAFETY_FLOOR] = r.safetyFloorMax > 0 ? 1 - Math.min(1, safetyShare / r.safetyFloorMax) : 0
  out[offset + AUDIT_MANDATE] = 1 - compliance
  out[offset + SAFETY_FUNDING] = 0
  out[offset + LICENSING] = 1 - bindingPoint(r.licensingLoosest, r.licensingTightest, runFlop)
}

/** −√(Σ w_l p_l²): a lab's utility of policy `p` with salience `w` at `offset`. */
export const labUtility = (p: Float64Array, w: Float64Array, offset = 0): number => {
  let sum = 0
  for (let l = 0; l < LEVERS; l++) sum += w[offset + l]! * p[l]! * p[l]!
  return -Math.sqrt(sum)
}

/** −‖p − x‖: a citizen's utility of policy `p`, ideal point at `ideal[offset ..]`. */
export const citizenUtility = (p: Float64Array, ideal: Float64Array, offset = 0): number => {
  let sum = 0
  for (let l = 0; l < LEVERS; l++) {
    const d = p[l]! - ideal[offset + l]!
    sum += d * d
  }
  return -Math.sqrt(sum)
}

/**
 * Per-lever median of the citizens' ideal points (the authority's ideal under
 * `central`, and the reference for citizens' discontent). `scratch` needs n slots.
 */
export const medianIdeal = (ideal: Float64Array, n: number, scratch: Float64Array, out: Float64Array): Float64Array => {
  for (let l = 0; l < LEVERS; l++) {
    for (let k = 0; k < n; k++) scratch[k] = ideal[k * LEVERS + l]!
    const part = scratch.subarray(0, n).sort()
    out[l] = n === 0 ? 0 : n % 2 === 1 ? part[(n - 1) >> 1]! : (part[n / 2 - 1]! + part[n / 2]!) / 2
  }
  return out
}
