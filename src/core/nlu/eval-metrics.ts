/**
 * Evaluation metrics of the language engine: classification report (accuracy, macro-F1 as scikit-learn's
 * f1_score(average='macro') over the labels present in truth or predictions, per-label precision/recall/F1,
 * most frequent confusion pairs) and retrieval metrics for the knowledge base.
 */
export type LabelReport = { precision: number; recall: number; f1: number; n: number };
export type ConfusionPair = { expected: string; predicted: string; count: number };
export type ClassificationReport = {
  accuracy: number;
  macro_f1: number;
  n: number;
  per_label: Record<string, LabelReport>;
  confusions: ConfusionPair[];
};

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export const classificationReport = (
  expected: readonly string[],
  predicted: readonly string[],
  topConfusions = 20,
): ClassificationReport => {
  const n = expected.length;
  const labels = [...new Set([...expected, ...predicted])].sort();
  const tp = new Map<string, number>();
  const support = new Map<string, number>();
  const predCount = new Map<string, number>();
  const pairs = new Map<string, number>();
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const e = expected[i]!;
    const p = predicted[i]!;
    support.set(e, (support.get(e) ?? 0) + 1);
    predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (e === p) {
      correct++;
      tp.set(e, (tp.get(e) ?? 0) + 1);
    } else {
      const key = `${e}\u0000${p}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  const per_label: Record<string, LabelReport> = {};
  let f1Sum = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const precision = (predCount.get(l) ?? 0) > 0 ? t / predCount.get(l)! : 0;
    const recall = (support.get(l) ?? 0) > 0 ? t / support.get(l)! : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    f1Sum += f1;
    per_label[l] = {
      precision: round4(precision),
      recall: round4(recall),
      f1: round4(f1),
      n: support.get(l) ?? 0,
    };
  }
  const confusions = [...pairs.entries()]
    .map(([k, count]) => {
      const [e, p] = k.split('\u0000');
      return { expected: e!, predicted: p!, count };
    })
    .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected))
    .slice(0, topConfusions);
  return {
    accuracy: n > 0 ? round4(correct / n) : 0,
    macro_f1: labels.length > 0 ? round4(f1Sum / labels.length) : 0,
    n,
    per_label,
    confusions,
  };
};

export type KbQueryOutcome = {
  expected: string;
  /** Answered id, or 'none' for "no match". */
  answer: string;
  /** Ranked candidate ids (did-you-mean list, best first). */
  ranked: readonly string[];
};

export type KbReport = {
  top1: number;
  mrr: number;
  recall_at_5: number;
  n: number;
  none_precision: number | null;
  /** Of the queries expected 'none', the share answered "no match" (null when there is none). */
  none_recall: number | null;
};

/**
 * KB retrieval metrics. top1: the answer equals the expected id ('none' expected counts when the engine said
 * "no match"). mrr and recall_at_5 use the ranked did-you-mean list (1/rank of the expected id within the top
 * 5; for an expected 'none', 1 when the engine said "no match"). none_precision: of the "no match" answers,
 * the share whose expected id is 'none' (null when the engine never said "no match").
 */
export const kbReport = (outcomes: readonly KbQueryOutcome[], noneId = 'none'): KbReport => {
  let top1 = 0;
  let rr = 0;
  let r5 = 0;
  let noneAnswers = 0;
  let noneCorrect = 0;
  let noneExpected = 0;
  for (const o of outcomes) {
    if (o.answer === o.expected) top1++;
    if (o.answer === noneId) {
      noneAnswers++;
      if (o.expected === noneId) noneCorrect++;
    }
    if (o.expected === noneId) {
      noneExpected++;
      if (o.answer === noneId) {
        rr++;
        r5++;
      }
      continue;
    }
    const rank = o.ranked.slice(0, 5).indexOf(o.expected);
    if (rank >= 0) {
      rr += 1 / (rank + 1);
      r5++;
    }
  }
  const n = outcomes.length;
  return {
    top1: n > 0 ? round4(top1 / n) : 0,
    mrr: n > 0 ? round4(rr / n) : 0,
    recall_at_5: n > 0 ? round4(r5 / n) : 0,
    n,
    none_precision: noneAnswers > 0 ? round4(noneCorrect / noneAnswers) : null,
    none_recall: noneExpected > 0 ? round4(noneCorrect / noneExpected) : null,
  };
};
