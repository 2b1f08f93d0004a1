// Advisor operations (issue 12): operations opens a branch's flow set in the console, overrides the greeting
// flow in a draft and edits its prompt (a blank prompt is refused with its JSON path first), saves, runs the
// conversation tests (the draft's own test included), tries the draft in the test chat, publishes version 1 and
// sees it in the history and in the API; then labels a message the advisor did not understand in the review queue,
// and imports a bad knowledge-base workbook (refused, cells named, nothing changed).
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { api, apiLogin, expect, results, shot, step } from '../support.mjs';

export const title = 'advisor ops: flow editor (edit, test, preview, publish) and the review queue';

const PROMPT = '分行端到端问候：您好，欢迎光临！';
const PHRASE = '给我整个躺平存钱大法';

/** A customer's turn through the API (demo mode shows the one-time code). */
const customerSays = async (base, phone, text) => {
  const otp = await fetch(`${base}/api/auth/otp/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  }).then((r) => r.json());
  const login = await fetch(`${base}/api/auth/otp/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, code: otp.demoCode }),
  }).then((r) => r.json());
  const s = await api(base, login.token, '/api/advisor/sessions', { method: 'POST', body: '{}' });
  return api(base, login.token, `/api/advisor/sessions/${s.id}/messages`, {
    method: 'POST',
    body: JSON.stringify({ text }),
  });
};

export const run = async ({ base, browser, banner }) => {
  const token = await apiLogin(base, 'ops01');
  const units = await api(base, token, '/api/ops/advisor/flows');
  const branch = units.items.find((u) => u.level === 'branch' && u.version === null);
  expect(branch !== undefined, 'the demo bank has a branch without a published flow set');
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await step('log in as ops01 and open the branch in the flow editor', async () => {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('ops01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/console/**', { timeout: 20_000 });
    await page.goto(`${base}/console/advisor-flows`);
    await page.getByTestId('flow-units').getByText(branch.name, { exact: true }).click();
    await page.getByTestId('flow-editor').waitFor({ timeout: 20_000 });
    const doc = JSON.parse(await page.getByTestId('flow-editor').inputValue());
    expect(doc.flows.length === 0, `a branch starts with no overrides, got ${doc.flows.length}`);
  });
  const editTo = async (text) => {
    const doc = JSON.parse(await page.getByTestId('flow-editor').inputValue());
    const greeting = doc.flows.find((f) => f.name === 'greeting');
    greeting.steps.find((s) => s.kind === 'say').text = text;
    doc.tests = [
      {
        name: 'branch greeting',
        customer: 'c3',
        turns: [{ say: '你好', expect: { intent: 'greeting', text: '分行端到端' } }],
      },
    ];
    await page.getByTestId('flow-editor').fill(JSON.stringify(doc, null, 2));
  };
  await step('override the greeting flow; a blank prompt is refused with its JSON path', async () => {
    await page.getByTestId('flow-override').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '(greeting)' })
      .first()
      .click();
    await editTo('');
    await page.getByTestId('save-draft').click();
    const issues = await page.getByTestId('flow-issues').textContent({ timeout: 10_000 });
    expect(/flows\.0\.steps\.0\.text/.test(issues ?? ''), `issues name the path: ${issues}`);
  });
  await step('edit the prompt, save the draft and run the conversation tests: all pass', async () => {
    await editTo(PROMPT);
    await page.getByTestId('save-draft').click();
    await page.getByTestId('flow-issues').waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForFunction(
      () => !document.querySelector('[data-testid=run-tests]')?.hasAttribute('disabled'),
      null,
      { timeout: 20_000 },
    );
    await page.getByTestId('run-tests').click();
    const summary = await page.getByTestId('test-summary').textContent({ timeout: 60_000 });
    expect(/失败\s*0/.test(summary ?? ''), `tests: ${summary}`);
    const passed = Number(summary?.match(/通过\s*(\d+)/)?.[1] ?? 0);
    expect(passed > 60, `the built-in conversation tests ran too: ${summary}`);
    await shot(page, 'advisor-ops-flow-tests');
  });
  await step('the test chat answers with the draft’s prompt', async () => {
    await page.getByTestId('preview-input').fill('你好');
    await page.getByTestId('preview-send').click();
    await page
      .getByTestId('preview-log')
      .getByText(/分行端到端问候/)
      .waitFor({ timeout: 20_000 });
  });
  await step('publish: version 1 in the history and in the API', async () => {
    await page.getByTestId('publish').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await page
      .getByTestId('version-history')
      .getByText(/^发布$/)
      .waitFor({ timeout: 20_000 });
    const view = await api(base, token, `/api/ops/advisor/flows/${branch.org_unit_id}`);
    expect(
      view.published?.version === 1 && view.draft === null,
      `published: ${JSON.stringify(view.published?.version)}`,
    );
    expect(
      view.effective.find((f) => f.name === 'greeting')?.source === branch.org_unit_id,
      'greeting comes from the branch',
    );
    await shot(page, 'advisor-ops-published');
  });
  await step('a message the advisor did not understand is labelled in the review queue', async () => {
    const phones = (banner.match(/demo customers[^:]*:\s*([\d, ]+)/)?.[1] ?? '')
      .split(/,\s*/)
      .filter(Boolean);
    const phone = phones[2] ?? phones[0];
    expect(phone !== undefined, 'caiban start printed no demo customer phone');
    const turn = await customerSays(base, phone, PHRASE);
    expect(turn.intent !== 'sip_plan', `not understood before labelling: ${turn.intent}`);
    await page.goto(`${base}/console/advisor-review`);
    const row = page.getByTestId('review-queue').locator('tr', { hasText: PHRASE });
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('label-intent').click();
    await page.keyboard.type('sip_plan');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'sip_plan' })
      .first()
      .click();
    await row.getByTestId('label-save').click();
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    const labelled = await api(base, token, '/api/ops/advisor/review?status=labelled');
    expect(
      labelled.items.some((i) => i.text === PHRASE && i.label === 'sip_plan'),
      'stored as labelled sip_plan',
    );
    await shot(page, 'advisor-ops-review');
  });
  await step(
    'the knowledge-base page refuses a bad .xlsx naming row and column; nothing changes',
    async () => {
      const before = await api(base, token, '/api/ops/advisor/kb');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('kb');
      ws.addRow(['id', 'question', 'similar', 'answer', 'category']);
      ws.addRow(['kb-e2e', '端到端问题', '', '', 'general']);
      const file = join(results, 'kb-bad.xlsx');
      await wb.xlsx.writeFile(file);
      await page.goto(`${base}/console/advisor-kb`);
      await page.getByTestId('kb-import').waitFor({ timeout: 20_000 });
      await page.locator('input[type=file]').setInputFiles(file);
      const errors = await page.getByTestId('kb-errors').textContent({ timeout: 20_000 });
      expect(/第 2 行 answer 列/.test(errors ?? ''), `errors name row and column: ${errors}`);
      const after = await api(base, token, '/api/ops/advisor/kb');
      expect(after.version === before.version, 'the knowledge base is unchanged');
      await shot(page, 'advisor-ops-kb');
    },
  );
  await context.close();
};
