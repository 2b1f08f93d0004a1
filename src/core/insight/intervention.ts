import { badInput } from '../errors.js';
import { factorByKey } from './factors.js';

/**
 * What-if interventions on a factor, optionally for a sub-population:
 *   `livestream_audience_2000=1`, `sessions_per_month+=1`, `renewal_discount=0.2`, `coupon=1 for price >= 5`.
 * Operators: `=` (set), `+=`, `-=`, `*=` (shift or scale); the condition compares a factor with a number.
 */
export type Comparison = '>=' | '<=' | '>' | '<' | '==';
export type InsightIntervention = {
  factor: string;
  op: '=' | '+=' | '-=' | '*=';
  value: number;
  where: { factor: string; cmp: Comparison; value: number } | null;
};

const ACTION = /^\s*([a-z_0-9]+)\s*(\+=|-=|\*=|=)\s*(-?\d+(?:\.\d+)?)\s*$/;
const CONDITION = /^\s*([a-z_0-9]+)\s*(>=|<=|==|=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

const knownFactor = (key: string, field: string): string => {
  if (!factorByKey(key))
    throw badInput(field, `unknown factor "${key}"; see the factor catalogue (docs/insight.md)`);
  return key;
};

/** Parses an intervention expression; a bad one is a BAD_INPUT naming the expected form. */
export const parseInsightIntervention = (expr: string): InsightIntervention => {
  const [action = '', cond, ...rest] = expr.split(/\s+for\s+/i);
  if (rest.length > 0) throw badInput('intervene', 'use at most one "for <factor> <op> <number>" condition');
  const a = ACTION.exec(action);
  if (!a)
    throw badInput(
      'intervene',
      `expected "factor=value", "factor+=d", "factor-=d" or "factor*=f", got "${action}"`,
    );
  const factor = knownFactor(a[1]!, 'intervene');
  const f = factorByKey(factor)!;
  if (!f.actionable) throw badInput('intervene', `"${factor}" is not an actionable factor`);
  const value = Number(a[3]);
  const op = a[2] as InsightIntervention['op'];
  if (f.kind === 'binary' && (op !== '=' || (value !== 0 && value !== 1)))
    throw badInput('intervene', `"${factor}" is 0/1: use ${factor}=1 or ${factor}=0`);
  if (cond === undefined) return { factor, op, value, where: null };
  const c = CONDITION.exec(cond);
  if (!c) throw badInput('intervene', `expected a condition like "price >= 5", got "${cond}"`);
  const cmp = (c[2] === '=' ? '==' : c[2]) as Comparison;
  return { factor, op, value, where: { factor: knownFactor(c[1]!, 'intervene'), cmp, value: Number(c[3]) } };
};

/** Whether a row's value satisfies the condition. */
export const satisfies = (v: number, cmp: Comparison, x: number): boolean =>
  cmp === '>=' ? v >= x : cmp === '<=' ? v <= x : cmp === '>' ? v > x : cmp === '<' ? v < x : v === x;

/** The factor's value after the intervention (doses stay ≥ 0). */
export const applyOp = (iv: InsightIntervention, v: number): number => {
  const out =
    iv.op === '=' ? iv.value : iv.op === '+=' ? v + iv.value : iv.op === '-=' ? v - iv.value : v * iv.value;
  return Math.max(0, out);
};
