import { beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/app.js';
import { DEFAULT_POLICY } from '../../../core/suitability/policy.js';
import { assessmentCutoff } from '../../../core/suitability/validity.js';
import { chinaDate } from '../customers/service.js';

type Msg = {
  turn: number;
  intent: string;
  flow: { name: string; step: string } | null;
  reply: { text: string; cards: { type: string }[] };
  handoff: { id: string; status: string } | null;
};

/** The advisor chat over HTTP: turns, SSE, stored annotations, bad input, hand-off to the RM and back. */
export const advisorSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let token: string;
  let otherToken: string;
  let rmToken: string;
  const customerLogin = async (phone: string): Promise<string> => {
    const sent = await t.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });
    const code = sent.json<{ demoCode: string }>().demoCode;
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
    if (res.statusCode !== 200) throw new Error(`customer login: ${res.statusCode} ${res.body}`);
    return res.json<{ token: string }>().token;
  };
  const post = (url: string, tok: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${tok}`, ...headers },
      payload: payload as object,
    });
  const session = async (tok = token): Promise<string> => {
    const r = await post('/api/advisor/sessions', tok, {});
    expect(r.statusCode).toBe(201);
    return r.json<{ id: string }>().id;
  };
  const say = async (id: string, text: string, tok = token): Promise<Msg> => {
    const r = await post(`/api/advisor/sessions/${id}/messages`, tok, { text });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Msg>();
  };

  beforeAll(async () => {
    t = ctx();
    const cutoff = assessmentCutoff(DEFAULT_POLICY, 'bank', chinaDate(new Date()));
    const rows = await t.db.query<{ value: string; id: number; held: boolean }>(
      `SELECT i.value, c.id, EXISTS (SELECT 1 FROM holdings h WHERE h.customer_id = c.id) AS held
         FROM customers c JOIN staff s ON s.id = c.rm_id
         JOIN customer_identities i ON i.customer_id = c.id AND i.channel = 'phone'
        WHERE s.username = 'rm001' AND c.risk_assessed_at >= $1::date
        ORDER BY held DESC, c.id DESC LIMIT 1`,
      [cutoff],
    );
    expect(rows[0]?.held, 'rm001 has a customer with holdings and a valid assessment').toBe(true);
    const other = await t.db.query<{ value: string }>(
      `SELECT value FROM customer_identities WHERE channel = 'phone' AND customer_id <> $1 ORDER BY customer_id LIMIT 1 OFFSET 5`,
      [rows[0]!.id],
    );
    token = await customerLogin(rows[0]!.value);
    otherToken = await customerLogin(other[0]!.value);
    rmToken = await t.login('rm001');
  }, 60_000);

  it('fills amount, purpose and horizon across turns and answers with an allocation card; annotations are stored', async () => {
    const id = await session();
    const a = await say(id, '我有50万想做个配置');
    expect(a.flow).toEqual({ name: 'allocation', step: 'ask_purpose' });
    await say(id, '给孩子上学用');
    const c = await say(id, '3年');
    expect(c.flow).toBeNull();
    expect(c.reply.cards.map((x) => x.type)).toContain('allocation');
    expect(c.reply.text).toMatch(/本内容由AI生成/);
    const rows = await t.db.query<{
      role: string;
      annotations: { intent: string; latency_ms: number } | null;
    }>(`SELECT role, annotations FROM advisor_messages WHERE session_id = $1 ORDER BY seq`, [id]);
    expect(rows.map((r) => r.role)).toEqual([
      'customer',
      'advisor',
      'customer',
      'advisor',
      'customer',
      'advisor',
    ]);
    expect(rows[1]!.annotations!.intent).toBe('allocation_advice');
    expect(rows[5]!.annotations!.latency_ms).toBeGreaterThan(0);
  }, 60_000);

  it('answers the holdings, check-up and why-is-it-falling questions from the customer’s data', async () => {
    const id = await session();
    expect((await say(id, '看看我的持仓')).reply.cards.map((x) => x.type)).toContain('statement');
    expect((await say(id, '帮我体检一下持仓')).reply.cards.map((x) => x.type)).toContain('checkup');
    expect((await say(id, '我的基金为什么跌了')).reply.cards.map((x) => x.type)).toContain('attribution');
  }, 60_000);

  it('streams SSE: delta events, then one message event with the contract object', async () => {
    const id = await session();
    const r = await post(
      `/api/advisor/sessions/${id}/messages`,
      token,
      { text: '你好' },
      { accept: 'text/event-stream' },
    );
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/event-stream/);
    const events = r.body.split('\n\n').filter(Boolean);
    expect(events[0]).toMatch(/^event: delta\ndata: /);
    const last = events[events.length - 1]!;
    expect(last).toMatch(/^event: message\ndata: /);
    const msg = JSON.parse(last.split('data: ')[1]!) as Msg;
    expect(msg.intent).toBe('greeting');
    const deltas = events
      .slice(0, -1)
      .map((e) => (JSON.parse(e.split('data: ')[1]!) as { text: string }).text);
    expect(deltas.join('')).toBe(msg.reply.text);
  });

  it('refuses bad input with a 4xx naming the problem', async () => {
    const id = await session();
    const empty = await post(`/api/advisor/sessions/${id}/messages`, token, { text: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/text/);
    const long = await post(`/api/advisor/sessions/${id}/messages`, token, { text: '钱'.repeat(10_000) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toMatch(/longer than/);
    const action = await post(`/api/advisor/sessions/${id}/messages`, token, {
      action: { type: 'dance', value: 'x' },
    });
    expect(action.statusCode).toBe(400);
    const unknown = await post('/api/advisor/sessions/00000000-0000-0000-0000-000000000000/messages', token, {
      text: '你好',
    });
    expect(unknown.statusCode).toBe(404);
    const foreign = await post(`/api/advisor/sessions/${id}/messages`, otherToken, { text: '你好' });
    expect(foreign.statusCode).toBe(404);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/advisor/sessions/${id}`,
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(read.statusCode).toBe(404);
  });

  it('hands off to the RM with a summary; the RM answers in the session; on close the advisor resumes', async () => {
    const id = await session();
    await say(id, '帮我做个资产配置');
    const h = await say(id, '转人工');
    expect(h.handoff?.status).toBe('open');
    expect(h.reply.cards.map((c) => c.type)).toContain('handoff');
    const list = await t.get<
      { id: string; session_id: string; summary: { intent: string; last_turns: unknown[] } }[]
    >('/api/workbench/handoffs', rmToken);
    const mine = list.body.find((x) => x.session_id === id)!;
    expect(mine.id).toBe(h.handoff!.id);
    expect(mine.summary.intent).toBe('human_handoff');
    expect(mine.summary.last_turns.length).toBeGreaterThan(1);
    const bad = await post(`/api/workbench/handoffs/${mine.id}/messages`, rmToken, {
      text: '这只基金保本保收益，稳赚不赔',
    });
    expect(bad.statusCode).toBe(400);
    const ok = await post(`/api/workbench/handoffs/${mine.id}/messages`, rmToken, {
      text: '您好，我是您的理财经理，我来帮您看一下。',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const waiting = await say(id, '好的');
    expect(waiting.handoff?.status).toBe('active');
    const view = await t.get<{ messages: { role: string; text: string }[] }>(
      `/api/advisor/sessions/${id}`,
      token,
    );
    expect(view.body.messages.some((m) => m.role === 'rm' && m.text.includes('理财经理'))).toBe(true);
    const convo = await t.get<{ messages: { role: string; text: string }[] }>(
      `/api/workbench/handoffs/${mine.id}/messages`,
      rmToken,
    );
    expect(convo.status).toBe(200);
    expect(convo.body.messages.map((m) => m.role)).toEqual(view.body.messages.map((m) => m.role));
    expect(convo.body.messages.some((m) => m.role === 'customer' && m.text === '转人工')).toBe(true);
    const notMine = await t.get(`/api/workbench/handoffs/${mine.id}/messages`, await t.login('rm002'));
    expect(notMine.status).toBe(404);
    const closed = await post(`/api/workbench/handoffs/${mine.id}/close`, rmToken, {});
    expect(closed.json<{ status: string }>().status).toBe('closed');
    const back = await say(id, '继续');
    expect(back.flow).toEqual({ name: 'allocation', step: 'ask_amount' });
    const other = await post(`/api/workbench/handoffs/${mine.id}/close`, await t.login('rm002'), {});
    expect(other.statusCode).toBe(404);
  }, 60_000);

  it('brings the customer’s alerts into the chat inbox once each, with follow-ups, and keeps read state', async () => {
    const me = await t.get<{ user: { customerId: number } }>('/api/auth/session', token);
    const cid = me.body.user.customerId;
    // A take-profit line already crossed on a holding makes sure there is at least one alert today.
    const held = await t.db.query<{ product_code: string }>(
      `SELECT product_code FROM holdings WHERE customer_id = $1 ORDER BY product_code LIMIT 1`,
      [cid],
    );
    const code = held[0]!.product_code;
    await t.app.inject({
      method: 'PUT',
      url: `/api/customers/${cid}/holdings/${code}/targets`,
      headers: { authorization: `Bearer ${token}` },
      payload: { stop_loss: -0.999, take_profit: 0.0001 },
    });
    const alerts = await t.get<{ items: { id: string; type: string }[] }>(
      `/api/customers/${cid}/alerts`,
      token,
    );
    expect(alerts.status).toBe(200);
    expect(alerts.body.items.length).toBeGreaterThan(0);
    type Inbox = {
      unread: number;
      items: { id: string; kind: string; text: string; read: boolean; quick_replies: { value: string }[] }[];
    };
    const first = await t.get<Inbox>('/api/advisor/inbox', token);
    expect(first.status).toBe(200);
    expect(new Set(first.body.items.map((i) => i.id))).toEqual(new Set(alerts.body.items.map((a) => a.id)));
    for (const i of first.body.items) expect(i.quick_replies.length).toBeGreaterThan(0);
    const again = await t.get<Inbox>('/api/advisor/inbox', token);
    expect(again.body.items.length).toBe(first.body.items.length);
    const target = first.body.items.find((i) => !i.read)!;
    const read = await post(`/api/advisor/inbox/${encodeURIComponent(target.id)}/read`, token, {});
    expect(read.statusCode, read.body).toBe(200);
    const after = await t.get<Inbox>('/api/advisor/inbox', token);
    expect(after.body.unread).toBe(first.body.unread - 1);
    expect(after.body.items.find((i) => i.id === target.id)?.read).toBe(true);
    const others = await post(`/api/advisor/inbox/${encodeURIComponent(target.id)}/read`, otherToken, {});
    expect(others.statusCode).toBe(404);
    const staff = await t.get('/api/advisor/inbox', rmToken);
    expect(staff.status).toBe(403);
  }, 60_000);
};
