import { describe } from 'vitest';
import { apiFuzzSuite } from './api.suite.js';

/** The hostile-input fuzz of every route × caller on PGlite (the other API suites are api.pglite.test.ts). */
describe('HTTP API on pglite', () => apiFuzzSuite('pglite'));
