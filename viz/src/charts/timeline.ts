import * as d3 from "d3"
import { clip } from "../dom.js"
import type { TimelineEvent } from "../messages.js"
import { hideTooltip, showTooltip } from "../tooltip.js"
import { type ChartVariant, createFrame, drawAxes } from "./common.js"

/**
 * The decision timeline from the ledger: one lane per variant (its lowest
 * replicate's chain), a row per record kind. Decisions are filled when they
 * passed, open when they failed. Classes: `path.timeline-event.v<i>`.
 */

const rows = ["proposal", "decision", "enactment", "capture"] as const
const laneHeight = 34

const shapes: Readonly<Record<string, d3.SymbolType>> = {
  proposal: d3.symbolSquare,
  decision: d3.symbolCircle,
  enactment: d3.symbolTriangle,
  capture: d3.symbolTimes,
}

export interface TimelineInput {
  readonly variants: ReadonlyArray<ChartVariant>
  readonly events: ReadonlyArray<TimelineEvent>
  readonly ticks: number
  readonly width: number
}

export const drawTimeline = (host: HTMLElement, input: TimelineInput): SVGSVGElement => {
  const longest = d3.max(input.variants, (v) => clip(v.name, 22).length) ?? 4
  const frame = createFrame(host, {
    width: input.width,
    plotHeight: Math.max(1, input.variants.length) * laneHeight,
    title: "Decision timeline (ledger)",
    subtitle: "■ proposal  ● decision (filled: passed, open: failed)  ▲ enactment  × capture",
    margin: { left: Math.max(70, longest * 6.4 + 16) },
    description: "Governance records on the ledger by month, one lane per variant",
  })
  const { plot, inner } = frame
  const x = d3.scaleLinear().domain([0, Math.max(1, input.ticks)]).range([0, inner.width])
  const lane = d3
    .scaleBand<string>()
    .domain(input.variants.map((v) => String(v.index)))
    .range([0, inner.height])
  const row = d3.scalePoint<string>().domain(rows).range([6, laneHeight - 8])
  drawAxes(frame, x, d3.scaleLinear().range([inner.height, 0]), { xLabel: "Month", yLabel: "", grid: false })
  plot.select(".y-axis").remove()
  const byIndex = new Map(input.variants.map((v) => [v.index, v]))
  input.variants.forEach((v, i) => {
    const top = lane(String(v.index))!
    if (i % 2 === 1) plot.insert("rect", ":first-child").attr("y", top).attr("width", inner.width).attr("height", laneHeight).attr("fill", "#f6f6f6")
    plot.append("text").attr("x", -8).attr("y", top + laneHeight / 2 + 4).attr("text-anchor", "end").text(clip(v.name, 22))
  })
  const events = input.events.filter((e) => byIndex.has(e.variant))
  plot
    .append("g")
    .attr("class", "timeline-events")
    .selectAll("path")
    .data(events)
    .join("path")
    .attr("class", (e) => `timeline-event kind-${(rows as ReadonlyArray<string>).includes(e.kind) ? e.kind : "other"} v${e.variant}`)
    // ledger ticks are 0-based: a record made during tick t is drawn at month t + 1
    .attr("transform", (e) => `translate(${x(e.tick + 1)},${lane(String(e.variant))! + (row(e.kind) ?? laneHeight / 2)})`)
    .attr("d", (e) => d3.symbol(shapes[e.kind] ?? d3.symbolCircle, e.kind === "decision" ? 46 : 30)())
    .attr("fill", (e) => (e.kind === "decision" && e.passed === false) || e.kind === "capture" ? "#fff" : byIndex.get(e.variant)!.style.colour)
    .attr("stroke", (e) => byIndex.get(e.variant)!.style.colour)
    .attr("stroke-width", (e) => (e.kind === "capture" ? 2 : 1.2))
    .on("mouseenter mousemove", (event: MouseEvent, e) => {
      const v = byIndex.get(e.variant)!
      showTooltip(event, `${v.name} · month ${e.tick + 1} (tick ${e.tick})`, [
        { colour: v.style.colour, text: `${e.kind}${e.passed === null ? "" : e.passed ? ": passed" : ": failed"}${e.proposal === "" ? "" : ` · proposal ${e.proposal}`}` },
        ...(e.detail === "" ? [] : [{ text: e.detail }]),
        { text: `replicate ${e.replicate}` },
      ])
    })
    .on("mouseleave", hideTooltip)
  return frame.svg.node()!
}
