import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, TEST_SECRET } from '../../test/support/app.js';
import { buildApp } from './app.js';
import { permissionMatrixSuite, WECOM_SAMPLE } from './http/permission-matrix.suite.js';
import type { TestApp } from '../../test/support/app.js';
import type { TestDbKind } from '../../test/support/db.js';
import { accessSuite } from './http/access.suite.js';
import { fuzzSuite } from './http/fuzz.suite.js';
import { inputSuite } from './http/input.suite.js';
import { advisorySuite } from './modules/advisory/advisory.suite.js';
import { advisorSuite } from './modules/advisor/advisor.suite.js';
import { analyticsSuite } from './modules/analytics/analytics.suite.js';
import { assessmentsSuite } from './modules/assessments/assessments.suite.js';
import { copySuite } from './modules/copy/copy.suite.js';
import { customersSuite } from './modules/customers/customers.suite.js';
import { productsSuite } from './modules/products/products.suite.js';
import { rmAssistantSuite } from './modules/rm-assistant/rm-assistant.suite.js';
import { segmentsSuite } from './modules/segments/segments.suite.js';
import { cdpSuite, tagsSuite } from './modules/cdp/cdp.suite.js';
import { identitySuite } from './modules/identity/identity.suite.js';
import { eventsSuite } from './modules/events/events.suite.js';
import { campaignsSuite } from './modules/campaigns/campaigns.suite.js';

/** The test app on a copy of the seeded demo bank, built once per file and shared by its suites. */
const sharedApp = (kind: TestDbKind): (() => TestApp) => {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await createTestApp(kind, { customers: 200 });
  });
  afterAll(async () => {
    await t?.close();
  });
  const ctx = (): TestApp => {
    if (t === undefined) throw new Error('test app not ready');
    return t;
  };
  return ctx;
};

/** The same database behind an app with every route live (WeCom configured), for the route-wide suites. */
const fullAppOf = (ctx: () => TestApp): (() => FastifyInstance) => {
  let full: FastifyInstance | undefined;
  beforeAll(async () => {
    full = await buildApp({
      db: ctx().db,
      sessionSecret: TEST_SECRET,
      logLevel: 'silent',
      demoMode: true,
      rateLimits: { perMinute: 1_000_000, loginPerMinute: 1_000_000 },
      wecom: { config: WECOM_SAMPLE },
      llm: null,
    });
  });
  afterAll(async () => {
    await full?.close();
  });
  return (): FastifyInstance => {
    if (full === undefined) throw new Error('app not ready');
    return full;
  };
};

/**
 * The HTTP API in memory (app.inject) against a real database, on PGlite and on PostgreSQL. The demo bank is
 * copied once per engine and shared by the feature suites, which live beside their modules. One test file per
 * engine (api.pglite.test.ts, api.postgres.test.ts), so that the two run on separate workers.
 */
export const apiSuite = (kind: TestDbKind): void => {
  const ctx = sharedApp(kind);
  const fullApp = fullAppOf(ctx);
  describe('access', () => accessSuite(ctx));
  describe('bad input at the boundary', () => inputSuite(ctx));
  describe('permission matrix', () => permissionMatrixSuite(ctx, fullApp));
  describe('customers', () => customersSuite(ctx));
  describe('products, org and staff', () => productsSuite(ctx));
  describe('analytics and proposals', () => analyticsSuite(ctx));
  describe('risk assessments', () => assessmentsSuite(ctx));
  describe('advisory services', () => advisorySuite(ctx));
  describe('RM assistant: insight, intents, cards', () => rmAssistantSuite(ctx));
  describe('marketing copy and libraries', () => copySuite(ctx));
  describe('segments', () => segmentsSuite(ctx));
  describe('customer data platform', () => cdpSuite(ctx));
  describe('tags', () => tagsSuite(ctx));
  describe('ONE-ID', () => identitySuite(ctx));
  describe('event ingestion', () => eventsSuite(ctx));
  describe('advisor chat', () => advisorSuite(ctx));
  describe('campaigns and experiments', () => campaignsSuite(ctx));
};

/**
 * The hostile-input fuzz of every route × caller on a copy of its own: it was half of each API file's time, and in
 * a file of its own (api-fuzz.pglite.test.ts, api-fuzz.postgres.test.ts) it runs on another worker than the rest.
 */
export const apiFuzzSuite = (kind: TestDbKind): void => {
  const ctx = sharedApp(kind);
  const fullApp = fullAppOf(ctx);
  describe('route fuzz', () => fuzzSuite(ctx, fullApp));
};
