import type { MessageChannel, MessagePurpose, MessageSource, OutboxStatus } from './message.js';
import { localDayNumber, localWeekNumber, nextAllowed } from './reach-time.js';

/** The channels of the `consents` table (what the customer granted). */
export type ConsentChannel = 'sms' | 'app_push' | 'wechat' | 'phone_call' | 'email';
export type ConsentPurpose = 'marketing' | 'profiling' | 'ai_advice' | 'data_sharing';

/**
 * Which consent covers a message channel: the in-app inbox and the proactive chat message are both app pushes,
 * WeCom is WeChat.
 */
export const CONSENT_CHANNEL: Readonly<Record<MessageChannel, ConsentChannel>> = {
  app: 'app_push',
  chat: 'app_push',
  sms: 'sms',
  wecom: 'wechat',
  email: 'email',
};

export type ConsentState = {
  readonly purpose: ConsentPurpose;
  readonly channel: ConsentChannel;
  readonly granted: boolean;
  /** When it was granted or withdrawn (ISO). */
  readonly at: string;
};

/** A message already queued, deferred or sent to the customer, at its send (or scheduled) time. */
export type RecentMessage = {
  readonly channel: MessageChannel;
  readonly purpose: MessagePurpose;
  readonly at: string;
};

/** What the reach decision needs to know about one customer. */
export type ReachState = {
  readonly consents: readonly ConsentState[];
  readonly doNotContact: boolean;
  /** The customer refused personalised (model- or behaviour-driven) marketing. */
  readonly nonPersonalised: boolean;
  /** Messages counting against the caps (not suppressed ones); only marketing ones count. */
  readonly recent: readonly RecentMessage[];
};

export type CapLimits = { readonly day?: number; readonly week?: number };

export type ReachPolicy = {
  /** Local quiet window "HH:MM"; start after end wraps midnight. */
  readonly quietHours: { readonly start: string; readonly end: string };
  /** Minutes east of UTC of the local time the quiet hours and day/week caps are read in (Asia/Shanghai: 480). */
  readonly utcOffsetMinutes: number;
  /** Marketing messages per customer over all channels per local day / ISO week. */
  readonly caps: CapLimits;
  /** Tighter caps for single channels. */
  readonly channelCaps: Partial<Readonly<Record<MessageChannel, CapLimits>>>;
  /** The opt-out line every marketing SMS ends with (MIIT order 31). */
  readonly smsOptOut: string;
  /** Sources whose marketing is personalised (triggered by the customer's data): refused when non-personalised. */
  readonly personalisedSources: readonly MessageSource['kind'][];
};

/** Regulation §3 defaults: no marketing 21:00–09:00 Beijing time, ≤ 3 marketing messages a day, ≤ 10 a week. */
export const DEFAULT_REACH_POLICY: ReachPolicy = {
  quietHours: { start: '21:00', end: '09:00' },
  utcOffsetMinutes: 480,
  caps: { day: 3, week: 10 },
  channelCaps: {},
  smsOptOut: '拒收请回复R',
  personalisedSources: ['mot', 'campaign'],
};

/** The part of an outbound message the reach decision reads. */
export type ReachMessage = {
  readonly channel: MessageChannel;
  readonly purpose: MessagePurpose;
  readonly body: string;
  readonly source: MessageSource;
  /** Earliest send time (ISO). */
  readonly notBefore?: string;
};

export type ReachDecision = {
  readonly status: Exclude<OutboxStatus, 'sent'>;
  /** When it may go out (ISO): now, notBefore, or the end of the quiet hours. */
  readonly scheduledAt: string;
  /** Stable reason code; null when queued without delay. */
  readonly reason: string | null;
  /** The text to send (a marketing SMS gains the opt-out line). */
  readonly body: string;
};

