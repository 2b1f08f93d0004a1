import type { FastifyInstance, InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../contracts/common.js';
import { DEFAULT_POLICY } from '../../core/suitability/policy.js';
import { assessmentCutoff } from '../../core/suitability/validity.js';
import type { TestApp } from '../../../test/support/app.js';
import { initialState } from '../../core/dialogue/types.js';
import { registeredRoutes } from '../app.js';
import { chinaDate } from '../modules/customers/service.js';

/** Who calls: no session, or a session of each role. */
export const CALLERS = ['anonymous', 'admin', 'ops', 'branch_manager', 'rm', 'auditor', 'customer'] as const;
export type Caller = (typeof CALLERS)[number];

/** The demo user of each staff role. */
export const STAFF_USER: Readonly<Record<Exclude<Role, 'customer'>, string>> = {
  admin: 'admin',
  ops: 'ops01',
  branch_manager: 'bm01',
  rm: 'rm001',
  auditor: 'auditor01',
};

/** What a caller knows: a session token and ids in its data scope. */
export type CallerContext = {
  caller: Caller;
  token: string | null;
  /** A customer in the caller's scope (for the anonymous caller: rm001's). */
  customerId: number;
  productCode: string;
  compareCodes: string[];
  /** An open advisor hand-off routed to rm001 (for the workbench hand-off routes). */
  handoffId: string;
  /** A customer phone this caller alone uses for one-time codes (codes are limited per phone). */
  otpPhone: string;
  /** A session of the same user that the request may end (logout). */
  freshToken: () => Promise<string | null>;
  app: FastifyInstance;
};

type Status = '2xx' | '3xx' | '401' | '403';
type Row = readonly [
  expected: readonly [Status, Status, Status, Status, Status, Status, Status],
  request: (c: CallerContext) => InjectOptions | Promise<InjectOptions>,
];

const get = (url: (c: CallerContext) => string) => (c: CallerContext) => ({
  method: 'GET' as const,
  url: url(c),
});
const post =
  (url: (c: CallerContext) => string, body: (c: CallerContext) => unknown) => (c: CallerContext) => ({
    method: 'POST' as const,
    url: url(c),
    payload: body(c) as Record<string, unknown>,
  });

const PUBLIC = ['2xx', '2xx', '2xx', '2xx', '2xx', '2xx', '2xx'] as const;
const ANY_SESSION = ['401', '2xx', '2xx', '2xx', '2xx', '2xx', '2xx'] as const;
const CUSTOMER_ONLY = ['401', '403', '403', '403', '403', '403', '2xx'] as const;
const RM_ONLY = ['401', '403', '403', '403', '2xx', '403', '403'] as const;

/** A session of the calling customer (staff get a placeholder id: their permission check comes first). */
const sessionFor = async (c: CallerContext): Promise<string> => {
  const res = await c.app.inject({
    method: 'POST',
    url: '/api/advisor/sessions',
    headers: c.token === null ? {} : { authorization: `Bearer ${c.token}` },
    payload: {},
  });
  return res.statusCode === 201 ? res.json<{ id: string }>().id : '00000000-0000-0000-0000-000000000000';
};

/**
 * The permission matrix: every route × every caller → the status class. Columns:
 *                                         anonymous admin  ops    bm     rm     auditor customer
 * A route missing here fails the test, so a new route must say who may call it.
 */
export const MATRIX: Readonly<Record<string, Row>> = {
  'GET /api/docs': [PUBLIC, get(() => '/api/docs')],
  'GET /api/docs/json': [PUBLIC, get(() => '/api/docs/json')],
  'GET /api/docs/yaml': [PUBLIC, get(() => '/api/docs/yaml')],
  // The UI's index redirects to /api/docs/.
  'GET /api/docs/static/index.html': [
    ['3xx', '3xx', '3xx', '3xx', '3xx', '3xx', '3xx'],
    get(() => '/api/docs/static/index.html'),
  ],
  'GET /api/docs/static/swagger-initializer.js': [
    PUBLIC,
    get(() => '/api/docs/static/swagger-initializer.js'),
  ],
  'GET /api/docs/static/*': [PUBLIC, get(() => '/api/docs/static/swagger-ui.css')],
  'HEAD /api/docs/': [PUBLIC, get(() => '/api/docs/')],
  'GET /api/info': [PUBLIC, get(() => '/api/info')],
  'GET /healthz': [PUBLIC, get(() => '/healthz')],
  'GET /readyz': [PUBLIC, get(() => '/readyz')],
  'POST /api/auth/login': [
    PUBLIC,
    post(
      () => '/api/auth/login',
      () => ({ username: 'rm040', password: 'demo1234' }),
    ),
  ],
  'POST /api/auth/otp/request': [
    PUBLIC,
    post(
      () => '/api/auth/otp/request',
      (c) => ({ phone: c.otpPhone }),
    ),
  ],
  'POST /api/auth/otp/verify': [
    PUBLIC,
    async (c) => {
      const phone = c.otpPhone;
      const sent = await c.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });
      const code = sent.json<{ demoCode: string }>().demoCode;
      return { method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } };
    },
  ],
  'POST /api/auth/logout': [
    ANY_SESSION,
    async (c) => {
      const token = await c.freshToken();
      return {
        method: 'POST',
        url: '/api/auth/logout',
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
      };
    },
  ],
  'GET /api/auth/me': [ANY_SESSION, get(() => '/api/auth/me')],
  // Answers 200 with user null when logged out (the web app's probe), so it is public.
  'GET /api/auth/session': [PUBLIC, get(() => '/api/auth/session')],
  'GET /api/customers': [ANY_SESSION, get(() => '/api/customers?pageSize=5')],
  'GET /api/customers/:id': [ANY_SESSION, get((c) => `/api/customers/${c.customerId}`)],
  'GET /api/customers/:id/transactions': [
    ANY_SESSION,
    get((c) => `/api/customers/${c.customerId}/transactions`),
  ],
  'GET /api/customers/:id/events': [ANY_SESSION, get((c) => `/api/customers/${c.customerId}/events`)],
  'POST /api/customers/:id/proposal': [
    ['401', '403', '403', '403', '2xx', '403', '403'],
    post(
      (c) => `/api/customers/${c.customerId}/proposal`,
      () => ({ purpose: 'growth', amount: 200_000, horizonMonths: 60, riskAppetite: 'C3' }),
    ),
  ],
  'POST /api/advisor/sessions': [
    CUSTOMER_ONLY,
    post(
      () => '/api/advisor/sessions',
      () => ({}),
    ),
  ],
  'POST /api/advisor/sessions/:id/messages': [
    CUSTOMER_ONLY,
    async (c) => ({
      method: 'POST' as const,
      url: `/api/advisor/sessions/${await sessionFor(c)}/messages`,
      payload: { text: '你好' },
    }),
  ],
  'GET /api/advisor/sessions/:id': [
    CUSTOMER_ONLY,
    async (c) => ({ method: 'GET' as const, url: `/api/advisor/sessions/${await sessionFor(c)}` }),
  ],
  'GET /api/workbench/handoffs': [RM_ONLY, get(() => '/api/workbench/handoffs')],
  'POST /api/workbench/handoffs/:id/messages': [
    RM_ONLY,
    post(
      (c) => `/api/workbench/handoffs/${c.handoffId}/messages`,
      () => ({ text: '您好，我是您的理财经理，我来帮您看一下。' }),
    ),
  ],
  'POST /api/workbench/handoffs/:id/close': [
    RM_ONLY,
    post(
      (c) => `/api/workbench/handoffs/${c.handoffId}/close`,
      () => ({}),
    ),
  ],
  'GET /api/products': [ANY_SESSION, get(() => '/api/products?pageSize=5')],
  'GET /api/products/:code': [ANY_SESSION, get((c) => `/api/products/${c.productCode}`)],
  'GET /api/products/:code/analytics': [ANY_SESSION, get((c) => `/api/products/${c.productCode}/analytics`)],
  'POST /api/analytics/compare': [
    ANY_SESSION,
    post(
      () => '/api/analytics/compare',
      (c) => ({ codes: c.compareCodes }),
    ),
  ],
  'GET /api/org/units': [['401', '2xx', '2xx', '2xx', '2xx', '2xx', '403'], get(() => '/api/org/units')],
  'GET /api/org/staff': [['401', '2xx', '2xx', '2xx', '403', '2xx', '403'], get(() => '/api/org/staff')],
  'GET /api/audit': [['401', '2xx', '403', '403', '403', '2xx', '403'], get(() => '/api/audit?pageSize=5')],
  // Public (WeCom's servers hold no session) but signed: an unsigned call is refused for every caller.
  'GET /api/wecom/callback': [
    ['401', '401', '401', '401', '401', '401', '401'],
    get(() => '/api/wecom/callback'),
  ],
  'POST /api/wecom/callback': [
    ['401', '401', '401', '401', '401', '401', '401'],
    () => ({
      method: 'POST',
      url: '/api/wecom/callback',
      headers: { 'content-type': 'text/xml' },
      payload: '<xml/>',
    }),
  ],
};

