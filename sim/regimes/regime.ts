import type { RandomStream } from "../rng/streams.js"
import type { Governance, RegimeName } from "../scenario/governance.js"

/**
 * The one interface every governance regime implements. A regime is a pure
 * decision rule over plain typed arrays: it reads a ballot (who may vote, what
 * each voter gains if the proposal passes, what each holds) and returns the
 * outcome, the weight each voter cast, the gas each pays and the payments
 * labs make to sway it. The governance phase builds ballots from the state,
 * applies the payments through the accounts and records the ledger — the
 * regime never touches the state, so a test can call `decide` on five voters.
 *
 * A new regime is one file exporting a `RegimeFactory`, one line in
 * registry.ts, and its name and parameter block in sim/scenario/governance.ts.
 */

export type ActiveRegimeName = Exclude<RegimeName, "none">

/**
 * Everyone who could vote. Rows [0, labs) are labs, rows [labs, size) citizen
 * agents (each standing for `people[row]` persons). The arrays are copies made
 * by the phase at the decision; regimes read them and never write.
 */
export interface Electorate {
  readonly labs: number
  readonly size: number
  /** 1 if the row may vote now (active labs, every citizen agent) */
  readonly eligible: Uint8Array
  /** governance tokens held */
  readonly tokens: Float64Array
  /** persons (identities) the row stands for: 1 for a lab */
  readonly people: Float64Array
  /** capital the row can spend, USD */
  readonly capital: Float64Array
}

/** One proposal put to the electorate against the status quo. */
export interface Ballot {
  readonly electorate: Electorate
  readonly proposalId: number
  /** months since the proposal was made (continuous regimes expire old proposals) */
  readonly age: number
  /** u(proposal) − u(status quo) of each row: > 0 prefers the proposal */
  readonly gain: Float64Array
  /** 1 if the row takes part (its turnout draw this epoch, and it can pay the gas) */
  readonly participates: Uint8Array
  /** USD each row is willing to spend to sway this decision (labs' influence budgets; 0 for citizens) */
  readonly budget: Float64Array
  /** u(proposal) − u(status quo) of the central authority (its ideal: the citizens' per-lever median) */
  readonly authorityGain: number
  /** share of the treasury the proposal requests: added monthly spending / balance (conviction); may be Infinity */
  readonly requestedShare: number
}

/** Per-row outputs of a decision, allocated once by the caller; `decide` overwrites them. */
export interface Votes {
  /** USD of gas each row pays (burned) */
  readonly gas: Float64Array
  /** weight each row cast: > 0 for the proposal, < 0 against, 0 abstained */
  readonly cast: Float64Array
  /** which ballot of the call the row's cast applies to (−1: none) */
  readonly target: Int32Array
}

export type PaymentKind = "lobbying" | "tokens" | "identities" | "bribe"

/**
 * Money a lab spends to sway a decision, applied by the phase through the
 * accounts: lobbying is spent outside the model (a sink); tokens are bought
 * from the bonding curve, the USD going to the treasury; Sybil identities are
 * paid outside the model (a sink); bribes go to the delegate row `to`.
 */
export interface Payment {
  readonly from: number
  readonly kind: PaymentKind
  /** USD */
  readonly amount: number
  /** receiving row (bribes), else −1 */
  readonly to: number
  /** tokens bought, identities bought or persons whose votes were bought */
  readonly units: number
}

export interface Outcome {
  readonly status: "passed" | "rejected" | "open"
  /** why, in a few words (recorded on the ledger) */
  readonly reason: string
  /** voting weight for, against, and taking part without a side */
  readonly yes: number
  readonly no: number
  readonly abstain: number
  /** share of all eligible voting weight that took part */
  readonly turnout: number
  readonly quorumMet: boolean
  /** on-chain vote transactions (for gas and throughput) */
  readonly transactions: number
  /** the lab row whose spending decided the outcome (capture of the authority, bought votes, bribed delegates), else −1 */
  readonly influencedBy: number
  readonly payments: ReadonlyArray<Payment>
  /** regime-specific figures for the ledger's tally record (e.g. conviction and its threshold) */
  readonly detail?: Readonly<Record<string, number>>
}

export interface Regime {
  readonly name: ActiveRegimeName
  /** months from a decision to its enactment (before congestion delays) */
  readonly latency: number
  /** decides every open proposal every month until it passes or expires (conviction), instead of once at its epoch */
  readonly continuous: boolean
  /** whether votes are on-chain transactions that pay gas */
  readonly onChain: boolean
  /** share of the total weight a winning coalition needs, for the power indices */
  readonly quotaShare: number
  /**
   * Writes the voting weight each row would have now into out[0 .. size), and
   * the weight of a decider outside the electorate (the central authority)
   * into out[size]. Used for the concentration and power metrics.
   */
  weights(electorate: Electorate, out: Float64Array): void
  /**
   * Decides the ballots. Epoch regimes are given one ballot at a time (the
   * status quo moves between them); continuous regimes all open ones.
   * Returns one outcome per ballot, in order.
   */
  decide(ballots: ReadonlyArray<Ballot>, votes: Votes): ReadonlyArray<Outcome>
}

/** What a regime gets when the run is set up. */
export interface RegimeSetup {
  readonly governance: Governance
  /** rows that are labs, and all rows */
  readonly labs: number
  readonly size: number
  /** the regime's own random stream */
  readonly random: RandomStream
}

export type RegimeFactory = (setup: RegimeSetup) => Regime

// ---------------------------------------------------------------------------
// Shared pieces of the voting regimes

