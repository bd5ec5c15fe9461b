import * as d3 from "d3"
import type { HoldingFamily, LorenzCurve } from "../messages.js"
import { formatValue } from "../metrics.js"
import { hideTooltip, showTooltip } from "../tooltip.js"
import { type ChartVariant, createFrame, fontFamily } from "./common.js"

/**
 * Lorenz curves of the labs' final holdings, one facet per holding (capital,
 * compute, knowledge stock), one curve per variant: the replicate with the
 * variant's median Gini. The diagonal is perfect equality. Classes:
 * `path.lorenz.v<i>`.
 */

export const familyLabels: Readonly<Record<HoldingFamily, string>> = {
  capital: "Capital",
  compute: "Compute",
  knowledge: "Knowledge stock",
}

export interface LorenzInput {
  readonly curves: ReadonlyArray<{ readonly variant: ChartVariant; readonly curve: LorenzCurve }>
  readonly families: ReadonlyArray<HoldingFamily>
  readonly width: number
}

/** L(p) by linear interpolation of curve[i] at i/n. */
export const lorenzAt = (curve: Float64Array, p: number): number => {
  const n = curve.length - 1
  if (n <= 0) return 0
  const h = Math.min(n, Math.max(0, p * n))
  const i = Math.min(n - 1, Math.floor(h))
  return curve[i]! + (h - i) * (curve[i + 1]! - curve[i]!)
}

const percent = d3.format(".0%")

export const drawLorenz = (host: HTMLElement, input: LorenzInput): SVGSVGElement => {
  const variants = [...new Map(input.curves.map((c) => [c.variant.index, c.variant])).values()]
  const facets = input.families.length
  const gap = 36
  const frame = createFrame(host, {
    width: input.width,
    plotHeight: Math.min(280, Math.max(160, (input.width - 90 - gap * (facets - 1)) / facets - 20)),
    title: "Lorenz curves of the labs' final holdings",
    subtitle: "Per variant, the replicate with the median Gini; diagonal = equal holdings. Further below = more concentrated.",
    legend: variants,
    margin: { left: 56, bottom: 44, top: 18 },
    description: "Lorenz curves of lab capital, compute and knowledge stock at the end of the run, one curve per variant",
  })
  const { plot, inner } = frame
  const facetWidth = (inner.width - gap * (facets - 1)) / facets
  const size = Math.min(facetWidth, inner.height)
  input.families.forEach((family, f) => {
    const g = plot.append("g").attr("class", `facet facet-${family}`).attr("transform", `translate(${f * (facetWidth + gap)},0)`)
    const x = d3.scaleLinear().domain([0, 1]).range([0, size])
    const y = d3.scaleLinear().domain([0, 1]).range([size, 0])
    g.append("g").attr("transform", `translate(0,${size})`).attr("font-family", fontFamily).call(d3.axisBottom(x).ticks(4).tickFormat((d) => percent(Number(d))))
    g.append("g").attr("font-family", fontFamily).call(d3.axisLeft(y).ticks(4).tickFormat((d) => percent(Number(d))))
    g.append("text").attr("x", size / 2).attr("y", -10).attr("text-anchor", "middle").attr("font-weight", 600).text(familyLabels[family])
    g.append("text").attr("x", size / 2).attr("y", size + 34).attr("text-anchor", "middle").text("Share of labs, smallest first")
    if (f === 0) {
      g.append("text").attr("transform", `translate(-42,${size / 2}) rotate(-90)`).attr("text-anchor", "middle").text("Share of the total held")
    }
    g.append("line").attr("class", "equality").attr("x1", 0).attr("y1", size).attr("x2", size).attr("y2", 0).attr("stroke", "#999").attr("stroke-dasharray", "4 3")
    const curves = input.curves.filter((c) => c.curve.family === family)
    for (const { variant, curve } of curves) {
      const n = curve.curve.length - 1
      const line = d3
        .line<number>()
        .x((i) => x(n === 0 ? 0 : i / n))
        .y((i) => y(curve.curve[i]!))
      g.append("path")
        .attr("class", `lorenz v${variant.index}`)
        .attr("d", line(d3.range(curve.curve.length)))
        .attr("fill", "none")
        .attr("stroke", variant.style.colour)
        .attr("stroke-width", 2)
        .attr("stroke-dasharray", variant.style.dash === "" ? null : variant.style.dash)
    }
    g.append("rect")
      .attr("class", "hover-target")
      .attr("width", size)
      .attr("height", size)
      .attr("fill", "transparent")
      .on("mousemove", (event: MouseEvent) => {
        const [mx] = d3.pointer(event)
        const p = Math.min(1, Math.max(0, x.invert(mx)))
        showTooltip(
          event,
          `${familyLabels[family]}: the smallest ${percent(p)} of labs hold`,
          curves.map(({ variant, curve }) => ({
            colour: variant.style.colour,
            text: `${variant.name}: ${percent(lorenzAt(curve.curve, p))} (Gini ${formatValue(curve.gini)}, replicate ${curve.replicate}, ${curve.curve.length - 1} labs)`,
          })),
        )
      })
      .on("mouseleave", hideTooltip)
  })
  return frame.svg.node()!
}
