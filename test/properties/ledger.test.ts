import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Ledger, ledgerKinds } from "../../sim/ledger/chain.js"
import { verifyChain } from "../../sim/ledger/verify.js"
import { ledgerFields, mutateEntry } from "./ledger-mutation.js"
import { check } from "./support.js"

const record = fc.record({
  tick: fc.nat({ max: 1_000 }),
  kind: fc.constantFrom(...ledgerKinds),
  data: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
})

const build = (records: ReadonlyArray<{ tick: number; kind: (typeof ledgerKinds)[number]; data: Record<string, unknown> }>) => {
  const ledger = new Ledger()
  for (const r of records) ledger.append(r.tick, r.kind, r.data)
  return ledger
}

describe("ledger properties", () => {
  it("any sequence of appends verifies, and the head is the last hash", () => {
    check(fc.array(record, { maxLength: 30 }), (records) => {
      const ledger = build(records)
      const result = verifyChain(JSON.parse(JSON.stringify(ledger.entries)))
      expect(result).toEqual({ ok: true, head: ledger.head, length: records.length })
    }, { show: (records) => ({ records }) })
  })

  it("any single mutation of one field of one entry is detected at that entry or the next", () => {
    const arbitrary = fc.array(record, { minLength: 1, maxLength: 20 }).chain((records) =>
      fc.record({ records: fc.constant(records), at: fc.nat({ max: records.length - 1 }), field: fc.constantFrom(...ledgerFields), salt: fc.nat({ max: 1_000 }) })
    )
    check(arbitrary, ({ records, at, field, salt }) => {
      const entries = JSON.parse(JSON.stringify(build(records).entries)) as Array<Record<string, unknown>>
      mutateEntry(entries[at]!, field, salt)
      const result = verifyChain(entries)
      expect(result.ok).toBe(false)
      // an edited hash is caught at its own entry, or (when it still looks well formed) by the next entry's prev
      if (!result.ok) expect(result.index).toBe(at)
    })
  })
})
