import { retrainExamples, reviewReason, isIntent } from '../../../core/dialogue/review.js';
import { AppError, badInput } from '../../../core/errors.js';
import { BUILTIN_INTENT_OPTIONS, builtinExamples } from '../../../core/nlu/builtin.js';
import { INTENT_IDS } from '../../../core/nlu/types.js';
import { trainIntentModelInWorker } from '../../../runtime/intent-train.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import { addSimilar } from './ops-kb.js';
import * as repo from './ops-repo.js';

/**
 * The learning loop (issue 12): customer messages the advisor was unsure of, did not understand, or that an RM
 * corrected during a hand-off land in a review queue; ops label each to an intent or a knowledge-base item;
 * a retrain trains the intent model on the base corpus plus the intent labels in a worker thread, stores it as
 * the next version and bumps the model counter, so every server process serves it from its next turn.
 */

/** Called after a stored turn: queues the customer's message when the review rule says so (idempotent). */
export const captureForReview = async (
  deps: AppDeps,
  t: {
    customerId: number;
    sessionId: string;
    turn: number;
    text: string | null;
    intent: string;
    confidence: number;
    events: readonly string[];
    alternatives: readonly { intent: string }[];
  },
): Promise<void> => {
  const reason = reviewReason({
    typed: t.text !== null,
    intent: t.intent,
    confidence: t.confidence,
    events: t.events,
  });
  if (reason === null || t.text === null) return;
  await repo.insertReviewItem(deps.db, {
    customerId: t.customerId,
    sessionId: t.sessionId,
    seq: t.turn,
    text: t.text,
    reason,
    intent: t.intent,
    confidence: t.confidence,
    suggested: t.alternatives.find((a) => a.intent !== t.intent)?.intent ?? null,
    at: deps.now(),
  });
};

export const listReview = async (deps: AppDeps, status: 'open' | 'labelled' | 'dismissed') => ({
  items: (await repo.listReviewItems(deps.db, status)).map((r) => ({
    id: r.id,
    text: r.text,
    reason: r.reason,
    intent: r.intent,
    confidence: r.confidence === null ? null : Number(r.confidence),
    suggested: r.suggested,
    status: r.status,
    label_kind: r.labelKind,
    label: r.label,
    created_at: r.createdAt.toISOString(),
  })),
  intents: [...INTENT_IDS],
});

export const labelReview = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  body: { kind: 'intent' | 'kb'; value: string } | { kind: 'dismiss' },
  requestId: string,
) => {
  const item = await repo.findReviewItem(deps.db, id);
  if (item === null) throw new AppError('NOT_FOUND', `review item ${id} not found`);
  if (body.kind === 'intent' && !isIntent(body.value))
    throw badInput('value', `unknown intent ${body.value}; one of ${INTENT_IDS.join(', ')}`);
  // A KB label makes the message a similar question of the item (a new KB version), before the label is stored.
  if (body.kind === 'kb') await addSimilar(deps, p, body.value, item.text, requestId);
  const at = deps.now();
  const label =
    body.kind === 'dismiss'
      ? { status: 'dismissed' as const, kind: null, label: null }
      : { status: 'labelled' as const, kind: body.kind, label: body.value };
  await deps.db.transaction(async (tx) => {
    await repo.labelReviewItem(tx, id, { ...label, by: `staff:${p.id}`, at });
    await writeAudit(tx, actorOf(p), requestId, [
      {
        action: 'advisor.review_label',
        targetKind: 'review_item',
        target: String(id),
        customerId: item.customerId,
        details: {
          kind: body.kind,
          ...(body.kind === 'dismiss' ? {} : { value: body.value }),
          was: item.intent,
        },
      },
    ]);
  });
  return { id, status: label.status, label_kind: label.kind, label: label.label };
};

/** An RM's correction of a hand-off's misread message: queued as `corrected` with the intent the RM names. */
export const queueCorrection = async (
  deps: AppDeps,
  h: { customerId: number; sessionId: string },
  body: { text: string; intent: string },
) => {
  if (!isIntent(body.intent))
    throw badInput('intent', `unknown intent ${body.intent}; one of ${INTENT_IDS.join(', ')}`);
  const rows = await repo.insertReviewItem(deps.db, {
    customerId: h.customerId,
    sessionId: h.sessionId,
    seq: null,
    text: body.text,
    reason: 'corrected',
    intent: null,
    confidence: null,
    suggested: body.intent,
    at: deps.now(),
  });
  return { id: rows[0]?.id ?? null };
};

export const modelInfo = async (deps: AppDeps) => {
  const m = await repo.latestModelInfo(deps.db);
  return m === null
    ? { version: 0, examples: builtinExamples().length, labelled: 0, trained_at: null }
    : {
        version: m.version,
        examples: m.examples,
        labelled: m.labelled,
        trained_at: m.trainedAt.toISOString(),
      };
};

/** Trains on base corpus + intent labels in a worker thread; stores the next version and bumps the counter. */
export const retrain = async (deps: AppDeps, p: Principal, note: string | undefined, requestId: string) => {
  const labelled = (await repo.intentLabels(deps.db)).flatMap((r) =>
    r.label === null ? [] : [{ text: r.text, label: r.label }],
  );
  const examples = retrainExamples(builtinExamples(), labelled);
  const model = await trainIntentModelInWorker(examples, BUILTIN_INTENT_OPTIONS);
  const at = deps.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const version = ((await repo.latestModelInfo(tx))?.version ?? 0) + 1;
      await repo.insertModel(tx, {
        version,
        model,
        examples: examples.length,
        labelled: labelled.length,
        by: `staff:${p.id}`,
        at,
      });
      await repo.bumpGeneration(tx, 'model');
      await writeAudit(tx, actorOf(p), requestId, [
        {
          action: 'advisor.model_retrain',
          targetKind: 'intent_model',
          target: String(version),
          customerId: null,
          details: {
            version,
            examples: examples.length,
            labelled: labelled.length,
            ...(note ? { note } : {}),
          },
        },
      ]);
      return { version, examples: examples.length, labelled: labelled.length, trained_at: at.toISOString() };
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('CONFLICT', 'another retrain finished at the same time; the newer model serves');
  }
};
