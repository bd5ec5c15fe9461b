import { boxStats } from "./aggregate.js"
import { type ChartVariant } from "./charts/common.js"
import { drawDistribution } from "./charts/distribution.js"
import { drawFrontier, speedMetric, stewardshipMetric } from "./charts/frontier.js"
import { drawLorenz } from "./charts/lorenz.js"
import { drawPower } from "./charts/power.js"
import { drawTimeline } from "./charts/timeline.js"
import { drawTimeSeries } from "./charts/timeseries.js"
import { byId, clear, clip, el } from "./dom.js"
import { downloadPng, downloadSvg } from "./export.js"
import { type HoldingFamily, type ViewData, holdingFamilies } from "./messages.js"
import { isPowerMetric, metricInfo } from "./metrics.js"
import { variantStyle } from "./palette.js"
import { hideTooltip } from "./tooltip.js"
import { type Tab, type ViewState, tabs } from "./url-state.js"

/**
 * The results view: the legend (which toggles variants), the tabs, and the charts
 * of the active tab, all drawn from one ViewData and one ViewState. Every change
 * goes through `update`, which reports the new state (for the URL) and redraws.
 */

const preferredSmall = ["frontier_capability", "cumulative_incidents", "capital_hhi", "compute_price"]
const preferredMetric = "frontier_capability"
/** At most this many rows in the runs table. */
const maxRunRows = 1_000

export interface ResultsView {
  show(data: ViewData): void
  /** the state as the URL says it (back/forward, edited fragment) */
  setState(state: ViewState): void
}

