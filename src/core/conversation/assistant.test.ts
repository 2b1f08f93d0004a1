import { describe, expect, it } from 'vitest';
import { STARTER_KB } from '../nlu/data/kb-starter.js';
import { SYNONYMS } from '../nlu/data/synonyms.js';
import { buildKbIndex } from '../nlu/kb.js';
import { assistantReply, pastedConversation } from './assistant.js';
import { defaultCompiledTaxonomy } from './taxonomy.js';

const ctx = { taxonomy: defaultCompiledTaxonomy(), kb: buildKbIndex(STARTER_KB, { synonyms: SYNONYMS }) };

describe('RM assistant replies', () => {
  it('answers pasted customer words with the objections, how to handle them and the money', () => {
    const r = assistantReply(
      '客户：我有50万，10年后退休用，就是怕亏\n我：可以看看稳健的\n客户：我再想想',
      ctx,
    );
    expect(r.kind).toBe('insight');
    expect(r.text).toContain('【怕亏损】');
    expect(r.text).toContain('【再等等/再看看】');
    expect(r.text).toContain('资金意图：养老 50万元，120个月，流动性低');
  });

  it('answers a knowledge question from the knowledge base', () => {
    const r = assistantReply('基金赎回一般几天到账？', ctx);
    expect(r.kind).toBe('kb');
    expect(r.text.length).toBeGreaterThan(10);
  });

  it('reads a one-line question about a customer as the customer’s words', () => {
    expect(assistantReply('客户说费率太高了怎么办', ctx).text).toContain('【嫌费率高】');
  });

  it('offers help when there is nothing to answer', () => {
    expect(assistantReply('  ', ctx).kind).toBe('help');
    expect(assistantReply('哈哈', { taxonomy: ctx.taxonomy }).kind).toBe('help');
  });

  it('turns labelled lines into a transcript and keeps unlabelled lines as the customer’s', () => {
    const c = pastedConversation('理财经理：您好\n客户：我想买点理财\n随便写的一句');
    expect(c.messages.map((m) => m.sender)).toEqual(['rm', 'customer', 'customer']);
  });
});
