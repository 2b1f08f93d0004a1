// Engagement loop (issue 14) on the running server with its durable jobs: a 60万 inflow posted (twice) through the
// events API becomes one lead in the owner RM's "today's leads" with the suggested script and the 360 one click
// away; operations sees the rule list, the outbox with the reason of every suppressed message, campaigns and jobs.
import { api, apiLogin, expect, shot, step } from '../support.mjs';

export const title = 'engagement: event → lead for the RM; rules, outbox, campaigns and jobs in the console';

const login = async (page, base, username, landing) => {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(landing, { timeout: 20_000 });
};

export const run = async ({ base, browser }) => {
  // One API session per user for the whole scenario: logins are throttled.
  const rm = await apiLogin(base, 'rm001');
  const opsToken = await apiLogin(base, 'ops01');
  const customer = await step('post a 60万 large_transfer_in for a customer of rm001, twice', async () => {
    const list = await api(base, rm, '/api/customers?pageSize=1');
    expect(list.items.length === 1, 'rm001 has no customers');
    const id = list.items[0].id;
    const event = {
      id: `e2e-inflow-${Date.now()}`,
      type: 'large_transfer_in',
      customer: { by: 'customer_id', value: id },
      occurred_at: new Date(Date.now() - 60_000).toISOString(),
      payload: { amount: 600000 },
    };
    const post = () => api(base, opsToken, '/api/events', { method: 'POST', body: JSON.stringify([event]) });
    const first = await post();
    expect(first.accepted === 1, `first post: ${JSON.stringify(first)}`);
    const again = await post();
    expect(again.duplicates === 1 && again.accepted === 0, `second post: ${JSON.stringify(again)}`);
    return id;
  });

  await step('the jobs evaluate it: exactly one large_inflow lead for rm001', async () => {
    const end = Date.now() + 30_000;
    let mine = [];
    while (Date.now() < end) {
      const leads = await api(base, rm, '/api/workbench/leads?status=new');
      mine = leads.filter((l) => l.customer_id === customer && l.rule === 'large_inflow');
      if (mine.length > 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(mine.length === 1, `leads for ${customer}: ${JSON.stringify(mine)}`);
  });

  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await step('rm001 sees the lead with its script, and the 360 is one click away', async () => {
    await login(page, base, 'rm001', '**/workbench/**');
    await page.goto(`${base}/workbench/leads`);
    const card = page
      .getByTestId('lead-card')
      .filter({ hasText: String(customer) })
      .first();
    await card.waitFor({ timeout: 20_000 });
    expect((await card.innerText()).includes('600,000'), 'the script names the amount');
    await shot(page, 'leads');
    await card.getByRole('link').first().click();
    await page.getByTestId('customer-360').waitFor({ timeout: 20_000 });
  });

  const ops = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await step('ops: MOT rules list the built-in rules', async () => {
    await login(ops, base, 'ops01', '**/console/**');
    await ops.goto(`${base}/console/mot-rules`);
    await ops.getByTestId('mot-rules-page').waitFor({ timeout: 20_000 });
    await ops.getByText('large_inflow').first().waitFor({ timeout: 20_000 });
    await shot(ops, 'mot-rules');
  });
  await step('ops: the outbox lists the customer’s message with its status and reason', async () => {
    const rows = await api(base, opsToken, `/api/outbox?customerId=${customer}`);
    expect(rows.length >= 1, 'no outbox row for the inflow');
    for (const r of rows.filter((x) => x.status === 'suppressed'))
      expect(
        typeof r.reason === 'string' && r.reason.length > 0,
        `suppressed without a reason: ${JSON.stringify(r)}`,
      );
    await ops.goto(`${base}/console/outbox`);
    await ops.getByTestId('outbox-table').waitFor({ timeout: 20_000 });
    await shot(ops, 'outbox');
  });
  await step('ops: campaigns and jobs pages render', async () => {
    await ops.goto(`${base}/console/campaigns`);
    await ops.getByTestId('campaign-list').waitFor({ timeout: 20_000 });
    await ops.goto(`${base}/console/jobs`);
    await ops.getByTestId('jobs-table').waitFor({ timeout: 20_000 });
    await ops.getByText('mot.evaluate').first().waitFor({ timeout: 20_000 });
    await shot(ops, 'jobs');
  });
  await page.close();
  await ops.close();
};