/** The matrix row of a registered route (HEAD routes answer as their GET). */
export const rowOf = (method: string, url: string): Row | undefined =>
  MATRIX[`${method} ${url}`] ?? (method === 'HEAD' ? MATRIX[`GET ${url}`] : undefined);

const classOf = (status: number): string =>
  status === 401 || status === 403 ? String(status) : `${Math.floor(status / 100)}xx`;

/** The WeCom settings of the official sample, so that the callback routes answer (they are 503 unset). */
export const WECOM_SAMPLE = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
};

/** An app on the test database with every route live (WeCom configured), and one context per caller. */
export const callerContexts = async (
  t: TestApp,
  app: FastifyInstance,
): Promise<Map<Caller, CallerContext>> => {
  const today = chinaDate(new Date());
  const cutoff = assessmentCutoff(DEFAULT_POLICY, 'bank', today);
  const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> =>
    (await t.db.query<T>(sql, params))[0]!;
  const rmCustomer = await one<{ id: number }>(
    `SELECT c.id FROM customers c JOIN staff s ON s.id = c.rm_id
      WHERE s.username = 'rm001' AND c.risk_assessed_at >= $1::date ORDER BY c.id LIMIT 1`,
    [cutoff],
  );
  const bmCustomer = await one<{ id: number }>(
    `SELECT c.id FROM customers c JOIN org_units o ON o.id = c.org_unit_id
      WHERE o.id = (SELECT org_unit_id FROM staff WHERE username = 'bm01')
         OR o.parent_id = (SELECT org_unit_id FROM staff WHERE username = 'bm01') ORDER BY c.id LIMIT 1`,
  );
  const phones = await t.db.query<{ value: string; customer_id: number }>(
    `SELECT value, customer_id FROM customer_identities WHERE channel = 'phone' ORDER BY customer_id LIMIT 20`,
  );
  const product = await one<{ code: string }>(
    `SELECT p.code FROM products p WHERE p.type IN ('pure_bond', 'equity') ORDER BY p.type, p.code LIMIT 1`,
  );
  const compare = (
    await t.db.query<{ code: string }>(
      `SELECT code FROM products WHERE type IN ('pure_bond', 'equity') ORDER BY type, code LIMIT 2`,
    )
  ).map((r) => r.code);
  const customerLogin = async (phone: string): Promise<string> => {
    const sent = await app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });
    const code = sent.json<{ demoCode: string }>().demoCode;
    const res = await app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
    if (res.statusCode !== 200) throw new Error(`customer login: ${res.statusCode} ${res.body}`);
    return res.json<{ token: string }>().token;
  };
  const staffLogin = async (username: string): Promise<string> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'demo1234' },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return res.json<{ token: string }>().token;
  };
  const self = phones[0]!;
  const handoffId = '11111111-2222-3333-4444-555555555555';
  await t.db.query(
    `INSERT INTO advisor_sessions (customer_id, id, state, turns, created_at, updated_at)
     VALUES ($1, $2, $3::jsonb, 0, now(), now()) ON CONFLICT DO NOTHING`,
    [rmCustomer.id, `s-${handoffId}`, JSON.stringify(initialState())],
  );
  await t.db.query(
    `INSERT INTO advisor_handoffs (customer_id, id, session_id, rm_id, reason, status, summary, created_at)
     SELECT $1, $2, $3, s.id, 'request', 'open', '{}'::jsonb, now() FROM staff s WHERE s.username = 'rm001'
     ON CONFLICT DO NOTHING`,
    [rmCustomer.id, handoffId, `s-${handoffId}`],
  );
  const contexts = new Map<Caller, CallerContext>();
  for (const [i, caller] of CALLERS.entries()) {
    const base = {
      caller,
      productCode: product.code,
      compareCodes: compare,
      otpPhone: phones[i + 1]!.value,
      handoffId,
      app,
    };
    if (caller === 'anonymous') {
      contexts.set(caller, {
        ...base,
        token: null,
        customerId: rmCustomer.id,
        freshToken: () => Promise.resolve(null),
      });
    } else if (caller === 'customer') {
      const token = await customerLogin(self.value);
      const fresh = () => customerLogin(self.value);
      contexts.set(caller, { ...base, token, customerId: self.customer_id, freshToken: fresh });
    } else {
      const username = STAFF_USER[caller];
      const token = await t.login(username);
      const customerId = caller === 'branch_manager' ? bmCustomer.id : rmCustomer.id;
      contexts.set(caller, { ...base, token, customerId, freshToken: () => staffLogin(username) });
    }
  }
  return contexts;
};