/** A marketing SMS ends with the opt-out line; it is appended when the text lacks it. */
export const withOptOut = (msg: ReachMessage, policy: ReachPolicy = DEFAULT_REACH_POLICY): string => {
  if (msg.channel !== 'sms' || msg.purpose !== 'marketing') return msg.body;
  const body = msg.body.trimEnd();
  if (body.endsWith(policy.smsOptOut)) return body;
  return /[。！？.!?]$/.test(body) || body === ''
    ? `${body}${policy.smsOptOut}`
    : `${body}。${policy.smsOptOut}`;
};

/** Why a message may not be sent at all, checked before timing: DNC, consent, the non-personalised choice. */
export const eligibility = (msg: ReachMessage, state: ReachState, policy: ReachPolicy): string | null => {
  if (msg.purpose !== 'marketing') return null;
  if (state.doNotContact) return 'do_not_contact';
  const ch = CONSENT_CHANNEL[msg.channel];
  const c = state.consents.find((x) => x.purpose === 'marketing' && x.channel === ch);
  if (c === undefined || !c.granted) return `no_consent:${ch}:marketing`;
  if (state.nonPersonalised && policy.personalisedSources.includes(msg.source.kind))
    return 'non_personalised';
  return null;
};

const capReason = (
  msg: ReachMessage,
  at: Date,
  recent: readonly RecentMessage[],
  policy: ReachPolicy,
): string | null => {
  const off = policy.utcOffsetMinutes;
  const day = localDayNumber(at, off);
  const week = localWeekNumber(at, off);
  const marketing = recent.filter((r) => r.purpose === 'marketing').map((r) => ({ ...r, t: new Date(r.at) }));
  const sameDay = marketing.filter((r) => localDayNumber(r.t, off) === day);
  const sameWeek = marketing.filter((r) => localWeekNumber(r.t, off) === week);
  if (policy.caps.day !== undefined && sameDay.length >= policy.caps.day) return 'cap:day';
  if (policy.caps.week !== undefined && sameWeek.length >= policy.caps.week) return 'cap:week';
  const ch = policy.channelCaps[msg.channel];
  if (ch?.day !== undefined && sameDay.filter((r) => r.channel === msg.channel).length >= ch.day)
    return `cap:day:${msg.channel}`;
  if (ch?.week !== undefined && sameWeek.filter((r) => r.channel === msg.channel).length >= ch.week)
    return `cap:week:${msg.channel}`;
  return null;
};

/**
 * The reach decision for one message (regulation §3): marketing needs the customer's consent for marketing on
 * the message's channel, is never sent to a do-not-contact customer nor, when personalised, to one who chose
 * non-personalised marketing; it is deferred (never dropped) out of the quiet hours to the next allowed time,
 * and suppressed past the daily or weekly cap counted on the local day it will go out. Service messages are
 * exempt from all of it. Pure: `now` and the customer's state are arguments.
 */
export const decideReach = (
  msg: ReachMessage,
  state: ReachState,
  now: Date,
  policy: ReachPolicy = DEFAULT_REACH_POLICY,
): ReachDecision => {
  const body = withOptOut(msg, policy);
  const notBefore = msg.notBefore === undefined ? now : new Date(msg.notBefore);
  const earliest = Number.isNaN(notBefore.getTime()) || notBefore < now ? now : notBefore;
  if (msg.purpose === 'service')
    return { status: 'queued', scheduledAt: earliest.toISOString(), reason: null, body };
  const refusal = eligibility(msg, state, policy);
  if (refusal !== null)
    return { status: 'suppressed', scheduledAt: earliest.toISOString(), reason: refusal, body };
  const q = policy.quietHours;
  const at = nextAllowed(earliest, q.start, q.end, policy.utcOffsetMinutes);
  const cap = capReason(msg, at, state.recent, policy);
  if (cap !== null) return { status: 'suppressed', scheduledAt: at.toISOString(), reason: cap, body };
  const deferred = at.getTime() !== earliest.getTime();
  return {
    status: deferred ? 'deferred' : 'queued',
    scheduledAt: at.toISOString(),
    reason: deferred ? 'quiet_hours' : null,
    body,
  };
};
