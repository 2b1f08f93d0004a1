import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_POLICY } from '../core/suitability/policy.js';
import type { SuitabilityPolicy } from '../core/suitability/policy.js';
import { installGuard } from './auth/guard.js';
import { logOtpProvider } from './auth/otp.js';
import type { OtpProvider } from './auth/otp.js';
import type { AuthRuntime } from './auth/runtime.js';
import { AuthThrottle, authLimitsFrom } from './auth/throttle.js';
import type { AuthLimits } from './auth/throttle.js';
import type { LogLevel } from './config.js';
import type { Database } from './db/index.js';
import type { AppDeps, ZodApp } from './http/deps.js';
import {
  BODY_LIMIT,
  MAX_PARAM_LENGTH,
  clientErrorHandler,
  frameworkErrors,
  installErrorHandler,
} from './http/error-handler.js';
import { installInputGuard } from './http/input-guard.js';
import { registerCompression } from './http/compression.js';
import { registerOpenApi } from './http/openapi.js';
import type { Permission } from './http/permissions.js';
import { genRequestId } from './http/request-id.js';
import { DEFAULT_RATE_LIMITS, registerSecurity } from './http/security.js';
import type { RateLimitOptions } from './http/security.js';
import { registerWeb } from './http/static-web.js';
import { registerAdvisorRoutes } from './modules/advisor/routes.js';
import { registerAdvisorOpsRoutes } from './modules/advisor/ops-routes.js';
import { registerAnalyticsRoutes } from './modules/analytics/routes.js';
import { registerAssessmentRoutes } from './modules/assessments/routes.js';
import { registerAdvisoryRoutes } from './modules/advisory/routes.js';
import { registerAuditRoutes } from './modules/audit/routes.js';
import { registerAuthRoutes } from './modules/auth/routes.js';
import { registerSessionProbe } from './modules/auth/session-probe.js';
import { registerCopyRoutes } from './modules/copy/routes.js';
import { registerCustomerRoutes } from './modules/customers/routes.js';
import { registerHealthRoutes } from './modules/health/routes.js';
import { registerOrgRoutes } from './modules/org/routes.js';
import { registerProductRoutes } from './modules/products/routes.js';
import { registerRmAssistantRoutes } from './modules/rm-assistant/routes.js';
import { registerSegmentRoutes } from './modules/segments/routes.js';
import { registerCdpRoutes } from './modules/cdp/routes.js';
import { registerIdentityRoutes } from './modules/identity/routes.js';
import { registerEventRoutes } from './modules/events/routes.js';
import { registerWecomRoutes } from './modules/wecom/routes.js';
import { registerOutboxRoutes } from './modules/outbox/routes.js';
import { registerMotRoutes } from './modules/mot/routes.js';
import { registerInsightRoutes } from './modules/insight/routes.js';
import type { WecomOptions } from './modules/wecom/service.js';
import { llmConfigFromEnv, type LlmConfig } from './llm/client.js';
import { registerJobRoutes } from './jobs/routes.js';
import { registerCampaignRoutes } from './modules/campaigns/routes.js';
import type { Enqueue } from './modules/campaigns/launch.js';
import { enqueueMessages } from './modules/outbox/service.js';

export type AppOptions = {
  db: Database;
  sessionSecret: string;
  logLevel?: LogLevel;
  /** Folder of the built web app (dist/web); null or missing folder: API only. */
  webRoot?: string | null;
  /**
   * Demo access (explicitly switched on by `caiban start --demo-access` / DEMO_ACCESS): customer login codes
   * are shown on screen and the login page shows the demo logins. Never on a real bank.
   */
  demoMode?: boolean;
  rateLimits?: RateLimitOptions;
  /** Origins allowed to frame the embeddable chat (/embed/chat; EMBED_ALLOWED_ORIGINS); default none. */
  embedOrigins?: readonly string[];
  /** Authentication limits (default: derived from rateLimits, hashing sized to the cores). */
  authLimits?: Partial<AuthLimits>;
  /**
   * Carries customer login codes: a provider, 'log' (the log provider on the app's logger), or null.
   * Default: 'log' when demo access is on, else none (customer login then answers 503 until a real SMS
   * gateway is configured).
   */
  otpProvider?: OtpProvider | 'log' | null;
  version?: string;
  /**
   * Behind a reverse proxy or load balancer (TRUST_PROXY): trust X-Forwarded-For for the client IP and
   * X-Forwarded-Proto for the protocol (so cookies get `Secure` behind TLS). true trusts every hop; a list
   * trusts those proxy addresses/CIDRs only. Default false: the socket address counts.
   */
  trustProxy?: TrustProxy;
  now?: () => Date;
  /** Where structured JSON logs go (default stdout); `caiban start` uses stderr to keep stdout for its summary. */
  logStream?: NodeJS.WritableStream;
  /** The institution's suitability policy (default: DEFAULT_POLICY of core/suitability). */
  suitabilityPolicy?: SuitabilityPolicy;
  /** WeCom callback settings and customer advisor (default: WECOM_* from the environment, no advisor). */
  wecom?: WecomOptions;
  /** The optional LLM (default: LLM_* from the environment; null = none). */
  llm?: LlmConfig | null;
  /**
   * The outbound path for producers that push to customers (campaigns); default the outbox's `enqueueMessages`.
   * Tests of assignment alone may pass a recorder.
   */
  enqueue?: Enqueue;
  /** How routes ask the jobs of this process to run a queue soon (`caiban start` wires its job runner). */
  nudge?: (queue: string) => void;
};

