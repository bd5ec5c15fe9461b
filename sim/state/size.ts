import type { Scenario } from "../scenario/schema.js"
import { citizenColumns, civicColumns } from "./citizens.js"
import { labRows } from "./labs.js"

/**
 * Bytes one run of `s` needs (state tables, scratch and series), estimated from
 * the sizes before anything is allocated, so a scenario that would not fit is
 * refused with the figure instead of running out of memory.
 */
export const estimateRunBytes = (s: Scenario): number => {
  const p = s.populations
  const labs = labRows(s)
  const civic = s.governance.regime !== "none"
  const perLab = 11 * 8 + (civic ? 8 * 8 : 0)
  const perProvider = (5 + Math.max(1, s.economy.capacityLag)) * 8 + 4
  const perInvestor = 8 + labs * 8 + 4
  const perCitizen = (citizenColumns + (civic ? civicColumns : 0)) * 8
  const perAuditor = 4 * 8
  const seriesBytes = s.ticks * 64 * 8
  return (
    labs * perLab +
    p.providers.count * perProvider +
    p.investors.count * perInvestor +
    p.citizens.count * perCitizen +
    p.auditors.count * perAuditor +
    seriesBytes
  )
}

export const formatBytes = (bytes: number): string => {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"]
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${units[unit]}`
}
