import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/app.js';
import { registeredRoutes } from '../app.js';
import type { Caller, CallerContext } from './permission-matrix.suite.js';
import { CALLERS, callerContexts, rowOf } from './permission-matrix.suite.js';

/**
 * Hostile values as they appear in a URL (already percent-encoded where needed): NUL bytes, huge and
 * non-decimal numbers, wrong types, a 100k string, and odd Unicode (RTL override, emoji, combining marks,
 * invalid UTF-8 and an encoded lone surrogate).
 */
const URL_VALUES = [
  '%00',
  'a%00b',
  '1e17',
  '1e400',
  '-1e400',
  '99999999999999999999999',
  '9007199254740993',
  '-1',
  '0',
  'true',
  '[1000]',
  '0x10',
  '',
  'null',
  '%7B%7D',
  'a'.repeat(100_000),
  encodeURIComponent('\u202Eevil\u202C'),
  encodeURIComponent('😀👨‍👩‍👧'),
  encodeURIComponent('e\u0301\u0301\u0301'),
  '%FF%FE',
  '%ED%A0%80',
  '%25',
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent("' OR 1=1 --"),
];

/** Hostile JSON values for one body property. */
const BODY_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e17,
  1e308,
  -1e308,
  0.1,
  'a\u0000b',
  '\ud800',
  'x'.repeat(100_000),
  [1000],
  [],
  {},
  { nested: { deeper: [1, { x: 'y' }] } },
  '0x10',
  '1e400',
  '😀👨‍👩‍👧',
  '\u202Eevil',
  ['a\u0000'],
  Array.from({ length: 1000 }, (_, i) => `C${i}`),
];

/** A value of most kinds (NUL, huge, wrong type, RTL; long strings and invalid UTF-8 go to the first caller). */
const URL_SAMPLE = [URL_VALUES[1]!, URL_VALUES[2]!, URL_VALUES[9]!, URL_VALUES[16]!];
const BODY_SAMPLE = [true, 1e17, 'a\u0000b', '\ud800', [1000]];

/** Whole bodies that are not the expected object. */
const RAW_BODIES = ['null', '[]', '"text"', '123', 'true', '{"a":', '{"__proto__":{"admin":true}}', '\u0000'];

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string }>;
        requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
      }
    >
  >;
};

type Probe = { method: string; url: string; headers?: Record<string, string>; payload?: string };

const withQuery = (url: string, name: string, value: string): string => {
  const [path, query = ''] = url.split('?');
  const kept = query
    .split('&')
    .filter((kv) => kv !== '' && kv.split('=')[0] !== name)
    .join('&');
  return `${path}?${kept === '' ? '' : `${kept}&`}${name}=${value}`;
};

/** The hostile variants of one route's request: each path parameter, query field and body property in turn. */
const probesOf = (
  method: string,
  template: string,
  doc: OpenApi,
  base: { url: string; payload?: unknown },
  values: { url: readonly string[]; body: readonly unknown[]; raw: readonly string[] },
): Probe[] => {
  const op = doc.paths[template.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  const params = op?.parameters ?? [];
  const bodyProps = Object.keys(op?.requestBody?.content?.['application/json']?.schema?.properties ?? {});
  const probes: Probe[] = [];
  for (const p of params.filter((x) => x.in === 'path')) {
    // The baseline URL with this parameter's segment replaced (the template tells which segment it is).
    const index = template.split('/').indexOf(`:${p.name}`);
    for (const v of values.url) {
      const segs = base.url.split('?')[0]!.split('/');
      segs[index] = v;
      probes.push({ method, url: segs.join('/') });
    }
  }
  for (const p of params.filter((x) => x.in === 'query'))
    for (const v of values.url) probes.push({ method, url: withQuery(base.url, p.name, v) });
  if (method === 'POST') {
    const json = { 'content-type': 'application/json' };
    const obj = (base.payload ?? {}) as Record<string, unknown>;
    for (const prop of bodyProps)
      for (const v of values.body)
        probes.push({ method, url: base.url, headers: json, payload: JSON.stringify({ ...obj, [prop]: v }) });
    for (const raw of values.raw) probes.push({ method, url: base.url, headers: json, payload: raw });
  }
  return probes;
};

const ERROR_CODES = [
  'BAD_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INSUFFICIENT_EVIDENCE',
  'UNAVAILABLE',
];

/** Why a response breaks the rules (a 5xx, or a 4xx outside the one error body), or null. */
const violationOf = (status: number, body: string): string | null => {
  if (status >= 500) return `status ${status}`;
  if (status < 400) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'a 4xx body that is not JSON';
  }
  const e = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
  const shapeOk =
    e !== undefined &&
    Object.keys(parsed as object).length === 1 &&
    typeof e.message === 'string' &&
    typeof e.details === 'object' &&
    e.details !== null &&
    ERROR_CODES.includes(String(e.code));
  return shapeOk ? null : 'a 4xx body outside the one error body';
};

