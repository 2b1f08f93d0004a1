import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError, badInput } from '../core/errors.js';
import type { LlmConfig } from './llm/client.js';

/** Log levels understood by Fastify's logger (pino). */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The validated configuration of one Caiban process (from the environment; see .env.example). */
export type Config = {
  port: number;
  host: string;
  /** Absolute path of the data folder (PGlite data in `<dataDir>/pg`, the session secret, uploads). */
  dataDir: string;
  /** PostgreSQL server URL; absent means the embedded PGlite database in `<dataDir>/pg`. */
  databaseUrl: string | null;
  /** The optional OpenAI-compatible LLM (one client for every use, src/server/llm/client.ts); null = none. */
  llm: LlmConfig | null;
  sessionSecret: string;
  logLevel: LogLevel;
  /**
   * DEMO_ACCESS: 'on' or 'off' when set explicitly, null when unset (then `caiban start --demo-access` decides;
   * docs/security.md, "The demo switch").
   */
  demoAccess: 'on' | 'off' | null;
  /** TRUST_PROXY: false (default), true (every hop), or the proxy addresses/CIDRs to trust. */
  trustProxy: boolean | string[];
  /** OTP_PROVIDER: how customer login codes travel; null = the default (log with demo access, else none). */
  otpProvider: 'log' | 'none' | null;
  /** EMBED_ALLOWED_ORIGINS: the sites allowed to frame the embeddable chat (/embed/chat); empty = none. */
  embedOrigins: string[];
  /**
   * JOBS: whether `caiban start` runs the durable job workers and schedules (src/server/jobs). Default on, except
   * under the test runner (VITEST set), where a test starts the job system itself when it needs it.
   */
  jobs: boolean;
};

export type Env = Readonly<Record<string, string | undefined>>;

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(t: T) => z.preprocess(blankToUndefined, t.optional());

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Each variable with the fix shown when it is wrong. */
const FIXES: Readonly<Record<string, string>> = {
  PORT: 'set PORT to an integer TCP port between 1 and 65535 (default 3000)',
  HOST: 'set HOST to an interface address such as 0.0.0.0 or 127.0.0.1',
  DATA_DIR: 'set DATA_DIR to a writable folder (default ./data)',
  DATABASE_URL: 'set DATABASE_URL to postgres://user:password@host:5432/dbname, or leave it empty for PGlite',
  LLM_BASE_URL: 'set LLM_BASE_URL to an OpenAI-compatible endpoint such as http://127.0.0.1:8000/v1',
  LLM_MODEL: 'set LLM_MODEL to the model name served at LLM_BASE_URL',
  LLM_API_KEY: 'set LLM_API_KEY to the key of the endpoint (or leave it empty)',
  LLM_TIMEOUT_MS:
    'set LLM_TIMEOUT_MS to the LLM timeout in milliseconds, an integer from 100 to 120000 (default 8000)',
  SESSION_SECRET: 'set SESSION_SECRET to at least 32 random characters, or leave it empty to generate one',
  LOG_LEVEL: `set LOG_LEVEL to one of ${LOG_LEVELS.join(', ')}`,
  DEMO_ACCESS: 'set DEMO_ACCESS to on or off (or leave it empty: on only with `caiban start --demo-access`)',
  TRUST_PROXY:
    'set TRUST_PROXY to false, true, or a comma-separated list of proxy addresses/CIDRs such as 10.0.0.0/8,127.0.0.1',
  OTP_PROVIDER: 'set OTP_PROVIDER to log (codes in the server log: demo and development only) or none',
  JOBS: 'set JOBS to on (run job workers and schedules in this process, the default) or off',
  EMBED_ALLOWED_ORIGINS:
    'set EMBED_ALLOWED_ORIGINS to a comma-separated list of origins such as https://m.bank.example,https://www.bank.example (scheme, host and optional port; no path)',
};

/** One origin: http(s), a host, an optional port, nothing else (what CSP frame-ancestors accepts here). */
const isOrigin = (s: string): boolean => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(s) && URL.canParse(s);

