import { describe, expect, it } from 'vitest';
import { trueEffects } from '../demo/truths.js';
import { perCustomerTruths } from './demo-truths.js';
import { runCli } from './testing.js';

const BANK = { customers: 300, seed: 7, asOf: '2026-10-30' };

describe('caiban demo truths --per-customer', () => {
  it('lists every subscription year; over the decided ones the planted effects average to the published ATEs', () => {
    const rows = perCustomerTruths(BANK);
    const decided = rows.filter((r) => r.status !== 'active');
    const t = trueEffects(BANK);
    expect(decided.length).toBe(t.n);
    const mean = (k: 'coupon_effect' | 'livestream_2000_effect') =>
      decided.reduce((s, r) => s + r[k], 0) / decided.length;
    expect(mean('coupon_effect')).toBeCloseTo(t.coupon.ate, 12);
    expect(mean('livestream_2000_effect')).toBeCloseTo(t.livestream2000.ate, 12);
  });

  it('prints them under per_customer only when asked', async () => {
    const args = ['demo', 'truths', '--customers', '300', '--seed', '7', '--json'];
    const plain = JSON.parse((await runCli(args)).stdout) as Record<string, unknown>;
    expect(plain.per_customer).toBeUndefined();
    const r = await runCli([...args, '--per-customer']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { per_customer: unknown[] };
    expect(out.per_customer).toEqual(JSON.parse(JSON.stringify(perCustomerTruths(BANK))));
  });
});
