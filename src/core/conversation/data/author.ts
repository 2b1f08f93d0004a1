import type { Purpose, RiskAppetite } from '../../nlu/types.js';
import type { ConversationLabels, LabelledConversation, Liquidity, Sentiment } from '../types.js';

/** Compact authoring form of the labelled sets: turns as [c|r, text], intents as tuples. */
export type Turn = readonly ['c' | 'r', string];
export type IntentTuple = readonly [Purpose, number, number | null, Liquidity | null, RiskAppetite | null];
export type LabelSpec = {
  tags: string[];
  sentiment: Sentiment;
  intents: IntentTuple[];
  products?: string[];
  managers?: string[];
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** Messages one minute apart from `start` (local wall time written as ISO without zone, read as +08:00). */
export const conv = (id: string, start: string, turns: readonly Turn[], spec: LabelSpec): LabelledConversation => {
  const t0 = Date.parse(`${start}:00+08:00`);
  const messages = turns.map(([who, text], i) => {
    const d = new Date(t0 + i * 60_000 + 8 * 3_600_000);
    const time = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+08:00`;
    return { id: `${id}-${i + 1}`, time, sender: who === 'c' ? ('customer' as const) : ('rm' as const), text };
  });
  const labels: ConversationLabels = {
    tags: spec.tags,
    sentiment: spec.sentiment,
    intents: spec.intents.map(([purpose, amount, horizon_months, liquidity, risk_appetite]) => ({
      purpose,
      amount,
      horizon_months,
      liquidity,
      risk_appetite,
    })),
  };
  if (spec.products) labels.products = spec.products;
  if (spec.managers) labels.managers = spec.managers;
  return { id, messages, labels };
};
