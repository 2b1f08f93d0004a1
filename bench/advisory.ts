/**
 * Per-customer cost of the pure advisory engines on inputs shaped exactly like the demo bank's (the demo
 * generator's shelf, NAV, customers, holdings and transactions; no database): the wealth check-up, a one-year
 * statement and recommendations, plus the outbound guard on a reply-sized text. Target: well under 20 ms per
 * customer for the three together. The shelf context is built once per business day and shared.
 * Run: npx tsx bench/advisory.ts [--customers 400] [--seed 1]   Prints one JSON report on stdout.
 */
import { cpus, loadavg } from 'node:os';
import { addDays } from '../src/core/advisory/days.js';
import type { AdvisoryProduct } from '../src/core/advisory/product.js';
import { recommendProducts } from '../src/core/advisory/recommend/rank.js';
import { buildShelfContext } from '../src/core/advisory/shelf-context.js';
import { buildStatement } from '../src/core/advisory/statement/statement.js';
import { guardOutbound } from '../src/core/guard/guard.js';
import { runCheckup } from '../src/core/portfolio/checkup/checkup.js';
import { buildBankContext, DEMO_DEFAULTS, generateBundle } from '../src/demo/index.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const CUSTOMERS = arg('customers', 400);
const SEED = arg('seed', DEMO_DEFAULTS.seed);
const AS_OF = DEMO_DEFAULTS.asOf;

const bank = buildBankContext(SEED, AS_OF);
const products: AdvisoryProduct[] = bank.products.map((p) => {
  const s = bank.nav.get(p.code)!;
  return {
    code: p.code,
    name: p.name,
    type: p.type,
    risk: p.riskLevel,
    issuer: p.issuer,
    manager: p.manager,
    benchmarkIndex: p.benchmarkIndex,
    termDays: p.termDays,
    maturityDate: p.maturityDate,
    status: p.status,
    minPurchaseFen: p.minPurchaseFen,
    fees: {
      purchase: Number(p.purchaseFeeRate),
      redemption: Number(p.redemptionFeeRate),
      management: Number(p.managementFeeRate),
      custody: Number(p.custodyFeeRate),
      salesService: Number(p.salesServiceFeeRate),
    },
    nav: { dates: s.dates, unit: s.unit, adjusted: s.adjusted },
  };
});
const statementProducts = products.map((p) => ({ code: p.code, name: p.name, category: p.type, nav: p.nav }));
const csi300 = bank.indices.find((i) => i.index.code === 'CSI300')!.series;

const t0 = performance.now();
const shelf = buildShelfContext(products, AS_OF);
const shelfMs = performance.now() - t0;

const from = addDays(`${Number(AS_OF.slice(0, 4)) - 1}${AS_OF.slice(4)}`, 1);
const times = {
  checkup: [] as number[],
  statement: [] as number[],
  recommend: [] as number[],
  total: [] as number[],
};
let holdingsSeen = 0;
let findings = 0;
let refusals = 0;
const bundles = Array.from({ length: CUSTOMERS }, (_, i) => generateBundle(bank, i));
const time = <T>(fn: () => T, into: number[]): T => {
  const s = performance.now();
  const out = fn();
  into.push(performance.now() - s);
  return out;
};
let cpu = process.cpuUsage();
let wall = 0;
for (let pass = 0; pass < 2; pass++) {
  // Pass 0 warms the JIT; pass 1 is measured.
  if (pass === 1) {
    for (const k of Object.keys(times) as (keyof typeof times)[]) times[k].length = 0;
    cpu = process.cpuUsage();
    wall = performance.now();
  }
  for (const b of bundles) {
    const c = b.customer;
    const state = {
      level: c.riskLevel,
      assessedAt: c.riskAssessedAt,
      channel: 'bank' as const,
      lowestCategory: c.lowestCategory,
      professional: c.professional,
      age: c.age,
    };
    const holdings = b.holdings.map((h) => ({
      productCode: h.productCode,
      units: h.units.toFixed(2),
      costFen: h.costFen,
      openedAt: h.openedAt,
    }));
    const start = performance.now();
    const checkup = time(
      () =>
        runCheckup({
          asOf: AS_OF,
          customer: { ...state, annualIncomeFen: c.annualIncomeFen, cashFen: c.depositFen },
          holdings,
          shelf,
        }),
      times.checkup,
    );
    time(
      () =>
        buildStatement({
          from,
          to: AS_OF,
          transactions: b.transactions.map((t) => ({
            productCode: t.productCode,
            type: t.type,
            tradeDate: t.tradeDate,
            amountFen: t.amountFen,
            units: t.units.toFixed(2),
            nav: t.nav.toFixed(4),
            feeFen: t.feeFen,
          })),
          products: statementProducts,
          benchmark: [{ code: 'CSI300', weight: 1, dates: csi300.dates, close: csi300.close }],
        }),
      times.statement,
    );
    const rec = time(
      () =>
        recommendProducts({
          asOf: AS_OF,
          customer: state,
          holdings,
          shelf,
          request: { purpose: 'growth', amountFen: 10_000_000, horizonMonths: 36 },
        }),
      times.recommend,
    );
    times.total.push(performance.now() - start);
    if (pass === 1) {
      holdingsSeen += holdings.length;
      findings += checkup.findings.length;
      if (!rec.ok) refusals++;
    }
  }
}

