import { runDue } from '../../src/server/modules/mot/service.js';
import { enqueueMessages } from '../../src/server/modules/outbox/service.js';
import { defineJob } from '../../src/server/jobs/registry.js';

/**
 * The job of the two-worker MOT proof: the engine's `runDue` with the real outbox, one receipt per claim and NOT a
 * singleton queue, so that both worker processes evaluate the same events at the same time and only the
 * database's unique keys stand between them and a duplicate lead or message.
 */
export const catalogue = [
  defineJob({
    name: 'proof.mot-run',
    description: 'two-worker MOT proof',
    retryLimit: 2,
    retryDelay: 1,
    retryBackoff: false,
    handler: ({ db, now }) => runDue(db, now, { enqueue: enqueueMessages, batchSize: 1 }),
  }),
];
