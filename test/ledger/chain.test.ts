import { describe, expect, it } from "vitest"
import { canonicalJson, sha256Hex } from "../../sim/hash.js"
import { Ledger, LedgerDataInvalid, entryHash, genesisHash, ledgerKinds } from "../../sim/ledger/chain.js"
import { mixedLedger } from "./fixture.js"

describe("Ledger (hash chain)", () => {
  it("an empty ledger has the genesis head (64 zeros) and length 0", () => {
    const ledger = new Ledger()
    expect(genesisHash).toBe("0".repeat(64))
    expect(ledger.head).toBe(genesisHash)
    expect(ledger.length).toBe(0)
    expect(ledger.entries).toEqual([])
  })

  it("each entry's hash is SHA-256 of the canonical JSON of {index, tick, kind, data, prev}", () => {
    const ledger = new Ledger()
    const first = ledger.append(3, "proposal", { proposalId: "p1", lever: "computeCap" })
    const second = ledger.append(4, "tally", { proposalId: "p1", yes: 2 })
    expect(first.index).toBe(0)
    expect(first.prev).toBe(genesisHash)
    expect(first.hash).toBe(
      sha256Hex('{"data":{"lever":"computeCap","proposalId":"p1"},"index":0,"kind":"proposal","prev":"' + genesisHash + '","tick":3}'),
    )
    expect(second.index).toBe(1)
    expect(second.prev).toBe(first.hash)
    expect(second.hash).toBe(sha256Hex(canonicalJson({ index: 1, tick: 4, kind: "tally", data: { proposalId: "p1", yes: 2 }, prev: first.hash })))
    expect(second.hash).toBe(entryHash(second))
    expect(ledger.head).toBe(second.hash)
    expect(ledger.length).toBe(2)
    expect(ledger.entries).toEqual([first, second])
  })

  it("a chain of 50 entries of every kind links each entry to the one before", () => {
    const ledger = mixedLedger(50)
    expect(ledger.length).toBe(50)
    expect(new Set(ledger.entries.map((e) => e.kind))).toEqual(new Set(ledgerKinds))
    ledger.entries.forEach((e, i) => {
      expect(e.index).toBe(i)
      expect(e.prev).toBe(i === 0 ? genesisHash : ledger.entries[i - 1]!.hash)
      expect(e.hash).toBe(entryHash(e))
    })
  })

  it("the same records give the same hashes in a fresh ledger (determinism)", () => {
    expect(mixedLedger(50).head).toBe(mixedLedger(50).head)
    expect(mixedLedger(50, 1).head).not.toBe(mixedLedger(50).head)
  })

  it("the hash does not depend on the key order of data", () => {
    const a = new Ledger().append(1, "audit", { lab: 2, passed: true, detail: { z: 1, a: [1, { y: 2, b: 3 }] } })
    const b = new Ledger().append(1, "audit", { detail: { a: [1, { b: 3, y: 2 }], z: 1 }, passed: true, lab: 2 })
    expect(a.hash).toBe(b.hash)
  })

  it("entries are frozen copies: changing the caller's object afterwards changes nothing", () => {
    const ledger = new Ledger()
    const data = { proposalId: "p1", votes: [{ voter: "a", weight: 1 }] }
    const entry = ledger.append(0, "tally", data)
    data.votes[0]!.weight = 99
    data.proposalId = "p2"
    expect(entry.data).toEqual({ proposalId: "p1", votes: [{ voter: "a", weight: 1 }] })
    expect(entry.hash).toBe(entryHash(entry))
    expect(Object.isFrozen(entry)).toBe(true)
    expect(Object.isFrozen(entry.data)).toBe(true)
    expect(Object.isFrozen((entry.data.votes as Array<unknown>)[0])).toBe(true)
  })

  it("-0 is stored as 0, as it would read back from JSON", () => {
    const entry = new Ledger().append(0, "fine", { amount: -0 })
    expect(Object.is(entry.data.amount, 0)).toBe(true)
  })

  describe("refuses data that is not JSON-safe, at append time, naming where", () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    const cases: ReadonlyArray<readonly [string, Record<string, unknown>, RegExp]> = [
      ["NaN", { votes: [{ weight: Number.NaN }] }, /data\.votes\[0\]\.weight is NaN \(not a finite number\)/],
      ["Infinity", { yes: Number.POSITIVE_INFINITY }, /data\.yes is Infinity/],
      ["-Infinity", { no: Number.NEGATIVE_INFINITY }, /data\.no is -Infinity/],
      ["undefined value", { reason: undefined }, /data\.reason is undefined/],
      ["undefined in an array", { list: [1, undefined] }, /data\.list\[1\] is undefined/],
      ["a function", { f: () => 1 }, /data\.f is a function/],
      ["a class instance", { at: new Point(1) }, /data\.at is an instance of Point, not a plain object/],
      ["a Map", { m: new Map() }, /data\.m is an instance of Map/],
      ["a Date", { when: new Date(0) }, /data\.when is an instance of Date/],
      ["a typed array", { xs: new Float64Array(2) }, /data\.xs is an instance of Float64Array/],
      ["a bigint", { big: 1n }, /data\.big is a bigint/],
      ["a symbol", { s: Symbol("s") }, /data\.s is a symbol/],
      ["a cycle", cyclic, /data\.self refers back to itself/],
      ["a sparse array", { holes: [1, , 3] }, /data\.holes\[1\] is a hole/],
      ["an odd key", { "a b": Number.NaN }, /data\["a b"\] is NaN/],
    ]
    for (const [name, data, message] of cases) {
      it(name, () => {
        const ledger = new Ledger()
        let error: unknown
        try {
          ledger.append(7, "tally", data)
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(LedgerDataInvalid)
        expect((error as LedgerDataInvalid)._tag).toBe("LedgerDataInvalid")
        expect((error as Error).message).toMatch(/^ledger tally entry at tick 7: /)
        expect((error as Error).message).toMatch(message)
        expect(ledger.length).toBe(0)
      })
    }

    it("data that is not an object at all", () => {
      expect(() => new Ledger().append(0, "audit", [1] as unknown as Record<string, unknown>)).toThrow(/data is an array/)
      expect(() => new Ledger().append(0, "audit", null as unknown as Record<string, unknown>)).toThrow(LedgerDataInvalid)
    })

    it("a tick that is not a non-negative integer, or an unknown kind", () => {
      expect(() => new Ledger().append(1.5, "audit", {})).toThrow(/tick is not a non-negative integer/)
      expect(() => new Ledger().append(-1, "audit", {})).toThrow(/tick is not a non-negative integer/)
      expect(() => new Ledger().append(0, "vote" as never, {})).toThrow(/kind is not one of proposal, tally/)
    })

    it("a refused append leaves the chain as it was", () => {
      const ledger = mixedLedger(5)
      const head = ledger.head
      expect(() => ledger.append(9, "fine", { amount: Number.NaN })).toThrow(LedgerDataInvalid)
      expect(ledger.head).toBe(head)
      expect(ledger.length).toBe(5)
      expect(ledger.append(9, "fine", { amount: 1 }).prev).toBe(head)
    })
  })
})
