import { chmodSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { type InlineConfig, build, defineConfig } from "vite"

/**
 * Builds the CLI into one ESM file, dist/aigov.js, with every dependency
 * bundled in (only Node's built-ins stay external): Node then loads one
 * file instead of resolving hundreds of modules, so `aigov --help` answers
 * fast. Run by `npm run build:cli`, and by `npm ci` through "prepare".
 *
 * The worker threads that run experiments on every core load a second,
 * smaller bundle, dist/worker.js (the engine and the message schemas, no
 * CLI), built right after the first by the plugin below: each bundle stays
 * one self-contained file, and no worker needs a TypeScript loader.
 */
const root = fileURLToPath(new URL("../..", import.meta.url))

const bundle = (entry: string, fileName: string): InlineConfig => ({
  root,
  configFile: false,
  publicDir: false,
  logLevel: "warn",
  ssr: { noExternal: true, target: "node" },
  build: {
    ssr: entry,
    outDir: "dist",
    // dist/ also holds the viewer's build (dist/viz): never wipe it
    emptyOutDir: false,
    target: "node22",
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: { format: "es", entryFileNames: fileName, codeSplitting: false },
    },
  },
})

const { configFile: _inline, ...cli } = bundle("sim/cli/main.ts", "aigov.js")

export default defineConfig({
  ...cli,
  plugins: [
    {
      name: "aigov-worker-bundle",
      apply: "build",
      // after dist/aigov.js, so the worker bundle is never older than the CLI (test/cli/helpers.ts checks the CLI's time)
      async closeBundle() {
        await build(bundle("sim/experiments/worker.ts", "worker.js"))
      },
    },
    {
      name: "aigov-bin-executable",
      // npm runs a package's own bin (`npx aigov` in this project) only if the file is executable;
      // a checkout that lost the mode bit (zip download, some Windows setups) gets it back here
      closeBundle() {
        chmodSync(new URL("bin.js", import.meta.url), 0o755)
      },
    },
  ],
})
