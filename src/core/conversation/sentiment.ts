import type { CompiledTaxonomy } from './taxonomy.js';
import { isNegated } from './text.js';
import type { Turn } from './turns.js';
import type { Sentiment } from './types.js';

/**
 * The customer's sentiment over a conversation: the weights of the taxonomy's sentiment cues summed over the
 * customer's clauses (a cue covered by an earlier, heavier match is not counted twice; a negated positive cue
 * counts as negative: 不满意, 不靠谱), compared with ±threshold. Worry alone (怕亏) is not negative sentiment;
 * anger, distress and dissatisfaction are.
 */
export type SentimentScore = { sentiment: Sentiment; score: number };

export const scoreSentiment = (turns: readonly Turn[], tx: CompiledTaxonomy): SentimentScore => {
  let score = 0;
  for (const t of turns) {
    if (t.sender !== 'customer') continue;
    for (const s of t.sentences) {
      for (const c of s.clauses) score += clauseScore(c.norm, tx);
    }
  }
  const th = tx.sentiment.threshold;
  return { sentiment: score >= th ? 'positive' : score <= -th ? 'negative' : 'neutral', score };
};

const clauseScore = (clause: string, tx: CompiledTaxonomy): number => {
  const covered: Array<[number, number]> = [];
  let total = 0;
  const cues = [...tx.sentiment.cues].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  for (const { re, weight } of cues) {
    for (const m of clause.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (covered.some(([a, b]) => start < b && end > a)) continue;
      covered.push([start, end]);
      // 靠谱吗 / 满意不 ask about it: a positive word in a question is no praise.
      if (weight > 0 && /^(?:吗|么|不|嘛|否)/u.test(clause.slice(end))) continue;
      const negated = isNegated(clause.slice(0, start), tx.negation);
      total += negated ? (weight > 0 ? -weight : 0) : weight;
    }
  }
  return total;
};
