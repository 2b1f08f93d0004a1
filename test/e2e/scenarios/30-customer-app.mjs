// The investor's own app at 390 × 844: a demo customer logs in by SMS code, opens the assets, the check-up, the
// statement and the risk-assessment flow. Every money figure on screen is checked against the API answer it came
// from (data-money="<source>:<path>"), the phone layout is checked (no sideways scroll, tap targets ≥ 44 px, tabs
// that do not overlap), and no staff-only data (segment, county tags, city tier, timeline, ONE-ID) is shown.
import { apiLogin, api, expect, shot as fullShot, step } from '../support.mjs';

/** What the phone's screen shows (a full-page shot would draw the sticky tab bar in the middle of the page). */
const shot = (page, name) => fullShot(page, name, { fullPage: false });

export const title = 'customer app at 390 × 844';

/** "1234567.5" → "1,234,567.50", as src/web/format.ts formatMoney. */
const formatMoney = (yuan) => {
  const neg = yuan.startsWith('-');
  const [int = '0', frac = '00'] = (neg ? yuan.slice(1) : yuan).split('.');
  return `${neg ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
};

const at = (obj, path) =>
  path.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);

/** Staff-only words of the zh-CN UI (segments, county, city tier, the timeline, ONE-ID). */
const STAFF_ONLY = [
  '大众客户',
  '富裕客户',
  '财富客户',
  '私行客户',
  '县域',
  '城市等级',
  '行为时间线',
  'ONE-ID',
  '客户分群',
];

/** Checks every figure marked data-money on the page against `sources` (name → API answer); returns the count. */
const checkMoney = async (page, sources) => {
  const shown = await page.$$eval('[data-money]', (els) =>
    els.map((e) => ({ src: e.getAttribute('data-money'), text: e.textContent.trim() })),
  );
  for (const { src, text } of shown) {
    const [name, path] = src.split(':');
    const body = sources[name];
    expect(body !== undefined, `no API answer for ${src}`);
    const value = at(body, path);
    expect(
      typeof value === 'string',
      `${src}: not a money string in the API answer (${JSON.stringify(value)})`,
    );
    expect(text === formatMoney(value), `${src}: screen shows ${text}, API says ${value}`);
  }
  return shown.length;
};

/** The phone layout: no sideways scroll, bottom tabs ≥ 44 px tall and wide, side by side without overlap. */
const checkPhoneLayout = async (page, name) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= 390, `${name}: the page is ${width} px wide at a 390 px viewport`);
  const tabs = await page.$$eval('[data-testid^="capp-tab-"]', (els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  expect(tabs.length === 5, `${name}: ${tabs.length} tabs instead of 5`);
  for (const [i, b] of tabs.entries()) {
    expect(b.w >= 44 && b.h >= 44, `${name}: tab ${i} is ${b.w}×${b.h} px (< 44)`);
    expect(b.x >= 0 && b.x + b.w <= 390.5, `${name}: tab ${i} leaves the screen`);
    if (i > 0) expect(tabs[i - 1].x + tabs[i - 1].w <= b.x + 0.5, `${name}: tabs ${i - 1} and ${i} overlap`);
  }
  // Tap targets of the page: buttons, segmented choices, radio and checkbox answers.
  const targets = await page.$$eval(
    'main button:not([disabled]), main .ant-segmented-item, main .ant-radio-wrapper, main .ant-checkbox-wrapper',
    (els) =>
      els
        .map((e) => ({ r: e.getBoundingClientRect(), text: e.textContent.trim().slice(0, 20) }))
        .filter(({ r }) => r.width > 0 && r.height > 0)
        .map(({ r, text }) => ({ h: Math.round(r.height), text })),
  );
  const small = targets.filter((x) => x.h < 44);
  expect(small.length === 0, `${name}: tap targets lower than 44 px: ${JSON.stringify(small)}`);
};

const checkNoStaffData = async (page, name, c360) => {
  const text = await page.evaluate(() => document.body.innerText);
  for (const w of STAFF_ONLY) expect(!text.includes(w), `${name}: staff-only text "${w}" is on the page`);
  for (const i of c360.identities.filter((x) => x.channel !== 'phone'))
    expect(!text.includes(i.value), `${name}: the ONE-ID identifier ${i.channel} is on the page`);
  for (const tag of ['工作台', '理财经理工作台', '系统管理'])
    expect(!text.includes(tag), `${name}: staff menu "${tag}" is on the page`);
};

const waitForCharts = (page) => page.waitForTimeout(900);

/** Logs a customer in through the login page (the one-time code is read off the screen in demo mode). */
const uiLogin = async (page, base, phone) => {
  await page.goto(`${base}/login`);
  await page.getByRole('tab', { name: '客户登录' }).click();
  await page.getByTestId('otp-phone').fill(phone);
  await page.getByTestId('otp-send').click();
  const hint = await page.getByText(/演示环境/).textContent({ timeout: 10_000 });
  const code = hint?.match(/(\d{6})/)?.[1];
  expect(code !== undefined, `no demo code shown: ${hint}`);
  await page.getByTestId('otp-code').fill(code);
  await page.getByTestId('otp-submit').click();
  await page.waitForURL('**/app', { timeout: 20_000 });
  await page.getByTestId('customer-app').waitFor({ timeout: 20_000 });
};

export const run = async ({ base, browser, banner }) => {
  const phones = (banner.match(/demo customers[^:]*:\s*([\d, ]+)/)?.[1] ?? '').split(/,\s*/).filter(Boolean);
  // Another phone than the login scenario's, so the assessments taken here are this customer's alone.
  const phone = phones[1] ?? phones[0];
  expect(phone !== undefined, 'caiban start printed no demo customer phone');
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const get = async (path) => {
    const r = await page.request.get(`${base}${path}`);
    expect(r.status() === 200, `GET ${path}: HTTP ${r.status()}`);
    return r.json();
  };
  let id;
  let c360;

  await step(
    'a customer logs in by SMS code and lands on the app’s assets, with figures as the API has them',
    async () => {
      await uiLogin(page, base, phone);
      const me = await get('/api/auth/session');
      id = me.user.customerId;
      await page.getByTestId('capp-home').waitFor({ timeout: 20_000 });
      await waitForCharts(page);
      c360 = await get(`/api/customers/${id}`);
      const n = await checkMoney(page, { c360 });
      expect(n >= 3 + c360.holdings.length * 3, `only ${n} money figures checked on the assets page`);
      await checkPhoneLayout(page, 'assets');
      await checkNoStaffData(page, 'assets', c360);
      await shot(page, 'capp-assets-390');
    },
  );

  await step('the check-up shows the score gauge, dimension bars and the findings of the API', async () => {
    await page.getByTestId('capp-tab-checkup').click();
    await page.getByTestId('capp-checkup').waitFor({ timeout: 30_000 });
    await waitForCharts(page);
    const checkup = await get(`/api/customers/${id}/checkup`);
    const score = await page.getByTestId('checkup-score').locator('[data-score]').getAttribute('data-score');
    expect(Number(score) === checkup.score, `score ${score} on screen, ${checkup.score} from the API`);
    const findings = await page.getByTestId('checkup-finding').count();
    expect(
      findings === checkup.findings.length,
      `${findings} findings shown, ${checkup.findings.length} in the API`,
    );
    const canvases = await page.locator('[data-testid="capp-checkup"] canvas').count();
    expect(canvases >= 2, `${canvases} charts drawn on the check-up`);
    await checkMoney(page, { checkup });
    await checkPhoneLayout(page, 'check-up');
    await checkNoStaffData(page, 'check-up', c360);
    await shot(page, 'capp-checkup-390');
  });

  await step('the statement follows the period picker; every figure and month matches the API', async () => {
    await page.getByTestId('capp-tab-statement').click();
    const view = page.getByTestId('capp-statement');
    await view.waitFor({ timeout: 30_000 });
    for (const label of ['近6月', '近1年']) {
      if (label !== '近6月') {
        await page.getByTestId('statement-period').getByText(label).click();
        await page.waitForTimeout(300);
        await view.waitFor({ timeout: 30_000 });
      }
      await waitForCharts(page);
      const from = await view.getAttribute('data-from');
      const to = await view.getAttribute('data-to');
      const statement = await get(`/api/customers/${id}/statement?from=${from}&to=${to}`);
      const n = await checkMoney(page, { statement });
      expect(
        n >= 6 + statement.monthly.length,
        `only ${n} money figures checked on the statement (${label})`,
      );
      expect(
        statement.monthly.length >= (label === '近1年' ? 10 : 5),
        `${statement.monthly.length} months in ${label}`,
      );
      await checkPhoneLayout(page, `statement ${label}`);
      await checkNoStaffData(page, 'statement', c360);
      await shot(page, `capp-statement-${label === '近1年' ? '1y' : '6m'}-390`);
    }
  });

  await step(
    'the risk assessment: one question a screen, result, confirmation, then the frequency refusal',
    async () => {
      await page.getByTestId('capp-tab-me').click();
      await page.getByTestId('me-assessment').click();
      const qn = await get('/api/assessments/questionnaire');
      let taken = 0;
      for (let round = 0; round < 3; round++) {
        const start = page.getByTestId('assessment-start');
        const refused = page.getByTestId('assessment-refused');
        await start.or(refused).first().waitFor({ timeout: 20_000 });
        if (await refused.isVisible()) break;
        await start.click();
        for (const [k, q] of qn.questions.entries()) {
          const screen = page.getByTestId('assessment-question');
          await screen.waitFor();
          expect(
            (await screen.getAttribute('data-question')) === q.id,
            `screen ${k} is not question ${q.id}`,
          );
          // One question per screen: the other questions' texts are not shown.
          const other = qn.questions[(k + 1) % qn.questions.length];
          expect(
            !(await page.getByText(other.text.zh, { exact: true }).isVisible()),
            `${other.id} shown with ${q.id}`,
          );
          // Alternate ends of the scale between rounds, so the level changes and must be confirmed.
          const option = round % 2 === 0 ? q.options[0] : q.options[q.options.length - 1];
          await page.getByTestId(`option-${option.id}`).click();
          if (k === 0 && round === 0) await shot(page, 'capp-assessment-question-390');
          await page.getByTestId('assessment-next').click();
        }
        const result = page.getByTestId('assessment-result');
        await result.or(page.getByTestId('assessment-refused')).first().waitFor({ timeout: 20_000 });
        if (!(await result.isVisible())) break;
        taken++;
        await shot(page, `capp-assessment-result-${round + 1}-390`);
        const confirm = page.getByTestId('assessment-confirm');
        if (await confirm.isVisible()) {
          await confirm.click();
          await page.getByTestId('assessment-effective').waitFor({ timeout: 20_000 });
        }
        const history = await get(`/api/customers/${id}/assessments`);
        const level = await result.getAttribute('data-level');
        expect(history.items[0].level === level, `result ${level}, stored ${history.items[0].level}`);
        expect(
          history.items[0].status === 'effective',
          `stored status ${history.items[0].status} after confirming`,
        );
        expect(
          history.current.level === level,
          `the customer record keeps ${history.current.level}, not ${level}`,
        );
        await checkPhoneLayout(page, `assessment result ${round + 1}`);
        // Back to the start of the flow for the next round (a fresh page load resets the flow).
        await page.goto(`${base}/app/assessment`);
      }
      expect(taken >= 1, 'no assessment could be taken');
      const refusal = page.getByTestId('assessment-refused');
      await refusal.waitFor({ timeout: 20_000 });
      const history = await get(`/api/customers/${id}/assessments`);
      expect(!history.frequency.allowed, 'the API still allows an assessment after the daily limit');
      const reopens = await page.getByTestId('assessment-reopens').textContent();
      expect(
        reopens.includes(history.frequency.nextAllowedOn),
        `refusal shows "${reopens}", the API reopens on ${history.frequency.nextAllowedOn}`,
      );
      // The API itself refuses a further try with 429 and the same date.
      const answers = Object.fromEntries(qn.questions.map((q) => [q.id, q.options[0].id]));
      const r = await page.request.post(`${base}/api/customers/${id}/assessments`, { data: { answers } });
      expect(r.status() === 429, `a third assessment answered ${r.status()}`);
      const body = await r.json();
      expect(body.error.details.nextAllowedOn === history.frequency.nextAllowedOn, 'refusal dates differ');
      await checkPhoneLayout(page, 'assessment refusal');
      await checkNoStaffData(page, 'assessment', c360);
      await shot(page, 'capp-assessment-refused-390');
    },
  );

  await step('alerts, recommendations and PK open at 390 px without staff data', async () => {
    for (const [path, testId] of [
      ['/app/alerts', 'capp-alerts'],
      ['/app/recommendations', 'capp-recommendations'],
      ['/app/pk', 'capp-pk'],
    ]) {
      await page.goto(`${base}${path}`);
      await page.getByTestId(testId).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1200);
      await checkPhoneLayout(page, path);
      await checkNoStaffData(page, path, c360);
      await shot(page, `capp-${path.split('/').pop()}-390`);
    }
  });

  await step(
    'the customer turns SMS marketing off in 我的 › 隐私与消息设置; the record and the API agree',
    async () => {
      await page.goto(`${base}/app/me`);
      await page.getByTestId('me-privacy').click();
      await page.getByTestId('capp-privacy').waitFor({ timeout: 30_000 });
      const before = await get(`/api/customers/${id}/consents`);
      const rowsBefore = await page.getByTestId('privacy-ledger-row').count();
      const sms = page.getByTestId('privacy-marketing-sms');
      // Turn it on first if it is off, so that the step always records a withdrawal by the customer.
      if ((await sms.getAttribute('data-state')) === 'off') {
        await sms.getByText('开启').click();
        await page
          .locator('[data-testid="privacy-marketing-sms"][data-state="on"]')
          .waitFor({ timeout: 10_000 });
      }
      await sms.getByText('关闭').click();
      await page
        .locator('[data-testid="privacy-marketing-sms"][data-state="off"]')
        .waitFor({ timeout: 10_000 });
      const after = await get(`/api/customers/${id}/consents`);
      const current = after.current.find((c) => c.purpose === 'marketing' && c.channel === 'sms');
      expect(
        current !== undefined && current.granted === false,
        `API: SMS marketing ${JSON.stringify(current)}`,
      );
      expect(after.ledger[0].by === 'customer', `ledger records ${after.ledger[0].by}, not the customer`);
      expect(
        after.ledger[0].text_shown.includes('短信'),
        `the evidence is not the statement shown: ${after.ledger[0].text_shown}`,
      );
      expect(after.ledger.length > before.ledger.length, 'no ledger row was added');
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="privacy-ledger-row"]').length > n,
        rowsBefore,
        { timeout: 10_000 },
      );
      const history = await page.getByTestId('privacy-history').innerText();
      expect(history.includes('本人操作'), 'the change history does not say the customer made the change');
      expect(!/staff:|rm\d{3}/.test(history), 'a staff login is shown to the customer');
      const whole = await page.getByTestId('customer-app').innerText();
      expect(!/\bcapp\.[a-z]/.test(whole), 'an untranslated message key is on screen');
      await checkPhoneLayout(page, 'privacy');
      await checkNoStaffData(page, 'privacy', c360);
      await shot(page, 'capp-privacy-390');
    },
  );

  await step('the app speaks English from 我的 and back to Chinese', async () => {
    await page.goto(`${base}/app/me`);
    await page.getByTestId('capp-lang').click();
    await page.getByTestId('capp-tab-home').getByText('Assets').waitFor({ timeout: 10_000 });
    await checkPhoneLayout(page, 'me (English)');
    await shot(page, 'capp-me-en-390');
    await page.getByTestId('capp-lang').click();
    await page.getByTestId('capp-tab-home').getByText('资产').waitFor({ timeout: 10_000 });
  });
  await context.close();

  await step('the RM opens the same pages for an own customer from the 360', async () => {
    const token = await apiLogin(base, 'rm001');
    const own = (await api(base, token, '/api/customers?pageSize=1')).items[0].id;
    const staff = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const spage = await staff.newPage();
    await spage.goto(`${base}/login`);
    await spage.getByTestId('login-username').fill('rm001');
    await spage.getByTestId('login-password').fill('demo1234');
    await spage.getByTestId('login-submit').click();
    await spage.waitForURL('**/workbench/**', { timeout: 20_000 });
    await spage.goto(`${base}/workbench/customers/${own}`);
    await spage.getByTestId('to-customer-app').click();
    await spage.getByTestId('capp-home').waitFor({ timeout: 30_000 });
    await spage.getByTestId('capp-tab-checkup').click();
    await spage.getByTestId('capp-checkup').waitFor({ timeout: 30_000 });
    await spage.waitForTimeout(800);
    const inApp = await spage.getByTestId('customer-app').innerText();
    for (const w of STAFF_ONLY)
      expect(!inApp.includes(w), `RM view: staff-only text "${w}" in the customer's pages`);
    await shot(spage, 'capp-rm-view-checkup');
    await spage.getByTestId('capp-back-360').click();
    await spage.getByTestId('customer-360').waitFor({ timeout: 20_000 });
    await staff.close();
  });
};
