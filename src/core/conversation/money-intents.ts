import { findPurpose, liquidityFromHorizon } from './money-attributes.js';
import { findAmounts, type AmountMention } from './money-amounts.js';
import {
  addPending,
  closePools,
  applyAttrs,
  attrsOf,
  createDraft,
  draftWithAmount,
  draftWithPurpose,
  emptyAttrs,
  hasAttrs,
  markPool,
  newState,
  poolFor,
  remainderOf,
  retirePending,
  touch,
  type Attrs,
  type Draft,
  type MoneyState,
} from './money-draft.js';
import { educationHorizon, readAges, retirementHorizon } from './money-time.js';
import { answerTo, type Sentence, type Turn } from './turns.js';
import type { MoneyIntent } from './types.js';

/**
 * Per-money investment intents (心理账户) from a conversation: one record per sum of money the customer means
 * to invest or keep for a purpose, with purpose, amount, horizon, liquidity, risk appetite, constraints and
 * the sentences that say so. Attributes said before their amount wait for it; a later correction wins
 * ("不对，是30万"); pools divided into parts (其中…, 一半…, 剩下的…) are reported as their parts; amounts that
 * are not intents (salary, past losses, minimums, someone else's money, fees) are never records.
 */

/** Words that make a sentence about an amount a statement of money to invest or keep. */
const INTENT_CUE =
  /有|存|攒|留|准备|打算|计划|想|要|用来|用于|拿|投|买|放|理财|配置|规划|给|闲钱|积蓄|存款|到期|手上|手里|手头|剩|转|上个|作为|当作|一共|总共|做/u;
const ADDITIVE = /^(?:另外|还有|再|又|也有|此外|以及|另)/u;
const POOL_PART = /^(?:其中|这里面|里面|这其中|这些钱里|这笔钱里)/u;
const CARVE = /拿[^,.!?;]{0,4}出来|从[^,.!?;]{0,8}(?:里|中)(?:拿|取|分)|^(?:我|先|想|准备|打算|就|再)*拿/u;
/** 50万里面30万养老: the amount before 里面 is the pool the next ones come from. */
const POOL_SUFFIX = /(?:里面|里头|当中|之中|中间|里)$/u;
const FRACTION: ReadonlyArray<readonly [RegExp, number]> = [
  [/一半|1半/u, 0.5],
  [/三分之一|3分之1/u, 1 / 3],
  [/三分之二|3分之2/u, 2 / 3],
  [/四分之一|4分之1/u, 0.25],
];
const REMAINDER = /剩下的?|剩余的?|其余的?|余下的?|其他的?钱/u;
const IDLE = /不动|不管|先放着|没想好|再说/u;
const PLAN = /留|用|给|放|投|买|存|做|准备|打算/u;
const MONEY_REF = /这钱|这笔钱|这部分|这些钱|那部分|这笔|那笔|这个钱|那个钱|这些|这一部分/u;
const PERSON =
  /风格|性格|风险承受|年轻|年纪大|岁数大|我这个人|我一向|我一直|我向来|我属于|我比较|我是个|我本人/u;
const CORRECTION =
  /^(?:不是$|不对|说错了?|搞错了?|打错了?|错了|更正一下|纠正一下|更正|纠正|哦不|噢不|不不|应该是|其实是|准确(?:地|的)?说是?|改成|改为|我是说)[,.!?;]*/u;
const CORRECTION_NOT =
  /^(?:不是|并不是)(?=\d|[^,.!?;]{0,6}(?:养老|退休|上学|教育|买房|旅游|应急|看病|结婚|年|月))/u;
const CHILD_AGE_QUESTION = /(?:孩子|小孩|儿子|女儿|闺女|宝宝|娃)[^,.!?;]{0,6}(?:多大|几岁|年纪|几年级)/u;
const round2 = (v: number): number => Math.round(v * 100) / 100;

