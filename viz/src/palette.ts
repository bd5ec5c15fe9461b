import { symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, symbolCross, symbolStar, type SymbolType } from "d3-shape"

/**
 * Variant styles: the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008,
 * "Color Universal Design"), reordered so the first colours contrast best on
 * white. Beyond eight variants the colours repeat with a different dash
 * pattern (lines) and marker shape (points).
 */
export const okabeIto = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"] as const

const dashes = ["", "7 3", "2 2", "9 3 2 3", "1 3", "12 4"] as const
const symbols: ReadonlyArray<SymbolType> = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar]

export interface VariantStyle {
  readonly colour: string
  /** stroke-dasharray; "" for solid */
  readonly dash: string
  readonly symbol: SymbolType
}

export const variantStyle = (index: number): VariantStyle => {
  const cycle = Math.floor(index / okabeIto.length)
  return {
    colour: okabeIto[index % okabeIto.length]!,
    dash: dashes[cycle % dashes.length]!,
    symbol: symbols[cycle % symbols.length]!,
  }
}
