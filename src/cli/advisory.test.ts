import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttributionResponse,
  CheckupResponse,
  RecommendationsResponse,
  StatementResponse,
} from '../contracts/advisory.js';
import { yuanToFen } from '../contracts/money.js';
import { advisoryTruths } from '../demo/advisory-truths.js';
import { runCli } from './testing.js';

const BANK = { customers: 12, seed: 7, asOf: '2026-10-30' };

describe('caiban checkup / statement / recommend / attribution (the advisory twins)', () => {
  let dir = '';
  let db: string[] = [];
  const truths = advisoryTruths(BANK);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caiban-advisory-'));
    db = ['--data-dir', join(dir, 'data')];
    const seeded = await runCli([
      'demo',
      'seed',
      '--customers',
      String(BANK.customers),
      '--seed',
      String(BANK.seed),
      ...db,
      '--json',
    ]);
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const asOf = ['--as-of', BANK.asOf];

  it('prints the check-up of a customer as one JSON document, with the planted maturity finding', async () => {
    const t = truths.maturity_soon!;
    const r = await runCli(['checkup', '--customer', String(t.customer_id), ...asOf, ...db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const c = CheckupResponse.parse(JSON.parse(r.stdout));
    expect(c.findings.some((f) => f.code === 'maturity_soon' && f.products.includes(t.product_code))).toBe(
      true,
    );
  }, 60_000);

  it('prints a one-year statement whose P&L adds up, and refuses a bad period naming the flag', async () => {
    const id = String(truths.maturity_soon!.customer_id);
    const r = await runCli([
      'statement',
      '--customer',
      id,
      '--from',
      '2025-10-31',
      '--to',
      BANK.asOf,
      ...asOf,
      ...db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = StatementResponse.parse(JSON.parse(r.stdout));
    expect(yuanToFen(s.pnl)).toBe(
      yuanToFen(s.end_value) - yuanToFen(s.begin_value) - yuanToFen(s.net_inflow),
    );
    const bad = await runCli([
      'statement',
      '--customer',
      id,
      '--from',
      '2026-02-30',
      '--to',
      BANK.asOf,
      ...db,
      '--json',
    ]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      error: { code: 'BAD_INPUT', details: { field: '--from' } },
    });
    const order = await runCli([
      'statement',
      '--customer',
      id,
      '--from',
      '2026-05-01',
      '--to',
      '2026-04-01',
      ...asOf,
      ...db,
      '--json',
    ]);
    expect(order.code).toBe(2);
    expect(JSON.parse(order.stdout)).toMatchObject({ error: { details: { field: 'from' } } });
  }, 60_000);

  it('recommends within the customer’s level and attributes a held fund', async () => {
    const id = truths.bear_attribution?.customer_id ?? truths.maturity_soon!.customer_id;
    const r = await runCli([
      'recommend',
      '--customer',
      String(id),
      '--purpose',
      'growth',
      '--amount',
      '50000',
      '--horizon-months',
      '36',
      ...asOf,
      ...db,
      '--json',
    ]);
    if (r.code === 0) {
      const rec = RecommendationsResponse.parse(JSON.parse(r.stdout));
      const cap = Number(rec.customer_level.slice(1));
      for (const i of rec.items) expect(Number(i.risk_level.slice(1))).toBeLessThanOrEqual(cap);
    } else expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'ASSESSMENT_EXPIRED' } });
    const amount = await runCli(['recommend', '--customer', String(id), '--amount', 'lots', ...db, '--json']);
    expect(amount.code).toBe(2);
    expect(JSON.parse(amount.stdout)).toMatchObject({ error: { details: { field: '--amount' } } });
    if (truths.bear_attribution !== null) {
      const t = truths.bear_attribution;
      const a = await runCli([
        'attribution',
        '--customer',
        String(t.customer_id),
        '--product',
        t.product_code,
        '--days',
        '20',
        ...asOf,
        ...db,
        '--json',
      ]);
      expect(a.code, a.stderr).toBe(0);
      const x = AttributionResponse.parse(JSON.parse(a.stdout));
      expect(x.total).toBeCloseTo(x.market + x.style + x.specific, 12);
    }
    const days = await runCli([
      'attribution',
      '--customer',
      String(id),
      '--product',
      'EQ001',
      '--days',
      '0',
      ...db,
      '--json',
    ]);
    expect(days.code).toBe(2);
    const none = await runCli(['checkup', '--customer', '999999999', ...asOf, ...db, '--json']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  }, 60_000);
});
