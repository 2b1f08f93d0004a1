import fc from 'fast-check';
import { asc, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import {
  LEGACY_SEGMENTS,
  GRADES,
  LIFECYCLES,
  PRODUCT_RISKS,
  RISK_LEVELS,
  TIERS,
} from '../../../core/segment/attributes.js';
import { evaluateRule } from '../../../core/segment/evaluate.js';
import type { CustomerSnapshot } from '../../../core/segment/evaluate.js';
import type { Rule } from '../../../core/segment/rule.js';
import { parseRule } from '../../../core/segment/rule.js';
import type { Database } from '../../db/connection.js';
import { refreshLatestNav } from '../../db/nav-latest.js';
import {
  customers,
  customerTags,
  events,
  holdings,
  nav,
  orgUnits,
  products,
  staff,
} from '../../db/schema.js';
import { compileRule } from './compile.js';
import { loadSnapshots } from './snapshots.js';

/**
 * The two back ends of segment rules agree: for random rule trees over random customers (with birthdays on
 * 29 February, events exactly on a window's edge, AUM one fen either side of a bound, customers without RM …),
 * the SQL compiler selects exactly the customers the in-memory evaluator accepts. `db` is a migrated, empty
 * database; the suite writes its own customers.
 */

const PRODUCTS = [
  { code: 'P_MM', type: 'money_market', risk: 'R1', nav: '1.0000' },
  { code: 'P_BOND', type: 'pure_bond', risk: 'R2', nav: '1.2345' },
  { code: 'P_EQ', type: 'equity', risk: 'R4', nav: '2.5000' },
  { code: 'P_IDX', type: 'index', risk: 'R4', nav: '0.8765' },
  { code: 'P_QDII', type: 'qdii', risk: 'R5', nav: null },
  { code: 'P_WM', type: 'bank_wm', risk: 'R2', nav: '1.0500' },
] as const;
const TAGS = ['vip', 'churn.risk', 'car:owner'] as const;
const EVENT_TYPES = ['login', 'page_view', 'maturity'] as const;
const MONTH_DAYS = ['01-15', '02-28', '02-29', '03-01', '03-31', '06-30', '12-31'] as const;
const DAY = 86_400_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const dateOf = (y: number, md: string): string =>
  md === '02-29' && !isLeap(y) ? `${y}-02-28` : `${y}-${md}`;

type GenCustomer = {
  birthYear: number;
  birthMd: string;
  aumFen: number;
  risk: string;
  tier: string;
  grade: string;
  lifecycle: string;
  segment: string;
  cityTier: number;
  flags: [boolean, boolean, boolean, boolean];
  onboardMonthsBack: number;
  onboardDay: number;
  assessedDaysBack: number;
  rm: number | null;
  tags: string[];
  events: { type: string; daysBack: number; deltaMs: number }[];
  holdings: { product: number; units: number; costFen: number }[];
};

const customerArb = (): fc.Arbitrary<GenCustomer> =>
  fc.record({
    birthYear: fc.integer({ min: 1930, max: 2024 }),
    birthMd: fc.constantFrom(...MONTH_DAYS, 'asof'),
    aumFen: fc.oneof(
      fc.constantFrom(0, 4_999_999, 5_000_000, 5_000_001, 50_000_000, 600_000_000),
      fc.integer({ min: 0, max: 2_000_000_000 }),
    ),
    risk: fc.constantFrom(...RISK_LEVELS),
    tier: fc.constantFrom(...TIERS),
    grade: fc.constantFrom(...GRADES),
    lifecycle: fc.constantFrom(...LIFECYCLES),
    segment: fc.constantFrom(...LEGACY_SEGMENTS),
    cityTier: fc.integer({ min: 1, max: 5 }),
    flags: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
    onboardMonthsBack: fc.integer({ min: -1, max: 40 }),
    onboardDay: fc.constantFrom(1, 28, 29, 30, 31),
    assessedDaysBack: fc.integer({ min: 0, max: 800 }),
    rm: fc.constantFrom(null, 1, 2),
    tags: fc.subarray([...TAGS]),
    events: fc.array(
      fc.record({
        type: fc.constantFrom(...EVENT_TYPES),
        daysBack: fc.oneof(fc.constantFrom(0, 1, 7, 30), fc.integer({ min: 0, max: 90 })),
        deltaMs: fc.constantFrom(-1, 0, 1, -3_600_000, 3_600_000),
      }),
      { maxLength: 6 },
    ),
    holdings: fc.uniqueArray(
      fc.record({
        product: fc.integer({ min: 0, max: PRODUCTS.length - 1 }),
        units: fc.integer({ min: 0, max: 10_000_000 }),
        costFen: fc.integer({ min: 0, max: 100_000_000 }),
      }),
      { maxLength: 3, selector: (h) => h.product },
    ),
  });

const ruleArb = (today: string): fc.Arbitrary<Rule> => {
  const ymd = fc
    .tuple(fc.integer({ min: 2023, max: 2026 }), fc.constantFrom(...MONTH_DAYS))
    .map(([y, md]) => dateOf(y, md));
  const dates = fc.oneof(fc.constant(today), ymd);
  const scalarFor: Record<string, fc.Arbitrary<number | string | boolean>> = {
    age: fc.integer({ min: 0, max: 100 }),
    aum: fc.oneof(
      fc.constantFrom(0, 49_999.99, 50_000, 50_000.01, 500_000, 6_000_000, 123.455),
      fc.integer({ min: 0, max: 20_000_000 }),
    ),
    risk_level: fc.constantFrom(...RISK_LEVELS),
    tier: fc.constantFrom(...TIERS),
    grade: fc.constantFrom(...GRADES),
    lifecycle: fc.constantFrom(...LIFECYCLES),
    segment: fc.constantFrom(...LEGACY_SEGMENTS),
    city_tier: fc.integer({ min: 1, max: 5 }),
    county: fc.boolean(),
    payroll: fc.boolean(),
    elderly: fc.boolean(),
    car_owner: fc.boolean(),
    tenure_months: fc.integer({ min: 0, max: 40 }),
    risk_assessed_at: dates,
    rm_id: fc.constantFrom(1, 2, 3),
  };
  const boolAttrs = new Set(['county', 'payroll', 'elderly', 'car_owner']);
  const enumAttrs = new Set(['lifecycle', 'segment']);
  const attrLeaf = fc.constantFrom(...Object.keys(scalarFor)).chain((attr) => {
    const v = scalarFor[attr]!;
    const ops = boolAttrs.has(attr)
      ? (['eq', 'ne'] as const)
      : enumAttrs.has(attr)
        ? (['eq', 'ne', 'in'] as const)
        : (['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'between'] as const);
    return fc
      .constantFrom(...ops)
      .chain((op) =>
        (op === 'in'
          ? fc.array(v, { minLength: 1, maxLength: 4 })
          : op === 'between'
            ? fc.tuple(v, v)
            : v
        ).map((value) => ({ attr, op, value }) as unknown as Rule),
      );
  });
  const tagLeaf = fc.constantFrom(...TAGS, 'nobody').map((tag) => ({ tag }));
  const eventLeaf = fc.record({
    event: fc.constantFrom(...EVENT_TYPES),
    min_count: fc.integer({ min: 0, max: 4 }),
    days: fc.oneof(fc.constantFrom(1, 7, 30), fc.integer({ min: 1, max: 90 })),
  });
  const holdsLeaf = fc
    .record(
      {
        product_type: fc.constantFrom(...PRODUCTS.map((p) => p.type)),
        risk_level_gte: fc.constantFrom(...PRODUCT_RISKS),
        min_value: fc.oneof(fc.constantFrom(0, 1000, 50_000), fc.integer({ min: 0, max: 200_000 })),
      },
      { requiredKeys: [] },
    )
    .map((holds) => ({ holds }));
  const leaf = fc.oneof(
    { weight: 6, arbitrary: attrLeaf },
    { weight: 1, arbitrary: tagLeaf },
    { weight: 2, arbitrary: eventLeaf },
    { weight: 2, arbitrary: holdsLeaf },
  );
  const { tree } = fc.letrec<{ tree: Rule }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('tree'), { minLength: 1, maxLength: 4 }).map((all) => ({ all })),
      fc.array(tie('tree'), { minLength: 1, maxLength: 4 }).map((any) => ({ any })),
      tie('tree').map((not) => ({ not })),
    ),
  }));
  return tree;
};

