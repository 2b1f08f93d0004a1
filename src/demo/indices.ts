import type { Rng } from '../core/random.js';
import type { MarketFactors } from './market.js';
import { studentT } from './market.js';

export type DemoIndex = { code: string; name: string; kind: 'equity' | 'bond' | 'money' | 'overseas' };
export type IndexSeries = { dates: readonly string[]; close: Float64Array };

/** Benchmark indices of the demo (synthetic levels driven by the same market factors as the products). */
export const DEMO_INDICES: readonly (DemoIndex & {
  start: number;
  build: (m: MarketFactors, i: number, rng: Rng) => number;
})[] = [
  { code: 'CSI300', name: '沪深300指数(模拟)', kind: 'equity', start: 3650, build: (m, i) => m.equity[i]! },
  {
    code: 'CSI500',
    name: '中证500指数(模拟)',
    kind: 'equity',
    start: 5600,
    build: (m, i, r) => 1.15 * m.equity[i]! + 0.004 * studentT(r, 4),
  },
  { code: 'CBA', name: '中债综合财富指数(模拟)', kind: 'bond', start: 232, build: (m, i) => m.bond[i]! },
  {
    code: 'CNYMM',
    name: '货币市场收益指数(模拟)',
    kind: 'money',
    start: 1000,
    build: (m, i) => m.moneyYield[i]! / 242,
  },
  {
    code: 'GLOBAL',
    name: 'MSCI全球指数人民币计价(模拟)',
    kind: 'overseas',
    start: 1800,
    build: (m, i) => m.overseas[i]!,
  },
];

export const generateIndexSeries = (
  rng: Rng,
  m: MarketFactors,
): { index: DemoIndex; series: IndexSeries }[] =>
  DEMO_INDICES.map(({ code, name, kind, start, build }) => {
    const close = new Float64Array(m.days.length);
    let level = start;
    for (let i = 0; i < m.days.length; i++) {
      if (i > 0) level *= 1 + build(m, i, rng);
      close[i] = Math.round(level * 10000) / 10000;
    }
    return { index: { code, name, kind }, series: { dates: m.days, close } };
  });
