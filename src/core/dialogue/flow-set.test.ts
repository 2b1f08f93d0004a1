import { describe, expect, it } from 'vitest';
import { runConversationTest } from './conversation-runner.js';
import { CONVERSATIONS } from './conversations/index.js';
import { builtinConversationTests, mergeFlowLayers, validateFlowSet } from './flow-set.js';
import { BUILTIN_FLOWS, flowSet } from './flows.js';
import { fixtureEngine } from './test-world.js';
import { builtinTools } from './builtin-tools.js';

const tools = new Set([...builtinTools().keys()]);
const greeting = BUILTIN_FLOWS.find((f) => f.name === 'greeting')!;
const withText = (text: string) => ({
  ...greeting,
  steps: [
    { id: 'hello', kind: 'say', text },
    { id: 'done', kind: 'end' },
  ],
});

describe('flow sets per org unit', () => {
  it('names the JSON path of a schema problem', () => {
    const r = validateFlowSet({ flows: [withText('')] }, { parent: BUILTIN_FLOWS, tools });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: 'flows.0.steps.0.text' });
  });

  it('refuses an unknown tool, a duplicate flow, an intent taken by a parent flow and a link to nowhere', () => {
    const bad = [
      {
        ...withText('a'),
        steps: [
          { id: 'x', kind: 'action', tool: 'nope' },
          { id: 'e', kind: 'end' },
        ],
      },
      withText('b'),
      { ...withText('c'), name: 'hello2', intents: ['fees'] },
      { ...withText('d'), name: 'jump', intents: [], steps: [{ id: 'l', kind: 'link', flow: 'missing' }] },
    ];
    const r = validateFlowSet({ flows: bad }, { parent: BUILTIN_FLOWS, tools });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => i.path)).toEqual(
        expect.arrayContaining([
          'flows.0.steps.0.tool',
          'flows.1.name',
          'flows.2.intents.0',
          'flows.3.steps.0.flow',
        ]),
      );
  });

  it('an override replaces the parent flow of the same name in place; a new name is added', () => {
    const r = validateFlowSet(
      { flows: [withText('分行问候'), { ...withText('新流程'), name: 'branch_news', intents: [] }] },
      { parent: BUILTIN_FLOWS, tools },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const names = r.effective.map((f) => f.name);
    expect(names.indexOf('greeting')).toBe(BUILTIN_FLOWS.findIndex((f) => f.name === 'greeting'));
    expect(names.at(-1)).toBe('branch_news');
    expect(mergeFlowLayers([BUILTIN_FLOWS, r.doc.flows])).toHaveLength(BUILTIN_FLOWS.length + 1);
  });

  it('carries every code-defined conversation test over to data', () => {
    const tests = builtinConversationTests();
    expect(tests).toHaveLength(CONVERSATIONS.length);
    expect(tests.find((t) => t.name === 'greeting')?.turns[0]).toEqual({
      say: '你好',
      expect: { intent: 'greeting', cards: ['quick_replies'] },
    });
  });

  it('the runner reports a failed expectation instead of passing a changed prompt', async () => {
    const test = builtinConversationTests().find((t) => t.name === 'greeting')!;
    const ok = await runConversationTest(fixtureEngine(), test);
    expect(ok.passed).toBe(true);
    const r = validateFlowSet({ flows: [withText('分行问候')] }, { parent: BUILTIN_FLOWS, tools });
    if (!r.ok) throw new Error('valid');
    const changed = await runConversationTest({ ...fixtureEngine(), flows: flowSet(r.effective) }, test);
    expect(changed.passed).toBe(false);
    expect(changed.turns[0]?.failures.join(' ')).toMatch(/no quick_replies card/);
  });
});
