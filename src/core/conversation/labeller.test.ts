import { describe, expect, it } from 'vitest';
import { analyzeConversation } from './analyze.js';
import { applyLabeller, labellingPrompt, type ConversationLabeller } from './labeller.js';
import { DEFAULT_TAXONOMY } from './taxonomy.js';
import { dialogue } from './dialogue.fixture.js';

const conv = dialogue('c: 我有20万，想做长期投资\nc: 不过你们这些产品我有点不放心');
const classical = analyzeConversation(conv);
const fixed = (answer: unknown): ConversationLabeller => ({
  name: 'fake',
  label: () => Promise.resolve(answer),
});

describe('LLM labelling hook', () => {
  it('sends the taxonomy and the numbered transcript', async () => {
    let seen = '';
    await applyLabeller(conv, classical, DEFAULT_TAXONOMY, {
      name: 'spy',
      label: (req) => {
        seen = `${req.prompt.system}\n${req.prompt.user}`;
        return Promise.resolve({ tags: [] });
      },
    });
    expect(seen).toContain('fear_of_loss');
    expect(seen).toContain('2. [客户] 不过你们这些产品我有点不放心');
    expect(labellingPrompt(conv, DEFAULT_TAXONOMY).user.split('\n')).toHaveLength(2);
  });

  it('adds the labeller’s tags and new money under union, drops tags outside the taxonomy', async () => {
    const r = await applyLabeller(
      conv,
      classical,
      DEFAULT_TAXONOMY,
      fixed({
        tags: ['fear_of_loss', 'made_up'],
        sentiment: 'negative',
        intents: [{ purpose: 'house', amount: 300000 }],
      }),
    );
    expect(r.labeller).toEqual({ name: 'fake', used: true });
    expect(r.insight.tags).toEqual(['fear_of_loss', 'distrust']);
    expect(r.insight.objections).toEqual(['fear_of_loss', 'distrust']);
    expect(r.insight.sentiment).toBe(classical.sentiment);
    expect(r.insight.intents.map((i) => [i.purpose, i.amount])).toEqual([
      ['growth', 200000],
      ['house', 300000],
    ]);
  });

  it('takes the labeller’s answer under the llm policy', async () => {
    const r = await applyLabeller(
      conv,
      classical,
      DEFAULT_TAXONOMY,
      fixed('{"tags":["wait_and_see"],"sentiment":"negative"}'),
      'llm',
    );
    expect(r.insight.tags).toEqual(['wait_and_see']);
    expect(r.insight.sentiment).toBe('negative');
    expect(r.insight.intents).toEqual([]);
  });

  it('falls back to the classical result on invalid output or a failure, with the reason', async () => {
    const bad = await applyLabeller(
      conv,
      classical,
      DEFAULT_TAXONOMY,
      fixed({ intents: [{ purpose: 'yacht', amount: 1 }] }),
    );
    expect(bad.insight).toBe(classical);
    expect(bad.labeller.used).toBe(false);
    expect(bad.labeller.error).toMatch(/intents\.0\.purpose/);
    const down = await applyLabeller(conv, classical, DEFAULT_TAXONOMY, {
      name: 'down',
      label: () => Promise.reject(new Error('connection refused')),
    });
    expect(down).toEqual({
      insight: classical,
      labeller: { name: 'down', used: false, error: 'connection refused' },
    });
  });
});