const ON = ['on', 'true', '1', 'yes'];
const OFF = ['off', 'false', '0', 'no'];
const lower = (v: unknown): unknown => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v);

/** One proxy address or CIDR (IPv4 or IPv6). */
const isProxyAddress = (s: string): boolean => {
  const [addr, bits, ...rest] = s.split('/');
  if (rest.length > 0 || addr === undefined || isIP(addr) === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (isIP(addr) === 4 ? 32 : 128);
};

const trustProxySchema = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((v, ctx): boolean | string[] => {
      const t = v.trim().toLowerCase();
      if (ON.includes(t)) return true;
      if (OFF.includes(t)) return false;
      const list = v.split(',').map((x) => x.trim());
      const bad = list.find((x) => !isProxyAddress(x));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `"${bad}" is not an IP address or CIDR` });
        return z.NEVER;
      }
      return list;
    })
    .optional(),
);

const envSchema = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  HOST: z.preprocess(blankToUndefined, z.string().min(1).default('0.0.0.0')),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().min(1).default('./data')),
  DATABASE_URL: opt(
    z.string().refine((s) => /^postgres(ql)?:\/\/.+/.test(s) && URL.canParse(s), 'not a postgres:// URL'),
  ),
  LLM_BASE_URL: opt(
    z.string().refine((s) => /^https?:\/\//.test(s) && URL.canParse(s), 'not an http(s) URL'),
  ),
  LLM_MODEL: opt(z.string().min(1)),
  LLM_API_KEY: opt(z.string().min(1)),
  LLM_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(100).max(120_000).default(8000)),
  SESSION_SECRET: opt(z.string().min(32, 'too short')),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.toLowerCase()) : v),
    z.enum(LOG_LEVELS).default('info'),
  ),
  DEMO_ACCESS: z.preprocess(
    (v) => {
      const t = lower(v);
      return typeof t === 'string' ? (ON.includes(t) ? 'on' : OFF.includes(t) ? 'off' : t) : t;
    },
    z.enum(['on', 'off']).optional(),
  ),
  TRUST_PROXY: trustProxySchema,
  OTP_PROVIDER: z.preprocess(lower, z.enum(['log', 'none']).optional()),
  JOBS: z.preprocess(
    (v) => {
      const t = lower(v);
      return typeof t === 'string' ? (ON.includes(t) ? 'on' : OFF.includes(t) ? 'off' : t) : t;
    },
    z.enum(['on', 'off']).optional(),
  ),
  EMBED_ALLOWED_ORIGINS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v, ctx): string[] => {
        const list = v
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== '');
        const bad = list.find((x) => !isOrigin(x));
        if (bad !== undefined) {
          ctx.addIssue({ code: 'custom', message: `"${bad}" is not an origin` });
          return z.NEVER;
        }
        return list;
      })
      .optional(),
  ),
});

/**
 * Reads and validates the configuration from `env` (normally `process.env`). A bad value throws a
 * BAD_INPUT AppError naming the variable and the fix. When SESSION_SECRET is unset, one is generated once and
 * kept in `<DATA_DIR>/session-secret` so that sessions survive restarts (the folder is created if needed).
 */
export const loadConfig = (env: Env = process.env): Config => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const value = env[name];
    throw badInput(
      name,
      `invalid value ${JSON.stringify(value ?? null)} (${issue.message}); ${FIXES[name] ?? ''}`,
      {
        variable: name,
      },
    );
  }
  const e = parsed.data;
  if ((e.LLM_BASE_URL === undefined) !== (e.LLM_MODEL === undefined)) {
    const missing = e.LLM_BASE_URL === undefined ? 'LLM_BASE_URL' : 'LLM_MODEL';
    throw badInput(
      missing,
      `is required when ${missing === 'LLM_MODEL' ? 'LLM_BASE_URL' : 'LLM_MODEL'} is set; ${FIXES[missing]}`,
      {
        variable: missing,
      },
    );
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    llm:
      e.LLM_BASE_URL !== undefined && e.LLM_MODEL !== undefined
        ? {
            baseUrl: e.LLM_BASE_URL.replace(/\/+$/, ''),
            model: e.LLM_MODEL,
            apiKey: e.LLM_API_KEY ?? null,
            timeoutMs: e.LLM_TIMEOUT_MS,
          }
        : null,
    sessionSecret: e.SESSION_SECRET ?? persistedSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    demoAccess: e.DEMO_ACCESS ?? null,
    trustProxy: e.TRUST_PROXY ?? false,
    otpProvider: e.OTP_PROVIDER ?? null,
    embedOrigins: e.EMBED_ALLOWED_ORIGINS ?? [],
    jobs: (e.JOBS ?? (env.VITEST === undefined ? 'on' : 'off')) === 'on',
  };
};

