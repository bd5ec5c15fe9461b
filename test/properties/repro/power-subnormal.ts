/**
 * Reproduction for a known hang (see governance.test.ts, "known failures"), run in
 * a child process with a timeout because it never returns: the power indices of
 * a game whose total weight is so small (< maxUnits / Number.MAX_VALUE ≈ 3e-305)
 * that toIntegerGame's scale maxUnits / total overflows to Infinity. Exits 0 if
 * powerIndices returns. Usage: npx tsx test/properties/repro/power-subnormal.ts
 */
import { powerIndices } from "../../../sim/metrics/power.js"

// what the governance phase passes for four labs and 13 citizens each holding 8e-323 tokens:
// the four named holders and an ocean of 30 equal small ones (sim/phases/governance.ts recordWeights)
const game = [8e-323, 8e-323, 8e-323, 8e-323, ...Array.from({ length: 30 }, () => (13 * 8e-323) / 30)]
const total = game.reduce((a, b) => a + b, 0)
let seed = 1
powerIndices(game, 0.5 * total * (1 + 1e-9), {
  random: () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647,
  maxUnits: 6_000,
  exactMaxSteps: 1e8,
  samples: 3_000,
})
console.log("powerIndices returned")
