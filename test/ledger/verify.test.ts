import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { entryHash, genesisHash } from "../../sim/ledger/chain.js"
import { verifyAgainst, verifyChain } from "../../sim/ledger/verify.js"
import { asParsed, mixedLedger } from "./fixture.js"

const ledger = mixedLedger(50)
const seal = { head: ledger.head, length: ledger.length }
const fresh = () => asParsed(ledger.entries)
/** What a forger can do: recompute an entry's hash after changing it. */
const reseal = (e: Record<string, unknown>) => {
  e.hash = entryHash(e as never)
}

describe("verifyChain: an untouched chain", () => {
  it("a chain of 50 entries of mixed kinds verifies, giving its head and length", () => {
    expect(verifyChain(fresh())).toEqual({ ok: true, head: ledger.head, length: 50 })
    expect(verifyAgainst(verifyChain(fresh()), seal)).toEqual({ ok: true, head: ledger.head, length: 50 })
  })

  it("the empty chain verifies, with the genesis head", () => {
    expect(verifyChain([])).toEqual({ ok: true, head: genesisHash, length: 0 })
  })
})

describe("verifyChain: every kind of edit is caught at the first bad entry", () => {
  const edited = { ok: false, index: 17, reason: "entry 17: hash does not match its contents (edited?)" }

  it("a value changed inside data", () => {
    const entries = fresh()
    entries[17]!.data.amount = 1e6
    expect(verifyChain(entries)).toEqual(edited)
  })

  it("a value changed deep inside data (an array element)", () => {
    const entries = fresh()
    ;(entries[17]!.data.flags as Array<boolean>)[1] = true
    expect(verifyChain(entries)).toEqual(edited)
  })

  it("a field added to data", () => {
    const entries = fresh()
    entries[17]!.data.extra = 0
    expect(verifyChain(entries)).toEqual(edited)
  })

  it("the tick changed", () => {
    const entries = fresh()
    entries[17]!.tick = (entries[17]!.tick as number) + 1
    expect(verifyChain(entries)).toEqual(edited)
  })

  it("the kind changed (to another valid kind)", () => {
    const entries = fresh()
    expect(entries[17]!.kind).toBe("slash")
    entries[17]!.kind = "bounty"
    expect(verifyChain(entries)).toEqual(edited)
  })

  it("the index changed", () => {
    const entries = fresh()
    entries[17]!.index = 18
    expect(verifyChain(entries)).toEqual(edited)
  })

  it("prev changed", () => {
    const entries = fresh()
    entries[17]!.prev = entries[15]!.hash
    expect(verifyChain(entries)).toEqual(edited)
  })

  it("prev changed and the hash recomputed: the link to the entry before is broken", () => {
    const entries = fresh()
    entries[17]!.prev = entries[15]!.hash
    reseal(entries[17]!)
    expect(verifyChain(entries)).toEqual({
      ok: false,
      index: 17,
      reason: "entry 17: prev does not match the hash of entry 16 (dropped or reordered?)",
    })
  })

  it("the first entry's prev is not genesis (even with its hash recomputed)", () => {
    const entries = fresh()
    entries[0]!.prev = "1".repeat(64)
    reseal(entries[0]!)
    expect(verifyChain(entries)).toEqual({ ok: false, index: 0, reason: "entry 0: prev is not the genesis value (dropped or reordered?)" })
  })

  it("the hash changed", () => {
    const entries = fresh()
    entries[17]!.hash = "f".repeat(64)
    expect(verifyChain(entries)).toEqual(edited)
  })

  it("a value changed and the hash recomputed: the next entry's prev no longer matches", () => {
    const entries = fresh()
    entries[17]!.data.amount = 0
    reseal(entries[17]!)
    expect(verifyChain(entries)).toEqual({
      ok: false,
      index: 18,
      reason: "entry 18: prev does not match the hash of entry 17 (dropped or reordered?)",
    })
  })

  it("the first entry dropped", () => {
    expect(verifyChain(fresh().slice(1))).toEqual({ ok: false, index: 0, reason: "entry 0: index is 1 (dropped or reordered?)" })
  })

  it("a middle entry dropped", () => {
    const entries = fresh()
    entries.splice(17, 1)
    expect(verifyChain(entries)).toEqual({ ok: false, index: 17, reason: "entry 17: index is 18 (dropped or reordered?)" })
  })

  it("the last entry dropped: the chain verifies by itself, and is caught against the recorded head and length", () => {
    const cut = verifyChain(fresh().slice(0, 49))
    expect(cut).toEqual({ ok: true, head: ledger.entries[48]!.hash, length: 49 })
    expect(verifyAgainst(cut, seal)).toEqual({
      ok: false,
      index: 49,
      reason: "entry 49: missing; the ledger ends after 49 entries but results.json recorded 50 (cut short?)",
    })
  })

  it("all entries dropped: caught against the record", () => {
    expect(verifyAgainst(verifyChain([]), seal)).toEqual({
      ok: false,
      index: 0,
      reason: "entry 0: missing; the ledger ends after 0 entries but results.json recorded 50 (cut short?)",
    })
  })

  it("an entry duplicated", () => {
    const entries = fresh()
    entries.splice(18, 0, structuredClone(entries[17]!))
    expect(verifyChain(entries)).toEqual({ ok: false, index: 18, reason: "entry 18: index is 17 (dropped or reordered?)" })
  })

  it("the last entry duplicated", () => {
    const entries = fresh()
    entries.push(structuredClone(entries[49]!))
    expect(verifyChain(entries)).toEqual({ ok: false, index: 50, reason: "entry 50: index is 49 (dropped or reordered?)" })
  })

  it("two entries swapped", () => {
    const entries = fresh()
    ;[entries[17], entries[18]] = [entries[18]!, entries[17]!]
    expect(verifyChain(entries)).toEqual({ ok: false, index: 17, reason: "entry 17: index is 18 (dropped or reordered?)" })
  })

  it("two entries swapped with their indices and hashes fixed up: the links are broken", () => {
    const entries = fresh()
    ;[entries[17], entries[18]] = [entries[18]!, entries[17]!]
    entries[17]!.index = 17
    entries[18]!.index = 18
    reseal(entries[17]!)
    reseal(entries[18]!)
    expect(verifyChain(entries)).toEqual({
      ok: false,
      index: 17,
      reason: "entry 17: prev does not match the hash of entry 16 (dropped or reordered?)",
    })
  })

  describe("a forged entry inserted", () => {
    // The forger can make the inserted entry itself look right (index 17, prev =
    // hash of entry 16, hash recomputed). They cannot do that without breaking
    // what follows, unless they rewrite the whole tail; then only the head
    // recorded in results.json gives them away.
    const forge = (entries: ReturnType<typeof fresh>) => {
      const forged = { index: 17, tick: entries[16]!.tick, kind: "bounty", data: { proposalId: "p1", lab: 0, amount: 1e9 }, prev: entries[16]!.hash, hash: "" }
      reseal(forged)
      entries.splice(17, 0, forged as never)
      return entries
    }

    it("the forged entry passes, but the original entry after it now sits one place too late", () => {
      expect(verifyChain(forge(fresh()))).toEqual({ ok: false, index: 18, reason: "entry 18: index is 17 (dropped or reordered?)" })
    })

    it("later entries renumbered and resealed, but not relinked: the next link is broken", () => {
      const entries = forge(fresh())
      for (let i = 18; i < entries.length; i++) {
        entries[i]!.index = i
        reseal(entries[i]!)
      }
      expect(verifyChain(entries)).toEqual({
        ok: false,
        index: 18,
        reason: "entry 18: prev does not match the hash of entry 17 (dropped or reordered?)",
      })
    })

    it("the whole tail rewritten consistently: verifies by itself, caught by the recorded length", () => {
      const entries = forge(fresh())
      for (let i = 18; i < entries.length; i++) {
        entries[i]!.index = i
        entries[i]!.prev = entries[i - 1]!.hash
        reseal(entries[i]!)
      }
      const alone = verifyChain(entries)
      expect(alone.ok).toBe(true)
      expect(verifyAgainst(alone, seal)).toEqual({
        ok: false,
        index: 50,
        reason: "entry 50: not in the record; the ledger has 51 entries but results.json recorded 50 (appended?)",
      })
    })

    it("an entry edited and the whole tail rewritten consistently (same length): caught by the recorded head", () => {
      const entries = fresh()
      entries[17]!.data.amount = 0
      for (let i = 17; i < entries.length; i++) {
        if (i > 17) entries[i]!.prev = entries[i - 1]!.hash
        reseal(entries[i]!)
      }
      const alone = verifyChain(entries)
      expect(alone).toEqual({ ok: true, head: entries[49]!.hash, length: 50 })
      expect(verifyAgainst(alone, seal)).toEqual({
        ok: false,
        index: 49,
        reason: "entry 49: hash is not the head recorded in results.json (the chain was rewritten from some entry on)",
      })
    })
  })

  it("an entry appended at the end with a valid link: caught by the recorded length", () => {
    const entries = fresh()
    const extra = { index: 50, tick: 99, kind: "fine", data: { lab: 1, amount: 5 }, prev: entries[49]!.hash, hash: "" }
    reseal(extra)
    entries.push(extra as never)
    expect(verifyAgainst(verifyChain(entries), seal)).toEqual({
      ok: false,
      index: 50,
      reason: "entry 50: not in the record; the ledger has 51 entries but results.json recorded 50 (appended?)",
    })
  })

  it("verifyAgainst passes a failed result through unchanged", () => {
    const failed = { ok: false, index: 3, reason: "entry 3: hash does not match its contents (edited?)" } as const
    expect(verifyAgainst(failed, seal)).toBe(failed)
  })

  it("a chain verified against someone else's record fails on the head", () => {
    expect(verifyAgainst(verifyChain(fresh()), { head: mixedLedger(50, 1).head, length: 50 })).toMatchObject({ ok: false, index: 49 })
  })
})

