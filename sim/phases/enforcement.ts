import { RULES, RULE_CAP, RULE_FLOOR, ruleNames } from "../policy/levers.js"
import type { Phase, PhaseContext } from "./phase.js"
import { exp } from "../math/fdlibm.js"

/**
 * The enforcement phase: every governance epoch auditors check labs against
 * the enacted policy, then labs decide whether to obey it until the next epoch.
 *
 * Audits. round(auditMandate × active labs) labs are drawn without
 * replacement; audit j goes to the eligible auditors (stake ≥ minStake,
 * capacity > 0) in rotation. An auditor given n audits works at effort
 * e = min(1, capacity / n). An audit detects each violation of the epoch
 * (months over the cap, under the safety floor, or training unlicensed above
 * the threshold) with probability
 *   p = 1 − exp(−κ · e · (1 + τ · π_i)),
 * π_i the share of the lab's large runs this epoch that carry an on-ledger
 * provenance record: transparent labs are easier to check. An honest audit
 * (probability = the auditor's honesty) reports what it detects; a dishonest
 * one reports every binding rule as violated, true or not, to collect bounties.
 * Findings are adjudicated exactly: a true finding fines the lab fineShare of
 * its capital into the treasury and pays the auditor bountyShare of the fine
 * from it; a false one slashes slashShare of the auditor's stake (burned).
 *
 * Compliance. Lab i then defies each binding rule for the next epoch with
 * probability (1 − c_i)·(1 − D_i), c_i its compliance propensity and
 * D_i = auditMandate · (1 − exp(−κ(1 + τπ_i))) the chance it expects to be
 * caught (0 with no eligible auditor): deterrence.
 *
 * With `regime: none` there is no policy to enforce and the phase does nothing.
 */
