import { desc, eq, sql } from 'drizzle-orm';
import { BUILTIN_RULES } from '../../../core/engagement/builtin-rules.js';
import { parseMotRule, type MotRule } from '../../../core/engagement/mot-rule.js';
import { AppError, badInput } from '../../../core/errors.js';
import type { Rule } from '../../../core/segment/rule.js';
import type { Database, Queryable } from '../../db/index.js';
import { motRules, motRuleSwitches, orgUnits } from '../../db/schema.js';

/**
 * MOT rules as data (issue 14): the effective rule of a key is its highest stored version, else the built-in
 * definition. A save stores the next version (versions are kept); a switch turns a rule off (or on again) for an
 * org unit — a branch's switch covers its outlets, an outlet's own switch wins over its branch's.
 */
export type StoredRule = MotRule & { updatedAt: Date | null; updatedBy: string | null; builtin: boolean };

/** The effective rules, built-ins first in their order, then rules added by operations (by key). */
export const loadRules = async (db: Queryable): Promise<StoredRule[]> => {
  const rows = await db.rows<{
    key: string;
    version: number;
    definition: Record<string, unknown>;
    enabled: boolean;
    updated_at: Date;
    updated_by: string;
  }>(sql`
    select distinct on (key) key, version, definition, enabled, updated_at, updated_by
      from ${motRules} order by key, version desc`);
  const stored = new Map(rows.map((r) => [r.key, r]));
  const out: StoredRule[] = [];
  for (const b of BUILTIN_RULES) {
    const s = stored.get(b.key);
    out.push(
      s === undefined
        ? { ...b, updatedAt: null, updatedBy: null, builtin: true }
        : { ...fromRow(s), builtin: true },
    );
    stored.delete(b.key);
  }
  for (const s of [...stored.values()].sort((a, b) => a.key.localeCompare(b.key)))
    out.push({ ...fromRow(s), builtin: false });
  return out;
};

const fromRow = (s: {
  key: string;
  version: number;
  definition: Record<string, unknown>;
  enabled: boolean;
  updated_at: Date;
  updated_by: string;
}): MotRule & { updatedAt: Date; updatedBy: string } => ({
  ...(s.definition as unknown as MotRule),
  key: s.key,
  version: s.version,
  enabled: s.enabled,
  updatedAt: s.updated_at,
  updatedBy: s.updated_by,
});

/**
 * Stores `input` as the next version of rule `key` (validated: a bad node → 400 naming its JSON path). The key in
 * the body, when given, must match the URL's.
 */
export const saveRule = async (
  db: Database,
  key: string,
  input: unknown,
  by: string,
  now: Date,
): Promise<MotRule> => {
  const body = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  if (body.key !== undefined && body.key !== key)
    throw badInput('rule.key', `the body's key ${JSON.stringify(body.key)} differs from the URL's "${key}"`);
  // What GET /api/mot/rules adds to a rule (so the console can send back what it read).
  const { builtin: _b, updatedAt: _u, updatedBy: _w, switches: _s, ...definition } = body;
  const parsed = parseMotRule({ ...definition, key, version: 1 });
  return db.transaction(async (tx) => {
    const [last] = await tx.orm
      .select({ version: motRules.version })
      .from(motRules)
      .where(eq(motRules.key, key))
      .orderBy(desc(motRules.version))
      .limit(1);
    const builtin = BUILTIN_RULES.find((r) => r.key === key);
    const version = Math.max(last?.version ?? 0, builtin?.version ?? 0) + 1;
    const rule: MotRule = { ...parsed, version };
    // Two editors saving at once: the primary key (key, version) refuses the second, which retries with a reload.
    await tx.orm.insert(motRules).values({
      key,
      version,
      definition: rule,
      enabled: rule.enabled,
      updatedAt: now,
      updatedBy: by,
    });
    return rule;
  });
};

/** Switches a rule on or off for an org unit; `scopeBranch` (a branch manager's) limits the units allowed. */
export const setSwitch = async (
  db: Database,
  key: string,
  orgUnitId: string,
  enabled: boolean,
  by: string,
  now: Date,
  scopeBranch: string | null,
): Promise<void> => {
  if (!(await loadRules(db)).some((r) => r.key === key))
    throw new AppError('NOT_FOUND', `no MOT rule "${key}"`, { field: 'key' });
  const [unit] = await db.orm
    .select({ id: orgUnits.id, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(eq(orgUnits.id, orgUnitId));
  if (unit === undefined)
    throw badInput('org_unit_id', `no org unit "${orgUnitId}"; give a branch or outlet id such as OU01`);
  if (scopeBranch !== null && unit.id !== scopeBranch && unit.parentId !== scopeBranch)
    throw new AppError('FORBIDDEN', `org unit ${orgUnitId} is outside your branch ${scopeBranch}`);
  await db.orm
    .insert(motRuleSwitches)
    .values({ ruleKey: key, orgUnitId, enabled, updatedAt: now, updatedBy: by })
    .onConflictDoUpdate({
      target: [motRuleSwitches.ruleKey, motRuleSwitches.orgUnitId],
      set: { enabled, updatedAt: now, updatedBy: by },
    });
};

export type SwitchRow = { ruleKey: string; orgUnitId: string; enabled: boolean };

/** Every switch (a small table: rules × units). */
export const loadSwitches = (db: Queryable): Promise<SwitchRow[]> =>
  db.orm
    .select({
      ruleKey: motRuleSwitches.ruleKey,
      orgUnitId: motRuleSwitches.orgUnitId,
      enabled: motRuleSwitches.enabled,
    })
    .from(motRuleSwitches);

/**
 * The keys switched off for a customer of `outlet` under `branch`: the outlet's own switch wins, else the
 * branch's.
 */
export const offKeysFor = (
  switches: readonly SwitchRow[],
  outlet: string,
  branch: string | null,
): Set<string> => {
  const own = new Map<string, boolean>();
  const parent = new Map<string, boolean>();
  for (const s of switches) {
    if (s.orgUnitId === outlet) own.set(s.ruleKey, s.enabled);
    else if (branch !== null && s.orgUnitId === branch) parent.set(s.ruleKey, s.enabled);
  }
  const off = new Set<string>();
  for (const k of new Set([...own.keys(), ...parent.keys()]))
    if ((own.get(k) ?? parent.get(k)) === false) off.add(k);
  return off;
};

/** The longest event window any rule's conditions count (days), so snapshots read no more events than needed. */
export const eventDaysOf = (rules: readonly MotRule[]): number => {
  let max = 0;
  const walk = (r: Rule): void => {
    if ('all' in r) r.all.forEach(walk);
    else if ('any' in r) r.any.forEach(walk);
    else if ('not' in r) walk(r.not);
    else if ('event' in r) max = Math.max(max, r.days);
  };
  for (const r of rules) if (r.conditions !== undefined) walk(r.conditions);
  return max;
};
