import { gini, hhi, nakamotoCoefficient, topKShare } from "../metrics/inequality.js"
import { powerIndices } from "../metrics/power.js"
import { citizensReferendum, isCaptured } from "../policy/capture.js"
import { LEVERS, MAX_DISTANCE, distance, leverNames } from "../policy/levers.js"
import { citizenUtility, labSalience, labUtility, medianIdeal } from "../policy/preferences.js"
import { type Proposal, leverRecord, makeProposals } from "../policy/proposals.js"
import type { Ballot, Electorate, Outcome, Votes } from "../regimes/regime.js"
import { regimeFactories } from "../regimes/registry.js"
import { applyLevers } from "../state/policy.js"
import type { Phase, PhaseContext } from "./phase.js"

/**
 * Players of the power indices: the POWER_NAMED largest holders individually,
 * and the rest of the weight split into equal small holders — a finite stand-in
 * for the "ocean" of small voters of oceanic games (Milnor & Shapley 1978), so
 * many small holders are not treated as one bloc. The ocean has at least
 * POWER_OCEAN_MIN players, more (up to POWER_OCEAN_MAX) so that none outweighs
 * the smallest named holder. Exact dynamic programme on POWER_UNITS integer
 * units when it costs at most POWER_EXACT_STEPS steps, else seeded Monte Carlo.
 */
export const POWER_NAMED = 30
export const POWER_OCEAN_MIN = 30
export const POWER_OCEAN_MAX = 70
export const POWER_UNITS = 6_000
export const POWER_EXACT_STEPS = 1e8
/** Monte Carlo samples per index when the exact programme is too dear (not reached with the bounds above). */
export const POWER_SAMPLES = 3_000
/** Voters listed on a tally record, largest first. */
const TALLY_VOTERS = 10

/**
 * The governance phase: every `epoch` months proposals to move the policy
 * levers arise (from incidents, citizens' discontent, the dominant lab's
 * lobbying); the scenario's regime decides each against the status quo; a
 * decision takes effect after the regime's latency (plus congestion when votes
 * exceed the chain's throughput). Each month it also pays the treasury's
 * appropriation, enacts what is due, records provenance of licensed training
 * runs, and spends the treasury on public safety research.
 *
 * Policy-then-update: every ballot is built from the state at the decision
 * (copies in the electorate), the regime decides, then the phase applies the
 * outcome — gas, lobbying, token purchases, Sybil identities, bribes — through
 * the accounts, and records proposal, tally, decision and capture on the ledger.
 *
 * Allocation: the per-citizen arrays are allocated once here; decisions are
 * rare (a few per epoch), so the small objects of a decision (proposals,
 * payments, ledger records) are allocated when one is made.
 *
 * With `regime: none` the phase does nothing and records nothing.
 */
