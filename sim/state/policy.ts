import {
  AUDIT_MANDATE,
  COMPUTE_CAP,
  computeCapAt,
  LEVERS,
  LICENSING,
  licensingAt,
  leverVector,
  RULES,
  SAFETY_FLOOR,
  SAFETY_FUNDING,
  safetyFloorAt,
  safetyFundingAt,
} from "../policy/levers.js"
import type { Scenario } from "../scenario/schema.js"

/**
 * The enacted policy and what labs do about it. With `regime: none` the policy
 * is inactive: no cap, no floor, no licensing, and the phases that read it skip
 * every policy branch, so runs without governance are unchanged.
 */
export interface Policy {
  /** false under `regime: none`: nothing binds */
  readonly active: boolean
  /** enacted stringencies in lever order, [0, 1] each */
  readonly levers: Float64Array
  /** enacted plus every decided change not yet enacted: the status quo voters compare against */
  readonly decided: Float64Array
  /** compute cap per lab, H100e (Infinity when inactive) */
  computeCap: number
  /** minimum safety share of compute */
  safetyFloor: number
  /** share of active labs audited per epoch */
  auditMandate: number
  /** public safety research paid by the treasury, USD per month */
  safetyFunding: number
  /** licensing threshold, physical FLOP of one month's training run (Infinity when inactive) */
  licenseThreshold: number
  /** USD per month of licensed training */
  readonly licenseFee: number
  /** per lab × rule (cap, floor, licensing): 1 if the lab ignores the rule this epoch */
  readonly defiant: Uint8Array
  /** per lab × rule: months in violation since the lab's last audit epoch */
  readonly violations: Int32Array
  /** per lab: physical FLOP of this month's training run */
  readonly runFlop: Float64Array
  /** per lab: 1 if this month's run was above the licensing threshold and licensed (fee paid) */
  readonly licensed: Uint8Array
  /** per lab: months with a large run (≥ the reporting threshold) since the last audit epoch */
  readonly largeRuns: Int32Array
  /** per lab: of those, months whose run has a provenance record on the ledger */
  readonly provenanceRuns: Int32Array
}

export const createPolicy = (s: Scenario, labRows: number): Policy => {
  const active = s.governance.regime !== "none"
  const rows = active ? labRows : 0
  const levers = leverVector(s.governance.policy)
  const policy: Policy = {
    active,
    levers,
    decided: Float64Array.from(levers),
    computeCap: Infinity,
    safetyFloor: 0,
    auditMandate: 0,
    safetyFunding: 0,
    licenseThreshold: Infinity,
    licenseFee: s.governance.levers.licenseFee,
    defiant: new Uint8Array(rows * RULES),
    violations: new Int32Array(rows * RULES),
    runFlop: new Float64Array(rows),
    licensed: new Uint8Array(rows),
    largeRuns: new Int32Array(rows),
    provenanceRuns: new Int32Array(rows),
  }
  if (active) applyLevers(policy, s)
  return policy
}

/** Recomputes the physical rules from the enacted stringencies. */
export const applyLevers = (policy: Policy, s: Scenario): void => {
  const r = s.governance.levers
  const x = policy.levers
  for (let l = 0; l < LEVERS; l++) x[l] = Math.min(1, Math.max(0, x[l]!))
  policy.computeCap = computeCapAt(r, x[COMPUTE_CAP]!)
  policy.safetyFloor = safetyFloorAt(r, x[SAFETY_FLOOR]!)
  policy.auditMandate = x[AUDIT_MANDATE]!
  policy.safetyFunding = safetyFundingAt(r, x[SAFETY_FUNDING]!)
  policy.licenseThreshold = licensingAt(r, x[LICENSING]!)
}
