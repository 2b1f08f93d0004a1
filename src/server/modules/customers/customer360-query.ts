import { desc, eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { DataScope } from '../../auth/principal.js';
import { scopeConditionWithPlaceholder, scopeValue } from '../../auth/principal.js';
import { jsonInt, prepared, type Queryable } from '../../db/index.js';
import type { TagSource } from '../../db/schema.js';
import {
  consents,
  customerIdentities,
  customerMerges,
  customerTags,
  customers as c,
  events,
  holdings,
  nav,
  orgUnits,
  products,
  segments,
  staff,
  transactions,
} from '../../db/schema.js';
import type { AuditActor } from '../../auth/audit.js';
import { auditInsertOf } from '../../auth/audit.js';
import { holdingValueFen } from '../segments/compile.js';
import type { MergeHistoryItem } from '../cdp/customer.js';
import type { EventRow, HoldingRow, TransactionRow } from './positions-repo.js';
import type { ConsentRow, CustomerDetailRow, IdentityRow } from './repo.js';
import { profileColumns } from './repo.js';

/**
 * Everything the customer 360 reads, in ONE statement (plus the session lookup) that also writes its PII audit row: the profile
 * row with its in-scope flag, and — only when the customer is in the caller's scope (a CASE, so nothing of another
 * RM's customer is read) — its identities, consents, tags, merges, valued holdings, latest 100 transactions and
 * events, and the stored group rules, each as a JSON array. It replaces 13 statements (profile, 5 lists, group
 * rules, tags, merges, and a 4-statement group snapshot that re-read the customer, its tags and holdings): on
 * PGlite every statement is a protocol round trip through the WebAssembly engine, on PostgreSQL a pool checkout,
 * a socket write and a drizzle query build. Compiled once per connection and scope kind (`prepared`).
 *
 * JSON carries numerics as text (exact decimals, as the column parsers give them), timestamps as ISO text turned
 * back into Dates here, and bigints as numbers checked to be safe integers (the same rule as the int8 parser).
 */

/** Rows the 360 shows at most of each list (the full lists have their own paged routes). */
export const CUSTOMER_360_LIMIT = 100;

const build = (db: Queryable, kind: DataScope['kind']) => {
  const id = sql.placeholder('id');
  const inScope = scopeConditionWithPlaceholder(kind);
  /** A JSON array of the rows of `from`, or [] — evaluated only for an in-scope customer. */
  const list = (object: SQL, order: SQL, from: SQL): SQL =>
    sql`CASE WHEN ${inScope} THEN (SELECT coalesce(json_agg(${object} ORDER BY ${order}), '[]'::json) FROM ${from}) END`;
  const latest = sql`(SELECT ${nav.date} AS date, ${nav.unit} AS unit FROM ${nav} WHERE ${nav.productCode} = ${holdings.productCode} ORDER BY ${nav.date} DESC LIMIT 1)`;
  // The PII read's audit row, written by this statement for an in-scope customer when `audit` is true.
  const audit = db.orm.$with('pii_audit', {}).as(
    auditInsertOf(sql`SELECT ${sql.placeholder('actorKind')}::text, ${sql.placeholder('actorId')}::text, 'pii.read',
        'customer', ${c.id}::text, ${c.id}, ${sql.placeholder('requestId')}::text, ${sql.placeholder('details')}::jsonb
      FROM ${c} WHERE ${c.id} = ${id} AND ${sql.placeholder('audit')}::boolean AND ${inScope}`),
  );
  return db.orm
    .with(audit)
    .select({
      ...profileColumns(sql.placeholder('cutoff')),
      inScope: sql<boolean>`${inScope}`,
      identities: sql<unknown>`${list(
        sql`json_build_object('channel', i.channel, 'value', i.value, 'verified', i.verified, 'linkedAt', i.linked_at)`,
        sql`i.channel, i.value`,
        sql`${customerIdentities} i WHERE i.customer_id = ${id}`,
      )}`,
      consents: sql<unknown>`${list(
        sql`json_build_object('purpose', k.purpose, 'channel', k.channel, 'granted', k.granted, 'at', k.at)`,
        sql`k.purpose, k.channel`,
        sql`${consents} k WHERE k.customer_id = ${id}`,
      )}`,
      tags: sql<unknown>`${list(
        sql`json_build_object('key', g.tag_key, 'source', g.source)`,
        sql`g.tag_key`,
        sql`${customerTags} g WHERE g.customer_id = ${id}`,
      )}`,
      merges: sql<unknown>`${list(
        sql`json_build_object('id', m.id, 'survivor', m.customer_id, 'merged', m.merged_customer_id, 'rule', m.rule,
          'status', m.status, 'movedEvents', CASE WHEN jsonb_typeof(m.moved->'events') = 'array'
          THEN jsonb_array_length(m.moved->'events') ELSE 0 END, 'at', m.at, 'by', m.by, 'reason', m.reason,
          'unmergedAt', m.unmerged_at, 'unmergedBy', m.unmerged_by)`,
        sql`m.at DESC`,
        sql`${customerMerges} m WHERE m.customer_id = ${id} OR m.merged_customer_id = ${id}`,
      )}`,
      // The holding's value as the group compiler values it (nav_latest), for the in-memory group snapshot.
      holdings: sql<unknown>`${list(
        sql`json_build_object('productCode', h.product_code, 'productName', h.product_name, 'productType', h.product_type,
          'productRisk', h.product_risk, 'units', h.units::text, 'costFen', h.cost_fen, 'openedAt', h.opened_at,
          'navDate', h.nav_date, 'navUnit', h.nav_unit::text, 'marketValue', h.market_value::text, 'valueFen', h.value_fen)`,
        sql`h.market_value DESC NULLS LAST, h.product_code`,
        sql`(SELECT ${holdings.productCode} AS product_code, ${products.name} AS product_name,
            ${products.type} AS product_type, ${products.riskLevel} AS product_risk, ${holdings.units} AS units,
            ${holdings.costFen} AS cost_fen, ${holdings.openedAt} AS opened_at, n.date AS nav_date, n.unit AS nav_unit,
            round(${holdings.units} * n.unit, 2) AS market_value, ${holdingValueFen()} AS value_fen
          FROM ${holdings} INNER JOIN ${products} ON ${products.code} = ${holdings.productCode}
          LEFT JOIN LATERAL ${latest} n ON true
          WHERE ${holdings.customerId} = ${id}) h`,
      )}`,
      transactions: sql<unknown>`${list(
        sql`json_build_object('id', t.id, 'productCode', t.product_code, 'productName', t.product_name, 'type', t.type,
          'tradeDate', t.trade_date, 'amountFen', t.amount_fen, 'units', t.units::text, 'nav', t.nav::text,
          'feeFen', t.fee_fen, 'channel', t.channel)`,
        sql`t.trade_date DESC, t.id DESC`,
        sql`(SELECT ${transactions.id} AS id, ${transactions.productCode} AS product_code, ${products.name} AS product_name,
            ${transactions.type} AS type, ${transactions.tradeDate} AS trade_date, ${transactions.amountFen} AS amount_fen,
            ${transactions.units} AS units, ${transactions.nav} AS nav, ${transactions.feeFen} AS fee_fen,
            ${transactions.channel} AS channel
          FROM ${transactions} INNER JOIN ${products} ON ${products.code} = ${transactions.productCode}
          WHERE ${transactions.customerId} = ${id}
          ORDER BY ${desc(transactions.tradeDate)}, ${desc(transactions.id)} LIMIT ${CUSTOMER_360_LIMIT}) t`,
      )}`,
      events: sql<unknown>`${list(
        sql`json_build_object('id', e.id, 'at', e.at, 'type', e.type, 'channel', e.channel, 'payload', e.payload)`,
        sql`e.at DESC, e.id DESC`,
        sql`(SELECT ${events.id} AS id, ${events.at} AS at, ${events.type} AS type, ${events.channel} AS channel,
            ${events.payload} AS payload
          FROM ${events} WHERE ${events.customerId} = ${id}
          ORDER BY ${desc(events.at)}, ${desc(events.id)} LIMIT ${CUSTOMER_360_LIMIT}) e`,
      )}`,
      groupRules: sql<unknown>`${list(
        sql`json_build_object('key', s.key, 'rule', s.rule::text)`,
        sql`s.key`,
        sql`${segments} s WHERE s.kind = 'group'`,
      )}`,
    })
    .from(c)
    .leftJoin(staff, eq(staff.id, c.rmId))
    .innerJoin(orgUnits, eq(orgUnits.id, c.orgUnitId))
    .where(eq(c.id, id))
    .prepare(`customer_360_${kind}`);
};

const date = (v: unknown): Date => new Date(v as string);
const dateOrNull = (v: unknown): Date | null => (v === null ? null : new Date(v as string));
type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (v ?? []) as Json[];

/** A holding as the 360 values it, plus its value as the group compiler values it (for the group snapshot). */
export type Holding360 = HoldingRow & { valueFen: number };

export type Customer360Data = {
  row: CustomerDetailRow;
  identities: IdentityRow[];
  consents: ConsentRow[];
  tags: { key: string; source: TagSource }[];
  merges: MergeHistoryItem[];
  holdings: Holding360[];
  transactions: TransactionRow[];
  events: EventRow[];
  groupRules: { key: string | null; rule: string }[];
};

/** The `pii.read` audit row of a 360 read in clear: who, in which request, with which details. */
export type PiiReadAudit = { actor: AuditActor; requestId: string; details: Record<string, unknown> };

/**
 * Loads the 360 of customer `id` for a caller of `scope` (`cutoff`: the oldest still valid risk assessment): null
 * when the customer does not exist; when it exists outside the scope, only `row` (with `inScope` false) is read and
 * every list is empty. With `audit`, the same statement writes its `pii.read` row for an in-scope customer.
 */
export const loadCustomer360 = async (
  db: Queryable,
  scope: DataScope,
  id: number,
  cutoff: string,
  audit: PiiReadAudit | null,
): Promise<Customer360Data | null> => {
  const query = prepared(db.orm, `customer_360_${scope.kind}`, () => build(db, scope.kind));
  const r = (
    await query.execute({
      id,
      cutoff,
      scope: scopeValue(scope),
      audit: audit !== null,
      actorKind: audit?.actor.kind ?? null,
      actorId: audit?.actor.id ?? null,
      requestId: audit?.requestId ?? null,
      details: audit === null ? null : JSON.stringify(audit.details),
    })
  )[0];
  if (r === undefined) return null;
  const {
    identities,
    consents: cs,
    tags,
    merges,
    holdings: hs,
    transactions: ts,
    events: es,
    groupRules,
    ...row
  } = r;
  return {
    row,
    identities: arr(identities).map((i) => ({
      channel: i.channel as IdentityRow['channel'],
      value: i.value as string,
      verified: i.verified as boolean,
      linkedAt: date(i.linkedAt),
    })),
    consents: arr(cs).map((k) => ({
      purpose: k.purpose as ConsentRow['purpose'],
      channel: k.channel as ConsentRow['channel'],
      granted: k.granted as boolean,
      at: date(k.at),
    })),
    tags: arr(tags).map((g) => ({ key: g.key as string, source: g.source as TagSource })),
    merges: arr(merges).map((m) => ({
      id: jsonInt(m.id),
      survivor: jsonInt(m.survivor),
      merged: jsonInt(m.merged),
      rule: m.rule as string,
      status: m.status as string,
      movedEvents: m.movedEvents as number,
      at: date(m.at).toISOString(),
      by: m.by as string,
      reason: m.reason as string | null,
      unmergedAt: dateOrNull(m.unmergedAt)?.toISOString() ?? null,
      unmergedBy: m.unmergedBy as string | null,
    })),
    holdings: arr(hs).map((h) => ({
      productCode: h.productCode as string,
      productName: h.productName as string,
      productType: h.productType as HoldingRow['productType'],
      productRisk: h.productRisk as HoldingRow['productRisk'],
      units: h.units as string,
      costFen: jsonInt(h.costFen),
      openedAt: h.openedAt as string,
      navDate: h.navDate as string | null,
      navUnit: h.navUnit as string | null,
      marketValue: h.marketValue as string | null,
      valueFen: jsonInt(h.valueFen),
    })),
    transactions: arr(ts).map((t) => ({
      id: jsonInt(t.id),
      productCode: t.productCode as string,
      productName: t.productName as string,
      type: t.type as TransactionRow['type'],
      tradeDate: t.tradeDate as string,
      amountFen: jsonInt(t.amountFen),
      units: t.units as string,
      nav: t.nav as string,
      feeFen: jsonInt(t.feeFen),
      channel: t.channel as TransactionRow['channel'],
    })),
    events: arr(es).map((e) => ({
      id: jsonInt(e.id),
      at: date(e.at),
      type: e.type as EventRow['type'],
      channel: e.channel as EventRow['channel'],
      payload: e.payload as EventRow['payload'],
    })),
    groupRules: arr(groupRules).map((s) => ({ key: s.key as string | null, rule: s.rule as string })),
  };
};
