import { describe, expect, it } from 'vitest';
import { spearman } from '../core/insight/levers.js';
import { APP_USAGE_MONTHS } from './app-usage.js';
import { buildBankContext, generateBundle } from './bank.js';

const AS_OF = '2026-10-30';
const ctx = buildBankContext(5, AS_OF);
const bundles = Array.from({ length: 400 }, (_, i) => generateBundle(ctx, i));

describe('the monthly app-usage rollup', () => {
  it('has complete months only, before the reference month, from the onboarding month on', () => {
    for (const b of bundles) {
      const months = b.appUsage.map((u) => u.month);
      expect(months.length).toBeLessThanOrEqual(APP_USAGE_MONTHS);
      expect(new Set(months).size).toBe(months.length);
      for (const u of b.appUsage) {
        expect(u.month).toMatch(/^\d{4}-\d{2}-01$/);
        expect(u.month < '2026-10-01').toBe(true);
        expect(u.month >= '2024-09-01').toBe(true);
        expect(u.month >= `${b.customer.onboardedAt.slice(0, 7)}-01`).toBe(true);
        expect(u.appOpens + u.feePageViews).toBeGreaterThan(0);
      }
    }
  });

  it('follows engagement (app opens) and price sensitivity (share of fee-page views) of the subscribers', () => {
    const subs = bundles.filter((b) => b.subscriptions.length > 0 && b.customer.status === 'active');
    const opens = subs.map((b) => b.appUsage.reduce((s, u) => s + u.appOpens, 0) / b.appUsage.length);
    const share = subs.map(
      (b) =>
        b.appUsage.reduce((s, u) => s + u.feePageViews, 0) /
        Math.max(
          1,
          b.appUsage.reduce((s, u) => s + u.appOpens, 0),
        ),
    );
    expect(
      spearman(
        opens,
        subs.map((b) => b.customer.engagement),
      ),
    ).toBeGreaterThan(0.8);
    expect(
      spearman(
        share,
        subs.map((b) => b.subscriptions[0]!.priceSensitivity),
      ),
    ).toBeGreaterThan(0.6);
  });

  it('is the same on every run (its own random stream)', () => {
    expect(generateBundle(ctx, 17).appUsage).toEqual(bundles[17]!.appUsage);
  });
});
