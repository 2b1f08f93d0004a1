import type { EnqueueOutcome, OutboundMessage } from '../../../core/engagement/message.js';
import type { Queryable } from '../../db/index.js';
import type { Enqueue } from './state.js';

/**
 * The outbox the MOT engine hands its messages to — the ONE swap point. The reach layer's `enqueueMessages`
 * (src/server/modules/outbox/service.ts: guard, consent, quiet hours, caps, one row per key) is built on another
 * branch; until it is merged this stand-in sends nothing and reports every message suppressed with the reason,
 * so counts stay honest. When merging: `export const defaultEnqueue: Enqueue = enqueueMessages;`.
 */
export const defaultEnqueue: Enqueue = (
  _db: Queryable,
  msgs: readonly OutboundMessage[],
  now: Date,
): Promise<EnqueueOutcome[]> =>
  Promise.resolve(
    msgs.map((m) => ({
      key: m.key,
      id: 0,
      status: 'suppressed' as const,
      scheduledAt: now.toISOString(),
      reason: 'no outbox on this build: the message was not sent',
      duplicate: false,
    })),
  );
