import type { Governance } from "../scenario/governance.js"
import {
  AUDIT_MANDATE,
  LEVERS,
  LICENSING,
  MAX_DISTANCE,
  SAFETY_FLOOR,
  SAFETY_FUNDING,
  distance,
  leverNames,
  safetyFundingAt,
} from "./levers.js"

export type ProposalOrigin = "incidents" | "citizens" | "lobbying"

/** A proposal to move the policy from the status quo to `target` (stringencies). */
export interface Proposal {
  readonly id: number
  /** tick it was made */
  readonly tick: number
  readonly origin: ProposalOrigin
  /** the proposing lab's row (lobbying), else −1 */
  readonly proposer: number
  readonly target: Float64Array
  /** the status quo it was made against */
  readonly from: Float64Array
  /** share of the treasury it requests: the added monthly public-research spending (conviction) */
  readonly requestedShare: number
}

export interface ProposalInputs {
  readonly governance: Governance
  /** the status quo: enacted policy plus decided changes not yet enacted */
  readonly statusQuo: Float64Array
  /** incidents since the last epoch */
  readonly incidents: number
  /** per-lever median of the citizens' ideal points */
  readonly median: Float64Array
  /** the dominant lab's row and its salience weights, or −1 */
  readonly dominant: number
  readonly dominantSalience: Float64Array
  /** treasury balance, USD */
  readonly treasury: number
}

/**
 * The proposals of one epoch, in agenda order (a small allocation per epoch):
 *   incidents  ≥ `incidents` incidents since the last epoch: tighten the safety
 *              floor, audits, public funding and licensing, each by step/2
 *              (a move of length `step`), clipped to 1;
 *   citizens   the status quo is farther than `discontent` (normalized by √5)
 *              from the citizens' median ideal: move toward it by min(step, distance);
 *   lobbying   the dominant lab moves the policy along its utility gradient,
 *              −w∘p/‖w∘p‖, by `step` (clipped at 0), if that changes anything.
 * Proposals that would not move the policy are not made.
 */
export const makeProposals = (input: ProposalInputs, tick: number, nextId: number): Array<Proposal> => {
  const g = input.governance
  const p = g.proposals
  const sq = input.statusQuo
  const out: Array<Proposal> = []
  const add = (origin: ProposalOrigin, proposer: number, target: Float64Array) => {
    for (let l = 0; l < LEVERS; l++) target[l] = Math.min(1, Math.max(0, target[l]!))
    if (distance(target, sq) <= 1e-12) return
    out.push({
      id: nextId + out.length,
      tick,
      origin,
      proposer,
      target,
      from: Float64Array.from(sq),
      requestedShare: requestedShare(g, sq, target, input.treasury),
    })
  }
  if (input.incidents >= p.incidents) {
    const target = Float64Array.from(sq)
    for (const l of [SAFETY_FLOOR, AUDIT_MANDATE, SAFETY_FUNDING, LICENSING]) target[l]! += p.step / 2
    add("incidents", -1, target)
  }
  const gap = distance(sq, input.median)
  if (gap / MAX_DISTANCE > p.discontent && gap > 0) {
    const move = Math.min(p.step, gap) / gap
    const target = new Float64Array(LEVERS)
    for (let l = 0; l < LEVERS; l++) target[l] = sq[l]! + move * (input.median[l]! - sq[l]!)
    add("citizens", -1, target)
  }
  if (p.lobbying && input.dominant >= 0) {
    const w = input.dominantSalience
    let norm = 0
    for (let l = 0; l < LEVERS; l++) norm += (w[l]! * sq[l]!) ** 2
    norm = Math.sqrt(norm)
    if (norm > 0) {
      const target = new Float64Array(LEVERS)
      for (let l = 0; l < LEVERS; l++) target[l] = sq[l]! - (p.step * w[l]! * sq[l]!) / norm
      add("lobbying", input.dominant, target)
    }
  }
  return out
}

/**
 * The share of the treasury a proposal requests, for conviction voting's
 * threshold: its added public-research spending per month over the treasury
 * balance (∞ if the treasury is empty). The funding lever is a standing monthly
 * outflow, so one month of it plays the part of a one-off request.
 */
export const requestedShare = (g: Governance, from: Float64Array, to: Float64Array, treasury: number): number => {
  const added = safetyFundingAt(g.levers, to[SAFETY_FUNDING]!) - safetyFundingAt(g.levers, from[SAFETY_FUNDING]!)
  if (!(added > 0)) return 0
  return treasury > 0 ? added / treasury : Infinity
}

/** A policy vector as a record by lever name (for the ledger). */
export const leverRecord = (x: Float64Array): Record<string, number> => {
  const out: Record<string, number> = {}
  for (let l = 0; l < LEVERS; l++) out[leverNames[l]!] = x[l]!
  return out
}
