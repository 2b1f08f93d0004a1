// A demo customer logs in with the one-time code shown on screen (demo conveniences on) and sees only their own data.
import { apiLogin, api, expect, shot, step } from '../support.mjs';

export const title = 'customer login by one-time code';

export const run = async ({ base, browser, banner }) => {
  const other = (await api(base, await apiLogin(base, 'rm002'), '/api/customers?pageSize=1')).items[0].id;
  await step('a demo customer logs in by SMS code and sees only their own assets', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const cpage = await context.newPage();
    const phone = banner.match(/\b(1\d{10})\b/)?.[1];
    expect(phone !== undefined, 'caiban start printed no demo customer phone');
    await cpage.goto(`${base}/login`);
    await cpage.getByRole('tab', { name: '客户登录' }).click();
    await cpage.getByTestId('otp-phone').fill(phone);
    await cpage.getByTestId('otp-send').click();
    const hint = await cpage
      .getByText(/演示环境/)
      .textContent({ timeout: 10_000 })
      .catch(async (e) => {
        await shot(cpage, 'otp-failure');
        throw e;
      });
    const code = hint?.match(/(\d{6})/)?.[1];
    expect(code !== undefined, `no demo code shown: ${hint}`);
    await cpage.getByTestId('otp-code').fill(code);
    await cpage.getByTestId('otp-submit').click();
    await cpage.waitForURL('**/me', { timeout: 20_000 });
    await cpage.getByTestId('customer-360').waitFor({ timeout: 20_000 });
    await cpage.waitForTimeout(800);
    await shot(cpage, 'customer-self');
    await cpage.goto(`${base}/workbench/customers/${other}`);
    await cpage.getByText('无权查看该客户').waitFor({ timeout: 20_000 });
    await context.close();
  });
};
