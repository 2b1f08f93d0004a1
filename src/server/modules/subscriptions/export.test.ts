import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_BANK, testDbKinds } from '../../../../test/support/db.js';
import type { TestDb } from '../../../../test/support/db.js';
import { trueEffects } from '../../../demo/truths.js';
import { exportGeneratedSubscriptions } from '../../../demo/subscription-export.js';
import { exportSubscriptions } from './service.js';

const BANK = { customers: 300, seed: 7 };

describe('the generated subscription table', () => {
  it('has one row per subscription year, and its decided renewals are the population of the published truths', () => {
    const t = exportGeneratedSubscriptions(BANK);
    const col = (name: string) => t.columns.indexOf(name);
    const decided = t.rows.filter((r) => r[col('renewed')] !== '');
    expect(t.rows.length).toBeGreaterThan(decided.length);
    expect(decided.length).toBe(trueEffects(BANK).n);
    // A still-running year has no outcome; a decided one is renewed (1) exactly when its status says so.
    for (const r of t.rows) {
      const status = r[col('status')];
      expect(r[col('renewed')]).toBe(status === 'active' ? '' : status === 'renewed' ? 1 : 0);
      const paid = Number(r[col('list_price_yuan')]) * (1 - Number(r[col('discount_rate')]));
      expect(r[col('price_paid_yuan')]).toBeCloseTo(paid, 2);
      expect(r[col('livestream_2000')]).toBe(Number(r[col('max_livestream_audience')]) >= 2000 ? 1 : 0);
    }
  });
});

// The run's seeded fixture (TEST_BANK) on both engines: a copy, not a second seeding.
describe.each(testDbKinds())('exporting the seeded subscriptions on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
  });
  afterAll(async () => db?.close());

  it('reads from the database exactly the rows the generator produces', async () => {
    expect(await exportSubscriptions(db)).toEqual(exportGeneratedSubscriptions(TEST_BANK));
  });
});
