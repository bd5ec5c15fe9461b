import { ledgerKinds } from "../../sim/ledger/chain.js"

/** The parts of a ledger entry a tamper test changes: a field, an added data key, a data value in place. */
export type LedgerField = "index" | "tick" | "kind" | "data" | "dataValue" | "prev" | "hash"
export const ledgerFields: ReadonlyArray<LedgerField> = ["index", "tick", "kind", "data", "dataValue", "prev", "hash"]

/** A different value for one field of an entry (always changes it). */
export const mutateEntry = (entry: Record<string, unknown>, field: LedgerField, salt: number): void => {
  switch (field) {
    case "index":
    case "tick":
      entry[field] = (entry[field] as number) + 1 + salt
      break
    case "kind":
      entry.kind = ledgerKinds[(ledgerKinds.indexOf(entry.kind as never) + 1 + (salt % (ledgerKinds.length - 1))) % ledgerKinds.length]
      break
    case "data":
      entry.data = { ...(entry.data as object), __tampered: salt }
      break
    case "dataValue": {
      // one recorded value changed in place (a vote, a passed flag, a proposal id …)
      const data = { ...(entry.data as Record<string, unknown>) }
      const keys = Object.keys(data)
      if (keys.length === 0) data.__tampered = salt
      else {
        const key = keys[salt % keys.length]!
        const old = data[key]
        // (+1 is absorbed by large numbers such as a run's FLOP: halve those instead)
        data[key] = typeof old === "number" ? (old + 1 === old ? old / 2 : old + 1) : typeof old === "boolean" ? !old : JSON.stringify(old) === "\"x\"" ? "y" : "x"
      }
      entry.data = data
      break
    }
    case "prev":
    case "hash": {
      const h = entry[field] as string
      const i = salt % h.length
      entry[field] = h.slice(0, i) + (h[i] === "0" ? "1" : "0") + h.slice(i + 1)
    }
  }
}
