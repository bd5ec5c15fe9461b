import { Data } from "effect"

/** The three conserved quantities. Compute is a stock of H100e; tokens are governance tokens. */
export const assets = ["capital", "compute", "tokens"] as const
export type Asset = (typeof assets)[number]
const assetIndex: Record<Asset, number> = { capital: 0, compute: 1, tokens: 2 }

/** Money (or compute, or tokens) appeared from nowhere, vanished, or went bad. */
export class AccountingBroken extends Data.TaggedError("AccountingBroken")<{
  readonly tick: number
  readonly phase: string
  readonly asset: string
  readonly detail: string
}> {
  override get message(): string {
    return `accounting broken at tick ${this.tick}, phase "${this.phase}", ${this.asset}: ${this.detail}`
  }
}

/** A named source (inflow from outside the model) or sink (outflow), created once per phase. */
export interface Flow {
  readonly asset: Asset
  readonly index: number
  readonly kind: "source" | "sink"
  readonly name: string
}

/** Cumulative totals of every flow over a run, for the summary. */
export interface FlowTotal {
  readonly asset: Asset
  readonly kind: "source" | "sink"
  readonly name: string
  readonly total: number
}

/**
 * Every movement of capital, compute and tokens goes through here: transfers
 * update both sides; mints and burns are tallied as sources and sinks. With
 * `check` on, the engine brackets each phase with `beginPhase`/`endPhase`, which
 * verifies total(after) = total(before) + sources − sinks for every asset and that
 * no balance is negative, NaN or infinite, naming the tick and phase that broke it.
 */
export class Accounts {
  tick = 0
  phase = "init"
  private readonly holders: Array<Array<Float64Array>> = [[], [], []]
  private readonly watched: Array<{ readonly name: string; readonly values: Float64Array }> = []
  private readonly flows: Array<Flow> = []
  private readonly flowTotals: Array<number> = []
  private readonly phaseNet = new Float64Array(3)
  private readonly phaseGross = new Float64Array(3)
  private readonly before = new Float64Array(3)

  constructor(readonly check: boolean) {}

  /** Makes `balances` part of `asset`'s total. Every array that holds an asset must be registered. */
  register(asset: Asset, balances: Float64Array): void {
    this.holders[assetIndex[asset]]!.push(balances)
  }

  /** Checked for NaN and infinity after every phase (state that is not a balance). */
  watch(name: string, values: Float64Array): void {
    this.watched.push({ name, values })
  }

  source(asset: Asset, name: string): Flow {
    return this.flow(asset, "source", name)
  }

  sink(asset: Asset, name: string): Flow {
    return this.flow(asset, "sink", name)
  }

  private flow(asset: Asset, kind: "source" | "sink", name: string): Flow {
    const existing = this.flows.find((f) => f.asset === asset && f.kind === kind && f.name === name)
    if (existing !== undefined) return existing
    const flow: Flow = { asset, kind, name, index: this.flows.length }
    this.flows.push(flow)
    this.flowTotals.push(0)
    return flow
  }

  /** Moves `amount` of `asset` from `from[i]` to `to[j]`. */
  transfer(asset: Asset, from: Float64Array, i: number, to: Float64Array, j: number, amount: number): void {
    this.validAmount(asset, amount)
    const left = from[i]! - amount
    if (left < 0) this.overdraft(asset, from[i]!, amount)
    from[i] = left
    to[j]! += amount
    this.phaseGross[assetIndex[asset]]! += amount
  }

  /** Adds `amount` from outside the model to `to[j]`. */
  mint(flow: Flow, to: Float64Array, j: number, amount: number): void {
    this.validAmount(flow.asset, amount)
    to[j]! += amount
    this.tally(flow, amount)
  }

  /** Removes `amount` from `from[i]` to outside the model. */
  burn(flow: Flow, from: Float64Array, i: number, amount: number): void {
    this.validAmount(flow.asset, amount)
    const left = from[i]! - amount
    if (left < 0) this.overdraft(flow.asset, from[i]!, amount)
    from[i] = left
    this.tally(flow, amount)
  }

  /** `from[k] -= amounts[k]` for k < n, to outside the model. */
  burnEach(flow: Flow, from: Float64Array, amounts: Float64Array, n: number): void {
    let total = 0
    for (let k = 0; k < n; k++) {
      const amount = amounts[k]!
      if (!(amount >= 0 && amount < Infinity)) this.validAmount(flow.asset, amount)
      const left = from[k]! - amount
      if (left < 0) this.overdraft(flow.asset, from[k]!, amount)
      from[k] = left
      total += amount
    }
    this.tally(flow, total)
  }

