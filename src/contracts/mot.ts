import { z } from 'zod';

/**
 * HTTP shapes of MOT rules and RM leads (../shared/CLI.md "Engagement": `GET /api/workbench/leads` →
 * `[{ id, customer_id, rule, status, due_at, script }]`, more fields allowed), shared by server and web.
 */
export const LEAD_STATUSES = ['new', 'contacted', 'won', 'lost'] as const;
export type LeadStatusName = (typeof LEAD_STATUSES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date YYYY-MM-DD' });

export const LeadQuery = z.object({
  status: z.enum(LEAD_STATUSES, { message: `expected one of ${LEAD_STATUSES.join(', ')}` }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Staff username of the RM (operations and branch managers filter by RM). */
  rm: z
    .string()
    .regex(/^[a-z0-9_]{2,32}$/, { message: 'a staff username such as rm001' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const LeadNote = z.object({
  id: z.number().int(),
  author_id: z.number().int(),
  text: z.string(),
  created_at: z.string(),
});

export const Lead = z.object({
  id: z.number().int(),
  customer_id: z.number().int(),
  rule: z.string(),
  rule_version: z.number().int(),
  status: z.enum(LEAD_STATUSES),
  lost_reason: z.string().nullable(),
  rm_id: z.number().int().nullable(),
  org_unit_id: z.string(),
  due_at: z.string(),
  sla: z.enum(['ok', 'due_soon', 'overdue', 'closed']),
  escalated_at: z.string().nullable(),
  escalated_to: z.number().int().nullable(),
  script: z.string(),
  script_en: z.string(),
  created_at: z.string(),
  closed_at: z.string().nullable(),
  notes: z.array(LeadNote),
});
export type Lead = z.infer<typeof Lead>;

export const LeadIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const LeadPatch = z.strictObject({
  status: z.enum(LEAD_STATUSES, { message: `expected one of ${LEAD_STATUSES.join(', ')}` }),
  lost_reason: z.string().trim().max(500).optional(),
});

export const LeadNoteBody = z.strictObject({
  text: z.string().trim().min(1, { message: 'write the note' }).max(2000),
});

export const RuleKeyParams = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,47}$/, { message: 'a snake_case rule key such as large_inflow' }),
});

export const RuleView = z.looseObject({
  key: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  trigger: z.record(z.string(), z.unknown()),
  actions: z.record(z.string(), z.unknown()),
  priority: z.number(),
  dedupeWindowDays: z.number(),
  version: z.number().int(),
  enabled: z.boolean(),
  builtin: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  switches: z.array(z.object({ org_unit_id: z.string(), enabled: z.boolean() })),
});
export type RuleView = z.infer<typeof RuleView>;

export const SwitchBody = z.strictObject({
  org_unit_id: z.string().trim().min(1).max(32),
  enabled: z.boolean({ message: 'expected true (on) or false (off)' }),
});

export const DryRunBody = z.strictObject({
  from: z.string().min(10).max(40),
  to: z.string().min(10).max(40),
  /** An unsaved definition to try; default: the stored rule of the key. */
  rule: z.unknown().optional(),
});

export const DryRunResponse = z.object({
  rule: z.string(),
  from: z.string(),
  to: z.string(),
  count: z.number().int(),
  hits: z.array(
    z.object({
      customer_id: z.number().int(),
      at: z.string(),
      subject: z.string().nullable(),
      dedupe_key: z.string(),
    }),
  ),
});
export type DryRunResponse = z.infer<typeof DryRunResponse>;

export const StatsQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const RuleStatsItem = z.object({
  rule: z.string(),
  fired: z.number().int(),
  leads: z.number().int(),
  contacted: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  messages: z.record(z.string(), z.number().int()),
  days: z.array(
    z.object({
      date: z.string(),
      fired: z.number().int(),
      leads: z.number().int(),
      won: z.number().int(),
      messages: z.number().int(),
    }),
  ),
});
export type RuleStatsItem = z.infer<typeof RuleStatsItem>;
export const StatsResponse = z.object({ from: z.string(), to: z.string(), rules: z.array(RuleStatsItem) });
export type StatsResponse = z.infer<typeof StatsResponse>;
