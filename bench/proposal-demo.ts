/**
 * The allocation acceptance line on the full default demo bank (5,000 customers, seed 1, as of 2026-10-30, what
 * `caiban start` seeds): every C3 customer with a valid assessment who holds exactly one fund gets a proposal
 * for re-planning that fund's market value; the report counts how many come out diversified (≥ 3 asset classes),
 * within R3 and in fewer than 5 trades, checks determinism, and times the endpoint.
 * Run: npx tsx bench/proposal-demo.ts [--customers 5000]   Prints one JSON report on stdout.
 */
import type { ProposalResponse } from '../src/contracts/analytics.js';
import { DEMO_DEFAULTS, seedDemoBank } from '../src/demo/index.js';
import { buildApp } from '../src/server/app.js';
import { createTestDb } from '../test/support/db.js';
import { seedingPort } from '../src/server/db/seeding.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const CUSTOMERS = arg('customers', 5000);
const FUND_TYPES = [
  'money_market',
  'short_bond',
  'pure_bond',
  'bond_plus',
  'hybrid',
  'equity',
  'index',
  'sector',
  'qdii',
];

const db = await createTestDb('pglite');
await seedDemoBank(seedingPort(db), {
  customers: CUSTOMERS,
  seed: DEMO_DEFAULTS.seed,
  asOf: DEMO_DEFAULTS.asOf,
});
// The business day after the demo's reference date, so assessment validity is what the demo intends.
const now = new Date(`${DEMO_DEFAULTS.asOf}T04:00:00Z`);
const app = await buildApp({
  db,
  sessionSecret: 'bench-session-secret-0123456789abcdef',
  logLevel: 'silent',
  demoMode: true,
  rateLimits: { perMinute: 1_000_000, loginPerMinute: 1_000 },
  now: () => now,
});
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: 'ops01', password: 'demo1234' },
});
const auth = { authorization: `Bearer ${login.json<{ token: string }>().token}` };

const rows = await db.query<{ id: number; value: string }>(
  `SELECT c.id, max(round(h.units * n.unit, 2))::text AS value
     FROM customers c JOIN holdings h ON h.customer_id = c.id JOIN products p ON p.code = h.product_code
     JOIN LATERAL (SELECT unit FROM nav WHERE product_code = h.product_code ORDER BY date DESC LIMIT 1) n ON TRUE
    WHERE c.risk_level = 'C3' AND (c.risk_assessed_at + interval '12 months')::date >= $1::date
    GROUP BY c.id HAVING count(*) = 1 AND bool_and(p.type = ANY($2::text[])) ORDER BY c.id`,
  [DEMO_DEFAULTS.asOf, FUND_TYPES],
);

const ms: number[] = [];
const trades = new Map<number, number>();
let diversified = 0;
let withinLevel = 0;
let fewTrades = 0;
let all = 0;
let deterministic = 0;
const failures: Array<{ id: number; amount: number; classes: number; trades: number }> = [];
for (const [k, r] of rows.entries()) {
  const payload = { purpose: 'growth', amount: Number(r.value), horizonMonths: 60, riskAppetite: 'C3' };
  const t0 = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: `/api/customers/${r.id}/proposal`,
    headers: auth,
    payload,
  });
  ms.push(performance.now() - t0);
  if (res.statusCode !== 200) throw new Error(`customer ${r.id}: HTTP ${res.statusCode} ${res.body}`);
  const p = res.json<ProposalResponse>();
  const classes = new Set(p.picks.map((x) => x.assetClass)).size;
  const div = classes >= 3;
  const lvl = p.picks.every((x) => Number(x.risk.slice(1)) <= 3);
  const few = p.trades.length < 5;
  diversified += div ? 1 : 0;
  withinLevel += lvl ? 1 : 0;
  fewTrades += few ? 1 : 0;
  all += div && lvl && few ? 1 : 0;
  if (!(div && lvl && few))
    failures.push({ id: r.id, amount: payload.amount, classes, trades: p.trades.length });
  trades.set(p.trades.length, (trades.get(p.trades.length) ?? 0) + 1);
  if (k < 10) {
    const again = await app.inject({
      method: 'POST',
      url: `/api/customers/${r.id}/proposal`,
      headers: auth,
      payload,
    });
    deterministic += again.body === res.body ? 1 : 0;
  }
}
ms.sort((a, b) => a - b);
const q = (p: number) => Number((ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN).toFixed(1));
process.stdout.write(
  JSON.stringify(
    {
      bench: 'allocation proposal acceptance on the default demo bank (PGlite, app.inject)',
      customers: CUSTOMERS,
      single_fund_c3_customers: rows.length,
      diversified_3_classes: diversified,
      within_r3: withinLevel,
      fewer_than_5_trades: fewTrades,
      all_three: all,
      trades_histogram: Object.fromEntries([...trades].sort((a, b) => a[0] - b[0])),
      deterministic_of_first_10: deterministic,
      failures_amount_max: Math.max(0, ...failures.map((f) => f.amount)),
      passing_amount_min: Math.min(
        ...rows.map((r) => Number(r.value)).filter((v) => !failures.some((f) => f.amount === v)),
      ),
      failures: failures.slice(0, 10),
      latency_ms: { p50: q(0.5), p95: q(0.95) },
    },
    null,
    2,
  ) + '\n',
);
await app.close();
await db.close();
