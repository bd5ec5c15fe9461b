import { chmodSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

/**
 * Builds the CLI into one ESM file, dist/aigov.js, with every dependency
 * bundled in (only Node's built-ins stay external): Node then loads one
 * file instead of resolving hundreds of modules, so `aigov --help` answers
 * fast. Run by `npm run build:cli`, and by `npm ci` through "prepare".
 */
const root = fileURLToPath(new URL("../..", import.meta.url))

export default defineConfig({
  root,
  publicDir: false,
  logLevel: "warn",
  ssr: { noExternal: true, target: "node" },
  build: {
    ssr: "sim/cli/main.ts",
    outDir: "dist",
    // dist/ also holds the viewer's build (dist/viz): never wipe it
    emptyOutDir: false,
    target: "node22",
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: { format: "es", entryFileNames: "aigov.js", codeSplitting: false },
    },
  },
  plugins: [
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
