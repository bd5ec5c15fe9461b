import { format } from "d3-format"

/**
 * Labels and units of the metrics, for axes and tooltips. Exact names first,
 * then families by pattern (`capital_gini`, `banzhaf_…`); anything else is shown
 * by its name. Time is in months: series index i is the end of month i + 1.
 */

export interface MetricInfo {
  readonly label: string
  /** "" when the metric has no unit */
  readonly unit: string
}

const exact: Readonly<Record<string, MetricInfo>> = {
  frontier_capability: { label: "Frontier capability", unit: "log₁₀ effective FLOP" },
  mean_capability: { label: "Mean lab capability", unit: "log₁₀ effective FLOP" },
  active_labs: { label: "Active labs", unit: "labs" },
  incidents: { label: "Incidents this month", unit: "incidents" },
  cumulative_incidents: { label: "Cumulative incidents", unit: "incidents" },
  cumulative_harm: { label: "Cumulative harm", unit: "USD" },
  compute_price: { label: "Compute price", unit: "USD per H100e" },
  total_capital: { label: "Total capital", unit: "USD" },
  total_compute: { label: "Total compute", unit: "H100e" },
  welfare_per_person: { label: "Welfare per person", unit: "USD per person" },
  time_to_threshold: { label: "Time to capability threshold", unit: "months" },
  // governance
  banzhaf_largest: { label: "Banzhaf power of the largest bloc", unit: "0–1" },
  banzhaf_top_k: { label: "Banzhaf power of the top-k blocs", unit: "0–1" },
  shapley_shubik_largest: { label: "Shapley–Shubik power of the largest bloc", unit: "0–1" },
  shapley_shubik_top_k: { label: "Shapley–Shubik power of the top-k blocs", unit: "0–1" },
  decisions: { label: "Decisions", unit: "decisions" },
  decisions_passed: { label: "Decisions passed", unit: "decisions" },
  captured_decisions: { label: "Captured decisions", unit: "decisions" },
  capture_rate: { label: "Capture rate", unit: "share of decisions, 0–1" },
  mean_latency: { label: "Mean decision latency", unit: "months" },
  gas_spent: { label: "Gas spent", unit: "USD" },
  influence_spent: { label: "Influence spent (lobbying, vote buying)", unit: "USD" },
  turnout: { label: "Turnout", unit: "0–1" },
  policy_distance: { label: "Distance of policy from the median citizen", unit: "normalized, 0–1" },
  treasury: { label: "Treasury", unit: "USD" },
  public_research_spent: { label: "Public safety research", unit: "USD" },
  ledger_entries: { label: "Ledger entries", unit: "entries" },
  provenance_coverage: { label: "Provenance coverage of large runs", unit: "0–1" },
  audits: { label: "Audits", unit: "audits" },
  violations_found: { label: "Violations found", unit: "violations" },
  false_findings: { label: "False findings", unit: "findings" },
  fines: { label: "Fines", unit: "USD" },
  bounties: { label: "Bounties", unit: "USD" },
  slashed: { label: "Stake slashed", unit: "tokens" },
  violating_labs: { label: "Labs in violation", unit: "labs" },
}

const families: Readonly<Record<string, string>> = {
  capital: "lab capital",
  compute: "lab compute",
  capability: "lab knowledge stock",
  voting_weight: "voting weight",
}

const measures: ReadonlyArray<{ readonly suffix: string; readonly label: (what: string) => string; readonly unit: string }> = [
  { suffix: "_gini", label: (w) => `Gini of ${w}`, unit: "0–1" },
  { suffix: "_hhi", label: (w) => `HHI of ${w}`, unit: "Σ share², 0–1" },
  { suffix: "_nakamoto", label: (w) => `Nakamoto coefficient of ${w}`, unit: "labs" },
  { suffix: "_top_k_share", label: (w) => `Top-k share of ${w}`, unit: "share, 0–1" },
]

const humanize = (name: string): string => {
  const words = name.replace(/[_-]+/g, " ").trim()
  return words === "" ? name : words[0]!.toUpperCase() + words.slice(1)
}

/** Series whose names mark them as voting-power indices (Banzhaf, Shapley–Shubik). */
export const isPowerMetric = (name: string): boolean => /banzhaf|shapley/i.test(name)

export const metricInfo = (name: string): MetricInfo => {
  const known = exact[name]
  if (known !== undefined) return known
  for (const m of measures) {
    if (!name.endsWith(m.suffix)) continue
    const family = name.slice(0, -m.suffix.length)
    const unit = m.suffix === "_nakamoto" && family === "voting_weight" ? "voters" : m.unit
    return { label: m.label(families[family] ?? family.replace(/_/g, " ")), unit }
  }
  if (isPowerMetric(name)) return { label: humanize(name), unit: "0–1" }
  if (name.startsWith("policy_")) return { label: `Policy: ${name.slice(7).replace(/_/g, " ")}`, unit: "stringency, 0–1" }
  if (/share|rate|turnout|coverage/.test(name)) return { label: humanize(name), unit: "0–1" }
  if (/latency/.test(name)) return { label: humanize(name), unit: "months" }
  if (/fee|cost|treasury|capital|harm/.test(name)) return { label: humanize(name), unit: "USD" }
  return { label: humanize(name), unit: "" }
}

/** "Label (unit)" for an axis. */
export const axisLabel = (name: string): string => {
  const info = metricInfo(name)
  return info.unit === "" ? info.label : `${info.label} (${info.unit})`
}

const si = format(".3~s")
const general = format(".4~g")

/** A value for a tooltip or tick: SI prefixes from 10⁴ up (2.1G), else 4 significant digits. */
export const formatValue = (value: number | null | undefined): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–"
  return Math.abs(value) >= 1e4 ? si(value) : general(value)
}
