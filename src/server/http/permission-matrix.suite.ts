import { DEFAULT_CDP_POLICY } from '../../core/cdp/policy.js';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../contracts/common.js';
import { initialState } from '../../core/dialogue/types.js';
import { DEFAULT_QUESTIONNAIRE } from '../../core/suitability/default-questionnaire.js';
import { DEFAULT_POLICY } from '../../core/suitability/policy.js';
import { assessmentCutoff } from '../../core/suitability/validity.js';
import type { TestApp } from '../../../test/support/app.js';
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
  /** rm001's customer with a valid assessment (whatever the caller). */
  rmCustomerId: number;
  /** rm001's customer who consented to marketing on `channel`, and an R1 product any customer may be offered. */
  marketable: { customerId: number; channel: 'sms' | 'wechat' | 'app_push'; productCode: string };
  productCode: string;
  /** An open advisor hand-off routed to rm001 (for the workbench hand-off routes). */
  handoffId: string;
  compareCodes: string[];
  /** A customer phone this caller alone uses for one-time codes (codes are limited per phone). */
  otpPhone: string;
  /** A session of the same user that the request may end (logout). */
  freshToken: () => Promise<string | null>;
  app: FastifyInstance;
};

/** '4xx' (other than 401/403): the caller passed the permission check and the handler refused the input. */
type Status = '2xx' | '3xx' | '401' | '403' | '4xx';
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

/** One answer to each question of the default questionnaire (a C3-ish investor). */
export const BALANCED_ANSWERS = Object.fromEntries(
  DEFAULT_QUESTIONNAIRE.questions.map((q) => [q.id, q.options[Math.floor(q.options.length / 2)]!.id]),
);

/** The id of the caller's latest risk assessment; answers the questionnaire first when there is none. */
const latestAssessment = async (c: CallerContext): Promise<number> => {
  const headers = { authorization: `Bearer ${c.token ?? ''}` };
  const url = `/api/customers/${c.customerId}/assessments`;
  const list = await c.app.inject({ method: 'GET', url, headers });
  const first = list.json<{ items?: { id: number }[] }>().items?.[0];
  if (first !== undefined) return first.id;
  const made = await c.app.inject({
    method: 'POST',
    url,
    headers,
    payload: { answers: BALANCED_ANSWERS, channel: 'bank' },
  });
  return made.json<{ assessment: { id: number } }>().assessment.id;
};
/** A product the caller's customer holds (a fund with NAV history when there is one), else the shared code. */
const heldCode = async (c: CallerContext): Promise<string> => {
  if (c.token === null) return c.productCode;
  const r = await c.app.inject({
    method: 'GET',
    url: `/api/customers/${c.customerId}`,
    headers: { authorization: `Bearer ${c.token}` },
  });
  if (r.statusCode !== 200) return c.productCode;
  const held = r.json<{ holdings: { productCode: string; productType: string; navDate: string | null }[] }>()
    .holdings;
  const funds = held.filter((h) => h.navDate !== null && h.productType !== 'money_market');
  return (funds[0] ?? held[0])?.productCode ?? c.productCode;
};

/** Two quoted policies for the insurance routes (fictitious). */
export const SAMPLE_OFFERS = [
  {
    code: 'CI-A',
    name: '演示重疾险A',
    kind: 'critical_illness',
    insurer: '演示人寿',
    annual_premium: 6000,
    cover: 500000,
    term_years: null,
    payment_years: 20,
    waiting_days: 90,
    entry_age: [0, 60],
    exclusions: ['既往症'],
  },
  {
    code: 'MED-B',
    name: '演示百万医疗险B',
    kind: 'medical',
    insurer: '演示财险',
    annual_premium: 400,
    cover: 2000000,
    term_years: 1,
    payment_years: 1,
    waiting_days: 30,
    entry_age: [0, 65],
    renewable: true,
    exclusions: ['既往症', '美容整形'],
  },
];
const RM_OR_SELF = ['401', '403', '403', '403', '2xx', '403', '2xx'] as const;
/** A saved segment made by operations for the request (fresh, so that DELETE always has one to delete). */
const opsTokens = new WeakMap<FastifyInstance, Promise<string>>();
const newSegment = async (c: CallerContext): Promise<number> => {
  let token = opsTokens.get(c.app);
  if (token === undefined) {
    token = c.app
      .inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ops01', password: 'demo1234' },
      })
      .then((r) => r.json<{ token: string }>().token);
    opsTokens.set(c.app, token);
  }
  const r = await c.app.inject({
    method: 'POST',
    url: '/api/segments',
    headers: { authorization: `Bearer ${await token}` },
    payload: { name: 'matrix', rule: { attr: 'aum', op: 'gte', value: 0 } },
  });
  return r.json<{ id: number }>().id;
};
const STAFF_READ = ['401', '2xx', '2xx', '2xx', '2xx', '2xx', '403'] as const;
const SEGMENT_WRITE = ['401', '2xx', '2xx', '403', '403', '403', '403'] as const;

