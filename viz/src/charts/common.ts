import * as d3 from "d3"
import { clip } from "../dom.js"
import type { VariantStyle } from "../palette.js"

/**
 * What every chart shares: an SVG with a white background, a title, an optional
 * legend of the variants drawn, a plot area and labelled axes. Everything is
 * styled with presentation attributes (not CSS), so an exported SVG or PNG looks
 * exactly like the chart on the page.
 */

/** A variant as a chart sees it: its index in the results (for classes), name and style. */
export interface ChartVariant {
  readonly index: number
  readonly name: string
  readonly style: VariantStyle
}

export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>
export type G = d3.Selection<SVGGElement, unknown, null, undefined>

export interface Margin {
  readonly top: number
  readonly right: number
  readonly bottom: number
  readonly left: number
}

export interface Frame {
  readonly svg: Svg
  /** the plot area, translated to the top-left of the inner rectangle */
  readonly plot: G
  readonly width: number
  readonly height: number
  /** size of the plot area */
  readonly inner: { readonly width: number; readonly height: number }
  readonly margin: Margin
}

export const fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
export const textColour = "#222"
export const gridColour = "#e5e5e5"

const legendRow = 16
const titleHeight = 22

export interface FrameOptions {
  readonly width: number
  /** height of the plot area */
  readonly plotHeight: number
  readonly title: string
  /** a line under the title */
  readonly subtitle?: string
  /** variants to list in a legend under the title (omit for none) */
  readonly legend?: ReadonlyArray<ChartVariant>
  readonly legendKind?: "line" | "point"
  readonly margin?: Partial<Margin>
  /** a one-sentence description for screen readers */
  readonly description: string
}

/** Approximate text width at 11 px, for laying out legends before anything is measured. */
const textWidth = (text: string): number => text.length * 6.4

export const createFrame = (host: HTMLElement, options: FrameOptions): Frame => {
  const width = Math.max(240, Math.floor(options.width))
  const legendItems = options.legend ?? []
  // lay the legend out in rows
  const positions: Array<{ readonly x: number; readonly y: number }> = []
  let x = 0
  let rows = legendItems.length > 0 ? 1 : 0
  for (const v of legendItems) {
    const w = 26 + textWidth(clip(v.name, 28)) + 14
    if (x > 0 && x + w > width - 60) {
      x = 0
      rows++
    }
    positions.push({ x, y: (rows - 1) * legendRow })
    x += w
  }
  const subtitleHeight = options.subtitle === undefined ? 0 : 16
  const legendHeight = rows * legendRow
  const margin: Margin = {
    top: titleHeight + subtitleHeight + legendHeight + 14 + (options.margin?.top ?? 0),
    right: options.margin?.right ?? 20,
    bottom: options.margin?.bottom ?? 46,
    left: options.margin?.left ?? 70,
  }
  const height = margin.top + options.plotHeight + margin.bottom
  const svg = d3
    .select(host)
    .append("svg")
    .attr("xmlns", "http://www.w3.org/2000/svg")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("font-family", fontFamily)
    .attr("font-size", 11)
    .attr("fill", textColour)
  svg.append("title").text(options.title)
  svg.append("desc").text(options.description)
  svg.append("rect").attr("class", "background").attr("width", width).attr("height", height).attr("fill", "#fff")
  svg.append("text").attr("class", "chart-title").attr("x", 10).attr("y", 17).attr("font-size", 14).attr("font-weight", 600).text(options.title)
  if (options.subtitle !== undefined) {
    svg.append("text").attr("x", 10).attr("y", 33).attr("fill", "#555").text(options.subtitle)
  }
  if (legendItems.length > 0) {
    const legend = svg.append("g").attr("class", "chart-legend").attr("transform", `translate(10,${titleHeight + subtitleHeight + 8})`)
    legendItems.forEach((v, i) => {
      const item = legend.append("g").attr("transform", `translate(${positions[i]!.x},${positions[i]!.y})`)
      if (options.legendKind === "point") {
        item.append("path").attr("class", "legend-swatch").attr("transform", "translate(10,6)").attr("d", d3.symbol(v.style.symbol, 48)()).attr("fill", v.style.colour)
      } else {
        item
          .append("line")
          .attr("class", "legend-swatch")
          .attr("x1", 0)
          .attr("x2", 22)
          .attr("y1", 6)
          .attr("y2", 6)
          .attr("stroke", v.style.colour)
          .attr("stroke-width", 2.5)
          .attr("stroke-dasharray", v.style.dash === "" ? null : v.style.dash)
      }
      item.append("text").attr("x", 26).attr("y", 10).text(clip(v.name, 28))
    })
  }
  const plot = svg.append("g").attr("class", "plot").attr("transform", `translate(${margin.left},${margin.top})`)
  return {
    svg,
    plot,
    width,
    height,
    inner: { width: width - margin.left - margin.right, height: options.plotHeight },
    margin,
  }
}