  /**
   * A household budget for k < n: `balances[k]` receives `amounts[k]` from outside
   * (source `received`), spends `spentShare · amounts[k]` outside (sink `spent`) and
   * pays `payShare · amounts[k]` into `to[j]`. One pass over the agents (the
   * citizens' hot loop); returns the total paid into `to[j]`.
   */
  receiveAndSpendEach(
    received: Flow,
    spent: Flow,
    balances: Float64Array,
    amounts: Float64Array,
    n: number,
    spentShare: number,
    payShare: number,
    to: Float64Array,
    j: number,
  ): number {
    this.validAmount(spent.asset, spentShare)
    this.validAmount(received.asset, payShare)
    // shares computed as 1 − a − b can sum past 1 by a rounding error; more is a bug
    if (spentShare + payShare > 1 + 1e-12) this.fail(received.asset, `shares spent ${spentShare} + paid ${payShare} exceed 1`)
    const keep = Math.max(0, 1 - spentShare - payShare)
    let total = 0
    for (let k = 0; k < n; k++) {
      const amount = amounts[k]!
      if (!(amount >= 0 && amount < Infinity)) this.validAmount(received.asset, amount)
      balances[k]! += keep * amount
      total += amount
    }
    const paid = payShare * total
    to[j]! += paid
    this.tally(received, total)
    this.tally(spent, spentShare * total)
    this.phaseGross[assetIndex[received.asset]]! += paid
    return paid
  }

  /** Multiplies `balances[0..n)` by `factor`; the change is minted (`up`) or burned (`down`). */
  scale(up: Flow, down: Flow, balances: Float64Array, n: number, factor: number): void {
    this.validAmount(up.asset, factor)
    let before = 0
    let after = 0
    for (let k = 0; k < n; k++) {
      const old = balances[k]!
      const scaled = old * factor
      balances[k] = scaled
      before += old
      after += scaled
    }
    if (after >= before) this.tally(up, after - before)
    else this.tally(down, before - after)
  }

  /** Cumulative totals of every flow, in the order flows were created. */
  totals(): Array<FlowTotal> {
    return this.flows.map((f, k) => ({ asset: f.asset, kind: f.kind, name: f.name, total: this.flowTotals[k]! }))
  }

  /** Sources minus sinks of `asset` so far: the booked change of its total since the start. */
  netFlow(asset: Asset): number {
    let net = 0
    for (let k = 0; k < this.flows.length; k++) {
      const f = this.flows[k]!
      if (f.asset === asset) net += f.kind === "source" ? this.flowTotals[k]! : -this.flowTotals[k]!
    }
    return net
  }

  /** Current total of `asset` over every registered balance. */
  total(asset: Asset): number {
    let sum = 0
    for (const balances of this.holders[assetIndex[asset]]!) {
      for (let k = 0; k < balances.length; k++) sum += balances[k]!
    }
    return sum
  }

  beginPhase(tick: number, phase: string): void {
    this.tick = tick
    this.phase = phase
    if (!this.check) return
    for (const asset of assets) {
      const a = assetIndex[asset]
      this.before[a] = this.total(asset)
      this.phaseNet[a] = 0
      this.phaseGross[a] = 0
    }
  }

  endPhase(): void {
    if (!this.check) return
    for (const asset of assets) {
      const a = assetIndex[asset]
      let sum = 0
      let scale = 0
      for (const balances of this.holders[a]!) {
        for (let k = 0; k < balances.length; k++) {
          const v = balances[k]!
          if (!(v >= 0 && v < Infinity)) this.fail(asset, `a balance became ${v}`)
          sum += v
          scale += v
        }
      }
      const expected = this.before[a]! + this.phaseNet[a]!
      // Floating-point sums of many terms differ in the last bits; anything beyond
      // a relative 1e-9 of the money in play is a real leak.
      const tolerance = 1e-9 * (scale + Math.abs(this.before[a]!) + this.phaseGross[a]!) + 1e-9
      if (Math.abs(sum - expected) > tolerance) {
        this.fail(
          asset,
          `total ${sum} but expected ${expected} (before ${this.before[a]} + sources − sinks ${this.phaseNet[a]}), off by ${sum - expected}`,
        )
      }
    }
    for (const { name, values } of this.watched) {
      for (let k = 0; k < values.length; k++) {
        const v = values[k]!
        if (!Number.isFinite(v)) this.fail(name, `value ${v} at row ${k}`)
      }
    }
  }

  private tally(flow: Flow, amount: number): void {
    const a = assetIndex[flow.asset]
    this.flowTotals[flow.index]! += amount
    this.phaseNet[a]! += flow.kind === "source" ? amount : -amount
    this.phaseGross[a]! += amount
  }

  private validAmount(asset: Asset, amount: number): void {
    if (!(amount >= 0 && amount < Infinity)) this.fail(asset, `invalid amount ${amount}`)
  }

  private overdraft(asset: Asset, balance: number, amount: number): never {
    return this.fail(asset, `overdraft: balance ${balance} cannot pay ${amount}`)
  }

  private fail(asset: string, detail: string): never {
    throw new AccountingBroken({ tick: this.tick, phase: this.phase, asset, detail })
  }
}
