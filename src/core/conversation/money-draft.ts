import type { Purpose, RiskAppetite } from '../nlu/types.js';
import {
  findConstraints,
  findLiquidity,
  findPurpose,
  findRisk,
  type PurposeFinding,
} from './money-attributes.js';
import { extractHorizon, type AgeFacts } from './money-time.js';
import type { Liquidity } from './types.js';

/**
 * The working state of per-money intent extraction: drafts (one per sum of money), the money in focus, the
 * attributes said before their amount (pending), the customer's person-level risk statement and ages.
 */
export type Attrs = {
  purpose: PurposeFinding | null;
  horizon: number | null;
  liquidity: Liquidity | null;
  risk: RiskAppetite | null;
  constraints: string[];
};

export type Draft = {
  id: number;
  amount: number;
  purpose: Purpose | null;
  purposeStrong: boolean;
  horizon: number | null;
  liquidity: Liquidity | null;
  risk: RiskAppetite | null;
  constraints: Set<string>;
  evidence: string[];
  /** A pool the customer divided into parts (其中…, 一半…, 剩下的…): not reported itself. */
  split: boolean;
  /** The pool this draft was carved from, if any. */
  poolId: number | null;
  /** Normalised text said about this money (for school-age horizons). */
  text: string;
  /** Index of the turn that last touched it, and the key of that sentence. */
  turn: number;
  at: string;
};

export type Pending = { attrs: Attrs; evidence: string[]; text: string; turn: number };

export type MoneyState = {
  drafts: Draft[];
  focus: Draft | null;
  pending: Pending | null;
  personRisk: RiskAppetite | null;
  ages: AgeFacts;
  nextId: number;
};

export const newState = (): MoneyState => ({
  drafts: [],
  focus: null,
  pending: null,
  personRisk: null,
  ages: {},
  nextId: 1,
});

export const emptyAttrs = (): Attrs => ({
  purpose: null,
  horizon: null,
  liquidity: null,
  risk: null,
  constraints: [],
});

export const hasAttrs = (a: Attrs): boolean =>
  a.purpose !== null ||
  a.horizon !== null ||
  a.liquidity !== null ||
  a.risk !== null ||
  a.constraints.length > 0;

/** Attributes of a normalised clause; `anyTime` drops the usage-context requirement for times (corrections). */
export const attrsOf = (clause: string, sentence: string, month: number | null, anyTime = false): Attrs => {
  const purpose = findPurpose(clause);
  // A time said with a life goal (明年想出国玩一趟) is that goal's time.
  const timed = anyTime || purpose?.strong === true;
  return {
    purpose,
    horizon: extractHorizon(clause, timed ? '用' : sentence, month),
    liquidity: findLiquidity(clause),
    risk: findRisk(clause),
    constraints: findConstraints(clause),
  };
};

const addEvidence = (list: string[], sentences: readonly string[]): void => {
  for (const s of sentences) if (!list.includes(s)) list.push(s);
};

/**
 * Merges attributes into a draft. Normal statements fill what is still empty (a strong purpose also
 * replaces a weak one); a correction ("不对，是明年") overwrites.
 */
export const applyAttrs = (d: Draft, a: Attrs, overwrite: boolean): void => {
  if (a.purpose) {
    const replace = overwrite ? a.purpose.strong || d.purpose === null : d.purpose === null;
    if (replace || (a.purpose.strong && !d.purposeStrong)) {
      d.purpose = a.purpose.purpose;
      d.purposeStrong = a.purpose.strong;
    }
  }
  if (a.horizon !== null && (overwrite || d.horizon === null)) d.horizon = a.horizon;
  if (a.liquidity !== null && (overwrite || d.liquidity === null)) d.liquidity = a.liquidity;
  if (a.risk !== null && (overwrite || d.risk === null)) d.risk = a.risk;
  for (const c of a.constraints) d.constraints.add(c);
};

export const touch = (
  s: MoneyState,
  d: Draft,
  evidence: readonly string[],
  text: string,
  where: { turn: number; sentenceKey: string },
): void => {
  addEvidence(d.evidence, evidence);
  d.text += ` ${text}`;
  d.turn = where.turn;
  d.at = where.sentenceKey;
  s.focus = d;
};

