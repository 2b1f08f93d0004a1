/**
 * The advisor chat under concurrency: BENCH sessions (default 100, one customer each) send classical-path turns
 * (greeting, fee question from the KB, holdings, check-up, market view, in rotation) to
 * POST /api/advisor/sessions/:id/messages, next to /healthz on the same server (a trivial Fastify route that
 * touches no database: the ceiling);
 * on PGlite (a data folder) and on PostgreSQL. Loopback only; bounded time per route.
 *
 * Run: npx tsx bench/chat.ts [--engines pglite,postgres] [--customers 500] [--sessions 100] [--seconds 10]
 * Prints one JSON report on stdout.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { forkBenchServer, stopBenchServer } from './support.js';
import pg from 'pg';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const ENGINES = arg('engines', 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const CUSTOMERS = Number(arg('customers', '500'));
const SESSIONS = Number(arg('sessions', '100'));
const SECONDS = Number(arg('seconds', '10'));
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const TEXTS = ['你好', '赎回要多少手续费', '看看我的持仓', '帮我体检一下持仓', '今天市场怎么样'];

type Ready = { port: number; sessions: { token: string; id: string }[] };

const startServer = (engine: string, target: string) =>
  forkBenchServer<Ready>('chat-server.ts', {
    BENCH_ENGINE: engine,
    BENCH_TARGET: target,
    BENCH_CUSTOMERS: String(CUSTOMERS),
    BENCH_SESSIONS: String(SESSIONS),
  });

const stopServer = (child: ChildProcess): Promise<unknown> => stopBenchServer(child);

const summary = (r: autocannon.Result) => ({
  requests: r.requests.total,
  per_second: Math.round(r.requests.average),
  p50_ms: r.latency.p50,
  p99_ms: r.latency.p99,
  non_2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
});

const chat = (ready: Ready): Promise<autocannon.Result> => {
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${ready.port}`,
    connections: ready.sessions.length,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, ctx: object) => {
          const context = ctx as Record<string, unknown>;
          if (context.k === undefined) {
            context.k = next++;
            context.turn = 0;
          }
          const s = ready.sessions[(context.k as number) % ready.sessions.length]!;
          const text = TEXTS[(context.turn as number) % TEXTS.length]!;
          context.turn = (context.turn as number) + 1;
          return {
            ...req,
            path: `/api/advisor/sessions/${s.id}/messages`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
            body: JSON.stringify({ text }),
          };
        },
      },
    ],
  });
};

const trivial = (ready: Ready): Promise<autocannon.Result> =>
  autocannon({
    url: `http://127.0.0.1:${ready.port}/healthz`,
    connections: ready.sessions.length,
    duration: SECONDS,
  });

const runEngine = async (engine: 'pglite' | 'postgres') => {
  let target = '';
  let cleanup = async () => {};
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'caiban-chat-bench-'));
    target = dir;
    cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const name = `bench_chat_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    target = u.toString();
    cleanup = async () => {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  const { child, ready } = await startServer(engine, target);
  try {
    const ceiling = await trivial(ready);
    const turns = await chat(ready);
    return {
      engine,
      sessions: ready.sessions.length,
      seconds: SECONDS,
      chat: summary(turns),
      trivial_route: summary(ceiling),
    };
  } finally {
    await stopServer(child);
    await cleanup();
  }
};

const results = [];
for (const e of ENGINES) results.push(await runEngine(e));
process.stdout.write(
  `${JSON.stringify({ bench: 'chat', path: 'classical', customers: CUSTOMERS, texts: TEXTS, loadavg: loadavg(), results })}\n`,
);