describe("verifyChain: entries of the wrong shape", () => {
  it("an entry that is not an object", () => {
    const entries: Array<unknown> = fresh()
    entries[3] = "hello"
    expect(verifyChain(entries)).toEqual({ ok: false, index: 3, reason: "entry 3: is a string, not a ledger entry object" })
  })

  it("an entry missing its hash", () => {
    const entries = fresh()
    delete entries[3]!.hash
    expect(verifyChain(entries)).toEqual({ ok: false, index: 3, reason: 'entry 3: is missing its "hash" field' })
  })

  it("an entry with a field the hash does not cover", () => {
    const entries = fresh()
    entries[3]!.note = "trust me"
    expect(verifyChain(entries)).toEqual({ ok: false, index: 3, reason: 'entry 3: has unexpected field "note" (not covered by the hash)' })
  })

  it("an unknown kind", () => {
    const entries = fresh()
    entries[3]!.kind = "vote"
    expect(verifyChain(entries)).toMatchObject({ ok: false, index: 3, reason: expect.stringMatching(/^entry 3: field "kind" is malformed: .*got "vote"$/) })
  })

  it("a hash that is not 64 lowercase hex digits", () => {
    const entries = fresh()
    entries[3]!.hash = (entries[3]!.hash as string).toUpperCase()
    expect(verifyChain(entries)).toEqual({
      ok: false,
      index: 3,
      reason: `entry 3: field "hash" is malformed: Expected a SHA-256 hash (64 lowercase hex digits), got "${entries[3]!.hash}"`,
    })
  })

  it("a fractional tick", () => {
    const entries = fresh()
    entries[3]!.tick = 1.5
    expect(verifyChain(entries)).toEqual({ ok: false, index: 3, reason: 'entry 3: field "tick" is malformed: Expected an integer, got 1.5' })
  })
})

