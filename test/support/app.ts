import type { FastifyInstance } from 'fastify';
import { seedDemoBank } from '../../src/demo/index.js';
import { buildApp } from '../../src/server/app.js';
import type { AppOptions } from '../../src/server/app.js';
import type { TestDb, TestDbKind } from './db.js';
import { createTestDb, TEST_BANK, testSeedingPort } from './db.js';

export type TestApp = {
  app: FastifyInstance;
  db: TestDb;
  /** Logs a demo staff member in through the API (once per user) and returns the bearer token. */
  login: (username: string) => Promise<string>;
  /** Logs a demo customer in by SMS code (the demo code the API returns) and returns the bearer token. */
  loginCustomer: (phone: string) => Promise<string>;
  /** GET with a bearer token; returns status and parsed JSON body. */
  get: <T = unknown>(url: string, token: string | null) => Promise<{ status: number; body: T }>;
  close: () => Promise<void>;
};

export const TEST_SECRET = 'test-session-secret-0123456789abcdef';

/**
 * A real app on a real database (PGlite in memory or a fresh PostgreSQL database) holding the small TEST_BANK
 * demo bank, copied from the run's fixture. Create it once per test file (beforeAll).
 */
export const createTestApp = async (
  kind: TestDbKind,
  opts: { customers?: number; app?: Partial<AppOptions> } = {},
): Promise<TestApp> => {
  const customers = opts.customers ?? TEST_BANK.customers;
  // The run's seeded fixture is copied when the bank asked for is the standard one; another size is seeded here.
  const db = await createTestDb(kind, { content: customers === TEST_BANK.customers ? 'demo' : 'migrated' });
  if (customers !== TEST_BANK.customers)
    await seedDemoBank(testSeedingPort(db), { customers, seed: TEST_BANK.seed });
  const app = await buildApp({
    db,
    sessionSecret: TEST_SECRET,
    logLevel: 'silent',
    demoMode: true,
    rateLimits: { perMinute: 100_000, loginPerMinute: 10_000 },
    // No LLM unless a test configures one (independent of LLM_* in the developer's environment).
    llm: null,
    ...opts.app,
  });
  // Tokens are cached per user: scrypt verification costs ~0.5 s, and suites log the same users in often.
  const tokens = new Map<string, string>();
  const login = async (username: string): Promise<string> => {
    const cached = tokens.get(username);
    if (cached !== undefined) return cached;
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'demo1234' },
    });
    if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
    const token = r.json<{ token: string }>().token;
    tokens.set(username, token);
    return token;
  };
  const loginCustomer = async (phone: string): Promise<string> => {
    const sent = await app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });
    const code = sent.json<{ demoCode: string }>().demoCode;
    const r = await app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
    if (r.statusCode !== 200) throw new Error(`customer login ${phone}: ${r.statusCode} ${r.body}`);
    return r.json<{ token: string }>().token;
  };
  const get = async <T>(url: string, token: string | null) => {
    const r = await app.inject({
      method: 'GET',
      url,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: r.statusCode, body: r.json<T>() };
  };
  return {
    app,
    db,
    login,
    loginCustomer,
    get,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
};
