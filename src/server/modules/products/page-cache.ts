import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ProductDetail } from '../../../contracts/products.js';
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
