/** Deep merge for variant overrides: objects merge key by key; arrays and values replace. */
export const deepMerge = (base: unknown, override: unknown): unknown => {
  if (!isPlainObject(base) || !isPlainObject(override)) return override
  const out: Record<string, unknown> = { ...base }
  for (const key of Object.keys(override)) out[key] = deepMerge(base[key], override[key])
  return out
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)
