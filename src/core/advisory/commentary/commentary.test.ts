import { describe, expect, it } from 'vitest';
import { guardOutbound } from '../../guard/guard.js';
import { marketCommentary, type CommentaryInput } from './commentary.js';

const CLOSE: CommentaryInput = {
  date: '2026-10-30',
  session: 'close',
  indices: [
    { code: 'CSI300', name: { zh: '沪深300指数', en: 'CSI 300' }, change: -0.0213 },
    { code: 'CSI500', name: { zh: '中证500', en: 'CSI 500' }, change: -0.028 },
    { code: 'CBA', name: { zh: '中债综合财富指数', en: 'ChinaBond composite' }, change: 0.0004 },
  ],
  sectors: [
    { name: { zh: '银行', en: 'banks' }, change: 0.012 },
    { name: { zh: '半导体', en: 'semiconductors' }, change: -0.041 },
    { name: { zh: '新能源', en: 'new energy' }, change: -0.035 },
    { name: { zh: '煤炭', en: 'coal' }, change: 0.006 },
  ],
  holdings: [
    { code: 'EQ1', type: 'equity', risk: 'R4', change: -0.025 },
    { code: 'HY1', type: 'hybrid', risk: 'R3', change: -0.018 },
    { code: 'IX1', type: 'index', risk: 'R4', change: -0.02 },
    { code: 'PB1', type: 'pure_bond', risk: 'R2', change: 0.0003 },
    { code: 'INS', type: 'insurance', risk: 'R2' },
  ],
};

describe('market commentary', () => {
  it('a closing commentary: dated index moves, sectors, and the customer’s equity funds on average', () => {
    const c = marketCommentary(CLOSE);
    expect(c.text.zh).toMatch(
      /^2026-10-30收盘：沪深300指数下跌2\.13%，中证500指数下跌2\.80%，中债综合财富指数上升0\.04%。/,
    );
    expect(c.text.zh).toContain('涨幅居前的板块有银行（+1.2%）、煤炭（+0.6%）');
    expect(c.text.zh).toContain('跌幅居前的板块有半导体（-4.1%）、新能源（-3.5%）');
    expect(c.text.zh).toContain('您持有的3只权益基金今日平均变动-2.10%');
    expect(c.holdings_effect.find((e) => e.group === 'equity')).toMatchObject({
      codes: ['EQ1', 'HY1', 'IX1'],
      estimated: false,
    });
    expect(c.holdings_effect.find((e) => e.group === 'equity')!.average_change).toBeCloseTo(-0.021, 12);
    expect(c.text.zh).toContain('基金有风险，投资需谨慎');
    expect(c.text.en).toMatch(/^Close 2026-10-30: CSI 300 fell 2\.13%/);
  });

  it('at midday fund NAVs are not out: effects are estimated from the benchmark index and say so', () => {
    const c = marketCommentary({
      ...CLOSE,
      session: 'midday',
      holdings: [
        { code: 'EQ1', type: 'equity', risk: 'R4', benchmarkIndex: 'CSI300', beta: 1.1 },
        { code: 'IX5', type: 'index', risk: 'R4', benchmarkIndex: 'CSI500' },
        { code: 'NOIDX', type: 'sector', risk: 'R5' },
      ],
    });
    const eq = c.holdings_effect[0]!;
    expect(eq).toMatchObject({ group: 'equity', codes: ['EQ1', 'IX5'], estimated: true });
    expect(eq.average_change).toBeCloseTo((1.1 * -0.0213 + -0.028) / 2, 12);
    expect(c.text.zh).toMatch(/午间：/);
    expect(c.text.zh).toContain('按基准指数估算，以实际公布净值为准');
  });

  it('passes the outbound guard as AI-generated service content, and says nothing about tomorrow', () => {
    const c = marketCommentary({ ...CLOSE, aiGenerated: true });
    const g = guardOutbound({
      content: { texts: [{ text: c.text.zh, productTypes: c.product_types, aiGenerated: true }] },
      customer: { level: 'C4', assessedAt: '2026-05-01', channel: 'bank' },
      now: '2026-10-30T16:00:00+08:00',
    });
    expect(g.allowed).toBe(true);
    expect(c.text.zh).not.toMatch(/预计|有望|将会|明天|后市/);
  });

  it('without holdings it is the market part alone; bad input names the field', () => {
    const c = marketCommentary({ ...CLOSE, holdings: [] });
    expect(c.holdings_effect).toEqual([]);
    expect(c.product_types).toEqual([]);
    expect(() => marketCommentary({ ...CLOSE, indices: [] })).toThrow(/^indices:/);
    expect(() => marketCommentary({ ...CLOSE, session: 'evening' as never })).toThrow(/session/);
    expect(() => marketCommentary({ ...CLOSE, date: '2026-13-01' })).toThrow(/^date:/);
  });
});
