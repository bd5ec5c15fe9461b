import { type FinalReply, WorkerClient } from "./client.js"
import { byId, clear, clip, el } from "./dom.js"
import { download } from "./export.js"
import { maxResultsBytes } from "./load.js"
import type { Problem, Progress } from "./messages.js"
import { createRunner } from "./runner.js"
import { decodeViewState, encodeViewState } from "./url-state.js"
import { createResultsView } from "./view.js"

/**
 * The page: where data comes from (a dropped or chosen file, `?results=<url>`,
 * or a run in the browser), the status line and errors, and the results view.
 */

const client = new WorkerClient()

// ------------------------------------------------------------ status and errors

const statusText = byId("status-text")
const progress = byId<HTMLProgressElement>("progress")

const setStatus = (text: string, fraction?: number) => {
  statusText.textContent = text
  progress.hidden = fraction === undefined
  if (fraction !== undefined) progress.value = fraction
}

const stageText: Readonly<Record<Progress["stage"], string>> = {
  reading: "Reading",
  validating: "Validating against the results schema",
  running: "Running",
  aggregating: "Aggregating over replicates",
}

const onProgress = (p: Progress) => {
  const detail = p.stage === "running" ? ` (${p.done.toLocaleString("en")} of ${p.total.toLocaleString("en")} ticks)` : p.stage === "aggregating" ? ` (metric ${p.done} of ${p.total})` : ""
  setStatus(`${stageText[p.stage]}…${detail}`, p.total > 0 ? p.done / p.total : 0)
}

const showError = (title: string, problems: ReadonlyArray<Problem> = []) => {
  byId("error-title").textContent = title
  const list = byId("error-list")
  clear(list)
  for (const p of problems.slice(0, 50)) {
    list.append(el("li", {}, p.path === "" ? [document.createTextNode(p.message)] : [el("code", { text: p.path }), document.createTextNode(`: ${p.message}`)]))
  }
  if (problems.length > 50) list.append(el("li", { text: `… and ${problems.length - 50} more` }))
  byId("error").hidden = false
  setStatus("")
}

const clearError = () => {
  byId("error").hidden = true
}

// ------------------------------------------------------------ the results view

const view = createResultsView((state) => {
  const fragment = encodeViewState(state)
  history.replaceState(null, "", `${location.pathname}${location.search}${fragment === "" ? "" : `#${fragment}`}`)
})
view.setState(decodeViewState(location.hash))
window.addEventListener("hashchange", () => view.setState(decodeViewState(location.hash)))

const handleReply = (reply: FinalReply, what: string) => {
  if (reply._tag === "Loaded") {
    clearError()
    view.show(reply.view)
    const n = reply.view.runs.length
    setStatus(`${what}: ${n} run${n === 1 ? "" : "s"} of "${clip(reply.view.scenario.name, 60)}".`)
  } else if (reply._tag === "Failed") {
    if (reply.title === "Cancelled") setStatus("Cancelled.")
    else showError(reply.title, reply.problems)
  }
}

byId("save-results").addEventListener("click", async () => {
  const reply = await client.call({ _tag: "SaveResults" })
  if (reply._tag === "Saved") download(reply.file, reply.name)
  else if (reply._tag === "Failed") showError(reply.title, reply.problems)
})

// ------------------------------------------------------------ opening files

const loadBlobs = async (source: string, results: Blob, ledger: Blob | null) => {
  clearError()
  setStatus(`Reading ${clip(source, 60)}…`, 0)
  const reply = await client.call({ _tag: "LoadResults", source, results, ledger }, onProgress)
  handleReply(reply, `Loaded ${clip(source, 60)}`)
  // make room for the charts; the data panel is one click away
  if (reply._tag === "Loaded") byId<HTMLDetailsElement>("sources").open = false
}

const loadFiles = (files: ReadonlyArray<File>) => {
  if (files.length === 0) return
  const ledger = files.find((f) => f.name.endsWith(".jsonl")) ?? null
  const results = files.find((f) => f !== ledger)
  if (results === undefined) {
    showError("Open a results.json: a ledger.jsonl alone has no runs to draw (choose both files together).")
    return
  }
  void loadBlobs(results.name, results, ledger)
}

const fileInput = byId<HTMLInputElement>("file-input")
fileInput.addEventListener("change", () => {
  loadFiles([...(fileInput.files ?? [])])
  fileInput.value = ""
})

// the whole page accepts a drop
document.addEventListener("dragover", (event) => {
  event.preventDefault()
  document.body.classList.add("dragging")
})
document.addEventListener("dragleave", (event) => {
  if (event.relatedTarget === null) document.body.classList.remove("dragging")
})
document.addEventListener("drop", (event) => {
  event.preventDefault()
  document.body.classList.remove("dragging")
  loadFiles([...(event.dataTransfer?.files ?? [])])
})

// ------------------------------------------------------------ ?results=<url>

/** Fetches a file from the server that serves the viewer, refusing other origins and oversize files. */
const fetchSameOrigin = async (param: string, optional: boolean): Promise<Blob | null | string> => {
  let url: URL
  try {
    url = new URL(param, location.href)
  } catch {
    return `"${clip(param, 80)}" is not a URL`
  }
  if (url.origin !== location.origin) return `only files from the server that serves the viewer are loaded, not from ${clip(url.origin, 80)}`
  let response: Response
  try {
    response = await fetch(url, { credentials: "same-origin" })
  } catch (error) {
    return optional ? null : `could not fetch ${clip(url.pathname, 80)}: ${error instanceof Error ? error.message : String(error)}`
  }
  if (!response.ok) return optional ? null : `could not fetch ${clip(url.pathname, 80)}: HTTP ${response.status}`
  const length = Number(response.headers.get("content-length") ?? "0")
  if (length > maxResultsBytes) {
    await response.body?.cancel()
    return `${clip(url.pathname, 80)} is ${Math.round(length / 1048576)} MB, more than the ${maxResultsBytes / 1048576} MB the viewer reads`
  }
  return response.blob()
}

const loadFromQuery = async () => {
  const params = new URLSearchParams(location.search)
  const results = params.get("results")
  if (results === null) return
  if (location.protocol === "file:") {
    showError("?results= needs the viewer to be served over http (e.g. by `aigov view`); opened from a file, drop the results file on the page instead.")
    return
  }
  setStatus(`Fetching ${clip(results, 60)}…`, 0)
  const blob = await fetchSameOrigin(results, false)
  if (typeof blob === "string" || blob === null) {
    showError(`Cannot load ?results=: ${blob ?? "not found"}`)
    return
  }
  // the ledger: ?ledger=<url>, else ledger.jsonl next to the results if the server has one
  const ledgerParam = params.get("ledger")
  const ledger = await fetchSameOrigin(ledgerParam ?? new URL("ledger.jsonl", new URL(results, location.href)).href, ledgerParam === null)
  if (typeof ledger === "string") {
    showError(`Cannot load ?ledger=: ${ledger}`)
    return
  }
  await loadBlobs(results, blob, ledger)
}

// ------------------------------------------------------------ running in the browser

createRunner(client, {
  onStart: (what) => {
    clearError()
    setStatus(what, 0)
  },
  onProgress,
  onReply: (reply) => handleReply(reply, "Ran in the browser"),
})

void loadFromQuery()
