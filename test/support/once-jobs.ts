import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../src/server/jobs/registry.js';

/**
 * The job of the two-worker proof: records every handler invocation (job_proof_calls, no key) and its effect
 * under a unique key (job_proof), slowly enough that both workers take jobs. The test creates both tables.
 */
export const catalogue = [
  defineJob({
    name: 'proof.insert-once',
    description: 'two-worker proof',
    retryLimit: 2,
    retryDelay: 1,
    retryBackoff: false,
    data: z.object({ key: z.string() }),
    handler: async ({ db, data }) => {
      await db.run(sql`INSERT INTO job_proof_calls (key, pid) VALUES (${data.key}, ${process.pid})`);
      await new Promise((r) => setTimeout(r, 150));
      await db.run(
        sql`INSERT INTO job_proof (key, pid) VALUES (${data.key}, ${process.pid}) ON CONFLICT (key) DO NOTHING`,
      );
    },
  }),
];
