import { describe } from 'vitest';
import { testDbKinds } from '../../test/support/db.js';
import { apiSuite } from './api.suite.js';

/** The HTTP API suites on PostgreSQL when TEST_DATABASE_URL answers (testDbKinds prints why when it does not). */
describe.skipIf(!testDbKinds().includes('postgres'))('HTTP API on postgres', () => apiSuite('postgres'));
