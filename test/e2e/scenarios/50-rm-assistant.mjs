// RM assistant (issue 16): rm001 pastes a conversation on a customer's 360, sees the insight (tags, objections,
// two money intents), confirms an intent and composes its recommendation card; then generates marketing copy,
// submits it, and ops01 (the checker) approves it in the approval queue. Screenshots at every stage.
import { api, apiLogin, expect, shot, step } from '../support.mjs';

export const title = 'RM assistant: insight, intents, card, copy approval';

const TRANSCRIPT = [
  '理财经理：王先生，这些钱您打算怎么安排？',
  '客户：我有50万是留着养老的，10年后退休再用。',
  '客户：另外10万明年带家里人出去旅游。就是怕亏，费率也别太高。',
].join('\n');

const login = async (page, base, username, home) => {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(home, { timeout: 20_000 });
};

export const run = async ({ base, browser }) => {
  const token = await apiLogin(base, 'rm001');
  const customers = await api(base, token, '/api/customers?pageSize=100');
  const customer = customers.items.find((c) => !c.assessmentExpired && c.riskLevel >= 'C2');
  expect(customer, 'rm001 has a customer with a valid assessment');
  const products = await api(base, token, '/api/products?type=money_market&pageSize=5');
  const product = products.items[0];
  expect(product, 'a money-market fund on the shelf');

  const rm = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await step('rm001 pastes a conversation on the customer 360 and sees its insight', async () => {
    await login(rm, base, 'rm001', '**/workbench/customers');
    await rm.goto(`${base}/workbench/customers/${customer.id}`);
    await rm.getByTestId('transcript-input').waitFor({ timeout: 20_000 });
    await rm.getByTestId('transcript-input').fill(TRANSCRIPT);
    await rm.getByTestId('analyze').click();
    await rm.getByTestId('insight-result').waitFor({ timeout: 20_000 });
    const tags = await rm.getByTestId('insight-tag').allInnerTexts();
    expect(tags.length >= 2, `tags shown: ${JSON.stringify(tags)}`);
    const rows = rm.locator('[data-testid=intent-table] tr[data-intent]');
    await rows.first().waitFor({ timeout: 20_000 });
    const purposes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-intent')));
    expect(purposes.includes('retirement') && purposes.includes('travel'), `intents: ${purposes}`);
    await rm.getByTestId('rm-assistant').scrollIntoViewIfNeeded();
    await shot(rm, 'rm-assistant-insight');
  });
  await step('rm001 confirms the retirement intent and composes its card', async () => {
    const row = rm.locator('[data-testid=intent-table] tr[data-intent=retirement]').last();
    await row.getByTestId('intent-confirm').click();
    await row.getByTestId('intent-status').filter({ hasText: '已确认' }).waitFor({ timeout: 20_000 });
    await row.getByTestId('intent-card').click();
    const card = rm.getByTestId('card-preview');
    await card.waitFor({ timeout: 30_000 });
    const allowed = await rm.getByTestId('card-guard').getAttribute('data-allowed');
    expect(allowed === 'true', 'the card passed the outbound guard');
    expect((await rm.getByTestId('card-product').count()) > 0, 'the card lists products');
    expect(
      (await rm.getByTestId('card-script').innerText()).includes('养老'),
      'the script names the purpose',
    );
    await rm.getByTestId('card-share').waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot(rm, 'rm-assistant-card');
  });
  let copyId = null;
  await step('rm001 generates copy, sees the compliance check, and submits it', async () => {
    await rm.goto(`${base}/workbench/copy`);
    await rm.getByTestId('copy-product').fill(product.code);
    await rm.getByTestId('copy-generate').click();
    const editor = rm.getByTestId('copy-editor');
    await editor.waitFor({ timeout: 20_000 });
    // A forbidden phrase is highlighted where it stands.
    const text = await rm.getByTestId('copy-text').inputValue();
    await rm.getByTestId('copy-text').fill(`${text}稳赚不赔！`);
    await rm.getByTestId('copy-save').click();
    await rm.getByTestId('finding-span').first().waitFor({ timeout: 20_000 });
    expect(
      (await rm.getByTestId('finding-span').first().innerText()).includes('稳赚不赔'),
      'span marks 稳赚不赔',
    );
    await shot(rm, 'rm-assistant-copy-findings');
    await rm.getByTestId('copy-text').fill(text);
    await rm.getByTestId('copy-save').click();
    await rm.getByTestId('findings').waitFor({ state: 'detached', timeout: 20_000 });
    await rm.getByTestId('copy-submit').click();
    await rm.getByTestId('copy-status').filter({ hasText: '待审批' }).waitFor({ timeout: 20_000 });
    const mine = await api(base, token, '/api/copies?status=submitted');
    copyId = mine.items[0].id;
    await shot(rm, 'rm-assistant-copy-submitted');
  });
  await rm.close();

  const ops = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await step('ops01, the checker, approves the copy in the approval queue', async () => {
    await login(ops, base, 'ops01', (u) => !u.pathname.startsWith('/login'));
    await ops.goto(`${base}/console/approvals`);
    const item = ops.locator(`[data-testid=approval-item][data-copy="${copyId}"]`);
    await item.waitFor({ timeout: 20_000 });
    await shot(ops, 'rm-assistant-approval-queue');
    await item.getByTestId('approve').click();
    await item.waitFor({ state: 'detached', timeout: 20_000 });
    const opsToken = await apiLogin(base, 'ops01');
    const copy = await api(base, opsToken, `/api/copies/${copyId}`);
    expect(copy.current.status === 'approved', `copy status ${copy.current.status}`);
    expect(copy.current.checkerId !== copy.current.makerId, 'checker ≠ maker');
  });
  await ops.close();
};
