import type { Role } from '../../contracts/common.js';

export type NavItem = { key: string; path: string; labelKey: string; roles: readonly Role[]; ready: boolean };
export type NavGroup = { key: string; labelKey: string; items: readonly NavItem[] };

const STAFF: readonly Role[] = ['admin', 'ops', 'branch_manager', 'rm', 'auditor'];
const ALL: readonly Role[] = [...STAFF, 'customer'];

/**
 * The four surfaces of the product and who sees what. `ready: false` entries belong to later releases and
 * show an honest "coming soon" page.
 */
export const NAV: readonly NavGroup[] = [
  {
    key: 'advisor',
    labelKey: 'nav.advisor',
    items: [{ key: 'chat', path: '/advisor/chat', labelKey: 'nav.advisorChat', roles: ALL, ready: false }],
  },
  {
    key: 'mine',
    labelKey: 'nav.myWealth',
    items: [{ key: 'me', path: '/app', labelKey: 'nav.myAssets', roles: ['customer'], ready: true }],
  },
  {
    key: 'workbench',
    labelKey: 'nav.workbench',
    items: [
      {
        key: 'customers',
        path: '/workbench/customers',
        labelKey: 'nav.customers',
        roles: STAFF,
        ready: true,
      },
      {
        key: 'handoffs',
        path: '/workbench/handoffs',
        labelKey: 'handoffs.nav',
        roles: ['rm'],
        ready: true,
      },
      {
        key: 'copy',
        path: '/workbench/copy',
        labelKey: 'rmAssist.copyNav',
        roles: ['rm'],
        ready: true,
      },
      {
        key: 'leads',
        path: '/workbench/leads',
        labelKey: 'nav.leads',
        roles: ['rm', 'branch_manager'],
        ready: true,
      },
    ],
  },
  {
    key: 'console',
    labelKey: 'nav.console',
    items: [
      { key: 'products', path: '/console/products', labelKey: 'nav.products', roles: ALL, ready: true },
      { key: 'pk', path: '/console/pk', labelKey: 'nav.fundPk', roles: ALL, ready: true },
      {
        key: 'approvals',
        path: '/console/approvals',
        labelKey: 'rmAssist.approvalsNav',
        roles: ['ops'],
        ready: true,
      },
      {
        key: 'segments',
        path: '/console/segments',
        labelKey: 'nav.segments',
        roles: ['ops', 'admin', 'branch_manager'],
        ready: true,
      },
      {
        key: 'tags',
        path: '/console/tags',
        labelKey: 'nav.tags',
        roles: ['ops', 'admin', 'branch_manager'],
        ready: true,
      },
      {
        key: 'advisor-flows',
        path: '/console/advisor-flows',
        labelKey: 'advOps.flowsNav',
        roles: ['ops', 'admin', 'auditor'],
        ready: true,
      },
      {
        key: 'advisor-review',
        path: '/console/advisor-review',
        labelKey: 'advOps.reviewNav',
        roles: ['ops', 'admin', 'auditor'],
        ready: true,
      },
      {
        key: 'advisor-kb',
        path: '/console/advisor-kb',
        labelKey: 'advOps.kbNav',
        roles: ['ops', 'admin', 'auditor'],
        ready: true,
      },
      {
        key: 'strategy',
        path: '/console/strategy',
        labelKey: 'seg.matrix',
        roles: ['ops', 'admin', 'branch_manager'],
        ready: true,
      },
      {
        key: 'outbox',
        path: '/console/outbox',
        labelKey: 'outbox.nav',
        roles: STAFF,
        ready: true,
      },
      {
        key: 'mot-rules',
        path: '/console/mot-rules',
        labelKey: 'mot.rulesNav',
        roles: ['ops', 'admin', 'branch_manager', 'auditor'],
        ready: true,
      },
      {
        key: 'campaigns',
        path: '/console/campaigns',
        labelKey: 'camp.nav',
        roles: ['ops', 'admin'],
        ready: true,
      },
      {
        key: 'analytics',
        path: '/console/analytics',
        labelKey: 'nav.analytics',
        roles: ['ops', 'admin'],
        ready: false,
      },
      { key: 'jobs', path: '/console/jobs', labelKey: 'jobs.nav', roles: ['ops', 'admin'], ready: true },
      {
        key: 'insight',
        path: '/console/insight',
        labelKey: 'insight.nav',
        roles: ['ops', 'admin'],
        ready: true,
      },
    ],
  },
  {
    key: 'admin',
    labelKey: 'nav.admin',
    items: [
      {
        key: 'org',
        path: '/admin/org',
        labelKey: 'nav.org',
        roles: ['admin', 'ops', 'branch_manager', 'auditor'],
        ready: true,
      },
      { key: 'audit', path: '/admin/audit', labelKey: 'nav.audit', roles: ['admin', 'auditor'], ready: true },
    ],
  },
];

export const navFor = (role: Role): NavGroup[] =>
  NAV.map((g) => ({ ...g, items: g.items.filter((i) => i.roles.includes(role)) })).filter(
    (g) => g.items.length > 0,
  );

/** Where each role lands after login. */
export const homeOf = (role: Role): string =>
  role === 'customer'
    ? '/app'
    : role === 'ops'
      ? '/console/products'
      : role === 'auditor'
        ? '/admin/audit'
        : role === 'admin'
          ? '/admin/org'
          : '/workbench/customers';
