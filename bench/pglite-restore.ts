/**
 * CPU of restoring the test fixtures' PGlite dumps (test/support/fixtures.ts), with and without a CHECKPOINT before
 * the dump (test/support/pglite-dump.ts). Builds the migrated and the seeded (TEST_BANK) dumps both ways, as the
 * fixtures do (one instance: migrate, dump, seed, dump), then restores each in a fresh process — `openPglite(null,
 * { loadDataDir })` and one query, as a test's `createTestDb` does — interleaving the variants round by round.
 * Prints JSON: per variant the dump size and the child's CPU seconds for the restore (median, all runs).
 *
 *   npx tsx bench/pglite-restore.ts [--runs N]
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemoBank } from '../src/demo/index.js';
import { openPglite } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { TEST_BANK, testSeedingPort } from '../test/support/db.js';
import { writePgliteDump } from '../test/support/pglite-dump.js';

const cpuS = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Child: restores one dump, counts the customers, closes; reports the CPU of that alone. */
const restoreChild = async (file: string): Promise<void> => {
  const c0 = cpuS();
  const db = await openPglite(null, { loadDataDir: new Blob([readFileSync(file)]) });
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
  await db.close();
  process.send!({ cpuS: cpuS() - c0, customers: row!.n });
};

const restoreOnce = (file: string): Promise<{ cpuS: number; customers: number }> =>
  new Promise((done, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', file], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: { cpuS: number; customers: number } | null = null;
    child.once('message', (m) => (report = m as { cpuS: number; customers: number }));
    child.once('exit', (code) =>
      report === null ? reject(new Error(`restore child exited with ${code}`)) : done(report),
    );
  });

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const i = args.indexOf('--runs');
  const runs = i < 0 ? 5 : Number(args[i + 1]);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs: expected a positive integer, got ${args[i + 1]}`);
  const dir = mkdtempSync(join(tmpdir(), 'caiban-pglite-restore-'));
  try {
    const files: Record<string, string> = {};
    for (const checkpoint of [false, true]) {
      const db = await openPglite(null);
      try {
        await migrate(db);
        const tag = checkpoint ? 'checkpointed' : 'plain';
        files[`migrated_${tag}`] = join(dir, `migrated-${tag}.tar`);
        await writePgliteDump(db, files[`migrated_${tag}`]!, checkpoint);
        await seedDemoBank(testSeedingPort(db), TEST_BANK);
        files[`demo_${tag}`] = join(dir, `demo-${tag}.tar`);
        await writePgliteDump(db, files[`demo_${tag}`]!, checkpoint);
      } finally {
        await db.close();
      }
    }
    const load0 = loadavg()[0]!;
    const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(files).map((k) => [k, []]));
    const customers: Record<string, number> = {};
    for (let r = 0; r < runs; r++)
      for (const [k, f] of Object.entries(files)) {
        const res = await restoreOnce(f);
        cpu[k]!.push(Math.round(res.cpuS * 1000) / 1000);
        customers[k] = res.customers;
      }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    const variants = Object.fromEntries(
      Object.entries(files).map(([k, f]) => [
        k,
        { bytes: statSync(f).size, customers: customers[k], cpuSMedian: median(cpu[k]!), cpuS: cpu[k] },
      ]),
    );
    process.stdout.write(
      JSON.stringify(
        { runs, load1: [load0, loadavg()[0]!], measure: 'child process CPU (user+sys)', variants },
        null,
        2,
      ) + '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const c = process.argv.indexOf('--child');
if (c >= 0) await restoreChild(process.argv[c + 1]!);
else await main();