const persistedSecret = (dataDir: string): string => {
  const file = join(dataDir, 'session-secret');
  try {
    if (existsSync(file)) {
      const s = readFileSync(file, 'utf8').trim();
      if (s.length >= 32) return s;
    }
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret + '\n', { mode: 0o600 });
    return secret;
  } catch (e) {
    throw new AppError(
      'INTERNAL',
      `DATA_DIR: cannot keep the session secret in ${file} (${e instanceof Error ? e.message : String(e)}); ${FIXES.DATA_DIR} or set SESSION_SECRET`,
      { variable: 'DATA_DIR' },
    );
  }
};

/**
 * Only the database part of the configuration (DATA_DIR, DATABASE_URL), validated the same way, without
 * creating a session secret: for `caiban db migrate` and `caiban demo seed`.
 */
export const loadDatabaseConfig = (env: Env = process.env): Pick<Config, 'dataDir' | 'databaseUrl'> => {
  const c = loadConfig({ ...env, SESSION_SECRET: 'x'.repeat(32) });
  return { dataDir: c.dataDir, databaseUrl: c.databaseUrl };
};

/** The PGlite data folder inside DATA_DIR. */
export const pgliteDir = (config: Pick<Config, 'dataDir'>): string => join(config.dataDir, 'pg');

// ---------------------------------------------------------------- WeCom callback (issue 16, RM assistant)

/** The WeCom (企业微信) app callback settings: all three set, or none (the callback then answers 503). */
export type WecomConfig = { token: string; encodingAesKey: string; corpId: string };

const WECOM_FIXES: Readonly<Record<string, string>> = {
  WECOM_TOKEN: 'set WECOM_TOKEN to the callback Token of the WeCom app (letters and digits, at most 32)',
  WECOM_AES_KEY: 'set WECOM_AES_KEY to the EncodingAESKey of the WeCom app (43 characters)',
  WECOM_CORP_ID: 'set WECOM_CORP_ID to the corp id (企业ID) the callback messages are encrypted for',
};

const wecomSchema = z.object({
  WECOM_TOKEN: opt(z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'letters and digits, at most 32')),
  WECOM_AES_KEY: opt(z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'exactly 43 base64 characters')),
  WECOM_CORP_ID: opt(z.string().regex(/^[\w-]{1,64}$/, 'letters, digits, _ or -')),
});

/** Reads the optional WeCom settings; a bad or partial set throws BAD_INPUT naming the variable. */
export const loadWecomConfig = (env: Env = process.env): WecomConfig | null => {
  const parsed = wecomSchema.safeParse(env);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]!.path[0]);
    throw badInput(name, `invalid value (${parsed.error.issues[0]!.message}); ${WECOM_FIXES[name]}`, {
      variable: name,
    });
  }
  const { WECOM_TOKEN: token, WECOM_AES_KEY: encodingAesKey, WECOM_CORP_ID: corpId } = parsed.data;
  if (token === undefined && encodingAesKey === undefined && corpId === undefined) return null;
  if (token === undefined || encodingAesKey === undefined || corpId === undefined) {
    const missing =
      token === undefined ? 'WECOM_TOKEN' : encodingAesKey === undefined ? 'WECOM_AES_KEY' : 'WECOM_CORP_ID';
    throw badInput(missing, `is required when the other WECOM_* variables are set; ${WECOM_FIXES[missing]}`, {
      variable: missing,
    });
  }
  return { token, encodingAesKey, corpId };
};