type TurnContext = {
  turn: number;
  month: number | null;
  askedChildAge: boolean;
  /** Extra evidence (the customer's "对的" after an RM question that is being confirmed). */
  confirmation: string | null;
  correcting: { old: number | null } | null;
  /** Key of the sentence being read (turn:sentence). */
  sentenceKey: string;
  /** An amount the RM asked about ("那10万呢？") that the customer's answer describes. */
  askedAmount: number | null;
  /**
   * The text around this message that can make a bare amount money to invest: the customer's burst of
   * consecutive messages (我有 / 50万 / 想养老用) and the RM's question it answers (您大概有多少闲钱？).
   */
  context: string;
  /** The RM just asked when the money is needed (多久用, 什么时候用): a time in the answer is its horizon. */
  askedWhen: boolean;
};

type Segment = { amount: number; text: string };

/** One piece of text per amount: amount-first (50万养老，10万旅游) or purpose-first (养老50万，旅游10万). */
const segmentsOf = (norm: string, amounts: readonly AmountMention[]): Segment[] => {
  if (amounts.length === 1) return [{ amount: amounts[0]!.value, text: norm }];
  const purposeFirst = findPurpose(norm.slice(0, amounts[0]!.start))?.strong === true;
  return amounts.map((a, k) => {
    const next = amounts[k + 1];
    const prev = amounts[k - 1];
    if (purposeFirst) {
      const start = prev === undefined ? 0 : prev.end;
      return { amount: a.value, text: norm.slice(start, next === undefined ? norm.length : a.end) };
    }
    return {
      amount: a.value,
      text: norm.slice(k === 0 ? 0 : a.start, next === undefined ? norm.length : next.start),
    };
  });
};

const evidenceOf = (sen: Sentence, ctx: TurnContext): string[] =>
  ctx.confirmation === null ? [sen.raw] : [sen.raw, ctx.confirmation];

/** The draft a statement without an amount is about, or where it waits. */
const targetOf = (
  s: MoneyState,
  norm: string,
  sentenceNorm: string,
  a: Attrs,
  ctx: TurnContext,
  amountFollows: boolean,
): Draft | 'person' | 'pending' => {
  if (a.purpose?.strong) {
    const same = draftWithPurpose(s, a.purpose.purpose);
    if (same) return same;
  }
  if (MONEY_REF.test(norm) && s.focus) return s.focus;
  if (PERSON.test(sentenceNorm) && a.risk !== null && a.purpose === null && a.horizon === null)
    return 'person';
  const f = s.focus;
  const conflict =
    f !== null && a.purpose?.strong === true && f.purposeStrong && f.purpose !== a.purpose.purpose;
  // 我有50万，打算10年后退休用: the money just named in this sentence is what the clause describes.
  if (f && !conflict && f.at === ctx.sentenceKey && !ADDITIVE.test(norm)) return f;
  if (ADDITIVE.test(norm) || amountFollows) return 'pending';
  if (f && !conflict && ctx.turn - f.turn <= 2) return f;
  return 'pending';
};

const onAmount = (
  s: MoneyState,
  sen: Sentence,
  norm: string,
  seg: Segment,
  ctx: TurnContext,
  clausePool: Draft | null,
): void => {
  const a = attrsOf(seg.text, sen.norm, ctx.month);
  const evidence = evidenceOf(sen, ctx);
  if (ctx.correcting) {
    const target =
      (ctx.correcting.old === null ? undefined : draftWithAmount(s, ctx.correcting.old)) ?? s.focus;
    ctx.correcting = null;
    if (target) {
      target.amount = seg.amount;
      applyAttrs(target, a, true);
      touch(s, target, evidence, seg.text, ctx);
      return;
    }
  }
  const additive = ADDITIVE.test(seg.text);
  const same = additive ? undefined : draftWithAmount(s, seg.amount);
  const compatible =
    same !== undefined && (!a.purpose?.strong || !same.purposeStrong || same.purpose === a.purpose.purpose);
  if (same && compatible) {
    applyAttrs(same, a, false);
    touch(s, same, evidence, seg.text, ctx);
    return;
  }
  const pool = clausePool ?? (POOL_PART.test(norm) || CARVE.test(seg.text) ? poolFor(s, seg.amount) : null);
  const d = createDraft(s, seg.amount, ctx.turn, a);
  if (pool) markPool(pool, d);
  touch(s, d, evidence, seg.text, ctx);
};

