import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"

/**
 * Canonical JSON: object keys sorted, no whitespace, numbers as JavaScript prints
 * them (shortest round-trip form, identical in every engine). Used for hashes.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`cannot hash non-finite number ${value}`)
    return JSON.stringify(value) ?? "null"
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  if (ArrayBuffer.isView(value)) return canonicalJson(Array.from(value as unknown as ArrayLike<number>))
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(",")}}`
}

/** SHA-256 of a string (UTF-8), hex. Synchronous and identical in Node and the browser. */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)))

/**
 * SHA-256 over named Float64 columns, in name order: each name (UTF-8, then a NUL)
 * followed by its values as little-endian IEEE-754 doubles. Byte-exact, so two runs
 * hash alike only if every value is bit-identical.
 */
export const hashColumns = (columns: Readonly<Record<string, Float64Array>>, extra = ""): string => {
  const hash = sha256.create()
  hash.update(utf8ToBytes(extra))
  for (const name of Object.keys(columns).sort()) {
    const values = columns[name]!
    hash.update(utf8ToBytes(`${name}\u0000`))
    const bytes = new Uint8Array(values.length * 8)
    const view = new DataView(bytes.buffer)
    for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true)
    hash.update(bytes)
  }
  return bytesToHex(hash.digest())
}
