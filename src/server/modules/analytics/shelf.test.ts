import { describe, expect, it } from 'vitest';
import { PRODUCT_TYPES } from '../../../contracts/products.js';
import type { AdjustedSeries, ShelfProduct } from '../products/service.js';
import { assetClassOf } from '../../../core/advisory/shelf.js';
import { allocationShelf, shelfAsOf } from './shelf.js';

const row = (
  code: string,
  type: ShelfProduct['type'],
  risk: ShelfProduct['risk_level'],
  status: ShelfProduct['status'] = 'open',
): ShelfProduct => ({
  code,
  name: code,
  type,
  risk_level: risk,
  status,
  min_purchase_fen: 100_000,
  benchmark_index: null,
  maturity_date: null,
});
const series = (code: string, last: string): AdjustedSeries => ({
  code,
  dates: ['2026-01-05', last],
  nav: Float64Array.from([1, 1.01]),
});

describe('allocation shelf', () => {
  it('gives every buyable demo product type a class and none to insurance or paid advisory', () => {
    for (const type of PRODUCT_TYPES) {
      const cls = assetClassOf(type, 'R2');
      if (type === 'insurance' || type === 'advisory') expect(cls).toBeNull();
      else expect(cls).not.toBeNull();
    }
    expect(assetClassOf('bank_wm', 'R2')).toBe('fixed_income');
    expect(assetClassOf('bank_wm', 'R3')).toBe('fixed_income_plus');
    expect(assetClassOf('qdii', 'R4')).toBe('overseas');
  });

  it('keeps only open products with a class and a NAV history, minimum purchase in yuan', () => {
    const rows = [
      row('MM1', 'money_market', 'R1'),
      row('WM1', 'bank_wm', 'R2', 'matured'),
      row('INS', 'insurance', 'R2'),
      row('EQ1', 'equity', 'R4'),
      row('NONAV', 'pure_bond', 'R2'),
    ];
    const navs = new Map([
      ['MM1', series('MM1', '2026-10-30')],
      ['WM1', series('WM1', '2026-03-02')],
      ['INS', series('INS', '2026-10-30')],
      ['EQ1', series('EQ1', '2026-10-29')],
    ]);
    const shelf = allocationShelf(rows, navs);
    expect(shelf.map((p) => [p.code, p.assetClass, p.minPurchase])).toEqual([
      ['MM1', 'cash', 1000],
      ['EQ1', 'equity', 1000],
    ]);
    expect(shelfAsOf(navs)).toBe('2026-10-30');
  });
});
