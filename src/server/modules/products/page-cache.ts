import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ProductDetail } from '../../../contracts/products.js';
import type { ProductListQuery, ProductSummary } from '../../../contracts/products.js';
import type { Queryable } from '../../db/index.js';
import { shelfStampOf } from '../advisory/shelf.js';

/** A product page as sent: the JSON text, and its gzip form once a client has asked for it. */
export type ProductPageBody = { readonly json: string; gzip: Buffer | null };

const pages = new WeakMap<Queryable, { stamp: string; byCode: Map<string, Promise<ProductPageBody>> }>();

/**
 * The product page of `code`, built by `build`, checked against the route's response schema and serialised once,
 * then shared by every caller (the page holds nothing caller-specific) while the shelf's stamp is unchanged: a new
 * NAV day, new NAV rows or a new product (the stamp, re-read at most every STAMP_TTL_MS) rebuild every page. A
 * product that does not exist is not cached (its NOT_FOUND is thrown again next time). At most one entry per
 * product on the shelf.
 */
export const cachedProductPage = async (
  db: Queryable,
  code: string,
  build: () => Promise<ProductDetail>,
): Promise<ProductPageBody> => {
  const stamp = await shelfStampOf(db);
  let c = pages.get(db);
  if (c === undefined || c.stamp !== stamp) {
    c = { stamp, byCode: new Map() };
    pages.set(db, c);
  }
  const byCode = c.byCode;
  let hit = byCode.get(code);
  if (hit === undefined) {
    hit = build().then((d) => ({ json: JSON.stringify(z.encode(ProductDetail, d)), gzip: null }));
    hit.catch(() => byCode.delete(code));
    byCode.set(code, hit);
  }
  return hit;
};

type ListPage = { items: ProductSummary[]; total: number };
const lists = new WeakMap<Queryable, { stamp: string; byQuery: Map<string, Promise<ListPage>> }>();
/** Distinct list queries kept per stamp (searches are free text): past this the store starts over. */
const MAX_LISTS = 500;

/**
 * One page of the product list for query `q`, built by `build` and shared by every caller while the shelf's stamp
 * is unchanged (the list holds nothing caller-specific: the products, their latest NAV and one-year return).
 */
export const cachedProductList = async (
  db: Queryable,
  q: ProductListQuery,
  build: () => Promise<ListPage>,
): Promise<ListPage> => {
  const stamp = await shelfStampOf(db);
  let c = lists.get(db);
  if (c === undefined || c.stamp !== stamp || c.byQuery.size >= MAX_LISTS) {
    c = { stamp, byQuery: new Map() };
    lists.set(db, c);
  }
  const byQuery = c.byQuery;
  const key = JSON.stringify([q.q ?? '', q.type ?? '', q.risk ?? '', q.page, q.pageSize]);
  let hit = byQuery.get(key);
  if (hit === undefined) {
    hit = build();
    hit.catch(() => byQuery.delete(key));
    byQuery.set(key, hit);
  }
  return hit;
};

/** The gzip form of a cached page (compressed once, at the default level, then reused). */
export const gzipOf = (page: ProductPageBody): Buffer => (page.gzip ??= gzipSync(page.json));

/** Whether an Accept-Encoding header admits gzip (a `q=0` refuses it). */
export const acceptsGzip = (header: string | undefined): boolean =>
  header !== undefined &&
  header.split(',').some((token) => {
    const [name, ...params] = token.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== 'x-gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
