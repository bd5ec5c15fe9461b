/**
 * Run-wide quantities that are not per agent. Balances that the accounting
 * module moves are one-element Float64Arrays so they are accounts like any row.
 */
export interface World {
  /** the tick being computed, 0-based */
  tick: number
  /** clearing price of compute this tick, USD per H100e */
  computePrice: number
  /** effective FLOP per FLOP-at-tick-0: hardware × algorithmic progress */
  efficiency: number
  /** incidents this tick and so far */
  incidents: number
  cumulativeIncidents: number
  /** harm this tick and so far, USD-equivalent */
  harm: number
  cumulativeHarm: number
  /** citizens' consumer benefit so far, all agents, USD-equivalent */
  cumulativeBenefit: number
  /** first tick whose frontier capability reached the threshold, −1 while not reached */
  thresholdTick: number
  /** escrow of the AI-services market within a tick, USD (zero between phases) */
  readonly serviceEscrow: Float64Array
  /** public treasury, USD (fines and fees go here under governance) */
  readonly treasury: Float64Array
}

export const createWorld = (): World => ({
  tick: 0,
  computePrice: 0,
  efficiency: 1,
  incidents: 0,
  cumulativeIncidents: 0,
  harm: 0,
  cumulativeHarm: 0,
  cumulativeBenefit: 0,
  thresholdTick: -1,
  serviceEscrow: new Float64Array(1),
  treasury: new Float64Array(1),
})