export const enforcement = ({ scenario, state, accounts, streams, series, ledger }: PhaseContext): Phase => {
  const g = scenario.governance
  if (g.regime === "none") return { name: "enforcement", step() {} }
  const { labs, auditors, world, policy } = state
  const e = g.enforcement
  const L = labs.size
  const A = auditors.size
  const random = streams("enforcement")
  const slashing = accounts.sink("tokens", "slashing")
  const candidates = new Int32Array(L)
  const eligible = new Int32Array(A)
  const assigned = new Int32Array(A)
  const audited = new Int32Array(L)
  const auditorOf = new Int32Array(L)
  let epochs = 0
  const totals = { audits: 0, found: 0, falseFindings: 0, fines: 0, bounties: 0, slashed: 0 }
  const col = {
    audits: series.column("audits"),
    found: series.column("violations_found"),
    falseFindings: series.column("false_findings"),
    fines: series.column("fines"),
    bounties: series.column("bounties"),
    slashed: series.column("slashed"),
    violating: series.column("violating_labs"),
  }

  const eligibleAuditors = (): number => {
    let n = 0
    for (let a = 0; a < A; a++) if (auditors.stake[a]! >= e.minStake && auditors.capacity[a]! > 0) eligible[n++] = a
    return n
  }

  const provenanceShare = (i: number): number => (policy.largeRuns[i]! > 0 ? policy.provenanceRuns[i]! / policy.largeRuns[i]! : 0)

  const binds = (i: number, rule: number): boolean =>
    rule === RULE_CAP ? labs.compute[i]! > policy.computeCap
    : rule === RULE_FLOOR ? labs.safetyShare[i]! < policy.safetyFloor
    : policy.runFlop[i]! >= policy.licenseThreshold

  /** Labs decide, per rule, whether to defy it until the next epoch. */
  const decideCompliance = (haveAuditors: boolean) => {
    for (let i = 0; i < L; i++) {
      const caught = haveAuditors ? policy.auditMandate * (1 - exp(-e.detection * (1 + e.transparency * provenanceShare(i)))) : 0
      const defy = (1 - labs.compliance[i]!) * (1 - caught)
      for (let r = 0; r < RULES; r++) policy.defiant[i * RULES + r] = random.double() < defy ? 1 : 0
    }
  }

  const audit = (tick: number, n: number) => {
    let active = 0
    for (let i = 0; i < L; i++) if (labs.active[i] === 1) candidates[active++] = i
    const k = n === 0 ? 0 : Math.min(active, Math.round(policy.auditMandate * active))
    // partial Fisher–Yates: the first k of `candidates` are a uniform sample
    for (let j = 0; j < k; j++) {
      const pick = j + Math.floor(random.double() * (active - j))
      const row = candidates[pick]!
      candidates[pick] = candidates[j]!
      candidates[j] = row
    }
    assigned.fill(0)
    for (let j = 0; j < k; j++) {
      const a = eligible[(epochs + j) % n]!
      audited[j] = candidates[j]!
      auditorOf[j] = a
      assigned[a]!++
    }
    for (let j = 0; j < k; j++) {
      const i = audited[j]!
      const a = auditorOf[j]!
      const effort = Math.min(1, auditors.capacity[a]! / assigned[a]!)
      const transparency = provenanceShare(i)
      const p = 1 - exp(-e.detection * effort * (1 + e.transparency * transparency))
      const honest = random.double() < auditors.honesty[a]!
      // small allocation per audit; audits happen once per epoch
      const findings: Array<Record<string, unknown>> = []
      for (let r = 0; r < RULES; r++) {
        const u = random.double()
        const violated = policy.violations[i * RULES + r]! > 0
        const reported = honest ? violated && u < p : binds(i, r) || violated
        if (!reported) continue
        const rule = ruleNames[r]!
        if (violated) {
          const fine = e.fineShare * labs.capital[i]!
          accounts.transfer("capital", labs.capital, i, world.treasury, 0, fine)
          const bounty = Math.min(e.bountyShare * fine, world.treasury[0]!)
          accounts.transfer("capital", world.treasury, 0, auditors.capital, a, bounty)
          totals.found++
          totals.fines += fine
          totals.bounties += bounty
          findings.push({ rule, true: true, fine, bounty })
          ledger.append(tick, "fine", { lab: `lab ${i}`, rule, amount: fine, auditor: `auditor ${a}`, months: policy.violations[i * RULES + r]! })
          ledger.append(tick, "bounty", { auditor: `auditor ${a}`, lab: `lab ${i}`, rule, amount: bounty })
        } else {
          const slash = e.slashShare * auditors.stake[a]!
          accounts.burn(slashing, auditors.stake, a, slash)
          totals.falseFindings++
          totals.slashed += slash
          findings.push({ rule, true: false, slashed: slash })
          ledger.append(tick, "slash", { auditor: `auditor ${a}`, lab: `lab ${i}`, rule, amount: slash })
        }
      }
      totals.audits++
      ledger.append(tick, "audit", {
        lab: `lab ${i}`,
        auditor: `auditor ${a}`,
        effort,
        detection: p,
        provenanceShare: transparency,
        honest,
        findings,
      })
    }
  }

  // labs' first decisions, before any epoch (against the initial policy)
  decideCompliance(eligibleAuditors() > 0)

  return {
    name: "enforcement",
    step(tick) {
      let violating = 0
      for (let i = 0; i < L; i++) {
        let any = false
        for (let r = 0; r < RULES; r++) if (policy.violations[i * RULES + r]! > 0) any = true
        if (any) violating++
      }
      col.violating[tick] = violating
      if (tick % g.epoch === g.epoch - 1) {
        const n = eligibleAuditors()
        audit(tick, n)
        decideCompliance(n > 0)
        policy.violations.fill(0)
        policy.largeRuns.fill(0)
        policy.provenanceRuns.fill(0)
        epochs++
      }
      col.audits[tick] = totals.audits
      col.found[tick] = totals.found
      col.falseFindings[tick] = totals.falseFindings
      col.fines[tick] = totals.fines
      col.bounties[tick] = totals.bounties
      col.slashed[tick] = totals.slashed
    },
  }
}
