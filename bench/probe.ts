/**
 * The issue 9 re-probe: starts the real server (bench/probe-server.ts: the demo bank on PGlite in a temp data
 * folder, production rate limits) in a child process twice — demo access on, then off with a capturing code
 * provider — and replays the attack classes of issue 9 over real HTTP on loopback, counting outcomes:
 *
 *  1. login rate-limit bypass (padded, upper-case, full-width user names; one IP across many users; X-Forwarded-For)
 *  2. customer login without a provider-delivered code (guesses, no code, another phone's code, reuse, burned code)
 *  3. random bearer tokens (anything but 401/429, and whether the per-IP limit ends in 429)
 *  4. masked roles recovering PII by prefix / part-of-name search (and clear PII in their customer 360)
 *  5. allocation proposals written by non-advice roles (2xx, and audit rows in their name)
 *  6. 5xx from hostile input on every route of the OpenAPI document
 *
 * Each "client address" is a distinct loopback source address (127.0.0.x), as distinct attackers would be; the
 * server trusts no proxy, so X-Forwarded-For is sent only to check that it is ignored.
 * Run: npx tsx bench/probe.ts [--customers 300] [--runs on,off]
 * Prints one JSON document on stdout; exit code 1 if any class has a violation.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const CUSTOMERS = Number(arg('customers', '300'));
const RUNS = arg('runs', 'on,off').split(',') as ('on' | 'off')[];
const PASSWORD = 'demo1234';

// ---------------------------------------------------------------------------------------------------------
// The server child

type Settings = Record<string, unknown>;
type Server = {
  child: ChildProcess;
  port: number;
  settings: Settings;
  ask: <T>(op: string, ids?: number[]) => Promise<T>;
};

const startServer = (demo: 'on' | 'off', dataDir: string): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./probe-server.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, PROBE_DATA: dataDir, PROBE_DEMO: demo, PROBE_CUSTOMERS: String(CUSTOMERS) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let next = 0;
    const waiting = new Map<number, (m: { result?: unknown; error?: string }) => void>();
    const ask = <T>(op: string, ids?: number[]): Promise<T> =>
      new Promise((res, rej) => {
        const id = next++;
        waiting.set(id, (m) => (m.error === undefined ? res(m.result as T) : rej(new Error(m.error))));
        child.send({ id, op, ids });
      });
    child.on('message', (raw) => {
      const m = raw as { ready?: boolean; port: number; settings: Settings; id?: number };
      if (m.ready === true) resolve({ child, port: m.port, settings: m.settings, ask });
      else if (m.id !== undefined) waiting.get(m.id)?.(m as { result?: unknown; error?: string });
    });
    child.once('exit', (code) => reject(new Error(`probe server exited with ${code}`)));
  });

const stopServer = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send('stop');
  });

// ---------------------------------------------------------------------------------------------------------
// HTTP from a chosen loopback source address

type Res = { status: number; body: string; headers: Record<string, string | string[] | undefined> };
type Req = {
  method?: string;
  path: string;
  from: string;
  token?: string | undefined;
  headers?: Record<string, string> | undefined;
  json?: unknown;
  raw?: string | Buffer | undefined;
};

let PORT = 0;
let sent = 0;

const http = (r: Req): Promise<Res> =>
  new Promise((resolve) => {
    sent++;
    const body = r.raw ?? (r.json === undefined ? undefined : JSON.stringify(r.json));
    const headers: Record<string, string> = { ...r.headers };
    if (r.token !== undefined) headers.authorization = `Bearer ${r.token}`;
    if (body !== undefined && headers['content-type'] === undefined)
      headers['content-type'] = 'application/json';
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    try {
      const req = request(
        {
          host: '127.0.0.1',
          port: PORT,
          localAddress: r.from,
          method: r.method ?? 'GET',
          path: r.path,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
          res.on('error', (e) => resolve({ status: 0, body: String(e), headers: {} }));
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve({ status: 0, body: `client error: ${e.message}`, headers: {} }));
      req.end(body);
    } catch (e) {
      // The client refused to send it (e.g. characters Node will not put in a request line).
      sent--;
      resolve({ status: -1, body: `not sendable: ${(e as Error).message}`, headers: {} });
    }
  });

/** Runs `jobs` with at most `n` at once. */
const pool = async <T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> => {
  const out: T[] = new Array<T>(jobs.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < jobs.length) {
        const k = i++;
        out[k] = await jobs[k]!();
      }
    }),
  );
  return out;
};