const seedReference = async (db: Database): Promise<void> => {
  await db.orm.insert(orgUnits).values({ id: 'HQ', level: 'hq', name: 'HQ' });
  await db.orm.insert(staff).values(
    [1, 2].map((id) => ({
      id,
      username: `prop_rm${id}`,
      passwordHash: 'x',
      displayName: `RM ${id}`,
      role: 'rm' as const,
      orgUnitId: 'HQ',
      createdAt: new Date('2020-01-01T00:00:00Z'),
    })),
  );
  await db.orm.insert(products).values(
    PRODUCTS.map((p) => ({
      code: p.code,
      name: p.code,
      type: p.type,
      riskLevel: p.risk,
      issuer: 'i',
      manager: 'm',
      benchmark: 'b',
      inceptionDate: '2020-01-01',
      minPurchaseFen: 100,
      purchaseFeeRate: '0',
      redemptionFeeRate: '0',
      managementFeeRate: '0',
      custodyFeeRate: '0',
      salesServiceFeeRate: '0',
      dividendPolicy: 'none' as const,
      status: 'open' as const,
      description: '',
    })),
  );
  const navRows = PRODUCTS.flatMap((p) =>
    p.nav === null
      ? []
      : [
          {
            productCode: p.code,
            date: '2024-01-02',
            unit: '9.9999',
            accumulated: '9.9999',
            adjusted: '9.9999',
          },
          { productCode: p.code, date: '2024-02-01', unit: p.nav, accumulated: p.nav, adjusted: p.nav },
        ],
  );
  await db.orm.insert(nav).values(navRows);
  await refreshLatestNav(db);
};

