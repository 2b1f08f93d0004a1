/**
 * The one shape of a message the platform pushes to a customer (MOT actions, campaigns, alerts). Producers build
 * it; the outbox (`src/server/modules/outbox`) guards it (compliance linter + suitability through `core/guard`),
 * applies consent, do-not-contact, quiet hours and caps, and records it with its status and reason. Nothing else
 * sends.
 */
export type MessageChannel = 'app' | 'sms' | 'wecom' | 'email' | 'chat';

/** `service` messages (alerts, maturities, assessment expiry) are exempt from quiet hours and marketing caps. */
export type MessagePurpose = 'marketing' | 'service';

export type MessageSource = {
  /** What produced it. */
  readonly kind: 'mot' | 'campaign' | 'alert' | 'manual';
  /** Rule key, campaign id, alert id … */
  readonly ref: string;
};

export type OutboundMessage = {
  /** Idempotency key: the outbox stores one row per key, so a retried producer never sends twice. */
  readonly key: string;
  readonly customerId: number;
  readonly channel: MessageChannel;
  readonly purpose: MessagePurpose;
  /** Chinese text (what the linter checks); English rendering optional. */
  readonly title?: string;
  readonly body: string;
  readonly bodyEn?: string;
  /** Product codes the message offers (checked against the customer's suitability). */
  readonly productCodes?: readonly string[];
  readonly source: MessageSource;
  /** Earliest send time (ISO); default: now. */
  readonly notBefore?: string;
};

export type OutboxStatus = 'queued' | 'deferred' | 'sent' | 'suppressed';

/** What happened to one enqueued message. `reason` is set for every deferred or suppressed message. */
export type EnqueueOutcome = {
  readonly key: string;
  readonly id: number;
  readonly status: OutboxStatus;
  readonly scheduledAt: string;
  readonly reason: string | null;
  /** True when the key was already in the outbox (nothing new written). */
  readonly duplicate: boolean;
};