export type TrustProxy = boolean | readonly string[];

/** One registered route and the permission it declares (for the route-permission test and the docs). */
export type RouteRecord = { method: string; url: string; permission: Permission | undefined };

type RouteEntry = { method: string; url: string; options: { config?: { permission?: Permission } } };
const routeTable = new WeakMap<FastifyInstance, RouteEntry[]>();

/**
 * Every route registered on an app built by `buildApp`, with its declared permission. The permission is read
 * from the final route options, after plugin-scope hooks (see public-scope.ts) have added theirs.
 */
export const registeredRoutes = (app: FastifyInstance): readonly RouteRecord[] =>
  (routeTable.get(app) ?? []).map((e) => ({
    method: e.method,
    url: e.url,
    permission: e.options.config?.permission,
  }));

/**
 * Builds the Caiban HTTP server: security headers, rate limits, request ids and structured logs, one error
 * model, the access guard, OpenAPI at /api/docs, the feature modules and the web app. Does not listen.
 */
export const buildApp = async (opts: AppOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      ...(opts.logStream === undefined ? {} : { stream: opts.logStream }),
    },
    genReqId: genRequestId,
    trustProxy: Array.isArray(opts.trustProxy)
      ? [...(opts.trustProxy as string[])]
      : opts.trustProxy === true,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    clientErrorHandler,
  });
  const records: RouteEntry[] = [];
  routeTable.set(app, records);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) records.push({ method: m, url: r.url, options: r });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  installErrorHandler(app);
  installInputGuard(app);

  const rateLimits = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
  await app.register(cookie);
  await registerCompression(app);
  await registerSecurity(app, rateLimits, opts.embedOrigins ?? []);
  const deps: AppDeps = {
    db: opts.db,
    sessionSecret: opts.sessionSecret,
    now: opts.now ?? (() => new Date()),
    demoMode: opts.demoMode ?? false,
    policy: opts.suitabilityPolicy ?? DEFAULT_POLICY,
    llm: opts.llm === undefined ? llmConfigFromEnv() : opts.llm,
    nudge: opts.nudge ?? (() => undefined),
  };
  const auth: AuthRuntime = {
    throttle: new AuthThrottle({ ...authLimitsFrom(rateLimits), ...opts.authLimits }),
    otpProvider:
      opts.otpProvider === 'log' || (opts.otpProvider === undefined && deps.demoMode)
        ? logOtpProvider(app.log)
        : (opts.otpProvider ?? null),
  };
  installGuard(app, deps, auth);
  await registerOpenApi(app, opts.version ?? '0.0.0');

  const api = app.withTypeProvider<ZodTypeProvider>() as ZodApp;
  registerHealthRoutes(api, deps, opts.version ?? '0.0.0');
  registerAuthRoutes(api, deps, auth);
  registerSessionProbe(api);
  registerCustomerRoutes(api, deps);
  registerAssessmentRoutes(api, deps);
  registerProductRoutes(api, deps);
  registerAnalyticsRoutes(api, deps);
  registerAdvisoryRoutes(api, deps);
  registerOrgRoutes(api, deps);
  registerAuditRoutes(api, deps);
  registerRmAssistantRoutes(api, deps);
  registerCopyRoutes(api, deps);
  registerSegmentRoutes(api, deps);
  registerCdpRoutes(api, deps);
  registerIdentityRoutes(api, deps);
  registerEventRoutes(api, deps);
  registerAdvisorRoutes(api, deps);
  registerAdvisorOpsRoutes(api, deps);
  registerJobRoutes(api, deps);
  registerCampaignRoutes(api, deps, opts.enqueue ?? enqueueMessages);
  registerOutboxRoutes(api, deps);
  registerMotRoutes(api, deps);
  registerInsightRoutes(api, deps);
  registerWecomRoutes(app, deps, opts.wecom);
  await registerWeb(app, opts.webRoot ?? null);
  await app.ready();
  return app;
};
