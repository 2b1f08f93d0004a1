import type { CompiledTag, CompiledTaxonomy } from './taxonomy.js';
import { anyMatch, isNegated } from './text.js';
import { answerTo, type Clause, type Turn } from './turns.js';
import type { TagHit } from './types.js';

/**
 * The classical tagger: the taxonomy's cue patterns on each clause of the tag's speaker, with negation (a
 * negator right before the cue: 我不怕亏), suppression (a pattern in the same clause that cancels the tag:
 * 亏了也无所谓) and speaker awareness (the RM saying 很多客户怕亏 is not the customer's objection, but the RM
 * asking 您是担心费用太高吗 and the customer answering 对 is).
 */
type Found = { key: string; turns: number[]; evidence: string[] };

/** A cue match in a clause that is neither negated nor suppressed. */
export const cueMatches = (tag: CompiledTag, clause: string, negation: RegExp): boolean => {
  if (anyMatch(tag.suppress, clause)) return false;
  for (const cue of tag.cues) {
    for (const m of clause.matchAll(cue)) {
      if (tag.def.negatable && isNegated(clause.slice(0, m.index), negation)) continue;
      return true;
    }
  }
  return false;
};

const speaks = (tag: CompiledTag, t: Turn): boolean =>
  tag.def.speaker === 'any' || tag.def.speaker === t.sender;

const clausesOf = (t: Turn): Array<{ clause: Clause; sentence: string }> =>
  t.sentences.flatMap((s) => s.clauses.map((clause) => ({ clause, sentence: s.raw })));

/** Does the customer's reply agree with the RM's question (and not deny it)? */
export const affirmsWith =
  (tx: CompiledTaxonomy) =>
  (reply: Turn): boolean => {
    const first = reply.sentences[0]?.clauses[0]?.norm ?? reply.norm;
    return !anyMatch(tx.denial, first) && anyMatch(tx.affirmation, first);
  };

const add = (found: Map<string, Found>, key: string, turn: number, evidence: readonly string[]): void => {
  const f = found.get(key) ?? { key, turns: [], evidence: [] };
  if (!f.turns.includes(turn)) f.turns.push(turn);
  for (const e of evidence) if (!f.evidence.includes(e)) f.evidence.push(e);
  found.set(key, f);
};

/** Tags of a conversation with their evidence; objections carry whether the customer was reassured later. */
export const detectTags = (turns: readonly Turn[], tx: CompiledTaxonomy): TagHit[] => {
  const found = new Map<string, Found>();
  const affirms = affirmsWith(tx);
  for (const t of turns) {
    for (const tag of tx.tags) {
      if (speaks(tag, t)) {
        for (const { clause, sentence } of clausesOf(t)) {
          if (cueMatches(tag, clause.norm, tx.negation)) add(found, tag.def.key, t.index, [sentence]);
        }
      }
      if (tag.def.confirmable && t.sender === 'rm' && t.question) {
        const reply = answerTo(turns, t.index);
        const asked = clausesOf(t).find(({ clause }) => cueMatches(tag, clause.norm, tx.negation));
        if (reply && asked && affirms(reply)) {
          add(found, tag.def.key, reply.index, [asked.sentence, reply.sentences[0]?.raw ?? reply.text]);
        }
      }
    }
  }
  const purchaseTurns = found.get('purchase_signal')?.turns ?? [];
  const order = new Map(tx.tags.map((t, i) => [t.def.key, i]));
  return [...found.values()]
    .sort((a, b) => order.get(a.key)! - order.get(b.key)!)
    .map((f) => {
      const hit: TagHit = { key: f.key, evidence: f.evidence };
      const def = tx.tags[order.get(f.key)!]!.def;
      if (def.kind === 'objection')
        hit.resolved = resolvedAfter(turns, tx, Math.max(...f.turns), purchaseTurns);
      return hit;
    });
};

/** A concern counts as answered when the customer later says so (放心了, 明白了) or moves to buy. */
const resolvedAfter = (
  turns: readonly Turn[],
  tx: CompiledTaxonomy,
  last: number,
  purchaseTurns: readonly number[],
): boolean => {
  if (purchaseTurns.some((p) => p > last)) return true;
  return turns.some(
    (t) =>
      t.index > last &&
      t.sender === 'customer' &&
      clausesOf(t).some(({ clause }) => anyMatch(tx.resolution, clause.norm)),
  );
};
