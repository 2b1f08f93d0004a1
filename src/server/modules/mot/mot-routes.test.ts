import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDbKinds } from '../../../../test/support/db.js';
import { ingestEvents } from '../events/ingest.js';
import { enqueueMessages } from '../outbox/service.js';
import { runDue } from './service.js';

/**
 * The MOT and lead routes in memory on the demo bank, PGlite and PostgreSQL: a bad rule is a 400 naming the JSON
 * path, the RM sees their lead and works it (lost needs a reason, a closed lead stays closed), a branch manager
 * cannot switch a rule for another branch, statistics and the dry run count the lead.
 */
const NOW = new Date('2026-01-06T02:00:00Z');

type Err = { error: { code: string; message: string; details: { field?: string } } };
type LeadBody = {
  id: number;
  customer_id: number;
  rule: string;
  status: string;
  script: string;
  notes: unknown[];
};

describe.each(testDbKinds())('MOT routes on %s', (kind) => {
  let t: TestApp;
  let customer: { id: number; username: string; branch: string };
  let leadId: number;
  const call = async <T>(
    user: string,
    method: 'GET' | 'PUT' | 'PATCH' | 'POST',
    url: string,
    payload?: object,
  ) => {
    const r = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await t.login(user)}` },
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: r.statusCode, body: r.json<T>() };
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { app: { now: () => new Date(NOW.getTime() + 3_600_000) } });
    const [row] = await t.db.query<{ id: number; username: string; branch: string }>(
      `SELECT c.id, s.username, o.parent_id AS branch FROM customers c JOIN staff s ON s.id = c.rm_id
         JOIN org_units o ON o.id = c.org_unit_id WHERE c.merged_into IS NULL ORDER BY c.id LIMIT 1`,
    );
    customer = row!;
    await ingestEvents(
      t.db,
      [
        {
          id: 'routes-tx-1',
          type: 'large_transfer_in',
          customer: { by: 'customer_id', value: customer.id },
          occurred_at: '2026-01-06T09:00:00+08:00',
          payload: { amount: 600_000 },
        },
      ],
      { now: NOW, source: 'api' },
    );
    expect((await runDue(t.db, NOW, { enqueue: enqueueMessages })).leads_created).toBe(1);
  });
  afterAll(() => t.close());

  it('shows the RM their lead with the contract fields', async () => {
    const r = await call<LeadBody[]>(customer.username, 'GET', '/api/workbench/leads?status=new');
    expect(r.status).toBe(200);
    const lead = r.body.find((l) => l.customer_id === customer.id)!;
    expect(lead).toMatchObject({ rule: 'large_inflow', status: 'new' });
    expect(Object.keys(lead)).toEqual(
      expect.arrayContaining(['id', 'customer_id', 'rule', 'status', 'due_at', 'script']),
    );
    leadId = lead.id;
    const other = await call<LeadBody[]>('rm040', 'GET', '/api/workbench/leads');
    expect(other.body.some((l) => l.id === leadId)).toBe(customer.username === 'rm040');
  });

  it('works a lead: lost without a reason is a 400, notes are kept, a closed lead stays closed', async () => {
    const url = `/api/workbench/leads/${leadId}`;
    const noReason = await call<Err>(customer.username, 'PATCH', url, { status: 'lost' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.field).toBe('lost_reason');
    expect((await call<LeadBody>(customer.username, 'PATCH', url, { status: 'contacted' })).status).toBe(200);
    const note = await call<{ id: number }>(customer.username, 'POST', `${url}/notes`, {
      text: '已电话沟通，下周面谈',
    });
    expect(note.status).toBe(201);
    const won = await call<LeadBody>(customer.username, 'PATCH', url, { status: 'won' });
    expect(won.body).toMatchObject({ status: 'won', notes: [{ text: '已电话沟通，下周面谈' }] });
    expect(
      (await call<Err>(customer.username, 'PATCH', url, { status: 'lost', lost_reason: 'x' })).status,
    ).toBe(409);
    const [audit] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'lead.status' AND target = $1`,
      [String(leadId)],
    );
    expect(audit!.n).toBe(2);
  });

  it('refuses a bad rule with 400 naming the JSON path of the bad node, and stores nothing', async () => {
    const good = (await call<{ key: string }[]>('ops01', 'GET', '/api/mot/rules')).body.find(
      (r) => r.key === 'large_inflow',
    )!;
    const bad = {
      ...good,
      trigger: { event: 'large_transfer_in', where: [{ field: 'amount', op: 'more_than', value: 1 }] },
      conditions: { all: [{ attr: 'aum', op: 'gte', value: 100000 }] },
    };
    const r = await call<Err>('ops01', 'PUT', '/api/mot/rules/large_inflow', bad);
    expect(r.status).toBe(400);
    expect(r.body.error.details.field).toBe('rule.trigger.where[0].op');
    expect(r.body.error.message).toContain('rule.trigger.where[0].op');
    const [n] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mot_rules');
    expect(n!.n).toBe(0);
    const ok = await call<{ version: number }>('ops01', 'PUT', '/api/mot/rules/large_inflow', {
      ...good,
      trigger: { event: 'large_transfer_in', where: [{ field: 'amount', op: 'gte', value: 300000 }] },
    });
    expect(ok).toMatchObject({ status: 200, body: { version: 2 } });
  });

  it('lets a branch manager switch a rule for their own branch only', async () => {
    const [own] = await t.db.query<{ username: string; branch: string }>(
      `SELECT username, org_unit_id AS branch FROM staff WHERE role = 'branch_manager' ORDER BY id LIMIT 1`,
    );
    const [other] = await t.db.query<{ id: string }>(
      `SELECT id FROM org_units WHERE level = 'branch' AND id <> $1 ORDER BY id LIMIT 1`,
      [own!.branch],
    );
    const url = '/api/mot/rules/birthday/switch';
    expect((await call(own!.username, 'PUT', url, { org_unit_id: own!.branch, enabled: false })).status).toBe(
      200,
    );
    expect((await call(own!.username, 'PUT', url, { org_unit_id: other!.id, enabled: false })).status).toBe(
      403,
    );
  });

  it('counts the lead in the statistics and finds the customer in a dry run', async () => {
    const s = await call<{ rules: { rule: string; leads: number; won: number; fired: number }[] }>(
      'ops01',
      'GET',
      '/api/mot/stats?from=2026-01-01&to=2026-01-06',
    );
    expect(s.body.rules.find((r) => r.rule === 'large_inflow')).toMatchObject({ fired: 1, leads: 1, won: 1 });
    const d = await call<{ count: number; hits: { customer_id: number }[] }>(
      'ops01',
      'POST',
      '/api/mot/rules/large_inflow/dry-run',
      { from: '2026-01-05', to: '2026-01-07' },
    );
    expect(d.status).toBe(200);
    expect(d.body.hits.map((h) => h.customer_id)).toContain(customer.id);
    const [leads] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM leads');
    expect(leads!.n).toBe(1);
  });
});
