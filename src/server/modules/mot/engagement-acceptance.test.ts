import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EQUITY_FUND_TYPES } from '../../../core/engagement/builtin-rules.js';
import { createTestDb, type TestDb, testDbKinds } from '../../../../test/support/db.js';
import { JOB_CATALOGUE } from '../../jobs/catalogue.js';
import { runJobNow } from '../../jobs/registry.js';
import { ensureDefaultTags } from '../cdp/service.js';
import { ingestEvents } from '../events/ingest.js';
import { channelAdapters } from '../outbox/adapters.js';
import { dispatchDue, enqueueMessages } from '../outbox/service.js';
import { runDue } from './service.js';

/**
 * Issue 14's acceptance on the demo bank, end to end through the real parts: ingestion → MOT rules → the outbox
 * (guard, consent, quiet hours, caps) → dispatch, with a fixed clock (`--now` in the CLI) on PGlite and
 * PostgreSQL. The two-process variant of the first scenario is in two-workers.test.ts.
 */
const DAY = '2026-11-02'; // after the demo bank's as-of date (2026-10-30): its assessments are in the past
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const deps = { enqueue: enqueueMessages };

describe.each(testDbKinds())('engagement loop acceptance on %s', (kind) => {
  let db: TestDb;
  let seq = 0;
  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
  });
  afterAll(() => db.close());
  beforeEach(() =>
    db.exec(`DELETE FROM events WHERE id >= 1000000000000; DELETE FROM event_receipts; DELETE FROM market_events;
             DELETE FROM leads; DELETE FROM mot_firings; DELETE FROM outbox; DELETE FROM channel_deliveries;`),
  );

  const ingest = (events: unknown[], now: Date) => ingestEvents(db, events, { now, source: 'api' });
  const event = (type: string, customerId: number, occurred: Date, payload: object, id = `acc-${++seq}`) => ({
    id,
    type,
    customer: { by: 'customer_id', value: customerId },
    occurred_at: occurred.toISOString(),
    payload,
  });
  const outboxOf = (id: number) =>
    db.query<{ channel: string; purpose: string; status: string; scheduled_at: Date; reason: string | null }>(
      `SELECT channel, purpose, status, scheduled_at, reason FROM outbox WHERE customer_id = $1 ORDER BY id`,
      [id],
    );
  const grant = (id: number, channel: string, granted: boolean) =>
    db.query(
      `INSERT INTO consents (customer_id, purpose, channel, granted, at, text_shown)
       VALUES ($1, 'marketing', $2, $3, now(), '测试授权') ON CONFLICT (customer_id, purpose, channel)
       DO UPDATE SET granted = excluded.granted`,
      [id, channel, granted],
    );
  /** A customer with an owner RM and a valid assessment, and products of the shelf it may be offered. */
  const customer = async (offset: number) => {
    const [c] = await db.query<{ id: number; rm_id: number; risk_level: string }>(
      `SELECT id, rm_id, risk_level FROM customers
        WHERE merged_into IS NULL AND rm_id IS NOT NULL AND risk_level >= 'C3'
          AND risk_assessed_at > DATE '${DAY}' - interval '11 months'
        ORDER BY id OFFSET ${offset} LIMIT 1`,
    );
    return c!;
  };
  const lowRiskProducts = async (n: number) =>
    (
      await db.query<{ code: string }>(
        `SELECT code FROM products WHERE risk_level IN ('R1', 'R2') AND type NOT IN ('insurance', 'advisory')
          ORDER BY code LIMIT ${n}`,
      )
    ).map((r) => r.code);

  it('a 60万 inflow posted twice makes one lead for the owner RM; without SMS consent nothing goes by SMS', async () => {
    const c = await customer(0);
    await grant(c.id, 'sms', false);
    const ev = event('large_transfer_in', c.id, at('10:00'), { amount: 600_000 }, 'core-600k');
    expect((await ingest([ev], at('10:00'))).accepted).toBe(1);
    expect((await ingest([ev], at('10:01'))).duplicates).toBe(1);
    await runDue(db, at('10:02'), deps);
    await runDue(db, at('10:03'), deps);
    const leads = await db.query<{ rule_key: string; rm_id: number }>(
      'SELECT rule_key, rm_id FROM leads WHERE customer_id = $1',
      [c.id],
    );
    expect(leads).toEqual([{ rule_key: 'large_inflow', rm_id: c.rm_id }]);
    const sms = (await outboxOf(c.id)).filter((m) => m.channel === 'sms');
    expect(sms.length).toBe(1);
    expect(sms[0]).toMatchObject({ status: 'suppressed', reason: 'no_consent:sms:marketing' });
    await dispatchDue(db, at('10:05'), channelAdapters());
    const delivered = await db.query('SELECT 1 FROM channel_deliveries WHERE customer_id = $1', [c.id]);
    expect(delivered).toEqual([]);
  });

  it('a marketing push inside quiet hours is deferred to 09:00 and sent then, not before', async () => {
    const c = await customer(1);
    await grant(c.id, 'app_push', true);
    const [code] = await lowRiskProducts(1);
    const late = new Date(`${DAY}T22:30:00+08:00`);
    await ingest([event('purchase_abandoned', c.id, late, { product_code: code })], late);
    await runDue(db, late, deps);
    const [m] = (await outboxOf(c.id)).filter((x) => x.purpose === 'marketing');
    expect(m).toMatchObject({ channel: 'app', status: 'deferred', reason: 'quiet_hours' });
    expect(m!.scheduled_at.toISOString()).toBe(new Date('2026-11-03T09:00:00+08:00').toISOString());
    expect((await dispatchDue(db, new Date('2026-11-03T08:59:00+08:00'), channelAdapters())).sent).toBe(0);
    expect((await dispatchDue(db, new Date('2026-11-03T09:00:00+08:00'), channelAdapters())).sent).toBe(1);
    const [after] = (await outboxOf(c.id)).filter((x) => x.purpose === 'marketing');
    expect(after!.status).toBe('sent');
  });

  it('a burst of 30 events respects the daily cap and gives every suppressed message its reason', async () => {
    const c = await customer(2);
    await grant(c.id, 'app_push', true);
    const codes = await lowRiskProducts(30);
    expect(codes.length).toBeGreaterThan(3);
    const burst = Array.from({ length: 30 }, (_, i) =>
      event('purchase_abandoned', c.id, at('11:00'), { product_code: codes[i % codes.length] }),
    );
    expect((await ingest(burst, at('11:00'))).accepted).toBe(30);
    await runDue(db, at('11:01'), deps);
    const marketing = (await outboxOf(c.id)).filter((x) => x.purpose === 'marketing');
    expect(marketing.length).toBe(codes.length); // one per product: the same product again is the same firing
    const going = marketing.filter((x) => x.status !== 'suppressed');
    expect(going.length).toBe(3);
    const suppressed = marketing.filter((x) => x.status === 'suppressed');
    expect(suppressed.every((x) => x.reason !== null && x.reason !== '')).toBe(true);
    expect(suppressed.some((x) => x.reason === 'cap:day')).toBe(true);
  });

  it('a market move reaches holders of equity-type funds only', async () => {
    const now = at('15:05');
    await ingest(
      [
        {
          id: 'idx-move-1',
          type: 'market_move',
          occurred_at: at('15:00').toISOString(),
          payload: { index: '000300', change: -0.025 },
        },
      ],
      now,
    );
    await runDue(db, now, deps);
    const reached = (
      await db.query<{ customer_id: number }>(
        `SELECT DISTINCT customer_id FROM outbox WHERE source_kind = 'mot' AND source_ref = 'market_move'
          ORDER BY customer_id`,
      )
    ).map((r) => Number(r.customer_id));
    const holders = (
      await db.query<{ customer_id: number }>(
        `SELECT DISTINCT h.customer_id FROM holdings h JOIN products p ON p.code = h.product_code
           JOIN customers c ON c.id = h.customer_id
          WHERE p.type = ANY($1) AND h.units > 0 AND c.merged_into IS NULL ORDER BY h.customer_id`,
        [[...EQUITY_FUND_TYPES]],
      )
    ).map((r) => Number(r.customer_id));
    expect(reached.length).toBeGreaterThan(0);
    expect(reached).toEqual(holders);
  });

  it('a tag that counts events follows them: five logins make an App-active customer within the minute', async () => {
    await ensureDefaultTags(db, at('08:00'));
    const [c] = await db.query<{ id: number }>(
      `SELECT id FROM customers c WHERE merged_into IS NULL
          AND NOT EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag_key = 'active_app_user')
        ORDER BY id LIMIT 1`,
    );
    const logins = Array.from({ length: 5 }, (_, i) =>
      event('login', c!.id, new Date(at('09:00').getTime() + i * 60_000), {}),
    );
    await ingest(logins, at('09:10'));
    await runJobNow(db, JOB_CATALOGUE, 'tags.on-events', at('09:11'));
    const tags = await db.query<{ set_by: string }>(
      `SELECT set_by FROM customer_tags WHERE customer_id = $1 AND tag_key = 'active_app_user'`,
      [c!.id],
    );
    expect(tags).toEqual([{ set_by: 'events' }]);
    const history = await db.query<{ action: string; by: string }>(
      `SELECT action, by FROM customer_tag_history WHERE customer_id = $1 AND tag_key = 'active_app_user'`,
      [c!.id],
    );
    expect(history).toEqual([{ action: 'set', by: 'events' }]);
  });
});
