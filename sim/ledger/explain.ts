import type { LedgerEntry } from "./chain.js"

/**
 * "Why did this pass?", answered from the ledger alone.
 *
 * Convention for governance records (the governance phase writes these):
 * every proposal-related entry carries `data.proposalId` (a string or number),
 * which links them:
 *   proposal   { proposalId, lever, from, to, origin }           origin: who proposed it and why
 *   tally      { proposalId, regime, yes, no, abstain, turnout, quorum, threshold,
 *                votes: [{ voter, weight, choice, cost }], gasSpent }
 *              yes/no/abstain are voting weights; turnout, quorum and threshold are
 *              fractions in [0, 1]; votes lists the largest voters, largest first,
 *              and may be truncated
 *   decision   { proposalId, passed, reason }
 *   enactment  { proposalId, ... }                                 the tick it took effect
 *   capture    { proposalId, ... }                                 any fields saying by whom and how
 * Any field may be missing; the explanation then says "not recorded".
 */

export type ProposalId = string | number

export interface ExplainedVote {
  readonly voter: string
  readonly weight: number | undefined
  readonly choice: string | undefined
  readonly cost: number | undefined
  /** weight as a fraction of all weight cast (yes + no + abstain), when both are recorded */
  readonly share: number | undefined
}

export interface ExplainedEntry {
  /** position of the entry in its chain */
  readonly index: number
  readonly tick: number
}

export interface DecisionExplanation {
  /** 1-based: the N-th decision entry in the chain */
  readonly decisionNumber: number
  /** how many decision entries the chain holds */
  readonly decisionCount: number
  readonly proposalId: ProposalId | undefined
  readonly decision: ExplainedEntry & { readonly passed: boolean | undefined; readonly reason: string | undefined }
  readonly proposal:
    | (ExplainedEntry & { readonly lever: unknown; readonly from: unknown; readonly to: unknown; readonly origin: unknown })
    | undefined
  readonly tally:
    | (ExplainedEntry & {
      readonly regime: string | undefined
      readonly yes: number | undefined
      readonly no: number | undefined
      readonly abstain: number | undefined
      readonly turnout: number | undefined
      readonly quorum: number | undefined
      readonly threshold: number | undefined
      readonly gasSpent: number | undefined
      /** every vote the tally lists, largest weight first */
      readonly votes: ReadonlyArray<ExplainedVote> | undefined
    })
    | undefined
  /** capture records linked to the proposal, in chain order */
  readonly captures: ReadonlyArray<ExplainedEntry & { readonly data: Readonly<Record<string, unknown>> }>
  readonly enactment: (ExplainedEntry & { readonly data: Readonly<Record<string, unknown>> }) | undefined
  /** plain-text rendering, several lines */
  readonly text: string
}

export interface ExplainOptions {
  /** how many of the largest voters the text lists (default 5) */
  readonly topVoters?: number
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined)
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined)
const idOf = (entry: LedgerEntry): ProposalId | undefined => {
  const id = entry.data?.proposalId
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? id : undefined
}

/** A number for people: integers as they are, others to 4 significant digits. */
export const formatNumber = (n: number): string =>
  Number.isInteger(n) && Math.abs(n) < 1e15 ? String(n) : String(Number(n.toPrecision(4)))
const percent = (x: number): string => `${formatNumber(x * 100)}%`
const show = (v: unknown): string => {
  if (v === undefined) return "not recorded"
  if (typeof v === "number") return formatNumber(v)
  if (typeof v === "string") return v
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const parts = Object.keys(v).map((k) => `${k} ${show((v as Record<string, unknown>)[k])}`)
    return parts.length === 0 ? "not recorded" : parts.join(", ")
  }
  return JSON.stringify(v) ?? String(v)
}
const orNot = (n: number | undefined, render: (n: number) => string = formatNumber): string =>
  n === undefined ? "not recorded" : render(n)
