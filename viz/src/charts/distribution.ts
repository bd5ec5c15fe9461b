import * as d3 from "d3"
import { boxStats } from "../aggregate.js"
import { clip } from "../dom.js"
import { axisLabel, formatValue, metricInfo } from "../metrics.js"
import { hideTooltip, showTooltip } from "../tooltip.js"
import { type ChartVariant, createFrame, drawAxes, padded, plotNote, valueDomain } from "./common.js"

/**
 * The distribution of one final outcome per variant: a box (quartiles, median,
 * whiskers at 5 % and 95 %) behind a strip of every run. Classes:
 * `rect.box.v<i>`, `circle.run-point.v<i>`.
 */

export interface RunValue {
  readonly replicate: number
  readonly seed: number
  readonly value: number | null
}

export interface DistributionInput {
  readonly outcome: string
  readonly groups: ReadonlyArray<{ readonly variant: ChartVariant; readonly runs: ReadonlyArray<RunValue> }>
  readonly width: number
}

/** A deterministic horizontal offset in [−0.5, 0.5) for the strip (golden-ratio sequence). */
const jitter = (k: number): number => ((k * 0.6180339887) % 1) - 0.5

export const drawDistribution = (host: HTMLElement, input: DistributionInput): SVGSVGElement => {
  const info = metricInfo(input.outcome)
  const names = input.groups.map((g) => String(g.variant.index))
  const longest = d3.max(input.groups, (g) => clip(g.variant.name, 24).length) ?? 0
  const rotate = input.groups.length > 6 || longest * 6.4 > input.width / Math.max(1, input.groups.length) - 8
  const frame = createFrame(host, {
    width: input.width,
    plotHeight: 300,
    title: `Final ${info.label.charAt(0).toLowerCase()}${info.label.slice(1)}`,
    subtitle: `One point per run; box: quartiles and median; whiskers: 5–95 %; outcome "${input.outcome}"`,
    margin: { bottom: rotate ? 40 + Math.min(24, longest) * 5 : 46 },
    description: `Distribution of the final ${info.label} over runs, per variant`,
  })
  const { plot, inner } = frame
  const x = d3.scaleBand<string>().domain(names).range([0, inner.width]).padding(0.25)
  const all = input.groups.flatMap((g) => g.runs.map((r) => r.value ?? Number.NaN))
  const y = d3.scaleLinear().domain(padded(valueDomain(all))).nice().range([inner.height, 0])
  drawAxes(frame, x, y, { xLabel: rotate ? "" : "Variant", yLabel: axisLabel(input.outcome) })
  const byIndex = new Map(input.groups.map((g) => [String(g.variant.index), g.variant.name]))
  const ticks = plot.select<SVGGElement>(".x-axis").selectAll<SVGTextElement, string>(".tick text").text((d) => clip(byIndex.get(d) ?? d, 24))
  if (rotate) ticks.attr("text-anchor", "end").attr("transform", "rotate(-35)").attr("dx", "-0.4em").attr("dy", "0.6em")
  if (input.groups.length === 0) {
    plotNote(frame, "no variant shown")
    return frame.svg.node()!
  }
  const most = d3.max(input.groups, (g) => g.runs.length) ?? 0
  const radius = most > 50 ? 2 : most > 20 ? 2.8 : 3.5
  for (const { variant, runs } of input.groups) {
    const w = Math.min(x.bandwidth(), 140)
    const cx = x(String(variant.index))! + x.bandwidth() / 2
    const left = cx - w / 2
    const stats = boxStats(runs.map((r) => r.value))
    const { colour } = variant.style
    if (stats.n === 0) {
      plot.append("text").attr("x", cx).attr("y", inner.height / 2).attr("text-anchor", "middle").attr("fill", "#777").text("no values")
      continue
    }
    const g = plot.append("g").attr("class", `box-group v${variant.index}`)
    g.append("line").attr("class", "whisker").attr("x1", cx).attr("x2", cx).attr("y1", y(stats.p05)).attr("y2", y(stats.p95)).attr("stroke", colour).attr("stroke-width", 1.5)
    for (const v of [stats.p05, stats.p95]) {
      g.append("line").attr("x1", cx - w / 6).attr("x2", cx + w / 6).attr("y1", y(v)).attr("y2", y(v)).attr("stroke", colour).attr("stroke-width", 1.5)
    }
    g.append("rect")
      .attr("class", `box v${variant.index}`)
      .attr("x", left)
      .attr("width", w)
      .attr("y", y(stats.q3))
      .attr("height", Math.max(1, y(stats.q1) - y(stats.q3)))
      .attr("fill", colour)
      .attr("fill-opacity", 0.18)
      .attr("stroke", colour)
      .attr("stroke-width", 1.5)
    g.append("line").attr("class", "box-median").attr("x1", left).attr("x2", left + w).attr("y1", y(stats.median)).attr("y2", y(stats.median)).attr("stroke", colour).attr("stroke-width", 3)
    g.selectAll("circle")
      .data(runs.filter((r) => r.value !== null && Number.isFinite(r.value)))
      .join("circle")
      .attr("class", `run-point v${variant.index}`)
      .attr("cx", (r) => cx + jitter(r.replicate + 1) * w * 0.7)
      .attr("cy", (r) => y(r.value!))
      .attr("r", radius)
      .attr("fill", colour)
      .attr("fill-opacity", most > 50 ? 0.55 : 0.75)
      .attr("stroke", most > 50 ? "none" : "#fff")
      .attr("stroke-width", 0.6)
      .on("mouseenter mousemove", (event: MouseEvent, r) =>
        showTooltip(event, variant.name, [
          { colour, text: `replicate ${r.replicate} (seed ${r.seed})` },
          { text: `${info.label}: ${formatValue(r.value)}${info.unit === "" ? "" : ` ${info.unit}`}` },
          { text: `variant median ${formatValue(stats.median)}, 5–95 %: ${formatValue(stats.p05)} – ${formatValue(stats.p95)}` },
        ]),
      )
      .on("mouseleave", hideTooltip)
  }
  return frame.svg.node()!
}
