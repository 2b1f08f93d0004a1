import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common.js';
import {
  DryRunBody,
  DryRunResponse,
  Lead,
  LeadIdParams,
  LeadNoteBody,
  LeadPatch,
  LeadQuery,
  RuleKeyParams,
  RuleView,
  StatsQuery,
  StatsResponse,
  SwitchBody,
} from '../../../contracts/mot.js';
import { parseMotRule } from '../../../core/engagement/mot-rule.js';
import { AppError, badInput } from '../../../core/errors.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import { principalOf } from '../../auth/guard.js';
import type { Principal } from '../../auth/principal.js';
import { motRuleSwitches, staff } from '../../db/schema.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { chinaDate } from '../customers/service.js';
import { addLeadNote, leadsOf, updateLeadStatus } from './leads.js';
import { loadRules, saveRule, setSwitch } from './rules.js';
import { dryRun, ruleStats } from './stats.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const who = (p: Principal): string => p.username ?? p.id;

/** The staff id of an RM username (a filter naming nobody is a 400 that says so). */
const rmIdOf = async (deps: AppDeps, username: string | undefined): Promise<number | undefined> => {
  if (username === undefined) return undefined;
  const [s] = await deps.db.orm.select({ id: staff.id }).from(staff).where(eq(staff.username, username));
  if (s === undefined) throw badInput('rm', `no staff member "${username}"; give a username such as rm001`);
  return s.id;
};

/** The rules with their per-unit switches, for the console. */
const ruleViews = async (deps: AppDeps): Promise<RuleView[]> => {
  const [rules, switches] = await Promise.all([
    loadRules(deps.db),
    deps.db.orm.select().from(motRuleSwitches).orderBy(motRuleSwitches.orgUnitId),
  ]);
  return rules.map((r) => ({
    ...r,
    trigger: r.trigger,
    actions: r.actions,
    updatedAt: r.updatedAt?.toISOString() ?? null,
    switches: switches
      .filter((s) => s.ruleKey === r.key)
      .map((s) => ({ org_unit_id: s.orgUnitId, enabled: s.enabled })),
  }));
};

const registerLeadRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/workbench/leads', {
    config: { permission: 'leads:read' },
    schema: {
      tags: ['mot'],
      summary: 'MOT leads in the caller’s scope (RM: own; branch manager: branch), soonest due first',
      querystring: LeadQuery,
      response: { 200: z.array(Lead), ...errors },
    },
    handler: async (req) => {
      const q = req.query;
      const rmId = await rmIdOf(deps, q.rm);
      return leadsOf(
        deps.db,
        principalOf(req),
        {
          limit: q.limit,
          ...(q.status === undefined ? {} : { status: q.status }),
          ...(q.from === undefined ? {} : { from: q.from }),
          ...(q.to === undefined ? {} : { to: q.to }),
          ...(rmId === undefined ? {} : { rmId }),
        },
        deps.now(),
      );
    },
  });

  app.patch('/api/workbench/leads/:id', {
    config: { permission: 'leads:write' },
    schema: {
      tags: ['mot'],
      summary: 'Move a lead on: new → contacted → won/lost (lost needs lost_reason); audited',
      params: LeadIdParams,
      body: LeadPatch,
      response: { 200: Lead, ...errors },
    },
    handler: async (req) => {
      const p = principalOf(req);
      const { before, lead } = await updateLeadStatus(deps.db, p, req.params.id, req.body, deps.now());
      await writeAudit(deps.db, actorOf(p), req.id, [
        {
          action: 'lead.status',
          targetKind: 'lead',
          target: String(lead.id),
          customerId: lead.customer_id,
          details: { from: before, to: lead.status, lostReason: lead.lost_reason, rule: lead.rule },
        },
      ]);
      return lead;
    },
  });

  app.post('/api/workbench/leads/:id/notes', {
    config: { permission: 'leads:write' },
    schema: {
      tags: ['mot'],
      summary: 'Add a follow-up note to a lead',
      params: LeadIdParams,
      body: LeadNoteBody,
      response: {
        201: z.object({
          id: z.number().int(),
          lead_id: z.number().int(),
          customer_id: z.number().int(),
          text: z.string(),
          created_at: z.string(),
        }),
        ...errors,
      },
    },
    handler: async (req, reply) => {
      const p = principalOf(req);
      const note = await addLeadNote(deps.db, p, req.params.id, req.body.text, deps.now());
      await writeAudit(deps.db, actorOf(p), req.id, [
        {
          action: 'lead.note',
          targetKind: 'lead',
          target: String(note.lead_id),
          customerId: note.customer_id,
          details: { length: note.text.length },
        },
      ]);
      return reply.code(201).send(note);
    },
  });
};

const registerRuleRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/mot/rules', {
    config: { permission: 'mot:read' },
    schema: {
      tags: ['mot'],
      summary: 'The effective MOT rules (latest version, else built-in) with their org-unit switches',
      response: { 200: z.array(RuleView), ...errors },
    },
    handler: () => ruleViews(deps),
  });

  app.put('/api/mot/rules/:key', {
    config: { permission: 'mot:write' },
    schema: {
      tags: ['mot'],
      summary: 'Save a rule as its next version (validated; a bad node → 400 naming its JSON path)',
      params: RuleKeyParams,
      body: z.unknown(),
      response: { 200: RuleView, ...errors },
    },
    handler: async (req) => {
      const p = principalOf(req);
      const rule = await saveRule(deps.db, req.params.key, req.body, who(p), deps.now());
      await writeAudit(deps.db, actorOf(p), req.id, [
        {
          action: 'mot.rule_save',
          targetKind: 'mot_rule',
          target: rule.key,
          customerId: null,
          details: { version: rule.version, enabled: rule.enabled },
        },
      ]);
      const view = (await ruleViews(deps)).find((r) => r.key === rule.key);
      if (view === undefined) throw new AppError('INTERNAL', `rule ${rule.key} vanished after saving`);
      return view;
    },
  });

  app.put('/api/mot/rules/:key/switch', {
    config: { permission: 'mot:switch' },
    schema: {
      tags: ['mot'],
      summary: 'Switch a rule on or off for an org unit (a branch manager: own branch and its outlets)',
      params: RuleKeyParams,
      body: SwitchBody,
      response: {
        200: z.object({ key: z.string(), org_unit_id: z.string(), enabled: z.boolean() }),
        ...errors,
      },
    },
    handler: async (req) => {
      const p = principalOf(req);
      const { org_unit_id: unit, enabled } = req.body;
      const scope = p.role === 'branch_manager' ? (p.branchId ?? '-') : null;
      await setSwitch(deps.db, req.params.key, unit, enabled, who(p), deps.now(), scope);
      await writeAudit(deps.db, actorOf(p), req.id, [
        {
          action: 'mot.rule_switch',
          targetKind: 'mot_rule',
          target: req.params.key,
          customerId: null,
          details: { orgUnitId: unit, enabled },
        },
      ]);
      return { key: req.params.key, org_unit_id: unit, enabled };
    },
  });

  app.post('/api/mot/rules/:key/dry-run', {
    config: { permission: 'mot:write' },
    schema: {
      tags: ['mot'],
      summary:
        'Who a rule (stored, or the draft in the body) would have hit between from and to; writes nothing',
      params: RuleKeyParams,
      body: DryRunBody,
      response: { 200: DryRunResponse, ...errors },
    },
    handler: async (req) => {
      const { from, to, rule } = req.body;
      const r =
        rule === undefined
          ? (await loadRules(deps.db)).find((x) => x.key === req.params.key)
          : parseMotRule({ ...(rule as object), key: req.params.key });
      if (r === undefined)
        throw new AppError('NOT_FOUND', `no MOT rule "${req.params.key}"`, { field: 'key' });
      return dryRun(deps.db, r, from, to);
    },
  });

  app.get('/api/mot/stats', {
    config: { permission: 'mot:read' },
    schema: {
      tags: ['mot'],
      summary: 'Per rule: fired, leads, contacted, won, lost, messages by outbox status, and per day',
      querystring: StatsQuery,
      response: { 200: StatsResponse, ...errors },
    },
    handler: async (req) => {
      const today = chinaDate(deps.now());
      const to = req.query.to ?? today;
      const from =
        req.query.from ??
        new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
      if (from > to) throw badInput('from', `from ${from} is after to ${to}; give from ≤ to`);
      return { from, to, rules: await ruleStats(deps.db, from, to) };
    },
  });
};

/** MOT rules and RM leads over HTTP (issue 14; ../shared/CLI.md "Engagement"). */
export const registerMotRoutes = (app: ZodApp, deps: AppDeps): void => {
  registerLeadRoutes(app, deps);
  registerRuleRoutes(app, deps);
};