const writePopulation = async (
  db: Database,
  gen: GenCustomer[],
  asOf: Date,
  today: string,
): Promise<void> => {
  await db.run(sqlTruncate);
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  const rows = gen.map((g, i) => {
    const idx = ty * 12 + tm - 1 - g.onboardMonthsBack;
    const oy = Math.floor(idx / 12);
    const om = idx - oy * 12 + 1;
    const dim = new Date(Date.UTC(oy, om, 0)).getUTCDate();
    return {
      id: i + 1,
      name: `c${i + 1}`,
      gender: 'F' as const,
      birthDate:
        g.birthMd === 'asof'
          ? `${g.birthYear}-${today.slice(5)}`.replace(/^(\d{4})-02-29$/, (s, y: string) =>
              isLeap(Number(y)) ? s : `${y}-02-28`,
            )
          : dateOf(g.birthYear, g.birthMd),
      idNumber: 'x',
      phone: '1',
      province: 'p',
      city: 'c',
      cityTier: g.cityTier,
      county: g.flags[0],
      occupation: 'o',
      education: 'e',
      annualIncomeFen: 0,
      aumFen: g.aumFen,
      segment: g.segment as (typeof LEGACY_SEGMENTS)[number],
      rmId: g.rm,
      orgUnitId: 'HQ',
      riskLevel: g.risk as (typeof RISK_LEVELS)[number],
      riskAssessedAt: new Date(Date.parse(`${today}T00:00:00Z`) - g.assessedDaysBack * DAY)
        .toISOString()
        .slice(0, 10),
      lowestCategory: false,
      professional: false,
      payroll: g.flags[1],
      elderly: g.flags[2],
      carOwner: g.flags[3],
      onboardedAt: `${pad(oy, 4)}-${pad(om)}-${pad(Math.min(g.onboardDay, dim))}`,
      status: 'active' as const,
      tier: g.tier as (typeof TIERS)[number],
      grade: g.grade as (typeof GRADES)[number],
      lifecycle: g.lifecycle as (typeof LIFECYCLES)[number],
    };
  });
  await db.orm.insert(customers).values(rows);
  const tagRows = gen.flatMap((g, i) =>
    g.tags.map((tagKey) => ({
      customerId: i + 1,
      tagKey,
      source: 'manual' as const,
      setAt: asOf,
      setBy: 'test',
    })),
  );
  if (tagRows.length > 0) await db.orm.insert(customerTags).values(tagRows);
  let eid = 0;
  const eventRows = gen.flatMap((g, i) =>
    g.events.map((e) => ({
      customerId: i + 1,
      id: ++eid,
      at: new Date(asOf.getTime() - e.daysBack * DAY + e.deltaMs),
      type: e.type as 'login',
      channel: 'app' as const,
      payload: {},
    })),
  );
  if (eventRows.length > 0) await db.orm.insert(events).values(eventRows);
  const holdingRows = gen.flatMap((g, i) =>
    g.holdings.map((h) => ({
      customerId: i + 1,
      productCode: PRODUCTS[h.product]!.code,
      units: (h.units / 100).toFixed(2),
      costFen: h.costFen,
      openedAt: '2023-01-01',
    })),
  );
  if (holdingRows.length > 0) await db.orm.insert(holdings).values(holdingRows);
};

