// The AI advisor chat on a phone (390 × 844) and the RM's hand-off panel, on the demo bank. The customer is
// picked by query (rm001's C2 customers with a valid assessment and at least two holdings), never by id.
// Allocation within C2 after the advisor asks for what is missing; "why is my fund falling" names the worst
// holding (checked against the attribution API for every holding); the check-up card's score is the API's;
// "转人工" reaches the RM's workbench with the summary, the guard refuses a non-compliant RM text and shows its
// finding, the RM's reply reaches the customer's chat, and closing hands the chat back to the advisor.
import { api, apiLogin, expect, shot as fullShot, step } from '../support.mjs';

export const title = 'advisor chat at 390 × 844 and the RM hand-off panel';

const shot = (page, name) => fullShot(page, name, { fullPage: true });

const LEVEL = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5, C1: 1, C2: 2, C3: 3, C4: 4, C5: 5 };

const noSideways = async (page, name) => {
  const m = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    cw: document.documentElement.clientWidth,
  }));
  expect(m.sw <= m.cw, `${name}: scrollWidth ${m.sw} > clientWidth ${m.cw} at 390 px`);
};

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
};

/** Sends a text and waits until the advisor's reply to it has finished streaming; returns its element. */
const say = async (page, text) => {
  const before = await page.getByTestId('chat-msg-advisor').count();
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
  return waitReply(page, before);
};
const waitReply = async (page, before) => {
  await page.waitForFunction(
    (n) => {
      const els = document.querySelectorAll('[data-testid="chat-msg-advisor"]');
      return els.length > n && els[els.length - 1].getAttribute('data-streaming') === '0';
    },
    before,
    { timeout: 30_000 },
  );
  return page.getByTestId('chat-msg-advisor').last();
};

