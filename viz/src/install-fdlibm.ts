import { cos, exp, log, log10 } from "./fdlibm.js"

/**
 * Imported first by the worker: the engine's Math.exp, log, log10 and cos become
 * fdlibm's, as Node's V8 computes them, so a run in any browser gives the CLI's
 * bits (see fdlibm.ts for why). Affects only the worker's own global scope.
 */
Math.exp = exp
Math.log = log
Math.log10 = log10
Math.cos = cos
