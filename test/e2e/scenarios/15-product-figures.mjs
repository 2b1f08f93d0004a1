// Product figures agree on every screen: the overview card and the analytics tab of AD001 quote the same
// annualised return, period returns (近3年 included), volatility, drawdown and Sharpe, against the product's own
// composite benchmark; a product whose NAV ended long ago is shown as matured/ended.
import { expect, shot, step } from '../support.mjs';

export const title = 'product figures: overview and analytics agree';

const text = async (locator) => (await locator.first().innerText()).trim();

export const run = async ({ base, browser }) => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await step('log in as rm001', async () => {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('rm001');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/workbench/customers', { timeout: 20_000 });
  });
  const overview = await step(
    'AD001 overview: period returns, 近3年 and the composite benchmark',
    async () => {
      await page.goto(`${base}/console/products/AD001`);
      const row = page.locator('[data-testid=figures-product]');
      await row.waitFor({ timeout: 20_000 });
      const cell = (k) => text(row.locator(`[data-figure=${k}]`));
      const figures = {
        annualised: await cell('annualised'),
        y1: await cell('y1'),
        y3: await cell('y3'),
        sinceStart: await cell('sinceStart'),
        benchmark: await text(page.getByTestId('benchmark-name')),
        volatility: await text(page.getByTestId('product-figures').locator('.ant-statistic-content').nth(0)),
        maxDrawdown: await text(page.getByTestId('product-figures').locator('.ant-statistic-content').nth(1)),
        sharpe: await text(page.getByTestId('product-figures').locator('.ant-statistic-content').nth(2)),
      };
      expect(/%$/.test(figures.y3), `近3年 on the overview is "${figures.y3}" with three years of NAV`);
      expect(
        figures.benchmark.includes('中债综合×60%+沪深300×40%'),
        `overview benchmark is "${figures.benchmark}"`,
      );
      expect(
        (await page.locator('[data-testid=figures-benchmark] [data-figure=y1]').count()) === 1,
        'no benchmark row on the overview',
      );
      await shot(page, 'product-figures-overview');
      return figures;
    },
  );
  await step('AD001 analytics tab quotes the same figures and benchmark', async () => {
    await page.getByRole('tab', { name: '业绩分析' }).click();
    const tab = page.getByTestId('product-analytics');
    await tab.waitFor({ timeout: 20_000 });
    const metric = (k) => text(tab.locator(`[data-metric=${k}] td`).last());
    const trailing = (k) => text(tab.locator(`[data-trailing="${k}"]`));
    const pairs = [
      ['annualised', overview.annualised, await metric('annual_return')],
      ['volatility', overview.volatility, await metric('annual_volatility')],
      ['max drawdown', overview.maxDrawdown, await metric('max_drawdown')],
      ['sharpe', overview.sharpe, await metric('sharpe')],
      ['近1年', overview.y1, await trailing('1y')],
      ['近3年', overview.y3, await trailing('3y')],
      ['成立以来', overview.sinceStart, await trailing('inception')],
    ];
    const differ = pairs.filter(([, a, b]) => a !== b);
    expect(differ.length === 0, `overview ≠ analytics: ${JSON.stringify(differ)}`);
    const name = await text(page.getByTestId('analytics-benchmark-name'));
    expect(name === overview.benchmark, `analytics benchmark "${name}" ≠ overview "${overview.benchmark}"`);
    await tab.locator('canvas').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    await shot(page, 'product-figures-analytics');
  });
  await step('WM004, whose NAV ended in 2025, is shown as matured or ended', async () => {
    await page.goto(`${base}/console/products/WM004`);
    const status = await text(page.getByTestId('product-status'));
    expect(['已到期', '已终止'].includes(status), `WM004 status is "${status}"`);
  });
  await page.close();
};
