import { describe, expect, it } from "vitest"
import { canonicalJson } from "../../sim/hash.js"
import { Ledger, genesisHash } from "../../sim/ledger/chain.js"
import { ledgerLines, ledgerText, parseLedgerText, runId, verifyLedgerText } from "../../sim/ledger/jsonl.js"
import { mixedLedger } from "./fixture.js"

// three runs of 50, 30 and 20 entries: base/0 on lines 1–50, base/1 on 51–80, tax/0 on 81–100
const a = mixedLedger(50, 0)
const b = mixedLedger(30, 1)
const c = mixedLedger(20, 2)
const text = ledgerText([
  ["base/0", a.entries],
  ["base/1", b.entries],
  ["tax/0", c.entries],
])
const seals = new Map([
  ["base/0", { head: a.head, length: 50 }],
  ["base/1", { head: b.head, length: 30 }],
  ["tax/0", { head: c.head, length: 20 }],
])
const lines = () => text.slice(0, -1).split("\n")
const join = (ls: ReadonlyArray<string>) => ls.join("\n") + "\n"
/** Replaces line `n` (1-based) with `f` applied to its parsed object. */
const editLine = (n: number, f: (o: Record<string, unknown> & { data: Record<string, unknown> }) => void): string => {
  const ls = lines()
  const o = JSON.parse(ls[n - 1]!)
  f(o)
  ls[n - 1] = JSON.stringify(o)
  return join(ls)
}

describe("ledger.jsonl: serialization", () => {
  it("one canonical JSON line per entry, tagged with its run, keys sorted", () => {
    const ledger = new Ledger()
    ledger.append(2, "audit", { lab: 1, passed: false })
    const [line] = ledgerLines("base/3", ledger.entries)
    expect(line).toBe(
      `{"data":{"lab":1,"passed":false},"hash":"${ledger.head}","index":0,"kind":"audit","prev":"${genesisHash}","run":"base/3","tick":2}`,
    )
    expect(runId("base", 3)).toBe("base/3")
  })

  it("serialization is stable under the key order of data", () => {
    const x = new Ledger()
    x.append(1, "tally", { proposalId: "p1", yes: 3, no: 1, votes: [{ voter: "a", weight: 3, choice: "yes", cost: 0 }] })
    const y = new Ledger()
    y.append(1, "tally", { votes: [{ cost: 0, choice: "yes", weight: 3, voter: "a" }], no: 1, yes: 3, proposalId: "p1" })
    expect(ledgerLines("r/0", x.entries)).toEqual(ledgerLines("r/0", y.entries))
    expect(x.head).toBe(y.head)
  })

  it("a line reads back as the entry it was written from", () => {
    const [line] = ledgerLines("r/0", a.entries.slice(5, 6))
    const { run, ...entry } = JSON.parse(line!)
    expect(run).toBe("r/0")
    expect(entry).toEqual(a.entries[5])
    expect(canonicalJson(JSON.parse(line!))).toBe(line)
  })

  it("a whole file is every line followed by a newline", () => {
    expect(text.endsWith("}\n")).toBe(true)
    expect(lines()).toHaveLength(100)
  })
})

