import { beforeAll, expect, it } from 'vitest';
import type {
  AlertsResponse,
  AttributionResponse,
  InsuranceCompareResponse,
  InsuranceSelectionResponse,
  CheckupResponse,
  CommentaryResponse,
  ManagerRecommendationsResponse,
  RecommendationsResponse,
  StatementResponse,
  TargetsResponse,
} from '../../../contracts/advisory.js';
import { FINDING_CODES } from '../../../contracts/advisory.js';
import { yuanToFen } from '../../../contracts/money.js';
import { DEFAULT_POLICY } from '../../../core/suitability/policy.js';
import { assessmentCutoff } from '../../../core/suitability/validity.js';
import type { TestApp } from '../../../../test/support/app.js';
import { chinaDate } from '../customers/service.js';
import { SAMPLE_OFFERS } from '../../http/permission-matrix.suite.js';

type Err = { error: { code: string; message: string; details: Record<string, unknown> } };
const RANK: Readonly<Record<string, number>> = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5 };

/** Advisory services over HTTP: happy paths, scoping and bad input; run by src/server/api.suite.ts per database. */
export const advisorySuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let rm: string;
  let admin: string;
  let own: { id: number; risk_level: string };
  let held: string;
  let foreign: number;
  const today = chinaDate(new Date());
  const cutoff = assessmentCutoff(DEFAULT_POLICY, 'bank', today);

  const send = async <T>(
    method: 'GET' | 'PUT' | 'DELETE' | 'POST',
    url: string,
    token: string,
    payload?: unknown,
  ) => {
    const r = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: r.statusCode, body: r.json<T>() };
  };

  beforeAll(async () => {
    t = ctx();
    rm = await t.login('rm001');
    admin = await t.login('admin');
    own = (
      await t.db.query<{ id: number; risk_level: string }>(
        `SELECT c.id, c.risk_level FROM customers c JOIN staff s ON s.id = c.rm_id
          WHERE s.username = 'rm001' AND c.risk_assessed_at >= $1::date
            AND EXISTS (SELECT 1 FROM holdings h JOIN products p ON p.code = h.product_code
                         WHERE h.customer_id = c.id AND p.type IN ('equity', 'hybrid', 'index', 'bond_plus'))
          ORDER BY c.id LIMIT 1`,
        [cutoff],
      )
    )[0]!;
    held = (
      await t.db.query<{ code: string }>(
        `SELECT h.product_code AS code FROM holdings h JOIN products p ON p.code = h.product_code
          WHERE h.customer_id = $1 AND p.type IN ('equity', 'hybrid', 'index', 'bond_plus')
          ORDER BY h.product_code LIMIT 1`,
        [own.id],
      )
    )[0]!.code;
    foreign = (
      await t.db.query<{ id: number }>(
        `SELECT c.id FROM customers c JOIN staff s ON s.id = c.rm_id WHERE s.username <> 'rm001' ORDER BY c.id LIMIT 1`,
      )
    )[0]!.id;
  });

  it('gives the RM the check-up of an own customer: score, six dimensions, findings with actions', async () => {
    const r = await send<CheckupResponse>('GET', `/api/customers/${own.id}/checkup`, rm);
    expect(r.status).toBe(200);
    expect(r.body.score).toBeGreaterThanOrEqual(0);
    expect(r.body.score).toBeLessThanOrEqual(100);
    expect(r.body.dimensions.map((d) => d.key).sort()).toEqual(
      ['allocation', 'cost', 'diversification', 'liquidity', 'performance', 'risk_match'].sort(),
    );
    for (const f of r.body.findings) {
      expect(FINDING_CODES).toContain(f.code);
      expect(f.message.length).toBeGreaterThan(0);
      if (f.action.proposal !== null) expect(f.action.proposal.riskAppetite).toMatch(/^C[1-5]$/);
    }
    expect(r.body.as_of).toBe(today);
    // The action's proposal link is the body of the allocation proposal route, which accepts it.
    const link = r.body.findings.find((f) => f.action.proposal !== null && f.action.proposal.amount > 0);
    expect(link).toBeDefined();
    const proposal = await send<{ picks: unknown[] }>(
      'POST',
      `/api/customers/${own.id}/proposal`,
      rm,
      link!.action.proposal,
    );
    expect(proposal.status, JSON.stringify(proposal.body)).toBe(200);
  });

  it('builds a statement whose P&L, flows and parts add up exactly', async () => {
    const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const r = await send<StatementResponse>(
      'GET',
      `/api/customers/${own.id}/statement?from=${from}&to=${today}`,
      rm,
    );
    expect(r.status).toBe(200);
    const b = r.body;
    const fen = yuanToFen;
    expect(fen(b.pnl)).toBe(fen(b.end_value) - fen(b.begin_value) - fen(b.net_inflow));
    expect(b.flows.reduce((s, f) => s + fen(f.amount), 0)).toBe(fen(b.net_inflow));
    expect(b.by_product.reduce((s, p) => s + fen(p.pnl), 0)).toBe(fen(b.pnl));
    expect(b.monthly.reduce((s, m) => s + fen(m.pnl), 0)).toBe(fen(b.pnl));
    if (b.irr === null) expect(b.irr_reason).not.toBeNull();
    expect(b.benchmark.reduce((s, l) => s + l.weight, 0)).toBeCloseTo(b.benchmark.length > 0 ? 1 : 0, 9);
  });

  it('refuses a bad statement period with a 400 naming the field', async () => {
    const base = `/api/customers/${own.id}/statement`;
    const cases: [string, string][] = [
      [`${base}?from=2026-05-01&to=2026-04-01`, 'from'],
      [`${base}?from=2026-01-01&to=2999-01-01`, 'to'],
      [`${base}?from=2026-02-30&to=2026-03-01`, 'querystring.from'],
      [`${base}?from=yesterday&to=2026-03-01`, 'querystring.from'],
      [`${base}?from=2026-01-01`, 'querystring.to'],
    ];
    for (const [url, field] of cases) {
      const r = await send<Err>('GET', url, rm);
      expect(r.status, url).toBe(400);
      expect(r.body.error.details.field, url).toBe(field);
    }
  });

  it('recommends nothing above the customer’s level, with reasons, and audits the advice', async () => {
    const r = await send<RecommendationsResponse>(
      'GET',
      `/api/customers/${own.id}/recommendations?purpose=growth&amount=200000&horizonMonths=60`,
      rm,
    );
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
    const level = Number(own.risk_level.slice(1));
    for (const i of r.body.items) {
      expect(RANK[i.risk_level]).toBeLessThanOrEqual(level);
      expect(i.reasons.length).toBeGreaterThan(0);
    }
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'advice.recommendations' AND customer_id = $1`,
      [own.id],
    );
    expect(audit[0]!.n).toBeGreaterThan(0);
    const bad = await send<Err>('GET', `/api/customers/${own.id}/recommendations?amount=-5`, rm);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('querystring.amount');
    const purpose = await send<Err>('GET', `/api/customers/${own.id}/recommendations?purpose=lottery`, rm);
    expect(purpose.status).toBe(400);
    const m = await send<ManagerRecommendationsResponse>(
      'GET',
      `/api/customers/${own.id}/recommendations/managers`,
      rm,
    );
    expect(m.status).toBe(200);
    expect(m.body.items.length).toBeGreaterThan(0);
  });

  it('answers 409 ASSESSMENT_EXPIRED for a customer whose risk assessment has expired', async () => {
    const expired = (
      await t.db.query<{ id: number }>(
        `SELECT id FROM customers WHERE risk_assessed_at < $1::date AND NOT professional ORDER BY id LIMIT 1`,
        [cutoff],
      )
    )[0];
    expect(expired).toBeDefined();
    const r = await send<Err>('GET', `/api/customers/${expired!.id}/recommendations`, admin);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('ASSESSMENT_EXPIRED');
    const c = await send<CheckupResponse>('GET', `/api/customers/${expired!.id}/checkup`, admin);
    expect(c.status).toBe(200);
    expect(c.body.findings.some((f) => f.code === 'assessment_expired')).toBe(true);
    expect(c.body.score).toBeLessThanOrEqual(59);
  });

  it('attributes a held fund’s move: total = market + style + specific, with a compliant explanation', async () => {
    const r = await send<AttributionResponse>(
      'GET',
      `/api/customers/${own.id}/holdings/${held}/attribution?days=20`,
      rm,
    );
    expect(r.status).toBe(200);
    expect(r.body.total).toBeCloseTo(r.body.market + r.body.style + r.body.specific, 12);
    expect(r.body.explanation).toMatch(/风险/);
    expect((await send<Err>('GET', `/api/customers/${own.id}/holdings/NOPE1/attribution`, rm)).status).toBe(
      404,
    );
    const days = await send<Err>('GET', `/api/customers/${own.id}/holdings/${held}/attribution?days=0`, rm);
    expect(days.status).toBe(400);
    expect(days.body.error.details.field).toBe('querystring.days');
    expect(
      (await send<Err>('GET', `/api/customers/${own.id}/holdings/${held}/attribution?days=1e3x`, rm)).status,
    ).toBe(400);
  });

  it('scopes every advisory route like the customer 360: 403 for another RM’s customer, 404 for none', async () => {
    for (const path of [
      'checkup',
      `statement?from=2026-01-01&to=2026-02-01`,
      'recommendations',
      'alerts',
      'commentary',
      `holdings/${held}/attribution`,
    ]) {
      expect((await send('GET', `/api/customers/${foreign}/${path}`, rm)).status, path).toBe(403);
      expect((await send('GET', `/api/customers/999999999/${path}`, rm)).status, path).toBe(404);
    }
    const put = await send('PUT', `/api/customers/${foreign}/holdings/${held}/targets`, rm, {
      take_profit: 0.2,
    });
    expect(put.status).toBe(403);
  });

  it('stores take-profit/stop-loss targets, validates them and changes nothing on bad input', async () => {
    const url = `/api/customers/${own.id}/holdings/${held}/targets`;
    const set = await send<TargetsResponse>('PUT', url, rm, { take_profit: 0.25, stop_loss: -0.12 });
    expect(set.status).toBe(200);
    expect(set.body.take_profit).toBe(0.25);
    expect(set.body.stop_loss).toBe(-0.12);
    const before = await t.db.query(
      'SELECT * FROM alert_targets WHERE customer_id = $1 ORDER BY product_code',
      [own.id],
    );
    const bad: [unknown, string][] = [
      [{ take_profit: -0.1 }, 'body.take_profit'],
      [{ stop_loss: 0.2 }, 'body.stop_loss'],
      [{ take_profit: 'lots' }, 'body.take_profit'],
      [{}, 'body.take_profit'],
      [{ take_profit: 0.1, extra: 1 }, 'body'],
    ];
    for (const [payload, field] of bad) {
      const r = await send<Err>('PUT', url, rm, payload);
      expect(r.status, JSON.stringify(payload)).toBe(400);
      expect(String(r.body.error.details.field), JSON.stringify(payload)).toContain(field);
    }
    expect(
      (await send('PUT', `/api/customers/${own.id}/holdings/NOPE1/targets`, rm, { take_profit: 0.2 })).status,
    ).toBe(404);
    const after = await t.db.query(
      'SELECT * FROM alert_targets WHERE customer_id = $1 ORDER BY product_code',
      [own.id],
    );
    expect(after).toEqual(before);
    const got = await send<TargetsResponse>('GET', url, rm);
    expect(got.body.take_profit).toBe(0.25);
    const del = await send<TargetsResponse>('DELETE', url, rm);
    expect(del.status).toBe(200);
    expect(del.body.take_profit).toBeNull();
    expect(del.body.stop_loss).toBeNull();
  });

  it('evaluates alerts as of a day and refuses a future day', async () => {
    const r = await send<AlertsResponse>('GET', `/api/customers/${own.id}/alerts`, rm);
    expect(r.status).toBe(200);
    for (const a of r.body.items) expect(a.message.length).toBeGreaterThan(0);
    const ids = new Set(r.body.items.map((a) => a.id));
    expect(ids.size).toBe(r.body.items.length);
    const f = await send<Err>('GET', `/api/customers/${own.id}/alerts?asOf=2999-01-01`, rm);
    expect(f.status).toBe(400);
    expect(f.body.error.details.field).toBe('asOf');
  });

  it('writes the market commentary of a trading day and the customer’s holdings effect', async () => {
    const m = await send<CommentaryResponse>('GET', '/api/commentary?kind=close', rm);
    expect(m.status).toBe(200);
    expect(m.body.text).toContain(m.body.date.slice(0, 4));
    const c = await send<CommentaryResponse>(
      'GET',
      `/api/customers/${own.id}/commentary?date=${m.body.date}`,
      rm,
    );
    expect(c.status).toBe(200);
    expect(c.body.holdings_effect.length).toBeGreaterThan(0);
    expect((await send<Err>('GET', '/api/commentary?date=2999-01-01', rm)).status).toBe(400);
    expect((await send<Err>('GET', '/api/commentary?kind=evening', rm)).status).toBe(400);
  });

  it('selects insurance over quoted offers within the budget and compares policies (保险PK)', async () => {
    const r = await send<InsuranceSelectionResponse>(
      'POST',
      `/api/customers/${own.id}/recommendations/insurance`,
      rm,
      { offers: SAMPLE_OFFERS, dependents: 1 },
    );
    expect(r.status).toBe(200);
    expect(r.body.needs.map((n) => n.kind)).toContain('medical');
    expect(yuanToFen(r.body.premium)).toBeLessThanOrEqual(yuanToFen(r.body.budget));
    for (const p of r.body.picks) expect(SAMPLE_OFFERS.map((o) => o.code)).toContain(p.product_code);
    const cmp = await send<InsuranceCompareResponse>('POST', '/api/insurance/compare', rm, {
      offers: SAMPLE_OFFERS,
    });
    expect(cmp.status).toBe(200);
    expect(cmp.body.codes).toEqual(['CI-A', 'MED-B']);
    expect(cmp.body.exclusions.find((e) => e.text === '既往症')?.present).toEqual([true, true]);
    const one = await send<Err>('POST', '/api/insurance/compare', rm, { offers: SAMPLE_OFFERS.slice(0, 1) });
    expect(one.status).toBe(400);
    expect(one.body.error.details.field).toBe('body.offers');
    const dup = await send<Err>('POST', '/api/insurance/compare', rm, {
      offers: [SAMPLE_OFFERS[0], SAMPLE_OFFERS[0]],
    });
    expect(dup.status).toBe(400);
    const neg = await send<Err>('POST', `/api/customers/${own.id}/recommendations/insurance`, rm, {
      offers: [{ ...SAMPLE_OFFERS[0], annual_premium: -1 }],
    });
    expect(neg.status).toBe(400);
    expect(neg.body.error.details.field).toBe('body.offers.0.annual_premium');
    expect(
      (
        await send('POST', `/api/customers/${foreign}/recommendations/insurance`, rm, {
          offers: SAMPLE_OFFERS,
        })
      ).status,
    ).toBe(403);
  });
};
