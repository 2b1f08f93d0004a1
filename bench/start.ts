/**
 * Measures `caiban start` on the embedded database: first start (migrations + demo bank of N customers) and a
 * later start on the same DATA_DIR, then API latency over HTTP against the running server.
 * Run: npx tsx bench/start.ts [--customers 5000] [--requests 40]   (needs `npm run build` first)
 * Prints one JSON report on stdout.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const CUSTOMERS = arg('customers', 5000);
const REQUESTS = arg('requests', 40);

const freePort = (): Promise<number> =>
  new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => res(port));
    });
  });

/** Spawns the binary and resolves with the wall time until its JSON summary is complete. */
const start = (port: number, dataDir: string): Promise<{ child: ChildProcess; seconds: number }> =>
  new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin', 'caiban'),
        'start',
        '--json',
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--customers',
        String(CUSTOMERS),
      ],
      {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        JSON.parse(out);
        res({ child, seconds: (performance.now() - t0) / 1000 });
      } catch {
        // not complete yet
      }
    });
    child.once('exit', (code) => rej(new Error(`caiban start exited with ${code}`)));
  });

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((res) => {
    child.removeAllListeners('exit');
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

const timeRequests = async (
  url: string,
  token: string,
  body?: unknown,
): Promise<{ p50_ms: number; p95_ms: number }> => {
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const r = await fetch(
      url,
      body === undefined
        ? { headers: { authorization: `Bearer ${token}` } }
        : {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
    ms.push(performance.now() - t0);
  }
  return { p50_ms: Number(percentile(ms, 0.5).toFixed(1)), p95_ms: Number(percentile(ms, 0.95).toFixed(1)) };
};

const login = async (base: string, username: string): Promise<string> => {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  return ((await r.json()) as { token: string }).token;
};

const dataDir = mkdtempSync(join(tmpdir(), 'caiban-bench-'));
try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const first = await start(port, dataDir);
  await stop(first.child);
  const later = await start(port, dataDir);
  try {
    const rm = await login(base, 'rm001');
    const ops = await login(base, 'ops01');
    const list = (await (
      await fetch(`${base}/api/customers?pageSize=1`, { headers: { authorization: `Bearer ${rm}` } })
    ).json()) as {
      items: Array<{ id: number }>;
    };
    const id = list.items[0]!.id;
    const valid = (await (
      await fetch(`${base}/api/customers?assessment=valid&pageSize=1`, {
        headers: { authorization: `Bearer ${rm}` },
      })
    ).json()) as { items: Array<{ id: number }> };
    const validId = valid.items[0]!.id;
    const api = {
      rm_customer_list: await timeRequests(`${base}/api/customers?page=1&pageSize=50`, rm),
      ops_customer_list_all: await timeRequests(`${base}/api/customers?page=1&pageSize=50`, ops),
      ops_customer_search_name: await timeRequests(
        `${base}/api/customers?q=${encodeURIComponent('王')}&pageSize=50`,
        ops,
      ),
      rm_customer_360: await timeRequests(`${base}/api/customers/${id}`, rm),
      product_list: await timeRequests(`${base}/api/products?pageSize=100`, rm),
      product_detail_with_nav: await timeRequests(`${base}/api/products/EQ001`, rm),
      product_analytics: await timeRequests(`${base}/api/products/EQ001/analytics`, rm),
      fund_pk_3_products: await timeRequests(`${base}/api/analytics/compare`, rm, {
        codes: ['PB001', 'BP001', 'EQ001'],
      }),
      // Each call also writes its audit row.
      customer_proposal: await timeRequests(`${base}/api/customers/${validId}/proposal`, rm, {
        purpose: 'growth',
        amount: 200000,
        horizonMonths: 60,
        riskAppetite: 'C5',
      }),
    };
    process.stdout.write(
      JSON.stringify(
        {
          bench: 'caiban start + API latency (PGlite, one process)',
          customers: CUSTOMERS,
          first_start_seconds: Number(first.seconds.toFixed(1)),
          later_start_seconds: Number(later.seconds.toFixed(1)),
          requests_per_endpoint: REQUESTS,
          api,
          node: process.version,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await stop(later.child);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
