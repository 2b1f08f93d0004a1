import { and, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { StrategyCell, StrategyMatrix } from '../../../contracts/cdp.js';
import type { AarrrStage } from '../../../core/cdp/aarrr.js';
import { AARRR_STAGES, STAGE_RULES } from '../../../core/cdp/aarrr.js';
import { LIFECYCLES } from '../../../core/segment/attributes.js';
import type { Lifecycle } from '../../../core/segment/attributes.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import { scopeCondition, scopeOf } from '../../auth/principal.js';
import { cdpStrategyCells, customers as c } from '../../db/schema.js';
import type { AppDeps } from '../../http/deps.js';
import { compileRule } from '../segments/compile.js';

/** The AARRR stage of a customer as SQL: the first stage rule it matches, else acquisition. */
const stageExpr = (asOf: Date): SQL =>
  sql`CASE ${sql.join(
    STAGE_RULES.map((s) => sql`WHEN ${compileRule(s.rule, asOf)} THEN ${s.stage}`),
    sql` `,
  )} ELSE 'acquisition' END`;

/** Counts per AARRR stage × lifecycle in the caller's scope, with the strategy text operations wrote per cell. */
export const strategyMatrix = async (deps: AppDeps, p: Principal): Promise<StrategyMatrix> => {
  const asOf = deps.now();
  const stage = stageExpr(asOf);
  const [counts, texts] = await Promise.all([
    deps.db.rows<{ stage: string; lifecycle: string; n: number }>(
      sql`SELECT ${stage} AS stage, ${c.lifecycle} AS lifecycle, count(*)::int AS n FROM ${c}
          WHERE ${and(scopeCondition(scopeOf(p)), sql`${c.mergedInto} IS NULL`)} GROUP BY 1, 2`,
    ),
    deps.db.orm.select().from(cdpStrategyCells),
  ]);
  const key = (s: string, l: string) => `${s}|${l}`;
  const n = new Map(counts.map((r) => [key(r.stage, r.lifecycle), r.n]));
  const t = new Map(texts.map((r) => [key(r.stage, r.lifecycle), r]));
  const cells: StrategyCell[] = [];
  for (const s of AARRR_STAGES)
    for (const l of LIFECYCLES) {
      const saved = t.get(key(s, l));
      cells.push({
        stage: s,
        lifecycle: l,
        count: n.get(key(s, l)) ?? 0,
        text: saved?.text ?? '',
        updatedAt: saved?.updatedAt.toISOString() ?? null,
        updatedBy: saved?.updatedBy ?? null,
      });
    }
  return {
    stages: [...AARRR_STAGES],
    lifecycles: [...LIFECYCLES],
    stageRules: STAGE_RULES.map((s) => ({ stage: s.stage, rule: s.rule })),
    cells,
    total: counts.reduce((a, r) => a + r.n, 0),
  };
};

/** Saves the strategy text of one cell (audited with the previous text). */
export const saveStrategyCell = async (
  deps: AppDeps,
  p: Principal,
  stage: AarrrStage,
  lifecycle: Lifecycle,
  text: string,
  requestId: string,
): Promise<{
  stage: AarrrStage;
  lifecycle: Lifecycle;
  text: string;
  updatedAt: string;
  updatedBy: string;
}> => {
  const now = deps.now();
  const by = p.username ?? `${p.kind}:${p.id}`;
  return deps.db.transaction(async (tx) => {
    const [old] = await tx.orm
      .select({ text: cdpStrategyCells.text })
      .from(cdpStrategyCells)
      .where(sql`${cdpStrategyCells.stage} = ${stage} AND ${cdpStrategyCells.lifecycle} = ${lifecycle}`);
    await tx.orm
      .insert(cdpStrategyCells)
      .values({ stage, lifecycle, text, updatedAt: now, updatedBy: by })
      .onConflictDoUpdate({
        target: [cdpStrategyCells.stage, cdpStrategyCells.lifecycle],
        set: { text, updatedAt: now, updatedBy: by },
      });
    await writeAudit(tx, actorOf(p), requestId, [
      {
        action: 'cdp.strategy.save',
        targetKind: 'strategy_cell',
        target: `${stage}/${lifecycle}`,
        customerId: null,
        details: { previous: old?.text ?? null, text },
      },
    ]);
    return { stage, lifecycle, text, updatedAt: now.toISOString(), updatedBy: by };
  });
};
