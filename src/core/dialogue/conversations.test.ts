import { describe, expect, it } from 'vitest';
import { CONVERSATIONS } from './conversations/index.js';
import { runTurn } from './engine.js';
import { FIXTURE_CUSTOMERS, FIXTURE_NOW, fixtureData } from './fixture.js';
import { fixtureEngine } from './test-world.js';
import { initialState, type DialogueState } from './types.js';

describe('conversation tests (each flow ships its own)', () => {
  it('has at least 60 conversations', () => {
    expect(CONVERSATIONS.length).toBeGreaterThanOrEqual(60);
  });

  for (const conv of CONVERSATIONS) {
    it(conv.name, async () => {
      const engine = fixtureEngine();
      const customer = FIXTURE_CUSTOMERS[conv.customer]!;
      const data = fixtureData(conv.customer, {
        ...(conv.fail ? { fail: conv.fail } : {}),
        ...(conv.holdings ? { holdings: conv.holdings } : {}),
      });
      let state: DialogueState = initialState();
      const start = Date.parse(FIXTURE_NOW);
      for (const [k, t] of conv.turns.entries()) {
        const now = new Date(start + k * (conv.gapMinutes ?? 1) * 60_000).toISOString();
        const input = 'say' in t ? { text: t.say } : { action: t.action };
        const r = await runTurn(engine, state, input, { customer, now, data });
        state = r.state;
        const where = `turn ${k + 1} (${'say' in t ? t.say : JSON.stringify(t.action)}): ${r.intent} ${JSON.stringify(r.flow)} ${r.annotations.events.join(' ')} | ${r.reply.text.slice(0, 80)}`;
        const e = t.expect;
        const types = r.reply.cards.map((c) => c.type);
        if (e.intent !== undefined) expect(r.intent, where).toBe(e.intent);
        if (e.flow !== undefined) expect(r.flow?.name ?? null, where).toBe(e.flow);
        if (e.step !== undefined) expect(r.flow?.step, where).toBe(e.step);
        for (const c of e.cards ?? []) expect(types, where).toContain(c);
        for (const c of e.noCards ?? []) expect(types, where).not.toContain(c);
        for (const ev of e.events ?? []) expect(r.annotations.events, where).toContain(ev);
        if (e.text !== undefined) expect(r.reply.text, where).toMatch(e.text);
        if (e.handoff !== undefined) expect(r.handoff_request !== null, where).toBe(e.handoff);
        // Every reply passed the guard and carries the AI label.
        expect(r.reply.text, where).toMatch(/本内容由AI生成/);
      }
    });
  }
});
