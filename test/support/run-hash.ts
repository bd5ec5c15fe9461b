// Prints the hash of every run of a scenario file, one per line: used by the
// determinism test to compare hashes across separate processes.
import { readFileSync } from "node:fs"
import { Result } from "effect"
import { runOnce } from "../../sim/run.js"
import { loadScenarioText } from "../../sim/scenario/load.js"

const file = process.argv[2]!
const loaded = loadScenarioText(readFileSync(file, "utf8"), file)
if (Result.isFailure(loaded)) throw new Error(loaded.failure.message)
for (const v of loaded.success.variants) {
  for (let r = 0; r < v.scenario.replicates; r++) console.log(runOnce(v.name, v.scenario, r).hash)
}
