import { type Distribution, support } from "./distribution.js"
import { governanceProblems } from "./governance.js"
import type { Problem } from "./problems.js"
import type { Scenario } from "./schema.js"

/**
 * Checks the schema cannot express: a distribution's support against the range its
 * field allows, list lengths against counts, shocks inside the horizon, phases.
 */
export const semanticProblems = (s: Scenario): Array<Problem> => {
  const problems: Array<Problem> = []
  const p = s.populations
  const range = (path: string, d: Distribution, count: number, min: number, max = Infinity) => {
    if (d.kind === "uniform" && d.min > d.max) {
      problems.push({ path: `${path}.min`, message: `must not exceed max (${d.max}), got ${d.min}` })
    }
    if (d.kind === "list" && d.values.length !== count) {
      problems.push({ path: `${path}.values`, message: `needs one value per agent (${count}), got ${d.values.length}` })
    }
    const [lo, hi] = support(d)
    if (lo < min || hi > max) {
      const allowed = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`
      problems.push({ path, message: `values must be ${allowed}, but this ${d.kind} distribution gives [${lo}, ${hi}]` })
    }
  }
  range("populations.labs.capital", p.labs.capital, p.labs.count, 0)
  range("populations.labs.compute", p.labs.compute, p.labs.count, 0)
  range("populations.labs.safetyShare", p.labs.safetyShare, p.labs.count, 0, 1)
  range("populations.labs.tokens", p.labs.tokens, p.labs.count, 0)
  range("populations.labs.compliance", p.labs.compliance, p.labs.count, 0, 1)
  range("populations.providers.capacity", p.providers.capacity, p.providers.count, 0)
  range("populations.providers.capital", p.providers.capital, p.providers.count, 0)
  range("populations.providers.unitCost", p.providers.unitCost, p.providers.count, 0)
  range("populations.investors.capital", p.investors.capital, p.investors.count, 0)
  range("populations.citizens.income", p.citizens.income, p.citizens.count, 0)
  range("populations.citizens.capital", p.citizens.capital, p.citizens.count, 0)
  range("populations.citizens.tokens", p.citizens.tokens, p.citizens.count, 0)
  range("populations.citizens.turnout", p.citizens.turnout, p.citizens.count, 0, 1)
  for (const [lever, d] of Object.entries(p.citizens.ideal)) range(`populations.citizens.ideal.${lever}`, d, p.citizens.count, 0, 1)
  range("populations.auditors.capital", p.auditors.capital, p.auditors.count, 0)
  range("populations.auditors.stake", p.auditors.stake, p.auditors.count, 0)
  range("populations.auditors.honesty", p.auditors.honesty, p.auditors.count, 0, 1)
  range("populations.auditors.capacity", p.auditors.capacity, p.auditors.count, 0)
  problems.push(...governanceProblems(s.governance))

  if (s.economy.aiSpendShare + s.economy.savingsRate > 1) {
    problems.push({
      path: "economy.savingsRate",
      message: `aiSpendShare + savingsRate must not exceed 1, got ${s.economy.aiSpendShare} + ${s.economy.savingsRate}`,
    })
  }
  s.shocks.forEach((shock, i) => {
    if (shock.tick >= s.ticks) {
      problems.push({ path: `shocks[${i}].tick`, message: `must be before the horizon (ticks = ${s.ticks}), got ${shock.tick}` })
    }
  })
  const seen = new Set<string>()
  s.phases.forEach((phase, i) => {
    if (seen.has(phase)) problems.push({ path: `phases[${i}]`, message: `phase "${phase}" is listed twice` })
    seen.add(phase)
  })
  if (!seen.has("metrics")) problems.push({ path: "phases", message: `must include "metrics" (the run records nothing without it)` })
  return problems
}