// ---------------------------------------------------------------------------------------------------------
// Reporting

type ClassReport = {
  requests: number;
  violations: number;
  examples: string[];
  expected: string;
  observed: Record<string, unknown>;
};

const newClass = (expected: string): ClassReport => ({
  requests: 0,
  violations: 0,
  examples: [],
  expected,
  observed: {},
});
const violation = (c: ClassReport, what: string): void => {
  c.violations++;
  if (c.examples.length < 3) c.examples.push(what.slice(0, 300));
};
const tally = (statuses: number[]): Record<string, number> => {
  const t: Record<string, number> = {};
  for (const s of statuses) t[String(s)] = (t[String(s)] ?? 0) + 1;
  return t;
};
/** Counts the requests a class sends. */
const measured = async (c: ClassReport, run: () => Promise<void>): Promise<ClassReport> => {
  const before = sent;
  const t0 = performance.now();
  await run();
  c.requests = sent - before;
  c.observed.seconds = Math.round(performance.now() - t0) / 1000;
  return c;
};

const ip = (n: number): string => `127.0.0.${n}`;

const staffLogin = async (username: string, from: string): Promise<string> => {
  const r = await http({
    method: 'POST',
    path: '/api/auth/login',
    from,
    json: { username, password: PASSWORD },
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body}`);
  return (JSON.parse(r.body) as { token: string }).token;
};

// ---------------------------------------------------------------------------------------------------------
// 1. Login rate-limit bypass

const probeLogin = (): Promise<ClassReport> => {
  const c = newClass(
    'after 10 attempts per IP+account (any spelling of the name) and 30 per IP, every further attempt is 429',
  );
  return measured(c, async () => {
    const variants = [
      ' rm010',
      'rm010\t',
      'rm010\u00a0',
      'RM010',
      'ＲＭ０１０',
      '\u3000rm010',
      'rm010',
      'Rm010 ',
    ];
    const one: number[] = [];
    for (let i = 0; i < 16; i++) {
      const username = variants[i % variants.length]!;
      const r = await http({
        method: 'POST',
        path: '/api/auth/login',
        from: ip(11),
        json: { username, password: 'wrong-' + i },
      });
      one.push(r.status);
      if (i >= 10 && r.status !== 429)
        violation(c, `attempt ${i + 1} on ${JSON.stringify(username)} answered ${r.status}`);
    }
    // The right password after the limit: still refused (the limit is charged before the password is checked).
    const right = await http({
      method: 'POST',
      path: '/api/auth/login',
      from: ip(11),
      json: { username: 'rm010', password: PASSWORD },
    });
    if (right.status !== 429) violation(c, `right password after the limit answered ${right.status}`);

    // One IP across many accounts, with a different X-Forwarded-For each time (the server trusts no proxy).
    const many: number[] = [];
    for (let i = 0; i < 36; i++) {
      const username = `rm${String((i % 40) + 1).padStart(3, '0')}`;
      const r = await http({
        method: 'POST',
        path: '/api/auth/login',
        from: ip(12),
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        json: { username, password: 'wrong' },
      });
      many.push(r.status);
      if (i >= 30 && r.status !== 429)
        violation(c, `attempt ${i + 1} from one IP (${username}, spoofed XFF) answered ${r.status}`);
    }
    // Control: a fresh address logs in with the right password.
    const fresh = await http({
      method: 'POST',
      path: '/api/auth/login',
      from: ip(13),
      json: { username: 'rm010', password: PASSWORD },
    });
    c.observed = {
      oneAccountVariants: tally(one),
      rightPasswordAfterLimit: right.status,
      oneIpManyAccounts: tally(many),
      controlFreshAddressRightPassword: fresh.status,
      note: 'the per-account limit is per IP + account (documented): another address gets its own 10/min for the same account',
    };
    if (fresh.status !== 200)
      violation(
        c,
        `control: a fresh address with the right password got ${fresh.status} (probe not exercising the server)`,
      );
  });
};

// ---------------------------------------------------------------------------------------------------------
// 2. Customer login without a provider-delivered code

const probeCustomerLogin = (server: Server, demo: boolean): Promise<ClassReport> => {
  const c = newClass(
    demo
      ? 'demo on: codes are shown (by design) but no guess, no missing code, no other phone’s code, no reuse logs in'
      : 'demo off: no response carries a code; nothing but the provider-delivered code logs in (once)',
  );
  return measured(c, async () => {
    const customers = await server.ask<{ id: number; phone: string }[]>('firstCustomers');
    const known = new Set(customers.map((x) => x.phone));
    // Sequential numbers from the first demo customer's (the demo banner shows a few), as the demo numbers are
    // (100 + the customer number): seven customers' phones and one beyond the bank.
    const base = Number(customers[0]!.phone);
    const phones = [...Array.from({ length: 7 }, (_, i) => String(base + i)), String(base + 1_000_000)];
    const shown = new Map<string, string>();
    const requestStatuses: number[] = [];
    const answers = new Map<string, number>();
    const verifyStatuses: number[] = [];
    const bodies: string[] = [];
    let k = 150;
    for (const phone of phones) {
      const from = ip(k++);
      const r = await http({ method: 'POST', path: '/api/auth/otp/request', from, json: { phone } });
      requestStatuses.push(r.status);
      bodies.push(r.body);
      // The answer must not tell a customer's phone from any other (codes aside, which differ by nature).
      const shape = `${r.status} ${r.body.replace(/"demoCode":"\d{6}"/, '"demoCode":"…"')}`;
      answers.set(shape, (answers.get(shape) ?? 0) + 1);
      const demoCode = r.status === 200 ? (JSON.parse(r.body) as { demoCode: string | null }).demoCode : null;
      if (demoCode !== null) shown.set(phone, demoCode);
      if (!demo && demoCode !== null) violation(c, `demo off: code request for ${phone} returned demoCode`);
    }
    const other = (phone: string) => [...shown.entries()].find(([p]) => p !== phone)?.[1];
    const attempts = (phone: string): unknown[] => [
      { phone },
      { phone, code: '' },
      { phone, code: 123456 },
      { phone, code: '000000' },
      { phone, code: '123456' },
      { phone, code: '999999', demoCode: shown.get(phone) ?? '000000' },
      ...(other(phone) === undefined ? [] : [{ phone, code: other(phone) }]),
      { phone, code: '111111' },
      { phone, code: '222222' },
      { phone, code: '654321' },
    ];
    // Phone 1 is the positive control (the delivered code logs in once); the others get only guesses, then
    // the delivered code, which must be burned by then (5 wrong tries per code).
    const delivered = await server.ask<{ phone: string; code: string }[]>('delivered');
    const codeOf = (phone: string) => delivered.filter((d) => d.phone === phone).at(-1)?.code;
    const control: number[] = [];
    const p0 = phones[0]!;
    for (const _ of [1, 2]) {
      const r = await http({
        method: 'POST',
        path: '/api/auth/otp/verify',
        from: ip(k++),
        json: { phone: p0, code: codeOf(p0) ?? '000000' },
      });
      control.push(r.status);
    }
    if (known.has(p0) && control[0] !== 200)
      violation(c, `control: the delivered code for ${p0} answered ${control[0]}`);
    if (control[1] === 200) violation(c, `a used code for ${p0} logged in again`);
    let logins = 0;
    for (const phone of phones.slice(1)) {
      for (const body of attempts(phone)) {
        const r = await http({ method: 'POST', path: '/api/auth/otp/verify', from: ip(k++), json: body });
        verifyStatuses.push(r.status);
        bodies.push(r.body);
        if (r.status >= 200 && r.status < 300) {
          logins++;
          violation(c, `login for ${phone} with ${JSON.stringify(body)}: ${r.status}`);
        }
      }
      const code = codeOf(phone);
      if (code !== undefined) {
        const r = await http({
          method: 'POST',
          path: '/api/auth/otp/verify',
          from: ip(k++),
          json: { phone, code },
        });
        verifyStatuses.push(r.status);
        if (r.status === 200)
          violation(c, `the code of ${phone} still worked after 6 or more wrong tries (not burned)`);
      }
    }
    // No response carries a delivered code (demo off).
    const codes = (await server.ask<{ phone: string; code: string }[]>('delivered')).map((d) => d.code);
    let leaked = 0;
    if (!demo)
      for (const b of bodies)
        for (const code of codes)
          if (b.includes(`"${code}"`)) {
            leaked++;
            violation(c, `a response carries a delivered code: ${b}`);
          }
    if (answers.size > 1)
      violation(
        c,
        `code requests answer customers and other phones differently: ${[...answers.keys()].join(' | ')}`,
      );
    c.observed = {
      phonesTried: phones.length,
      phonesThatAreCustomers: phones.filter((p) => known.has(p)).length,
      codeRequests: tally(requestStatuses),
      codesShownOnScreen: shown.size,
      codesDeliveredByProvider: codes.length,
      controlDeliveredCodeThenReuse: control,
      guessVerifies: tally(verifyStatuses),
      successfulLoginsWithoutDeliveredCode: logins,
      responsesCarryingADeliveredCode: leaked,
      distinctCodeRequestAnswers: answers.size,
    };
  });
};

// ---------------------------------------------------------------------------------------------------------
// 3. Random bearer tokens

const probeTokens = (validToken: string): Promise<ClassReport> => {
  const c = newClass(
    'random tokens answer 401 (or 429 once the per-IP budget of 600/min is spent); 429 arrives',
  );
  return measured(c, async () => {
    const from = ip(60);
    const paths = ['/api/customers', '/api/auth/me', '/api/products', '/api/auth/session', '/api/audit'];
    const statuses: number[] = [];
    let first429 = -1;
    const MAX = 680;
    for (let start = 0; start < MAX && first429 < 0; start += 20) {
      const batch = await pool(
        10,
        Array.from(
          { length: 20 },
          (_, j) => () =>
            http({
              path: paths[(start + j) % paths.length]!,
              from,
              token: randomBytes(32).toString('base64url'),
            }),
        ),
      );
      batch.forEach((r, j) => {
        const path = paths[(start + j) % paths.length]!;
        statuses.push(r.status);
        // The session probe answers 200 { user: null } without a session: not a bypass if it says so.
        const anonymousProbe =
          path === '/api/auth/session' && r.status === 200 && r.body.includes('"user":null');
        if (r.status !== 401 && r.status !== 429 && !anonymousProbe)
          violation(c, `random token on ${path} answered ${r.status}: ${r.body.slice(0, 120)}`);
        if (r.status === 429 && first429 < 0) first429 = start + j + 1;
      });
    }
    if (first429 < 0) violation(c, `${statuses.length} random tokens from one IP and no 429`);
    const after = await http({ path: '/api/customers?pageSize=1', from, token: validToken });
    c.observed = {
      statuses: tally(statuses),
      first429AtRequest: first429,
      validTokenFromThatIpAfterwards: after.status,
    };
  });
};

// ---------------------------------------------------------------------------------------------------------
// 4. Masked roles recovering PII

type Clear = { id: number; name: string; phone: string; idNumber: string };

const probeMasked = (server: Server, tokens: Record<string, string>): Promise<ClassReport> => {
  const c = newClass(
    'masked roles find a customer only by an exact full value; their customer 360 shows no clear PII',
  );
  return measured(c, async () => {
    const perRole: Record<string, unknown> = {};
    for (const role of ['ops01', 'bm01', 'admin', 'auditor01']) {
      const token = tokens[role]!;
      const from = ip(70);
      const list = await http({ path: '/api/customers?pageSize=3&sort=id', from, token });
      const ids = (JSON.parse(list.body) as { items: { id: number }[] }).items.map((x) => x.id);
      const clear = await server.ask<Clear[]>('customers', ids);
      const t = clear.find((x) => x.id === ids[0])!;
      const queries: string[] = [];
      for (let n = 3; n < t.phone.length; n++) queries.push(t.phone.slice(0, n));
      queries.push(
        t.phone.slice(-4),
        t.phone.slice(3),
        t.name.slice(0, 1),
        t.name.slice(0, -1),
        t.name.slice(1),
      );
      queries.push(t.idNumber.slice(0, 6), t.idNumber.slice(0, 17));
      const found: number[] = [];
      const exactHits: Record<string, number> = {};
      const matches: Record<string, number> = {};
      for (const q of queries) {
        const r = await http({ path: `/api/customers?pageSize=100&q=${encodeURIComponent(q)}`, from, token });
        if (r.status !== 200) {
          matches[q] = -r.status;
          continue;
        }
        const items = (JSON.parse(r.body) as { items: { id: number }[] }).items;
        matches[q] = items.length;
        const rows = await server.ask<Clear[]>(
          'customers',
          items.map((x) => x.id),
        );
        for (const row of rows) {
          const exact =
            row.phone === q
              ? 'phone'
              : row.name === q
                ? 'name'
                : row.idNumber === q.toUpperCase()
                  ? 'idNumber'
                  : String(row.id) === q
                    ? 'customer number (not PII)'
                    : null;
          if (exact !== null) exactHits[exact] = (exactHits[exact] ?? 0) + 1;
          else {
            found.push(row.id);
            violation(
              c,
              `${role}: q=${q} found customer ${row.id} (phone ${row.phone.slice(0, 3)}…, not an exact value)`,
            );
          }
        }
      }
      // Controls: the exact full phone and name find the customer.
      const exactPhone = await http({ path: `/api/customers?q=${t.phone}`, from, token });
      const exactName = await http({ path: `/api/customers?q=${encodeURIComponent(t.name)}`, from, token });
      const hit = (r: Res) =>
        r.status === 200 &&
        (JSON.parse(r.body) as { items: { id: number }[] }).items.some((x) => x.id === t.id);
      // The customer 360 must not carry the clear name, phone or ID number.
      const page = await http({ path: `/api/customers/${t.id}`, from, token });
      for (const v of [t.phone, t.idNumber, t.name])
        if (page.body.includes(v)) violation(c, `${role}: customer 360 of ${t.id} carries a clear value`);
      perRole[role] = {
        searches: queries.length,
        nonExactHits: found.length,
        hitsOfNonExactQueriesByExactField: exactHits,
        matchesPerQuery: Object.values(matches),
        controlExactPhoneFinds: hit(exactPhone),
        controlExactNameFinds: hit(exactName),
        customer360Status: page.status,
      };
    }
    const audit = await server.ask<{ actor: string; action: string; n: number }[]>('audit');
    c.observed = {
      perRole,
      piiSearchAuditRows: Object.fromEntries(
        audit.filter((a) => a.action === 'pii.search').map((a) => [a.actor, a.n]),
      ),
    };
  });
};

// ---------------------------------------------------------------------------------------------------------
// 5. Writes by non-advice roles

const probeWrites = (server: Server, tokens: Record<string, string>): Promise<ClassReport> => {
  const c = newClass(
    'only an RM writes allocation proposals (own customers): others get 403 and leave no audit row',
  );
  return measured(c, async () => {
    const from = ip(80);
    const own = await http({ path: '/api/customers?pageSize=1', from, token: tokens.rm001 });
    const customerId = (JSON.parse(own.body) as { items: { id: number }[] }).items[0]!.id;
    const body = {
      purpose: 'retirement',
      amount: 100000,
      horizonMonths: 36,
      riskAppetite: 'C3',
      liquidityNeed: 'medium',
    };
    const statuses: Record<string, number> = {};
    for (const role of ['auditor01', 'ops01', 'admin', 'bm01']) {
      for (const id of [customerId, customerId + 1]) {
        const r = await http({
          method: 'POST',
          path: `/api/customers/${id}/proposal`,
          from,
          token: tokens[role],
          json: body,
        });
        statuses[`${role} → ${id}`] = r.status;
        if (r.status >= 200 && r.status < 300)
          violation(c, `${role} created a proposal for customer ${id}: ${r.status}`);
      }
    }
    const rm = await http({
      method: 'POST',
      path: `/api/customers/${customerId}/proposal`,
      from,
      token: tokens.rm001,
      json: body,
    });
    const audit = await server.ask<{ actor: string; action: string; n: number }[]>('audit');
    const proposals = Object.fromEntries(
      audit.filter((a) => a.action === 'advice.proposal').map((a) => [a.actor, a.n]),
    );
    for (const role of ['auditor01', 'ops01', 'admin', 'bm01'])
      if ((proposals[role] ?? 0) > 0)
        violation(c, `${proposals[role]} advice.proposal audit rows in the name of ${role}`);
    c.observed = { statuses, controlRmOwnCustomer: rm.status, proposalAuditRowsByActor: proposals };
  });
};

// ---------------------------------------------------------------------------------------------------------
// 6. 5xx from hostile input on every route of the OpenAPI document

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
      }
    >
  >;
};

const URL_VALUES = [
  '%00',
  'a%00b',
  '1e17',
  '1e400',
  '99999999999999999999999',
  'true',
  '[1000]',
  '0x10',
  'a'.repeat(100_000),
  encodeURIComponent('\u202Eevil\u202C😀e\u0301\u0301'),
  '%FF%FE',
  '%ED%A0%80',
  '%E0%A4%A',
  '%',
  encodeURIComponent("' OR 1=1 --"),
];
const BODY_VALUES: unknown[] = [
  null,
  true,
  1e17,
  1e308,
  'a\u0000b',
  '\ud800',
  'x'.repeat(100_000),
  [1000],
  {},
  '1e400',
  '\u202Eevil',
];
const RAW_BODIES = [
  'null',
  '[]',
  '{"a":',
  '{"__proto__":{"admin":true}}',
  '\u0000',
  '1e400',
  '{"a":"\\u0000"}',
];

const probeFuzz = (tokens: Record<string, string>, customerOfRm: number): Promise<ClassReport> => {
  const c = newClass('no 5xx (and no dropped connection) for hostile input on any route');
  return measured(c, async () => {
    const doc = JSON.parse((await http({ path: '/api/docs/json', from: ip(90) })).body) as OpenApi;
    type Job = {
      method: string;
      path: string;
      token?: string;
      raw?: string;
      headers?: Record<string, string>;
    };
    const jobs: Job[] = [];
    const callers = ['rm001', 'admin', 'auditor01', 'customer', 'bm01'];
    let turn = 0;
    const callerFor = (template: string): string =>
      template.includes('proposal')
        ? 'rm001'
        : template.startsWith('/api/audit')
          ? 'auditor01'
          : callers[turn++ % callers.length]!;
    const fill = (template: string) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'id' ? String(customerOfRm) : name === 'code' ? 'X' : '1',
      );
    const routes: string[] = [];
    for (const [template, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const m = method.toUpperCase();
        if (template === '/api/auth/logout') continue; // would end the caller's session; reads no input
        routes.push(`${m} ${template}`);
        const base = fill(template);
        const params = op.parameters ?? [];
        for (const p of params.filter((x) => x.in === 'path'))
          for (const v of URL_VALUES)
            jobs.push({
              method: m,
              path: template.replace(`{${p.name}}`, v).replace(/\{(\w+)\}/g, '1'),
              token: callerFor(template),
            });
        for (const p of params.filter((x) => x.in === 'query'))
          for (const v of URL_VALUES.slice(0, 10))
            jobs.push({ method: m, path: `${base}?${p.name}=${v}`, token: callerFor(template) });
        if (m === 'POST' || m === 'PUT' || m === 'PATCH') {
          const props = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
          for (const prop of props)
            for (const v of BODY_VALUES)
              jobs.push({
                method: m,
                path: base,
                token: callerFor(template),
                raw: JSON.stringify({ [prop]: v }),
              });
          for (const raw of RAW_BODIES) jobs.push({ method: m, path: base, token: callerFor(template), raw });
          jobs.push({
            method: m,
            path: base,
            token: callerFor(template),
            raw: `{"a":"${'x'.repeat(1_100_000)}"}`,
          });
          jobs.push({
            method: m,
            path: base,
            token: callerFor(template),
            raw: 'a=1',
            headers: { 'content-type': 'text/plain' },
          });
        }
        jobs.push({
          method: m,
          path: base,
          token: callerFor(template),
          headers: { 'x-big': 'y'.repeat(20_000) },
        });
      }
    // Requests whose routing itself is odd.
    for (const p of [
      '/api/customers/%',
      '/api/%E0%A4%A',
      '/api/customers?q=%',
      '/%00',
      `/api/${'a'.repeat(10_000)}`,
    ])
      jobs.push({ method: 'GET', path: p, token: 'admin' });
    const statuses: number[] = [];
    let unsendable = 0;
    let dropped = 0;
    const results = await pool(
      6,
      jobs.map(
        (j, n) => () =>
          http({
            method: j.method,
            path: j.path,
            from: ip(100 + (n % 20)),
            token: j.token === undefined ? undefined : tokens[j.token],
            headers: j.headers,
            raw: j.raw,
          }),
      ),
    );
    results.forEach((r, n) => {
      const j = jobs[n]!;
      if (r.status === -1) {
        unsendable++;
        return;
      }
      statuses.push(r.status);
      const what = `${j.method} ${j.path.slice(0, 80)}${j.raw === undefined ? '' : ` body ${j.raw.slice(0, 60)}`}`;
      if (r.status >= 500) violation(c, `${what} → ${r.status} ${r.body.slice(0, 120)}`);
      // A connection dropped without an answer is a crash as far as the client can tell — except for a header
      // block over Node's limit, which is answered 431 on the socket and may race the client's write.
      else if (r.status === 0) {
        dropped++;
        if (j.headers?.['x-big'] === undefined && (j.raw?.length ?? 0) < 1_000_000)
          violation(c, `${what} → no answer (${r.body})`);
      }
    });
    c.observed = {
      routes: routes.length,
      statuses: tally(statuses),
      droppedConnections: dropped,
      notSendableByNodeClient: unsendable,
    };
  });
};

// ---------------------------------------------------------------------------------------------------------

const runOnce = async (demo: 'on' | 'off') => {
  const dir = mkdtempSync(join(tmpdir(), 'caiban-probe-'));
  const t0 = performance.now();
  const server = await startServer(demo, join(dir, 'pg'));
  const startSeconds = Math.round(performance.now() - t0) / 1000;
  PORT = server.port;
  const sentBefore = sent;
  const t1 = performance.now();
  try {
    // Sessions first, from their own address (the login classes spend their addresses' budgets).
    const tokens: Record<string, string> = {};
    for (const u of ['rm001', 'admin', 'ops01', 'auditor01', 'bm01']) tokens[u] = await staffLogin(u, ip(2));
    const classes: Record<string, ClassReport> = {};
    classes.loginRateLimit = await probeLogin();
    classes.customerLoginWithoutCode = await probeCustomerLogin(server, demo === 'on');
    // A customer session for the fuzz (from a later phone, by the delivered code: the legitimate path).
    const phone = (await server.ask<{ id: number; phone: string }[]>('firstCustomers')).at(-1)!.phone;
    const req = await http({ method: 'POST', path: '/api/auth/otp/request', from: ip(3), json: { phone } });
    const code = (await server.ask<{ phone: string; code: string }[]>('delivered'))
      .filter((d) => d.phone === phone)
      .at(-1)?.code;
    const ver = await http({
      method: 'POST',
      path: '/api/auth/otp/verify',
      from: ip(3),
      json: { phone, code },
    });
    if (ver.status !== 200)
      throw new Error(`customer login ${phone}: request ${req.status}, verify ${ver.status} ${ver.body}`);
    tokens.customer = (JSON.parse(ver.body) as { token: string }).token;
    classes.randomBearerTokens = await probeTokens(tokens.rm001!);
    classes.maskedPiiSearch = await probeMasked(server, tokens);
    classes.writesByNonAdviceRoles = await probeWrites(server, tokens);
    const own = await http({ path: '/api/customers?pageSize=1', from: ip(4), token: tokens.rm001 });
    classes.noServerErrors = await probeFuzz(
      tokens,
      (JSON.parse(own.body) as { items: { id: number }[] }).items[0]!.id,
    );
    return {
      demoAccess: demo,
      server: server.settings,
      serverStartSeconds: startSeconds,
      probeSeconds: Math.round(performance.now() - t1) / 1000,
      requests: sent - sentBefore,
      classes,
    };
  } finally {
    await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
};

const runs = [];
for (const demo of RUNS) runs.push(await runOnce(demo));
const byClass: Record<string, { requests: number; violations: number }> = {};
for (const r of runs)
  for (const [name, c] of Object.entries(r.classes)) {
    const t = (byClass[name] ??= { requests: 0, violations: 0 });
    t.requests += c.requests;
    t.violations += c.violations;
  }
const totals = {
  requests: runs.reduce((s, r) => s + r.requests, 0),
  violations: Object.values(byClass).reduce((s, c) => s + c.violations, 0),
  byClass,
};
process.stdout.write(
  `${JSON.stringify({ bench: 'probe', issue: 9, node: process.version, totals, runs }, null, 2)}\n`,
);
process.exitCode = totals.violations > 0 ? 1 : 0;
