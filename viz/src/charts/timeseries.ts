import * as d3 from "d3"
import type { Band } from "../messages.js"
import { axisLabel, formatValue, metricInfo } from "../metrics.js"
import { hideTooltip, showTooltip } from "../tooltip.js"
import { type ChartVariant, createFrame, drawAxes, plotNote, valueDomain } from "./common.js"

/**
 * A metric over time, one line per variant: the median over replicates, with
 * the 5–95 % band shaded. Classes: `path.band.v<i>`, `path.median.v<i>` (i = the
 * variant's index in the results).
 */

export interface TimeSeriesInput {
  readonly metric: string
  readonly lines: ReadonlyArray<{ readonly variant: ChartVariant; readonly band: Band }>
  /** the horizon, months */
  readonly ticks: number
  readonly width: number
  /** small multiple: shorter, no legend, a smaller title */
  readonly compact: boolean
  /** replicates behind each line (for the subtitle) */
  readonly replicates: number
}

export const drawTimeSeries = (host: HTMLElement, input: TimeSeriesInput): SVGSVGElement => {
  const info = metricInfo(input.metric)
  const frame = createFrame(host, {
    width: input.width,
    plotHeight: input.compact ? 150 : 320,
    title: info.label,
    subtitle: input.compact ? undefined : `Median over ${input.replicates === 1 ? "1 replicate" : `replicates (n ≤ ${input.replicates})`}, band 5–95 %; series "${input.metric}"`,
    legend: input.compact ? undefined : input.lines.map((l) => l.variant),
    margin: input.compact ? { left: 56, bottom: 38 } : {},
    description: `Time series of ${info.label} by month, one line per variant`,
  })
  const { plot, inner } = frame
  const x = d3.scaleLinear().domain([1, Math.max(2, input.ticks)]).range([0, inner.width])
  const y = d3
    .scaleLinear()
    .domain(valueDomain(input.lines.flatMap((l) => [...l.band.p05, ...l.band.p95, ...l.band.median])))
    .nice()
    .range([inner.height, 0])
  drawAxes(frame, x, y, { xLabel: "Month", yLabel: input.compact ? info.unit : axisLabel(input.metric), yTicks: input.compact ? 4 : 6 })
  if (input.lines.length === 0) {
    plotNote(frame, "no variant shown has this series")
    return frame.svg.node()!
  }
  // bands of many variants pile up: the more lines, the fainter each band
  const bandOpacity = Math.max(0.03, Math.min(0.14, 0.5 / input.lines.length))
  const finite = (i: number, b: Band) => Number.isFinite(b.median[i]!) && Number.isFinite(b.p05[i]!) && Number.isFinite(b.p95[i]!)
  for (const { variant, band } of input.lines) {
    const indices = d3.range(band.month.length)
    const area = d3
      .area<number>()
      .defined((i) => finite(i, band))
      .x((i) => x(band.month[i]!))
      .y0((i) => y(band.p05[i]!))
      .y1((i) => y(band.p95[i]!))
    const line = d3
      .line<number>()
      .defined((i) => Number.isFinite(band.median[i]!))
      .x((i) => x(band.month[i]!))
      .y((i) => y(band.median[i]!))
    plot
      .append("path")
      .attr("class", `band v${variant.index}`)
      .attr("d", area(indices))
      .attr("fill", variant.style.colour)
      .attr("fill-opacity", bandOpacity)
      .attr("stroke", "none")
    plot
      .append("path")
      .attr("class", `median v${variant.index}`)
      .attr("d", line(indices))
      .attr("fill", "none")
      .attr("stroke", variant.style.colour)
      .attr("stroke-width", input.compact ? 1.6 : 2.2)
      .attr("stroke-dasharray", variant.style.dash === "" ? null : variant.style.dash)
  }
  // hover: a rule at the nearest month and every line's value there
  const rule = plot.append("line").attr("class", "hover-rule").attr("y1", 0).attr("y2", inner.height).attr("stroke", "#888").attr("visibility", "hidden")
  const dots = plot.append("g").attr("class", "hover-dots")
  const bisect = d3.bisector((m: number) => m).center
  plot
    .append("rect")
    .attr("class", "hover-target")
    .attr("width", inner.width)
    .attr("height", inner.height)
    .attr("fill", "transparent")
    .on("mousemove", (event: MouseEvent) => {
      const [mx] = d3.pointer(event)
      const month = x.invert(mx)
      const rows = input.lines.map(({ variant, band }) => {
        const i = bisect(band.month, month)
        return { variant, i, band }
      })
      const shownMonth = rows.length > 0 ? rows[0]!.band.month[rows[0]!.i]! : Math.round(month)
      rule.attr("x1", x(shownMonth)).attr("x2", x(shownMonth)).attr("visibility", "visible")
      dots
        .selectAll("circle")
        .data(rows.filter((r) => Number.isFinite(r.band.median[r.i]!)))
        .join("circle")
        .attr("cx", (r) => x(r.band.month[r.i]!))
        .attr("cy", (r) => y(r.band.median[r.i]!))
        .attr("r", 3.5)
        .attr("fill", (r) => r.variant.style.colour)
      showTooltip(
        event,
        `Month ${shownMonth} · ${info.label}${info.unit === "" ? "" : ` (${info.unit})`}`,
        rows.map(({ variant, band, i }) => ({
          colour: variant.style.colour,
          text: `${variant.name}: ${formatValue(band.median[i])}  [5–95 %: ${formatValue(band.p05[i])} – ${formatValue(band.p95[i])}]`,
        })),
      )
    })
    .on("mouseleave", () => {
      rule.attr("visibility", "hidden")
      dots.selectAll("circle").remove()
      hideTooltip()
    })
  return frame.svg.node()!
}
