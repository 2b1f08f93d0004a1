// RM workbench and console: login, customer list and 360, scope refusal, product pages, 基金PK, proposal,
// OpenAPI docs and the English switch.
import { apiLogin, api, expect, shot, step } from '../support.mjs';

export const title = 'staff workbench and console';

export const run = async ({ base, browser }) => {
  const other = await step('find a customer of another RM (rm002) through the API', async () => {
    const body = await api(base, await apiLogin(base, 'rm002'), '/api/customers?pageSize=1');
    expect(body.items.length === 1, 'rm002 has no customers');
    return body.items[0].id;
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await step('log in as rm001 through the login form', async () => {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').waitFor({ timeout: 20_000 });
    await shot(page, 'login', { fullPage: false });
    await page.getByTestId('login-username').fill('rm001');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/workbench/customers', { timeout: 20_000 });
  });
  await step('customer list shows the RM’s customers', async () => {
    const rows = page.locator('[data-testid=customer-table] tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 20_000 });
    expect((await rows.count()) > 0, 'no customer rows');
    await shot(page, 'customer-list');
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
    await shot(page, 'customer-360');
  });
  await step('another RM’s customer is refused in the UI', async () => {
    await page.goto(`${base}/workbench/customers/${other}`);
    await page.getByText('无权查看该客户').waitFor({ timeout: 20_000 });
    expect((await page.getByTestId('customer-360').count()) === 0, 'the 360 of a foreign customer rendered');
    await shot(page, 'customer-refused', { fullPage: false });
  });
  await step('product page draws the NAV chart', async () => {
    await page.goto(`${base}/console/products`);
    await page.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
    await page.locator('tbody tr.ant-table-row').nth(12).click();
    await page.getByTestId('nav-chart').locator('canvas').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    await shot(page, 'product');
  });
  await step('product analytics tab draws NAV vs benchmark, drawdown and the metrics table', async () => {
    await page.getByRole('tab', { name: '业绩分析' }).click();
    await page.getByTestId('product-analytics').locator('canvas').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    await shot(page, 'product-analytics');
  });
  await step('基金PK page compares three products', async () => {
    const token = await apiLogin(base, 'rm001');
    const pick = async (type) =>
      (await api(base, token, `/api/products?type=${type}&pageSize=1`)).items[0].code;
    const codes = [await pick('pure_bond'), await pick('bond_plus'), await pick('equity')];
    await page.goto(`${base}/console/pk?codes=${codes.join(',')}`);
    await page.getByTestId('pk-summary').waitFor({ timeout: 20_000 });
    await page.getByTestId('pk-table').locator('tbody tr').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(800);
    await shot(page, 'fund-pk');
  });
  await step(
    'allocation proposal from the customer 360 (pie, frontier, backtest, picks, trades)',
    async () => {
      const token = await apiLogin(base, 'rm001');
      const body = await api(base, token, '/api/customers?assessment=valid&riskLevel=C3&pageSize=1');
      expect(body.items.length === 1, 'rm001 has no C3 customer with a valid assessment');
      await page.goto(`${base}/workbench/customers/${body.items[0].id}`);
      await page.getByTestId('to-proposal').click();
      await page.getByTestId('bucket-form').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: '生成方案' }).click();
      await page.getByTestId('proposal-picks').locator('tbody tr').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000);
      await shot(page, 'proposal');
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
  await page.close();
};
