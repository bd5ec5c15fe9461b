import { defineConfig, type Plugin } from "vitest/config"

/**
 * The built viewer must open from file:// (drag a results.json onto it, no server).
 * Chromium refuses module scripts and `crossorigin` fetches from file:// pages, so the
 * page bundle is a classic IIFE script loaded with `defer`, and the worker is inlined
 * (a blob: URL, see viz/src/client.ts).
 */
const classicScripts = (): Plugin => ({
  name: "aigov:classic-scripts",
  apply: "build",
  enforce: "post",
  transformIndexHtml: {
    order: "post",
    handler: (html) => html.replace(/<script type="module" crossorigin/g, "<script defer").replace(/ crossorigin(?=[ >])/g, ""),
  },
})

// One config for the viewer (Vite, rooted at viz/) and the tests (Vitest).
export default defineConfig({
  root: "viz",
  base: "./",
  plugins: [classicScripts()],
  build: {
    outDir: "../dist/viz",
    emptyOutDir: true,
    modulePreload: false,
    // one stylesheet file: with an IIFE bundle Vite would otherwise inject CSS as <style>, which the CSP forbids
    cssCodeSplit: false,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { output: { format: "iife" } },
  },
  worker: { format: "iife" },
  test: {
    root: ".",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
  },
})
