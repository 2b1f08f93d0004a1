import { daysBetween } from '../../advisory/days.js';
import { pct } from '../../advisory/text.js';
import { yuanText } from '../../money.js';
import { CLASS_EN, CLASS_ZH } from '../allocation/labels.js';
import { action, proposalLink, say } from './finding-kit.js';
import { FINDING_TEXT } from './messages.js';
import type { CheckupPolicy } from './policy.js';
import type { PortfolioView } from './positions.js';
import type { CheckupInput, Finding } from './types.js';

/** Too little money at hand for the emergency reserve, or too much of everything locked until maturity. */
export const liquidityFindings = (v: PortfolioView, p: CheckupPolicy): Finding[] => {
  const out: Finding[] = [];
  const ratio = v.reserveFen > 0 ? v.instantFen / v.reserveFen : 1;
  if (ratio < 1 && v.totalFen > 0) {
    out.push({
      code: 'liquidity_low',
      severity: ratio < 0.25 ? 'high' : ratio < 0.6 ? 'medium' : 'low',
      products: v.positions.filter((x) => x.liquidity === 'locked').map((x) => x.code),
      numbers: {
        liquid_fen: v.instantFen,
        reserve_fen: v.reserveFen,
        reserve_months: v.reserveMonths,
        ratio,
      },
      message: say(FINDING_TEXT.liquidity_low, {
        liquid: yuanText(v.instantFen),
        reserve: yuanText(v.reserveFen),
        months: v.reserveMonths,
      }),
      action: action('allocation_proposal', proposalLink(v, 'emergency', v.reserveFen, 12)),
    });
  }
  const lockedShare = v.totalFen > 0 ? v.lockedFen / v.totalFen : 0;
  if (lockedShare > p.maxLockedShare) {
    out.push({
      code: 'liquidity_low',
      severity: 'medium',
      products: v.positions.filter((x) => x.liquidity === 'locked').map((x) => x.code),
      numbers: { locked_fen: v.lockedFen, locked_share: lockedShare, limit: p.maxLockedShare },
      message: say(FINDING_TEXT.liquidity_locked, {
        share: pct(lockedShare),
        limit: pct(p.maxLockedShare, 0),
      }),
      action: action('allocation_proposal', proposalLink(v, 'emergency', v.reserveFen, 12)),
    });
  }
  return out;
};

/** Deposits and money-market funds far beyond the reserve: money that could be planned for the long term. */
export const idleCashFindings = (v: PortfolioView, p: CheckupPolicy): Finding[] => {
  const excess = v.instantFen - v.reserveFen;
  const share = v.totalFen > 0 ? excess / v.totalFen : 0;
  if (excess < p.idleCash.minExcessFen || share < p.idleCash.shareOfAssets) return [];
  return [
    {
      code: 'idle_cash_high',
      severity: share >= 0.7 ? 'medium' : 'low',
      products: v.positions.filter((x) => x.liquidity === 'instant').map((x) => x.code),
      numbers: { cash_fen: v.instantFen, reserve_fen: v.reserveFen, excess_fen: excess, share },
      message: say(FINDING_TEXT.idle_cash_high, {
        cash: yuanText(v.instantFen),
        reserve: yuanText(v.reserveFen),
        excess: yuanText(excess),
        share: pct(share),
      }),
      action: action('allocation_proposal', proposalLink(v, 'growth', excess)),
    },
  ];
};

/** Products maturing within the notice window (closed-end WM): plan the money before it lands. */
export const maturityFindings = (input: CheckupInput, v: PortfolioView, p: CheckupPolicy): Finding[] =>
  v.positions
    .filter((x) => x.facts.product.maturityDate !== null && x.facts.product.maturityDate >= input.asOf)
    .map((x) => ({ x, days: daysBetween(input.asOf, x.facts.product.maturityDate!) }))
    .filter(({ days }) => days <= p.maturity.noticeDays)
    .map(({ x, days }) => ({
      code: 'maturity_soon',
      severity: days <= p.maturity.urgentDays ? 'medium' : 'low',
      products: [x.code],
      numbers: { maturity_date: x.facts.product.maturityDate, days_left: days, value_fen: x.valueFen },
      message: say(FINDING_TEXT.maturity_soon, {
        name: x.facts.product.name,
        date: x.facts.product.maturityDate!,
        days,
        value: yuanText(x.valueFen),
      }),
      action: action('plan_maturity', proposalLink(v, 'growth', x.valueFen)),
    }));

/** Holdings far below their one-year high, by the watch lines of their asset class. */
export const drawdownFindings = (v: PortfolioView, p: CheckupPolicy): Finding[] => {
  const out: Finding[] = [];
  for (const x of v.positions) {
    const dd = x.facts.drawdown;
    if (dd === null || x.assetClass === null) continue;
    const lines = p.drawdown[x.assetClass];
    if (dd > lines.medium) continue;
    out.push({
      code: 'deep_drawdown',
      severity: dd <= lines.high ? 'high' : 'medium',
      products: [x.code],
      numbers: { drawdown: dd, peak_date: x.facts.peakDate, threshold: lines.medium, value_fen: x.valueFen },
      message: say(
        FINDING_TEXT.deep_drawdown,
        {
          name: x.facts.product.name,
          peak_date: x.facts.peakDate ?? '',
          drawdown: pct(Math.abs(dd)),
          threshold: pct(Math.abs(lines.medium), 0),
        },
        { class: { zh: CLASS_ZH[x.assetClass], en: CLASS_EN[x.assetClass] } },
      ),
      action: action('review_holding', proposalLink(v, 'growth', x.valueFen)),
    });
  }
  return out;
};

/** Holdings whose total annual cost is well above their category's median. */
export const feeFindings = (input: CheckupInput, v: PortfolioView, p: CheckupPolicy): Finding[] => {
  const out: Finding[] = [];
  for (const x of v.positions) {
    const median = input.shelf.categories.get(x.facts.product.type)?.medianCost ?? null;
    if (median === null || median <= 0) continue;
    const cost = x.facts.annualCost;
    if (cost < median * p.fees.ratio || cost - median < p.fees.minExcess) continue;
    out.push({
      code: 'high_fees',
      severity: cost >= median * p.fees.highRatio ? 'medium' : 'low',
      products: [x.code],
      numbers: { annual_cost: cost, category_median: median, ratio: cost / median, value_fen: x.valueFen },
      message: say(FINDING_TEXT.high_fees, {
        name: x.facts.product.name,
        cost: pct(cost, 2),
        median: pct(median, 2),
      }),
      action: action('allocation_proposal', proposalLink(v, 'growth', x.valueFen)),
    });
  }
  return out;
};
