import { defineConfig } from "vitest/config"

// One config for the viewer (Vite, rooted at viz/) and the tests (Vitest).
export default defineConfig({
  root: "viz",
  build: { outDir: "../dist/viz", emptyOutDir: true },
  test: {
    root: ".",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
  },
})
