import { describe, expect, it } from 'vitest';
import { buildCatalogueIndex, matchCatalogue } from './catalogue.js';
import { normalizeText } from './normalize.js';

const index = buildCatalogueIndex({
  products: [
    { name: '易方达蓝筹精选混合', code: '005827' },
    { name: '招商中证白酒指数(LOF)A', code: '161725' },
    { name: '易方达消费行业股票', code: '110022' },
  ],
  managers: [{ name: '张坤' }, { name: '侯昊' }],
});
const match = (t: string): ReturnType<typeof matchCatalogue> => matchCatalogue(normalizeText(t), index);

describe('catalogue matching', () => {
  it('matches a partial product name', () => {
    expect(match('易方达蓝筹最近怎么样').product?.code).toBe('005827');
  });

  it('tolerates one wrong character', () => {
    expect(match('招商中证白九指数还能买吗').product?.code).toBe('161725');
  });

  it('matches pinyin initials', () => {
    expect(match('yfdlcjx净值多少').product?.code).toBe('005827');
  });

  it('matches a manager by name or full pinyin', () => {
    expect(match('张坤管的基金').manager?.name).toBe('张坤');
    expect(match('zhangkun最近表现').manager?.name).toBe('张坤');
  });

  it('does not match a bare company name to one of its products', () => {
    expect(match('易方达这家公司怎么样').product).toBeUndefined();
  });
});
