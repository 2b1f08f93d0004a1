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
    // An unknown phone gets the customer login's own answer, not the staff "用户名或密码错误" (issue 10 item 10).
    await cpage.getByTestId('otp-phone').fill('19999999999');
    await cpage.getByTestId('otp-send').click();
    const unknownHint = await cpage.getByText(/演示环境/).textContent({ timeout: 10_000 });
    const unknownCode = unknownHint?.match(/(\d{6})/)?.[1];
    await cpage.getByTestId('otp-code').fill(unknownCode ?? '000000');
    await cpage.getByTestId('otp-submit').click();
    const refusal = await cpage.getByTestId('otp-error').textContent({ timeout: 10_000 });
    expect(
      /未开通客户登录/.test(refusal ?? '') && !/用户名或密码/.test(refusal ?? ''),
      `refusal: ${refusal}`,
    );
    await cpage.getByTestId('otp-phone').fill(phone);
    await cpage.getByTestId('otp-send').click();
    // Wait for the new phone's code to replace the one shown for the unknown phone.
    let hint = unknownHint;
    for (let i = 0; i < 50 && hint === unknownHint; i++) {
      await cpage.waitForTimeout(200);
      hint = await cpage
        .getByText(/演示环境/)
        .textContent({ timeout: 10_000 })
        .catch(async (e) => {
          await shot(cpage, 'otp-failure');
          throw e;
        });
    }
    const code = hint?.match(/(\d{6})/)?.[1];
    expect(code !== undefined, `no demo code shown: ${hint}`);
    await cpage.getByTestId('otp-code').fill(code);
    await cpage.getByTestId('otp-submit').click();
    // Customers land on their own app (/app), not on the staff pages.
    await cpage.waitForURL('**/app', { timeout: 20_000 });
    await cpage.getByTestId('customer-app').waitFor({ timeout: 20_000 });
    await cpage.waitForTimeout(800);
    await shot(cpage, 'customer-self');
    await cpage.goto(`${base}/workbench/customers/${other}`);
    await cpage.getByText('无权查看该客户').waitFor({ timeout: 20_000 });
    const session = await context.storageState();
    await context.close();

    // The same session on a phone (390 × 844): the customer's own page fits the screen without sideways scrolling.
    const phone390 = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      storageState: session,
    });
    const mpage = await phone390.newPage();
    await mpage.goto(`${base}/app`);
    await mpage.getByTestId('customer-app').waitFor({ timeout: 20_000 });
    await mpage.waitForTimeout(800);
    await shot(mpage, 'customer-self-390');
    const width = await mpage.evaluate(() => document.documentElement.scrollWidth);
    expect(width <= 390, `the customer page is ${width} px wide at a 390 px viewport`);
    await phone390.close();
  });
};
