import { asc, eq } from 'drizzle-orm';
import type { Writable } from 'node:stream';
import type { Segment, SegmentInput, SegmentPreview } from '../../../contracts/segments.js';
import { AppError } from '../../../core/errors.js';
import type { Rule } from '../../../core/segment/rule.js';
import { parseRule } from '../../../core/segment/rule.js';
import { parseCron } from '../../../core/schedule/cron.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import { scopeOf } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import type { Queryable } from '../../db/index.js';
import { segmentRefreshes, segments } from '../../db/schema.js';
import type { ExportFormat } from './export.js';
import { exportSegment } from './export.js';
import { countSegment, sampleSegment, segmentWhere } from './repo.js';
import { and as allOf, gt } from 'drizzle-orm';
import { customers } from '../../db/schema.js';

const SAMPLE = 20;

/** Count and a sample of a rule within the caller's scope. A bad rule is a 400 naming its JSON path. */
export const previewSegment = async (
  deps: AppDeps,
  p: Principal,
  input: unknown,
  sample = SAMPLE,
): Promise<SegmentPreview> => {
  const rule = parseRule(input);
  const started = performance.now();
  const where = segmentWhere(scopeOf(p), rule, deps.now());
  const [count, ids] = await Promise.all([
    countSegment(deps.db, where),
    sampleSegment(deps.db, where, sample),
  ]);
  return { count, sample: ids, ms: Math.round((performance.now() - started) * 10) / 10 };
};

type SegmentRow = typeof segments.$inferSelect;

const segmentOf = (r: SegmentRow): Segment => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  kind: r.kind,
  rule: r.rule,
  ownerStaffId: r.ownerStaffId,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  refreshCron: r.refreshCron,
});

/** The stored form of a refresh schedule (normalised spacing); undefined stays undefined (unchanged). */
const cronOf = (v: string | null | undefined): string | null | undefined =>
  v === undefined || v === null ? v : parseCron(v, 'refreshCron').text;

export const listSegments = async (db: Queryable): Promise<{ items: Segment[] }> => ({
  items: (await db.orm.select().from(segments).orderBy(asc(segments.kind), asc(segments.id))).map(segmentOf),
});

const findSegment = async (db: Queryable, id: number): Promise<SegmentRow> => {
  const [r] = await db.orm.select().from(segments).where(eq(segments.id, id));
  if (r === undefined) throw new AppError('NOT_FOUND', `segment ${id} not found`, { id });
  return r;
};

export const getSegment = async (db: Queryable, id: number): Promise<Segment> =>
  segmentOf(await findSegment(db, id));

/** The stored rule of a segment, checked again (a rule saved by an older version is reported, not run blind). */
export const segmentRule = async (db: Queryable, id: number): Promise<Rule> =>
  parseRule((await findSegment(db, id)).rule, `segment ${id} rule`);

export const createSegment = async (
  deps: AppDeps,
  p: Principal,
  input: SegmentInput,
  requestId: string,
): Promise<Segment> => {
  parseRule(input.rule);
  const now = deps.now();
  const [r] = await deps.db.orm
    .insert(segments)
    .values({
      name: input.name,
      description: input.description,
      kind: 'custom',
      rule: input.rule,
      refreshCron: cronOf(input.refreshCron) ?? null,
      ownerStaffId: p.staffId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await writeAudit(deps.db, actorOf(p), requestId, [
    {
      action: 'segment.save',
      targetKind: 'segment',
      target: String(r!.id),
      customerId: null,
      details: { name: input.name, refreshCron: r!.refreshCron },
    },
  ]);
  return segmentOf(r!);
};

export const updateSegment = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  input: SegmentInput,
  requestId: string,
): Promise<Segment> => {
  parseRule(input.rule);
  const old = await findSegment(deps.db, id);
  if (old.kind === 'group')
    throw new AppError(
      'CONFLICT',
      `segment ${id} is a built-in group (${old.key}); change the CDP policy instead`,
      { id },
    );
  const [r] = await deps.db.orm
    .update(segments)
    .set({
      name: input.name,
      description: input.description,
      rule: input.rule,
      updatedAt: deps.now(),
      ...(input.refreshCron === undefined ? {} : { refreshCron: cronOf(input.refreshCron) ?? null }),
    })
    .where(eq(segments.id, id))
    .returning();
  await writeAudit(deps.db, actorOf(p), requestId, [
    {
      action: 'segment.save',
      targetKind: 'segment',
      target: String(id),
      customerId: null,
      details: { name: input.name, refreshCron: r!.refreshCron },
    },
  ]);
  return segmentOf(r!);
};

export const deleteSegment = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
): Promise<{ deleted: number }> => {
  const old = await findSegment(deps.db, id);
  if (old.kind === 'group')
    throw new AppError('CONFLICT', `segment ${id} is a built-in group (${old.key})`, { id });
  await deps.db.transaction(async (tx) => {
    await tx.orm.delete(segmentRefreshes).where(eq(segmentRefreshes.segmentId, id));
    await tx.orm.delete(segments).where(eq(segments.id, id));
  });
  await writeAudit(deps.db, actorOf(p), requestId, [
    {
      action: 'segment.delete',
      targetKind: 'segment',
      target: String(id),
      customerId: null,
      details: { name: old.name },
    },
  ]);
  return { deleted: id };
};

/** Streams a saved segment's customers in the caller's scope; the export is audited before it starts. */
export const exportSavedSegment = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  format: ExportFormat,
  out: Writable,
  requestId: string,
): Promise<void> => {
  const rule = await segmentRule(deps.db, id);
  const asOf = deps.now();
  const where = segmentWhere(scopeOf(p), rule, asOf);
  const count = await countSegment(deps.db, where);
  await writeAudit(deps.db, actorOf(p), requestId, [
    {
      action: 'segment.export',
      targetKind: 'segment',
      target: String(id),
      customerId: null,
      details: { format, rows: count },
    },
  ]);
  await exportSegment(deps.db, where, asOf, format, out);
};

/**
 * The ids of a rule's live customers (all scopes: for operations' campaigns), one keyset page at a time, so that a
 * target of any size is walked in bounded memory. Pages are in id order; a page shorter than `pageSize` is the last.
 */
export async function* segmentCustomerIds(
  db: Queryable,
  rule: Rule,
  asOf: Date,
  pageSize = 2000,
): AsyncGenerator<number[]> {
  const where = segmentWhere({ kind: 'all' }, rule, asOf);
  let after = 0;
  for (;;) {
    const rows = await db.orm
      .select({ id: customers.id })
      .from(customers)
      .where(allOf(where, gt(customers.id, after)))
      .orderBy(asc(customers.id))
      .limit(pageSize);
    if (rows.length > 0) yield rows.map((r) => r.id);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}
