import { beforeAll, expect, it } from 'vitest';
import type { AnalyzeResponse, CardResponse, Intent, PublicCard } from '../../../contracts/rm-assistant.js';
import { DEFAULT_POLICY } from '../../../core/suitability/policy.js';
import { assessmentCutoff } from '../../../core/suitability/validity.js';
import type { TestApp } from '../../../../test/support/app.js';
import { ACCEPTANCE_TRANSCRIPT } from '../../http/permission-matrix.suite.js';
import { chinaDate } from '../customers/service.js';

const call = async <T>(
  t: TestApp,
  method: 'POST' | 'PATCH' | 'GET',
  url: string,
  token: string | null,
  payload?: unknown,
) => {
  const r = await t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: r.statusCode, body: r.json<T>() };
};

const RISK: Record<string, number> = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5, C1: 1, C2: 2, C3: 3, C4: 4, C5: 5 };

/** Conversation insight, money intents and recommendation cards; run by src/server/api.suite.ts on each database. */
export const rmAssistantSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let rm: string;
  let mine: { id: number; risk_level: string };
  beforeAll(async () => {
    t = ctx();
    rm = await t.login('rm001');
    const cutoff = assessmentCutoff(DEFAULT_POLICY, 'bank', chinaDate(new Date()));
    // A customer of rm001 with a valid assessment and a level of C3 or more (retirement money can be balanced).
    [mine] = (await t.db.query<{ id: number; risk_level: string }>(
      `SELECT c.id, c.risk_level FROM customers c JOIN staff s ON s.id = c.rm_id
        WHERE s.username = 'rm001' AND c.risk_assessed_at >= $1::date AND c.risk_level IN ('C3','C4','C5')
          AND NOT c.lowest_category ORDER BY c.id LIMIT 1`,
      [cutoff],
    )) as [{ id: number; risk_level: string }];
    expect(mine).toBeDefined();
  });

  it('acceptance: a transcript with 50万 for retirement and 10万 for a trip → two intents → two different, suitable cards', async () => {
    const a = await call<AnalyzeResponse>(t, 'POST', `/api/customers/${mine.id}/conversations/analyze`, rm, {
      transcript: ACCEPTANCE_TRANSCRIPT,
    });
    expect(a.status).toBe(200);
    const intents = a.body.intents;
    expect(
      intents.map((i) => [i.purpose, i.amount, i.horizonMonths, i.liquidity, i.status, i.source]),
    ).toEqual([
      ['retirement', '500000.00', 120, 'low', 'proposed', 'conversation'],
      ['travel', '100000.00', 12, 'high', 'proposed', 'conversation'],
    ]);
    expect(intents[0]!.evidence[0]).toContain('养老');
    const listed = await call<{ items: Intent[] }>(t, 'GET', `/api/customers/${mine.id}/intents`, rm);
    expect(listed.body.items.map((i) => i.id)).toEqual(expect.arrayContaining(intents.map((i) => i.id)));

    const [ret, trip] = intents as [Intent, Intent];
    const confirmed = await call<Intent>(
      t,
      'POST',
      `/api/customers/${mine.id}/intents/${ret.id}/confirm`,
      rm,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.confirmedBy).not.toBeNull();
    const edited = await call<Intent>(t, 'PATCH', `/api/customers/${mine.id}/intents/${trip.id}`, rm, {
      amount: '120000.50',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'edited', amount: '120000.50', purpose: 'travel' });

    const cards: CardResponse[] = [];
    for (const i of [ret, trip]) {
      const c = await call<CardResponse>(t, 'POST', `/api/customers/${mine.id}/intents/${i.id}/card`, rm);
      expect(c.status).toBe(200);
      expect(c.body.allowed, JSON.stringify(c.body.guard.findings)).toBe(true);
      for (const p of c.body.products) {
        expect(RISK[p.risk]).toBeLessThanOrEqual(RISK[mine.risk_level]!);
        expect(RISK[p.risk]).toBeLessThanOrEqual(RISK[c.body.planLevel]!);
        expect(p.suitability.mayRecommend).toBe(true);
      }
      expect(c.body.disclosures.length).toBeGreaterThan(0);
      cards.push(c.body);
    }
    const [rc, tc] = cards as [CardResponse, CardResponse];
    expect(RISK[tc.planLevel]).toBeLessThan(RISK[rc.planLevel]!);
    expect(tc.products.map((p) => p.code)).not.toEqual(rc.products.map((p) => p.code));
    expect(tc.classWeights.equity ?? 0).toBe(0);

    // The shared link: public, read-only, the customer-facing card only.
    const shared = await call<PublicCard>(t, 'GET', rc.share!.path, null);
    expect(shared.status).toBe(200);
    expect(shared.body.text).toEqual(rc.text);
    const raw = JSON.stringify(shared.body);
    for (const staffOnly of ['script', 'guard', 'customerLevel', 'createdBy', 'rm001', 'allowed'])
      expect(raw).not.toContain(staffOnly);
    // …and as an image to share: every product code and the first disclosure, nothing staff-only.
    const image = await t.app.inject({ method: 'GET', url: `${rc.share!.path}/image.svg` });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toContain('image/svg+xml');
    for (const p of shared.body.products) expect(image.body).toContain(p.code);
    expect(image.body).not.toContain(rc.script.zh.slice(0, 12));

    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE customer_id = $1 AND action IN
         ('intent.proposed','intent.confirmed','intent.edited','card.created') ORDER BY id`,
      [mine.id],
    );
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['intent.proposed', 'intent.confirmed', 'intent.edited', 'card.created']),
    );
    const [edit] = await t.db.query<{ details: { before: Intent; after: Intent } }>(
      `SELECT details FROM audit_log WHERE action = 'intent.edited' AND target = $1`,
      [String(trip.id)],
    );
    expect(edit!.details.before.amount).toBe('100000.00');
    expect(edit!.details.after.amount).toBe('120000.50');
  });

  it('scopes like the customer 360: another RM’s customer is 403, a customer reads only their own intents', async () => {
    const [other] = await t.db.query<{ id: number }>(
      `SELECT c.id FROM customers c JOIN staff s ON s.id = c.rm_id WHERE s.username <> 'rm001' ORDER BY c.id LIMIT 1`,
    );
    const denied = await call(t, 'POST', `/api/customers/${other!.id}/conversations/analyze`, rm, {
      transcript: '客户：我有20万想存三年。',
    });
    expect(denied.status).toBe(403);
    expect((await call(t, 'GET', `/api/customers/${other!.id}/intents`, rm)).status).toBe(403);
    const bm = await t.login('bm01');
    const refused = await call(t, 'POST', `/api/customers/${mine.id}/conversations/analyze`, bm, {
      transcript: '客户：我有20万想存三年。',
    });
    expect(refused.status).toBe(403);
  });

  it('answers bad input with a 4xx naming the field', async () => {
    const base = `/api/customers/${mine.id}`;
    const both = await call<{ error: { message: string; details: unknown } }>(
      t,
      'POST',
      `${base}/conversations/analyze`,
      rm,
      {
        transcript: '客户：你好',
        messages: [{ sender: 'customer', text: '你好' }],
      },
    );
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('messages');
    const sender = await call(t, 'POST', `${base}/conversations/analyze`, rm, {
      messages: [{ sender: 'boss', text: '你好' }],
    });
    expect(sender.status).toBe(400);
    expect(JSON.stringify(sender.body)).toContain('sender');
    const a = await call<AnalyzeResponse>(t, 'POST', `${base}/conversations/analyze`, rm, {
      messages: [{ sender: 'customer', text: '我有30万准备三年后给孩子上学用。' }],
    });
    expect(a.status).toBe(200);
    const iid = a.body.intents[0]!.id;
    const neg = await call(t, 'PATCH', `${base}/intents/${iid}`, rm, { amount: -5 });
    expect(neg.status).toBe(400);
    expect(JSON.stringify(neg.body)).toContain('amount');
    const unknown = await call(t, 'PATCH', `${base}/intents/${iid}`, rm, { colour: 'red' });
    expect(unknown.status).toBe(400);
    const empty = await call(t, 'PATCH', `${base}/intents/${iid}`, rm, {});
    expect(empty.status).toBe(400);
    const appetite = await call(t, 'PATCH', `${base}/intents/${iid}`, rm, { riskAppetite: 'reckless' });
    expect(appetite.status).toBe(400);
    expect(JSON.stringify(appetite.body)).toContain('riskAppetite');
    expect((await call(t, 'POST', `${base}/intents/99999999/confirm`, rm)).status).toBe(404);
    expect((await call(t, 'GET', '/api/cards/short', null)).status).toBe(400);
    expect((await call(t, 'GET', `/api/cards/${'x'.repeat(32)}`, null)).status).toBe(404);
  });

  it('never plans above the customer’s level, whatever the appetite stated', async () => {
    const cutoff = assessmentCutoff(DEFAULT_POLICY, 'bank', chinaDate(new Date()));
    const [low] = await t.db.query<{ id: number; risk_level: string }>(
      `SELECT c.id, c.risk_level FROM customers c JOIN staff s ON s.id = c.rm_id
        WHERE s.username = 'rm001' AND c.risk_assessed_at >= $1::date AND c.risk_level IN ('C1','C2')
        ORDER BY c.id LIMIT 1`,
      [cutoff],
    );
    if (low === undefined) return;
    const a = await call<AnalyzeResponse>(t, 'POST', `/api/customers/${low.id}/conversations/analyze`, rm, {
      transcript: '客户：我有100万想博一博高收益，放10年，亏点没关系，我能承受高风险。',
    });
    expect(a.status).toBe(200);
    for (const i of a.body.intents) {
      const c = await call<CardResponse>(t, 'POST', `/api/customers/${low.id}/intents/${i.id}/card`, rm);
      expect(c.status).toBe(200);
      expect(RISK[c.body.planLevel]).toBeLessThanOrEqual(RISK[low.risk_level]!);
      for (const p of c.body.products) expect(RISK[p.risk]).toBeLessThanOrEqual(RISK[low.risk_level]!);
    }
  });
};