const at = (e: ExplainedEntry): string => `entry ${e.index}, tick ${e.tick}`

/** Every decision in the chain, in order, with its 1-based number: the decision timeline. */
export const listDecisions = (
  entries: ReadonlyArray<LedgerEntry>,
): Array<{ readonly decisionNumber: number; readonly index: number; readonly tick: number; readonly proposalId: ProposalId | undefined; readonly passed: boolean | undefined }> => {
  const out: Array<{ decisionNumber: number; index: number; tick: number; proposalId: ProposalId | undefined; passed: boolean | undefined }> = []
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    if (e.kind !== "decision") continue
    const passed = e.data?.passed
    out.push({ decisionNumber: out.length + 1, index: i, tick: e.tick, proposalId: idOf(e), passed: typeof passed === "boolean" ? passed : undefined })
  }
  return out
}

const explainVotes = (raw: unknown, total: number | undefined): Array<ExplainedVote> | undefined => {
  if (!Array.isArray(raw)) return undefined
  const votes = raw.map((v): ExplainedVote => {
    const r = (v !== null && typeof v === "object" ? v : {}) as Record<string, unknown>
    const weight = num(r.weight)
    return {
      voter: str(r.voter) ?? "voter not recorded",
      weight,
      choice: str(r.choice),
      cost: num(r.cost),
      share: weight !== undefined && total !== undefined && total > 0 ? weight / total : undefined,
    }
  })
  // stable: equal weights keep the tally's order; unrecorded weights go last
  return votes
    .map((v, i) => ({ v, i }))
    .sort((a, b) => (b.v.weight ?? -Infinity) - (a.v.weight ?? -Infinity) || a.i - b.i)
    .map(({ v }) => v)
}

/**
 * Explains the `decisionNumber`-th (1-based) decision entry of one chain: what
 * was proposed and by whom, the tally, the largest voters and what voting cost
 * them, whether the decision was captured, and when it took effect. Returns
 * undefined when the chain has fewer decisions than that.
 */
