import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

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
