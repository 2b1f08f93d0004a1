import { assessmentStatus } from '../../advisory/assessment.js';
import { addDays } from '../../advisory/days.js';
import { dimensions } from './dimensions.js';
import {
  drawdownFindings,
  feeFindings,
  idleCashFindings,
  liquidityFindings,
  maturityFindings,
} from './findings-money.js';
import {
  assessmentFindings,
  concentrationFindings,
  driftFindings,
  overlapFindings,
  riskMismatchFindings,
} from './findings-risk.js';
import { DEFAULT_CHECKUP_POLICY } from './policy.js';
import { portfolioView } from './positions.js';
import type { Checkup, CheckupInput, Finding, FindingCode, Severity } from './types.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2 };

/** Within one severity, what a customer should look at first. */
const CODE_PRIORITY: readonly FindingCode[] = [
  'assessment_expired',
  'risk_mismatch',
  'liquidity_low',
  'deep_drawdown',
  'concentration',
  'allocation_drift',
  'overlap',
  'maturity_soon',
  'idle_cash_high',
  'high_fees',
];

const atStake = (f: Finding): number => {
  const n = f.numbers;
  for (const k of ['value_fen', 'excess_fen', 'locked_fen', 'reserve_fen'])
    if (typeof n[k] === 'number') return n[k];
  return 0;
};

/** Severity first, then the code's priority, then the money at stake. */
export const prioritise = (findings: readonly Finding[]): Finding[] =>
  [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CODE_PRIORITY.indexOf(a.code) - CODE_PRIORITY.indexOf(b.code) ||
      atStake(b) - atStake(a),
  );

/**
 * The wealth check-up (财富体检) of one customer on `asOf`: an overall score 0–100 (weighted mean of six
 * dimension scores, capped while the risk assessment is invalid), the dimension scores and the prioritised
 * findings, each with the products involved, its figures, a severity, a bilingual message and an action that
 * links to an allocation proposal. Thresholds come from a versioned policy. Pure.
 */
export const runCheckup = (input: CheckupInput): Checkup => {
  addDays(input.asOf, 0, 'asOf');
  const p = input.policy ?? DEFAULT_CHECKUP_POLICY;
  const v = portfolioView(input, p);
  const overlaps = overlapFindings(v, p);
  const findings = prioritise([
    ...assessmentFindings(input),
    ...riskMismatchFindings(input, v, p),
    ...concentrationFindings(v, p),
    ...overlaps,
    ...driftFindings(v, p),
    ...liquidityFindings(v, p),
    ...idleCashFindings(v, p),
    ...maturityFindings(input, v, p),
    ...drawdownFindings(v, p),
    ...feeFindings(input, v, p),
  ]);
  const status = assessmentStatus(input.customer, input.asOf, input.suitabilityPolicy).status;
  const invalid = status === 'expired' || status === 'missing';
  const dims = dimensions(v, findings, invalid, input.shelf, p);
  const wsum = dims.reduce((s, d) => s + d.weight, 0);
  const mean = Math.round(dims.reduce((s, d) => s + d.weight * d.score, 0) / wsum);
  return {
    as_of: input.asOf,
    policy_version: p.version,
    score: invalid ? Math.min(mean, p.expiredScoreCap) : mean,
    dimensions: dims,
    findings,
    totals: {
      invested_fen: v.investedFen,
      cash_fen: v.cashFen,
      reserve_fen: v.reserveFen,
      class_weights: v.classWeights,
      target_weights: v.targetWeights,
    },
  };
};
