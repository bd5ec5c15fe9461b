import { createReadStream, existsSync, statSync } from "node:fs"
import { type Server, createServer } from "node:http"
import { extname, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { InputUnreadable, UsageProblem, exitCodesHelp } from "./errors.js"
import { helpText } from "./help.js"

const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".jsonl": "application/x-ndjson",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
}

/** The built viewer, beside the bundled CLI (dist/aigov.js → dist/viz/). */
export const viewerRoot = (): string => fileURLToPath(new URL("./viz/", import.meta.url))

/**
 * The file a request path names under one of the roots (the viewer's first),
 * or undefined: never a path outside them (resolve, then check the prefix).
 */
export const resolveRequest = (roots: ReadonlyArray<string>, urlPath: string): string | undefined => {
  let path: string
  try {
    path = decodeURIComponent(urlPath.split("?")[0]!)
  } catch {
    return undefined
  }
  if (path === "/") path = "/index.html"
  for (const root of roots) {
    const base = resolve(root)
    const file = resolve(base, `.${path}`)
    if (!file.startsWith(base + sep)) continue
    if (existsSync(file) && statSync(file).isFile()) return file
  }
  return undefined
}

/** A static server on 127.0.0.1 for the viewer and one results folder (the contract in viz/README.md). */
export const serveViewer = (roots: ReadonlyArray<string>, port: number): Promise<Server> =>
  new Promise((done, fail) => {
    const server = createServer((request, response) => {
      const file = request.method === "GET" ? resolveRequest(roots, request.url ?? "/") : undefined
      const headers = { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" }
      if (file === undefined) {
        response.writeHead(request.method === "GET" ? 404 : 405, { ...headers, "Content-Type": "text/plain" })
        response.end("not found\n")
        return
      }
      response.writeHead(200, {
        ...headers,
        "Content-Type": contentTypes[extname(file)] ?? "application/octet-stream",
        "Content-Length": statSync(file).size,
      })
      createReadStream(file).pipe(response)
    })
    server.once("error", fail)
    server.listen(port, "127.0.0.1", () => done(server))
  })

/** `aigov view DIR`: serves the viewer and a results folder on 127.0.0.1 and prints the URL. */
export const view = Command.make(
  "view",
  {
    dir: Argument.String("dir").pipe(Argument.withDescription("a results folder written by run, compare or sweep")),
    port: Flag.Int("port").pipe(Flag.withDefault(0), Flag.withDescription("port on 127.0.0.1 (0: any free port)")),
  },
  ({ dir, port }) =>
    Effect.gen(function* () {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) return yield* new InputUnreadable({ path: dir, reason: "not a results folder" })
      if (!existsSync(resolve(dir, "results.json"))) return yield* new InputUnreadable({ path: resolve(dir, "results.json"), reason: "missing" })
      const viewer = viewerRoot()
      if (!existsSync(resolve(viewer, "index.html"))) {
        return yield* new InputUnreadable({ path: viewer, reason: "the viewer is not built (npm run build:viz; npm ci does it)" })
      }
      if (port < 0 || port > 65535) return yield* new UsageProblem({ reason: `--port must be 0..65535, got ${port}` })
      const server = yield* Effect.tryPromise({
        try: () => serveViewer([viewer, dir], port),
        catch: (e) => new UsageProblem({ reason: `cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}` }),
      })
      const address = server.address()
      const actual = typeof address === "object" && address !== null ? address.port : port
      process.stdout.write(`aigov viewer: http://127.0.0.1:${actual}/?results=results.json\n(serving ${resolve(dir)}; Ctrl-C to stop)\n`)
      // serve until interrupted; closing the server lets the process exit cleanly
      yield* Effect.never.pipe(Effect.ensuring(Effect.sync(() => server.close())))
    }),
).pipe(
  Command.withShortDescription("open results in the browser viewer (a local server on 127.0.0.1)"),
  Command.withDescription(
    helpText([
      "Serves the built viewer and the results folder from one local server on 127.0.0.1 and prints " +
        "the URL to open: the page loads results.json (and ledger.jsonl, for the decision timeline) " +
        "from the folder. The built viewer also works without a server: open dist/viz/index.html and " +
        "drop a results.json on it.",
      exitCodesHelp,
    ]),
  ),
  Command.withExamples([{ command: "aigov view out/regimes", description: "compare the regimes in the browser" }]),
)
