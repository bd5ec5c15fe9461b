import { Ledger, type LedgerEntry, type LedgerKind } from "../../sim/ledger/chain.js"

/**
 * A deterministic chain of `n` entries cycling through every kind, shaped like
 * what the governance, enforcement and training phases record.
 */
export const mixedLedger = (n = 50, salt = 0): Ledger => {
  const ledger = new Ledger()
  const kinds: ReadonlyArray<LedgerKind> = [
    "proposal",
    "tally",
    "decision",
    "enactment",
    "audit",
    "fine",
    "bounty",
    "slash",
    "provenance",
    "capture",
  ]
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length]!
    const proposalId = `p${Math.floor(i / kinds.length)}`
    const tick = Math.floor(i / 3)
    switch (kind) {
      case "proposal":
        ledger.append(tick, kind, { proposalId, lever: "computeCap", from: 100 + i, to: 90 + i, origin: { by: "citizens", why: "safety" } })
        break
      case "tally":
        ledger.append(tick, kind, {
          proposalId,
          regime: "token",
          yes: 60.5 + salt,
          no: 39.5,
          abstain: 0,
          turnout: 0.4,
          quorum: 0.2,
          threshold: 0.5,
          votes: [{ voter: "lab:0", weight: 30, choice: "yes", cost: 0.1 }],
          gasSpent: 1.25,
        })
        break
      case "decision":
        ledger.append(tick, kind, { proposalId, passed: i % 4 === 2, reason: "threshold met" })
        break
      default:
        ledger.append(tick, kind, { proposalId, lab: i % 7, amount: i * 1.5, note: null, flags: [true, false] })
    }
  }
  return ledger
}

/** The entries as they come back from a file: plain, mutable JSON copies. */
export const asParsed = (entries: ReadonlyArray<LedgerEntry>): Array<Record<string, unknown> & { data: Record<string, unknown> }> =>
  JSON.parse(JSON.stringify(entries))
