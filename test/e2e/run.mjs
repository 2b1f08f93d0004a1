#!/usr/bin/env node
// Browser test: starts `caiban start` on a free port with a temporary DATA_DIR, drives Debian Chromium through
// playwright-core, logs in as an RM, opens a customer 360, checks that another RM's customer is refused, and
// saves screenshots to test-results/. Exit code 0 on success; one JSON summary on stdout.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const results = join(root, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CUSTOMERS = Number(process.env.E2E_CUSTOMERS ?? 400);
const started = Date.now();
const steps = [];

const step = async (name, fn) => {
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

/** Starts the real binary and resolves once it prints its URL. */
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
      ],
      {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', DATABASE_URL: '' },
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

const apiLogin = async (base, username) => {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: HTTP ${r.status}`);
  return (await r.json()).token;
};

const expect = (cond, message) => {
  if (!cond) throw new Error(message);
};

/** Chinese text renders as empty boxes without a CJK font (Debian: fonts-wqy-microhei or fonts-noto-cjk). */
const warnWithoutCjkFont = () => {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim() === '')
    process.stderr.write(
      'e2e: warning: no CJK font installed; screenshots will show boxes (apt-get install fonts-wqy-microhei)\n',
    );
};

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
    const other = await step('find a customer of another RM (rm002) through the API', async () => {
      const token = await apiLogin(base, 'rm002');
      const r = await fetch(`${base}/api/customers?pageSize=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await r.json();
      expect(body.items.length === 1, 'rm002 has no customers');
      return body.items[0].id;
    });
    browser = await step('launch Chromium', () =>
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    );
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    await step('log in as rm001 through the login form', async () => {
      await page.goto(`${base}/login`);
      await page.getByTestId('login-username').waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(results, 'login.png') });
      await page.getByTestId('login-username').fill('rm001');
      await page.getByTestId('login-password').fill('demo1234');
      await page.getByTestId('login-submit').click();
      await page.waitForURL('**/workbench/customers', { timeout: 20_000 });
    });
    await step('customer list shows the RM’s customers', async () => {
      await page
        .locator('[data-testid=customer-table] tbody tr.ant-table-row')
        .first()
        .waitFor({ timeout: 20_000 });
      const rows = await page.locator('[data-testid=customer-table] tbody tr.ant-table-row').count();
      expect(rows > 0, 'no customer rows');
      await page.screenshot({ path: join(results, 'customer-list.png'), fullPage: true });
    });
    await step('open a customer 360 (profile, holdings, asset mix, timeline)', async () => {
      await page.locator('[data-testid=customer-table] tbody tr.ant-table-row').first().click();
      await page.getByTestId('customer-360').waitFor({ timeout: 20_000 });
      await page
        .locator('[data-testid=holdings-table] tbody tr.ant-table-row')
        .first()
        .waitFor({ timeout: 10_000 });
      await page.locator('[data-testid=asset-mix] canvas').first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(800); // let the pie's entry animation finish before the screenshot
      await page.screenshot({ path: join(results, 'customer-360.png'), fullPage: true });
    });
    await step('another RM’s customer is refused in the UI', async () => {
      await page.goto(`${base}/workbench/customers/${other}`);
      await page.getByText('无权查看该客户').waitFor({ timeout: 20_000 });
      expect(
        (await page.getByTestId('customer-360').count()) === 0,
        'the 360 of a foreign customer rendered',
      );
      await page.screenshot({ path: join(results, 'customer-refused.png') });
    });
    await step('product page draws the NAV chart', async () => {
      await page.goto(`${base}/console/products`);
      await page.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
      await page.locator('tbody tr.ant-table-row').nth(12).click();
      await page.getByTestId('nav-chart').locator('canvas').first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(results, 'product.png'), fullPage: true });
    });
    await step('product analytics tab draws NAV vs benchmark, drawdown and the metrics table', async () => {
      await page.getByRole('tab', { name: '业绩分析' }).click();
      await page.getByTestId('product-analytics').locator('canvas').first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(results, 'product-analytics.png'), fullPage: true });
    });
    await step('基金PK page compares three products', async () => {
      const token = await apiLogin(base, 'rm001');
      const pick = async (type) => {
        const r = await fetch(`${base}/api/products?type=${type}&pageSize=1`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return (await r.json()).items[0].code;
      };
      const codes = [await pick('pure_bond'), await pick('bond_plus'), await pick('equity')];
      await page.goto(`${base}/console/pk?codes=${codes.join(',')}`);
      await page.getByTestId('pk-summary').waitFor({ timeout: 20_000 });
      await page.getByTestId('pk-table').locator('tbody tr').first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(results, 'fund-pk.png'), fullPage: true });
    });
    await step(
      'allocation proposal from the customer 360 (pie, frontier, backtest, picks, trades)',
      async () => {
        const token = await apiLogin(base, 'rm001');
        const r = await fetch(`${base}/api/customers?assessment=valid&riskLevel=C3&pageSize=1`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = await r.json();
        expect(body.items.length === 1, 'rm001 has no C3 customer with a valid assessment');
        await page.goto(`${base}/workbench/customers/${body.items[0].id}`);
        await page.getByTestId('to-proposal').click();
        await page.getByTestId('bucket-form').waitFor({ timeout: 20_000 });
        await page.getByRole('button', { name: '生成方案' }).click();
        await page.getByTestId('proposal-picks').locator('tbody tr').first().waitFor({ timeout: 30_000 });
        await page.waitForTimeout(1000);
        await page.screenshot({ path: join(results, 'proposal.png'), fullPage: true });
      },
    );
    await step('OpenAPI documentation renders at /api/docs', async () => {
      const docs = await browser.newPage();
      await docs.goto(`${base}/api/docs`);
      await docs.locator('.swagger-ui .opblock').first().waitFor({ timeout: 20_000 });
      await docs.close();
    });
    await step('switch the UI to English', async () => {
      await page.getByTestId('lang-switch').click();
      await page.getByText('Products').first().waitFor({ timeout: 10_000 });
    });
    await step('a demo customer logs in by SMS code and sees only their own assets', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
      const cpage = await context.newPage();
      const phone = server.banner.match(/\b(1\d{10})\b/)?.[1];
      expect(phone !== undefined, 'caiban start printed no demo customer phone');
      await cpage.goto(`${base}/login`);
      await cpage.getByRole('tab', { name: '客户登录' }).click();
      await cpage.getByTestId('otp-phone').fill(phone);
      await cpage.getByTestId('otp-send').click();
      const hint = await cpage
        .getByText(/演示环境/)
        .textContent({ timeout: 10_000 })
        .catch(async (e) => {
          await cpage.screenshot({ path: join(results, 'otp-failure.png') });
          throw e;
        });
      const code = hint?.match(/(\d{6})/)?.[1];
      expect(code !== undefined, `no demo code shown: ${hint}`);
      await cpage.getByTestId('otp-code').fill(code);
      await cpage.getByTestId('otp-submit').click();
      await cpage.waitForURL('**/me', { timeout: 20_000 });
      await cpage.getByTestId('customer-360').waitFor({ timeout: 20_000 });
      await cpage.waitForTimeout(800);
      await cpage.screenshot({ path: join(results, 'customer-self.png'), fullPage: true });
      await cpage.goto(`${base}/workbench/customers/${other}`);
      await cpage.getByText('无权查看该客户').waitFor({ timeout: 20_000 });
      await context.close();
    });
  } finally {
    if (browser) await browser.close();
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
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
