import { describe, expect, it } from 'vitest';
import { cardSvg, wrapText, type CardImageInput } from './card-image.js';

const card: CardImageInput = {
  asOf: '2026-10-30',
  title: { zh: '退休养老的50万：稳健配置方案', en: 'Retirement money of 500,000: a balanced plan' },
  summary: { zh: '按C3等级配置，期限120个月。', en: 'A C3 mix over 120 months.' },
  planLevel: 'C3',
  horizonMonths: 120,
  classWeights: { cash: 0.1, fixed_income: 0.6, equity: 0.3 },
  products: [
    { code: 'BD001', name: '稳健债券A', risk: 'R2', weight: 0.6 },
    { code: 'EQ002', name: '价值精选<股票>&成长', risk: 'R3', weight: 0.3 },
  ],
  disclosures: [
    {
      zh: '理财非存款、产品有风险、投资须谨慎。',
      en: 'Wealth products are not deposits; investing involves risk.',
    },
    {
      zh: '基金过往业绩不代表其未来表现。'.repeat(4),
      en: 'Past performance does not predict future results.',
    },
  ],
};

describe('the shareable card image', () => {
  it('shows every product with its code, level and weight, and every disclosure in full', () => {
    const svg = cardSvg(card, 'zh');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="750"')).toBe(true);
    for (const p of card.products) expect(svg).toContain(p.code);
    expect(svg).toContain('60.0%');
    expect(svg).toContain('R3');
    // The long disclosure is wrapped, not cut: its lines joined give the text back.
    const lines = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(lines.join('')).toContain(card.disclosures[1]!.zh);
    expect(lines.join('')).toContain(card.disclosures[0]!.zh);
  });

  it('escapes text so a product name cannot break the image', () => {
    const svg = cardSvg(card, 'zh');
    expect(svg).toContain('价值精选&lt;股票&gt;&amp;成长');
    expect(svg).not.toContain('<股票>');
  });

  it('speaks English when asked, and is the same for the same card', () => {
    const en = cardSvg(card, 'en');
    expect(en).toContain('Risk disclosures');
    expect(en).toContain('Fixed income 60.0%');
    expect(cardSvg(card, 'en')).toBe(en);
  });

  it('wraps by display width: a CJK character is two units, Latin words stay whole', () => {
    expect(wrapText('一二三四五六', 6)).toEqual(['一二三', '四五六']);
    expect(wrapText('past performance does not', 12)).toEqual(['past', 'performance', 'does not']);
  });
});
