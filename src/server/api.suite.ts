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

/**
 * The HTTP API in memory (app.inject) against a real database, on PGlite and on PostgreSQL. The demo bank is
 * seeded once per engine (the slow part) and shared by the feature suites, which live beside their modules.
 * One test file per engine (api.pglite.test.ts, api.postgres.test.ts), so that the two run on separate workers:
 * together in one file they were the longest file of the suite by far.
 */
export const apiSuite = (kind: TestDbKind): void => {
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
  // The same database behind an app with every route live (WeCom configured), for the route-wide suites.
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
  const fullApp = (): FastifyInstance => {
    if (full === undefined) throw new Error('app not ready');
    return full;
  };
  describe('access', () => accessSuite(ctx));
  describe('bad input at the boundary', () => inputSuite(ctx));
  describe('permission matrix', () => permissionMatrixSuite(ctx, fullApp));
  describe('route fuzz', () => fuzzSuite(ctx, fullApp));
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
