import type { FinalReply, WorkerClient } from "./client.js"
import { byId, clear, el } from "./dom.js"
import { knobs } from "./knobs.js"
import type { Problem, Progress, TopLevelOverrides } from "./messages.js"

/**
 * The run panel: pick a bundled scenario or edit YAML, adjust the main
 * parameters, run in the worker. The text is checked as you type (problems
 * listed by path); the controls start at the scenario's base values, and only
 * those you change are applied: ticks, replicates and seed as top-level
 * overrides (like the CLI's --ticks, --replicates, --seed), the economy knobs by
 * setting the base scenario's value (variants that set it still win).
 */

/** Every scenario file in scenarios/, bundled as text at build time. */
const bundled: Readonly<Record<string, string>> = import.meta.glob("../../scenarios/*.yaml", { query: "?raw", import: "default", eager: true })

export const bundledScenarios = (): Array<{ readonly name: string; readonly text: string }> =>
  Object.entries(bundled)
    .map(([path, text]) => ({ name: path.replace(/^.*\//, "").replace(/\.yaml$/, ""), text }))
    .sort((a, b) => (a.name === "baseline" ? -1 : b.name === "baseline" ? 1 : a.name.localeCompare(b.name)))

export interface RunnerCallbacks {
  readonly onStart: (what: string) => void
  readonly onProgress: (progress: Progress) => void
  readonly onReply: (reply: FinalReply) => void
}

interface Field {
  readonly key: string
  readonly input: HTMLInputElement
  /** the scenario's value, from the last successful check */
  base: number | undefined
  /** edited by the user since the scenario was chosen */
  dirty: boolean
}

export const createRunner = (client: WorkerClient, callbacks: RunnerCallbacks): void => {
  const select = byId<HTMLSelectElement>("scenario-select")
  const text = byId<HTMLTextAreaElement>("scenario-text")
  const problems = byId<HTMLUListElement>("scenario-problems")
  const status = byId("scenario-status")
  const runButton = byId<HTMLButtonElement>("run-button")
  const cancelButton = byId<HTMLButtonElement>("cancel-button")

  const scenarios = bundledScenarios()
  for (const s of scenarios) select.append(el("option", { text: `${s.name}.yaml`, attrs: { value: s.name } }))
  select.append(el("option", { text: "(your own: edit the text)", attrs: { value: "" } }))

  // the numeric controls: top-level values, then the economy knobs
  const fields: Array<Field> = ["ticks", "replicates", "seed"].map((key) => ({ key, input: byId<HTMLInputElement>(key), base: undefined, dirty: false }))
  const knobHost = byId("knobs")
  for (const knob of knobs) {
    const id = `knob-${knob.path.replace(/\./g, "-")}`
    const input = el("input", { attrs: { id, type: "number", min: String(knob.min), max: String(knob.max), step: String(knob.step), "data-path": knob.path } })
    knobHost.append(el("label", { attrs: { for: id, title: knob.hint } }, [el("span", { text: knob.label }), el("small", { text: knob.path }), input]))
    fields.push({ key: knob.path, input, base: undefined, dirty: false })
  }
  for (const f of fields) f.input.addEventListener("input", () => (f.dirty = true))

  const showProblems = (list: ReadonlyArray<Problem>) => {
    clear(problems)
    for (const p of list) {
      problems.append(el("li", {}, p.path === "" ? [document.createTextNode(p.message)] : [el("code", { text: p.path }), document.createTextNode(`: ${p.message}`)]))
    }
  }

  let checkSeq = 0
  const check = async () => {
    const seq = ++checkSeq
    status.textContent = "Checking…"
    const reply = await client.call({ _tag: "CheckScenario", text: text.value })
    if (seq !== checkSeq) return
    if (reply._tag === "ScenarioChecked") {
      showProblems([])
      status.textContent = `✓ valid: "${reply.name}", variant${reply.variants.length === 1 ? "" : "s"} ${reply.variants.join(", ")}`
      const values: Record<string, number> = { ticks: reply.ticks, replicates: reply.replicates, seed: reply.seed, ...reply.knobs }
      for (const f of fields) {
        f.base = values[f.key]
        if (!f.dirty) f.input.value = f.base === undefined ? "" : String(f.base)
      }
      runButton.disabled = false
    } else if (reply._tag === "Failed") {
      status.textContent = reply.kind === "ScenarioInvalid" ? `✗ ${reply.title}:` : reply.title
      showProblems(reply.problems)
      runButton.disabled = reply.kind === "ScenarioInvalid"
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  text.addEventListener("input", () => {
    if (select.value !== "") select.value = ""
    clearTimeout(timer)
    timer = setTimeout(() => void check(), 300)
  })
  const choose = (name: string) => {
    const s = scenarios.find((x) => x.name === name)
    if (s === undefined) return
    text.value = s.text
    for (const f of fields) f.dirty = false
    void check()
  }
  select.addEventListener("change", () => choose(select.value))

  /** The controls' values, or the problems with them. */
  const settings = (): { overrides: TopLevelOverrides; knobs: Record<string, number> } | Array<Problem> => {
    const bad: Array<Problem> = []
    const overrides: Record<string, number> = {}
    const knobValues: Record<string, number> = {}
    for (const f of fields) {
      if (f.input.value.trim() === "") continue
      const value = Number(f.input.value)
      const isTop = !f.key.includes(".")
      if (!Number.isFinite(value) || (isTop && !Number.isSafeInteger(value))) {
        bad.push({ path: f.key, message: `expected ${isTop ? "a whole number" : "a number"}, got ${JSON.stringify(f.input.value)}` })
        continue
      }
      if (value === f.base) continue
      if (isTop) overrides[f.key] = value
      else knobValues[f.key] = value
    }
    return bad.length > 0 ? bad : { overrides, knobs: knobValues }
  }

  runButton.addEventListener("click", async () => {
    const s = settings()
    if (Array.isArray(s)) {
      showProblems(s)
      return
    }
    showProblems([])
    runButton.disabled = true
    cancelButton.disabled = false
    callbacks.onStart("Running the scenario in the browser…")
    try {
      const reply = await client.call({ _tag: "RunScenario", text: text.value, overrides: s.overrides, knobs: s.knobs }, callbacks.onProgress)
      if (reply._tag === "Failed" && reply.kind === "ScenarioInvalid") showProblems(reply.problems)
      callbacks.onReply(reply)
    } finally {
      runButton.disabled = false
      cancelButton.disabled = true
    }
  })
  cancelButton.addEventListener("click", () => client.cancel())

  const first = scenarios[0]
  if (first !== undefined) {
    select.value = first.name
    choose(first.name)
  } else {
    select.value = ""
  }
}