const cpuUsed = process.cpuUsage(cpu);
wall = performance.now() - wall;

const GUARD_TEXT =
  '根据您的风险测评结果（平衡型），可以关注中低风险的固收+产品，净值会随市场波动，建议持有一年以上。近一年该类产品收益率约3.5%，过往业绩不代表未来表现。基金有风险，投资需谨慎。本内容由AI生成，仅供参考。';
const guardTimes: number[] = [];
for (let i = 0; i < 3000; i++) {
  const s = performance.now();
  guardOutbound({
    content: {
      texts: [{ text: GUARD_TEXT, productTypes: ['bond_plus'], aiGenerated: true }],
      products: [
        { code: 'BP001', risk: 'R3', type: 'bond_plus' },
        { code: 'PB002', risk: 'R2', type: 'pure_bond' },
      ],
    },
    customer: { level: 'C3', assessedAt: '2026-03-01', channel: 'bank', age: 40 },
    now: AS_OF,
  });
  if (i >= 1000) guardTimes.push(performance.now() - s);
}

const stats = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const q = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))]!;
  return {
    median_ms: +q(0.5).toFixed(3),
    p95_ms: +q(0.95).toFixed(3),
    max_ms: +v[v.length - 1]!.toFixed(3),
    mean_ms: +(v.reduce((s, x) => s + x, 0) / v.length).toFixed(3),
  };
};
const report = {
  bench: 'advisory-engines',
  inputs: {
    source: 'demo generator (no database)',
    customers: CUSTOMERS,
    seed: SEED,
    as_of: AS_OF,
    products: products.length,
    holdings: holdingsSeen,
    statement_period: { from, to: AS_OF },
  },
  shelf_context_ms: +shelfMs.toFixed(2),
  per_customer: {
    checkup: stats(times.checkup),
    statement_1y: stats(times.statement),
    recommendations: stats(times.recommend),
    all_three: stats(times.total),
  },
  /** Process CPU time (user + system) of the measured pass per customer: less sensitive to other load than wall time. */
  cpu_ms_per_customer: +((cpuUsed.user + cpuUsed.system) / 1000 / CUSTOMERS).toFixed(3),
  wall_ms_per_customer: +(wall / CUSTOMERS).toFixed(3),
  guard_reply_ms: stats(guardTimes),
  target_per_customer_ms: 20,
  findings_per_customer: +(findings / CUSTOMERS).toFixed(2),
  recommendation_refusals: refusals,
  machine: {
    node: process.version,
    cpus: cpus().length,
    loadavg_1m: +loadavg()[0]!.toFixed(2),
    note: 'shared machine: timings are noisy',
  },
};
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
