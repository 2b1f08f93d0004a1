import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../../../test/support/db.js';
import { assignArm, parseCampaign } from '../../../core/engagement/campaign.js';
import type { EnqueueOutcome, OutboundMessage } from '../../../core/engagement/message.js';
import type { Enqueue } from './launch.js';
import { launchCampaign } from './launch.js';
import { campaignResultsOf } from './results.js';
import { createCampaign, endCampaign, updateCampaign } from './service.js';

const CLONES = 3000;
const FIRST = 5_000_001;
const LAUNCH = new Date('2026-03-02T02:00:00Z'); // 10:00 in Beijing
const BODY = '尊敬的客户，{{products}} 正在发售，欢迎通过手机银行了解详情。基金有风险，投资需谨慎。';

/** A stand-in for the outbox: one row per key; customers whose id ends in 7 have withdrawn marketing consent. */
const recorder = () => {
  const sent: OutboundMessage[] = [];
  const seen = new Map<string, EnqueueOutcome>();
  const enqueue: Enqueue = (_db, msgs, now) =>
    Promise.resolve(
      msgs.map((m) => {
        sent.push(m);
        const old = seen.get(m.key);
        if (old !== undefined) return { ...old, duplicate: true };
        const suppressed = m.customerId % 10 === 7;
        const o: EnqueueOutcome = {
          key: m.key,
          id: seen.size + 1,
          status: suppressed ? 'suppressed' : 'queued',
          scheduledAt: now.toISOString(),
          reason: suppressed ? 'no_consent' : null,
          duplicate: false,
        };
        seen.set(m.key, o);
        return o;
      }),
    );
  return { sent, enqueue };
};

