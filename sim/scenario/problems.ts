import { Data, SchemaAST, SchemaIssue } from "effect"

/** One thing wrong with a scenario, named by its path (`governance.quorum`). */
export interface Problem {
  readonly path: string
  readonly message: string
}

/** A scenario refused before any work starts, with every problem found. */
export class ScenarioInvalid extends Data.TaggedError("ScenarioInvalid")<{
  readonly source: string
  readonly problems: ReadonlyArray<Problem>
}> {
  override get message(): string {
    return `${this.source}: ${this.problems.length} problem${this.problems.length === 1 ? "" : "s"}\n` +
      this.problems.map(formatProblem).join("\n")
  }
}

export const formatProblem = (p: Problem): string => (p.path === "" ? `  ${p.message}` : `  ${p.path}: ${p.message}`)

/** `["shocks", 0, "target"]` → `shocks[0].target`. */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string => {
  let out = ""
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`
    else out += out === "" ? String(key) : `.${String(key)}`
  }
  return out
}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** Flattens an Effect Schema issue into problems, adding did-you-mean to unknown keys. */
export const problemsFromIssue = (
  issue: SchemaIssue.Issue,
  root: SchemaAST.AST,
  input: unknown,
  prefix: ReadonlyArray<PropertyKey> = [],
): Array<Problem> =>
  formatter(issue).issues.map((i) => {
    const path = (i.path ?? []).map((k) => (typeof k === "object" ? k.key : k))
    let message = i.message
    if (message === "Expected no excess property") {
      const key = String(path[path.length - 1])
      const known = knownKeys(root, path.slice(0, -1), input)
      const guess = closest(key, known)
      message = `unknown key "${key}"` + (guess === undefined ? "" : ` (did you mean "${guess}"?)`) +
        (known.length > 0 ? `; expected one of: ${known.join(", ")}` : "")
    } else if (message === "Missing key") {
      message = "missing required key"
    } else {
      const value = valueAt(input, path)
      if (value !== undefined && !message.includes(", got")) message += `, got ${preview(value)}`
    }
    return { path: formatPath([...prefix, ...path]), message }
  })

const preview = (value: unknown): string => {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let node = input
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node
}

/** The property names the schema allows at `path` (unions: those of the member whose tag matches). */
const knownKeys = (ast: SchemaAST.AST, path: ReadonlyArray<PropertyKey>, input: unknown): Array<string> => {
  let nodes: Array<SchemaAST.AST> = [ast]
  let value = input
  for (const key of path) {
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined
    const next: Array<SchemaAST.AST> = []
    for (const node of nodes.flatMap(members)) {
      if (SchemaAST.isObjects(node)) {
        const ps = node.propertySignatures.find((p) => p.name === key)
        if (ps !== undefined) next.push(ps.type)
        else for (const index of node.indexSignatures) next.push(index.type)
      } else if (SchemaAST.isArrays(node) && typeof key === "number") {
        for (const r of node.rest) next.push(r)
      }
    }
    nodes = next
  }
  const candidates = nodes.flatMap(members).filter(SchemaAST.isObjects)
  const tag = value !== null && typeof value === "object" ? (value as Record<string, unknown>).kind : undefined
  const tagged = candidates.filter((o) => {
    const kind = o.propertySignatures.find((p) => p.name === "kind")
    return kind !== undefined && SchemaAST.isLiteral(kind.type) && kind.type.literal === tag
  })
  const chosen = tagged.length > 0 ? tagged : candidates
  return [...new Set(chosen.flatMap((o) => o.propertySignatures.map((p) => String(p.name))))]
}

const members = (ast: SchemaAST.AST): Array<SchemaAST.AST> => {
  const base = SchemaAST.toType(ast)
  return SchemaAST.isUnion(base) ? base.types.flatMap(members) : [base]
}

/** The known key nearest to `key` by edit distance, if it is near enough to be a typo. */
export const closest = (key: string, known: ReadonlyArray<string>): string | undefined => {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined
}

const editDistance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}
