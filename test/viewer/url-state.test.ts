import { describe, expect, it } from "vitest"
import { type ViewState, decodeViewState, defaultViewState, encodeViewState } from "../../viz/src/url-state.js"

describe("the view's state in the URL", () => {
  it("round-trips through the fragment", () => {
    const state: ViewState = {
      tab: "outcomes",
      metric: "capital_hhi",
      small: ["frontier_capability", "cumulative_incidents", "compute_price"],
      outcome: "time_to_threshold",
      hidden: ["gamma-3", "gamma-0.5"],
    }
    expect(decodeViewState(`#${encodeViewState(state)}`)).toEqual(state)
    expect(decodeViewState(encodeViewState(state))).toEqual(state)
  })

  it("round-trips names holding any character (&, =, #, commas, spaces, unicode, markup)", () => {
    const state: ViewState = {
      ...defaultViewState,
      hidden: ["a&b=c", "x#y", "one, two", "γ = 1.5 ✓", "<img src=x onerror=alert(1)>", ""],
    }
    expect(decodeViewState(encodeViewState(state))).toEqual(state)
  })

  it("the default state is the empty fragment", () => {
    expect(encodeViewState(defaultViewState)).toBe("")
    expect(decodeViewState("")).toEqual(defaultViewState)
  })

  it("an unknown tab or garbage falls back to the default", () => {
    expect(decodeViewState("#tab=nope").tab).toBe("series")
    expect(decodeViewState("#%%%&&==").tab).toBe("series")
  })

  it("drops repeated names and reads at most 500 per list", () => {
    const many = Array.from({ length: 2000 }, (_, i) => `hide=v${i}`).join("&")
    expect(decodeViewState(`hide=a&hide=a`).hidden).toEqual(["a"])
    expect(decodeViewState(many).hidden).toHaveLength(500)
  })
})
