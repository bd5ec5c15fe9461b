import * as d3 from "d3"
import type { BoxStats } from "../aggregate.js"
import { clip } from "../dom.js"
import { formatValue, metricInfo } from "../metrics.js"
import { hideTooltip, showTooltip } from "../tooltip.js"
import { type ChartVariant, createFrame, drawAxes } from "./common.js"

/**
 * Voting power of the largest blocs at the end of the run: for each power
 * series (Banzhaf, Shapley–Shubik), one bar per variant at the median over
 * replicates, with a 5–95 % whisker. Classes: `rect.power-bar.v<i>`.
 */

export interface PowerInput {
  /** the power series, in display order */
  readonly metrics: ReadonlyArray<string>
  readonly variants: ReadonlyArray<ChartVariant>
  /** stats[m][v]: metric m, variant v (same order as `variants`) */
  readonly stats: ReadonlyArray<ReadonlyArray<BoxStats>>
  readonly width: number
}

/** "Banzhaf power of the largest bloc" → "Banzhaf: largest bloc". */
const shortLabel = (metric: string): string => metricInfo(metric).label.replace(/ power of (the )?/, ": ")

export const drawPower = (host: HTMLElement, input: PowerInput): SVGSVGElement => {
  const frame = createFrame(host, {
    width: input.width,
    plotHeight: 280,
    title: "Voting power of the largest blocs (final month)",
    subtitle: "Bar: median over replicates; whisker: 5–95 %. Power is the share of decisive swings, not the share of votes.",
    legend: input.variants,
    legendKind: "point",
    margin: { bottom: 60 },
    description: "Grouped bars of voting-power indices at the end of the run, one bar per variant",
  })
  const { plot, inner } = frame
  const x0 = d3.scaleBand<string>().domain(input.metrics).range([0, inner.width]).paddingInner(0.2).paddingOuter(0.05)
  const x1 = d3
    .scaleBand<string>()
    .domain(input.variants.map((v) => String(v.index)))
    .range([0, x0.bandwidth()])
    .padding(0.08)
  const top = d3.max(input.stats.flat(), (s) => (Number.isFinite(s.p95) ? s.p95 : 0)) ?? 0
  const y = d3.scaleLinear().domain([0, Math.max(1, top)]).nice().range([inner.height, 0])
  drawAxes(frame, x0, y, { xLabel: "", yLabel: "Power index (0–1)" })
  const labels = plot.select(".x-axis").selectAll<SVGTextElement, string>(".tick text").text((d) => clip(shortLabel(d), 40))
  if (d3.max(input.metrics, (m) => clip(shortLabel(m), 40).length * 6.4)! > x0.bandwidth()) {
    labels.attr("text-anchor", "end").attr("transform", "rotate(-20)")
  }
  input.metrics.forEach((metric, m) => {
    const g = plot.append("g").attr("transform", `translate(${x0(metric)},0)`)
    input.variants.forEach((variant, v) => {
      const s = input.stats[m]![v]!
      if (s.n === 0) return
      const left = x1(String(variant.index))!
      const w = x1.bandwidth()
      const { colour } = variant.style
      g.append("rect")
        .attr("class", `power-bar v${variant.index}`)
        .attr("x", left)
        .attr("width", w)
        .attr("y", y(s.median))
        .attr("height", Math.max(0, inner.height - y(s.median)))
        .attr("fill", colour)
        .attr("fill-opacity", 0.85)
        .on("mouseenter mousemove", (event: MouseEvent) =>
          showTooltip(event, `${variant.name} · ${metricInfo(metric).label}`, [
            { colour, text: `median ${formatValue(s.median)} over ${s.n} run${s.n === 1 ? "" : "s"}` },
            { text: `5–95 %: ${formatValue(s.p05)} – ${formatValue(s.p95)}` },
          ]),
        )
        .on("mouseleave", hideTooltip)
      // a cap at the median, so that a power of 0 still shows
      g.append("line").attr("x1", left).attr("x2", left + w).attr("y1", y(s.median)).attr("y2", y(s.median)).attr("stroke", colour).attr("stroke-width", 2)
      if (s.n > 1) {
        g.append("line")
          .attr("x1", left + w / 2)
          .attr("x2", left + w / 2)
          .attr("y1", y(s.p05))
          .attr("y2", y(s.p95))
          .attr("stroke", "#333")
          .attr("stroke-width", 1.2)
      }
    })
  })
  return frame.svg.node()!
}
