// Segment builder (issue 13): operations builds AUM ≥ 5万 AND age ≥ 60 AND holds no equity fund, sees the live
// count (the same as the API's preview of that rule), saves the segment, exports it as .xlsx through the page's
// link, reads the file back with exceljs and finds one row per counted customer.
import ExcelJS from 'exceljs';
import { api, apiLogin, expect, results, shot, step } from '../support.mjs';
import { join } from 'node:path';

export const title = 'segments: build, count, save and export to Excel';

const RULE = {
  all: [
    { attr: 'aum', op: 'gte', value: 50000 },
    { attr: 'age', op: 'gte', value: 60 },
    { not: { holds: { product_type: 'equity' } } },
  ],
};

const pick = async (page, testId, label) => {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
};

export const run = async ({ base, browser }) => {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await step('log in as ops01', async () => {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('ops01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/console/**', { timeout: 20_000 });
  });
  const count = await step(
    'build AUM ≥ 5万 AND age ≥ 60 AND no equity fund; the live count matches the API',
    async () => {
      await page.goto(`${base}/console/segments`);
      await page.getByTestId('segment-cond-0').waitFor({ timeout: 20_000 });
      // Condition 0 is AUM ≥ 50000 by default; add age ≥ 60 (the default of a new row) and "does not hold equity".
      await page.getByTestId('segment-add').click();
      await page.getByTestId('cond-value-1').fill('60');
      await page.getByTestId('segment-add').click();
      await pick(page, 'cond-kind-2', '未持有产品');
      await pick(page, 'cond-product-2', 'equity');
      const json = JSON.parse(await page.getByTestId('segment-json').inputValue());
      expect(JSON.stringify(json) === JSON.stringify(RULE), `builder made ${JSON.stringify(json)}`);
      const token = await apiLogin(base, 'ops01');
      const preview = await api(base, token, '/api/segments/preview', {
        method: 'POST',
        body: JSON.stringify({ rule: RULE }),
      });
      expect(preview.count > 0, 'the demo bank has elderly customers with AUM ≥ 5万 and no equity fund');
      await page.waitForFunction(
        (want) =>
          document.querySelector('[data-testid=segment-count]')?.textContent?.replace(/,/g, '') ===
          String(want),
        preview.count,
        { timeout: 20_000 },
      );
      await shot(page, 'segments-builder');
      return preview.count;
    },
  );
  await step('save the segment and export it as .xlsx: rows = count', async () => {
    await page.getByTestId('segment-name').fill('高龄稳健客群');
    await page.getByTestId('segment-save').click();
    const link = page.getByTestId('segment-export-xlsx');
    await link.waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), link.click()]);
    const file = join(results, 'segment-export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    const rows = ws.actualRowCount - 1;
    expect(
      ws.getRow(1).getCell(1).value === 'customer_id',
      `header starts with ${ws.getRow(1).getCell(1).value}`,
    );
    expect(rows === count, `xlsx has ${rows} customers, the builder counted ${count}`);
  });
  await step('the tag catalogue lists tags with counts', async () => {
    await page.goto(`${base}/console/tags`);
    // Data rows only: while the list loads, antd shows a placeholder row in the body.
    const rows = page.getByTestId('tag-catalogue').locator('tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 20_000 });
    const n = await rows.count();
    expect(n >= 4, `tag catalogue shows ${n} rows`);
    await shot(page, 'segments-tags');
  });
  await context.close();
};
