import { describe } from 'vitest';
import { apiSuite } from './api.suite.js';

/** The HTTP API suites on PGlite (the PostgreSQL run is api.postgres.test.ts, on another worker). */
describe('HTTP API on pglite', () => apiSuite('pglite'));
