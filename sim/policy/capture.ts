/**
 * Capture, concretely: a decision is captured when it went against the
 * citizens' majority — what sincere one-citizen-one-vote over all citizens
 * (every person counted, nobody abstaining) would have chosen — AND toward the
 * dominant lab's preference (the active lab with the most capital). A tie among
 * citizens is a majority for the status quo; a dominant lab indifferent to the
 * proposal cannot have captured it.
 */

/** Persons for and against among citizen rows [from, to): the counterfactual sincere referendum. */
export const citizensReferendum = (
  gain: Float64Array,
  people: Float64Array,
  from: number,
  to: number,
): { readonly yes: number; readonly no: number } => {
  let yes = 0
  let no = 0
  for (let row = from; row < to; row++) {
    const g = gain[row]!
    if (g > 0) yes += people[row]!
    else if (g < 0) no += people[row]!
  }
  return { yes, no }
}

/** True when `passed` went against the citizens' majority and toward the dominant lab's preference. */
export const isCaptured = (passed: boolean, citizensYes: number, citizensNo: number, dominantGain: number): boolean => {
  const citizensWant = citizensYes > citizensNo
  if (passed === citizensWant || dominantGain === 0) return false
  return passed === dominantGain > 0
}