/** 一半给孩子上大学 / 剩下的留着应急: a part of a pool whose amount is implied. */
const onImpliedPart = (s: MoneyState, sen: Sentence, norm: string, a: Attrs, ctx: TurnContext): boolean => {
  const planned = hasAttrs(a) || PLAN.test(norm);
  const fraction = FRACTION.find(([re]) => re.test(norm));
  let amount: number | null = null;
  let pool: Draft | null = null;
  if (fraction && planned) {
    pool = poolFor(s, null);
    if (pool) amount = pool.amount * fraction[1];
  } else if (
    REMAINDER.test(norm) &&
    !IDLE.test(norm) &&
    (a.purpose !== null || a.risk !== null || PLAN.test(norm))
  ) {
    const rest = remainderOf(s);
    if (rest) {
      pool = rest.pool;
      amount = rest.rest;
    }
  }
  if (pool === null || amount === null || amount <= 0) return false;
  const d = createDraft(s, round2(amount), ctx.turn, a);
  markPool(pool, d);
  touch(s, d, evidenceOf(sen, ctx), norm, ctx);
  return true;
};

const onStatement = (s: MoneyState, sen: Sentence, idx: number, ctx: TurnContext): void => {
  const norm = sen.clauses[idx]!.norm;
  const a = attrsOf(norm, sen.norm, ctx.month, ctx.correcting !== null || ctx.askedWhen);
  if (onImpliedPart(s, sen, norm, a, ctx) || !hasAttrs(a)) return;
  const evidence = evidenceOf(sen, ctx);
  if (ctx.correcting && s.focus) {
    ctx.correcting = null;
    applyAttrs(s.focus, a, true);
    touch(s, s.focus, evidence, norm, ctx);
    return;
  }
  if (ctx.askedAmount !== null) {
    const d = createDraft(s, ctx.askedAmount, ctx.turn, a);
    ctx.askedAmount = null;
    touch(s, d, evidence, norm, ctx);
    return;
  }
  const amountFollows = sen.clauses.slice(idx + 1).some((c) => findAmounts(c.norm).some((m) => !m.excluded));
  const target = targetOf(s, norm, sen.norm, a, ctx, amountFollows);
  if (target === 'person') s.personRisk = a.risk;
  else if (target === 'pending') addPending(s, a, evidence.join(' '), norm, ctx.turn);
  else {
    applyAttrs(target, a, false);
    touch(s, target, evidence, norm, ctx);
  }
};

const onClause = (s: MoneyState, sen: Sentence, idx: number, ctx: TurnContext): void => {
  let norm = sen.clauses[idx]!.norm;
  readAges(norm, s.ages, ctx.askedChildAge);
  const not = CORRECTION_NOT.exec(norm);
  if (not) {
    const old = findAmounts(norm)[0];
    ctx.correcting = { old: old?.value ?? null };
    return;
  }
  const corr = CORRECTION.exec(norm);
  if (corr) {
    ctx.correcting = { old: null };
    norm = norm.slice(corr[0].length).replace(/^是/u, '');
    if (norm.length === 0) return;
  }
  const mentions = findAmounts(norm);
  const amounts = mentions.filter((m) => !m.excluded);
  if (amounts.length === 0) {
    if (mentions.length === 0) onStatement(s, { ...sen, clauses: replaceAt(sen, idx, norm) }, idx, ctx);
    return;
  }
  const worthy =
    INTENT_CUE.test(sen.norm) ||
    INTENT_CUE.test(ctx.context) ||
    s.pending !== null ||
    ctx.correcting !== null;
  const segments = segmentsOf(norm, amounts);
  let clausePool: Draft | null = null;
  segments.forEach((seg, k) => {
    if (!worthy && !hasAttrs(attrsOf(seg.text, sen.norm, ctx.month))) return;
    if (k < segments.length - 1 && POOL_SUFFIX.test(seg.text)) {
      clausePool = createDraft(s, seg.amount, ctx.turn, emptyAttrs());
      clausePool.split = true;
      return;
    }
    onAmount(s, sen, norm, seg, ctx, clausePool);
  });
};

const replaceAt = (sen: Sentence, idx: number, norm: string): Sentence['clauses'] =>
  sen.clauses.map((c, i) => (i === idx ? { ...c, norm } : c));

const processTurn = (s: MoneyState, t: Turn, ctx: TurnContext): void => {
  t.sentences.forEach((sen, k) => {
    ctx.sentenceKey = `${t.index}:${k}`;
    for (let i = 0; i < sen.clauses.length; i++) onClause(s, sen, i, ctx);
  });
};