type NumberScale = d3.ScaleLinear<number, number>

export interface AxesOptions {
  readonly xLabel: string
  readonly yLabel: string
  readonly xTicks?: number
  readonly yTicks?: number
  readonly xFormat?: (n: number) => string
  readonly yFormat?: (n: number) => string
  /** horizontal grid lines (default true) */
  readonly grid?: boolean
}

/** Bottom and left axes with labels, and light horizontal grid lines. */
export const drawAxes = (frame: Frame, x: NumberScale | d3.ScaleBand<string>, y: NumberScale, options: AxesOptions): void => {
  const { plot, inner } = frame
  if (options.grid !== false) {
    plot
      .append("g")
      .attr("class", "grid")
      .selectAll("line")
      .data(y.ticks(options.yTicks ?? 6))
      .join("line")
      .attr("x1", 0)
      .attr("x2", inner.width)
      .attr("y1", (d) => y(d))
      .attr("y2", (d) => y(d))
      .attr("stroke", gridColour)
  }
  const xAxis = "bandwidth" in x
    ? d3.axisBottom(x)
    : d3.axisBottom(x).ticks(options.xTicks ?? Math.max(2, Math.floor(inner.width / 80))).tickFormat((d) => (options.xFormat ?? numberTick)(Number(d)))
  const xg = plot.append("g").attr("class", "x-axis").attr("transform", `translate(0,${inner.height})`).call(xAxis as never)
  const yg = plot
    .append("g")
    .attr("class", "y-axis")
    .call(d3.axisLeft(y).ticks(options.yTicks ?? 6).tickFormat((d) => (options.yFormat ?? numberTick)(Number(d))))
  for (const g of [xg, yg]) g.attr("font-family", fontFamily).attr("font-size", 10)
  plot
    .append("text")
    .attr("class", "x-label")
    .attr("x", inner.width / 2)
    .attr("y", inner.height + frame.margin.bottom - 8)
    .attr("text-anchor", "middle")
    .text(options.xLabel)
  plot
    .append("text")
    .attr("class", "y-label")
    .attr("transform", `translate(${-frame.margin.left + 14},${inner.height / 2}) rotate(-90)`)
    .attr("text-anchor", "middle")
    .text(options.yLabel)
}

const siTick = d3.format("~s")
const plainTick = d3.format("~g")

/** Tick labels: SI prefixes from 10⁴ up, plain otherwise. */
export const numberTick = (n: number): string => (Math.abs(n) >= 1e4 ? siTick(n) : plainTick(n))

/**
 * A y domain covering the values, padded when they are all equal and made
 * "nice"; [0, 1] when there is nothing finite.
 */
export const valueDomain = (values: Iterable<number>): [number, number] => {
  let low = Infinity
  let high = -Infinity
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    if (v < low) low = v
    if (v > high) high = v
  }
  if (low === Infinity) return [0, 1]
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1
    return [low - pad, high + pad]
  }
  return [low, high]
}

/** The domain widened by `fraction` of its span on each side, so points do not sit on the axes. */
export const padded = ([low, high]: [number, number], fraction = 0.04): [number, number] => {
  const pad = (high - low) * fraction
  return [low - pad, high + pad]
}

/** A note in place of a chart ("no values"), centred in the plot area. */
export const plotNote = (frame: Frame, text: string): void => {
  frame.plot
    .append("text")
    .attr("x", frame.inner.width / 2)
    .attr("y", frame.inner.height / 2)
    .attr("text-anchor", "middle")
    .attr("fill", "#777")
    .text(text)
}
