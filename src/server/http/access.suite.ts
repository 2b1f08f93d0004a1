import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { registeredRoutes } from '../app.js';
import { PERMISSIONS } from './permissions.js';
import { TEST_SECRET } from '../../../test/support/app.js';
import type { TestApp } from '../../../test/support/app.js';
import { buildApp } from '../app.js';

type ErrorBody = { error: { code: string; message: string; details: Record<string, unknown> } };

/** Authentication, authorisation and HTTP basics; run by src/server/api.test.ts on each database. */
export const accessSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  beforeAll(() => {
    t = ctx();
  });

  it('declares a known permission on every registered route', () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => r.permission === undefined);
    expect(undeclared).toEqual([]);
    for (const r of routes) expect(PERMISSIONS).toContain(r.permission);
  });

  it('refuses every non-public API route without a session (401, error body)', async () => {
    const guarded = registeredRoutes(t.app).filter((r) => r.permission !== 'public' && r.method !== 'HEAD');
    expect(guarded.length).toBeGreaterThan(5);
    for (const r of guarded) {
      const url = r.url.replace(/:(\w+)/g, '1');
      const res = await t.app.inject({ method: r.method as 'GET', url });
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
      expect(res.json<ErrorBody>().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers the session probe with 200 and user null when logged out, and the user when logged in', async () => {
    const out = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ user: null, permissions: [] });
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { authorization: 'Bearer not-a-session' },
    });
    expect(stale.json()).toEqual({ user: null, permissions: [] });
    const token = await t.login('rm001');
    const me = await t.get<{ user: { role: string } | null; permissions: string[] }>(
      '/api/auth/session',
      token,
    );
    expect(me.body.user?.role).toBe('rm');
    expect(me.body.permissions).toContain('customers:read');
  });

  it('logs staff in with a bearer token and an httpOnly SameSite=Strict cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rm001', password: 'demo1234' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ token: string; user: { id: string; role: string } }>();
    expect(body.user.role).toBe('rm');
    expect(body.token.length).toBeGreaterThan(30);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/caiban_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const viaBearer = await t.get<{ user: { role: string } }>('/api/auth/me', body.token);
    expect(viaBearer.body.user.role).toBe('rm');
    const viaCookie = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { caiban_session: body.token },
    });
    expect(viaCookie.statusCode).toBe(200);
  });

  it('answers 401 with the same message for a wrong password and an unknown user', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rm001', password: 'nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<ErrorBody>().error.message).toBe(unknown.json<ErrorBody>().error.message);
  });

  it('names the missing field of a bad login body and never returns a stack', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rm001' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe('BAD_INPUT');
    expect(body.error.details.field).toBe('body.password');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('ends the session on logout', async () => {
    // A session of its own: t.login's tokens are shared by the other suites and must stay valid.
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rm002', password: 'demo1234' },
    });
    const token = fresh.json<{ token: string }>().token;
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(204);
    expect((await t.get('/api/auth/me', token)).status).toBe(401);
  });

  it('rejects a session after it expires', async () => {
    const token = await t.login('rm003');
    const later = await buildApp({
      db: t.db,
      sessionSecret: TEST_SECRET,
      logLevel: 'silent',
      now: () => new Date(Date.now() + 13 * 3600_000),
    });
    try {
      const res = await later.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await later.close();
    }
  });

  it('logs a demo customer in by one-time code and refuses a wrong code', async () => {
    const phone = (
      await t.db.query<{ value: string; customer_id: number }>(
        `SELECT value, customer_id FROM customer_identities WHERE channel = 'phone' ORDER BY customer_id LIMIT 1`,
      )
    )[0]!;
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/request',
      payload: { phone: phone.value },
    });
    // Demo access is on in the test app: the code is shown (modules/auth/auth.test.ts covers it off).
    const demoCode = sent.json<{ demoCode: string }>().demoCode;
    expect(demoCode).toMatch(/^\d{6}$/);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/verify',
      payload: { phone: phone.value, code: demoCode === '000000' ? '111111' : '000000' },
    });
    expect(bad.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/verify',
      payload: { phone: phone.value, code: demoCode },
    });
    expect(ok.statusCode).toBe(200);
    const user = ok.json<{ user: { role: string; customerId: number } }>().user;
    expect(user).toMatchObject({ role: 'customer', customerId: phone.customer_id });
  });

  it('slows down password guessing per account with 429 while other accounts still log in', async () => {
    const strict = await buildApp({
      db: t.db,
      sessionSecret: TEST_SECRET,
      logLevel: 'silent',
      rateLimits: { perMinute: 1000, loginPerMinute: 3 },
    });
    try {
      const attempt = (username: string) =>
        strict.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong' } });
      for (let i = 0; i < 3; i++) expect((await attempt('rm005')).statusCode).toBe(401);
      const limited = await attempt('rm005');
      expect(limited.statusCode).toBe(429);
      expect(limited.json<ErrorBody>().error.code).toBe('RATE_LIMITED');
      expect((await attempt('rm006')).statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('counts API calls per session, so one client cannot exhaust another’s budget', async () => {
    const limited = await buildApp({
      db: t.db,
      sessionSecret: TEST_SECRET,
      logLevel: 'silent',
      rateLimits: { perMinute: 3, loginPerMinute: 100 },
    });
    try {
      const a = await t.login('rm001');
      const b = await t.login('admin');
      const call = (token: string) =>
        limited.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) expect((await call(a)).statusCode).toBe(200);
      expect((await call(a)).statusCode).toBe(429);
      expect((await call(b)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('denies a role a permission it lacks (RM → audit log) with 403', async () => {
    const token = await t.login('rm001');
    const res = await t.get<ErrorBody>('/api/audit', token);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('serves health, readiness, OpenAPI and security headers with a request id', async () => {
    expect((await t.get('/healthz', null)).status).toBe(200);
    expect((await t.get<{ demo: boolean }>('/api/info', null)).body.demo).toBe(true);
    expect((await t.get<{ status: string }>('/readyz', null)).body.status).toBe('ready');
    const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/customers', '/api/customers/{id}', '/api/products/{code}']),
    );
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'lb-req-12345678' },
    });
    expect(res.headers['x-request-id']).toBe('lb-req-12345678');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('serves the built web app with an SPA fallback for HTML and JSON 404s for the API', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'caiban-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>财伴</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), 'console.log(1)');
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js.br'), brotliCompressSync('console.log(1)'));
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js.gz'), gzipSync('console.log(1)'));
    const web = await buildApp({ db: t.db, sessionSecret: TEST_SECRET, logLevel: 'silent', webRoot });
    try {
      const html = { accept: 'text/html,application/xhtml+xml' };
      const deep = await web.inject({ method: 'GET', url: '/workbench/customers/42', headers: html });
      expect(deep.statusCode).toBe(200);
      expect(deep.body).toContain('财伴');
      const asset = await web.inject({ method: 'GET', url: '/assets/app-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      // The build's precompressed copies go to clients that accept them, marked and varied by encoding.
      const br = await web.inject({
        method: 'GET',
        url: '/assets/app-abc123.js',
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(br.headers['content-encoding']).toBe('br');
      expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)');
      // API JSON from 1 KiB is compressed on the fly.
      const token = await t.login('rm001');
      const json = await web.inject({
        method: 'GET',
        url: '/api/products?pageSize=50',
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
      });
      expect(json.headers['content-encoding']).toBe('gzip');
      expect(
        (JSON.parse(gunzipSync(json.rawPayload).toString()) as { items: unknown[] }).items.length,
      ).toBeGreaterThan(10);
      const api = await web.inject({ method: 'GET', url: '/api/unknown', headers: html });
      expect(api.statusCode).toBe(404);
      expect(api.json<ErrorBody>().error.code).toBe('NOT_FOUND');
      expect(registeredRoutes(web).every((r) => r.permission !== undefined)).toBe(true);
    } finally {
      await web.close();
      rmSync(webRoot, { recursive: true, force: true });
    }
  });

  it('answers an unknown API path with the JSON error body', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json<ErrorBody>().error.code).toBe('NOT_FOUND');
  });
};