export const explainDecision = (
  entries: ReadonlyArray<LedgerEntry>,
  decisionNumber: number,
  options: ExplainOptions = {},
): DecisionExplanation | undefined => {
  const decisions = listDecisions(entries)
  if (!Number.isInteger(decisionNumber) || decisionNumber < 1) return undefined
  const found = decisions[decisionNumber - 1]
  if (found === undefined) return undefined
  const decisionEntry = entries[found.index]!
  const id = found.proposalId
  const linked = (kind: LedgerEntry["kind"], from: number, to: number): Array<number> => {
    const out: Array<number> = []
    if (id === undefined) return out
    for (let i = Math.max(from, 0); i < Math.min(to, entries.length); i++) {
      if (entries[i]!.kind === kind && idOf(entries[i]!) === id) out.push(i)
    }
    return out
  }
  // the proposal and tally this decision closed are the latest before it; the enactment the first after it
  const proposalAt = linked("proposal", 0, found.index).at(-1)
  const tallyAt = linked("tally", 0, found.index + 1).at(-1)
  const enactmentAt = linked("enactment", found.index + 1, entries.length)[0]
  const captureAt = linked("capture", 0, entries.length)

  const reasonRaw = decisionEntry.data?.reason
  const decision = {
    index: found.index,
    tick: found.tick,
    passed: found.passed,
    reason: reasonRaw === undefined ? undefined : show(reasonRaw),
  }
  const proposal = proposalAt === undefined ? undefined : (() => {
    const e = entries[proposalAt]!
    return { index: proposalAt, tick: e.tick, lever: e.data.lever, from: e.data.from, to: e.data.to, origin: e.data.origin }
  })()
  const tally = tallyAt === undefined ? undefined : (() => {
    const d = entries[tallyAt]!.data
    const yes = num(d.yes), no = num(d.no), abstain = num(d.abstain)
    const total = yes !== undefined && no !== undefined ? yes + no + (abstain ?? 0) : undefined
    return {
      index: tallyAt,
      tick: entries[tallyAt]!.tick,
      regime: str(d.regime),
      yes,
      no,
      abstain,
      turnout: num(d.turnout),
      quorum: num(d.quorum),
      threshold: num(d.threshold),
      gasSpent: num(d.gasSpent),
      votes: explainVotes(d.votes, total),
    }
  })()
  const captures = captureAt.map((i) => ({ index: i, tick: entries[i]!.tick, data: entries[i]!.data }))
  const enactment = enactmentAt === undefined
    ? undefined
    : { index: enactmentAt, tick: entries[enactmentAt]!.tick, data: entries[enactmentAt]!.data }

  // the text
  const lines: Array<string> = []
  const outcome = decision.passed === true ? "PASSED" : decision.passed === false ? "FAILED" : "outcome not recorded"
  const idText = id === undefined ? "proposal (id not recorded)" : `proposal ${JSON.stringify(id)}`
  lines.push(`Decision ${decisionNumber} of ${decisions.length} (${at(decision)}): ${idText} ${outcome}.`)
  lines.push(`Reason: ${decision.reason ?? "not recorded"}.`)
  if (proposal === undefined) {
    lines.push("Proposal: not recorded.")
  } else {
    lines.push(`Proposed (${at(proposal)}): set ${show(proposal.lever)} from ${show(proposal.from)} to ${show(proposal.to)}.`)
    lines.push(`Origin: ${show(proposal.origin)}.`)
  }
  if (tally === undefined) {
    lines.push("Tally: not recorded.")
  } else {
    const yesShare = tally.yes !== undefined && tally.no !== undefined && tally.yes + tally.no > 0
      ? ` (yes is ${percent(tally.yes / (tally.yes + tally.no))} of yes + no)`
      : ""
    lines.push(
      `Tally under ${tally.regime ?? "a regime not recorded"} (${at(tally)}): yes ${orNot(tally.yes)}, no ${orNot(tally.no)}, abstain ${orNot(tally.abstain)}${yesShare}.`,
    )
    lines.push(
      `Turnout ${orNot(tally.turnout, percent)} against a quorum of ${orNot(tally.quorum, percent)}; threshold ${orNot(tally.threshold, percent)}; gas spent ${orNot(tally.gasSpent)}.`,
    )
    if (tally.votes === undefined || tally.votes.length === 0) {
      lines.push("Voters: not recorded.")
    } else {
      const top = Math.max(0, Math.floor(options.topVoters ?? 5))
      const shown = tally.votes.slice(0, top)
      lines.push(
        shown.length === tally.votes.length
          ? `Voters, largest first (${tally.votes.length} listed in the tally):`
          : `Largest ${shown.length} voters (of ${tally.votes.length} listed in the tally):`,
      )
      for (const v of shown) {
        const share = v.share === undefined ? "" : ` (${percent(v.share)} of weight cast)`
        lines.push(`  ${v.voter}: ${v.choice ?? "choice not recorded"}, weight ${orNot(v.weight)}${share}, cost ${orNot(v.cost)}`)
      }
    }
  }
  if (captures.length === 0) {
    lines.push("Capture: none recorded.")
  } else {
    for (const c of captures) {
      const { proposalId: _id, ...rest } = c.data
      lines.push(`Capture (${at(c)}): ${Object.keys(rest).length === 0 ? "details not recorded" : show(rest)}.`)
    }
  }
  if (enactment !== undefined) {
    lines.push(`Took effect at tick ${enactment.tick} (entry ${enactment.index}).`)
  } else if (decision.passed === false) {
    lines.push("Not enacted (it failed).")
  } else {
    lines.push("Enactment: not recorded (not yet in effect when the ledger ends?).")
  }
  return {
    decisionNumber,
    decisionCount: decisions.length,
    proposalId: id,
    decision,
    proposal,
    tally,
    captures,
    enactment,
    text: lines.join("\n"),
  }
}