describe.each(testDbKinds())('campaigns on %s', (kind) => {
  let db: TestDb;
  let products: string[];
  const definition = (over: Record<string, unknown> = {}) => ({
    key: 'spring-test',
    name: '春季测试活动',
    target: { rule: { tag: 'campaign_test' } },
    arms: [
      {
        key: 'a',
        weight: 1,
        message: { channel: 'app', purpose: 'marketing', body: BODY, products: [products[0]] },
      },
      {
        key: 'b',
        weight: 1,
        message: { channel: 'sms', purpose: 'marketing', body: BODY, products: [products[1]] },
      },
    ],
    holdout: 0.2,
    windowDays: 14,
    startAt: LAUNCH.toISOString(),
    ...over,
  });

  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
    // A few thousand customers: copies of the first demo customer under new ids, tagged as the target.
    await db.query(
      `INSERT INTO customers SELECT (jsonb_populate_record(NULL::customers,
         to_jsonb(c) || jsonb_build_object('id', $1::bigint + g - 1))).*
       FROM customers c, generate_series(1, $2::int) g WHERE c.id = (SELECT min(id) FROM customers)`,
      [FIRST, CLONES],
    );
    await db.query(
      `INSERT INTO customer_tags (customer_id, tag_key, source, set_at, set_by)
       SELECT id, 'campaign_test', 'manual', now(), 'test' FROM customers WHERE id BETWEEN $1 AND $1::bigint + $2 - 1`,
      [FIRST, CLONES],
    );
    products = (
      await db.query<{ code: string }>(
        `SELECT code FROM products WHERE type = 'hybrid' ORDER BY code LIMIT 2`,
      )
    ).map((r) => r.code);
    expect(products).toHaveLength(2);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('refuses "稳赚不赔" in a template at save with the compliance finding', async () => {
    const d = definition();
    d.arms[0]!.message.body = `稳赚不赔！${BODY}`;
    const e = await createCampaign(db, 'staff:ops01', d, LAUNCH).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'BAD_INPUT', details: { field: 'campaign.arms[0].message.body' } });
    const findings = (e as { details: { findings: { findings: { rule?: string; match?: string }[] }[] } })
      .details.findings[0]!.findings;
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'guarantee', match: '稳赚不赔' }));
    expect(await db.query(`SELECT 1 FROM campaigns`)).toEqual([]);
  });

  it('refuses a segment that does not exist and an unknown product, naming the field', async () => {
    await expect(
      createCampaign(db, 'x', definition({ target: { segmentId: 987654 } }), LAUNCH),
    ).rejects.toMatchObject({
      details: { field: 'campaign.target.segmentId' },
    });
    const d = definition();
    d.arms[1]!.message.products = ['NOPE01'];
    await expect(createCampaign(db, 'x', d, LAUNCH)).rejects.toMatchObject({
      details: { field: 'campaign.arms[1].message.products[0]' },
    });
  });

  let id: number;
  const out = recorder();

  it('assigns every target customer deterministically, near the weights, and messages no holdout customer', async () => {
    id = (await createCampaign(db, 'staff:ops01', definition(), LAUNCH)).id;
    const report = await launchCampaign(db, id, LAUNCH, { enqueue: out.enqueue, batchSize: 700 });
    expect([report.targeted, report.assigned, report.batches]).toEqual([CLONES, CLONES, 5]);
    const rows = await db.query<{ customer_id: number; arm: string }>(
      `SELECT customer_id, arm FROM campaign_assignments WHERE campaign_id = $1 ORDER BY customer_id`,
      [id],
    );
    const d = parseCampaign(definition());
    expect(rows.every((r) => r.arm === assignArm(d, Number(r.customer_id)))).toBe(true);
    const count = (arm: string) => rows.filter((r) => r.arm === arm).length;
    expect(Math.abs(count('holdout') / CLONES - 0.2)).toBeLessThan(0.025);
    expect(Math.abs(count('a') / CLONES - 0.4)).toBeLessThan(0.025);
    const holdout = new Set(rows.filter((r) => r.arm === 'holdout').map((r) => Number(r.customer_id)));
    expect(out.sent.filter((m) => holdout.has(m.customerId))).toEqual([]);
    expect(out.sent).toHaveLength(CLONES - holdout.size);
    expect(new Set(out.sent.map((m) => m.key)).size).toBe(out.sent.length);
    expect(out.sent[0]).toMatchObject({
      key: `campaign:spring-test:${out.sent[0]!.customerId}`,
      purpose: 'marketing',
    });
    expect(report.messages.suppressed).toBe(out.sent.filter((m) => m.customerId % 10 === 7).length);
  });

  it('launching twice sends nothing twice and assigns nobody twice', async () => {
    const before = out.sent.length;
    const again = await launchCampaign(db, id, new Date(LAUNCH.getTime() + 3600_000), {
      enqueue: out.enqueue,
    });
    expect([again.assigned, out.sent.length]).toEqual([0, before]);
    const [n] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM campaign_assignments WHERE campaign_id = $1`,
      [id],
    );
    expect(n!.n).toBe(CLONES);
  });

  it('freezes a running campaign', async () => {
    await expect(updateCampaign(db, 'x', id, definition(), LAUNCH)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('measures a planted effect with the right sign and a CI that covers it; SRM passes', async () => {
    // Baseline: every 20th customer buys an offered product (all arms); effect: 30 % of arm a buy it too.
    const day = (d: number) => new Date(LAUNCH.getTime() + d * 86_400_000).toISOString().slice(0, 10);
    await db.query(
      `INSERT INTO transactions (customer_id, id, product_code, type, trade_date, amount_fen, units, nav, fee_fen, channel)
       SELECT a.customer_id, 9000000000 + a.customer_id * 10 + k.k, $2, 'purchase', k.day::date, 100000, 100, 1, 0, 'app'
       FROM campaign_assignments a
       CROSS JOIN LATERAL (VALUES (1, $3::text, a.customer_id % 20 = 0),
                                  (2, $3::text, a.arm = 'a' AND (a.customer_id * 7919) % 10 < 3),
                                  (3, $4::text, a.arm = 'b')) k(k, day, pick)
       WHERE a.campaign_id = $1 AND k.pick`,
      [id, products[0], day(2), day(20)],
    );
    // Arm b bought only on day 20, outside the 14-day window: it does not count.
    const r = await campaignResultsOf(db, id, new Date(LAUNCH.getTime() + 25 * 86_400_000));
    const arm = (k: string) => r.arms.find((x) => x.arm === k)!;
    const a = arm('a').vsHoldout!;
    const truth = 0.3 * 0.95;
    expect(a.lift).toBeGreaterThan(0);
    expect(a.liftCi[0]).toBeLessThan(truth);
    expect(a.liftCi[1]).toBeGreaterThan(truth);
    expect(a.chanceToBeatHoldout).toBeGreaterThan(0.99);
    const b = arm('b').vsHoldout!;
    expect(b.liftCi[0]).toBeLessThan(0);
    expect(b.liftCi[1]).toBeGreaterThan(0);
    expect(r.srm.warning).toBe(false);
    expect(r.srm.observed.reduce((s, x) => s + x, 0)).toBe(CLONES);
    // Suppressed messages are not exposures, and the reason is kept.
    expect(arm('holdout').exposures).toBe(0);
    expect(arm('a').exposures + arm('a').suppressed).toBe(arm('a').assigned);
    expect(r.suppressionReasons.map((s) => s.reason)).toEqual(['no_consent', 'no_consent']);
    expect(r.daily.at(-1)!.cumulative.a).toBe(arm('a').conversions);
  });

  it('ends a campaign and refuses to launch it again', async () => {
    expect((await endCampaign(db, 'x', id, LAUNCH)).status).toBe('ended');
    await expect(launchCampaign(db, id, LAUNCH, { enqueue: out.enqueue })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
