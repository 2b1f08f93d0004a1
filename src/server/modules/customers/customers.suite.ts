import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer360, CustomerPage } from '../../../contracts/customers.js';
import type { TestApp } from '../../../../test/support/app.js';
import { TEST_SECRET } from '../../../../test/support/app.js';
import { DEFAULT_POLICY, definePolicy } from '../../../core/suitability/policy.js';
import { assessmentCutoff } from '../../../core/suitability/validity.js';
import { buildApp } from '../../app.js';
import { chinaDate } from './service.js';

type Staff = { id: number; org_unit_id: string };

const staffRow = async (t: TestApp, username: string): Promise<Staff> =>
  (await t.db.query<Staff>('SELECT id, org_unit_id FROM staff WHERE username = $1', [username]))[0]!;

/** Exact decimal product of two decimal strings rounded half-up to 2 places, via BigInt (no floats). */
const mulRound2 = (a: string, b: string): string => {
  const scale = (s: string) => {
    const [i, f = ''] = s.split('.');
    return { v: BigInt(i! + f), d: f.length };
  };
  const x = scale(a);
  const y = scale(b);
  const digits = x.d + y.d;
  const p = x.v * y.v;
  const div = 10n ** BigInt(digits - 2);
  const q = (p + div / 2n) / div;
  const s = q.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
};

