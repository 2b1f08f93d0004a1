import type { AdvisoryProduct } from '../../../core/advisory/product.js';
import { buildShelfContext, type ShelfContext } from '../../../core/advisory/shelf-context.js';
import type { ManagerRecord } from '../../../core/advisory/recommend/manager.js';
import type { StatementProduct } from '../../../core/advisory/statement/types.js';
import { isProductType } from '../../../core/advisory/shelf.js';
import { isProductRiskLevel } from '../../../core/suitability/types.js';
import type { Queryable } from '../../db/index.js';
import { indexHistories, navHistories, shelfRows, shelfStamp } from './repo.js';

export type IndexData = {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly dates: readonly string[];
  readonly close: Float64Array;
};

/** The shelf of one business day as the advisory engines need it, built once and shared by every customer. */
export type AdvisoryShelf = {
  readonly asOf: string;
  readonly stamp: string;
  readonly products: readonly AdvisoryProduct[];
  readonly byCode: ReadonlyMap<string, AdvisoryProduct>;
  readonly ctx: ShelfContext;
  readonly statementProducts: readonly StatementProduct[];
  readonly indices: ReadonlyMap<string, IndexData>;
  readonly managers: ReadonlyMap<string, ManagerRecord>;
  readonly inception: ReadonlyMap<string, string>;
};

const split = (s: string | null): string[] => (s === null || s === '' ? [] : s.split(','));

const YEAR_MS = 365.25 * 86_400_000;
const years = (from: string, to: string): number =>
  Math.max(0, (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / YEAR_MS);

/**
 * Manager records from the shelf itself (the demo has manager names, not careers): tenure = years since the
 * earliest inception of the manager's products; funds managed = their products on the shelf; excess return =
 * the mean of their funds' one-year return minus their type's median, over one year of record.
 */
const managersOf = (
  products: readonly AdvisoryProduct[],
  ctx: ShelfContext,
  inception: ReadonlyMap<string, string>,
): Map<string, ManagerRecord> => {
  const by = new Map<string, AdvisoryProduct[]>();
  for (const p of products) if (p.manager !== '') by.set(p.manager, [...(by.get(p.manager) ?? []), p]);
  const out = new Map<string, ManagerRecord>();
  for (const [name, list] of by) {
    const first = list.map((p) => inception.get(p.code) ?? ctx.asOf).sort()[0]!;
    const excess = list.flatMap((p) => {
      const r = ctx.products.get(p.code)?.return1y ?? null;
      const m = ctx.categories.get(p.type)?.medianReturn1y ?? null;
      return r === null || m === null ? [] : [r - m];
    });
    out.set(name, {
      name,
      tenureYears: years(first, ctx.asOf),
      fundsManaged: list.length,
      excessReturn: excess.length === 0 ? null : excess.reduce((a, b) => a + b, 0) / excess.length,
      recordYears: excess.length === 0 ? null : 1,
      category: list[0]!.type,
    });
  }
  return out;
};

const load = async (db: Queryable, asOf: string, stamp: string): Promise<AdvisoryShelf> => {
  const [rows, navs, idx] = await Promise.all([shelfRows(db), navHistories(db), indexHistories(db)]);
  const navBy = new Map(navs.map((n) => [n.code, n]));
  const products: AdvisoryProduct[] = [];
  const inception = new Map<string, string>();
  for (const r of rows) {
    if (!isProductType(r.type) || !isProductRiskLevel(r.risk)) continue;
    const n = navBy.get(r.code);
    const dates = n === undefined ? [] : n.dates.split(',');
    inception.set(r.code, r.inceptionDate);
    products.push({
      code: r.code,
      name: r.name,
      type: r.type,
      risk: r.risk,
      issuer: r.issuer,
      manager: r.manager,
      benchmarkIndex: r.benchmarkIndex,
      termDays: r.termDays,
      maturityDate: r.maturityDate,
      status: r.status,
      minPurchaseFen: r.minPurchaseFen,
      fees: {
        purchase: Number(r.purchase),
        redemption: Number(r.redemption),
        management: Number(r.management),
        custody: Number(r.custody),
        salesService: Number(r.salesService),
      },
      nav: {
        dates,
        unit: n === undefined ? new Float64Array(0) : Float64Array.from(n.units.split(','), Number),
        adjusted: n === undefined ? new Float64Array(0) : Float64Array.from(n.adjusted.split(','), Number),
      },
    });
  }
  const ctx = buildShelfContext(products, asOf);
  const indices = new Map<string, IndexData>(
    idx.map((i) => [
      i.code,
      {
        code: i.code,
        name: i.name,
        kind: i.kind,
        dates: split(i.dates),
        close: Float64Array.from(split(i.closes), Number),
      },
    ]),
  );
  return {
    asOf,
    stamp,
    products,
    byCode: new Map(products.map((p) => [p.code, p])),
    ctx,
    statementProducts: products.map((p) => ({
      code: p.code,
      name: p.name,
      category: p.type,
      nav: { dates: p.nav.dates, unit: p.nav.unit },
    })),
    indices,
    managers: managersOf(products, ctx, inception),
    inception,
  };
};

const cache = new WeakMap<Queryable, Map<string, Promise<AdvisoryShelf>>>();
const checked = new WeakMap<Queryable, { at: number; stamp: string }>();

/** How long a read of the shelf's stamp is trusted (the stamp query scans the NAV table). */
export const STAMP_TTL_MS = 30_000;

/**
 * The stored shelf's stamp (latest NAV date, NAV and product counts), re-read at most every STAMP_TTL_MS: caches
 * of anything computed from NAVs or products (this shelf, the product pages) key on it.
 */
export const shelfStampOf = async (db: Queryable): Promise<string> => {
  const c = checked.get(db);
  const now = Date.now();
  if (c !== undefined && now - c.at < STAMP_TTL_MS) return c.stamp;
  const stamp = await shelfStamp(db);
  checked.set(db, { at: now, stamp });
  return stamp;
};

/**
 * The advisory shelf as of `asOf`, cached per database and day while the stored shelf is unchanged (the
 * latest NAV date and the NAV and product counts, re-read at most every STAMP_TTL_MS: a new NAV day or product
 * rebuilds it). A few days are kept.
 */
export const advisoryShelf = async (db: Queryable, asOf: string): Promise<AdvisoryShelf> => {
  const stamp = await shelfStampOf(db);
  let days = cache.get(db);
  if (days === undefined) {
    days = new Map();
    cache.set(db, days);
  }
  const key = `${asOf}|${stamp}`;
  let hit = days.get(key);
  if (hit === undefined) {
    hit = load(db, asOf, stamp);
    hit.catch(() => days.delete(key));
    if (days.size >= 4) days.delete(days.keys().next().value!);
    days.set(key, hit);
  }
  return hit;
};
