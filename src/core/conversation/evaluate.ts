import { OBJECTION_CODES, SENTIMENTS, type ConversationInsight, type LabelledConversation } from './types.js';

/**
 * Evaluation of conversation insight against a labelled set: per-tag precision, recall and F1 (conversation
 * level: a tag is right when the conversation has it), micro-averaged objections, sentiment accuracy, and
 * per-money intents (a predicted record matches a gold one with the same purpose and amount; horizon,
 * liquidity and risk appetite are scored on the matched pairs). Ratios with an empty denominator are null.
 */
export type Score = {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  tp: number;
  fp: number;
  fn: number;
};

export type Mistake = { id: string; kind: string; detail: string };

export type EvalReport = {
  n: number;
  per_tag: Record<string, Score>;
  objections: Score;
  sentiment: { accuracy: number | null; per_label: Record<string, Score> };
  intents: Score & {
    gold: number;
    predicted: number;
    fields: { horizon_months: number | null; liquidity: number | null; risk_appetite: number | null };
  };
  mentions: Score;
  mistakes: Mistake[];
};

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export const score = (tp: number, fp: number, fn: number): Score => {
  const precision = tp + fp > 0 ? tp / (tp + fp) : null;
  const recall = tp + fn > 0 ? tp / (tp + fn) : null;
  const f1 =
    precision !== null && recall !== null
      ? precision + recall > 0
        ? (2 * precision * recall) / (precision + recall)
        : 0
      : null;
  return {
    precision: precision === null ? null : r4(precision),
    recall: recall === null ? null : r4(recall),
    f1: f1 === null ? null : r4(f1),
    tp,
    fp,
    fn,
  };
};

type Counts = { tp: number; fp: number; fn: number };
const bump = (m: Map<string, Counts>, k: string, field: keyof Counts): void => {
  const c = m.get(k) ?? { tp: 0, fp: 0, fn: 0 };
  c[field]++;
  m.set(k, c);
};

const setCounts = (
  counts: Map<string, Counts>,
  gold: ReadonlySet<string>,
  pred: ReadonlySet<string>,
  onMiss: (k: string, kind: 'fp' | 'fn') => void,
): void => {
  for (const k of pred) {
    if (gold.has(k)) bump(counts, k, 'tp');
    else {
      bump(counts, k, 'fp');
      onMiss(k, 'fp');
    }
  }
  for (const k of gold) {
    if (!pred.has(k)) {
      bump(counts, k, 'fn');
      onMiss(k, 'fn');
    }
  }
};

type IntentTally = Counts & { gold: number; predicted: number; fieldsRight: [number, number, number] };

const tallyIntents = (
  lc: LabelledConversation,
  got: ConversationInsight,
  t: IntentTally,
  mistakes: Mistake[],
): void => {
  const free = [...got.intents];
  t.gold += lc.labels.intents.length;
  t.predicted += got.intents.length;
  for (const g of lc.labels.intents) {
    const i = free.findIndex((p) => p.purpose === g.purpose && Math.abs(p.amount - g.amount) < 0.5);
    if (i < 0) {
      t.fn++;
      mistakes.push({ id: lc.id, kind: 'intent_fn', detail: `${g.purpose} ${g.amount}` });
      continue;
    }
    const p = free.splice(i, 1)[0]!;
    t.tp++;
    const same = [
      p.horizon_months === g.horizon_months,
      p.liquidity === g.liquidity,
      p.risk_appetite === g.risk_appetite,
    ];
    same.forEach((ok, k) => {
      if (ok) t.fieldsRight[k]!++;
    });
    if (same.includes(false)) {
      const show = (x: { horizon_months: unknown; liquidity: unknown; risk_appetite: unknown }) =>
        `${String(x.horizon_months)}/${String(x.liquidity)}/${String(x.risk_appetite)}`;
      mistakes.push({
        id: lc.id,
        kind: 'intent_field',
        detail: `${g.purpose} ${g.amount}: got ${show(p)} want ${show(g)}`,
      });
    }
  }
  for (const p of free) {
    t.fp++;
    mistakes.push({ id: lc.id, kind: 'intent_fp', detail: `${p.purpose} ${p.amount}` });
  }
};

export const evaluateInsights = (
  labelled: readonly LabelledConversation[],
  analyze: (c: LabelledConversation) => ConversationInsight,
  tagKeys: readonly string[],
): EvalReport => {
  const tagCounts = new Map<string, Counts>(tagKeys.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const sentCounts = new Map<string, Counts>(SENTIMENTS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const mentionCounts = new Map<string, Counts>();
  const it: IntentTally = { tp: 0, fp: 0, fn: 0, gold: 0, predicted: 0, fieldsRight: [0, 0, 0] };
  const mistakes: Mistake[] = [];
  let sentRight = 0;
  for (const lc of labelled) {
    const got = analyze(lc);
    setCounts(tagCounts, new Set(lc.labels.tags), new Set(got.tags), (k, kind) =>
      mistakes.push({ id: lc.id, kind: `tag_${kind}`, detail: k }),
    );
    setCounts(sentCounts, new Set([lc.labels.sentiment]), new Set([got.sentiment]), () => undefined);
    if (got.sentiment === lc.labels.sentiment) sentRight++;
    else
      mistakes.push({
        id: lc.id,
        kind: 'sentiment',
        detail: `got ${got.sentiment} want ${lc.labels.sentiment}`,
      });
    const goldNames = new Set([...(lc.labels.products ?? []), ...(lc.labels.managers ?? [])]);
    const gotNames = new Set([...got.products, ...got.managers].map((m) => m.name));
    setCounts(mentionCounts, goldNames, gotNames, (k, kind) =>
      mistakes.push({ id: lc.id, kind: `mention_${kind}`, detail: k }),
    );
    tallyIntents(lc, got, it, mistakes);
  }
  const sum = (m: Map<string, Counts>, keys: readonly string[]): Score => {
    const c = keys.reduce(
      (a, k) => {
        const x = m.get(k) ?? { tp: 0, fp: 0, fn: 0 };
        return { tp: a.tp + x.tp, fp: a.fp + x.fp, fn: a.fn + x.fn };
      },
      { tp: 0, fp: 0, fn: 0 },
    );
    return score(c.tp, c.fp, c.fn);
  };
  const field = (k: 0 | 1 | 2): number | null => (it.tp > 0 ? r4(it.fieldsRight[k] / it.tp) : null);
  return {
    n: labelled.length,
    per_tag: Object.fromEntries([...tagCounts.entries()].map(([k, c]) => [k, score(c.tp, c.fp, c.fn)])),
    objections: sum(tagCounts, OBJECTION_CODES),
    sentiment: {
      accuracy: labelled.length > 0 ? r4(sentRight / labelled.length) : null,
      per_label: Object.fromEntries([...sentCounts.entries()].map(([k, c]) => [k, score(c.tp, c.fp, c.fn)])),
    },
    intents: {
      ...score(it.tp, it.fp, it.fn),
      gold: it.gold,
      predicted: it.predicted,
      fields: { horizon_months: field(0), liquidity: field(1), risk_appetite: field(2) },
    },
    mentions: sum(mentionCounts, [...mentionCounts.keys()]),
    mistakes,
  };
};
