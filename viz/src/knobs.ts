import { isPlainObject } from "../../sim/scenario/merge.js"
import type { Scenario } from "../../sim/scenario/schema.js"

/**
 * The economy knobs the run panel offers. Each sets one nested value of the
 * base scenario (variants that set the same value still override it).
 */
export interface Knob {
  /** dotted path in the scenario: `economy.winnerTakeMost` */
  readonly path: string
  readonly label: string
  readonly hint: string
  readonly min: number
  readonly max: number
  readonly step: number
}

export const knobs: ReadonlyArray<Knob> = [
  { path: "economy.winnerTakeMost", label: "Winner-take-most γ", hint: "Tullock exponent: market share ∝ (effective compute)^γ", min: 0, max: 10, step: 0.1 },
  { path: "economy.computeBudgetShare", label: "Compute budget share", hint: "share of a lab's capital spent on compute each month, 0–1", min: 0, max: 1, step: 0.01 },
  { path: "risk.baseHazard", label: "Base hazard", hint: "monthly incident probability of a lab at the reference capability with no safety stock, 0–1", min: 0, max: 1, step: 0.005 },
]

/** The value of every knob in a resolved scenario. */
export const knobValues = (scenario: Scenario): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const knob of knobs) {
    const value = valueAt(scenario, knob.path.split("."))
    if (typeof value === "number") out[knob.path] = value
  }
  return out
}

const valueAt = (root: unknown, path: ReadonlyArray<string>): unknown => {
  let node = root
  for (const key of path) node = isPlainObject(node) ? node[key] : undefined
  return node
}

/**
 * Top-level overrides for `loadScenarioText` that set nested values while
 * keeping everything else the file says: `{ economy: { ...file's economy, winnerTakeMost: 3 } }`.
 * `parsed` is the file as parsed (before validation); a section that is not a
 * mapping is left alone so that validation reports it.
 */
export const nestedOverrides = (parsed: unknown, values: Readonly<Record<string, number>>): Record<string, unknown> => {
  const file = isPlainObject(parsed) ? parsed : {}
  const out: Record<string, unknown> = {}
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split(".")
    if (keys.length < 2) continue
    const top = keys[0]!
    const current = top in out ? out[top] : file[top] ?? {}
    if (!isPlainObject(current)) continue
    out[top] = setIn(current, keys.slice(1), value)
  }
  return out
}

const setIn = (node: Record<string, unknown>, keys: ReadonlyArray<string>, value: unknown): Record<string, unknown> => {
  const [key, ...rest] = keys
  if (key === undefined) return node
  if (rest.length === 0) return { ...node, [key]: value }
  const child = node[key]
  return { ...node, [key]: setIn(isPlainObject(child) ? child : {}, rest, value) }
}
