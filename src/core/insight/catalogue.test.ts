import { describe, expect, it } from 'vitest';
import { FACTORS, ORACLE_COLUMNS, treatmentKeys } from './factors.js';
import { adjustmentSet, graphTiers } from './plan.js';

describe('the factor catalogue', () => {
  it('never lists a latent generator column as a factor', () => {
    const keys = FACTORS.map((f) => f.key);
    for (const latent of ORACLE_COLUMNS) expect(keys).not.toContain(latent);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('labels every factor in Chinese and English and places it in 人/货/场', () => {
    for (const f of FACTORS) {
      expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.en.length).toBeGreaterThan(0);
      expect(['customer', 'product', 'scene']).toContain(f.group);
    }
  });

  it('has the contract treatments as actionable factors', () => {
    expect(treatmentKeys()).toEqual(
      expect.arrayContaining([
        'coupon',
        'livestream_audience_2000',
        'sessions_per_month',
        'price',
        'rm_contact',
      ]),
    );
  });

  it('adjusts a treatment for every other factor except its own aliases and descendants', () => {
    expect(adjustmentSet('price')).not.toContain('list_price_yuan');
    expect(adjustmentSet('livestream_audience_2000')).not.toContain('livestream_views');
    expect(adjustmentSet('coupon')).toContain('sessions_per_month');
    expect(adjustmentSet('coupon')).not.toContain('coupon');
  });

  it('orders graph tiers traits → behaviour → treatments → outcome', () => {
    const tiers = graphTiers('renewal');
    expect(tiers.at(-1)).toEqual(['renewal']);
    expect(tiers[2]).toEqual(treatmentKeys());
  });
});