export const governance = (context: PhaseContext): Phase => {
  const { scenario, state, accounts, streams, series, ledger } = context
  const g = scenario.governance
  if (g.regime === "none") return { name: "governance", step() {} }

  const { labs, citizens, world, policy } = state
  const L = labs.size
  const C = citizens.size
  const N = L + C
  const peoplePerAgent = scenario.populations.citizens.peoplePerAgent
  const random = streams("governance")
  const powerRandom = streams("governance/power")
  const regime = regimeFactories[g.regime]({ governance: g, labs: L, size: N, random: streams(`governance/${g.regime}`) })

  const electorate: Electorate = {
    labs: L,
    size: N,
    eligible: new Uint8Array(N),
    tokens: new Float64Array(N),
    people: new Float64Array(N).fill(1, 0, L).fill(peoplePerAgent, L, N),
    capital: new Float64Array(N),
  }
  const refresh = () => {
    for (let i = 0; i < L; i++) {
      electorate.eligible[i] = labs.active[i]!
      electorate.tokens[i] = labs.tokens[i]!
      electorate.capital[i] = labs.capital[i]!
    }
    electorate.eligible.fill(1, L, N)
    electorate.tokens.set(citizens.tokens, L)
    electorate.capital.set(citizens.capital, L)
  }
  const drawn = new Uint8Array(N) // who takes part this epoch
  const budget = new Float64Array(N)
  const votes: Votes = { gas: new Float64Array(N), cast: new Float64Array(N), target: new Int32Array(N) }
  const citizenGas = votes.gas.subarray(L)
  // one gain array per proposal a continuous regime can hold open at once; epoch regimes need one
  const openMax = regime.continuous ? 3 * (Math.ceil(g.conviction.lifetime / g.epoch) + 1) : 1
  const freeGains: Array<Float64Array> = Array.from({ length: openMax }, () => new Float64Array(N))
  const noBudget = new Float64Array(N)
  const salience = new Float64Array(L * LEVERS)
  const median = medianIdeal(citizens.ideal, C, new Float64Array(C), new Float64Array(LEVERS))
  const weights = new Float64Array(N + 1)
  const weightScratch = new Float64Array(N + 1)
  // room for the largest voters, power players and provenance records (up to the scenario's cap)
  const topSize = Math.max(POWER_NAMED, TALLY_VOTERS, Math.min(g.enforcement.maxProvenancePerTick, L))
  const topRows = new Int32Array(topSize)
  const topValues = new Float64Array(topSize)

  const appropriation = accounts.source("capital", "appropriation")
  const research = accounts.sink("capital", "public safety research")
  const gasFee = accounts.sink("capital", "gas")
  const lobbying = accounts.sink("capital", "lobbying")
  const identities = accounts.sink("capital", "identities")
  const tokenSale = accounts.source("tokens", "token sale")

  const column = (name: string) => series.column(name)
  const col = {
    gini: column("voting_weight_gini"),
    hhi: column("voting_weight_hhi"),
    nakamoto: column("voting_weight_nakamoto"),
    topK: column("voting_weight_top_k_share"),
    banzhafLargest: column("banzhaf_largest"),
    shapleyLargest: column("shapley_shubik_largest"),
    banzhafTopK: column("banzhaf_top_k"),
    shapleyTopK: column("shapley_shubik_top_k"),
    decisions: column("decisions"),
    passed: column("decisions_passed"),
    captured: column("captured_decisions"),
    captureRate: column("capture_rate"),
    latency: column("mean_latency"),
    gas: column("gas_spent"),
    influence: column("influence_spent"),
    turnout: column("turnout"),
    distance: column("policy_distance"),
    treasury: column("treasury"),
    research: column("public_research_spent"),
    ledger: column("ledger_entries"),
    coverage: column("provenance_coverage"),
    levers: leverNames.map((name) => column(`policy_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`)),
  }

  interface Open {
    readonly proposal: Proposal
    readonly gain: Float64Array
  }
  interface Pending {
    readonly due: number
    readonly proposalId: number
    readonly delta: Float64Array
  }
  const open: Array<Open> = []
  const pending: Array<Pending> = []
  let nextId = 0
  let incidentsSeen = 0
  const totals = { decisions: 0, passed: 0, captured: 0, latency: 0, gas: 0, influence: 0, research: 0 }
  let turnout = Number.NaN
  const metrics = { gini: 0, hhi: 0, nakamoto: 0, topK: 0, banzhafLargest: 0, shapleyLargest: 0, banzhafTopK: 0, shapleyTopK: 0 }

  // -- helpers ---------------------------------------------------------------

  const dominantLab = (): number => {
    let best = -1
    for (let i = 0; i < L; i++) if (labs.active[i] === 1 && (best < 0 || labs.capital[i]! > labs.capital[best]!)) best = i
    return best
  }

  const updateSalience = () => {
    for (let i = 0; i < L; i++) labSalience(g, labs.compute[i]!, labs.safetyShare[i]!, labs.compliance[i]!, policy.runFlop[i]!, salience, i * LEVERS)
  }

  /** gain[row] = u(target) − u(status quo) for every row. */
  const fillGains = (target: Float64Array, gain: Float64Array) => {
    const sq = policy.decided
    for (let i = 0; i < L; i++) gain[i] = labUtility(target, salience, i * LEVERS) - labUtility(sq, salience, i * LEVERS)
    for (let k = 0; k < C; k++) {
      gain[L + k] = citizenUtility(target, citizens.ideal, k * LEVERS) - citizenUtility(sq, citizens.ideal, k * LEVERS)
    }
  }

  /** The ballot of an open proposal; epoch regimes also get the labs' influence budgets (one ballot at a time). */
  const ballotFor = (o: Open, tick: number): Ballot => {
    if (!regime.continuous) {
      for (let i = 0; i < L; i++) budget[i] = g.influenceShare * labs.capital[i]! * Math.min(1, Math.abs(o.gain[i]!) / g.proposals.step)
    }
    return {
      electorate,
      proposalId: o.proposal.id,
      age: tick - o.proposal.tick,
      gain: o.gain,
      participates: drawn,
      budget: regime.continuous ? noBudget : budget,
      authorityGain: distance(policy.decided, median) - distance(o.proposal.target, median),
      requestedShare: o.proposal.requestedShare,
    }
  }

  /**
   * The `count` rows with the largest |values[row]| (ties: lower row), into
   * topRows/topValues; returns how many. With `target`, only rows whose target is `j`.
   */
  const largest = (values: Float64Array, n: number, count: number, target: Int32Array | null = null, ballot = 0): number => {
    let m = 0
    for (let row = 0; row < n; row++) {
      const v = Math.abs(values[row]!)
      if (!(v > 0) || (target !== null && target[row] !== ballot)) continue
      if (m === count && v <= topValues[m - 1]!) continue
      let j = m < count ? m++ : m - 1
      while (j > 0 && topValues[j - 1]! < v) {
        topValues[j] = topValues[j - 1]!
        topRows[j] = topRows[j - 1]!
        j--
      }
      topValues[j] = v
      topRows[j] = row
    }
    return m
  }

  const label = (row: number): string => (row < 0 ? "nobody" : row < L ? `lab ${row}` : row < N ? `citizen ${row - L}` : "authority")

  const enact = (tick: number, p: Pending) => {
    for (let l = 0; l < LEVERS; l++) policy.levers[l]! += p.delta[l]!
    applyLevers(policy, scenario)
    ledger.append(tick, "enactment", {
      proposalId: p.proposalId,
      levers: leverRecord(policy.levers),
      computeCap: policy.computeCap,
      safetyFloor: policy.safetyFloor,
      auditMandate: policy.auditMandate,
      safetyFunding: policy.safetyFunding,
      licenseThreshold: policy.licenseThreshold,
    })
  }

  /** Applies one outcome: payments, ledger, counters, and the decided change. */
  const settle = (tick: number, o: Open, outcome: Outcome, j: number, gasSpent: number) => {
    const proposal = o.proposal
    let influence = 0
    const costs = new Map<number, number>() // small allocation per decision
    for (const pay of outcome.payments) {
      const from = pay.from
      const amount = Math.min(pay.amount, labs.capital[from]!)
      if (!(amount > 0)) continue
      influence += amount
      costs.set(from, (costs.get(from) ?? 0) + amount)
      if (pay.kind === "lobbying") accounts.burn(lobbying, labs.capital, from, amount)
      else if (pay.kind === "identities") accounts.burn(identities, labs.capital, from, amount)
      else if (pay.kind === "tokens") {
        accounts.transfer("capital", labs.capital, from, world.treasury, 0, amount)
        accounts.mint(tokenSale, labs.tokens, from, pay.units)
      } else if (pay.to >= L) accounts.transfer("capital", labs.capital, from, citizens.capital, pay.to - L, amount)
      else if (pay.to >= 0) accounts.transfer("capital", labs.capital, from, labs.capital, pay.to, amount)
    }
    totals.influence += influence
    if (outcome.status === "open") return

    const passed = outcome.status === "passed"
    const referendum = citizensReferendum(o.gain, electorate.people, L, N)
    const dominant = dominantLab()
    const dominantGain = dominant >= 0 ? o.gain[dominant]! : 0
    const captured = isCaptured(passed, referendum.yes, referendum.no, dominantGain)
    const congestion = regime.continuous ? 0 : Math.max(0, Math.ceil(outcome.transactions / g.votesPerTick) - 1)
    const due = tick + regime.latency + congestion
    totals.decisions++
    if (passed) totals.passed++
    if (captured) totals.captured++
    if (passed) totals.latency += due - proposal.tick

    const top = largest(votes.cast, N, TALLY_VOTERS, votes.target, j)
    const listed: Array<Record<string, unknown>> = []
    for (let t = 0; t < top; t++) {
      const row = topRows[t]!
      const cast = votes.cast[row]!
      listed.push({ voter: label(row), weight: Math.abs(cast), choice: cast > 0 ? "yes" : "no", cost: votes.gas[row]! + (costs.get(row) ?? 0) })
    }
    ledger.append(tick, "tally", {
      proposalId: proposal.id,
      regime: regime.name,
      yes: outcome.yes,
      no: outcome.no,
      abstain: outcome.abstain,
      turnout: outcome.turnout,
      quorum: regime.onChain ? g.quorum : 0,
      threshold: g.threshold,
      quorumMet: outcome.quorumMet,
      transactions: outcome.transactions,
      votes: listed,
      gasSpent,
      influenceSpent: influence,
      ...(outcome.detail ?? {}),
    })
    ledger.append(tick, "decision", {
      proposalId: proposal.id,
      passed,
      reason: outcome.reason,
      influencedBy: label(outcome.influencedBy),
      enactTick: passed ? due : -1,
      latency: (passed ? due : tick) - proposal.tick,
    })
    if (captured) {
      ledger.append(tick, "capture", {
        proposalId: proposal.id,
        lab: label(dominant),
        passed,
        citizensFor: referendum.yes,
        citizensAgainst: referendum.no,
        mechanism: outcome.influencedBy >= 0 ? outcome.reason : "the regime's own rule",
      })
    }
    if (!passed) return
    const delta = new Float64Array(LEVERS)
    for (let l = 0; l < LEVERS; l++) {
      delta[l] = proposal.target[l]! - policy.decided[l]!
      policy.decided[l] = proposal.target[l]!
    }
    const change: Pending = { due, proposalId: proposal.id, delta }
    if (due <= tick) enact(tick, change)
    else pending.push(change)
  }

  /** Burns the gas the last decision charged (capped at what each row holds); returns it. */
  const payGas = (): number => {
    let total = 0
    for (let i = 0; i < L; i++) {
      const gas = Math.min(votes.gas[i]!, labs.capital[i]!)
      votes.gas[i] = gas
      if (gas > 0) accounts.burn(gasFee, labs.capital, i, gas)
      total += gas
    }
    for (let k = 0; k < C; k++) {
      const gas = Math.min(citizenGas[k]!, citizens.capital[k]!)
      citizenGas[k] = gas
      total += gas
    }
    accounts.burnEach(gasFee, citizens.capital, citizenGas, C)
    totals.gas += total
    return total
  }

  const recordWeights = () => {
    regime.weights(electorate, weights)
    const n = N + 1
    metrics.gini = gini(weights, n, weightScratch)
    metrics.hhi = hhi(weights, n)
    metrics.nakamoto = nakamotoCoefficient(weights, n, weightScratch)
    metrics.topK = topKShare(weights, n, scenario.metrics.topK, weightScratch)
    // power of the largest holders, the rest as an ocean of equal small holders
    const players = largest(weights, n, POWER_NAMED)
    let total = 0
    for (let row = 0; row < n; row++) total += weights[row]!
    let named = 0
    const game: Array<number> = [] // at most POWER_NAMED + POWER_OCEAN_MAX entries, once per epoch
    for (let j = 0; j < players; j++) {
      game.push(topValues[j]!)
      named += topValues[j]!
    }
    const rest = total - named
    if (rest > total * 1e-12) {
      // as many equal ocean holders as keep each no bigger than the smallest named one, within bounds
      const wanted = players > 0 ? Math.ceil(rest / topValues[players - 1]!) : POWER_OCEAN_MIN
      const pieces = Math.min(POWER_OCEAN_MAX, Math.max(POWER_OCEAN_MIN, wanted))
      for (let j = 0; j < pieces; j++) game.push(rest / pieces)
    }
    if (game.length === 0 || !(total > 0)) {
      metrics.banzhafLargest = metrics.shapleyLargest = metrics.banzhafTopK = metrics.shapleyTopK = 0
      return
    }
    // a coalition wins with more than quotaShare of the weight
    const quota = regime.quotaShare * total * (1 + 1e-9)
    const power = powerIndices(game, quota, { random: powerRandom.double, maxUnits: POWER_UNITS, exactMaxSteps: POWER_EXACT_STEPS, samples: POWER_SAMPLES })
    const k = Math.min(scenario.metrics.topK, players)
    metrics.banzhafLargest = power.banzhaf[0]!
    metrics.shapleyLargest = power.shapleyShubik[0]!
    metrics.banzhafTopK = 0
    metrics.shapleyTopK = 0
    for (let j = 0; j < k; j++) {
      metrics.banzhafTopK += power.banzhaf[j]!
      metrics.shapleyTopK += power.shapleyShubik[j]!
    }
  }

  // -- the month ---------------------------------------------------------------

  const provenance = (tick: number): number => {
    const threshold = g.enforcement.reportingThreshold
    let large = 0
    for (let i = 0; i < L; i++) {
      budget[i] = policy.licensed[i] === 1 ? policy.runFlop[i]! : 0
      if (labs.active[i] === 1 && policy.runFlop[i]! >= threshold) {
        large++
        policy.largeRuns[i]!++
      }
    }
    const recorded = largest(budget, L, Math.min(g.enforcement.maxProvenancePerTick, topRows.length))
    let covered = 0
    for (let j = 0; j < recorded; j++) {
      const i = topRows[j]!
      ledger.append(tick, "provenance", { lab: label(i), runFlop: policy.runFlop[i]!, licenseThreshold: policy.licenseThreshold, licenseFee: policy.licenseFee })
      if (policy.runFlop[i]! >= threshold) {
        covered++
        policy.provenanceRuns[i]!++
      }
    }
    return large > 0 ? covered / large : Number.NaN
  }

  const fundResearch = () => {
    const spend = Math.min(policy.safetyFunding, world.treasury[0]!)
    if (!(spend > 0) || !(world.computePrice > 0)) return
    // public safety research buys compute at today's price; its results are a
    // non-rival public good: every active lab's safety stock gains all of it
    const safetyFlop = (spend / world.computePrice) * scenario.economy.flopPerUnitTick * world.efficiency
    // a (sub)normal-tiny price can make the compute bought overflow: then there is nothing sane to buy
    if (!Number.isFinite(safetyFlop)) return
    accounts.burn(research, world.treasury, 0, spend)
    totals.research += spend
    for (let i = 0; i < L; i++) if (labs.active[i] === 1) labs.safetyStock[i]! += safetyFlop
  }

  const epoch = (tick: number) => {
    refresh()
    for (let i = 0; i < L; i++) drawn[i] = labs.active[i]!
    // one draw per citizen per epoch, whatever the regime, so streams stay paired across variants
    const gasReserve = regime.onChain ? g.gasPerVote * peoplePerAgent * (regime.continuous ? g.epoch : 3) : 0
    for (let k = 0; k < C; k++) {
      const u = random.uniform()
      drawn[L + k] = u < citizens.turnout[k]! && citizens.capital[k]! >= gasReserve ? 1 : 0
    }
    updateSalience()
    const dominant = dominantLab()
    const proposals = makeProposals(
      {
        governance: g,
        statusQuo: policy.decided,
        incidents: world.cumulativeIncidents - incidentsSeen,
        median,
        dominant,
        dominantSalience: dominant >= 0 ? salience.subarray(dominant * LEVERS, dominant * LEVERS + LEVERS) : new Float64Array(LEVERS),
        treasury: world.treasury[0]!,
      },
      tick,
      nextId,
    )
    incidentsSeen = world.cumulativeIncidents
    nextId += proposals.length
    let turnoutSum = 0
    let decided = 0
    for (const proposal of proposals) {
      const changed: Array<string> = []
      for (let l = 0; l < LEVERS; l++) if (proposal.target[l] !== proposal.from[l]) changed.push(leverNames[l]!)
      ledger.append(tick, "proposal", {
        proposalId: proposal.id,
        lever: changed,
        from: leverRecord(proposal.from),
        to: leverRecord(proposal.target),
        origin: proposal.origin === "lobbying" ? `lobbying by ${label(proposal.proposer)}` : proposal.origin,
        requestedShare: Number.isFinite(proposal.requestedShare) ? proposal.requestedShare : -1,
      })
      if (regime.continuous) {
        // a proposal beyond the open-proposal capacity is recorded but never put to the holders
        const gain = freeGains.pop()
        if (gain !== undefined) open.push({ proposal, gain })
        continue
      }
      // epoch regimes: decide now, against the status quo left by the proposals before it
      refresh()
      const o: Open = { proposal, gain: freeGains[0]! }
      fillGains(proposal.target, o.gain)
      const outcome = regime.decide([ballotFor(o, tick)], votes)[0]!
      settle(tick, o, outcome, 0, payGas())
      turnoutSum += outcome.turnout
      decided++
    }
    if (decided > 0) turnout = turnoutSum / decided
    refresh()
    recordWeights()
  }

  const continuousStep = (tick: number) => {
    if (open.length === 0) return
    refresh()
    for (const o of open) fillGains(o.proposal.target, o.gain)
    const outcomes = regime.decide(open.map((o) => ballotFor(o, tick)), votes)
    const gasSpent = payGas()
    turnout = outcomes[0]!.turnout // staked share of all tokens, the same for every open proposal
    // settle in order (the status quo moves as proposals pass); closed ones free their gain arrays
    const before = open.splice(0, open.length)
    for (let j = 0; j < before.length; j++) {
      settle(tick, before[j]!, outcomes[j]!, j, j === 0 ? gasSpent : 0)
      if (outcomes[j]!.status === "open") open.push(before[j]!)
      else freeGains.push(before[j]!.gain)
    }
  }

  return {
    name: "governance",
    step(tick) {
      if (g.appropriation > 0) accounts.mint(appropriation, world.treasury, 0, g.appropriation)
      for (let p = 0; p < pending.length; ) {
        if (pending[p]!.due <= tick) {
          enact(tick, pending[p]!)
          pending.splice(p, 1)
        } else p++
      }
      const coverage = provenance(tick)
      fundResearch()
      if (tick % g.epoch === g.epoch - 1) epoch(tick)
      if (regime.continuous) continuousStep(tick)

      col.gini[tick] = metrics.gini
      col.hhi[tick] = metrics.hhi
      col.nakamoto[tick] = metrics.nakamoto
      col.topK[tick] = metrics.topK
      col.banzhafLargest[tick] = metrics.banzhafLargest
      col.shapleyLargest[tick] = metrics.shapleyLargest
      col.banzhafTopK[tick] = metrics.banzhafTopK
      col.shapleyTopK[tick] = metrics.shapleyTopK
      col.decisions[tick] = totals.decisions
      col.passed[tick] = totals.passed
      col.captured[tick] = totals.captured
      col.captureRate[tick] = totals.decisions > 0 ? totals.captured / totals.decisions : Number.NaN
      // months from proposal to enactment, over the decisions that passed
      col.latency[tick] = totals.passed > 0 ? totals.latency / totals.passed : Number.NaN
      col.gas[tick] = totals.gas
      col.influence[tick] = totals.influence
      col.turnout[tick] = turnout
      col.distance[tick] = distance(policy.levers, median) / MAX_DISTANCE
      col.treasury[tick] = world.treasury[0]!
      col.research[tick] = totals.research
      col.coverage[tick] = coverage
      for (let l = 0; l < LEVERS; l++) col.levers[l]![tick] = policy.levers[l]!
      // the enforcement phase runs after this one and records after it; this is the count so far
      col.ledger[tick] = ledger.length
    },
  }
}
