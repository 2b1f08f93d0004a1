import { monthOf } from './money-time.js';
import { isQuestion, normalizeUtterance, splitClauses, splitSentences } from './text.js';
import type { Message, Speaker } from './types.js';

/**
 * A conversation prepared once for every analyser: each message split into sentences (the evidence unit,
 * kept as written) and clauses (the matching unit, normalised).
 */
export type Clause = { raw: string; norm: string };
export type Sentence = { raw: string; norm: string; clauses: Clause[] };
export type Turn = {
  index: number;
  sender: Speaker;
  time: string | undefined;
  month: number | null;
  text: string;
  norm: string;
  question: boolean;
  sentences: Sentence[];
};

const toSentence = (raw: string): Sentence => ({
  raw,
  norm: normalizeUtterance(raw),
  clauses: splitClauses(raw).map((c) => ({ raw: c, norm: normalizeUtterance(c) })),
});

export const toTurns = (messages: readonly Message[]): Turn[] =>
  messages.map((m, index) => ({
    index,
    sender: m.sender,
    time: m.time,
    month: monthOf(m.time),
    text: m.text,
    norm: normalizeUtterance(m.text),
    question: splitSentences(m.text).some(isQuestion),
    sentences: splitSentences(m.text).map(toSentence),
  }));

/** The turn right after `i` when the customer speaks it (an answer to the RM), else null. */
export const answerTo = (turns: readonly Turn[], i: number): Turn | null => {
  const next = turns[i + 1];
  return next !== undefined && next.sender === 'customer' ? next : null;
};
