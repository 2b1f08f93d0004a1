import http from 'node:http';
import { beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/app.js';
import { TEST_SECRET } from '../../../test/support/app.js';
import { buildApp } from '../app.js';
import { SECURITY_HEADERS } from './security.js';
import { BODY_LIMIT } from './error-handler.js';

type ErrorBody = { error: { code: string; message: string; details: Record<string, unknown> } };
type Res = { statusCode: number; headers: Record<string, unknown>; body: string };

/** The one error body, the security headers and no-store on a refusal; returns the error. */
const refused = (res: Res, status: number): ErrorBody['error'] => {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  expect(res.headers['cache-control']).toBe('no-store');
  const body = JSON.parse(res.body) as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  return body.error;
};

/** Bad input at the HTTP boundary; run by src/server/api.test.ts on each database. */
export const inputSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let admin: string;
  const get = (url: string, token: string | null = admin) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
  beforeAll(async () => {
    t = ctx();
    admin = await t.login('admin');
  });

  it('refuses a NUL byte in a query, a path parameter or a body with a 400 naming the field (was a 500)', async () => {
    expect(refused(await get('/api/customers?q=a%00b'), 400).details.field).toBe('querystring.q');
    expect(refused(await get('/api/products/AD%00001'), 400).details.field).toBe('params.code');
    expect(refused(await get('/api/org/staff?orgUnitId=%00'), 400).details.field).toBe(
      'querystring.orgUnitId',
    );
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rm001\u0000', password: 'demo1234' },
    });
    expect(refused(login, 400).details.field).toBe('body.username');
    const compare = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/compare',
      headers: { authorization: `Bearer ${admin}` },
      payload: { codes: ['AD001', 'X\u0000'] },
    });
    expect(refused(compare, 400).details.field).toBe('body.codes.1');
    const surrogate = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"rm\\ud800","password":"x"}',
    });
    expect(refused(surrogate, 400).message).toMatch(/^body\.username: .*surrogate/);
  });

  it('refuses AUM filters of 1e17 and beyond with a 400 naming the filter (was a 500 from PostgreSQL)', async () => {
    for (const q of ['minAum=1e17', 'maxAum=100000000000000000000', 'minAum=1e400', 'maxAum=-1']) {
      const field = `querystring.${q.split('=')[0]}`;
      expect(refused(await get(`/api/customers?${q}`), 400).details.field, q).toBe(field);
    }
    const ok = await get('/api/customers?minAum=1000000&maxAum=1e12&pageSize=1');
    expect(ok.statusCode).toBe(200);
  });

  it('parses numbers strictly: no true, [1000], 0x10, blanks, fractions for ids, or beyond the safe range', async () => {
    for (const q of [
      'page=true',
      'page=0x10',
      'page=',
      'page=1.5',
      'pageSize=1e3',
      'rmId=9007199254740993',
    ]) {
      const field = `querystring.${q.split('=')[0]}`;
      expect(refused(await get(`/api/customers?${q}`), 400).details.field, q).toBe(field);
    }
    expect(refused(await get('/api/customers?page=1&page=2'), 400).details.field).toBe('querystring.page');
    expect(refused(await get('/api/customers/0x10'), 400).details.field).toBe('params.id');
    expect(refused(await get('/api/customers/1e19'), 400).details.field).toBe('params.id');
    const rm = await t.login('rm001');
    for (const amount of [true, [1000], '0x10', 'Infinity', 1e300]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/customers/1/proposal',
        headers: { authorization: `Bearer ${rm}` },
        payload: { purpose: 'growth', amount, horizonMonths: 36, riskAppetite: 'C3' },
      });
      expect(refused(res, 400).details.field, JSON.stringify(amount)).toBe('body.amount');
    }
    expect((await get('/api/customers?page=2&pageSize=10')).statusCode).toBe(200);
  });

  it("answers Fastify's own refusals in the one error body with the security headers", async () => {
    expect(refused(await get('/api/products/%E0%A4%A'), 400).details.field).toBe('url');
    expect(refused(await get(`/api/products/${'A'.repeat(5000)}`), 414).details.field).toBe('url');
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'x' }),
    });
    const tooBig = refused(big, 413);
    expect(tooBig.details.field).toBe('body');
    expect(tooBig.message).toContain(String(BODY_LIMIT));
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=rm001&password=demo1234',
    });
    expect(refused(form, 415).details.field).toBe('content-type');
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(refused(json, 400).details.field).toBe('body');
    const deep = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '['.repeat(50_000) + ']'.repeat(50_000),
    });
    expect(refused(deep, 400).message).toMatch(/nested more than/);
  });

  it('answers an oversize header block with 431 in the one error body with the security headers', async () => {
    const app = await buildApp({ db: t.db, sessionSecret: TEST_SECRET, logLevel: 'silent' });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const res = await new Promise<Res>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port, path: '/api/info', headers: { 'x-filler': 'a'.repeat(40_000) } },
          (r) => {
            let body = '';
            r.on('data', (d: Buffer) => (body += d.toString()));
            r.on('end', () => resolve({ statusCode: r.statusCode ?? 0, headers: r.headers, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(refused(res, 431).details.field).toBe('headers');
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name]).toBe(value);
    } finally {
      await app.close();
    }
  });

  it('marks every API answer carrying personal data Cache-Control: no-store', async () => {
    const rm = await t.login('rm001');
    const mine = (
      await t.db.query<{ id: number }>(
        `SELECT c.id FROM customers c JOIN staff s ON s.id = c.rm_id WHERE s.username = 'rm001' LIMIT 1`,
      )
    )[0]!.id;
    const auditor = await t.login('auditor01');
    const pages: Array<[string, string]> = [
      ['/api/customers', rm],
      [`/api/customers/${mine}`, rm],
      [`/api/customers/${mine}/transactions`, rm],
      [`/api/customers/${mine}/events`, rm],
      ['/api/audit', auditor],
      ['/api/org/staff', admin],
      ['/api/auth/me', rm],
    ];
    for (const [url, token] of pages) {
      const res = await get(url, token);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rm002', password: 'demo1234' },
    });
    expect(login.headers['cache-control']).toBe('no-store');
  });
};
