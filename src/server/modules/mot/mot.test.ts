import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnqueueOutcome, OutboundMessage } from '../../../core/engagement/message.js';
import { EQUITY_FUND_TYPES } from '../../../core/engagement/builtin-rules.js';
import { createTestDb, type TestDb, testDbKinds } from '../../../../test/support/db.js';
import { ingestEvents } from '../events/ingest.js';
import { escalateOverdue, runDue, scanSchedules, setSwitch } from './service.js';
import type { Enqueue } from './service.js';

/**
 * The MOT engine on the demo bank, on PGlite and PostgreSQL, with a fixed clock and a recorder in place of the
 * outbox: idempotent leads from ingested events, market moves reaching equity-fund holders only, branch switches,
 * SLA escalation, concurrent workers, daily scans run twice.
 */
const NOW = new Date('2026-01-06T02:00:00Z'); // 10:00 in China
const HOUR = 3_600_000;

type Recorder = { sent: OutboundMessage[]; enqueue: Enqueue };
const recorder = (): Recorder => {
  const sent: OutboundMessage[] = [];
  const enqueue: Enqueue = (_db, msgs, now) => {
    sent.push(...msgs);
    return Promise.resolve(
      msgs.map((m, i): EnqueueOutcome => ({
        key: m.key,
        id: sent.length - msgs.length + i + 1,
        status: m.purpose === 'marketing' ? 'deferred' : 'queued',
        scheduledAt: now.toISOString(),
        reason: m.purpose === 'marketing' ? 'test' : null,
        duplicate: false,
      })),
    );
  };
  return { sent, enqueue };
};

