import { describe, expect, it } from 'vitest';
import { runConversationTest } from './conversation-runner.js';
import { CONVERSATIONS } from './conversations/index.js';
import { builtinConversationTests } from './flow-set.js';
import { fixtureEngine } from './test-world.js';

describe('conversation tests (each flow ships its own)', () => {
  it('has at least 60 conversations', () => {
    expect(CONVERSATIONS.length).toBeGreaterThanOrEqual(60);
  });

  // The same runner as the ops flow editor's test button (conversation-runner.ts), on the data form.
  for (const conv of builtinConversationTests()) {
    it(conv.name, async () => {
      const r = await runConversationTest(fixtureEngine(), conv);
      const failed = r.turns
        .filter((t) => t.failures.length > 0)
        .map(
          (t) =>
            `turn ${t.turn} (${t.input}): ${t.intent} ${JSON.stringify(t.flow)} | ${t.text.slice(0, 80)} → ${t.failures.join('; ')}`,
        );
      expect(failed).toEqual([]);
    });
  }
});
