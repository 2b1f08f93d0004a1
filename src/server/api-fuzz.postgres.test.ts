import { describe } from 'vitest';
import { testDbKinds } from '../../test/support/db.js';
import { apiFuzzSuite } from './api.suite.js';

/** The hostile-input fuzz of every route × caller on PostgreSQL when TEST_DATABASE_URL answers. */
describe.skipIf(!testDbKinds().includes('postgres'))('HTTP API on postgres', () => apiFuzzSuite('postgres'));
