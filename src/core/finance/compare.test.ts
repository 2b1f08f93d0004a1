import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { compareFunds, type NavInput } from './compare.js';
import { computeMetrics } from './metrics.js';
import { returnsFromNav } from './returns.js';

const days = (start: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );

/** A NAV path with drift mu and volatility sigma per day, seeded. */
const path = (
  seed: number,
  n: number,
  mu: number,
  sigma: number,
  shock?: { at: number; size: number },
): Float64Array => {
  const rng = createRng(seed);
  const nav = new Float64Array(n);
  let v = 1;
  for (let i = 0; i < n; i++) {
    v *= 1 + mu + sigma * rng.normal() + (shock && i === shock.at ? shock.size : 0);
    nav[i] = v;
  }
  return nav;
};

const BANNED = [
  '保本',
  '稳赚',
  '最好',
  '第一',
  '最佳',
  '最优',
  '最高',
  '最稳',
  '预期收益',
  '预计收益',
  '无风险',
  '保证',
];

describe('fund PK (compareFunds)', () => {
  const d = days('2021-01-01', 800);
  const steady: NavInput = { name: '稳健债基A', dates: d, nav: path(1, 800, 0.0002, 0.002) };
  const equityNav = path(2, 700, 0.0006, 0.015, { at: 300, size: -0.12 });
  const equity: NavInput = { name: '成长股票B', dates: d.slice(100), nav: equityNav };
  const twin: NavInput = {
    name: '成长股票C',
    dates: d.slice(100),
    nav: equityNav.map((v, i) => v * (1 + 0.0001 * Math.sin(i))),
  };

  it('compares on the common window and matches the single-fund metrics there', () => {
    const c = compareFunds([steady, equity]);
    expect(c.window.start).toBe(d[100]);
    expect(c.window.end).toBe(d[799]);
    expect(c.window.observations).toBe(699);
    const direct = computeMetrics({ returns: returnsFromNav(equity.nav) });
    expect(c.funds[1]!.sharpe).toBeCloseTo(direct.sharpe, 12);
    expect(c.funds[1]!.max_drawdown).toBeCloseTo(direct.max_drawdown, 12);
    expect(c.correlation[0]![0]).toBe(1);
    expect(c.correlation[0]![1]).toBe(c.correlation[1]![0]);
  });

  it('writes a factual summary naming the steadier fund, with period and disclaimer, without banned words', () => {
    const c = compareFunds([steady, equity, twin]);
    expect(c.summary).toContain(`统计区间 ${d[100]} 至 ${d[799]}`);
    expect(c.summary).toMatch(/稳健债基A 年化波动率 [\d.]+%，低于其余产品/);
    expect(c.summary).toContain('过往业绩不预示未来表现');
    expect(c.summary).toMatch(/成长股票B 与 成长股票C 的日收益相关系数为 1\.00/);
    expect(c.summary_en).toContain('past performance does not indicate future results');
    for (const w of BANNED) expect(c.summary).not.toContain(w);
    expect(c.drawdown_overlap[1]![2]).toBeGreaterThan(0.9);
  });

  it('rejects fewer than two or more than five products, and disjoint histories', () => {
    expect(() => compareFunds([steady])).toThrow(/2 to 5/);
    const late: NavInput = { name: 'X', dates: days('2030-01-01', 10), nav: new Float64Array(10).fill(1) };
    expect(() => compareFunds([steady, late])).toThrow(/share fewer than 3 dates/);
  });
});