describe.each(testDbKinds())('MOT engine on %s', (kind) => {
  let db: TestDb;
  type Cust = { id: number; rm_id: number | null; org_unit_id: string; branch: string };
  let owned: Cust[];

  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
    owned = await db.query<Cust>(
      `SELECT c.id, c.rm_id, c.org_unit_id, o.parent_id AS branch FROM customers c
         JOIN org_units o ON o.id = c.org_unit_id
        WHERE c.merged_into IS NULL AND c.rm_id IS NOT NULL ORDER BY c.id`,
    );
  });
  afterAll(() => db.close());
  beforeEach(() =>
    db.exec(`DELETE FROM events WHERE id >= 1000000000000; DELETE FROM event_receipts; DELETE FROM market_events;
             DELETE FROM leads; DELETE FROM lead_notes; DELETE FROM mot_firings; DELETE FROM mot_rule_switches;`),
  );

  let seq = 0;
  const transfer = (customerId: number, amount: number, id = `tx-${++seq}`) => ({
    id,
    type: 'large_transfer_in',
    customer: { by: 'customer_id', value: customerId },
    occurred_at: '2026-01-06T09:30:00+08:00',
    payload: { amount },
  });
  const ingest = (events: unknown[]) => ingestEvents(db, events, { now: NOW, source: 'api' });
  const leadsOf = (id: number) =>
    db.query<{ rule_key: string; rm_id: number; due_at: Date; script: string; escalated_to: number | null }>(
      'SELECT rule_key, rm_id, due_at, script, escalated_to FROM leads WHERE customer_id = $1',
      [id],
    );

  it('a 60万 transfer ingested twice makes exactly one lead for the owner RM; a second run makes nothing', async () => {
    const c = owned[0]!;
    const ev = transfer(c.id, 600_000, 'core-tx-1');
    expect((await ingest([ev])).accepted).toBe(1);
    expect((await ingest([ev])).duplicates).toBe(1);
    const r = recorder();
    // The lead, and the rule's marketing SMS (the recorder defers marketing).
    expect(await runDue(db, NOW, { enqueue: r.enqueue })).toEqual({
      leads_created: 1,
      messages_queued: 0,
      messages_deferred: 1,
      messages_suppressed: 0,
    });
    expect(r.sent.map((m) => [m.channel, m.purpose, m.customerId])).toEqual([['sms', 'marketing', c.id]]);
    const [lead, ...more] = await leadsOf(c.id);
    expect(more).toEqual([]);
    expect(lead).toMatchObject({ rule_key: 'large_inflow', rm_id: c.rm_id });
    expect(lead!.due_at.getTime()).toBe(NOW.getTime() + 24 * HOUR);
    expect(lead!.script).toContain('600,000元');
    expect((await runDue(db, NOW, { enqueue: r.enqueue })).leads_created).toBe(0);
    // Another transfer the same week is another event but the same moment: still one lead.
    await ingest([transfer(c.id, 700_000)]);
    expect((await runDue(db, NOW, { enqueue: r.enqueue })).leads_created).toBe(0);
    expect(await leadsOf(c.id)).toHaveLength(1);
    const [pending] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_queue');
    expect(pending!.n).toBe(0);
  });

  it('a 1万 transfer creates nothing', async () => {
    await ingest([transfer(owned[1]!.id, 10_000)]);
    const r = recorder();
    expect((await runDue(db, NOW, { enqueue: r.enqueue })).leads_created).toBe(0);
    expect(await leadsOf(owned[1]!.id)).toEqual([]);
    expect(r.sent).toEqual([]);
  });

  it('a market move of −2.5% messages the holders of equity funds and nobody else', async () => {
    await ingest([
      {
        id: 'mkt-1',
        type: 'market_move',
        occurred_at: '2026-01-06T09:35:00+08:00',
        payload: { index: 'CSI300', change: -0.025 },
      },
    ]);
    const r = recorder();
    const counts = await runDue(db, NOW, { enqueue: r.enqueue });
    const holders = await db.query<{ id: number }>(
      `SELECT DISTINCT h.customer_id AS id FROM holdings h JOIN products p ON p.code = h.product_code
         JOIN customers c ON c.id = h.customer_id AND c.merged_into IS NULL
        WHERE h.units > 0 AND p.type IN (${EQUITY_FUND_TYPES.map((t) => `'${t}'`).join(', ')}) ORDER BY 1`,
    );
    expect(holders.length).toBeGreaterThan(0);
    expect(r.sent.map((m) => m.customerId).sort((a, b) => a - b)).toEqual(holders.map((h) => h.id));
    expect(counts.messages_queued).toBe(holders.length);
    const m = r.sent[0]!;
    expect(m).toMatchObject({
      channel: 'app',
      purpose: 'service',
      source: { kind: 'mot', ref: 'market_move' },
    });
    expect(m.key).toMatch(new RegExp(`^mot:market_move:${m.customerId}:CSI300:\\d+$`));
    expect(m.body).toContain('2.50%');
    // A smaller move reaches nobody.
    await ingest([
      {
        id: 'mkt-2',
        type: 'market_move',
        occurred_at: '2026-01-06T09:40:00+08:00',
        payload: { index: 'CSI500', change: -0.01 },
      },
    ]);
    const r2 = recorder();
    await runDue(db, NOW, { enqueue: r2.enqueue });
    expect(r2.sent).toEqual([]);
  });

  it('a rule switched off for a branch makes no lead for its customers, and still does elsewhere', async () => {
    const a = owned[0]!;
    const b = owned.find((x) => x.branch !== a.branch)!;
    await setSwitch(db, 'large_inflow', a.branch, false, 'test', NOW, null);
    await ingest([transfer(a.id, 800_000), transfer(b.id, 800_000)]);
    const r = recorder();
    expect((await runDue(db, NOW, { enqueue: r.enqueue })).leads_created).toBe(1);
    expect(await leadsOf(a.id)).toEqual([]);
    expect(await leadsOf(b.id)).toHaveLength(1);
  });

  it('escalates a new lead to the branch manager once its SLA has passed, once', async () => {
    const c = owned[2]!;
    await ingest([transfer(c.id, 900_000)]);
    await runDue(db, NOW, { enqueue: recorder().enqueue });
    expect(await escalateOverdue(db, new Date(NOW.getTime() + 23 * HOUR))).toBe(0);
    expect(await escalateOverdue(db, new Date(NOW.getTime() + 25 * HOUR))).toBe(1);
    expect(await escalateOverdue(db, new Date(NOW.getTime() + 26 * HOUR))).toBe(0);
    const [bm] = await db.query<{ id: number }>(
      `SELECT id FROM staff WHERE role = 'branch_manager' AND org_unit_id = $1`,
      [c.branch],
    );
    expect((await leadsOf(c.id))[0]!.escalated_to).toBe(bm!.id);
  });

  it('two workers running at once create each lead once', async () => {
    const cs = owned.slice(0, 12);
    await ingest(cs.flatMap((c) => [transfer(c.id, 600_000), transfer(c.id, 650_000)]));
    const r = recorder();
    const [x, y] = await Promise.all([
      runDue(db, NOW, { enqueue: r.enqueue, batchSize: 2 }),
      runDue(db, NOW, { enqueue: r.enqueue, batchSize: 2 }),
    ]);
    expect(x.leads_created + y.leads_created).toBe(cs.length);
    const [n] = await db.query<{ n: number; customers: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers FROM leads',
    );
    expect(n).toEqual({ n: cs.length, customers: cs.length });
  });

  it('the daily scan greets today’s birthdays once, however often it runs', async () => {
    const [day] = await db.query<{ md: string }>(
      `SELECT to_char(birth_date, 'MM-DD') AS md FROM customers WHERE merged_into IS NULL AND status <> 'closed'
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const now = new Date(`2026-${day!.md}T02:00:00Z`);
    const [expected] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE merged_into IS NULL AND status <> 'closed'
          AND to_char(birth_date, 'MM-DD') = $1`,
      [day!.md],
    );
    const r = recorder();
    await scanSchedules(db, now, { enqueue: r.enqueue });
    const greetings = r.sent.filter((m) => m.source.ref === 'birthday');
    expect(greetings).toHaveLength(expected!.n);
    const again = recorder();
    await scanSchedules(db, now, { enqueue: again.enqueue });
    expect(again.sent).toEqual([]);
  });
});
