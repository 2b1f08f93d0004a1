import type { Role } from '../../contracts/common.js';

/**
 * Every route declares one permission in its `config.permission`. `public` needs no session; `authenticated`
 * needs any session; the others are granted to roles below. Data scope (which customers) is applied by the
 * services on top of the permission. `advice:write` (allocation proposals, which are recorded in the customer's
 * audit trail as advice given) belongs to the RM alone, for their own customers through the data scope; the
 * roles that oversee (branch manager, operations, admin, audit) read and never advise. `assessment:take`
 * (answering the risk questionnaire and confirming a changed level) belongs to the customer alone, for self:
 * staff read the history and never answer for the investor. `alerts:write` (a
 * holding's take-profit/stop-loss targets) belongs to the customer for themselves and to the RM for their own
 * customers. Marketing copy is
 * maker/checker (316号文): the RM makes (`copy:write`: generate, edit, submit, send approved copy to own
 * customers); operations checks (`copy:approve`: the approval queue, approve or reject), and the checker is
 * never the maker. RMs and operations curate the libraries (`library:write`); every staff member reads them.
 * Segments (issue 13): every
 * staff role previews and exports within its data scope; operations and admin save segments, merge identities and
 * set tags; an RM sets manual tags on their own customers. `taxonomy:write` (asking the optional LLM for a proposed
 * conversation tag taxonomy from a sample, for review) belongs to operations and admin. `events:write` (posting
 * behaviour and market events, reading and replaying dead letters — issue 14) belongs to operations and admin,
 * whose integration accounts feed the engagement loop. The advisor's operations
 * (issue 12: flow sets per org unit, the review queue, retraining) are written by operations
 * (`advisor_ops:write`) and read by operations, admin and audit (`advisor_ops:read`).
 * The durable job console (`jobs:read`: queues, schedules, failures — issue 14) belongs to operations and admin.
 * (`advisor_ops:write`) and read by operations, admin and audit (`advisor_ops:read`). Campaigns and experiments
 * (issue 14: drafts, launch through the outbox, results) are read and written by operations and admin
 * (`campaigns:read`, `campaigns:write`).
 * (`advisor_ops:write`) and read by operations, admin and audit (`advisor_ops:read`). The outbox (issue 14 item 4)
 * is read by every staff role within its data scope (`outbox:read`); consent evidence and contact preferences are
 * recorded (`consents:write`) by the customer for themselves, the RM for their own customers and operations.
 */
export const PERMISSIONS = [
  'public',
  'authenticated',
  'customers:read',
  'products:read',
  'org:read',
  'staff:read',
  'audit:read',
  'advice:write',
  'assessment:take',
  'alerts:write',
  'copy:write',
  'copy:approve',
  'library:write',
  'segments:read',
  'segments:write',
  'tags:write',
  'identity:write',
  'taxonomy:write',
  'advisor:chat',
  'handoffs:write',
  'events:write',
  'advisor_ops:read',
  'advisor_ops:write',
  'jobs:read',
  'campaigns:read',
  'campaigns:write',
  'outbox:read',
  'consents:write',
  // MOT rules and RM leads (issue 14): leads are read in scope by staff and worked by RMs and branch managers;
  // rules are read by the overseeing roles, written and dry-run by operations; a branch manager switches a rule
  // off or on for their own branch (operations for any unit).
  'leads:read',
  'leads:write',
  'mot:read',
  'mot:write',
  'mot:switch',
  // Insight studies (issue 15): operations and admin run, read and cancel them.
  'insight:run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

declare module 'fastify' {
  // Fastify's route config is an interface; declaration merging needs `interface`.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyContextConfig {
    permission?: Permission;
    /**
     * On a public route: resolve the session if the request carries one (req.principal, else null), under the
     * same token-flood limit as authenticated routes, without refusing the request when there is none.
     */
    optionalSession?: boolean;
  }
}

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [
    'customers:read',
    'products:read',
    'org:read',
    'staff:read',
    'audit:read',
    'segments:read',
    'segments:write',
    'tags:write',
    'identity:write',
    'taxonomy:write',
    'events:write',
    'advisor_ops:read',
    'jobs:read',
    'campaigns:read',
    'campaigns:write',
    'outbox:read',
    'leads:read',
    'mot:read',
    'insight:run',
  ],
  ops: [
    'customers:read',
    'products:read',
    'org:read',
    'staff:read',
    'copy:approve',
    'library:write',
    'segments:read',
    'segments:write',
    'tags:write',
    'identity:write',
    'taxonomy:write',
    'events:write',
    'advisor_ops:read',
    'advisor_ops:write',
    'jobs:read',
    'campaigns:read',
    'campaigns:write',
    'outbox:read',
    'consents:write',
    'leads:read',
    'mot:read',
    'mot:write',
    'mot:switch',
    'insight:run',
  ],
  branch_manager: [
    'customers:read',
    'products:read',
    'org:read',
    'staff:read',
    'segments:read',
    'outbox:read',
    'leads:read',
    'leads:write',
    'mot:read',
    'mot:switch',
  ],
  rm: [
    'customers:read',
    'products:read',
    'org:read',
    'advice:write',
    'alerts:write',
    'copy:write',
    'library:write',
    'segments:read',
    'tags:write',
    'handoffs:write',
    'outbox:read',
    'consents:write',
    'leads:read',
    'leads:write',
  ],
  auditor: [
    'customers:read',
    'products:read',
    'org:read',
    'staff:read',
    'audit:read',
    'segments:read',
    'advisor_ops:read',
    'outbox:read',
    'leads:read',
    'mot:read',
  ],
  customer: [
    'customers:read',
    'products:read',
    'alerts:write',
    'assessment:take',
    'advisor:chat',
    'consents:write',
  ],
};

export const permissionsOf = (role: Role): readonly Permission[] => GRANTS[role];

export const can = (role: Role, permission: Permission): boolean =>
  permission === 'public' || permission === 'authenticated' || GRANTS[role].includes(permission);
