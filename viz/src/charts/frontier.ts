import * as d3 from "d3"
import { axisLabel, formatValue } from "../metrics.js"
import { hideTooltip, showTooltip } from "../tooltip.js"
import { type ChartVariant, createFrame, drawAxes, padded, plotNote, valueDomain } from "./common.js"

/**
 * Speed vs stewardship: each run's final frontier capability (speed) against
 * its cumulative incidents (the cost in safety), coloured by variant, with the
 * variant's medians as a larger open marker. Classes: `path.frontier-point.v<i>`,
 * `path.frontier-median.v<i>`.
 */

export const speedMetric = "frontier_capability"
export const stewardshipMetric = "cumulative_incidents"

export interface FrontierPoint {
  readonly replicate: number
  readonly seed: number
  readonly speed: number
  readonly incidents: number
}

export interface FrontierInput {
  readonly groups: ReadonlyArray<{ readonly variant: ChartVariant; readonly points: ReadonlyArray<FrontierPoint> }>
  readonly width: number
}

export const drawFrontier = (host: HTMLElement, input: FrontierInput): SVGSVGElement => {
  const frame = createFrame(host, {
    width: input.width,
    plotHeight: 320,
    title: "Speed vs stewardship",
    subtitle: "One point per run at the end of the horizon; open marker: the variant's medians. Right = faster, down = safer.",
    legend: input.groups.map((g) => g.variant),
    legendKind: "point",
    description: "Scatter of final frontier capability against cumulative incidents, one point per run, coloured by variant",
  })
  const { plot, inner } = frame
  const all = input.groups.flatMap((g) => g.points)
  const x = d3.scaleLinear().domain(padded(valueDomain(all.map((p) => p.speed)))).nice().range([0, inner.width])
  // incidents count from 0; pad only the top
  const [low, high] = valueDomain(all.map((p) => p.incidents))
  const y = d3.scaleLinear().domain([Math.min(0, low), padded([Math.min(0, low), high])[1]]).nice().range([inner.height, 0])
  drawAxes(frame, x, y, { xLabel: `${axisLabel(speedMetric)} → faster`, yLabel: axisLabel(stewardshipMetric) })
  if (all.length === 0) {
    plotNote(frame, "no run has both final values")
    return frame.svg.node()!
  }
  for (const { variant, points } of input.groups) {
    const { colour, symbol } = variant.style
    const g = plot.append("g").attr("class", `frontier-group v${variant.index}`)
    g.selectAll("path")
      .data(points)
      .join("path")
      .attr("class", `frontier-point v${variant.index}`)
      .attr("transform", (p) => `translate(${x(p.speed)},${y(p.incidents)})`)
      .attr("d", d3.symbol(symbol, 56)())
      .attr("fill", colour)
      .attr("fill-opacity", 0.7)
      .attr("stroke", "#fff")
      .attr("stroke-width", 0.6)
      .on("mouseenter mousemove", (event: MouseEvent, p) =>
        showTooltip(event, variant.name, [
          { colour, text: `replicate ${p.replicate} (seed ${p.seed})` },
          { text: `frontier capability ${formatValue(p.speed)} log₁₀ FLOP` },
          { text: `cumulative incidents ${formatValue(p.incidents)}` },
        ]),
      )
      .on("mouseleave", hideTooltip)
    if (points.length > 1) {
      const mx = d3.median(points, (p) => p.speed)!
      const my = d3.median(points, (p) => p.incidents)!
      g.append("path")
        .attr("class", `frontier-median v${variant.index}`)
        .attr("transform", `translate(${x(mx)},${y(my)})`)
        .attr("d", d3.symbol(symbol, 180)())
        .attr("fill", "none")
        .attr("stroke", colour)
        .attr("stroke-width", 2.5)
        .on("mouseenter mousemove", (event: MouseEvent) =>
          showTooltip(event, `${variant.name}: median of ${points.length} runs`, [
            { colour, text: `frontier capability ${formatValue(mx)} log₁₀ FLOP` },
            { text: `cumulative incidents ${formatValue(my)}` },
          ]),
        )
        .on("mouseleave", hideTooltip)
    }
  }
  return frame.svg.node()!
}