describe("ledger.jsonl: parsing", () => {
  it("splits the file into runs, remembering each entry's line", () => {
    const parsed = parseLedgerText(text)
    expect(parsed.ok).toBe(true)
    expect(parsed.problems).toEqual([])
    expect(parsed.lineCount).toBe(100)
    expect([...parsed.runs.keys()]).toEqual(["base/0", "base/1", "tax/0"])
    expect(parsed.runs.get("base/1")).toEqual(JSON.parse(JSON.stringify(b.entries)))
    expect(parsed.lines.get("tax/0")).toEqual(Array.from({ length: 20 }, (_, i) => 81 + i))
  })

  it("runs may be interleaved; blank lines and CRLF line ends are allowed", () => {
    const la = ledgerLines("a/0", a.entries.slice(0, 3))
    const lb = ledgerLines("b/0", b.entries.slice(0, 2))
    const mixed = [la[0], lb[0], "", la[1], lb[1], "   ", la[2]].join("\r\n") + "\r\n"
    const report = verifyLedgerText(mixed)
    expect(report.ok).toBe(true)
    expect(report.runs.get("a/0")).toEqual({ ok: true, head: a.entries[2]!.hash, length: 3 })
    expect(report.runs.get("b/0")).toEqual({ ok: true, head: b.entries[1]!.hash, length: 2 })
    expect(parseLedgerText(mixed).lines.get("a/0")).toEqual([1, 4, 7])
  })

  it("lists every unreadable line: not JSON, not an object, no run", () => {
    const ls = lines()
    ls[4] = "hello"
    ls[9] = "[1,2]"
    ls[14] = JSON.stringify({ ...JSON.parse(ls[14]!), run: undefined })
    ls[19] = JSON.stringify({ ...JSON.parse(ls[19]!), run: "" })
    expect(parseLedgerText(join(ls)).problems).toEqual([
      { line: 5, message: "line 5: not valid JSON" },
      { line: 10, message: "line 10: not a ledger entry object" },
      { line: 15, message: 'line 15: has no "run" naming the chain it belongs to' },
      { line: 20, message: 'line 20: has no "run" naming the chain it belongs to' },
    ])
  })

  it("a complete last line without its newline is accepted", () => {
    expect(verifyLedgerText(text.slice(0, -1), seals).ok).toBe(true)
  })
})