/**
 * Every route of the route list, as each caller, with hostile values in each path parameter, query field
 * and body property: never a 5xx, and every 4xx in the one error body. The first caller a route serves gets
 * every value; the others a sample of each kind (callers refused before any input is read: a few), so the run
 * stays short.
 */
export const fuzzSuite = (ctx: () => TestApp, app: () => FastifyInstance): void => {
  let contexts: Map<Caller, CallerContext>;
  let doc: OpenApi;
  beforeAll(async () => {
    contexts = await callerContexts(ctx(), app());
    doc = (await app().inject({ method: 'GET', url: '/api/docs/json' })).json<OpenApi>();
  });

  it('answers hostile input on every route as every caller without a 5xx, in the one error body', async () => {
    const failures: string[] = [];
    let sent = 0;
    const routes = registeredRoutes(app()).filter((r) => r.method !== 'HEAD');
    for (const r of routes) {
      // Logout would end the caller's session for the next probes; it reads no input (covered by the matrix).
      if (r.url === '/api/auth/logout') continue;
      const row = rowOf(r.method, r.url)!;
      const firstAllowed = CALLERS.findIndex((_, i) => row[0][i] !== '401' && row[0][i] !== '403');
      for (const [i, caller] of CALLERS.entries()) {
        const allowed = row[0][i] !== '401' && row[0][i] !== '403';
        const c = contexts.get(caller)!;
        const base = (await row[1](c)) as { url: string; payload?: unknown };
        // Every value for the first caller the route serves; a sample of each kind for the other callers it
        // serves (validation does not depend on the role; scope does); a few for callers refused before input.
        const values =
          i === firstAllowed
            ? { url: URL_VALUES, body: BODY_VALUES, raw: RAW_BODIES }
            : allowed && r.permission !== 'public'
              ? { url: URL_SAMPLE, body: BODY_SAMPLE, raw: RAW_BODIES.slice(0, 2) }
              : { url: URL_VALUES.slice(0, 2), body: BODY_VALUES.slice(8, 10), raw: RAW_BODIES.slice(0, 1) };
        for (const p of probesOf(r.method, r.url, doc, base, values)) {
          const auth = c.token === null ? {} : { authorization: `Bearer ${c.token}` };
          const res = await app().inject({
            method: p.method as 'GET',
            url: p.url,
            headers: { ...auth, ...(p.headers ?? {}) },
            ...(p.payload === undefined ? {} : { payload: p.payload }),
          });
          sent++;
          const v = violationOf(res.statusCode, res.body);
          if (v !== null)
            failures.push(`${p.method} ${p.url.slice(0, 120)} as ${caller}: ${v} ${res.body.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    // Thousands of requests: past 120 s at a load of 15–20 on the shared 2-core machine (docs/architecture.md).
  }, 300_000);
};
