import { beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Copy, LibraryList } from '../../../contracts/copy.js';
import { DEFAULT_POLICY } from '../../../core/suitability/policy.js';
import { assessmentCutoff } from '../../../core/suitability/validity.js';
import type { TestApp } from '../../../../test/support/app.js';
import { chinaDate } from '../customers/service.js';

type Res<T> = { status: number; body: T };
const call = async <T>(
  t: TestApp,
  method: 'POST' | 'PATCH' | 'GET',
  url: string,
  token: string,
  payload?: unknown,
): Promise<Res<T>> => {
  const r = await t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: r.statusCode, body: r.json<T>() };
};
type Err = { error: { code: string; message: string; details: Record<string, unknown> } };

/** Marketing copy under maker/checker and the libraries; run by src/server/api.suite.ts on each database. */
export const copySuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let rm: string;
  let ops: string;
  let target: { customer_id: number; channel: 'sms' | 'wechat' | 'app_push' };
  let product: string;
  const outbox = async (copyId: number) =>
    (
      await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM copy_outbox WHERE copy_id = $1`, [
        copyId,
      ])
    )[0]!.n;

  beforeAll(async () => {
    t = ctx();
    rm = await t.login('rm001');
    ops = await t.login('ops01');
    const cutoff = assessmentCutoff(DEFAULT_POLICY, 'bank', chinaDate(new Date()));
    [target] = (await t.db.query<{ customer_id: number; channel: 'sms' | 'wechat' | 'app_push' }>(
      `SELECT c.id AS customer_id, k.channel FROM customers c JOIN staff s ON s.id = c.rm_id
         JOIN consents k ON k.customer_id = c.id AND k.purpose = 'marketing' AND k.granted
        WHERE s.username = 'rm001' AND c.risk_assessed_at >= $1::date AND k.channel IN ('sms','wechat','app_push')
        ORDER BY c.id LIMIT 1`,
      [cutoff],
    )) as [{ customer_id: number; channel: 'sms' | 'wechat' | 'app_push' }];
    expect(target).toBeDefined();
    [{ code: product }] = (await t.db.query<{ code: string }>(
      `SELECT code FROM products WHERE type = 'money_market' ORDER BY code LIMIT 1`,
    )) as [{ code: string }];
  });

  it('generated copy never reaches a customer without approval; an edit after approval needs a new one', async () => {
    const made = await call<Copy>(t, 'POST', '/api/copies', rm, {
      segment: 'affluent',
      productCode: product,
      channel: target.channel,
    });
    expect(made.status).toBe(200);
    const id = made.body.id;
    expect(made.body.current).toMatchObject({ version: 1, status: 'draft', blocking: 0 });
    expect(made.body.current.text).toContain('基金有风险');
    const send = () => call<Err>(t, 'POST', `/api/copies/${id}/send`, rm, { customerId: target.customer_id });

    const draftSend = await send();
    expect(draftSend.status).toBe(409);
    expect(draftSend.body.error.details.reason).toBe('copy_not_approved');
    expect((await call(t, 'POST', `/api/copies/${id}/approve`, rm, {})).status).toBe(403); // the maker cannot check
    expect((await call(t, 'POST', `/api/copies/${id}/approve`, ops, {})).status).toBe(409); // not submitted yet

    expect((await call<Copy>(t, 'POST', `/api/copies/${id}/submit`, rm)).body.current.status).toBe(
      'submitted',
    );
    expect((await send()).status).toBe(409);
    expect((await call(t, 'PATCH', `/api/copies/${id}`, rm, { text: '改一下' })).status).toBe(409); // under review
    const queue = await call<{ items: Copy[] }>(t, 'GET', '/api/copies?status=submitted', ops);
    expect(queue.body.items.map((c) => c.id)).toContain(id);
    expect(await outbox(id)).toBe(0);

    const approved = await call<Copy>(t, 'POST', `/api/copies/${id}/approve`, ops, { note: '可以发送' });
    expect(approved.status).toBe(200);
    expect(approved.body.current.status).toBe('approved');
    expect(approved.body.current.checkerId).not.toBe(approved.body.current.makerId);
    const sent = await call<{ outboxId: number; text: string; version: number }>(
      t,
      'POST',
      `/api/copies/${id}/send`,
      rm,
      {
        customerId: target.customer_id,
      },
    );
    expect(sent.status).toBe(200);
    expect(sent.body.text).toBe(approved.body.current.text);
    expect(await outbox(id)).toBe(1);

    // An edit after approval opens version 2 as a draft: the approved text is kept, but nothing can be sent.
    const edited = await call<Copy>(t, 'PATCH', `/api/copies/${id}`, rm, {
      text: `${approved.body.current.text}欢迎咨询。`,
    });
    expect(edited.body.current).toMatchObject({ version: 2, status: 'draft' });
    expect(edited.body.versions[1]).toMatchObject({ version: 1, status: 'approved' });
    expect((await send()).status).toBe(409);
    await call(t, 'POST', `/api/copies/${id}/submit`, rm);
    const rejected = await call<Copy>(t, 'POST', `/api/copies/${id}/reject`, ops, { note: '措辞需调整' });
    expect(rejected.body.current.status).toBe('rejected');
    expect((await send()).status).toBe(409);
    expect(await outbox(id)).toBe(1);

    // The audit trail: text, findings, maker and checker of every step.
    const trail = await t.db.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM audit_log WHERE target_kind = 'copy' AND target = $1 ORDER BY id`,
      [String(id)],
    );
    expect(trail.map((r) => r.action)).toEqual([
      'copy.created',
      'copy.submitted',
      'copy.approved',
      'copy.sent',
      'copy.edited',
      'copy.submitted',
      'copy.rejected',
    ]);
    const approval = trail.find((r) => r.action === 'copy.approved')!.details;
    expect(approval.maker).toBe(approved.body.current.makerId);
    expect(approval.checker).toBe(approved.body.current.checkerId);
    expect(approval.text).toBe(approved.body.current.text);
  });

  it('highlights forbidden wording with spans and refuses to submit it', async () => {
    const made = await call<Copy>(t, 'POST', '/api/copies', rm, {
      segment: 'mass',
      productCode: product,
      channel: 'wechat',
    });
    const text = '这只基金稳赚不赔，收益有保障！基金有风险，投资需谨慎。';
    const edited = await call<Copy>(t, 'PATCH', `/api/copies/${made.body.id}`, rm, { text });
    const spans = edited.body.current.findings.filter((f) => f.start !== null);
    expect(spans.map((f) => f.match)).toContain('稳赚不赔');
    for (const f of spans) expect(text.slice(f.start!, f.end!)).toBe(f.match);
    expect(spans.every((f) => f.suggestion.zh !== '')).toBe(true);
    const submit = await call<Err>(t, 'POST', `/api/copies/${made.body.id}/submit`, rm);
    expect(submit.status).toBe(409);
    expect(submit.body.error.details.reason).toBe('blocking_findings');
  });

  it('scopes copies and sending: an RM sees their own copies and sends only to their own customers', async () => {
    const made = await call<Copy>(t, 'POST', '/api/copies', rm, {
      segment: 'mass',
      productCode: product,
      channel: target.channel,
    });
    await call(t, 'POST', `/api/copies/${made.body.id}/submit`, rm);
    await call(t, 'POST', `/api/copies/${made.body.id}/approve`, ops, {});
    const [other] = await t.db.query<{ id: number }>(
      `SELECT c.id FROM customers c JOIN staff s ON s.id = c.rm_id WHERE s.username <> 'rm001' ORDER BY c.id LIMIT 1`,
    );
    expect(
      (await call(t, 'POST', `/api/copies/${made.body.id}/send`, rm, { customerId: other!.id })).status,
    ).toBe(403);
    // A session of its own: the shared token cache may hold a session another suite has logged out.
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rm002', password: 'demo1234' },
    });
    const rm2 = fresh.json<{ token: string }>().token;
    expect((await call(t, 'GET', `/api/copies/${made.body.id}`, rm2)).status).toBe(403);
    const theirs = await call<{ items: Copy[] }>(t, 'GET', '/api/copies', rm2);
    expect(theirs.body.items.map((c) => c.id)).not.toContain(made.body.id);
  });

  it('answers bad input with a 4xx naming the field', async () => {
    const unknown = await call<Err>(t, 'POST', '/api/copies', rm, {
      segment: 'mass',
      productCode: 'NOPE',
      channel: 'sms',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.field).toBe('productCode');
    const seg = await call<Err>(t, 'POST', '/api/copies', rm, {
      segment: 'vip',
      productCode: product,
      channel: 'sms',
    });
    expect(seg.status).toBe(400);
    expect(JSON.stringify(seg.body)).toContain('segment');
    const made = await call<Copy>(t, 'POST', '/api/copies', rm, {
      segment: 'mass',
      productCode: product,
      channel: 'sms',
    });
    await call(t, 'POST', `/api/copies/${made.body.id}/submit`, rm);
    const noNote = await call<Err>(t, 'POST', `/api/copies/${made.body.id}/reject`, ops, {});
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(noNote.body)).toContain('note');
    expect((await call(t, 'PATCH', `/api/copies/${made.body.id}`, rm, { text: '' })).status).toBe(400);
    expect((await call(t, 'GET', '/api/copies/99999999', ops)).status).toBe(404);
  });

  it('keeps a searchable, tagged library of scripts and materials', async () => {
    const add = (body: object) => call<{ id: number }>(t, 'POST', '/api/library', rm, body);
    const a = await add({
      kind: 'script',
      title: '客户怕亏时',
      body: '先认同担心，再讲清产品风险等级和历史回撤。',
      tags: ['fear_of_loss', '异议'],
    });
    expect(a.status).toBe(200);
    const b = await add({
      kind: 'material',
      title: '养老规划图解',
      body: '按退休年龄拆分资金。',
      tags: ['retirement'],
    });
    expect(
      (
        await call(t, 'POST', '/api/library', ops, {
          kind: 'campaign',
          title: '春季活动',
          body: '活动说明',
          tags: [],
        })
      ).status,
    ).toBe(200);
    const byText = await call<z.infer<typeof LibraryList>>(
      t,
      'GET',
      `/api/library?q=${encodeURIComponent('回撤')}`,
      rm,
    );
    expect(byText.body.items.map((i) => i.id)).toContain(a.body.id);
    expect(byText.body.items.map((i) => i.id)).not.toContain(b.body.id);
    const byTag = await call<z.infer<typeof LibraryList>>(t, 'GET', '/api/library?tag=retirement', ops);
    expect(byTag.body.items.map((i) => i.id)).toEqual([b.body.id]);
    const byKind = await call<z.infer<typeof LibraryList>>(t, 'GET', '/api/library?kind=script&q=%25', rm);
    expect(byKind.body.items.every((i) => i.kind === 'script')).toBe(true);
    expect(byKind.body.items).toHaveLength(0); // % is a literal, not a wildcard
    expect((await add({ kind: 'poster', title: 'x', body: 'y' })).status).toBe(400);
  });
};
