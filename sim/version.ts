/** The engine's version, recorded in every result (kept equal to package.json's by a test). */
export const engineVersion = "0.1.0"