/** A new draft with its own attributes first, then what was said before its amount (pending). */
export const createDraft = (s: MoneyState, amount: number, turn: number, own: Attrs): Draft => {
  const d: Draft = {
    id: s.nextId++,
    amount,
    purpose: null,
    purposeStrong: false,
    horizon: null,
    liquidity: null,
    risk: null,
    constraints: new Set(),
    evidence: [],
    split: false,
    poolId: null,
    text: '',
    turn,
    at: '',
  };
  s.drafts.push(d);
  applyAttrs(d, own, false);
  const p = s.pending;
  if (p !== null) {
    applyAttrs(d, p.attrs, false);
    addEvidence(d.evidence, p.evidence);
    d.text += ` ${p.text}`;
    s.pending = null;
  }
  return d;
};

/** Attributes said before their amount wait for it; a risk statement that never finds one is the person's. */
export const addPending = (s: MoneyState, a: Attrs, evidence: string, text: string, turn: number): void => {
  if (s.pending === null || turn - s.pending.turn > 1) {
    retirePending(s);
    s.pending = { attrs: emptyAttrs(), evidence: [], text: '', turn };
  }
  const p = s.pending;
  if (a.purpose && (p.attrs.purpose === null || (a.purpose.strong && !p.attrs.purpose.strong))) {
    p.attrs.purpose = a.purpose;
  }
  p.attrs.horizon ??= a.horizon;
  p.attrs.liquidity ??= a.liquidity;
  p.attrs.risk ??= a.risk;
  p.attrs.constraints.push(...a.constraints);
  addEvidence(p.evidence, [evidence]);
  p.text += ` ${text}`;
  p.turn = turn;
};

export const retirePending = (s: MoneyState): void => {
  if (s.pending?.attrs.risk) s.personRisk ??= s.pending.attrs.risk;
  s.pending = null;
};

/** The live draft with this amount, latest first. */
export const draftWithAmount = (s: MoneyState, amount: number): Draft | undefined =>
  [...s.drafts].reverse().find((d) => !d.split && Math.abs(d.amount - amount) < 0.5);

export const draftWithPurpose = (s: MoneyState, purpose: Purpose): Draft | undefined =>
  [...s.drafts].reverse().find((d) => !d.split && d.purposeStrong && d.purpose === purpose);

/** The most recent pool that was divided into parts, or the focus when it is larger than `amount`. */
export const poolFor = (s: MoneyState, amount: number | null): Draft | null => {
  const split = [...s.drafts].reverse().find((d) => d.split);
  if (split && (amount === null || split.amount > amount)) return split;
  const f = s.focus;
  // Only money without a named goal is a pool: 养老的50万 is not where 旅游的10万 comes from.
  if (f && !f.split && !f.purposeStrong && (amount === null || f.amount > amount)) return f;
  return null;
};

/**
 * The pool a "剩下的" refers to and what is left of it: the latest money without a named goal whose later
 * parts do not use it up.
 */
export const remainderOf = (s: MoneyState): { pool: Draft; rest: number } | null => {
  for (const d of [...s.drafts].reverse()) {
    if (d.purposeStrong && !d.split) continue;
    const parts = s.drafts.filter((x) => x.id > d.id && !x.split);
    if (parts.length === 0) continue;
    const rest = d.amount - parts.reduce((sum, x) => sum + x.amount, 0);
    if (rest > 0) return { pool: d, rest };
  }
  return null;
};

/**
 * 我有60万，50万养老，10万旅游: money without a named goal that the next sums add up to exactly is their pool,
 * not a fourth pot.
 */
export const closePools = (s: MoneyState): void => {
  for (const d of s.drafts) {
    if (d.split || d.purposeStrong) continue;
    const parts = s.drafts.filter((x) => x.id > d.id && !x.split && (x.poolId === null || x.poolId === d.id));
    const total = parts.reduce((sum, x) => sum + x.amount, 0);
    if (parts.length >= 2 && Math.abs(total - d.amount) < 0.5) {
      for (const p of parts) markPool(d, p);
    }
  }
};

export const markPool = (pool: Draft, part: Draft): void => {
  pool.split = true;
  part.poolId = pool.id;
};
