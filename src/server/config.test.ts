import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { loadConfig, pgliteDir } from './config.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'caiban-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const expectBadVar = (env: Record<string, string>, variable: string): void => {
  try {
    loadConfig({ DATA_DIR: tempDir(), ...env });
    expect.unreachable(`expected ${variable} to be rejected`);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message.startsWith(variable + ':')).toBe(true);
    expect(err.details.variable).toBe(variable);
  }
};

describe('loadConfig', () => {
  it('applies the documented defaults and uses PGlite when DATABASE_URL is unset', () => {
    const dir = tempDir();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.llm).toBeNull();
    expect(c.logLevel).toBe('info');
    expect(pgliteDir(c)).toBe(join(dir, 'pg'));
  });

  it('generates the session secret once and keeps it in DATA_DIR across restarts', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    const second = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({ DATA_DIR: tempDir() }).sessionSecret).not.toBe(first);
  });

  it('reads every variable when all are given', () => {
    const c = loadConfig({
      PORT: '8080',
      DATA_DIR: tempDir(),
      DATABASE_URL: 'postgres://u:p@db:5432/caiban',
      LLM_BASE_URL: 'http://127.0.0.1:8000/v1/',
      LLM_MODEL: 'qwen2.5-7b-instruct',
      LLM_API_KEY: 'sk-x',
      SESSION_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'DEBUG',
    });
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBe('postgres://u:p@db:5432/caiban');
    expect(c.llm).toEqual({
      baseUrl: 'http://127.0.0.1:8000/v1',
      model: 'qwen2.5-7b-instruct',
      apiKey: 'sk-x',
      timeoutMs: 8000,
    });
    expect(c.sessionSecret).toBe('x'.repeat(40));
    expect(c.logLevel).toBe('debug');
  });

  it('treats blank values as unset', () => {
    const c = loadConfig({ DATA_DIR: tempDir(), PORT: '', DATABASE_URL: ' ', LLM_API_KEY: '' });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
  });

  it('rejects bad values naming the variable', () => {
    expectBadVar({ PORT: 'abc' }, 'PORT');
    expectBadVar({ PORT: '70000' }, 'PORT');
    expectBadVar({ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL');
    expectBadVar({ LLM_BASE_URL: 'ftp://x' }, 'LLM_BASE_URL');
    expectBadVar({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1' }, 'LLM_MODEL');
    expectBadVar({ LLM_TIMEOUT_MS: 'soon' }, 'LLM_TIMEOUT_MS');
    expectBadVar({ LLM_TIMEOUT_MS: '5' }, 'LLM_TIMEOUT_MS');
    expectBadVar({ SESSION_SECRET: 'short' }, 'SESSION_SECRET');
    expectBadVar({ LOG_LEVEL: 'loud' }, 'LOG_LEVEL');
  });

  it('reads the demo switch, proxy trust and OTP provider, off by default', () => {
    const d = loadConfig({ DATA_DIR: tempDir() });
    expect([d.demoAccess, d.trustProxy, d.otpProvider]).toEqual([null, false, null]);
    const c = loadConfig({
      DATA_DIR: tempDir(),
      DEMO_ACCESS: ' ON ',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1',
      OTP_PROVIDER: 'log',
    });
    expect([c.demoAccess, c.trustProxy, c.otpProvider]).toEqual([
      'on',
      ['10.0.0.0/8', '127.0.0.1', '::1'],
      'log',
    ]);
    expect(loadConfig({ DATA_DIR: tempDir(), DEMO_ACCESS: 'false', TRUST_PROXY: 'true' })).toMatchObject({
      demoAccess: 'off',
      trustProxy: true,
    });
    expectBadVar({ DEMO_ACCESS: 'maybe' }, 'DEMO_ACCESS');
    expectBadVar({ TRUST_PROXY: '10.0.0.0/99' }, 'TRUST_PROXY');
    expectBadVar({ TRUST_PROXY: 'proxy.internal' }, 'TRUST_PROXY');
    expectBadVar({ OTP_PROVIDER: 'sms' }, 'OTP_PROVIDER');
  });
});

describe('JOBS (durable job workers in this process)', () => {
  it('is on by default for a server, off by default under the test runner, and JOBS decides when set', () => {
    const base = { DATA_DIR: tempDir(), SESSION_SECRET: 's'.repeat(32) };
    expect(loadConfig(base).jobs).toBe(true);
    expect(loadConfig({ ...base, VITEST: 'true' }).jobs).toBe(false);
    expect(loadConfig({ ...base, JOBS: 'off' }).jobs).toBe(false);
    expect(loadConfig({ ...base, VITEST: 'true', JOBS: 'ON' }).jobs).toBe(true);
    expectBadVar({ JOBS: 'sometimes' }, 'JOBS');
  });
});
