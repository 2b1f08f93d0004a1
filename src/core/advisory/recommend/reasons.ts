import { CLASS_EN, CLASS_ZH } from '../../portfolio/allocation/labels.js';
import type { AssetClass } from '../../portfolio/allocation/types.js';
import type { InvestorLevel } from '../../suitability/types.js';
import type { ProductFacts } from '../shelf-context.js';
import { pct, render, type Bilingual } from '../text.js';
import { REASON_TEXT } from './messages.js';
import type { QualityParts } from './quality.js';

export type ReasonContext = {
  readonly f: ProductFacts;
  readonly q: QualityParts;
  readonly level: InvestorLevel;
  readonly target: number;
  readonly current: number;
  readonly gapShare: number;
  readonly horizonMonths: number;
  readonly held: boolean;
};

const classLabel = (c: AssetClass) => ({ zh: CLASS_ZH[c], en: CLASS_EN[c] });

const withLabel = (
  t: (typeof REASON_TEXT)[keyof typeof REASON_TEXT],
  params: Record<string, string | number>,
  c: AssetClass,
): Bilingual => render(t, { ...params, class: classLabel(c).en }, { class: classLabel(c).zh });

/**
 * Readable reasons for one recommendation, from the figures that ranked it: the allocation gap it fills, the
 * rating within the customer's level, the quality parts that stand out against its category (period named:
 * past year), cost against the category median, the manager, liquidity and term. Facts only — no forecast.
 */
export const reasonsFor = (x: ReasonContext): Bilingual[] => {
  const { f, q } = x;
  const out: Bilingual[] = [];
  const cls = f.assetClass!;
  out.push(
    x.gapShare > 0 && x.target > x.current
      ? withLabel(REASON_TEXT.gap, { target: pct(x.target, 0), current: pct(x.current, 0) }, cls)
      : withLabel(REASON_TEXT.fit_class, { target: pct(x.target, 0) }, cls),
  );
  out.push(render(REASON_TEXT.risk, { risk: f.product.risk, level: x.level }));
  if (q.sharpe !== null && q.sharpe >= 0.5 && f.sharpe !== null)
    out.push(render(REASON_TEXT.sharpe, { sharpe: f.sharpe.toFixed(2), pct: pct(q.sharpe, 0) }));
  if (q.drawdown !== null && q.drawdown >= 0.5 && f.maxDrawdown !== null)
    out.push(render(REASON_TEXT.drawdown, { dd: pct(Math.abs(f.maxDrawdown)), pct: pct(q.drawdown, 0) }));
  if (q.medianCost !== null && f.annualCost < q.medianCost)
    out.push(render(REASON_TEXT.cost, { cost: pct(f.annualCost, 2), median: pct(q.medianCost, 2) }));
  if (q.managerRecord !== null)
    out.push(
      render(REASON_TEXT.manager, {
        manager: q.managerRecord.name,
        years: q.managerRecord.tenureYears.toFixed(1),
        funds: q.managerRecord.fundsManaged,
      }),
    );
  const term = f.product.termDays;
  if (f.liquidity === 'instant') out.push(REASON_TEXT.liquidity_instant);
  else if (term !== null && term > 0)
    out.push(render(REASON_TEXT.liquidity_term, { term: Math.round(term / 30.4), horizon: x.horizonMonths }));
  else out.push(REASON_TEXT.liquidity_short);
  if (x.held) out.push(REASON_TEXT.held);
  return out;
};
