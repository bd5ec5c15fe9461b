#!/usr/bin/env node
// The `aigov` command (package.json "bin"). It runs the bundled CLI, dist/aigov.js,
// which `npm ci` / `npm install` build through the "prepare" script. Plain JavaScript,
// so starting it needs neither a build step nor a TypeScript loader.
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `aigov needs Node >= 22.12, this is ${process.version} (${process.execPath}).\n` +
      "Run it as `npx aigov …` inside the project: npx puts the project's own Node 24 (node_modules/.bin/node) first.\n",
  )
  process.exit(4)
}

const bundle = new URL("../../dist/aigov.js", import.meta.url)
if (!existsSync(bundle)) {
  process.stderr.write(
    `aigov is not built: ${fileURLToPath(bundle)} is missing.\n` +
      "Build it with `npm run build:cli` (npm ci does it), or run from source with `npx tsx sim/cli/main.ts …`.\n",
  )
  process.exit(4)
}
await import(bundle.href)