const sqlTruncate = sql`TRUNCATE customers, customer_tags, events, holdings`;

/** Population instants: a leap day seen from UTC+8 (business date 1 March) and a 28 February before a leap-less March. */
const POPULATIONS = [
  { asOf: new Date('2024-02-29T17:30:00Z'), seed: 11, customers: 250, trees: 300 },
  { asOf: new Date('2025-02-28T10:00:00Z'), seed: 23, customers: 250, trees: 300 },
] as const;

export const segmentAgreementSuite = (ctx: () => Database): void => {
  beforeAll(async () => {
    await seedReference(ctx());
  });

  for (const pop of POPULATIONS) {
    it(`compiler and evaluator select the same customers: ${pop.trees} random trees, ${pop.customers} random customers, as of ${pop.asOf.toISOString()}`, async () => {
      const db = ctx();
      const today = new Date(pop.asOf.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      const gen = fc.sample(customerArb(), { numRuns: pop.customers, seed: pop.seed });
      await writePopulation(db, gen, pop.asOf, today);
      const snaps: CustomerSnapshot[] = await loadSnapshots(
        db,
        gen.map((_, i) => i + 1),
        pop.asOf,
      );
      expect(snaps).toHaveLength(pop.customers);
      let nonTrivial = 0;
      await fc.assert(
        fc.asyncProperty(ruleArb(today), async (rule) => {
          const parsed = parseRule(rule);
          const viaSql = (
            await db.orm
              .select({ id: customers.id })
              .from(customers)
              .where(compileRule(parsed, pop.asOf))
              .orderBy(asc(customers.id))
          ).map((r) => r.id);
          const inMemory = snaps.filter((s) => evaluateRule(parsed, s, pop.asOf)).map((s) => s.id);
          if (viaSql.length > 0 && viaSql.length < pop.customers) nonTrivial += 1;
          expect(viaSql).toEqual(inMemory);
        }),
        { numRuns: pop.trees, seed: pop.seed },
      );
      // The trees must discriminate: most select some customers but not all.
      expect(nonTrivial).toBeGreaterThan(pop.trees / 3);
    }, 600_000);
  }
};