const PUBLIC = ['2xx', '2xx', '2xx', '2xx', '2xx', '2xx', '2xx'] as const;
const ANY_SESSION = ['401', '2xx', '2xx', '2xx', '2xx', '2xx', '2xx'] as const;

/** Routes of the RM's own advice (advice:write): the RM alone. */
const RM_ONLY = ['401', '403', '403', '403', '2xx', '403', '403'] as const;

/** A transcript with two money intents (retirement and travel): the RM assistant's acceptance case. */
export const ACCEPTANCE_TRANSCRIPT =
  '理财经理：王先生，这些钱您打算怎么安排？\n客户：我有50万是留着养老的，10年后退休再用。\n客户：另外10万明年带家里人出去旅游。';

/**
 * An intent of the caller's customer: for the RM, one proposed by analysing the acceptance transcript; for
 * the others (refused before the intent is read) any id.
 */
const intentOfCaller = async (c: CallerContext): Promise<number> => {
  if (c.caller !== 'rm') return 1;
  const res = await c.app.inject({
    method: 'POST',
    url: `/api/customers/${c.customerId}/conversations/analyze`,
    headers: { authorization: `Bearer ${c.token}` },
    payload: { transcript: ACCEPTANCE_TRANSCRIPT },
  });
  return res.json<{ intents: Array<{ id: number }> }>().intents[0]!.id;
};

const shared = new WeakMap<object, Promise<string>>();
/** A card link made once per app by rm001 for their customer (the public route needs a live token). */
const sharedToken = (c: CallerContext): Promise<string> => {
  let p = shared.get(c.app);
  if (p === undefined) {
    p = (async () => {
      const login = await c.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'rm001', password: 'demo1234' },
      });
      const token = login.json<{ token: string }>().token;
      const rm = { ...c, caller: 'rm' as const, token, customerId: c.rmCustomerId };
      const iid = await intentOfCaller(rm);
      const card = await c.app.inject({
        method: 'POST',
        url: `/api/customers/${c.rmCustomerId}/intents/${iid}/card`,
        headers: { authorization: `Bearer ${token}` },
      });
      const share = card.json<{ share: { token: string } | null }>().share;
      if (share === null) throw new Error(`card not shareable: ${card.body.slice(0, 300)}`);
      return share.token;
    })();
    shared.set(c.app, p);
  }
  return p;
};

/** Any staff session (org:read): every staff role, never a customer. */
const STAFF = ['401', '2xx', '2xx', '2xx', '2xx', '2xx', '403'] as const;
/** The checker of marketing copy (copy:approve): operations alone. */
const OPS_ONLY = ['401', '403', '2xx', '403', '403', '403', '403'] as const;
/** Advisor operations read (advisor_ops:read): admin, operations and audit. */
const ADVISOR_OPS_READ = ['401', '2xx', '2xx', '403', '403', '2xx', '403'] as const;
/** An outlet of the demo bank for the advisor-operations rows. */
const MATRIX_UNIT = 'OU0102';

const sessions = new WeakMap<object, Map<string, Promise<string>>>();
/** A session of a demo staff user, made once per app (scrypt is slow). */
const sessionOf = (c: CallerContext, username: string): Promise<string> => {
  let m = sessions.get(c.app);
  if (m === undefined) sessions.set(c.app, (m = new Map<string, Promise<string>>()));
  let p = m.get(username);
  if (p === undefined) {
    p = c.app
      .inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'demo1234' } })
      .then((r) => r.json<{ token: string }>().token);
    m.set(username, p);
  }
  return p;
};

/** A fresh copy made by rm001, taken to `state` by rm001 (submit) and ops01 (approve). */
const rmCopy = async (c: CallerContext, state: 'draft' | 'submitted' | 'approved'): Promise<number> => {
  const as = async (user: string, method: 'POST', url: string, payload: object) => {
    const res = await c.app.inject({
      method,
      url,
      payload,
      headers: { authorization: `Bearer ${await sessionOf(c, user)}` },
    });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json<{ id: number }>();
  };
  const { id } = await as('rm001', 'POST', '/api/copies', {
    segment: 'mass',
    productCode: c.marketable.productCode,
    channel: c.marketable.channel,
  });
  if (state !== 'draft') await as('rm001', 'POST', `/api/copies/${id}/submit`, {});
  if (state === 'approved') await as('ops01', 'POST', `/api/copies/${id}/approve`, {});
  return id;
};

/**
 * The permission matrix: every route × every caller → the status class. Columns:
 *                                         anonymous admin  ops    bm     rm     auditor customer
 * A route missing here fails the test, so a new route must say who may call it.
 */
const CUSTOMER_ONLY = ['401', '403', '403', '403', '403', '403', '2xx'] as const;

/** A session of the calling customer (staff get a placeholder id: their permission check comes first). */
const MATRIX_INBOX_ID = 'matrix-inbox-1';

