import { aboveLevel, assessmentStatus } from '../../advisory/assessment.js';
import { typeLabel } from '../../advisory/shelf.js';
import { pct } from '../../advisory/text.js';
import { yuanText } from '../../money.js';
import { pairwiseCorrelation } from '../../finance/stats.js';
import type { ProductType } from '../../product-types.js';
import { levelRank } from '../../suitability/types.js';
import { CLASS_EN, CLASS_ZH } from '../allocation/labels.js';
import { ASSET_CLASSES } from '../allocation/types.js';
import { action, proposalLink, say } from './finding-kit.js';
import { FINDING_TEXT } from './messages.js';
import type { CheckupPolicy } from './policy.js';
import type { PortfolioView, Position } from './positions.js';
import type { CheckupInput, Finding } from './types.js';

export const assessmentFindings = (input: CheckupInput): Finding[] => {
  const s = assessmentStatus(input.customer, input.asOf, input.suitabilityPolicy);
  if (s.status !== 'expired' && s.status !== 'missing') return [];
  const message =
    s.status === 'expired'
      ? say(FINDING_TEXT.assessment_expired, { valid_until: s.valid_until! })
      : say(FINDING_TEXT.assessment_missing, {});
  return [
    {
      code: 'assessment_expired',
      severity: 'high',
      products: [],
      numbers: {
        status: s.status,
        assessed_at: s.assessed_at,
        valid_until: s.valid_until,
        days_left: s.days_left,
      },
      message,
      action: action('reassess', null),
    },
  ];
};

export const riskMismatchFindings = (input: CheckupInput, v: PortfolioView, p: CheckupPolicy): Finding[] =>
  v.positions
    .filter((pos) => aboveLevel(input.customer, pos.facts.product.risk, input.suitabilityPolicy))
    .map((pos) => {
      const gap = levelRank(pos.facts.product.risk) - levelRank(v.adviceLevel);
      const high = gap >= p.riskMismatch.highLevelGap || pos.share >= p.riskMismatch.highShare;
      return {
        code: 'risk_mismatch',
        severity: high ? 'high' : 'medium',
        products: [pos.code],
        numbers: {
          product_risk: pos.facts.product.risk,
          customer_level: input.customer.level,
          value_fen: pos.valueFen,
          share: pos.share,
        },
        message: say(FINDING_TEXT.risk_mismatch, {
          name: pos.facts.product.name,
          code: pos.code,
          risk: pos.facts.product.risk,
          level: input.customer.level,
          value: yuanText(pos.valueFen),
          share: pct(pos.share),
        }),
        action: action('allocation_proposal', proposalLink(v, 'growth', pos.valueFen)),
      } satisfies Finding;
    });

const severityOf = (share: number, limit: number, margin: number): 'high' | 'medium' =>
  share > limit + margin ? 'high' : 'medium';

const byKey = (positions: readonly Position[], key: (p: Position) => string) => {
  const m = new Map<string, Position[]>();
  for (const pos of positions) m.set(key(pos), [...(m.get(key(pos)) ?? []), pos]);
  return m;
};

/** One product, one issuer or one product type holding too much of the invested portfolio. */
export const concentrationFindings = (v: PortfolioView, p: CheckupPolicy): Finding[] => {
  const c = p.concentration;
  if (v.investedFen < c.minPortfolioFen) return [];
  const out: Finding[] = [];
  const link = action('allocation_proposal', proposalLink(v, 'growth', v.investedFen));
  for (const pos of v.positions) {
    const limit = c.productShareByRisk[pos.facts.product.risk];
    if (pos.share <= limit) continue;
    out.push({
      code: 'concentration',
      severity: severityOf(pos.share, limit, c.highMargin),
      products: [pos.code],
      numbers: { dimension: 'product', share: pos.share, limit, value_fen: pos.valueFen },
      message: say(FINDING_TEXT.concentration_product, {
        name: pos.facts.product.name,
        share: pct(pos.share),
        limit: pct(limit, 0),
      }),
      action: link,
    });
  }
  for (const [issuer, list] of byKey(
    v.positions.filter((x) => x.facts.product.risk !== 'R1'),
    (x) => x.facts.product.issuer,
  )) {
    const share = list.reduce((s, x) => s + x.share, 0);
    if (list.length < 2 || share <= c.issuerShare) continue;
    out.push({
      code: 'concentration',
      severity: severityOf(share, c.issuerShare, c.highMargin),
      products: list.map((x) => x.code),
      numbers: { dimension: 'issuer', issuer, share, limit: c.issuerShare },
      message: say(FINDING_TEXT.concentration_issuer, {
        share: pct(share),
        issuer,
        limit: pct(c.issuerShare, 0),
      }),
      action: link,
    });
  }
  for (const [type, list] of byKey(v.positions, (x) => x.facts.product.type)) {
    const limit = c.categoryShare[type as ProductType];
    const share = list.reduce((s, x) => s + x.share, 0);
    if (limit === undefined || share <= limit || list.length < 2) continue;
    out.push({
      code: 'concentration',
      severity: severityOf(share, limit, c.highMargin),
      products: list.map((x) => x.code),
      numbers: { dimension: 'category', category: type, share, limit },
      message: say(
        FINDING_TEXT.concentration_category,
        { share: pct(share), limit: pct(limit, 0) },
        { category: typeLabel(type as ProductType) },
      ),
      action: link,
    });
  }
  return out;
};

