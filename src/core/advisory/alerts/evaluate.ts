import { badInput } from '../../errors.js';
import { assessmentStatus } from '../assessment.js';
import { addDays, businessDate, daysBetween } from '../days.js';
import { valueHolding, type ValuedHolding } from '../holding.js';
import { pct, render } from '../text.js';
import { ALERT_TEXT } from './messages.js';
import { detectNavSwing, drawdownSince, suggestTargets } from './signals.js';
import {
  DEFAULT_ALERT_POLICY,
  type AlertEvent,
  type AlertHolding,
  type AlertInput,
  type AlertPolicy,
  type AlertType,
} from './types.js';

type Ctx = { input: AlertInput; policy: AlertPolicy; date: string; at: string; customer: string };

const event = (
  c: Ctx,
  type: AlertType,
  product: string | null,
  key: string,
  payload: Record<string, unknown> & { message: AlertEvent['payload']['message'] },
): AlertEvent => ({
  id: `${type}:${c.customer}:${product ?? '-'}:${key}`,
  type,
  customer_id: c.customer,
  product_code: product,
  occurred_at: c.at,
  payload: { ...payload, policy_version: c.policy.version },
});

const swingAlert = (c: Ctx, h: ValuedHolding): AlertEvent[] => {
  const s = detectNavSwing(h.facts, c.date, c.policy.navSwing);
  if (s === null) return [];
  const msg = render(ALERT_TEXT.nav_swing, {
    name: h.facts.product.name,
    date: s.navDate,
    change: pct(s.change, 2, true),
    sigma: pct(s.sigma, 2),
  });
  return [
    event(c, 'nav_swing', h.code, s.navDate, {
      nav_date: s.navDate,
      change: s.change,
      sigma: s.sigma,
      z_score: s.zScore,
      trigger: s.trigger,
      direction: s.change < 0 ? 'down' : 'up',
      value_fen: h.valueFen,
      message: msg,
    }),
  ];
};

const targetAlerts = (c: Ctx, h: ValuedHolding, src: AlertHolding): AlertEvent[] => {
  if (h.costFen <= 0) return [];
  const ret = (h.valueFen + (src.cashReceivedFen ?? 0) - h.costFen) / h.costFen;
  const suggested = suggestTargets(h.facts, c.policy.suggested);
  const out: AlertEvent[] = [];
  const check = (
    type: 'take_profit' | 'stop_loss',
    set: number | undefined,
    fallback: number | undefined,
  ) => {
    const target = set ?? fallback;
    if (target === undefined) return;
    const hit = type === 'take_profit' ? ret >= target : ret <= target;
    if (!hit) return;
    const msg = render(ALERT_TEXT[type], {
      name: h.facts.product.name,
      date: c.date,
      ret: pct(ret, 1, true),
      target: pct(target, 1, true),
    });
    out.push(
      event(c, type, h.code, `${target.toFixed(4)}:${h.openedAt ?? ''}`, {
        return: ret,
        target,
        source: set === undefined ? 'suggested' : 'customer',
        value_fen: h.valueFen,
        cost_fen: h.costFen,
        message: msg,
      }),
    );
  };
  const t = src.targets;
  if (t?.takeProfit !== undefined && !(t.takeProfit > 0))
    throw badInput('targets.takeProfit', 'expected a positive fraction');
  if (t?.stopLoss !== undefined && !(t.stopLoss < 0))
    throw badInput('targets.stopLoss', 'expected a negative fraction');
  check('take_profit', t?.takeProfit, suggested?.takeProfit);
  check('stop_loss', t?.stopLoss, suggested?.stopLoss);
  return out;
};

const drawdownAlert = (c: Ctx, h: ValuedHolding): AlertEvent[] => {
  const cls = h.facts.assetClass;
  if (cls === null) return [];
  const since = h.openedAt ?? addDays(c.date, -365);
  const d = drawdownSince(h.facts, since, c.date);
  const bands = c.policy.drawdownBands[cls];
  if (d === null) return [];
  const band = [...bands].sort((a, b) => a - b).find((b) => d.drawdown <= b);
  if (band === undefined) return [];
  const msg = render(ALERT_TEXT.holding_drawdown, {
    name: h.facts.product.name,
    peak_date: d.peakDate,
    drawdown: pct(Math.abs(d.drawdown)),
    date: c.date,
  });
  return [
    event(c, 'holding_drawdown', h.code, `${band}:${d.peakDate}`, {
      drawdown: d.drawdown,
      band,
      peak_date: d.peakDate,
      since,
      value_fen: h.valueFen,
      message: msg,
    }),
  ];
};

const maturityAlert = (c: Ctx, h: ValuedHolding): AlertEvent[] => {
  const m = h.facts.product.maturityDate;
  if (m === null || m < c.date) return [];
  const days = daysBetween(c.date, m);
  if (days > c.policy.maturityDays) return [];
  const msg = render(ALERT_TEXT.maturity_upcoming, { name: h.facts.product.name, maturity: m, days });
  return [
    event(c, 'maturity_upcoming', h.code, m, {
      maturity_date: m,
      days_left: days,
      value_fen: h.valueFen,
      message: msg,
    }),
  ];
};

const assessmentAlerts = (c: Ctx): AlertEvent[] => {
  const s = assessmentStatus(c.input.customer, c.date, c.input.suitabilityPolicy);
  if (s.status === 'expired' || s.status === 'missing')
    return [
      event(c, 'assessment_expired', null, s.valid_until ?? 'missing', {
        status: s.status,
        valid_until: s.valid_until,
        message: ALERT_TEXT.assessment_expired,
      }),
    ];
  if (s.status !== 'valid' || s.days_left === null || s.days_left > c.policy.assessmentDays) return [];
  const msg = render(ALERT_TEXT.assessment_expiring, { valid_until: s.valid_until!, days: s.days_left });
  return [
    event(c, 'assessment_expiring', null, s.valid_until!, {
      valid_until: s.valid_until,
      days_left: s.days_left,
      message: msg,
    }),
  ];
};

/**
 * Every alert of one customer on `asOf`, as events for the engagement engine: NAV swings of held products,
 * take-profit and stop-loss hits (the customer's targets, else ones suggested from the product's
 * volatility), drawdowns since opening past a band of the asset class, maturities within the reminder window
 * and assessment expiry (within the window, or expired). Pure; the ids make re-runs idempotent.
 */
export const evaluateAlerts = (input: AlertInput): AlertEvent[] => {
  const date = businessDate(input.asOf, 'asOf');
  const at = /T/.test(input.asOf) ? input.asOf : `${date}T00:00:00+08:00`;
  const c: Ctx = {
    input,
    policy: input.policy ?? DEFAULT_ALERT_POLICY,
    date,
    at,
    customer: String(input.customerId),
  };
  const out: AlertEvent[] = [...assessmentAlerts(c)];
  input.holdings.forEach((src, k) => {
    const h = valueHolding(input.shelf, src, `holdings[${k}]`);
    if (h.valueFen <= 0) return;
    out.push(...swingAlert(c, h), ...targetAlerts(c, h, src), ...drawdownAlert(c, h), ...maturityAlert(c, h));
  });
  return out;
};
