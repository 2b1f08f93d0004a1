import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SuitabilityPolicy } from '../../core/suitability/policy.js';
import type { Database } from '../db/index.js';
import type { LlmConfig } from '../llm/client.js';

/** What feature modules get from the app: the database, the session secret, a clock, the demo flag, the policy. */
export type AppDeps = {
  db: Database;
  sessionSecret: string;
  /** The server clock (injectable so that session expiry and OTP windows are testable). */
  now: () => Date;
  /**
   * Demo access is on (asked for with --demo-access / DEMO_ACCESS and the database holds the demo bank): demo
   * conveniences such as the on-screen one-time code are shown. Off on a real installation (docs/security.md).
   */
  demoMode: boolean;
  /** The institution's suitability policy: assessment validity of the customer list and of advice. */
  policy: SuitabilityPolicy;
  /** The optional OpenAI-compatible LLM (LLM_BASE_URL / LLM_MODEL / LLM_API_KEY / LLM_TIMEOUT_MS); null = none. */
  llm: LlmConfig | null;
  /**
   * Asks the durable jobs of this process to run a queue soon (e.g. `mot.evaluate` after events arrive); a no-op
   * when jobs are off. Work never depends on it: scheduled ticks catch up on anything a nudge missed.
   */
  nudge: (queue: string) => void;
};

/** The Fastify instance with zod schemas as the type provider. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
