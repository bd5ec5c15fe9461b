/**
 * The view's state in the URL's fragment, so a view can be shared:
 * `#tab=series&metric=frontier_capability&small=capital_hhi&small=compute_price&outcome=…&hide=gamma-3`.
 * Lists repeat their key, so names may hold any character. The query string is
 * left alone: it names the data (`?results=results.json`), the fragment the view.
 */

export const tabs = ["series", "outcomes", "inequality", "governance", "runs"] as const
export type Tab = (typeof tabs)[number]

export interface ViewState {
  readonly tab: Tab
  /** the metric of the large time-series chart; "" = the default */
  readonly metric: string
  /** the metrics drawn as small multiples */
  readonly small: ReadonlyArray<string>
  /** the final outcome whose distribution is drawn; "" = the default */
  readonly outcome: string
  /** names of variants hidden by the legend */
  readonly hidden: ReadonlyArray<string>
}

export const defaultViewState: ViewState = { tab: "series", metric: "", small: [], outcome: "", hidden: [] }

/** At most this many names per list are read from a URL. */
const maxListLength = 500

export const encodeViewState = (state: ViewState): string => {
  const params = new URLSearchParams()
  if (state.tab !== defaultViewState.tab) params.set("tab", state.tab)
  if (state.metric !== "") params.set("metric", state.metric)
  for (const m of state.small) params.append("small", m)
  if (state.outcome !== "") params.set("outcome", state.outcome)
  for (const v of state.hidden) params.append("hide", v)
  return params.toString()
}

/** Reads a fragment (with or without "#"); anything unknown or malformed falls back to the default. */
export const decodeViewState = (fragment: string): ViewState => {
  const params = new URLSearchParams(fragment.startsWith("#") ? fragment.slice(1) : fragment)
  const tab = params.get("tab")
  const unique = (values: ReadonlyArray<string>) => [...new Set(values)].slice(0, maxListLength)
  return {
    tab: (tabs as ReadonlyArray<string>).includes(tab ?? "") ? (tab as Tab) : defaultViewState.tab,
    metric: params.get("metric") ?? "",
    small: unique(params.getAll("small")),
    outcome: params.get("outcome") ?? "",
    hidden: unique(params.getAll("hide")),
  }
}
