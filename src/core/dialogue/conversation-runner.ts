import { runTurn, type DialogueEngine } from './engine.js';
import { FIXTURE_CUSTOMERS, FIXTURE_NOW, fixtureData } from './fixture.js';
import type { ConversationTest } from './flow-set.js';
import { initialState, type DialogueState } from './types.js';

export type TurnOutcome = {
  turn: number;
  input: string;
  intent: string;
  flow: { name: string; step: string } | null;
  cards: string[];
  text: string;
  failures: string[];
};

export type ConversationOutcome = { name: string; passed: boolean; turns: TurnOutcome[] };

const expectations = (
  e: ConversationTest['turns'][number]['expect'],
  r: Awaited<ReturnType<typeof runTurn>>,
): string[] => {
  const out: string[] = [];
  const types = r.reply.cards.map((c) => c.type as string);
  if (e.intent !== undefined && r.intent !== e.intent) out.push(`intent ${r.intent}, expected ${e.intent}`);
  if (e.flow !== undefined && (r.flow?.name ?? null) !== e.flow)
    out.push(`flow ${r.flow?.name ?? 'none'}, expected ${e.flow ?? 'none'}`);
  if (e.step !== undefined && r.flow?.step !== e.step)
    out.push(`step ${r.flow?.step ?? 'none'}, expected ${e.step}`);
  for (const c of e.cards ?? [])
    if (!types.includes(c)) out.push(`no ${c} card (cards: ${types.join(', ')})`);
  for (const c of e.no_cards ?? []) if (types.includes(c)) out.push(`unexpected ${c} card`);
  for (const ev of e.events ?? [])
    if (!r.annotations.events.includes(ev))
      out.push(`no event ${ev} (events: ${r.annotations.events.join(' ')})`);
  if (e.text !== undefined && !new RegExp(e.text).test(r.reply.text))
    out.push(`text does not match /${e.text}/`);
  if (e.handoff !== undefined && (r.handoff_request !== null) !== e.handoff)
    out.push(e.handoff ? 'no hand-off' : 'unexpected hand-off');
  // Every reply passed the outbound guard and carries the AI label.
  if (!/本内容由AI生成/.test(r.reply.text)) out.push('reply without the AI label (guard bypassed)');
  return out;
};

/**
 * Runs one conversation test on the fixture world (fixture shelf, customer and data port; nothing stored): each
 * turn one minute (or `gap_minutes`) after the previous from FIXTURE_NOW. The one runner of conversation tests:
 * `npm test` (conversations.test.ts) and the ops flow editor's test button use it.
 */
export const runConversationTest = async (
  engine: DialogueEngine,
  conv: ConversationTest,
): Promise<ConversationOutcome> => {
  const customer = FIXTURE_CUSTOMERS[conv.customer]!;
  const data = fixtureData(conv.customer, {
    ...(conv.fail ? { fail: conv.fail } : {}),
    ...(conv.holdings ? { holdings: conv.holdings } : {}),
  });
  let state: DialogueState = initialState();
  const start = Date.parse(FIXTURE_NOW);
  const turns: TurnOutcome[] = [];
  for (const [k, t] of conv.turns.entries()) {
    const now = new Date(start + k * (conv.gap_minutes ?? 1) * 60_000).toISOString();
    const input = 'say' in t ? { text: t.say } : { action: t.action };
    const r = await runTurn(engine, state, input, { customer, now, data });
    state = r.state;
    turns.push({
      turn: k + 1,
      input: 'say' in t ? t.say : JSON.stringify(t.action),
      intent: r.intent,
      flow: r.flow,
      cards: r.reply.cards.map((c) => c.type),
      text: r.reply.text,
      failures: expectations(t.expect, r),
    });
  }
  return { name: conv.name, passed: turns.every((t) => t.failures.length === 0), turns };
};
