import { recentEventCustomers, refreshCdp, refreshEventTags, refreshTags } from '../modules/cdp/service.js';
import { refreshDueSegments } from '../modules/segments/refresh.js';
import { defineJob } from './registry.js';

/**
 * The customer-data schedules (issue 13): 三分体系 + lifecycle recomputed daily, rule/model tags hourly (event-counting tags
 * every minute for customers with new events), saved
 * segments on their own schedules (checked every minute). Each is idempotent: the CDP and tag refreshes set state
 * (running twice leaves what running once leaves), segment refreshes write one row per segment and firing.
 */
export const CDP_JOBS = [
  defineJob({
    name: 'cdp.refresh',
    description: '每日重算客户分层、生命周期与标签 / daily recompute of tiers, lifecycle and tags',
    schedule: '30 2 * * *',
    retryLimit: 3,
    retryDelay: 300,
    retryBackoff: true,
    singleton: true,
    expireInSeconds: 3 * 3600,
    handler: ({ db, now }) => db.transaction((tx) => refreshCdp(tx, { asOf: now })),
  }),
  defineJob({
    name: 'tags.refresh',
    description: '每小时刷新规则与模型标签 / hourly refresh of rule and model tags',
    schedule: '15 * * * *',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    singleton: true,
    expireInSeconds: 3600,
    handler: ({ db, now }) => db.transaction((tx) => refreshTags(tx, now)),
  }),
  defineJob({
    name: 'tags.on-events',
    description:
      '每分钟按新到事件刷新事件类标签 / every minute: event-counting tags of customers with new events',
    schedule: '* * * * *',
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    singleton: true,
    expireInSeconds: 900,
    // A two-minute look-back overlaps the previous firing: recomputing a tag is idempotent, a gap is not.
    handler: async ({ db, now }) =>
      db.transaction(async (tx) => refreshEventTags(tx, await recentEventCustomers(tx, now, 2), now)),
  }),
  defineJob({
    name: 'segments.refresh-due',
    description: '按计划刷新已保存分群的人数 / refresh saved segments whose schedule is due',
    schedule: '* * * * *',
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    singleton: true,
    expireInSeconds: 3600,
    handler: ({ db, now }) => refreshDueSegments(db, now),
  }),
];
