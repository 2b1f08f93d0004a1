// Strategy matrix and segment profile (issue 13): operations opens the AARRR × lifecycle matrix, whose cells add
// up to the API's total and show the API's counts; writes a strategy into one cell, saves it, reloads and finds
// it again (the API returns it too). In the segment builder the profile charts draw four ECharts canvases for the
// rule's customers, and a lookalike run from the preview sample lists similar customers with scores.
import { api, apiLogin, expect, shot, step } from '../support.mjs';

export const title = 'segments: strategy matrix, profile charts, lookalike';

export const run = async ({ base, browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await step('log in as ops01', async () => {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('ops01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/console/**', { timeout: 20_000 });
  });
  const token = await apiLogin(base, 'ops01');
  await step('the strategy matrix shows the API’s counts per AARRR × lifecycle cell', async () => {
    const m = await api(base, token, '/api/cdp/strategy-matrix');
    expect(m.cells.length === 25, `${m.cells.length} cells`);
    expect(m.total > 0, 'the demo bank has customers');
    await page.goto(`${base}/console/strategy`);
    const total = page.getByTestId('matrix-total');
    await page.waitForFunction(
      (want) =>
        document.querySelector('[data-testid=matrix-total]')?.getAttribute('data-total') === String(want),
      m.total,
      { timeout: 20_000 },
    );
    expect((await total.getAttribute('data-total')) === String(m.total), 'total matches the API');
    const busiest = [...m.cells].sort((a, b) => b.count - a.count)[0];
    const shown = await page.getByTestId(`cell-count-${busiest.stage}-${busiest.lifecycle}`).textContent();
    expect(
      shown === String(busiest.count),
      `cell ${busiest.stage}/${busiest.lifecycle} shows ${shown}, API ${busiest.count}`,
    );
    await shot(page, 'segments-strategy-matrix');
  });
  const text = `沉睡客户唤醒：专属加息券 + 客户经理回访 ${Date.now() % 100000}`;
  await step('ops writes a strategy into retention × dormant, saves, reloads and sees it', async () => {
    await page.getByTestId('cell-edit-retention-dormant').click();
    await page.getByTestId('cell-input').fill(text);
    await page.getByTestId('cell-save').click();
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=cell-text-retention-dormant]')?.textContent === want,
      text,
      { timeout: 20_000 },
    );
    await page.reload();
    await page.getByTestId('cell-text-retention-dormant').waitFor({ timeout: 20_000 });
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=cell-text-retention-dormant]')?.textContent === want,
      text,
      { timeout: 20_000 },
    );
    const m = await api(base, token, '/api/cdp/strategy-matrix');
    const cell = m.cells.find((c) => c.stage === 'retention' && c.lifecycle === 'dormant');
    expect(cell.text === text, `API has "${cell.text}"`);
    expect(cell.updatedBy === 'ops01', `updated by ${cell.updatedBy}`);
  });
  await step(
    'the CDP policy editor shows the stored policy and names the JSON path of a bad band',
    async () => {
      const stored = await api(base, token, '/api/cdp/policy');
      const box = page.getByTestId('cdp-policy-json');
      await box.waitFor({ timeout: 20_000 });
      const shown = JSON.parse(await box.inputValue());
      expect(JSON.stringify(shown) === JSON.stringify(stored.policy), 'the editor shows the stored policy');
      const bad = structuredClone(stored.policy);
      bad.tiers[2].minAumYuan = 1;
      await box.fill(JSON.stringify(bad, null, 2));
      const err = page.getByTestId('cdp-policy-error');
      await err.waitFor({ timeout: 10_000 });
      const msg = await err.textContent();
      expect(msg.includes('policy.tiers[2].minAumYuan'), `error: ${msg}`);
      expect(
        await page.getByTestId('cdp-policy-save').isDisabled(),
        'save is disabled while the policy is bad',
      );
      await shot(page, 'segments-cdp-policy');
    },
  );
  await step('the builder draws the segment profile (4 charts) for the rule’s customers', async () => {
    await page.goto(`${base}/console/segments`);
    await page.getByTestId('segment-cond-0').waitFor({ timeout: 20_000 });
    const charts = page.getByTestId('segment-profile-charts');
    await charts.waitFor({ timeout: 30_000 });
    const profile = await api(base, token, '/api/segments/profile', {
      method: 'POST',
      body: JSON.stringify({ rule: { all: [{ attr: 'aum', op: 'gte', value: 50000 }] } }),
    });
    await page.waitForFunction(
      (want) =>
        document.querySelector('[data-testid=segment-profile-charts]')?.getAttribute('data-count') ===
        String(want),
      profile.count,
      { timeout: 20_000 },
    );
    const canvases = await charts.locator('canvas').count();
    expect(canvases >= 4, `${canvases} chart canvases`);
    const tierSum = profile.tier.reduce((a, x) => a + x.count, 0);
    expect(tierSum === profile.count, `tiers add up to ${tierSum}, count ${profile.count}`);
    await shot(page, 'segments-profile');
  });
  await step('lookalike from the preview sample lists similar customers with scores', async () => {
    await page.getByTestId('lookalike-run').click();
    const rows = page.getByTestId('lookalike-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 60_000 });
    expect((await rows.count()) > 0, 'lookalike rows');
    await shot(page, 'segments-lookalike');
  });
  await context.close();
};
