import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { type BrowserContext, type Page, chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  chromiumArgs,
  chromiumPath,
  distDir,
  ensureBuilt,
  freshProfile,
  makeLargeResultsText,
  makeResults,
  screenshotDir,
  serve,
} from "./support.js"

/**
 * The built viewer in headless Chromium: results from the engine served as
 * `aigov view` serves them, every chart, the legend, the URL state, export, a run
 * in the worker compared hash for hash with the engine in this process, and
 * hostile or malformed files. Screenshots go to test-output/viewer/.
 */

const scenario = `
name: regimes
description: three regimes on a small economy
seed: 7
ticks: 36
replicates: 3
populations: { citizens: { count: 400 }, investors: { count: 20 } }
governance: { regime: central }
variants:
  central: {}
  liquid: { governance: { regime: liquid } }
  token: { governance: { regime: token } }
`
const variants = ["central", "liquid", "token"]
const hostileName = "<img src=x onerror=window.__pwned=1>"

const browser = chromiumPath()

describe.skipIf(browser === undefined)("the viewer in Chromium", () => {
  let context: BrowserContext
  let page: Page
  let server: Awaited<ReturnType<typeof serve>>
  let made: ReturnType<typeof makeResults>
  let dataDir: string
  const cspViolations: Array<string> = []
  const pageErrors: Array<string> = []

  const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })
  const count = (selector: string) => page.locator(selector).count()
  const openTab = async (tab: string) => {
    await page.click(`#tab-${tab}`)
    await page.waitForSelector(`#panel-${tab}:not([hidden])`)
  }

  beforeAll(async () => {
    ensureBuilt()
    mkdirSync(screenshotDir, { recursive: true })
    made = makeResults(scenario)
    dataDir = mkdtempSync(join(tmpdir(), "aigov-viewer-"))
    writeFileSync(join(dataDir, "results.json"), JSON.stringify(made.results))
    writeFileSync(join(dataDir, "ledger.jsonl"), made.ledger)
    // a valid file whose names are markup, and malformed ones
    const hostile = structuredClone(made.results) as any
    hostile.scenario.name = hostileName
    hostile.scenario.variants[0].name = "<script>window.__pwned=2</script>"
    for (const run of hostile.runs) if (run.variant === "central") run.variant = "<script>window.__pwned=2</script>"
    writeFileSync(join(dataDir, "hostile.json"), JSON.stringify(hostile))
    const malformed = structuredClone(made.results) as any
    malformed.scenario.name = hostileName
    malformed.runs[0].hash = "<img src=x onerror=window.__pwned=3>"
    writeFileSync(join(dataDir, "malformed.json"), JSON.stringify(malformed))
    writeFileSync(join(dataDir, "not-json.json"), "<html><script>window.__pwned=4</script></html>")
    server = await serve([distDir, dataDir])
    context = await chromium.launchPersistentContext(freshProfile(), {
      executablePath: browser,
      args: chromiumArgs,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    })
    page = await context.newPage()
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text())
    })
    page.on("pageerror", (error) => pageErrors.push(error.message))
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  it("opens ?results= from its server and draws one median line and band per variant", async () => {
    await page.goto(`${server.url}?results=results.json`)
    await page.waitForSelector("#results:not([hidden])")
    expect(await page.textContent("[data-testid=scenario-name]")).toBe("regimes")
    expect(await count("#chart-main path.median")).toBe(3)
    expect(await count("#chart-main path.band")).toBe(3)
    for (let v = 0; v < 3; v++) expect(await count(`#chart-main path.median.v${v}`)).toBe(1)
    // small multiples: four metrics by default, each with every variant
    expect(await count("#small-multiples figure")).toBe(4)
    expect(await count("#small-multiples path.median")).toBe(12)
    expect(await page.textContent("#chart-main .chart-title")).toBe("Frontier capability")
    expect(await page.textContent("#chart-main .x-label")).toBe("Month")
    // hover shows values
    await expect
      .poll(async () => {
        const box = (await page.locator("#chart-main .hover-target").boundingBox())!
        await page.mouse.move(box.x + box.width / 2 + Math.random(), box.y + box.height / 2)
        return page.isVisible("#tooltip")
      })
      .toBe(true)
    expect(await page.textContent("#tooltip")).toMatch(/^Month \d+/)
    await shot("series")
    await page.mouse.move(1, 1)
  })

  it("the tabs answer the arrow keys", async () => {
    await page.focus("#tab-series")
    await page.keyboard.press("ArrowRight")
    expect(await page.getAttribute("#tab-outcomes", "aria-selected")).toBe("true")
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-outcomes")
    await page.keyboard.press("ArrowLeft")
    expect(await page.isVisible("#panel-series")).toBe(true)
  })

  it("switching the metric redraws the chart and goes into the URL", async () => {
    const before = await page.getAttribute("#chart-main path.median.v0", "d")
    await page.selectOption("#metric-select", "capital_hhi")
    await expect.poll(() => page.textContent("#chart-main .chart-title")).toBe("HHI of lab capital")
    expect(await page.getAttribute("#chart-main path.median.v0", "d")).not.toBe(before)
    expect(await page.textContent("#chart-main .y-label")).toBe("HHI of lab capital (Σ share², 0–1)")
    expect(new URL(page.url()).hash).toContain("metric=capital_hhi")
  })

  it("the legend hides and shows a variant in every chart", async () => {
    await page.click("#legend button[data-variant='1']")
    expect(await page.getAttribute("#legend button[data-variant='1']", "aria-pressed")).toBe("false")
    expect(await count("#chart-main path.median")).toBe(2)
    expect(await count("#chart-main path.median.v1")).toBe(0)
    expect(await count("#small-multiples path.median.v1")).toBe(0)
    expect(new URL(page.url()).hash).toContain("hide=liquid")
    await page.click("#legend button[data-variant='1']")
    expect(await count("#chart-main path.median")).toBe(3)
  })

  it("draws the distribution of a final outcome and the speed-vs-stewardship frontier, one point per run", async () => {
    await openTab("outcomes")
    for (let v = 0; v < 3; v++) {
      expect(await count(`#chart-distribution circle.run-point.v${v}`)).toBe(3)
      expect(await count(`#chart-distribution rect.box.v${v}`)).toBe(1)
      expect(await count(`#chart-frontier path.frontier-point.v${v}`)).toBe(3)
    }
    await page.selectOption("#outcome-select", "cumulative_incidents")
    await expect.poll(() => page.textContent("#chart-distribution .chart-title")).toBe("Final cumulative incidents")
    await shot("outcomes")
  })

  it("draws Lorenz curves from the final holdings a CLI results file carries", async () => {
    await openTab("inequality")
    // capital, compute and knowledge for each variant
    expect(await count("#chart-lorenz path.lorenz")).toBe(3 * variants.length)
  })

  it("draws voting power and the decision timeline from ledger.jsonl served next to the results", async () => {
    await openTab("governance")
    // one bar per (power series with values, variant with values)
    const runs = made.results.runs as ReadonlyArray<{ variant: string; summary: Record<string, number | null> }>
    const power = Object.keys(runs[0]!.summary).filter((m) => /banzhaf|shapley/i.test(m))
    let bars = 0
    for (const m of power) for (const v of variants) if (runs.some((r) => r.variant === v && typeof r.summary[m] === "number")) bars++
    expect(bars).toBeGreaterThan(0)
    expect(await count("#chart-power rect.power-bar")).toBe(bars)
    for (let v = 0; v < 3; v++) expect(await count(`#chart-timeline path.timeline-event.v${v}`)).toBeGreaterThan(0)
    expect(await page.textContent("[data-testid=timeline-note]")).toContain("Every chain in the ledger verifies against the heads recorded in the results")
    await shot("governance")
  })

  it("the URL restores the view: tab, metric and hidden variants", async () => {
    await page.click("#legend button[data-variant='2']")
    const shared = page.url()
    expect(shared).toContain("tab=governance")
    await page.goto("about:blank")
    await page.goto(shared)
    await page.waitForSelector("#results:not([hidden])")
    expect(await page.isVisible("#panel-governance")).toBe(true)
    expect(await page.getAttribute("#legend button[data-variant='2']", "aria-pressed")).toBe("false")
    expect(await count("#chart-timeline path.timeline-event.v2")).toBe(0)
    await openTab("series")
    expect(await page.inputValue("#metric-select")).toBe("capital_hhi")
    await page.click("#legend button[data-variant='2']")
  })

  it("exports a chart as SVG and as PNG", async () => {
    const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.click("#chart-main [data-testid=export-svg]")])
    expect(svgDownload.suggestedFilename()).toBe("regimes-timeseries-capital_hhi.svg")
    const svg = readFileSync((await svgDownload.path())!, "utf8")
    expect(svg).toMatch(/^<\?xml/)
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"')
    expect(svg.match(/class="median v\d"/g)).toHaveLength(3)
    expect(svg).not.toContain("hover-target")
    writeFileSync(join(screenshotDir, "export.svg"), svg)
    const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.click("#chart-main [data-testid=export-png]")])
    const png = readFileSync((await pngDownload.path())!)
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    writeFileSync(join(screenshotDir, "export.png"), png)
  })

  it("runs the scenario in the worker with the same hashes as the engine here, and draws Lorenz curves", async () => {
    await page.click("#sources > summary")
    await page.fill("#scenario-text", scenario)
    await expect.poll(() => page.textContent("#scenario-status"), { timeout: 10_000 }).toContain("valid")
    expect(await page.inputValue("#replicates")).toBe("3")
    expect(await page.inputValue("#knob-economy-winnerTakeMost")).toBe("1.5")
    await page.click("#run-button")
    await expect.poll(() => page.textContent("[data-testid=status]"), { timeout: 30_000 }).toContain("Ran in the browser")
    await openTab("runs")
    const hashes = await page.locator("[data-testid=run-hash]").allTextContents()
    expect(hashes).toEqual(made.hashes)
    expect(await page.textContent("[data-testid=scenario-hash]")).toBe((made.results.scenario as { hash: string }).hash)
    await shot("runs")
    await openTab("inequality")
    // three holdings (capital, compute, knowledge) × three variants
    expect(await count("#chart-lorenz path.lorenz")).toBe(9)
    for (let v = 0; v < 3; v++) expect(await count(`#chart-lorenz path.lorenz.v${v}`)).toBe(3)
    await shot("inequality-browser-run")
    await openTab("governance")
    expect(await count("#chart-timeline path.timeline-event")).toBeGreaterThan(0)
    // saved, the results carry the holdings, and reopened they draw the same Lorenz curves
    const [saved] = await Promise.all([page.waitForEvent("download"), page.click("#save-results")])
    const savedPath = (await saved.path())!
    const savedResults = JSON.parse(readFileSync(savedPath, "utf8"))
    expect(savedResults.runs.map((r: { hash: string }) => r.hash)).toEqual(made.hashes)
    expect(savedResults.runs[0].holdings.capital).toHaveLength(10)
    await page.setInputFiles("#file-input", { name: "saved.json", mimeType: "application/json", buffer: readFileSync(savedPath) })
    await expect.poll(() => page.textContent("#results-meta")).toContain("From saved.json")
    await openTab("inequality")
    expect(await count("#chart-lorenz path.lorenz")).toBe(9)
    await page.click("#sources > summary")
  })

  it("shows progress while running, and Cancel stops the run and leaves a working worker", async () => {
    await page.fill("#replicates", "500")
    await page.click("#run-button")
    await expect.poll(() => page.textContent("[data-testid=status]")).toMatch(/Running… \(\d[\d,]* of [\d,]+ ticks\)/)
    await page.click("#cancel-button")
    await expect.poll(() => page.textContent("[data-testid=status]")).toBe("Cancelled.")
    await page.fill("#replicates", "3")
    await page.fill("#scenario-text", `${scenario}# edited\n`)
    await expect.poll(() => page.textContent("#scenario-status"), { timeout: 10_000 }).toContain("valid")
  })

  it("lists an invalid scenario's problems by path", async () => {
    await page.fill("#scenario-text", "name: bad\nticks: -3\neconomy: { winnerTakeMost: 99, nope: 1 }\n")
    await expect.poll(() => page.locator("#scenario-problems li").count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
    const problems = await page.locator("#scenario-problems li code").allTextContents()
    expect(problems).toEqual(expect.arrayContaining(["ticks", "economy.winnerTakeMost", "economy.nope"]))
    await shot("invalid-scenario")
  })

  it("shows a hostile file's markup as text and never runs it", async () => {
    await page.setInputFiles("#file-input", join(dataDir, "hostile.json"))
    await expect.poll(() => page.textContent("[data-testid=scenario-name]")).toBe(hostileName)
    expect(await page.locator("#results-title img, #legend img, script:not([src])").count()).toBe(0)
    expect(await page.textContent("#legend")).toContain("<script>window.__pwned=2")
    await openTab("series")
    await shot("hostile")
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
  })

  it("refuses a malformed file with a clear message naming the path", async () => {
    await page.setInputFiles("#file-input", join(dataDir, "malformed.json"))
    await page.waitForSelector("[data-testid=error]:not([hidden])")
    expect(await page.textContent("#error-title")).toBe("the file does not match the results schema")
    expect(await page.textContent("#error-list")).toContain("runs[0].hash")
    expect(await page.locator("#error img").count()).toBe(0)
    await shot("malformed")
    await page.setInputFiles("#file-input", join(dataDir, "not-json.json"))
    await expect.poll(() => page.textContent("#error-title")).toBe("the file is not valid JSON")
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
  })

  it("refuses ?results= from another origin", async () => {
    await page.goto(`${server.url}?results=${encodeURIComponent("http://example.invalid/results.json")}`)
    await page.waitForSelector("[data-testid=error]:not([hidden])")
    expect(await page.textContent("#error-title")).toContain("only files from the server that serves the viewer are loaded")
  })

  it("works opened from file:// with no server: a chosen file is read and drawn", async () => {
    await page.goto(pathToFileURL(join(distDir, "index.html")).href)
    await page.setInputFiles("#file-input", [join(dataDir, "results.json"), join(dataDir, "ledger.jsonl")])
    await page.waitForSelector("#results:not([hidden])")
    expect(await count("#chart-main path.median")).toBe(3)
    await openTab("governance")
    expect(await count("#chart-timeline path.timeline-event")).toBeGreaterThan(0)
    await shot("file-protocol")
  })

  it("stays responsive loading 50 variants × 100 replicates × 500 months, and draws ≤ 1000 points per line", async () => {
    writeFileSync(join(dataDir, "large.json"), makeLargeResultsText(50, 100, 500, ["frontier_capability", "cumulative_incidents", "capital_hhi", "compute_price"]))
    await page.goto(`${server.url}?results=large.json#tab=series`)
    // the page keeps answering while the worker reads, validates and aggregates
    let slowest = 0
    const started = Date.now()
    while (!(await page.isVisible("#results"))) {
      const t = Date.now()
      await page.evaluate(() => 1)
      slowest = Math.max(slowest, Date.now() - t)
      expect(Date.now() - started).toBeLessThan(40_000)
      await page.waitForTimeout(100)
    }
    expect(slowest).toBeLessThan(1_000)
    expect(await page.textContent("#results-meta")).toContain("50 variants · 5000 runs · 500 months")
    expect(await count("#chart-main path.median")).toBe(50)
    const d = (await page.getAttribute("#chart-main path.median.v49", "d"))!
    expect(d.split(/[ML]/).length - 1).toBeLessThanOrEqual(1000)
    await shot("large")
  }, 60_000)

  it("broke no Content-Security-Policy rule and threw no error", () => {
    expect(cspViolations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
