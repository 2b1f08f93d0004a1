import { describe, expect, it } from 'vitest';
import { copyPrompt } from '../copy/templates.js';
import { DEFAULT_TAXONOMY } from './taxonomy.js';
import { checkProposal, proposalPrompt } from './taxonomy-proposal.js';

describe('taxonomy proposal (LLM answer checks)', () => {
  it('keeps valid, unique, non-built-in snake_case tags and says why the others are dropped', () => {
    const r = checkProposal(
      {
        tags: [
          { key: 'pension_gap', description: '担心养老金不够', examples: ['退休金不够花'] },
          { key: DEFAULT_TAXONOMY.tags[0]!.key, description: 'x', examples: ['y'] },
          { key: 'pension_gap', description: 'again', examples: ['z'] },
          { key: 'PensionGap', description: 'camel', examples: ['z'] },
          'not an object',
        ],
      },
      DEFAULT_TAXONOMY,
    );
    expect(r.proposed.map((t) => t.key)).toEqual(['pension_gap']);
    expect(r.dropped.map((d) => d.reason.split(':')[0])).toEqual([
      'builtin_key',
      'duplicate_key',
      'invalid',
      'invalid',
    ]);
  });

  it('refuses an answer without a tags array', () => {
    expect(() => checkProposal({ tag: [] }, DEFAULT_TAXONOMY)).toThrow(/tags/);
  });

  it('the prompt lists the built-in keys and numbers the sample', () => {
    const p = proposalPrompt(['客户：a', '客户：b'], DEFAULT_TAXONOMY);
    for (const t of DEFAULT_TAXONOMY.tags) expect(p.system).toContain(t.key);
    expect(p.user).toContain('### 对话 2');
  });

  it('the copy brief carries only the product facts and the channel rule', () => {
    const p = copyPrompt(
      'wealth',
      { code: 'F001', name: '财伴稳利纯债A', type: 'pure_bond', risk: 'R2', minPurchase: 1000 },
      'sms',
    );
    expect(p.user).toMatch(/财伴稳利纯债A[\s\S]*R2[\s\S]*1,000元/);
    expect(p.system).toMatch(/70字以内/);
    expect(p.system).toMatch(/不得承诺收益/);
  });
});
