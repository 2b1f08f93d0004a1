// Insight console, the other tabs (issue 15 items 5–7): ops01 imports a survey through the 调研 tab's upload control
// (a file with a bad NPS is refused whole with the row and column named, the corrected file is imported and the NPS
// summary counts its answers), computes the AIPL report (stage counts at both dates that add up to the population,
// a Sankey with flows) and reviews a finished study from the 定期复盘 tab until the review is listed as done.
import { api, apiLogin, expect, shot, step } from '../support.mjs';

export const title = 'insight tabs: survey import, AIPL stage counts and Sankey, review now';

/** A small survey of these customers (csv, UTF-8): NPS, two CSAT items, a comment, a past response date. */
const surveyCsv = (ids, badNps = false) =>
  Buffer.from(
    [
      'customer_id,nps,csat_service,csat_app,comment,response_date',
      ...ids.map((id, i) =>
        [
          id,
          badNps && i === 1 ? 11 : [9, 3, 7, 10, 5, 8][i % 6],
          1 + (i % 5),
          5 - (i % 5),
          i % 2 === 0 ? '客户经理服务很热情，收益也不错' : 'App 经常卡顿，服务费偏高',
          `2026-11-${String(2 + i).padStart(2, '0')}`,
        ].join(','),
      ),
    ].join('\n') + '\n',
    'utf8',
  );

const waitDone = async (base, token, id) => {
  const end = Date.now() + 240_000;
  for (;;) {
    const s = await api(base, token, `/api/insight/studies/${id}`);
    if (s.status === 'done') return s;
    expect(['queued', 'running'].includes(s.status), `study ${id}: ${JSON.stringify(s.error)}`);
    expect(Date.now() < end, `study ${id} still ${s.status} at ${s.progress}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
};

export const run = async ({ base, browser }) => {
  const ops = await apiLogin(base, 'ops01');
  const ids = (await api(base, ops, '/api/customers?pageSize=6')).items.map((c) => c.id);
  expect(ids.length === 6, `the demo bank lists ${ids.length} customers to ops01`);
  const before = (await api(base, ops, '/api/insight/surveys')).responses;
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill('ops01');
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL('**/console/**', { timeout: 20_000 });
  await page.goto(`${base}/console/insight`);

  const upload = (name, buffer) =>
    page
      .locator('input[type="file"][accept=".csv,.xlsx"]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer });

  await step('调研: a file with NPS 11 is refused whole, naming row 3 and column nps', async () => {
    await page.getByRole('tab', { name: '调研' }).click();
    await upload('survey-bad.csv', surveyCsv(ids, true));
    await page.getByTestId('survey-import').click();
    const errors = page.getByTestId('survey-errors');
    await errors.waitFor({ timeout: 30_000 });
    const text = await errors.innerText();
    expect(/\b3\b/.test(text) && text.includes('nps'), `error table: ${text}`);
    const after = (await api(base, ops, '/api/insight/surveys')).responses;
    expect(after === before, `a refused file stored ${after - before} responses`);
  });

  await step('调研: the corrected file is imported and the NPS summary counts its answers', async () => {
    await upload('survey.csv', surveyCsv(ids));
    await page.getByTestId('survey-import').click();
    await page.getByTestId('survey-imported').waitFor({ timeout: 30_000 });
    const summary = page.locator(`[data-testid="survey-summary"][data-responses="${before + ids.length}"]`);
    await summary.waitFor({ timeout: 30_000 });
    const text = await summary.innerText();
    expect(text.includes('NPS') && /\d/.test(text), `summary: ${text}`);
    await shot(page, 'insight-survey');
  });

  await step(
    'AIPL 分析: stage counts at both dates add up to the population, and the Sankey has flows',
    async () => {
      await page.getByRole('tab', { name: 'AIPL 分析' }).click();
      await page.getByTestId('aipl-run').click();
      const table = page.getByTestId('aipl-stages');
      await table.waitFor({ timeout: 120_000 });
      const rows = await table.locator('tbody tr.ant-table-row').allInnerTexts();
      expect(rows.length === 5, `stage rows: ${JSON.stringify(rows)}`);
      const counts = rows.map((r) => r.split('\t').slice(1).map(Number));
      const fromTotal = counts.reduce((s, c) => s + c[0], 0);
      const toTotal = counts.reduce((s, c) => s + c[1], 0);
      expect(fromTotal === toTotal && toTotal > 0, `stage totals ${fromTotal} / ${toTotal}`);
      const sankey = page.getByTestId('aipl-sankey');
      expect(Number(await sankey.getAttribute('data-links')) > 0, 'the Sankey has no flows');
      const box = await sankey.locator('canvas').first().boundingBox();
      expect(box !== null && box.width > 100 && box.height > 100, `Sankey canvas ${JSON.stringify(box)}`);
      await shot(page, 'insight-aipl');
    },
  );

  const study = await step('a renewal study created through the API runs to the end', async () => {
    const s = await api(base, ops, '/api/insight/studies', {
      method: 'POST',
      body: JSON.stringify({ outcome: 'renewal' }),
    });
    return waitDone(base, ops, s.id);
  });

  await step('定期复盘: "review now" on the study lists its review, running then done', async () => {
    await page.getByRole('tab', { name: '定期复盘' }).click();
    await page.getByPlaceholder('研究', { exact: true }).fill(String(study.id));
    await page.getByTestId('review-now').click();
    const table = page.getByTestId('reviews-table');
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: 'done' });
    await row.first().waitFor({ timeout: 240_000 });
    const cells = (await row.first().innerText()).split('\t');
    expect(cells[1] === String(study.id), `review row: ${JSON.stringify(cells)}`);
    const listed = await api(base, ops, `/api/insight/reviews?study=${study.id}`);
    expect(
      listed.items.length === 1 && listed.items[0].trigger === 'manual' && listed.items[0].status === 'done',
      `reviews of study ${study.id}: ${JSON.stringify(listed.items.map((r) => [r.id, r.trigger, r.status]))}`,
    );
    await shot(page, 'insight-review');
  });
  await page.close();
};
