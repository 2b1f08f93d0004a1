import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoredDataDir } from '../../test/support/data-dir.js';
import { repoRoot } from '../../test/support/repo-root.js';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

type Run = { stdout: string; stderr: string; code: number | null; signal: NodeJS.Signals | null };

/**
 * `caiban start` from source on a temporary data folder (embedded PGlite): waits for the banner, checks the
 * server answers, sends `signal`, and returns what the process printed and how it ended.
 */
const startAndStop = async (args: string[], signal: NodeJS.Signals, env: Record<string, string> = {}) => {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), 'start', '--port', String(port), ...args],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        DATABASE_URL: '',
        DEMO_ACCESS: '',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const run: Run = { stdout: '', stderr: '', code: null, signal: null };
  child.stdout.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, sig) => {
      run.code = code;
      run.signal = sig;
      resolve();
    }),
  );
  const deadline = Date.now() + 150_000;
  while (!run.stdout.includes('API docs') && run.code === null && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  expect(run.stdout, run.stderr).toContain(`127.0.0.1:${port}`);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  return { ...run, portFreed: await portFree(port) };
};

describe('caiban start (issue 10 item 7, issue 9 item 2)', () => {
  // Migrated already (restored from the run's dump): the first start still seeds its 30-customer demo bank, and
  // initdb plus migrations on disk in a child process were a large part of this file's time.
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await restoredDataDir('migrated');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints one banner with demo access on when asked, and stops on SIGTERM with exit 0', async () => {
    const r = await startAndStop(['--data-dir', dataDir, '--customers', '30', '--demo-access'], 'SIGTERM');
    expect(r.code).toBe(0);
    expect(r.portFreed).toBe(true);
    expect(r.stdout.match(/is running/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/demo access: ON \(--demo-access\)/);
    expect(r.stdout).toContain('rm001');
    // The URL is said once, by the banner: no "Server listening at …" log line repeats it.
    expect(r.stderr).not.toMatch(/Server listening/);
    expect(r.stderr).toContain('caiban: stopped');
  }, 200_000);

  it('keeps demo access off without the flag (and with DEMO_ACCESS=off), and stops on SIGINT', async () => {
    const plain = await startAndStop(['--data-dir', dataDir], 'SIGINT');
    expect(plain.code).toBe(0);
    expect(plain.portFreed).toBe(true);
    expect(plain.stdout).toMatch(/demo access: off \(not asked/);
    expect(plain.stdout).not.toContain('rm001');
    const vetoed = await startAndStop(['--data-dir', dataDir, '--demo-access'], 'SIGTERM', {
      DEMO_ACCESS: 'off',
    });
    expect(vetoed.stdout).toMatch(/demo access: off \(DEMO_ACCESS=off\)/);
    expect(vetoed.code).toBe(0);
  }, 400_000);
});