/** Sends a matrix request as the caller (its session unless the request brings its own). */
export const send = async (c: CallerContext, row: Row, method: string) => {
  const req = { ...(await row[1](c)), method: method as 'GET' };
  const auth = c.token === null ? {} : { authorization: `Bearer ${c.token}` };
  return c.app.inject({ ...req, headers: { ...auth, ...(req.headers ?? {}) } });
};

/** Every registered route × every role and the anonymous caller gets the status class of MATRIX. */
export const permissionMatrixSuite = (ctx: () => TestApp, app: () => FastifyInstance): void => {
  let contexts: Map<Caller, CallerContext>;
  beforeAll(async () => {
    contexts = await callerContexts(ctx(), app());
  });

  it('has a matrix row for every registered route and no row for a route that does not exist', () => {
    const routes = registeredRoutes(app());
    const missing = routes
      .filter((r) => rowOf(r.method, r.url) === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, 'add these routes to MATRIX in permission-matrix.suite.ts').toEqual([]);
    const keys = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(MATRIX).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('answers every route × caller with the status class of the matrix', async () => {
    const seen: string[] = [];
    const wrong: string[] = [];
    for (const r of registeredRoutes(app())) {
      const row = rowOf(r.method, r.url)!;
      for (const [i, caller] of CALLERS.entries()) {
        const c = contexts.get(caller)!;
        const res = await send(c, row, r.method);
        const got = classOf(res.statusCode);
        seen.push(`${r.method} ${r.url}`);
        if (got !== row[0][i])
          wrong.push(
            `${r.method} ${r.url} as ${caller}: ${res.statusCode} (want ${row[0][i]}) ${res.body.slice(0, 100).replace(/\s+/g, ' ')}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    expect(new Set(seen).size).toBe(registeredRoutes(app()).length);
  });
};