/** An RM message that is not confirmed still moves the focus to the money it names ("那30万…"). */
const noteRmAmounts = (s: MoneyState, t: Turn): number | null => {
  let asked: number | null = null;
  for (const sen of t.sentences) {
    for (const c of sen.clauses) {
      for (const m of findAmounts(c.norm)) {
        if (m.excluded) continue;
        const d = draftWithAmount(s, m.value);
        if (d) {
          s.focus = d;
          d.turn = t.index;
        } else if (t.question) asked = m.value;
      }
    }
  }
  return asked;
};

const finalize = (s: MoneyState): MoneyIntent[] =>
  s.drafts
    .filter((d) => !d.split)
    .map((d) => {
      const pool = d.poolId === null ? undefined : s.drafts.find((p) => p.id === d.poolId);
      const purpose = d.purpose ?? (pool?.purposeStrong ? pool.purpose : null) ?? 'growth';
      const horizon =
        d.horizon ??
        (purpose === 'education'
          ? educationHorizon(d.text, s.ages.childAge)
          : purpose === 'retirement'
            ? retirementHorizon(s.ages)
            : null);
      const liquidity =
        d.liquidity ??
        liquidityFromHorizon(horizon) ??
        (purpose === 'emergency' || purpose === 'medical' ? 'high' : null);
      return {
        purpose,
        amount: d.amount,
        horizon_months: horizon,
        liquidity,
        risk_appetite: d.risk ?? s.personRisk,
        constraints: [...d.constraints].sort(),
        evidence: d.evidence,
      };
    });

export type AffirmationTest = (reply: Turn) => boolean;

/** An RM question about how much money there is (多少钱, 预算, 闲钱 …). */
const MONEY_QUESTION = /多少(?:钱|资金|闲钱|预算)?|预算|金额|闲钱|资金|打算投|准备投|能投/u;
const WHEN_QUESTION = /多久|什么时候|多长时间|几年|何时|期限/u;

/** The customer's consecutive messages around `i` and the RM question right before them, as one text. */
const contextOf = (turns: readonly Turn[], i: number): string => {
  let a = i;
  let b = i;
  while (a > 0 && turns[a - 1]!.sender === 'customer') a--;
  while (b + 1 < turns.length && turns[b + 1]!.sender === 'customer') b++;
  const parts = turns.slice(a, b + 1).map((t) => t.norm);
  const asked = turns[a - 1];
  if (asked !== undefined && asked.question && MONEY_QUESTION.test(asked.norm)) parts.push('有');
  return parts.join(' ');
};

/**
 * Runs the extraction over prepared turns. `affirms` decides whether a customer reply agrees with the RM's
 * question (the taxonomy's affirmation and denial patterns); an agreed RM restatement counts as said.
 */
export const extractMoneyIntents = (turns: readonly Turn[], affirms: AffirmationTest): MoneyIntent[] => {
  const s = newState();
  let askedChildAge = false;
  let askedAmount: number | null = null;
  for (const t of turns) {
    const base = {
      turn: t.index,
      month: t.month,
      correcting: null,
      sentenceKey: '',
      context: '',
      askedWhen: false,
    };
    if (t.sender === 'rm') {
      const reply = answerTo(turns, t.index);
      askedChildAge = CHILD_AGE_QUESTION.test(t.norm);
      if (t.question && reply !== null && affirms(reply)) {
        const confirmation = reply.sentences[0]?.raw ?? reply.text;
        processTurn(s, t, { ...base, askedChildAge: false, confirmation, askedAmount: null });
        askedAmount = null;
      } else askedAmount = noteRmAmounts(s, t);
      continue;
    }
    const prev = turns[t.index - 1];
    const askedWhen =
      prev !== undefined && prev.sender === 'rm' && prev.question && WHEN_QUESTION.test(prev.norm);
    processTurn(s, t, {
      ...base,
      askedChildAge,
      confirmation: null,
      askedAmount,
      context: contextOf(turns, t.index),
      askedWhen,
    });
    askedChildAge = false;
    askedAmount = null;
  }
  retirePending(s);
  closePools(s);
  return finalize(s);
};
