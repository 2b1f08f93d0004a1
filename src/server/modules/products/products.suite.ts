import { gunzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import type { ProductAnalyticsResponse } from '../../../contracts/analytics.js';
import type { ProductDetail } from '../../../contracts/products.js';
import type { TestApp } from '../../../../test/support/app.js';

/** The same calendar day a year earlier (string order makes 29 Feb compare correctly). */
const yearBefore = (date: string): string => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;

/** Product shelf, returns from adjusted NAV, org and staff; run by src/server/api.suite.ts on each database. */
export const productsSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = ctx();
    token = await t.login('rm001');
  });

  it('serves the cached product page gzipped to clients that accept it, the same page as the plain one', async () => {
    const [first] = await t.db.query<{ code: string }>(`SELECT code FROM products ORDER BY code LIMIT 1`);
    const url = `/api/products/${first!.code}`;
    const auth = { authorization: `Bearer ${token}` };
    const plain = await t.app.inject({ method: 'GET', url, headers: auth });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gz = await t.app.inject({
      method: 'GET',
      url,
      headers: { ...auth, 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(String(gz.headers.vary)).toMatch(/accept-encoding/i);
    expect(gz.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
    const refused = await t.app.inject({
      method: 'GET',
      url,
      headers: { ...auth, 'accept-encoding': 'gzip;q=0' },
    });
    expect(refused.headers['content-encoding']).not.toBe('gzip');
    // An unknown product is not cached: it stays a 404.
    for (let k = 0; k < 2; k++) expect((await t.get('/api/products/NOPE404', token)).status).toBe(404);
  });

  it('computes returns from the adjusted NAV, not the unit NAV', async () => {
    // A product that paid a dividend within the last year: its unit NAV dropped on the ex-date.
    const [div] = await t.db.query<{ product_code: string }>(
      `SELECT product_code FROM nav WHERE dividend > 0
        GROUP BY product_code ORDER BY max(date) DESC, product_code LIMIT 1`,
    );
    expect(div).toBeDefined();
    const code = div!.product_code;
    const res = await t.get<ProductDetail>(`/api/products/${code}`, token);
    expect(res.status).toBe(200);
    const nav = res.body.nav;
    const end = nav[nav.length - 1]!;
    const start = [...nav].reverse().find((n) => n.date <= yearBefore(end.date))!;
    const fromAdjusted = Number(end.adjusted) / Number(start.adjusted) - 1;
    const fromUnit = Number(end.unit) / Number(start.unit) - 1;
    const sinceStartUnit = Number(end.unit) / Number(nav[0]!.unit) - 1;
    const sinceStartAdj = Number(end.adjusted) / Number(nav[0]!.adjusted) - 1;
    expect(res.body.returns.sinceStart).toBeCloseTo(sinceStartAdj, 12);
    expect(Math.abs(sinceStartAdj - sinceStartUnit)).toBeGreaterThan(1e-3);
    if (nav.some((n) => n.date > start.date && Number(n.dividend) > 0)) {
      expect(Math.abs(fromAdjusted - fromUnit)).toBeGreaterThan(1e-4);
    }
    expect(res.body.returns.y1).toBeCloseTo(fromAdjusted, 12);
    const list = await t.get<{ items: Array<{ code: string; return1y: number | null }> }>(
      `/api/products?q=${encodeURIComponent(code)}`,
      token,
    );
    expect(list.body.items.find((p) => p.code === code)!.return1y).toBeCloseTo(fromAdjusted, 12);
  });

  it('quotes one set of figures on the overview and the analytics tab, against the product’s own benchmark', async () => {
    // A hybrid fund: its benchmark is a composite of an equity and a bond index, not one index.
    const [hy] = await t.db.query<{ code: string; benchmark: string }>(
      `SELECT code, benchmark FROM products WHERE benchmark LIKE '%×%+%×%' AND type = 'hybrid' ORDER BY code LIMIT 1`,
    );
    expect(hy).toBeDefined();
    const detail = (await t.get<ProductDetail>(`/api/products/${hy!.code}`, token)).body;
    const tab = (await t.get<ProductAnalyticsResponse>(`/api/products/${hy!.code}/analytics`, token)).body;
    const r = detail.returns;
    expect(r.annualised).not.toBeNull();
    expect(tab.metrics.annual_return).toBe(r.annualised);
    expect(tab.metrics.annual_volatility).toBe(r.volatility);
    expect(tab.metrics.max_drawdown).toBe(r.maxDrawdown);
    expect(tab.metrics.sharpe).toBe(r.sharpe);
    expect(tab.trailing['1y']).toBe(r.y1);
    expect(tab.trailing['3y']).toBe(r.y3);
    // Annualised by calendar days: (NAV_end / NAV_start)^(365 / days) − 1.
    const nav = detail.nav;
    const days = (Date.parse(nav[nav.length - 1]!.date) - Date.parse(nav[0]!.date)) / 86_400_000;
    const total = Number(nav[nav.length - 1]!.adjusted) / Number(nav[0]!.adjusted);
    expect(r.annualised!).toBeCloseTo(total ** (365 / days) - 1, 12);
    expect(r.benchmark?.name).toMatch(/沪深300×\d+%\+中债综合×\d+%/);
    expect(tab.benchmarkName).toBe(r.benchmark!.name);
    expect(tab.benchmarkTrailing!['1y']).toBe(r.benchmark!.y1);
  });

  it('lists the shelf with filters and answers 404 for an unknown code', async () => {
    const all = await t.get<{ items: Array<{ type: string; riskLevel: string }>; total: number }>(
      '/api/products?pageSize=200',
      token,
    );
    expect(all.body.total).toBeGreaterThanOrEqual(50);
    const types = new Set(all.body.items.map((p) => p.type));
    expect(types.size).toBeGreaterThanOrEqual(10);
    const r5 = await t.get<{ items: Array<{ riskLevel: string }>; total: number }>(
      '/api/products?risk=R5',
      token,
    );
    expect(r5.body.total).toBeGreaterThan(0);
    expect(r5.body.items.every((p) => p.riskLevel === 'R5')).toBe(true);
    expect((await t.get('/api/products/NOPE', token)).status).toBe(404);
  });

  it('lists the org tree and the staff directory with a branch manager limited to the branch', async () => {
    const units = await t.get<{ items: Array<{ level: string; customerCount: number }> }>(
      '/api/org/units',
      token,
    );
    expect(units.body.items.filter((u) => u.level === 'branch')).toHaveLength(3);
    expect(units.body.items.filter((u) => u.level === 'outlet')).toHaveLength(12);
    const total = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers'))[0]!.n;
    expect(units.body.items.find((u) => u.level === 'hq')!.customerCount).toBe(total);
    const admin = await t.login('admin');
    const allStaff = await t.get<{ total: number }>('/api/org/staff?pageSize=200', admin);
    const bm = await t.login('bm01');
    const branchStaff = await t.get<{ total: number; items: Array<{ role: string }> }>(
      '/api/org/staff?pageSize=200',
      bm,
    );
    expect(branchStaff.body.total).toBeGreaterThan(0);
    expect(branchStaff.body.total).toBeLessThan(allStaff.body.total);
    expect((await t.get('/api/org/staff', token)).status).toBe(403);
  });
};