/** A proposal passes when yes > θ·(yes + no); nobody voting is a rejection. */
export const passes = (yes: number, no: number, threshold: number): boolean => yes + no > 0 && yes > threshold * (yes + no)

/** Running tally of a weighted vote. */
export interface Tally {
  yes: number
  no: number
  abstain: number
  /** all eligible weight */
  total: number
}

export const emptyTally = (): Tally => ({ yes: 0, no: 0, abstain: 0, total: 0 })

export const quorumMet = (t: Tally, quorum: number): boolean => t.yes + t.no + t.abstain >= quorum * t.total && t.total > 0

export const outcomeOf = (t: Tally, g: Governance): boolean => quorumMet(t, g.quorum) && passes(t.yes, t.no, g.threshold)

/**
 * Weight a lab must add to its side to win, when the added weight also joins
 * the total (new tokens, new identities): for the proposal it must meet the
 * quorum, (P + Δ) ≥ q·(W + Δ), and the threshold, yes + Δ > θ·(yes + Δ + no);
 * against it, yes ≤ θ·(yes + no + Δ). Returns Infinity when no Δ can do it.
 * The strict inequality is met by the caller checking the tally afterwards.
 */
export const weightNeeded = (t: Tally, g: Governance, forProposal: boolean): number => {
  const q = g.quorum
  const theta = g.threshold
  if (forProposal) {
    if (theta >= 1) return Infinity
    const forThreshold = (theta * t.no) / (1 - theta) - t.yes
    const taking = t.yes + t.no + t.abstain
    const forQuorum = q >= 1 ? (taking >= t.total ? 0 : Infinity) : (q * t.total - taking) / (1 - q)
    return Math.max(0, forThreshold, forQuorum)
  }
  return Math.max(0, t.yes / theta - t.yes - t.no)
}

/** A tiny relative margin so that a bought majority is strict despite rounding. */
export const withMargin = (x: number): number => x * (1 + 1e-9) + 1e-9

/** USD per Sybil identity that survives proof-of-personhood: cost / (1 − strength). */
export const sybilCost = (g: Governance): number =>
  g.identity.personhood >= 1 ? Infinity : g.identity.cost / (1 - g.identity.personhood)

/** Labs with something at stake, most willing to pay first (ties: lower row first). */
export const influencers = (b: Ballot): Array<number> => {
  const rows: Array<number> = []
  const e = b.electorate
  for (let i = 0; i < e.labs; i++) if (e.eligible[i] === 1 && b.budget[i]! > 0 && b.gain[i] !== 0) rows.push(i)
  // small allocation per decision; decisions are rare (once per proposal per epoch)
  return rows.sort((a, c) => b.budget[c]! - b.budget[a]! || a - c)
}

/** Zeroes the per-row outputs before a decision. */
export const clearVotes = (votes: Votes, size: number): void => {
  votes.gas.fill(0, 0, size)
  votes.cast.fill(0, 0, size)
  votes.target.fill(-1, 0, size)
}

/** Records `weight` cast by `row` on ballot `target`, on the side of its gain. */
export const castVote = (votes: Votes, row: number, weight: number, gain: number, target = 0): void => {
  votes.cast[row] = gain > 0 ? weight : gain < 0 ? -weight : 0
  votes.target[row] = target
}

/**
 * Sincere weighted vote: every eligible row's weight counts toward the total;
 * participating rows vote their side (gain > 0 yes, < 0 no, 0 abstain). Gas
 * per participating row with weight > 0: gasPerVote × transactions(row).
 * Returns the tally and the number of transactions.
 */
export const sincereTally = (
  b: Ballot,
  g: Governance,
  weight: (row: number) => number,
  transactions: (row: number) => number,
  votes: Votes,
  onChain: boolean,
): { tally: Tally; transactions: number } => {
  const e = b.electorate
  const t = emptyTally()
  let tx = 0
  for (let row = 0; row < e.size; row++) {
    if (e.eligible[row] !== 1) continue
    const w = weight(row)
    t.total += w
    if (b.participates[row] !== 1 || !(w > 0)) continue
    const gain = b.gain[row]!
    if (gain > 0) t.yes += w
    else if (gain < 0) t.no += w
    else t.abstain += w
    castVote(votes, row, w, gain)
    if (onChain) {
      const n = transactions(row)
      votes.gas[row] = g.gasPerVote * n
      tx += n
    }
  }
  return { tally: t, transactions: tx }
}

export const statusOf = (t: Tally, g: Governance): { status: "passed" | "rejected"; reason: string } => {
  if (!quorumMet(t, g.quorum)) return { status: "rejected", reason: "quorum not met" }
  return passes(t.yes, t.no, g.threshold)
    ? { status: "passed", reason: "yes above the threshold" }
    : { status: "rejected", reason: "yes not above the threshold" }
}

/**
 * The outcome of a tally under quorum and threshold, shared by the voting regimes:
 * `influence` says how the lab `influencedBy` swayed it (e.g. "bought the deciding tokens").
 */
export const tallyOutcome = (
  t: Tally,
  g: Governance,
  influencedBy: number,
  influence: string,
  transactions: number,
  payments: ReadonlyArray<Payment>,
): Outcome => {
  const { status, reason } = statusOf(t, g)
  return {
    status,
    reason: influencedBy >= 0 ? `${reason}; lab ${influencedBy} ${influence}` : reason,
    yes: t.yes,
    no: t.no,
    abstain: t.abstain,
    turnout: t.total > 0 ? (t.yes + t.no + t.abstain) / t.total : 0,
    quorumMet: t.yes + t.no + t.abstain >= g.quorum * t.total && t.total > 0,
    transactions,
    influencedBy,
    payments,
  }
}