describe("verifyChain: properties", () => {
  it("changing any number in any entry's data is caught at that entry", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 49 }), fc.double({ noNaN: true, noDefaultInfinity: true }), (i, value) => {
        const entries = fresh()
        const key = Object.keys(entries[i]!.data).find((k) => typeof entries[i]!.data[k] === "number")!
        fc.pre(!Object.is(entries[i]!.data[key], value) && !(value === 0 && entries[i]!.data[key] === 0))
        entries[i]!.data[key] = value
        expect(verifyChain(entries)).toEqual({ ok: false, index: i, reason: `entry ${i}: hash does not match its contents (edited?)` })
      }),
    )
  })

  it("dropping any entry but the last is caught where it was", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 48 }), (i) => {
        const entries = fresh()
        entries.splice(i, 1)
        expect(verifyChain(entries)).toEqual({ ok: false, index: i, reason: `entry ${i}: index is ${i + 1} (dropped or reordered?)` })
      }),
    )
  })

  it("swapping any two entries is caught at the earlier one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 49 }), fc.integer({ min: 0, max: 49 }), (a, b) => {
        fc.pre(a !== b)
        const entries = fresh()
        ;[entries[a], entries[b]] = [entries[b]!, entries[a]!]
        const first = Math.min(a, b)
        expect(verifyChain(entries)).toEqual({ ok: false, index: first, reason: `entry ${first}: index is ${Math.max(a, b)} (dropped or reordered?)` })
      }),
    )
  })
})
