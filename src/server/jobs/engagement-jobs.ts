import { escalateOverdue, runDue, scanSchedules } from '../modules/mot/service.js';
import { channelAdapters, providersFromEnv } from '../modules/outbox/adapters.js';
import { attributeConversions, dispatchDue, enqueueMessages } from '../modules/outbox/service.js';
import { defineJob } from './registry.js';

const mot = { enqueue: enqueueMessages };

/**
 * The engagement loop's schedules (issue 14). Events are evaluated as they arrive: ingestion nudges `mot.evaluate`
 * (one waiting job at most, polled every 0.5 s), and `mot.tick` catches up every minute on whatever a nudge missed
 * (events loaded by the CLI, a nudge lost in a restart) and escalates leads past their SLA. Every handler is
 * idempotent through the database's unique keys (a lead per rule × customer × window, an outbox row per message
 * key, receipts claimed with SKIP LOCKED), so retries and several server processes never duplicate an effect.
 */
export const ENGAGEMENT_JOBS = [
  defineJob({
    name: 'mot.evaluate',
    description: '按新到事件评估 MOT 规则 / evaluate MOT rules on newly arrived events',
    retryLimit: 3,
    retryDelay: 5,
    retryBackoff: true,
    singleton: true,
    pollingIntervalSeconds: 0.5,
    expireInSeconds: 900,
    handler: ({ db, now }) => runDue(db, now, mot),
  }),
  defineJob({
    name: 'mot.tick',
    description:
      '每分钟补评事件并升级超时线索 / every minute: evaluate missed events, escalate overdue leads',
    schedule: '* * * * *',
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    singleton: true,
    expireInSeconds: 900,
    handler: async ({ db, now }) => ({
      ...(await runDue(db, now, mot)),
      escalated: await escalateOverdue(db, now),
    }),
  }),
  defineJob({
    name: 'mot.daily-scan',
    description:
      '每日扫描到期、测评到期、生日、反复浏览与回撤 / daily scan: maturities, assessment expiry, birthdays, repeat views, drawdowns',
    schedule: '30 9 * * *',
    retryLimit: 3,
    retryDelay: 300,
    retryBackoff: true,
    singleton: true,
    expireInSeconds: 3 * 3600,
    handler: ({ db, now }) => scanSchedules(db, now, mot),
  }),
  defineJob({
    name: 'outbox.dispatch',
    description: '每分钟发送到时的消息 / every minute: send the messages that are due',
    schedule: '* * * * *',
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    singleton: true,
    expireInSeconds: 900,
    handler: ({ db, now }) => dispatchDue(db, now, channelAdapters(providersFromEnv(process.env))),
  }),
  defineJob({
    name: 'outbox.attribute',
    description: '每小时归因转化 / hourly: attribute purchases to the messages that preceded them',
    schedule: '40 * * * *',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    singleton: true,
    expireInSeconds: 3600,
    handler: async ({ db, now }) => ({ attributed: await attributeConversions(db, now) }),
  }),
];
