/**
 * Columnar time series of one run: one Float64Array per metric, one value per
 * tick, allocated when a phase asks for its column at creation.
 */
export class Series {
  private readonly columns = new Map<string, Float64Array>()

  constructor(readonly ticks: number) {}

  /** The column for `name`, created (NaN-filled until recorded) on first request. */
  column(name: string): Float64Array {
    let values = this.columns.get(name)
    if (values === undefined) {
      values = new Float64Array(this.ticks).fill(Number.NaN)
      this.columns.set(name, values)
    }
    return values
  }

  /** Every column, by name in sorted order. */
  toRecord(): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = {}
    for (const name of [...this.columns.keys()].sort()) out[name] = this.columns.get(name)!
    return out
  }
}