/** Customer search, scope, masking, audit and valuation; run by src/server/api.suite.ts on each database. */
export const customersSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let rm1: Staff;
  let rm1Token: string;
  beforeAll(async () => {
    t = ctx();
    rm1 = await staffRow(t, 'rm001');
    rm1Token = await t.login('rm001');
  });

  it('lists for an RM exactly their own customers, in clear, and audits the PII read', async () => {
    const own = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE rm_id = $1', [
      rm1.id,
    ]);
    expect(own[0]!.n).toBeGreaterThan(0);
    const before = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.read'`,
    );
    const res = await t.get<CustomerPage>('/api/customers?page=1&pageSize=200', rm1Token);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(own[0]!.n);
    expect(res.body.items.every((c) => c.rmId === rm1.id && !c.masked)).toBe(true);
    expect(res.body.items[0]!.phone).toMatch(/^\d{11}$/);
    const after = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.read'`,
    );
    expect(after[0]!.n - before[0]!.n).toBe(res.body.items.length);
  });

  it("refuses an RM another RM's customer with 403 and records the attempt; 404 for no such customer", async () => {
    const foreign = (
      await t.db.query<{ id: number }>('SELECT id FROM customers WHERE rm_id <> $1 ORDER BY id LIMIT 1', [
        rm1.id,
      ])
    )[0]!.id;
    const res = await t.get<{ error: { code: string } }>(`/api/customers/${foreign}`, rm1Token);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const denied = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'customer.access_denied' AND customer_id = $1`,
      [foreign],
    );
    expect(denied[0]!.n).toBe(1);
    expect((await t.get(`/api/customers/${foreign}/transactions`, rm1Token)).status).toBe(403);
    expect((await t.get('/api/customers/999999999', rm1Token)).status).toBe(404);
  });

  it("writes an RM's searched page's audit rows in page order under the request's id: the search, then each read", async () => {
    const own = await t.db.query<{ name: string }>(
      'SELECT name FROM customers WHERE rm_id = $1 ORDER BY id LIMIT 1',
      [rm1.id],
    );
    const part = own[0]!.name.slice(0, 1);
    const last = await t.db.query<{ id: number }>('SELECT coalesce(max(id), 0)::bigint AS id FROM audit_log');
    const res = await t.get<CustomerPage>(
      `/api/customers?q=${encodeURIComponent(part)}&sort=name&pageSize=5`,
      rm1Token,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    const rows = await t.db.query<{
      action: string;
      customer_id: number | null;
      request_id: string | null;
      details: Record<string, unknown>;
    }>(
      `SELECT action, customer_id, request_id, details FROM audit_log WHERE id > $1 AND actor_id = $2 ORDER BY id`,
      [last[0]!.id, String(rm1.id)],
    );
    expect(rows.map((r) => [r.action, r.customer_id])).toEqual([
      ['pii.search', res.body.total === 1 ? res.body.items[0]!.id : null],
      ...res.body.items.map((c) => ['pii.read', c.id]),
    ]);
    expect(rows[0]!.details).toEqual({ kind: 'name', match: 'partial', matched: res.body.total });
    expect(rows.slice(1).every((r) => r.details.via === 'customer_list')).toBe(true);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(1);
    expect(rows[0]!.request_id).not.toBeNull();
  });

  it('gives the RM the 360 of an own customer and writes a pii.read audit row for it', async () => {
    const mine = (
      await t.db.query<{ id: number }>('SELECT id FROM customers WHERE rm_id = $1 ORDER BY id LIMIT 1', [
        rm1.id,
      ])
    )[0]!.id;
    const res = await t.get<Customer360>(`/api/customers/${mine}`, rm1Token);
    expect(res.status).toBe(200);
    expect(res.body.profile.id).toBe(mine);
    expect(res.body.profile.idNumber).not.toContain('*');
    const consents = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM consents WHERE customer_id = $1',
      [mine],
    );
    expect(res.body.consents).toHaveLength(consents[0]!.n);
    const ids = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customer_identities WHERE customer_id = $1',
      [mine],
    );
    expect(res.body.identities).toHaveLength(ids[0]!.n);
    const audit = await t.db.query<{ actor_id: string; details: { via: string } }>(
      `SELECT actor_id, details FROM audit_log WHERE action = 'pii.read' AND customer_id = $1 ORDER BY id DESC LIMIT 1`,
      [mine],
    );
    expect(audit[0]).toMatchObject({ actor_id: String(rm1.id), details: { via: 'customer_360' } });
    const auditor = await t.login('auditor01');
    const seen = await t.get<{ items: Array<{ action: string; actorName: string | null }> }>(
      `/api/audit?customerId=${mine}&action=pii.read`,
      auditor,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.items[0]).toMatchObject({ action: 'pii.read', actorName: 'rm001' });
  });

  it('values every holding at units × the latest unit NAV and P&L = market value − cost', async () => {
    const sample = await t.db.query<{ customer_id: number }>(
      `SELECT DISTINCT customer_id FROM holdings ORDER BY customer_id LIMIT 12`,
    );
    const admin = await t.login('admin');
    let checked = 0;
    for (const { customer_id } of sample) {
      const res = await t.get<Customer360>(`/api/customers/${customer_id}`, admin);
      expect(res.status).toBe(200);
      for (const h of res.body.holdings) {
        const latest = await t.db.query<{ date: string; unit: string }>(
          `SELECT date, unit::text AS unit FROM nav WHERE product_code = $1 AND date = (SELECT max(date) FROM nav WHERE product_code = $1)`,
          [h.productCode],
        );
        const held = await t.db.query<{ units: string; cost_fen: number }>(
          'SELECT units::text AS units, cost_fen FROM holdings WHERE customer_id = $1 AND product_code = $2',
          [customer_id, h.productCode],
        );
        expect(h.latestNav).toBe(latest[0]!.unit);
        expect(h.navDate).toBe(latest[0]!.date);
        expect(h.marketValue).toBe(mulRound2(held[0]!.units, latest[0]!.unit));
        const pnlFen = Math.round(Number(h.marketValue) * 100) - held[0]!.cost_fen;
        expect(Math.round(Number(h.pnl) * 100)).toBe(pnlFen);
        checked++;
      }
      const sum = res.body.holdings.reduce((a, h) => a + Math.round(Number(h.marketValue) * 100), 0);
      expect(Math.round(Number(res.body.totals.marketValue) * 100)).toBe(sum);
      const mixShare = res.body.assetMix.reduce((a, m) => a + m.share, 0);
      if (res.body.holdings.length > 0) expect(mixShare).toBeCloseTo(1, 9);
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('masks names, phones and ID numbers for operations staff and writes no PII audit for them', async () => {
    const ops = await t.login('ops01');
    const list = await t.get<CustomerPage>('/api/customers?pageSize=5', ops);
    expect(list.body.total).toBe(
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers'))[0]!.n,
    );
    const c = list.body.items[0]!;
    expect(c.masked).toBe(true);
    expect(c.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(c.name).toMatch(/^.\*+$/u);
    const detail = await t.get<Customer360>(`/api/customers/${c.id}`, ops);
    expect(detail.body.profile.idNumber).toMatch(/\*{8}/);
    const opsId = (await staffRow(t, 'ops01')).id;
    const audits = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.read' AND actor_id = $1`,
      [String(opsId)],
    );
    expect(audits[0]!.n).toBe(0);
  });

  it("limits a branch manager to the customers of the branch's outlets", async () => {
    const bm = await staffRow(t, 'bm01');
    const expected = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers c JOIN org_units o ON o.id = c.org_unit_id
        WHERE o.id = $1 OR o.parent_id = $1`,
      [bm.org_unit_id],
    );
    const token = await t.login('bm01');
    const res = await t.get<CustomerPage>('/api/customers?pageSize=200', token);
    expect(res.body.total).toBe(expected[0]!.n);
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.items.every((c) => c.masked)).toBe(true);
    const outside = await t.db.query<{ id: number }>(
      `SELECT c.id FROM customers c JOIN org_units o ON o.id = c.org_unit_id
        WHERE o.id <> $1 AND (o.parent_id IS NULL OR o.parent_id <> $1) LIMIT 1`,
      [bm.org_unit_id],
    );
    expect((await t.get(`/api/customers/${outside[0]!.id}`, token)).status).toBe(403);
  });

  it('lets a customer see only themselves', async () => {
    const [me, other] = await t.db.query<{ customer_id: number; value: string }>(
      `SELECT customer_id, value FROM customer_identities WHERE channel = 'phone' ORDER BY customer_id LIMIT 2`,
    );
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/request',
      payload: { phone: me!.value },
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/verify',
      payload: { phone: me!.value, code: sent.json<{ demoCode: string }>().demoCode },
    });
    const token = login.json<{ token: string }>().token;
    const list = await t.get<CustomerPage>('/api/customers', token);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]!.id).toBe(me!.customer_id);
    expect((await t.get(`/api/customers/${me!.customer_id}`, token)).status).toBe(200);
    expect((await t.get(`/api/customers/${other!.customer_id}`, token)).status).toBe(403);
    expect((await t.get('/api/org/staff', token)).status).toBe(403);
  });

  it('filters by risk level and search text within the scope', async () => {
    const admin = await t.login('admin');
    const c3 = await t.get<CustomerPage>('/api/customers?riskLevel=C3&pageSize=200', admin);
    const n = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE risk_level = 'C3'`,
    );
    expect(c3.body.total).toBe(n[0]!.n);
    expect(c3.body.items.every((c) => c.riskLevel === 'C3')).toBe(true);
    const one = (
      await t.db.query<{ id: number; name: string }>('SELECT id, name FROM customers ORDER BY id LIMIT 1')
    )[0]!;
    const byId = await t.get<CustomerPage>(`/api/customers?q=${one.id}`, admin);
    expect(byId.body.items.map((c) => c.id)).toContain(one.id);
    const rmToken = await t.login('rm001');
    const scoped = await t.get<CustomerPage>(
      `/api/customers?q=${encodeURIComponent(one.name)}&pageSize=200`,
      rmToken,
    );
    expect(scoped.body.items.every((c) => c.rmId === rm1.id)).toBe(true);
    const bad = await t.get<{ error: { details: { field: string } } }>('/api/customers?riskLevel=C9', admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('querystring.riskLevel');
  });

  it("flags expired assessments by the institution's policy (assessmentCutoff), not a fixed 12 months", async () => {
    const today = chinaDate(new Date());
    const expiredBy = async (months: number) =>
      (
        await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM customers WHERE risk_assessed_at < $1::date',
          [assessmentCutoff(definePolicy({ version: 't', validityMonths: { bank: months } }), 'bank', today)],
        )
      )[0]!.n;
    const admin = await t.login('admin');
    const dflt = await t.get<CustomerPage>('/api/customers?assessment=expired&pageSize=200', admin);
    expect(DEFAULT_POLICY.validityMonths.bank).toBe(12);
    expect(dflt.body.total).toBe(await expiredBy(12));
    expect(dflt.body.items.every((c) => c.assessmentExpired)).toBe(true);
    // A stricter institution: 3 months. More customers are expired, in the list and in the flag alike.
    const strict = await buildApp({
      db: t.db,
      sessionSecret: TEST_SECRET,
      logLevel: 'silent',
      suitabilityPolicy: definePolicy({ version: 'strict-3m', validityMonths: { bank: 3 } }),
    });
    try {
      const res = await strict.inject({
        method: 'GET',
        url: '/api/customers?assessment=valid&pageSize=200',
        headers: { authorization: `Bearer ${admin}` },
      });
      const total = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers'))[0]!.n;
      const valid = res.json<CustomerPage>();
      expect(await expiredBy(3)).toBeGreaterThan(await expiredBy(12));
      expect(valid.total).toBe(total - (await expiredBy(3)));
      expect(valid.items.every((c) => !c.assessmentExpired)).toBe(true);
    } finally {
      await strict.close();
    }
  });

  describe('PII search by roles that see masked values', () => {
    type Probe = { id: number; name: string; phone: string; id_number: string };
    let probe: Probe;
    let ops: string;
    const searchAudits = async (actor: string) =>
      t.db.query<{ details: Record<string, unknown>; customer_id: number | null }>(
        `SELECT details, customer_id FROM audit_log WHERE action = 'pii.search' AND actor_id = $1 ORDER BY id`,
        [actor],
      );
    beforeAll(async () => {
      ops = await t.login('ops01');
      // A customer whose name has at least three characters, so that a part of it is not the whole.
      probe = (
        await t.db.query<Probe>(
          `SELECT id, name, phone, id_number FROM customers WHERE char_length(name) >= 3 ORDER BY id LIMIT 1`,
        )
      )[0]!;
    });

    it('does not match a phone prefix: the masked 100****0188 cannot be walked digit by digit', async () => {
      const list = await t.get<CustomerPage>(`/api/customers?q=${probe.id}`, ops);
      expect(list.body.items[0]!.phone).toBe(`${probe.phone.slice(0, 3)}****${probe.phone.slice(-4)}`);
      // The probe of the attack: the first 7 digits (the visible 3 and 4 guessed) narrowed the list to one.
      for (const prefix of [probe.phone.slice(0, 7), probe.phone.slice(0, 10)]) {
        const res = await t.get<CustomerPage>(`/api/customers?q=${prefix}`, ops);
        expect(res.status).toBe(200);
        expect(res.body.items.map((c) => c.id)).not.toContain(probe.id);
      }
      const exact = await t.get<CustomerPage>(`/api/customers?q=${probe.phone}`, ops);
      expect(exact.body.items.map((c) => c.id)).toContain(probe.id);
      expect(exact.body.items.every((c) => c.masked)).toBe(true);
    });

    it('does not confirm a masked name by a part of it (q=李蕾 for 李蕾华); the full name finds it', async () => {
      const chars = Array.from(probe.name);
      for (const part of [chars.slice(0, 2).join(''), chars.slice(1).join('')]) {
        const res = await t.get<CustomerPage>(`/api/customers?q=${encodeURIComponent(part)}`, ops);
        expect(res.status).toBe(200);
        expect(res.body.items.map((c) => c.id)).not.toContain(probe.id);
      }
      const exact = await t.get<CustomerPage>(`/api/customers?q=${encodeURIComponent(probe.name)}`, ops);
      const same = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM customers WHERE name = $1',
        [probe.name],
      );
      expect(exact.body.total).toBe(same[0]!.n);
      expect(exact.body.items.map((c) => c.id)).toContain(probe.id);
    });

    it('finds a customer by the full ID number, for branch managers too, and never by a part of it', async () => {
      const exact = await t.get<CustomerPage>(`/api/customers?q=${probe.id_number.toLowerCase()}`, ops);
      expect(exact.body.items.map((c) => c.id)).toEqual([probe.id]);
      const part = await t.get<CustomerPage>(`/api/customers?q=${probe.id_number.slice(0, 14)}`, ops);
      expect(part.body.items.map((c) => c.id)).not.toContain(probe.id);
      const bm = await staffRow(t, 'bm01');
      const inBranch = (
        await t.db.query<Probe>(
          `SELECT c.id, c.name, c.phone, c.id_number FROM customers c JOIN org_units o ON o.id = c.org_unit_id
            WHERE o.id = $1 OR o.parent_id = $1 ORDER BY c.id LIMIT 1`,
          [bm.org_unit_id],
        )
      )[0]!;
      const bmToken = await t.login('bm01');
      const byId = await t.get<CustomerPage>(`/api/customers?q=${inBranch.id_number}`, bmToken);
      expect(byId.body.items.map((c) => c.id)).toEqual([inBranch.id]);
      const byPrefix = await t.get<CustomerPage>(`/api/customers?q=${inBranch.phone.slice(0, 8)}`, bmToken);
      expect(byPrefix.body.items.map((c) => c.id)).not.toContain(inBranch.id);
      const byPart = await t.get<CustomerPage>(
        `/api/customers?q=${encodeURIComponent(Array.from(inBranch.name).slice(0, -1).join(''))}`,
        bmToken,
      );
      expect(byPart.body.items.map((c) => c.id)).not.toContain(inBranch.id);
    });

    it('audits every search of a masked role with its kind and match count, never the searched value', async () => {
      const opsId = String((await staffRow(t, 'ops01')).id);
      const before = (await searchAudits(opsId)).length;
      await t.get(`/api/customers?q=${probe.phone}`, ops);
      await t.get(`/api/customers?q=${encodeURIComponent(probe.name)}`, ops);
      await t.get(`/api/customers?q=${probe.id_number}`, ops);
      await t.get(`/api/customers?q=${probe.phone.slice(0, 7)}`, ops);
      const rows = (await searchAudits(opsId)).slice(before);
      expect(rows.map((r) => r.details.kind)).toEqual(['phone', 'name', 'id_number', 'phone']);
      expect(rows.every((r) => r.details.match === 'exact')).toBe(true);
      expect(rows[2]).toMatchObject({ customer_id: probe.id, details: { matched: 1 } });
      expect(rows[3]!.details.matched).toBe(0);
      const text = JSON.stringify(rows);
      for (const secret of [probe.phone, probe.name, probe.id_number, probe.phone.slice(0, 7)])
        expect(text).not.toContain(secret);
    });

    it('still lets an RM search their own customers by a phone prefix or a part of the name', async () => {
      const mine = (
        await t.db.query<Probe>(
          `SELECT id, name, phone, id_number FROM customers WHERE rm_id = $1 ORDER BY id LIMIT 1`,
          [rm1.id],
        )
      )[0]!;
      const byPrefix = await t.get<CustomerPage>(`/api/customers?q=${mine.phone.slice(0, 9)}`, rm1Token);
      expect(byPrefix.body.items.map((c) => c.id)).toContain(mine.id);
      const part = Array.from(mine.name).slice(1).join('');
      const byPart = await t.get<CustomerPage>(`/api/customers?q=${encodeURIComponent(part)}`, rm1Token);
      expect(byPart.body.items.map((c) => c.id)).toContain(mine.id);
    });
  });
};
