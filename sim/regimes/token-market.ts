/**
 * Where governance tokens are bought: a linear bonding curve. The marginal
 * price after x tokens have been bought in all is p(x) = p₀ · (1 + x / D), so
 * buying q more costs ∫ₓ^{x+q} p = p₀ · (q + (2xq + q²) / (2D)): the price rises
 * with demand, which makes buying a decision progressively dearer. New tokens
 * are minted to the buyer; the USD go to the treasury (the curve's reserve).
 */
export class TokenMarket {
  /** tokens bought so far, x */
  demand = 0

  constructor(
    /** p₀, USD per token */
    readonly price: number,
    /** D, tokens */
    readonly depth: number,
  ) {}

  /** Marginal price now, USD per token. */
  marginalPrice(): number {
    return this.price * (1 + this.demand / this.depth)
  }

  /** USD to buy `q` more tokens now. */
  cost(q: number): number {
    return this.price * (q + (2 * this.demand * q + q * q) / (2 * this.depth))
  }

  buy(q: number): void {
    this.demand += q
  }
}
