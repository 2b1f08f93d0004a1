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
    'insight:run',
  ],
  branch_manager: ['customers:read', 'products:read', 'org:read', 'staff:read', 'segments:read'],
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
  ],
  auditor: [
    'customers:read',
    'products:read',
    'org:read',
    'staff:read',
    'audit:read',
    'segments:read',
    'advisor_ops:read',
  ],
  customer: ['customers:read', 'products:read', 'alerts:write', 'assessment:take', 'advisor:chat'],
};

export const permissionsOf = (role: Role): readonly Permission[] => GRANTS[role];

export const can = (role: Role, permission: Permission): boolean =>
  permission === 'public' || permission === 'authenticated' || GRANTS[role].includes(permission);
