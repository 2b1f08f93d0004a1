import { createHash } from 'node:crypto';
import type { SeedMarker, SeedingPort } from '../core/seeding.js';
import { buildBankContext, DEMO_DEFAULTS, generateBundle, validateDemoOptions } from './bank.js';
import { DEMO_PASSWORD } from './org.js';
import { customerBuffers, pushBundle, referenceBuffers } from './tables.js';

export type SeedOptions = {
  customers?: number;
  seed?: number;
  /** Reference date (YYYY-MM-DD); default DEMO_DEFAULTS.asOf so the data never depends on the clock. */
  asOf?: string;
  /** Customers generated and written per COPY batch (bounds memory). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Replace data even when the database holds a non-demo installation (staff rows but no demo marker). */
  force?: boolean;
};

export type SeedResult = {
  customers: number;
  seed: number;
  asOf: string;
  rows: Record<string, number>;
  seconds: number;
};

/** What demo bank a database holds: the seed marker the seeding port records. */
export type DemoSeedInfo = SeedMarker;

/** Bump when the generator changes so that `caiban start` can tell an old demo bank from the current one. */
export const DEMO_VERSION = 2;

/** Tables the demo owns. The audit log is never truncated; sessions go because staff rows are replaced. */
const DEMO_TABLES = [
  // Rows about the demo customers written while the platform runs (assessments, targets, the RM assistant's
  // insights, intents, cards and sent copy): they would point at regenerated customers otherwise.
  'risk_assessments',
  'alert_targets',
  'customer_insights',
  'customer_intents',
  'rm_cards',
  'copy_outbox',
  'advisor_sessions',
  'advisor_messages',
  'advisor_handoffs',
  'advisor_tickets',
  'customer_tags',
  'customer_tag_history',
  'customer_merges',
  // Ingested events (issue 14): the ledger, market events and dead letters name the regenerated customers.
  'event_receipts',
  'market_events',
  'event_dead_letters',
  'events',
  'app_usage_monthly',
  'transactions',
  'holdings',
  'advisory_subscriptions',
  'consents',
  'customer_identities',
  'customers',
  'nav',
  'index_series',
  'indices',
  'products',
  'sessions',
  'staff',
  'org_units',
];

/**
 * (Re)generates the deterministic demo bank through the seeding port (src/core/seeding.ts; the server's
 * implementation is `seedingPort(db)`): the demo tables are replaced in ONE transaction, so a failure leaves
 * the previous data intact. Customers are generated and COPY-loaded chunk by chunk, so memory stays bounded
 * whatever `customers` is.
 */
export const seedDemoBank = async (port: SeedingPort, opts: SeedOptions = {}): Promise<SeedResult> => {
  const customers = opts.customers ?? DEMO_DEFAULTS.customers;
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const asOf = opts.asOf ?? DEMO_DEFAULTS.asOf;
  validateDemoOptions({ customers, seed, asOf });
  const chunk = Math.max(1, opts.chunkSize ?? 2000);
  const started = performance.now();
  const ctx = buildBankContext(seed, asOf);
  // A salt derived from the seed keeps two runs byte-identical; the hash is still a proper scrypt hash.
  const salt = createHash('sha256').update(`caiban-demo-${seed}`).digest().subarray(0, 16);
  const passwordHash = await port.hashPassword(DEMO_PASSWORD, salt);
  const rows: Record<string, number> = {};
  const markedAt = `${asOf}T08:00:00+08:00`;
  const marker: SeedMarker = { customers, seed, asOf, version: DEMO_VERSION };
  await port.replace(DEMO_TABLES, { force: opts.force === true, marker, markedAt }, async (w) => {
    for (const b of referenceBuffers(ctx, passwordHash, markedAt)) {
      rows[b.table] = b.rows;
      await w.copy(b.table, b.columns, b.take());
    }
    const bufs = customerBuffers();
    for (let from = 0; from < customers; from += chunk) {
      const to = Math.min(customers, from + chunk);
      for (let i = from; i < to; i++) pushBundle(generateBundle(ctx, i), bufs);
      for (const b of Object.values(bufs)) await w.copy(b.table, b.columns, b.take());
      opts.onProgress?.(to, customers);
    }
    for (const b of Object.values(bufs)) rows[b.table] = b.rows;
  });
  return { customers, seed, asOf, rows, seconds: (performance.now() - started) / 1000 };
};
