// Shared helpers of the browser tests: the step recorder, assertions, API login and screenshots.
import { spawnSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const results = join(root, 'test-results');

/** The record of every step run so far (printed as the JSON summary by run.mjs). */
export const steps = [];

/** Runs one named step, records its outcome and time, and rethrows a failure. */
export const step = async (name, fn) => {
  const t0 = Date.now();
  try {
    const out = await fn();
    steps.push({ name, ok: true, ms: Date.now() - t0 });
    process.stderr.write(`e2e: ✓ ${name}\n`);
    return out;
  } catch (e) {
    steps.push({ name, ok: false, ms: Date.now() - t0, error: String(e?.message ?? e) });
    process.stderr.write(`e2e: ✗ ${name}: ${e?.stack ?? e}\n`);
    throw e;
  }
};

export const expect = (cond, message) => {
  if (!cond) throw new Error(message);
};

/** Saves a screenshot as test-results/<name>.png. */
export const shot = (page, name, opts = {}) =>
  page.screenshot({ path: join(results, `${name}.png`), fullPage: true, ...opts });

/** Logs a demo staff member in through the API and returns the bearer token. */
export const apiLogin = async (base, username) => {
  const attempt = () =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo1234' }),
    });
  let r = await attempt();
  // Logins are throttled per client (10 a minute): scenarios run back to back, so wait out the window once.
  if (r.status === 429) {
    const seconds = Math.min(61, Number(r.headers.get('retry-after') ?? '61') || 61);
    await new Promise((res) => setTimeout(res, seconds * 1000));
    r = await attempt();
  }
  if (r.status !== 200) throw new Error(`login ${username}: HTTP ${r.status}`);
  return (await r.json()).token;
};

/** GET (or another method with a JSON body) on the API with a bearer token; returns the parsed body. */
export const api = async (base, token, path, init = {}) => {
  const r = await fetch(`${base}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
  });
  const text = await r.text();
  if (r.status >= 400) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${r.status} ${text}`);
  return text === '' ? null : JSON.parse(text);
};

/** Chinese text renders as empty boxes without a CJK font (Debian: fonts-wqy-microhei or fonts-noto-cjk). */
export const warnWithoutCjkFont = () => {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim() === '')
    process.stderr.write(
      'e2e: warning: no CJK font installed; screenshots will show boxes (apt-get install fonts-wqy-microhei)\n',
    );
};
