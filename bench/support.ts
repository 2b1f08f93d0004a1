import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createRng } from '../src/core/random.js';

/** Repository root (this file is bench/support.ts). */
export const repoRootPath = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A price CSV (date column then one column per asset, blanks = NaN) by asset, or null when absent. */
export const readPricePanel = (path: string): { assets: string[]; cols: Float64Array[] } | null => {
  if (!existsSync(path)) {
    process.stderr.write(`bench: ${path} is absent; skipping that problem\n`);
    return null;
  }
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const assets = lines[0]!.split(',').slice(1);
  const rows = lines.slice(1).map((l) => l.split(','));
  return {
    assets,
    cols: assets.map((_, j) => Float64Array.from(rows, (r) => (r[j + 1] ? Number(r[j + 1]) : NaN))),
  };
};

/**
 * Starts a bench server script (next to this file) in a child process, so the load generator does not share its
 * event loop; resolves with the child's first IPC message (its "ready" report). BENCH_CPU_PROF=<dir> writes a V8
 * CPU profile of the server (to find the hot spots).
 */
export const forkBenchServer = <Ready>(
  script: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; ready: Ready }> =>
  new Promise((done, reject) => {
    const child = fork(resolve(repoRootPath, 'bench', script), [], {
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      ],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => done({ child, ready: m as Ready }));
    child.once('exit', (code) => reject(new Error(`bench server ${script} exited with ${code}`)));
  });

/** Asks a bench server child to stop; resolves with its last IPC message (its final report). */
export const stopBenchServer = <Report>(child: ChildProcess): Promise<Report> =>
  new Promise((res) => {
    child.removeAllListeners('exit');
    child.once('message', (m) => res(m as Report));
    child.send('stop');
  });

/** The PostgreSQL server benches create their databases on (admin connection). */
export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/** The URL of database `name` on the admin URL's server. */
export const dbUrl = (name: string): string => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Runs one statement on the admin connection (CREATE / DROP DATABASE). */
export const admin = async (text: string): Promise<Array<Record<string, unknown>>> => {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return (await c.query<Record<string, unknown>>(text)).rows;
  } finally {
    await c.end();
  }
};

/** A 1,000-day price table of 500 assets from a one-factor model (deterministic): the table bench/cli-startup.ts and
 * bench/optimize-phases.ts optimise. */
export const writePrices = (path: string, assets: number, days: number): void => {
  const rng = createRng(7);
  const beta = Array.from({ length: assets }, () => 0.5 + rng.next());
  const vol = Array.from({ length: assets }, () => 0.005 + 0.015 * rng.next());
  const price = new Float64Array(assets).fill(100);
  const lines = ['date,' + Array.from({ length: assets }, (_, j) => `A${j}`).join(',')];
  const day = new Date(Date.UTC(2020, 0, 1));
  for (let t = 0; t < days; t++) {
    const market = 0.0003 + 0.01 * rng.normal();
    for (let j = 0; j < assets; j++) price[j]! *= 1 + beta[j]! * market + vol[j]! * rng.normal();
    lines.push(day.toISOString().slice(0, 10) + ',' + Array.from(price, (p) => p.toFixed(4)).join(','));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  writeFileSync(path, lines.join('\n') + '\n');
};
