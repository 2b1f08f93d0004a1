import { describe, expect, it } from 'vitest';
import { builtinIntentModel } from './builtin.js';
import { buildCatalogueIndex } from './catalogue.js';
import { STARTER_KB } from './data/kb-starter.js';
import { SYNONYMS } from './data/synonyms.js';
import { buildKbIndex } from './kb.js';
import { understand } from './pipeline.js';

describe('understand (normalise + classify + slots + catalogue + KB)', () => {
  const ctx = {
    model: builtinIntentModel(),
    kb: buildKbIndex(STARTER_KB, { synonyms: SYNONYMS }),
    catalogue: buildCatalogueIndex({
      products: [{ name: '易方达蓝筹精选混合', code: '005827' }],
      managers: [{ name: '张坤' }],
    }),
  };

  it('returns intent, slots with catalogue names, and KB candidates for one message', () => {
    const u = understand('張坤管的易方達藍籌跌了兩成，要不要止損', ctx);
    expect(u.normalized).toBe('张坤管的易方达蓝筹跌了2成,要不要止损');
    expect(u.slots).toMatchObject({
      percent: -0.2,
      product_name: '易方达蓝筹精选混合',
      manager_name: '张坤',
    });
    expect(u.intent).toBe('take_profit_stop_loss');
    expect(u.kb?.candidates.length).toBeGreaterThan(0);
  });

  it('treats an unrelated request as out of scope', () => {
    expect(understand('帮我订一张明天去上海的高铁票', ctx).intent).toBe('out_of_scope');
  });
});