const sessionFor = async (c: CallerContext): Promise<string> => {
  const res = await c.app.inject({
    method: 'POST',
    url: '/api/advisor/sessions',
    headers: c.token === null ? {} : { authorization: `Bearer ${c.token}` },
    payload: {},
  });
  return res.statusCode === 201 ? res.json<{ id: string }>().id : '00000000-0000-0000-0000-000000000000';
};

export const MATRIX: Readonly<Record<string, Row>> = {
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
  'GET /api/advisor/inbox': [CUSTOMER_ONLY, get(() => '/api/advisor/inbox')],
  'POST /api/advisor/inbox/:id/read': [
    CUSTOMER_ONLY,
    post(
      () => `/api/advisor/inbox/${MATRIX_INBOX_ID}/read`,
      () => ({}),
    ),
  ],
  'GET /api/workbench/handoffs': [RM_ONLY, get(() => '/api/workbench/handoffs')],
  'GET /api/workbench/handoffs/:id/messages': [
    RM_ONLY,
    get((c) => `/api/workbench/handoffs/${c.handoffId}/messages`),
  ],
  // Advisor operations (issue 12): operations write; operations, admin and audit read. The matrix's unit is an
  // outlet whose published override is empty (the same flows as its parents): ops saves a draft, publishes it
  // (version 1) and rolls back to it.
  'GET /api/ops/advisor/flows': [ADVISOR_OPS_READ, get(() => '/api/ops/advisor/flows')],
  'GET /api/ops/advisor/flows/:unit': [ADVISOR_OPS_READ, get(() => `/api/ops/advisor/flows/${MATRIX_UNIT}`)],
  'GET /api/ops/advisor/flows/:unit/versions': [
    ADVISOR_OPS_READ,
    get(() => `/api/ops/advisor/flows/${MATRIX_UNIT}/versions`),
  ],
  'PUT /api/ops/advisor/flows/:unit/draft': [
    OPS_ONLY,
    () => ({
      method: 'PUT',
      url: `/api/ops/advisor/flows/${MATRIX_UNIT}/draft`,
      payload: { flows: [], tests: [] },
    }),
  ],
  'POST /api/ops/advisor/flows/:unit/draft/tests': [
    // A unit without a draft (404 for operations): running the 70-odd conversation tests here costs seconds.
    ['401', '403', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/ops/advisor/flows/OU0101/draft/tests',
      () => ({}),
    ),
  ],
  'POST /api/ops/advisor/flows/:unit/draft/preview': [
    OPS_ONLY,
    post(
      () => `/api/ops/advisor/flows/${MATRIX_UNIT}/draft/preview`,
      () => ({ text: '你好', state: null }),
    ),
  ],
  'POST /api/ops/advisor/flows/:unit/publish': [
    OPS_ONLY,
    post(
      () => `/api/ops/advisor/flows/${MATRIX_UNIT}/publish`,
      () => ({}),
    ),
  ],
  'POST /api/ops/advisor/flows/:unit/rollback': [
    OPS_ONLY,
    post(
      () => `/api/ops/advisor/flows/${MATRIX_UNIT}/rollback`,
      () => ({ version: 1 }),
    ),
  ],
  'GET /api/ops/advisor/review': [ADVISOR_OPS_READ, get(() => '/api/ops/advisor/review')],
  'POST /api/ops/advisor/review/:id/label': [
    ['401', '403', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/ops/advisor/review/999999999/label',
      () => ({ kind: 'dismiss' }),
    ),
  ],
  'GET /api/ops/advisor/model': [ADVISOR_OPS_READ, get(() => '/api/ops/advisor/model')],
  'POST /api/ops/advisor/model/retrain': [
    ['401', '403', '4xx', '403', '403', '403', '403'],
    // Not trained here (seconds of CPU): an unknown field is refused after the permission check.
    () => ({ method: 'POST', url: '/api/ops/advisor/model/retrain', payload: { unexpected: true } }),
  ],
  'GET /api/ops/advisor/kb': [ADVISOR_OPS_READ, get(() => '/api/ops/advisor/kb')],
  'GET /api/ops/advisor/kb/export': [ADVISOR_OPS_READ, get(() => '/api/ops/advisor/kb/export')],
  'PUT /api/ops/advisor/kb/items/:id': [
    // A blank answer is refused after the permission check (a saved edit would change the shared KB).
    ['401', '403', '4xx', '403', '403', '403', '403'],
    () => ({
      method: 'PUT',
      url: '/api/ops/advisor/kb/items/kb-matrix',
      payload: { question: '矩阵测试', answer: '' },
    }),
  ],
  'POST /api/ops/advisor/kb/import': [
    ['401', '403', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/ops/advisor/kb/import',
      () => ({ file: 'bm90IGFuIHhsc3g=' }),
    ),
  ],
  'POST /api/workbench/handoffs/:id/corrections': [
    ['401', '403', '403', '403', '2xx', '403', '403'],
    post(
      (c) => `/api/workbench/handoffs/${c.handoffId}/corrections`,
      () => ({ text: '我想把钱放稳一点', intent: 'allocation_advice' }),
    ),
  ],

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
  'GET /api/assessments/questionnaire': [ANY_SESSION, get(() => '/api/assessments/questionnaire')],
  'GET /api/customers/:id/assessments': [
    ANY_SESSION,
    get((c) => `/api/customers/${c.customerId}/assessments`),
  ],
  // The customer alone answers the questionnaire and confirms a changed level; staff read the history only.
  'POST /api/customers/:id/assessments': [
    ['401', '403', '403', '403', '403', '403', '2xx'],
    post(
      (c) => `/api/customers/${c.customerId}/assessments`,
      () => ({ answers: BALANCED_ANSWERS, channel: 'bank' }),
    ),
  ],
  'POST /api/customers/:id/assessments/:aid/confirm': [
    ['401', '403', '403', '403', '403', '403', '2xx'],
    async (c) => {
      // The customer confirms their latest assessment (answered by the row above, or answered here).
      let aid = 1;
      if (c.caller === 'customer') aid = await latestAssessment(c);
      return { method: 'POST', url: `/api/customers/${c.customerId}/assessments/${aid}/confirm` };
    },
  ],
  'GET /api/customers/:id/checkup': [ANY_SESSION, get((c) => `/api/customers/${c.customerId}/checkup`)],
  'GET /api/customers/:id/statement': [
    ANY_SESSION,
    get((c) => `/api/customers/${c.customerId}/statement?from=2025-11-01&to=2026-10-30`),
  ],
  'GET /api/customers/:id/recommendations': [
    ANY_SESSION,
    get(
      (c) => `/api/customers/${c.customerId}/recommendations?purpose=growth&amount=100000&horizonMonths=36`,
    ),
  ],
  'GET /api/customers/:id/recommendations/managers': [
    ANY_SESSION,
    get((c) => `/api/customers/${c.customerId}/recommendations/managers`),
  ],
  'GET /api/customers/:id/holdings/:code/attribution': [
    ANY_SESSION,
    async (c) => ({
      method: 'GET',
      url: `/api/customers/${c.customerId}/holdings/${await heldCode(c)}/attribution?days=20`,
    }),
  ],
  'GET /api/customers/:id/alerts': [ANY_SESSION, get((c) => `/api/customers/${c.customerId}/alerts`)],
  'GET /api/customers/:id/holdings/:code/targets': [
    ANY_SESSION,
    async (c) => ({
      method: 'GET',
      url: `/api/customers/${c.customerId}/holdings/${await heldCode(c)}/targets`,
    }),
  ],
  'PUT /api/customers/:id/holdings/:code/targets': [
    RM_OR_SELF,
    async (c) => ({
      method: 'PUT',
      url: `/api/customers/${c.customerId}/holdings/${await heldCode(c)}/targets`,
      payload: { take_profit: 0.2, stop_loss: -0.1 },
    }),
  ],
  'DELETE /api/customers/:id/holdings/:code/targets': [
    RM_OR_SELF,
    async (c) => ({
      method: 'DELETE',
      url: `/api/customers/${c.customerId}/holdings/${await heldCode(c)}/targets`,
    }),
  ],
  'POST /api/customers/:id/recommendations/insurance': [
    ANY_SESSION,
    post(
      (c) => `/api/customers/${c.customerId}/recommendations/insurance`,
      () => ({ offers: SAMPLE_OFFERS, dependents: 1 }),
    ),
  ],
  'POST /api/insurance/compare': [
    ANY_SESSION,
    post(
      () => '/api/insurance/compare',
      () => ({ offers: SAMPLE_OFFERS }),
    ),
  ],
  'GET /api/commentary': [ANY_SESSION, get(() => '/api/commentary?kind=close')],
  'GET /api/customers/:id/commentary': [
    ANY_SESSION,
    get((c) => `/api/customers/${c.customerId}/commentary?kind=close`),
  ],
  'POST /api/customers/:id/conversations/analyze': [
    RM_ONLY,
    post(
      (c) => `/api/customers/${c.customerId}/conversations/analyze`,
      () => ({ transcript: ACCEPTANCE_TRANSCRIPT }),
    ),
  ],
  // Operations and admin pass the permission check; the route-wide app has no LLM configured, so they get 409.
  'POST /api/conversations/taxonomy/propose': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/conversations/taxonomy/propose',
      () => ({ transcripts: [ACCEPTANCE_TRANSCRIPT] }),
    ),
  ],
  'GET /api/customers/:id/intents': [ANY_SESSION, get((c) => `/api/customers/${c.customerId}/intents`)],
  'POST /api/customers/:id/intents/:iid/confirm': [
    RM_ONLY,
    async (c) => ({
      method: 'POST',
      url: `/api/customers/${c.customerId}/intents/${await intentOfCaller(c)}/confirm`,
    }),
  ],
  'PATCH /api/customers/:id/intents/:iid': [
    RM_ONLY,
    async (c) => ({
      method: 'PATCH',
      url: `/api/customers/${c.customerId}/intents/${await intentOfCaller(c)}`,
      payload: { horizonMonths: 24 },
    }),
  ],
  'POST /api/customers/:id/intents/:iid/card': [
    RM_ONLY,
    async (c) => ({
      method: 'POST',
      url: `/api/customers/${c.customerId}/intents/${await intentOfCaller(c)}/card`,
    }),
  ],
  'GET /api/cards/:token': [
    PUBLIC,
    async (c) => ({ method: 'GET', url: `/api/cards/${await sharedToken(c)}` }),
  ],
  'GET /api/cards/:token/image.svg': [
    PUBLIC,
    async (c) => ({ method: 'GET', url: `/api/cards/${await sharedToken(c)}/image.svg?lang=en` }),
  ],
  'POST /api/copies': [
    RM_ONLY,
    post(
      () => '/api/copies',
      (c) => ({ segment: 'mass', productCode: c.marketable.productCode, channel: c.marketable.channel }),
    ),
  ],
  'GET /api/copies': [STAFF, get(() => '/api/copies?status=submitted')],
  'GET /api/copies/:id': [
    STAFF,
    async (c) => ({ method: 'GET', url: `/api/copies/${await rmCopy(c, 'draft')}` }),
  ],
  'PATCH /api/copies/:id': [
    RM_ONLY,
    async (c) => ({
      method: 'PATCH',
      url: `/api/copies/${await rmCopy(c, 'draft')}`,
      payload: { text: '您好，产品介绍请咨询您的理财经理。' },
    }),
  ],
  'POST /api/copies/:id/submit': [
    RM_ONLY,
    async (c) => ({ method: 'POST', url: `/api/copies/${await rmCopy(c, 'draft')}/submit` }),
  ],
  'POST /api/copies/:id/approve': [
    OPS_ONLY,
    async (c) => ({
      method: 'POST',
      url: `/api/copies/${await rmCopy(c, 'submitted')}/approve`,
      payload: {},
    }),
  ],
  'POST /api/copies/:id/reject': [
    OPS_ONLY,
    async (c) => ({
      method: 'POST',
      url: `/api/copies/${await rmCopy(c, 'submitted')}/reject`,
      payload: { note: '请补充产品期限' },
    }),
  ],
  'POST /api/copies/:id/send': [
    RM_ONLY,
    async (c) => ({
      method: 'POST',
      url: `/api/copies/${await rmCopy(c, 'approved')}/send`,
      payload: { customerId: c.marketable.customerId },
    }),
  ],
  'GET /api/library': [STAFF, get(() => '/api/library?q=%E6%80%95%E4%BA%8F')],
  'POST /api/library': [
    ['401', '403', '2xx', '403', '2xx', '403', '403'],
    post(
      () => '/api/library',
      () => ({
        kind: 'script',
        title: '怕亏怎么回应',
        body: '先确认客户的担心，再说明产品风险等级。',
        tags: ['fear_of_loss'],
      }),
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
  'POST /api/segments/preview': [
    STAFF_READ,
    post(
      () => '/api/segments/preview',
      () => ({
        rule: {
          all: [
            { attr: 'aum', op: 'gte', value: 50_000 },
            { attr: 'age', op: 'gte', value: 60 },
          ],
        },
      }),
    ),
  ],
  'POST /api/segments/lookalike': [
    STAFF_READ,
    async (c) => {
      // The seed: one customer the caller sees (an RM's book in the test bank holds two).
      const list = await c.app.inject({
        method: 'GET',
        url: '/api/customers?pageSize=1',
        headers: { authorization: `Bearer ${c.token ?? ''}` },
      });
      const ids = (list.json<{ items?: { id: number }[] }>().items ?? []).map((x) => x.id);
      return {
        method: 'POST',
        url: '/api/segments/lookalike',
        payload: { customerIds: ids.length > 0 ? ids : [c.customerId], size: 5 },
      };
    },
  ],
  'POST /api/segments/profile': [
    STAFF_READ,
    post(
      () => '/api/segments/profile',
      () => ({ rule: { attr: 'age', op: 'gte', value: 30 } }),
    ),
  ],
  'GET /api/cdp/strategy-matrix': [STAFF_READ, get(() => '/api/cdp/strategy-matrix')],
  'GET /api/cdp/policy': [STAFF_READ, get(() => '/api/cdp/policy')],
  // The matrix stores the default policy again (a valid policy; recomputation is unchanged).
  'PUT /api/cdp/policy': [
    SEGMENT_WRITE,
    () => ({
      method: 'PUT',
      url: '/api/cdp/policy',
      payload: {
        policy: {
          tiers: DEFAULT_CDP_POLICY.tiers,
          grades: DEFAULT_CDP_POLICY.grades,
          weights: DEFAULT_CDP_POLICY.weights,
        },
      },
    }),
  ],
  'PUT /api/cdp/strategy-matrix/:stage/:lifecycle': [
    SEGMENT_WRITE,
    () => ({
      method: 'PUT',
      url: '/api/cdp/strategy-matrix/retention/dormant',
      payload: { text: '唤醒礼包 + 客户经理电话回访' },
    }),
  ],
  'GET /api/segments': [STAFF_READ, get(() => '/api/segments')],
  'POST /api/segments': [
    SEGMENT_WRITE,
    post(
      () => '/api/segments',
      () => ({ name: 'elderly affluent', rule: { attr: 'age', op: 'gte', value: 60 } }),
    ),
  ],
  'GET /api/segments/:id': [
    STAFF_READ,
    async (c) => ({ method: 'GET', url: `/api/segments/${await newSegment(c)}` }),
  ],
  'PUT /api/segments/:id': [
    SEGMENT_WRITE,
    async (c) => ({
      method: 'PUT',
      url: `/api/segments/${await newSegment(c)}`,
      payload: { name: 'renamed', rule: { tag: 'vip' } },
    }),
  ],
  'DELETE /api/segments/:id': [
    SEGMENT_WRITE,
    async (c) => ({ method: 'DELETE', url: `/api/segments/${await newSegment(c)}` }),
  ],
  'GET /api/segments/:id/count': [
    STAFF_READ,
    async (c) => ({ method: 'GET', url: `/api/segments/${await newSegment(c)}/count` }),
  ],
  'GET /api/segments/:id/export': [
    STAFF_READ,
    async (c) => ({ method: 'GET', url: `/api/segments/${await newSegment(c)}/export?format=csv` }),
  ],
  'GET /api/tags': [STAFF_READ, get(() => '/api/tags')],
  'POST /api/customers/:id/tags': [
    ['401', '2xx', '2xx', '403', '2xx', '403', '403'],
    post(
      (c) => `/api/customers/${c.customerId}/tags`,
      () => ({ key: 'vip_care', reason: 'permission matrix' }),
    ),
  ],
  'DELETE /api/customers/:id/tags/:key': [
    ['401', '2xx', '2xx', '403', '2xx', '403', '403'],
    (c) => ({ method: 'DELETE', url: `/api/customers/${c.customerId}/tags/vip_care?reason=matrix` }),
  ],
  'GET /api/customers/:id/tags/history': [
    STAFF_READ,
    get((c) => `/api/customers/${c.customerId}/tags/history`),
  ],
  'GET /api/identity/resolve': [
    ['401', '2xx', '2xx', '403', '403', '403', '403'],
    get((c) => `/api/identity/resolve?by=customer_id&value=${c.customerId}`),
  ],
  'GET /api/identity/candidates': [
    ['401', '2xx', '2xx', '403', '403', '403', '403'],
    get(() => '/api/identity/candidates'),
  ],
  // Merging changes the shared data: the matrix sends a merge of a customer into itself, which the handler
  // refuses (400) once the permission check has let the caller through.
  'POST /api/identity/merge': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/identity/merge',
      (c) => ({ survivor: c.customerId, merged: c.customerId, reason: 'permission matrix' }),
    ),
  ],
  'POST /api/identity/unmerge': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/identity/unmerge',
      (c) => ({ survivor: c.customerId, mergeId: 999_999_999, reason: 'permission matrix' }),
    ),
  ],
  // Ingestion writes shared data: the matrix posts one event with a key of its own per caller, so a repeated run
  // counts a duplicate rather than writing again.
  'POST /api/events': [
    ['401', '2xx', '2xx', '403', '403', '403', '403'],
    post(
      () => '/api/events',
      (c) => [
        {
          id: `matrix-${c.caller}`,
          type: 'login',
          customer: { by: 'customer_id', value: String(c.customerId) },
          occurred_at: '2026-01-05T09:00:00+08:00',
        },
      ],
    ),
  ],
  'GET /api/events/dead-letters': [
    ['401', '2xx', '2xx', '403', '403', '403', '403'],
    get(() => '/api/events/dead-letters'),
  ],
  // Replaying a letter that does not exist: nothing to do (200 with zero), after the permission check.
  'POST /api/events/dead-letters/replay': [
    ['401', '2xx', '2xx', '403', '403', '403', '403'],
    post(
      () => '/api/events/dead-letters/replay',
      () => ({ ids: [999_999_999] }),
    ),
  ],
  'GET /api/segments/:id/refreshes': [
    STAFF_READ,
    async (c) => ({ method: 'GET', url: `/api/segments/${await newSegment(c)}/refreshes` }),
  ],
  'GET /api/jobs': [['401', '2xx', '2xx', '403', '403', '403', '403'], get(() => '/api/jobs')],
  // The outbox and the consent ledger (issue 14 item 4): staff read within their scope; the customer, the RM and
  // operations record consent evidence and contact preferences.
  'GET /api/outbox': [['401', '2xx', '2xx', '2xx', '2xx', '2xx', '403'], get(() => '/api/outbox?limit=5')],
  'GET /api/outbox/stats': [
    ['401', '2xx', '2xx', '2xx', '2xx', '2xx', '403'],
    get(() => '/api/outbox/stats'),
  ],
  'GET /api/customers/:id/consents': [
    ['401', '2xx', '2xx', '2xx', '2xx', '2xx', '2xx'],
    get((c) => `/api/customers/${c.customerId}/consents`),
  ],
  // An empty text_shown: refused as bad input once the permission check has passed.
  'PUT /api/customers/:id/consents': [
    ['401', '403', '4xx', '403', '4xx', '403', '4xx'],
    (c) => ({
      method: 'PUT' as const,
      url: `/api/customers/${c.customerId}/consents`,
      payload: { purpose: 'marketing', channel: 'sms', granted: true, text_shown: '' },
    }),
  ],
  'PUT /api/customers/:id/contact-preferences': [
    ['401', '403', '4xx', '403', '4xx', '403', '4xx'],
    (c) => ({
      method: 'PUT' as const,
      url: `/api/customers/${c.customerId}/contact-preferences`,
      payload: {},
    }),
  ],
  // MOT leads and rules (issue 14). Lead changes name a lead that does not exist (404 once allowed); rule writes
  // send bad input (400 once allowed), so the matrix changes nothing.
  'GET /api/workbench/leads': [
    ['401', '2xx', '2xx', '2xx', '2xx', '2xx', '403'],
    get(() => '/api/workbench/leads'),
  ],
  'PATCH /api/workbench/leads/:id': [
    ['401', '403', '403', '4xx', '4xx', '403', '403'],
    () => ({ method: 'PATCH', url: '/api/workbench/leads/999999999', payload: { status: 'contacted' } }),
  ],
  'POST /api/workbench/leads/:id/notes': [
    ['401', '403', '403', '4xx', '4xx', '403', '403'],
    post(
      () => '/api/workbench/leads/999999999/notes',
      () => ({ text: 'matrix' }),
    ),
  ],
  'GET /api/mot/rules': [['401', '2xx', '2xx', '2xx', '403', '2xx', '403'], get(() => '/api/mot/rules')],
  'PUT /api/mot/rules/:key': [
    ['401', '403', '4xx', '403', '403', '403', '403'],
    () => ({ method: 'PUT', url: '/api/mot/rules/large_inflow', payload: { trigger: {} } }),
  ],
  'PUT /api/mot/rules/:key/switch': [
    ['401', '403', '4xx', '4xx', '403', '403', '403'],
    () => ({
      method: 'PUT',
      url: '/api/mot/rules/large_inflow/switch',
      payload: { org_unit_id: 'NO_SUCH_UNIT', enabled: false },
    }),
  ],
  'POST /api/mot/rules/:key/dry-run': [
    ['401', '403', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/mot/rules/large_inflow/dry-run',
      () => ({ from: '2026-01-02', to: '2026-01-01' }),
    ),
  ],
  'GET /api/mot/stats': [['401', '2xx', '2xx', '2xx', '403', '2xx', '403'], get(() => '/api/mot/stats')],
  // Insight studies (issue 15): operations and admin. The matrix asks for what cannot start a run (an outcome
  // without data, a study that does not exist), so no worker thread is started by it.
  'POST /api/insight/studies': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/insight/studies',
      () => ({ outcome: 'complaint' }),
    ),
  ],
  'GET /api/insight/studies': [
    ['401', '2xx', '2xx', '403', '403', '403', '403'],
    get(() => '/api/insight/studies'),
  ],
  'GET /api/insight/studies/:id': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    get(() => '/api/insight/studies/999999999'),
  ],
  'DELETE /api/insight/studies/:id': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    () => ({ method: 'DELETE', url: '/api/insight/studies/999999999' }),
  ],
  'POST /api/insight/studies/:id/rerun': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/insight/studies/999999999/rerun',
      () => ({}),
    ),
  ],
  'POST /api/insight/studies/:id/whatif': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/insight/studies/999999999/whatif',
      () => ({ intervene: 'coupon=1' }),
    ),
  ],
  // AIPL dashboard and periodic reviews (issue 15): operations and admin; asked with bad input or unknown ids so
  // that nothing is computed.
  'GET /api/insight/aipl': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    get(() => '/api/insight/aipl?from=2026-02-30&to=2026-10-30'),
  ],
  'GET /api/insight/reviews': [
    ['401', '2xx', '2xx', '403', '403', '403', '403'],
    get(() => '/api/insight/reviews'),
  ],
  'POST /api/insight/reviews/:id/acknowledge': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/insight/reviews/999999999/acknowledge',
      () => ({}),
    ),
  ],
  'POST /api/insight/studies/:id/review': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/insight/studies/999999999/review',
      () => ({}),
    ),
  ],
  'PUT /api/insight/studies/:id/review-schedule': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    () => ({
      method: 'PUT',
      url: '/api/insight/studies/999999999/review-schedule',
      payload: { cron: 'not a cron' },
    }),
  ],
  // Survey (X-data) fusion (issue 15): operations and admin; asked with input that imports or computes nothing.
  'POST /api/insight/surveys': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/insight/surveys',
      () => ({ file: '' }),
    ),
  ],
  'GET /api/insight/surveys': [
    ['401', '2xx', '2xx', '403', '403', '403', '403'],
    get(() => '/api/insight/surveys'),
  ],
  'GET /api/insight/surveys/drivers': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    get(() => '/api/insight/surveys/drivers?as_of=2026-02-30'),
  ],
  'GET /api/insight/studies/:id/levers': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    get(() => '/api/insight/studies/999999999/levers'),
  ],
  'GET /api/insight/studies/:id/levers/export': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    get(() => '/api/insight/studies/999999999/levers/export?format=xlsx'),
  ],
  'POST /api/insight/studies/:id/campaign': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/insight/studies/999999999/campaign',
      () => ({ lever: 'coupon', budget: 100, name: 'matrix' }),
    ),
  ],
  'GET /api/insight/studies/:id/customers/:customerId/shap': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    get(() => '/api/insight/studies/999999999/customers/1/shap'),
  ],
  'GET /api/insight/studies/:id/campaigns': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    get(() => '/api/insight/studies/999999999/campaigns'),
  ],
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
  // Campaigns (operations and admin): the rows on a campaign that does not exist, and the draft without a name,
  // answer 4xx once the permission check has let the caller through (the behaviour is campaigns.suite.ts's).
  'GET /api/campaigns': [SEGMENT_WRITE, get(() => '/api/campaigns')],
  'POST /api/campaigns': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/campaigns',
      () => ({ key: 'matrix' }),
    ),
  ],
  'POST /api/campaigns/check': [
    SEGMENT_WRITE,
    post(
      () => '/api/campaigns/check',
      () => ({ key: 'matrix' }),
    ),
  ],
  'GET /api/campaigns/:id': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    get(() => '/api/campaigns/999999999'),
  ],
  'PUT /api/campaigns/:id': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    (c) => ({ method: 'PUT', url: '/api/campaigns/999999999', payload: { key: `matrix-${c.caller}` } }),
  ],
  'POST /api/campaigns/:id/launch': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/campaigns/999999999/launch',
      () => ({}),
    ),
  ],
  'POST /api/campaigns/:id/end': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    post(
      () => '/api/campaigns/999999999/end',
      () => ({}),
    ),
  ],
  'GET /api/campaigns/:id/results': [
    ['401', '4xx', '4xx', '403', '403', '403', '403'],
    get(() => '/api/campaigns/999999999/results'),
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
  const marketable = await one<{ customer_id: number; channel: 'sms' | 'wechat' | 'app_push' }>(
    `SELECT c.id AS customer_id, k.channel FROM customers c JOIN staff s ON s.id = c.rm_id
       JOIN consents k ON k.customer_id = c.id AND k.purpose = 'marketing' AND k.granted
      WHERE s.username = 'rm001' AND c.risk_assessed_at >= $1::date AND k.channel IN ('sms', 'wechat', 'app_push')
      ORDER BY c.id, k.channel LIMIT 1`,
    [cutoff],
  );
  const r1 = await one<{ code: string }>(
    `SELECT code FROM products WHERE risk_level = 'R1' AND type = 'money_market' ORDER BY code LIMIT 1`,
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
  const self = phones[0]!;
  // A proactive message in the customer caller's inbox, for the read route.
  await t.db.query(
    `INSERT INTO advisor_inbox (customer_id, id, kind, text, text_en, quick_replies, created_at)
     VALUES ($1, $2, 'nav_swing', '净值提醒', 'NAV alert', '[]'::jsonb, now()) ON CONFLICT DO NOTHING`,
    [self.customer_id, MATRIX_INBOX_ID],
  );
  const contexts = new Map<Caller, CallerContext>();
  for (const [i, caller] of CALLERS.entries()) {
    const base = {
      caller,
      productCode: product.code,
      handoffId,
      compareCodes: compare,
      otpPhone: phones[i + 1]!.value,
      rmCustomerId: rmCustomer.id,
      marketable: { customerId: marketable.customer_id, channel: marketable.channel, productCode: r1.code },
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

  // Every route × caller: a few seconds on an idle machine, but past the 60 s default at a load of 15–20 on the
  // shared 2-core machine (docs/architecture.md "Tests"), so the limit leaves room for a loaded run.
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
  }, 300_000);
};