/** Correlation of two products' daily returns on their common dates (null with too few). */
const correlationOf = (a: Position, b: Position, minObs: number): number | null => {
  const index = new Map(a.facts.returnDates.map((d, i) => [d, i]));
  const x: number[] = [];
  const y: number[] = [];
  b.facts.returnDates.forEach((d, j) => {
    const i = index.get(d);
    if (i !== undefined) {
      x.push(a.facts.returns[i]!);
      y.push(b.facts.returns[j]!);
    }
  });
  if (x.length < minObs) return null;
  const r = pairwiseCorrelation(x, y);
  return Number.isFinite(r) ? r : null;
};

/**
 * Funds that hold the same thing, seen through their returns (the shelf has no holdings lists): pairs whose
 * daily returns correlate at or above the policy level over the window are linked, and each connected
 * group of two or more funds is one finding (with the lowest correlation inside the group).
 */
export const overlapFindings = (v: PortfolioView, p: CheckupPolicy): Finding[] => {
  const funds = v.positions.filter((x) => x.facts.product.type !== 'money_market' && overlapType(x));
  const parent = funds.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const corr = new Map<string, number>();
  for (let i = 0; i < funds.length; i++)
    for (let j = i + 1; j < funds.length; j++) {
      const r = correlationOf(funds[i]!, funds[j]!, p.overlap.minObservations);
      if (r === null || r < p.overlap.correlation) continue;
      corr.set(`${i}|${j}`, r);
      parent[find(i)] = find(j);
    }
  const groups = new Map<number, number[]>();
  funds.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const out: Finding[] = [];
  for (const idx of groups.values()) {
    if (idx.length < 2) continue;
    const list = idx.map((i) => funds[i]!);
    const codes = list.map((x) => x.code);
    const rs = [...corr.entries()]
      .filter(([k]) => k.split('|').every((i) => idx.includes(Number(i))))
      .map(([, r]) => r);
    const share = list.reduce((s, x) => s + x.share, 0);
    out.push({
      code: 'overlap',
      severity: share >= p.overlap.mediumShare ? 'medium' : 'low',
      products: codes,
      numbers: { correlation: Math.min(...rs), combined_share: share },
      message: say(
        FINDING_TEXT.overlap,
        { corr: Math.min(...rs).toFixed(2), share: pct(share) },
        { names: { zh: codes.map(nameOf(list)).join('、'), en: codes.map(nameOf(list)).join(', ') } },
      ),
      action: action('allocation_proposal', proposalLink(v, 'growth', v.investedFen)),
    });
  }
  return out;
};

const nameOf = (list: readonly Position[]) => (code: string) =>
  list.find((x) => x.code === code)!.facts.product.name;

const overlapType = (x: Position): boolean =>
  ['pure_bond', 'bond_plus', 'hybrid', 'equity', 'index', 'sector', 'qdii'].includes(x.facts.product.type);

/** The class mix far from the target mix of the customer's level. */
export const driftFindings = (v: PortfolioView, p: CheckupPolicy): Finding[] => {
  if (v.investedFen === 0 || v.drift < p.drift.medium) return [];
  const gaps = ASSET_CLASSES.map((k) => ({ k, d: v.classWeights[k] - v.targetWeights[k] }))
    .filter((g) => Math.abs(g.d) >= 0.05)
    .sort((a, b) => Math.abs(b.d) - Math.abs(a.d))
    .slice(0, 3);
  const items = gaps.map((g) =>
    say(
      FINDING_TEXT.drift_item,
      { actual: pct(v.classWeights[g.k], 0), target: pct(v.targetWeights[g.k], 0) },
      { class: { zh: CLASS_ZH[g.k], en: CLASS_EN[g.k] } },
    ),
  );
  const over = new Set(gaps.filter((g) => g.d > 0).map((g) => g.k));
  return [
    {
      code: 'allocation_drift',
      severity: v.drift >= p.drift.high ? 'high' : 'medium',
      products: v.positions.filter((x) => x.assetClass !== null && over.has(x.assetClass)).map((x) => x.code),
      numbers: {
        drift: v.drift,
        ...Object.fromEntries(ASSET_CLASSES.map((k) => [`actual_${k}`, v.classWeights[k]])),
        ...Object.fromEntries(ASSET_CLASSES.map((k) => [`target_${k}`, v.targetWeights[k]])),
      },
      message: say(
        FINDING_TEXT.allocation_drift,
        { level: v.adviceLevel, drift: pct(v.drift, 0) },
        { detail: { zh: items.map((i) => i.zh).join('，'), en: items.map((i) => i.en).join(', ') } },
      ),
      action: action('allocation_proposal', proposalLink(v, 'growth', v.investedFen)),
    },
  ];
};
