import type { MessageChannel } from '../../../core/engagement/message.js';
import { badInput } from '../../../core/errors.js';
import type { Queryable } from '../../db/queryable.js';
import { advisorInbox, channelDeliveries } from '../../db/schema.js';
import type { OutboxRow } from './repo.js';

/** What an adapter is given: the claimed row, and the dispatching transaction to write its own records in. */
export type SendContext = { readonly db: Queryable; readonly now: Date };

/** What the adapter did: `delivered` marks the row sent; `failed` keeps it queued, retried 5 minutes later. */
export type SendResult = {
  readonly status: 'delivered' | 'failed';
  readonly detail?: Record<string, unknown>;
};

/**
 * One channel's way out. A bank plugs a real SMS gateway, WeCom or mail server by giving an adapter for that
 * channel; the outbox calls `send` once per claimed row, inside the claiming transaction.
 */
export type ChannelAdapter = {
  readonly channel: MessageChannel;
  readonly provider: string;
  send(msg: OutboxRow, ctx: SendContext): Promise<SendResult>;
};

export type ChannelAdapters = Partial<Readonly<Record<MessageChannel, ChannelAdapter>>>;

const recordDelivery = async (
  ctx: SendContext,
  msg: OutboxRow,
  provider: string,
  result: SendResult,
): Promise<void> => {
  await ctx.db.orm.insert(channelDeliveries).values({
    customerId: msg.customerId,
    outboxId: msg.id,
    channel: msg.channel,
    provider,
    status: result.status,
    detail: result.detail ?? {},
    at: ctx.now,
  });
};

/**
 * The customer's in-app inbox (`advisor_inbox`, what the chat page shows): `app` messages arrive as
 * `outbox_app`, `chat` ones as proactive chat messages `outbox_chat`. The outbox id keys the inbox row, so a
 * re-sent row never appears twice.
 */
export const inboxAdapter = (channel: 'app' | 'chat'): ChannelAdapter => ({
  channel,
  provider: 'inbox',
  send: async (msg, ctx) => {
    const text = msg.title === null || msg.title === '' ? msg.body : `${msg.title}\n${msg.body}`;
    await ctx.db.orm
      .insert(advisorInbox)
      .values({
        customerId: msg.customerId,
        id: `outbox:${msg.id}`,
        kind: `outbox_${channel}`,
        productCode: msg.productCodes[0] ?? null,
        text,
        textEn: msg.bodyEn ?? text,
        quickReplies: [],
        createdAt: ctx.now,
      })
      .onConflictDoNothing();
    const result: SendResult = { status: 'delivered', detail: { inbox_id: `outbox:${msg.id}` } };
    await recordDelivery(ctx, msg, 'inbox', result);
    return result;
  },
});

/**
 * The log provider for SMS, WeCom and email: records the delivery in `channel_deliveries` and writes one log
 * line, sending nothing. The default until a bank configures its gateway.
 */
export const logAdapter = (
  channel: 'sms' | 'wecom' | 'email',
  log: (line: string) => void = () => undefined,
): ChannelAdapter => ({
  channel,
  provider: 'log',
  send: async (msg, ctx) => {
    const result: SendResult = { status: 'delivered', detail: { chars: msg.body.length } };
    await recordDelivery(ctx, msg, 'log', result);
    log(`outbox ${channel} → customer ${msg.customerId} (#${msg.id}, ${msg.body.length} chars)`);
    return result;
  },
});

export type ProviderName = 'log';

/**
 * The adapters of every channel: the in-app inbox for `app` and `chat`, the configured provider (only `log`
 * built in) for the others, with `overrides` (a bank's gateways) taking precedence.
 */
export const channelAdapters = (
  providers: Partial<Record<'sms' | 'wecom' | 'email', ProviderName>> = {},
  overrides: ChannelAdapters = {},
  log?: (line: string) => void,
): ChannelAdapters => {
  const ext = (c: 'sms' | 'wecom' | 'email'): ChannelAdapter => {
    const p = providers[c] ?? 'log';
    if (p !== 'log') throw new Error(`unknown ${c} provider "${String(p)}"; built in: log`);
    return logAdapter(c, log);
  };
  return {
    app: inboxAdapter('app'),
    chat: inboxAdapter('chat'),
    sms: ext('sms'),
    wecom: ext('wecom'),
    email: ext('email'),
    ...overrides,
  };
};

const PROVIDER_VARS = {
  sms: 'OUTBOX_SMS_PROVIDER',
  wecom: 'OUTBOX_WECOM_PROVIDER',
  email: 'OUTBOX_EMAIL_PROVIDER',
} as const;

/**
 * The providers named in the environment (`OUTBOX_SMS_PROVIDER`, `OUTBOX_WECOM_PROVIDER`, `OUTBOX_EMAIL_PROVIDER`;
 * default `log`), so an installation chooses its gateways by configuration. An unknown name fails at start-up with
 * the variable named.
 */
export const providersFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
): Partial<Record<'sms' | 'wecom' | 'email', ProviderName>> => {
  const out: Partial<Record<'sms' | 'wecom' | 'email', ProviderName>> = {};
  for (const [channel, name] of Object.entries(PROVIDER_VARS) as ['sms' | 'wecom' | 'email', string][]) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    if (v !== 'log')
      throw badInput(name, `unknown provider "${v}"; built in: log (plug a gateway as an adapter)`);
    out[channel] = v;
  }
  return out;
};
