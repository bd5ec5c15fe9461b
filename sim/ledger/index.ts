/** The tamper-evident ledger: build (chain), check (verify, jsonl), read (explain). */
export * from "./chain.js"
export * from "./explain.js"
export * from "./jsonl.js"
export { LedgerKind as LedgerKindSchema, LedgerEntry as LedgerEntrySchema, LedgerLine, LedgerSeal, Sha256Hex } from "./schema.js"
export * from "./verify.js"