export const createResultsView = (onStateChange: (state: ViewState) => void): ResultsView => {
  let data: ViewData | undefined
  let state: ViewState = { tab: "series", metric: "", small: [], outcome: "", hidden: [] }

  const metricNames = () => data?.metrics.map((m) => m.metric) ?? []
  const outcomeNames = () => {
    const names = new Set<string>()
    for (const run of data?.runs ?? []) for (const key of Object.keys(run.summary)) names.add(key)
    return [...names].sort()
  }

  /** Fills in defaults and drops names these results do not have. */
  const normalize = (s: ViewState): ViewState => {
    const metrics = metricNames()
    const has = new Set(metrics)
    const outcomes = outcomeNames()
    const variantNames = new Set(data?.variants.map((v) => v.name) ?? [])
    const small = s.small.filter((m) => has.has(m))
    return {
      tab: s.tab,
      metric: has.has(s.metric) ? s.metric : has.has(preferredMetric) ? preferredMetric : (metrics[0] ?? ""),
      small: small.length > 0 ? small : (() => {
        const preferred = preferredSmall.filter((m) => has.has(m))
        return preferred.length > 0 ? preferred : metrics.slice(0, 4)
      })(),
      outcome: outcomes.includes(s.outcome) ? s.outcome : outcomes.includes(preferredMetric) ? preferredMetric : (outcomes[0] ?? ""),
      hidden: s.hidden.filter((v) => variantNames.has(v)),
    }
  }

  const update = (next: ViewState) => {
    state = normalize(next)
    onStateChange(state)
    render()
  }

  const visibleVariants = (): Array<ChartVariant> =>
    (data?.variants ?? [])
      .map((v, index) => ({ index, name: v.name, style: variantStyle(index) }))
      .filter((v) => !state.hidden.includes(v.name))

  // ------------------------------------------------------------ controls

  const metricSelect = byId<HTMLSelectElement>("metric-select")
  const smallSelect = byId<HTMLSelectElement>("small-select")
  const outcomeSelect = byId<HTMLSelectElement>("outcome-select")
  metricSelect.addEventListener("change", () => update({ ...state, metric: metricSelect.value }))
  smallSelect.addEventListener("change", () => update({ ...state, small: [...smallSelect.selectedOptions].map((o) => o.value) }))
  outcomeSelect.addEventListener("change", () => update({ ...state, outcome: outcomeSelect.value }))

  const tabButtons = tabs.map((tab) => byId<HTMLButtonElement>(`tab-${tab}`))
  tabButtons.forEach((button, i) => {
    button.addEventListener("click", () => update({ ...state, tab: tabs[i]! }))
    // arrow keys move between tabs (WAI-ARIA tabs pattern)
    button.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0
      if (step === 0) return
      event.preventDefault()
      const next = (i + step + tabs.length) % tabs.length
      tabButtons[next]!.focus()
      update({ ...state, tab: tabs[next]! })
    })
  })

  const fillSelect = (select: HTMLSelectElement, names: ReadonlyArray<string>, selected: ReadonlyArray<string>) => {
    clear(select)
    for (const name of names) {
      const info = metricInfo(name)
      const option = el("option", { text: `${info.label}${info.unit === "" ? "" : ` (${info.unit})`} — ${name}`, attrs: { value: name } })
      option.selected = selected.includes(name)
      select.append(option)
    }
  }

  // ------------------------------------------------------------ legend

  const renderLegend = () => {
    const legend = byId("legend")
    clear(legend)
    const all = data?.variants ?? []
    all.forEach((v, index) => {
      const style = variantStyle(index)
      const visible = !state.hidden.includes(v.name)
      const swatch = document.createElementNS("http://www.w3.org/2000/svg", "svg")
      swatch.setAttribute("width", "26")
      swatch.setAttribute("height", "12")
      swatch.setAttribute("aria-hidden", "true")
      const line = document.createElementNS("http://www.w3.org/2000/svg", "line")
      for (const [k, value] of Object.entries({ x1: "1", x2: "25", y1: "6", y2: "6", stroke: style.colour, "stroke-width": "3" })) line.setAttribute(k, value)
      if (style.dash !== "") line.setAttribute("stroke-dasharray", style.dash)
      swatch.append(line)
      const button = el("button", {
        className: "legend-item",
        attrs: { type: "button", "aria-pressed": String(visible), "data-variant": String(index), title: `${v.name}: ${v.replicates} replicate${v.replicates === 1 ? "" : "s"}, ${v.ticks} months (click to ${visible ? "hide" : "show"})` },
      }, [swatch, el("span", { text: clip(v.name, 32) })])
      button.addEventListener("click", () => {
        const hidden = visible ? [...state.hidden, v.name] : state.hidden.filter((h) => h !== v.name)
        update({ ...state, hidden })
      })
      legend.append(button)
    })
    if (state.hidden.length > 0) {
      const showAll = el("button", { className: "legend-all", text: "Show all", attrs: { type: "button" } })
      showAll.addEventListener("click", () => update({ ...state, hidden: [] }))
      legend.append(showAll)
    }
    if (all.length > 2 && state.hidden.length < all.length) {
      const hideAll = el("button", { className: "legend-all", text: "Hide all", attrs: { type: "button" } })
      hideAll.addEventListener("click", () => update({ ...state, hidden: all.map((v) => v.name) }))
      legend.append(hideAll)
    }
  }

  // ------------------------------------------------------------ charts

  /** A figure with export buttons; `draw` gets the element to draw into and its width. */
  const figure = (host: HTMLElement, name: string, draw: (into: HTMLElement, width: number) => SVGSVGElement): void => {
    const into = el("div", { className: "svg-host" })
    const svgButton = el("button", { text: "SVG", attrs: { type: "button", "data-testid": "export-svg", "aria-label": `Export ${name} as SVG` } })
    const pngButton = el("button", { text: "PNG", attrs: { type: "button", "data-testid": "export-png", "aria-label": `Export ${name} as PNG` } })
    const fig = el("figure", { className: "chart", attrs: { "data-chart": name } }, [el("div", { className: "toolbar" }, [el("span", { text: "Export" }), svgButton, pngButton]), into])
    host.append(fig)
    const svg = draw(into, Math.max(280, into.clientWidth))
    const fileName = `${data?.scenario.name ?? "aigov"}-${name}`
    svgButton.addEventListener("click", () => downloadSvg(svg, fileName))
    pngButton.addEventListener("click", () => {
      downloadPng(svg, fileName).catch((error: unknown) => window.alert(error instanceof Error ? error.message : String(error)))
    })
  }

  const note = (id: string, text: string) => {
    const element = byId(id)
    element.textContent = text
    element.hidden = text === ""
  }

  const renderSeries = (d: ViewData, variants: ReadonlyArray<ChartVariant>) => {
    const replicates = Math.max(0, ...variants.map((v) => d.variants[v.index]!.replicates))
    const linesOf = (metric: string) => {
      const bands = d.metrics.find((m) => m.metric === metric)?.bands ?? []
      return variants.flatMap((variant) => {
        const band = bands[variant.index]
        return band === null || band === undefined ? [] : [{ variant, band }]
      })
    }
    const main = byId("chart-main")
    clear(main)
    if (state.metric !== "") {
      figure(main, `timeseries-${state.metric}`, (into, width) =>
        drawTimeSeries(into, { metric: state.metric, lines: linesOf(state.metric), ticks: d.ticks, width, compact: false, replicates }))
    }
    const grid = byId("small-multiples")
    clear(grid)
    for (const metric of state.small) {
      figure(grid, `timeseries-${metric}`, (into, width) =>
        drawTimeSeries(into, { metric, lines: linesOf(metric), ticks: d.ticks, width, compact: true, replicates }))
    }
  }

  const renderOutcomes = (d: ViewData, variants: ReadonlyArray<ChartVariant>) => {
    const runsOf = (v: ChartVariant) => d.runs.filter((r) => r.variant === v.index)
    const dist = byId("chart-distribution")
    clear(dist)
    if (state.outcome !== "") {
      figure(dist, `distribution-${state.outcome}`, (into, width) =>
        drawDistribution(into, {
          outcome: state.outcome,
          width,
          groups: variants.map((variant) => ({
            variant,
            runs: runsOf(variant).map((r) => ({ replicate: r.replicate, seed: r.seed, value: r.summary[state.outcome] ?? null })),
          })),
        }))
    }
    const frontier = byId("chart-frontier")
    clear(frontier)
    const hasBoth = d.runs.some((r) => typeof r.summary[speedMetric] === "number" && typeof r.summary[stewardshipMetric] === "number")
    note("frontier-note", hasBoth ? "" : `These results have no final ${speedMetric} and ${stewardshipMetric}, so the frontier cannot be drawn.`)
    if (!hasBoth) return
    figure(frontier, "frontier", (into, width) =>
      drawFrontier(into, {
        width,
        groups: variants.map((variant) => ({
          variant,
          points: runsOf(variant).flatMap((r) => {
            const speed = r.summary[speedMetric]
            const incidents = r.summary[stewardshipMetric]
            return typeof speed === "number" && typeof incidents === "number" ? [{ replicate: r.replicate, seed: r.seed, speed, incidents }] : []
          }),
        })),
      }))
  }

  const renderInequality = (d: ViewData, variants: ReadonlyArray<ChartVariant>) => {
    const host = byId("chart-lorenz")
    clear(host)
    if (d.lorenz.length === 0) {
      note(
        "lorenz-note",
        d.origin === "file"
          ? "No Lorenz curves: this results file holds concentration metrics (Gini, HHI, Nakamoto coefficient, top-k share: see Time series) but not the labs' holdings they were computed from. Run the scenario in the browser, or open a results file saved from a browser run (it carries runs[].holdings)."
          : "No Lorenz curves: the runs carry no per-lab holdings.",
      )
      return
    }
    note("lorenz-note", "")
    const families = holdingFamilies.filter((f) => d.lorenz.some((l) => l.family === f)) as Array<HoldingFamily>
    const shown = new Map(variants.map((v) => [v.index, v]))
    figure(host, "lorenz", (into, width) =>
      drawLorenz(into, {
        width,
        families,
        curves: d.lorenz.flatMap((curve) => {
          const variant = shown.get(curve.variant)
          return variant === undefined ? [] : [{ variant, curve }]
        }),
      }))
  }

  const renderGovernance = (d: ViewData, variants: ReadonlyArray<ChartVariant>) => {
    const power = byId("chart-power")
    clear(power)
    // power series with a final value somewhere (a regime without voting leaves them undefined)
    const powerMetrics = d.metrics
      .map((m) => m.metric)
      .filter((m) => isPowerMetric(m) && d.runs.some((r) => typeof r.summary[m] === "number"))
    if (powerMetrics.length === 0) {
      note("power-note", "No governance metrics in these results (no Banzhaf or Shapley–Shubik series with values), so there is no voting power to show.")
    } else {
      note("power-note", "")
      figure(power, "voting-power", (into, width) =>
        drawPower(into, {
          width,
          metrics: powerMetrics,
          variants,
          stats: powerMetrics.map((m) => variants.map((v) => boxStats(d.runs.filter((r) => r.variant === v.index).map((r) => r.summary[m] ?? null)))),
        }))
    }
    const timeline = byId("chart-timeline")
    clear(timeline)
    if (d.timeline === null) {
      note(
        "timeline-note",
        d.origin === "file"
          ? "No ledger, so no decision timeline: open ledger.jsonl together with results.json (or serve it next to results.json) to see it."
          : "No decision timeline: the runs recorded nothing on their ledgers (no governance regime, or no decisions).",
      )
      return
    }
    const kinds = Object.entries(d.timeline.counts).map(([k, n]) => `${n} ${k}`).join(", ")
    note("timeline-note", `${d.timeline.note}${kinds === "" ? " The ledger holds no records for these variants." : ` Records in the chains drawn: ${kinds}.`}`)
    if (d.timeline.events.length === 0) return
    const events = d.timeline.events
    figure(timeline, "timeline", (into, width) => drawTimeline(into, { width, variants, events, ticks: d.ticks }))
  }

  const renderRuns = (d: ViewData) => {
    const body = byId("runs-body")
    clear(body)
    const shown = d.runs.slice(0, maxRunRows)
    for (const run of shown) {
      const name = d.variants[run.variant]!.name
      body.append(
        el("tr", { attrs: { "data-variant": String(run.variant), "data-replicate": String(run.replicate) } }, [
          el("td", { text: clip(name, 40), attrs: { title: name } }),
          el("td", { text: String(run.replicate) }),
          el("td", { text: String(run.seed) }),
          el("td", { className: "hash", text: run.hash, attrs: { "data-testid": "run-hash" } }),
        ]),
      )
    }
    note("runs-note", d.runs.length > maxRunRows ? `Showing the first ${maxRunRows} of ${d.runs.length} runs.` : "")
    byId("scenario-hash").textContent = d.scenario.hash
    byId("engine-version").textContent = d.engineVersion
  }

  const render = () => {
    hideTooltip()
    if (data === undefined) return
    const d = data
    tabButtons.forEach((button, i) => {
      const active = tabs[i] === state.tab
      button.setAttribute("aria-selected", String(active))
      button.tabIndex = active ? 0 : -1
      byId(`panel-${tabs[i]!}`).hidden = !active
    })
    renderLegend()
    fillSelect(metricSelect, metricNames(), [state.metric])
    fillSelect(smallSelect, metricNames(), state.small)
    fillSelect(outcomeSelect, outcomeNames(), [state.outcome])
    const variants = visibleVariants()
    const renderers: Record<Tab, () => void> = {
      series: () => renderSeries(d, variants),
      outcomes: () => renderOutcomes(d, variants),
      inequality: () => renderInequality(d, variants),
      governance: () => renderGovernance(d, variants),
      runs: () => renderRuns(d),
    }
    renderers[state.tab]()
  }

  // redraw at the new width when the window is resized
  let lastWidth = 0
  let pending: ReturnType<typeof setTimeout> | undefined
  new ResizeObserver((entries) => {
    const width = entries[0]?.contentRect.width ?? 0
    if (Math.abs(width - lastWidth) < 8) return
    lastWidth = width
    clearTimeout(pending)
    pending = setTimeout(render, 150)
  }).observe(byId("results"))

  return {
    show(next) {
      data = next
      const root = byId("results")
      root.hidden = false
      const title = byId("results-title")
      title.textContent = clip(next.scenario.name, 200)
      title.title = next.scenario.name.slice(0, 2_000)
      const runs = next.runs.length
      byId("results-meta").textContent =
        `${next.origin === "run" ? "Run in this browser" : `From ${next.source}`} · ${next.variants.length} variant${next.variants.length === 1 ? "" : "s"} · ${runs} run${runs === 1 ? "" : "s"} · ${next.ticks} months · engine ${next.engineVersion}`
      const notes = byId("notes")
      clear(notes)
      for (const text of next.notes) notes.append(el("li", { text }))
      state = normalize(state)
      onStateChange(state)
      lastWidth = root.clientWidth
      render()
    },
    setState(next) {
      state = data === undefined ? next : normalize(next)
      render()
    },
  }
}
