// Insight console (issue 15 items 4 and 8): a renewal study created through the API runs to the end on the demo
// bank; ops01 opens it, moves a what-if control and sees the simulated change with its CI, and exports the strategy
// list to xlsx, which is read back (exceljs) and must carry the expected columns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { api, apiLogin, expect, shot, step } from '../support.mjs';

export const title = 'insight: open a study, move a what-if control, export the strategy list to xlsx';

const COLUMNS = [
  'customer_id',
  'p_outcome',
  'best_lever',
  'cate_coupon',
  'cate_rm_call',
  'cate_livestream_invite',
  'chosen',
  'cost',
];

export const run = async ({ base, browser }) => {
  const ops = await apiLogin(base, 'ops01');
  const study = await step('a renewal study created through the API runs to the end', async () => {
    const s = await api(base, ops, '/api/insight/studies', {
      method: 'POST',
      body: JSON.stringify({ outcome: 'renewal' }),
    });
    const end = Date.now() + 240_000;
    for (;;) {
      const now = await api(base, ops, `/api/insight/studies/${s.id}`);
      if (now.status === 'done') return now;
      expect(['queued', 'running'].includes(now.status), `study ${s.id}: ${JSON.stringify(now.error)}`);
      expect(Date.now() < end, `study ${s.id} still ${now.status} at ${now.progress}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  });

  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await step('ops01 opens the study: drivers with CIs and the what-if panel', async () => {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('ops01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/console/**', { timeout: 20_000 });
    await page.goto(`${base}/console/insight`);
    await page.locator(`tr[data-row-key="${study.id}"]`).click({ timeout: 20_000 });
    await page.getByTestId('driver-chart').waitFor({ timeout: 20_000 });
    // The default scenario (audience ≥ 2000) is simulated on opening.
    await page
      .locator('[data-testid="whatif-result"][data-intervention="livestream_audience_2000=1"]')
      .waitFor({ timeout: 60_000 });
  });

  await step('moving the sessions slider to +2 simulates that change with a CI', async () => {
    await page.getByTestId('whatif-scenario-sessions').click();
    await page.locator('[data-testid="whatif-sessions"] .ant-slider-handle').focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('whatif-expr').filter({ hasText: 'sessions_per_month+=2' }).waitFor();
    const result = page.locator('[data-testid="whatif-result"][data-intervention="sessions_per_month+=2"]');
    await result.waitFor({ timeout: 60_000 });
    const text = await result.innerText();
    expect(/→/.test(text) && /\[-?\d+\.\d%, -?\d+\.\d%\]/.test(text), `what-if result: ${text}`);
    await shot(page, 'insight-whatif');
  });

  await step('the strategy list exports to xlsx with the expected columns (read back)', async () => {
    await page.getByTestId('strategy-summary').waitFor({ timeout: 120_000 });
    const dir = mkdtempSync(join(tmpdir(), 'caiban-e2e-xlsx-'));
    try {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        page.getByTestId('strategy-export').click(),
      ]);
      const file = join(dir, 'strategy.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.worksheets[0];
      const header = ws.getRow(1).values.slice(1);
      expect(JSON.stringify(header) === JSON.stringify(COLUMNS), `xlsx header: ${JSON.stringify(header)}`);
      expect(ws.rowCount > 1, 'the strategy list has no customers');
      const first = ws.getRow(2).values.slice(1);
      expect(Number.isInteger(first[0]) && first[1] >= 0 && first[1] <= 1, `row 2: ${JSON.stringify(first)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await shot(page, 'insight-strategy');
  });
  await page.close();
};