describe("ledger.jsonl: verifying several runs, each as its own chain", () => {
  it("an untouched file verifies, each run against its recorded head and length", () => {
    const report = verifyLedgerText(text, seals)
    expect(report.ok).toBe(true)
    expect(report.first).toBeUndefined()
    expect(report.runs).toEqual(
      new Map([
        ["base/0", { ok: true, head: a.head, length: 50 }],
        ["base/1", { ok: true, head: b.head, length: 30 }],
        ["tax/0", { ok: true, head: c.head, length: 20 }],
      ]),
    )
  })

  it("an edit in one run fails that run only, at the right line", () => {
    // line 58 is entry 7 of base/1
    const report = verifyLedgerText(editLine(58, (o) => (o.data.amount = 0)), seals)
    expect(report.ok).toBe(false)
    expect(report.runs.get("base/0")).toEqual({ ok: true, head: a.head, length: 50 })
    expect(report.runs.get("base/1")).toEqual({ ok: false, index: 7, reason: "entry 7: hash does not match its contents (edited?)" })
    expect(report.runs.get("tax/0")).toEqual({ ok: true, head: c.head, length: 20 })
    expect(report.first).toEqual({
      line: 58,
      run: "base/1",
      message: 'line 58: run "base/1" entry 7: hash does not match its contents (edited?)',
    })
  })

  it("the first bad line overall is reported when several runs are bad", () => {
    const edited = editLine(90, (o) => (o.tick = 0)) // tax/0 entry 9
    const ls = edited.slice(0, -1).split("\n")
    ls.splice(60, 1) // drop line 61, base/1 entry 10
    const report = verifyLedgerText(join(ls), seals)
    expect(report.runs.get("base/1")).toEqual({ ok: false, index: 10, reason: "entry 10: index is 11 (dropped or reordered?)" })
    expect(report.runs.get("tax/0")).toMatchObject({ ok: false, index: 9 })
    expect(report.first).toEqual({ line: 61, run: "base/1", message: 'line 61: run "base/1" entry 10: index is 11 (dropped or reordered?)' })
  })

  it("an entry moved into another run's chain is caught in both", () => {
    const report = verifyLedgerText(editLine(55, (o) => (o.run = "tax/0")))
    expect(report.runs.get("base/1")).toEqual({ ok: false, index: 4, reason: "entry 4: index is 5 (dropped or reordered?)" })
    expect(report.runs.get("tax/0")).toEqual({ ok: false, index: 0, reason: "entry 0: index is 4 (dropped or reordered?)" })
    expect(report.first?.line).toBe(55)
  })

  it("a non-JSON line", () => {
    const ls = lines()
    ls[4] = "not json at all"
    const report = verifyLedgerText(join(ls), seals)
    expect(report.problems).toEqual([{ line: 5, message: "line 5: not valid JSON" }])
    expect(report.first).toEqual({ line: 5, message: "line 5: not valid JSON" })
    // and its run is missing that entry
    expect(report.runs.get("base/0")).toEqual({ ok: false, index: 4, reason: "entry 4: index is 5 (dropped or reordered?)" })
  })

  it("the file cut short in the middle of a line", () => {
    const cut = text.slice(0, text.length - 40)
    const report = verifyLedgerText(cut, seals)
    expect(report.first).toEqual({ line: 100, message: "line 100: not valid JSON (the file ends mid-line: cut short?)" })
    expect(report.runs.get("tax/0")).toEqual({
      ok: false,
      index: 19,
      reason: "entry 19: missing; the ledger ends after 19 entries but results.json recorded 20 (cut short?)",
    })
  })

  it("the file cut short at a line end: each run verifies alone, the record catches it after the run's last line", () => {
    const cut = join(lines().slice(0, 95))
    const alone = verifyLedgerText(cut)
    expect(alone.ok).toBe(true)
    const report = verifyLedgerText(cut, seals)
    expect(report.first).toEqual({
      line: 96,
      run: "tax/0",
      message: 'line 96: run "tax/0" entry 15: missing; the ledger ends after 15 entries but results.json recorded 20 (cut short?)',
    })
  })

  it("a run's last line dropped in the middle of the file is caught only against the record", () => {
    const ls = lines()
    ls.splice(79, 1) // line 80: base/1's last entry
    expect(verifyLedgerText(join(ls)).ok).toBe(true)
    expect(verifyLedgerText(join(ls), seals).first).toEqual({
      line: 80,
      run: "base/1",
      message: 'line 80: run "base/1" entry 29: missing; the ledger ends after 29 entries but results.json recorded 30 (cut short?)',
    })
  })

  it("a run recorded in results.json but absent from the ledger", () => {
    const only = ledgerText([
      ["base/0", a.entries],
      ["tax/0", c.entries],
    ])
    const report = verifyLedgerText(only, seals)
    expect(report.runs.get("base/1")).toEqual({
      ok: false,
      index: 0,
      reason: "entry 0: missing; results.json records 30 entries for this run but the ledger has none",
    })
    expect(report.first).toEqual({
      line: 71,
      run: "base/1",
      message: 'line 71: run "base/1" entry 0: missing; results.json records 30 entries for this run but the ledger has none',
    })
  })

  it("a run in the ledger that results.json does not record", () => {
    const extra = text + ledgerLines("ghost/0", c.entries.slice(0, 2)).join("\n") + "\n"
    const report = verifyLedgerText(extra, seals)
    expect(report.runs.get("ghost/0")).toEqual({ ok: false, index: 0, reason: 'entry 0: run "ghost/0" is in the ledger but not recorded in results.json' })
    expect(report.first?.line).toBe(101)
    expect(verifyLedgerText(extra).ok).toBe(true)
  })

  it("a run recorded with no entries may be absent", () => {
    const report = verifyLedgerText(text, new Map([...seals, ["empty/0", { head: genesisHash, length: 0 }]]))
    expect(report.ok).toBe(true)
    expect(report.runs.get("empty/0")).toEqual({ ok: true, head: genesisHash, length: 0 })
  })

  it("the empty file verifies, and fails against a record of entries", () => {
    expect(verifyLedgerText("")).toEqual({ ok: true, runs: new Map(), problems: [], first: undefined })
    expect(verifyLedgerText("", seals).first).toMatchObject({ line: 1, run: "base/0" })
  })
})
