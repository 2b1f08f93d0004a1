#!/usr/bin/env node
// Browser tests: starts `caiban start` once on a free port with a temporary DATA_DIR, launches Debian Chromium
// through playwright-core, and runs every scenario in test/e2e/scenarios/ in file-name order (each exports
// `title` and `run(ctx)`). Screenshots go to test-results/. Exit code 0 on success; one JSON summary on stdout.
// E2E_ONLY=a,b runs only the scenarios whose file names contain one of those words.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { results, root, step, steps, warnWithoutCjkFont } from './support.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CUSTOMERS = Number(process.env.E2E_CUSTOMERS ?? 400);
const ONLY = (process.env.E2E_ONLY ?? '').split(',').filter((s) => s !== '');
const started = Date.now();

const freePort = () =>
  new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

const ensureBuilt = () => {
  if (existsSync(join(root, 'dist', 'cli', 'main.js')) && existsSync(join(root, 'dist', 'web', 'index.html')))
    return;
  process.stderr.write('e2e: building (npm run build)\n');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build failed');
};

/** Starts the real binary (as `npm start` does, with the demo conveniences on) and resolves once it prints its URL. */
const startServer = (port, dataDir) =>
  new Promise((res, rej) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin', 'caiban'),
        'start',
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--customers',
        String(CUSTOMERS),
        // What `npm start` passes: the customer-login scenario reads the one-time code off the screen.
        '--demo-access',
      ],
      {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', DATABASE_URL: '', DEMO_ACCESS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => rej(new Error(`server did not start in 120 s\n${out}\n${err}`)), 120_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes(`:${port}`) && out.includes('rm001')) {
        clearTimeout(timer);
        res({ child, banner: out });
      }
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`server exited with ${code}\n${out}\n${err}`));
    });
  });

const scenarioFiles = () =>
  readdirSync(join(root, 'test', 'e2e', 'scenarios'))
    .filter((f) => f.endsWith('.mjs'))
    .filter((f) => ONLY.length === 0 || ONLY.some((w) => f.includes(w)))
    .sort();

const main = async () => {
  mkdirSync(results, { recursive: true });
  warnWithoutCjkFont();
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'caiban-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = null;
  let browser = null;
  try {
    server = await step('caiban start (first run seeds the demo bank)', () => startServer(port, dataDir));
    browser = await step('launch Chromium', () =>
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    );
    const ctx = { base, browser, banner: server.banner };
    for (const file of scenarioFiles()) {
      const mod = await import(pathToFileURL(join(root, 'test', 'e2e', 'scenarios', file)).href);
      process.stderr.write(`e2e: — ${mod.title ?? file}\n`);
      await mod.run(ctx);
    }
  } finally {
    if (browser) await browser.close();
    if (server) {
      // `caiban start` stops cleanly on SIGTERM (server and database closed); wait for it, at most 15 s.
      const exited = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
};

let ok = true;
try {
  await main();
} catch {
  ok = false;
}
process.stdout.write(
  JSON.stringify(
    { ok, seconds: (Date.now() - started) / 1000, steps, screenshots: 'test-results/' },
    null,
    2,
  ) + '\n',
);
process.exit(ok ? 0 : 1);