export const run = async ({ base, browser }) => {
  const rmToken = await apiLogin(base, 'rm001');
  let customer;
  let phone;

  await step('pick rm001’s C2 customer with a valid assessment and holdings (by query)', async () => {
    const page = await api(
      base,
      rmToken,
      '/api/customers?riskLevel=C2&assessment=valid&pageSize=100&sort=id',
    );
    expect(page.items.length > 0, 'rm001 has no C2 customer with a valid assessment');
    for (const c of page.items) {
      const c360 = await api(base, rmToken, `/api/customers/${c.id}`);
      const ph = c360.identities.find((i) => i.channel === 'phone')?.value ?? c.phone;
      if (c360.holdings.length >= 2 && /^\d{11}$/.test(ph)) {
        customer = c360;
        phone = ph;
        break;
      }
    }
    expect(customer !== undefined, 'no C2 customer of rm001 with two holdings and a readable phone');
  });
  const id = customer.profile?.id ?? customer.id;

  const cctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const cpage = await cctx.newPage();
  cpage.on('pageerror', (e) => process.stderr.write(`e2e: customer page error: ${e.message}\n`));
  cpage.on('response', (r) => {
    if (r.status() >= 400)
      process.stderr.write(`e2e: customer ${r.request().method()} ${r.url()} → ${r.status()}\n`);
  });
  const sse = [];
  cpage.on('request', (r) => {
    if (r.url().includes('/api/advisor/sessions/') && r.method() === 'POST')
      sse.push(r.headers()['accept'] ?? '');
  });
  const cget = async (path) => {
    const r = await cpage.request.get(`${base}${path}`);
    expect(r.status() === 200, `GET ${path}: HTTP ${r.status()}`);
    return r.json();
  };

  await step(
    'the customer opens the chat from the app header; the proactive inbox matches the API',
    async () => {
      await uiLogin(cpage, base, phone);
      await cpage.getByTestId('capp-chat-link').click();
      await cpage.waitForURL('**/app/chat');
      await cpage.getByTestId('advisor-chat').waitFor({ timeout: 20_000 });
      await cpage.waitForFunction(
        () => document.querySelector('[data-testid="advisor-chat"]')?.getAttribute('data-session') !== '',
        null,
        { timeout: 20_000 },
      );
      const inbox = await cget('/api/advisor/inbox');
      if (inbox.items.length > 0) {
        await cpage.getByTestId('chat-inbox').waitFor({ timeout: 10_000 });
        const shown = await cpage.getByTestId('chat-inbox-item').count();
        expect(
          shown === Math.min(5, inbox.items.length),
          `${shown} inbox items shown, API has ${inbox.items.length}`,
        );
      }
      await noSideways(cpage, 'chat (empty)');
    },
  );

  await step(
    '“我不想冒太大的风险，该怎么投资？”: the advisor asks for what is missing, then an allocation within C2',
    async () => {
      let reply = await say(cpage, '我不想冒太大的风险，该怎么投资？');
      const asked = [];
      for (let k = 0; k < 5; k++) {
        if ((await reply.getByTestId('chat-card-allocation').count()) > 0) break;
        const q = (await reply.getByTestId('chat-msg-text').textContent()) ?? '';
        asked.push(q);
        if (/多少/.test(q)) reply = await say(cpage, '20万');
        else if (/多久/.test(q)) reply = await say(cpage, '3年');
        else if (/做什么|用途/.test(q)) reply = await say(cpage, '想让钱增值');
        else throw new Error(`unexpected question: ${q}`);
      }
      expect(
        asked.some((q) => /多少|多久/.test(q)),
        `the advisor never asked for amount or horizon: ${asked}`,
      );
      const card = reply.getByTestId('chat-allocation');
      await card.waitFor({ timeout: 10_000 });
      const levels = ((await card.getAttribute('data-levels')) ?? '').split(',').filter(Boolean);
      expect(levels.length > 0, 'the allocation card has no picks');
      for (const l of levels) expect(LEVEL[l] <= 2, `a ${l} product offered to a C2 customer`);
      const eff = await card.getAttribute('data-effective-level');
      expect(LEVEL[eff] <= 2, `effective level ${eff} above C2`);
      await reply.locator('canvas').first().waitFor({ timeout: 15_000 });
      expect(
        sse.length > 0 && sse.every((a) => a.includes('text/event-stream')),
        `turns not over SSE: ${sse}`,
      );
      await noSideways(cpage, 'chat allocation');
      await shot(cpage, 'chat-allocation-c2-390');
    },
  );

  await step('“我的基金为什么连续下跌？” names the worst holding with market/style/own bars', async () => {
    const reply = await say(cpage, '我的基金为什么连续下跌？');
    const card = reply.getByTestId('chat-attribution');
    await card.waitFor({ timeout: 10_000 });
    const shownCode = await card.getAttribute('data-product');
    let worst = null;
    for (const h of customer.holdings) {
      const code = h.productCode ?? h.code;
      const r = await cpage.request.get(`${base}/api/customers/${id}/holdings/${code}/attribution?days=20`);
      if (r.status() !== 200) continue;
      const a = await r.json();
      const total = a.total ?? a.decomposition?.total;
      if (typeof total === 'number' && (worst === null || total < worst.total)) worst = { code, total };
    }
    expect(worst !== null, 'no holding has an attribution');
    expect(
      shownCode === worst.code,
      `chat names ${shownCode}, the worst holding by the API is ${worst.code}`,
    );
    const text = (await reply.getByTestId('chat-msg-text').textContent()) ?? '';
    expect(text.includes(worst.code), `the reply text does not name ${worst.code}`);
    expect(/市场/.test(text) && /风格/.test(text), 'the reply does not decompose the return');
    await card.locator('canvas').first().waitFor({ timeout: 15_000 });
    await noSideways(cpage, 'chat attribution');
    await shot(cpage, 'chat-why-falling-390');
  });

  await step('“帮我做个财富体检” returns the check-up card with the API’s score', async () => {
    const reply = await say(cpage, '帮我做个财富体检');
    const card = reply.getByTestId('chat-card-checkup');
    await card.waitFor({ timeout: 10_000 });
    const score = Number(await reply.getByTestId('chat-checkup-score').getAttribute('data-score'));
    const api360 = await cget(`/api/customers/${id}/checkup`);
    expect(score === api360.score, `chat score ${score}, API ${api360.score}`);
    await card.locator('canvas').first().waitFor({ timeout: 15_000 });
    await noSideways(cpage, 'chat check-up');
    await shot(cpage, 'chat-checkup-390');
  });

  const rctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const rpage = await rctx.newPage();

  await step(
    '“转人工” shows the hand-off status; the RM sees it (badge, summary, conversation)',
    async () => {
      const reply = await say(cpage, '转人工');
      await reply.getByTestId('chat-card-handoff').waitFor({ timeout: 10_000 });
      await cpage.getByTestId('chat-handoff-status').waitFor({ timeout: 10_000 });
      expect(
        (await cpage.getByTestId('chat-handoff-status').getAttribute('data-status')) === 'open',
        'hand-off not open on the customer side',
      );
      await rpage.goto(`${base}/login`);
      await rpage.getByTestId('login-username').fill('rm001');
      await rpage.getByTestId('login-password').fill('demo1234');
      await rpage.getByTestId('login-submit').click();
      await rpage.waitForURL('**/workbench/customers', { timeout: 20_000 });
      await rpage.waitForFunction(
        () =>
          Number(
            document.querySelector('[data-testid="nav-handoffs-count"]')?.getAttribute('data-count') ?? 0,
          ) > 0,
        null,
        { timeout: 20_000 },
      );
      await rpage.getByTestId('nav-handoffs').click();
      await rpage.waitForURL('**/workbench/handoffs');
      const item = rpage.locator(`[data-testid="handoff-item"][data-customer="${id}"]`).last();
      await item.waitFor({ timeout: 20_000 });
      await item.click();
      await rpage.getByTestId('handoff-summary').waitFor({ timeout: 10_000 });
      const intent = await rpage.getByTestId('handoff-intent').getAttribute('data-intent');
      expect(intent === 'human_handoff', `summary intent ${intent}`);
      const turns = (await rpage.getByTestId('handoff-last-turns').textContent()) ?? '';
      expect(turns.includes('转人工'), 'the summary’s last turns miss the customer’s request');
      await rpage
        .getByTestId('handoff-msg-customer')
        .filter({ hasText: '帮我做个财富体检' })
        .first()
        .waitFor({ timeout: 10_000 });
      await shot(rpage, 'workbench-handoff-summary');
    },
  );

  await step(
    'the guard refuses a non-compliant RM text and shows its finding; nothing reaches the customer',
    async () => {
      await rpage.getByTestId('handoff-reply').fill('这只基金保本保收益，稳赚不赔');
      await rpage.getByTestId('handoff-send').click();
      const refused = rpage.getByTestId('handoff-refused');
      await refused.waitFor({ timeout: 10_000 });
      const why = (await refused.textContent()) ?? '';
      expect(/保本|稳赚|收益/.test(why), `the refusal does not show the guard's finding: ${why}`);
      await shot(rpage, 'workbench-handoff-refused');
      const view = await cget(
        `/api/advisor/sessions/${await cpage.getByTestId('advisor-chat').getAttribute('data-session')}`,
      );
      expect(!view.messages.some((m) => m.role === 'rm'), 'a refused RM text reached the session');
    },
  );

  await step('the RM’s reply reaches the customer’s chat; closing hands back to the advisor', async () => {
    const text = '您好，我是您的理财经理，稍后为您详细解读持仓情况。';
    await rpage.getByTestId('handoff-reply').fill(text);
    await rpage.getByTestId('handoff-send').click();
    await rpage
      .getByTestId('handoff-msg-rm')
      .filter({ hasText: '理财经理' })
      .first()
      .waitFor({ timeout: 15_000 });
    await cpage.getByTestId('chat-msg-rm').filter({ hasText: text }).waitFor({ timeout: 20_000 });
    await cpage.waitForFunction(
      () =>
        document.querySelector('[data-testid="chat-handoff-status"]')?.getAttribute('data-status') ===
        'active',
      null,
      { timeout: 20_000 },
    );
    await noSideways(cpage, 'chat with the RM');
    await shot(cpage, 'chat-rm-reply-390');
    await rpage.getByTestId('handoff-close').click();
    await cpage.getByTestId('chat-msg-system').last().waitFor({ timeout: 20_000 });
    await cpage.waitForFunction(
      () =>
        document.querySelector('[data-testid="chat-handoff-status"]')?.getAttribute('data-status') ===
        'closed',
      null,
      { timeout: 20_000 },
    );
    await shot(rpage, 'workbench-handoff-closed');
    await shot(cpage, 'chat-handoff-closed-390');
  });

  await step(
    'an alert lands in the chat inbox; a one-tap follow-up marks it read and starts its flow',
    async () => {
      // Lines the holdings have certainly crossed (±0.01 % since purchase) make today's take-profit / stop-loss alerts.
      for (const h of customer.holdings) {
        const r = await cpage.request.put(`${base}/api/customers/${id}/holdings/${h.productCode}/targets`, {
          data: { take_profit: 0.0001, stop_loss: -0.0001 },
        });
        expect(r.status() === 200, `PUT targets ${h.productCode}: HTTP ${r.status()}`);
      }
      await cpage.reload();
      await cpage.getByTestId('chat-inbox').waitFor({ timeout: 20_000 });
      const inbox = await cget('/api/advisor/inbox');
      const unread = inbox.items.filter((i) => !i.read);
      expect(unread.length > 0, 'no unread alert in the inbox after crossing the lines');
      expect(
        unread.some((i) => i.kind === 'take_profit' || i.kind === 'stop_loss'),
        `no take-profit/stop-loss alert: ${inbox.items.map((i) => i.kind)}`,
      );
      const item = cpage.locator('[data-testid="chat-inbox-item"][data-read="0"]').first();
      await item.waitFor({ timeout: 10_000 });
      await noSideways(cpage, 'chat inbox');
      await shot(cpage, 'chat-inbox-390');
      const before = await cpage.getByTestId('chat-msg-advisor').count();
      await item.getByTestId('chat-inbox-reply').first().click();
      await waitReply(cpage, before);
      const after = await cget('/api/advisor/inbox');
      expect(after.unread === inbox.unread - 1, `unread ${inbox.unread} → ${after.unread} after a tap`);
      const last = await cpage.getByTestId('chat-msg-customer').last().textContent();
      expect(last !== '', 'the follow-up was not sent');
    },
  );

  await step(
    'the embeddable chat: /embed/chat answers with frame-ancestors, the loader script opens it in an iframe',
    async () => {
      const r = await cpage.request.get(`${base}/embed/chat`, { headers: { accept: 'text/html' } });
      expect(r.status() === 200, `GET /embed/chat: HTTP ${r.status()}`);
      const csp = r.headers()['content-security-policy'] ?? '';
      expect(/frame-ancestors 'self'/.test(csp), `/embed/chat CSP: ${csp}`);
      expect(r.headers()['x-frame-options'] === undefined, '/embed/chat still sends X-Frame-Options');
      const other = await cpage.request.get(`${base}/app/chat`, { headers: { accept: 'text/html' } });
      expect(
        /frame-ancestors 'none'/.test(other.headers()['content-security-policy'] ?? ''),
        '/app/chat may be framed',
      );
      // A page of the bank (here the same origin) adds the loader; the launcher opens the chat in an iframe.
      await cpage.goto(`${base}/app`);
      await cpage.evaluate((src) => {
        const s = document.createElement('script');
        s.src = src;
        s.setAttribute('data-lang', 'zh-CN');
        document.body.appendChild(s);
      }, `${base}/embed.js`);
      await cpage.locator('[data-caiban="launcher"]').click();
      const frame = cpage.frameLocator('[data-caiban="frame"]');
      await frame.getByTestId('advisor-chat').waitFor({ timeout: 20_000 });
      await frame.getByTestId('chat-input').fill('帮我做个财富体检');
      await frame.getByTestId('chat-send').click();
      await frame.getByTestId('chat-card-checkup').first().waitFor({ timeout: 30_000 });
      await noSideways(cpage, 'embedded chat');
      await shot(cpage, 'chat-embedded-390');
    },
  );

  await cctx.close();
  await rctx.close();
};
