import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../../test/support/app.js';
import { testDbKinds } from '../../../../test/support/db.js';
import { BUILTIN_FLOWS } from '../../../core/dialogue/flows.js';
import { buildApp } from '../../app.js';

type Msg = {
  intent: string;
  confidence: number;
  reply: { text: string; cards: { type: string; kb_id?: string }[] };
};

const greeting = (text: string) => ({
  ...BUILTIN_FLOWS.find((f) => f.name === 'greeting')!,
  version: '1.1.0',
  steps: [
    { id: 'hello', kind: 'say', text },
    { id: 'done', kind: 'end' },
  ],
});

/**
 * Advisor operations over HTTP (issue 12): flow sets per org unit (draft, validation with the JSON path, publish,
 * rollback, audit, resolution by the customer's unit in this and another server process), conversation tests and
 * preview against a draft, the review queue and the retrain swap.
 */
describe.each(testDbKinds())('advisor operations on %s', (kind) => {
  let t: TestApp;
  let other: FastifyInstance;
  let ops: string;
  let hq: string;
  let branch: string;
  let inBranch: string;
  let elsewhere: string;

  const call = (
    app: FastifyInstance,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    token: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const customerLogin = async (app: FastifyInstance, phone: string): Promise<string> => {
    const sent = await app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });
    const code = sent.json<{ demoCode: string }>().demoCode;
    const res = await app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
    return res.json<{ token: string }>().token;
  };
  // One session per phone (one-time codes are limited per phone); sessions live in the shared database.
  const tokens = new Map<string, Promise<string>>();
  const say = async (app: FastifyInstance, phone: string, text: string): Promise<Msg> => {
    if (!tokens.has(phone)) tokens.set(phone, customerLogin(t.app, phone));
    const tok = await tokens.get(phone)!;
    const s = await call(app, 'POST', '/api/advisor/sessions', tok, {});
    const r = await call(app, 'POST', `/api/advisor/sessions/${s.json<{ id: string }>().id}/messages`, tok, {
      text,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Msg>();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    other = await buildApp({
      db: t.db,
      sessionSecret: TEST_SECRET,
      logLevel: 'silent',
      demoMode: true,
      rateLimits: { perMinute: 1_000_000, loginPerMinute: 1_000_000 },
      llm: null,
    });
    ops = await t.login('ops01');
    hq = (await t.db.query<{ id: string }>(`SELECT id FROM org_units WHERE parent_id IS NULL`))[0]!.id;
    // Two customers with a phone in two different branches (each under its outlet).
    const rows = await t.db.query<{ phone: string; branch: string }>(
      `SELECT DISTINCT ON (b.id) i.value AS phone, b.id AS branch
         FROM customers c JOIN org_units o ON o.id = c.org_unit_id
         JOIN org_units b ON b.id = CASE WHEN o.level = 'outlet' THEN o.parent_id ELSE o.id END
         JOIN customer_identities i ON i.customer_id = c.id AND i.channel = 'phone'
        WHERE b.level = 'branch' ORDER BY b.id, c.id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    branch = rows[0]!.branch;
    inBranch = rows[0]!.phone;
    elsewhere = rows[1]!.phone;
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('refuses a draft with a schema error with its JSON path, and an unknown tool with its path', async () => {
    const bad = greeting('x');
    (bad.steps[0] as { text: string }).text = '';
    const r = await call(t.app, 'PUT', `/api/ops/advisor/flows/${branch}/draft`, ops, { flows: [bad] });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ error: { details: { field: string } } }>().error.details.field).toBe(
      'flows.0.steps.0.text',
    );
    const tool = {
      ...greeting('x'),
      steps: [
        { id: 'a', kind: 'action', tool: 'no_such_tool' },
        { id: 'e', kind: 'end' },
      ],
    };
    const r2 = await call(t.app, 'PUT', `/api/ops/advisor/flows/${branch}/draft`, ops, { flows: [tool] });
    expect(r2.statusCode).toBe(400);
    expect(r2.json<{ error: { details: { field: string } } }>().error.details.field).toBe(
      'flows.0.steps.0.tool',
    );
    const list = await call(t.app, 'GET', '/api/ops/advisor/flows', ops);
    expect(
      list
        .json<{ items: { org_unit_id: string; has_draft: boolean }[] }>()
        .items.find((u) => u.org_unit_id === branch)?.has_draft,
    ).toBe(false);
  });

  it('a branch override reaches its customers only, in this and another server process; rollback restores; every publish is audited', async () => {
    const before = await say(other, inBranch, '你好');
    expect(before.reply.text).toMatch(/我是财伴/);
    const d1 = await call(t.app, 'PUT', `/api/ops/advisor/flows/${branch}/draft`, ops, {
      flows: [greeting('分行版本一：您好，欢迎光临。')],
    });
    expect(d1.statusCode, d1.body).toBe(200);
    const p1 = await call(t.app, 'POST', `/api/ops/advisor/flows/${branch}/publish`, ops);
    expect(p1.json()).toEqual({ org_unit_id: branch, version: 1 });
    expect((await say(t.app, inBranch, '你好')).reply.text).toMatch(/分行版本一/);
    expect((await say(other, inBranch, '你好')).reply.text).toMatch(/分行版本一/);
    expect((await say(other, elsewhere, '你好')).reply.text).toMatch(/我是财伴/);

    await call(t.app, 'PUT', `/api/ops/advisor/flows/${branch}/draft`, ops, {
      flows: [greeting('分行版本二：您好。')],
    });
    expect((await call(t.app, 'POST', `/api/ops/advisor/flows/${branch}/publish`, ops)).json()).toMatchObject(
      { version: 2 },
    );
    expect((await say(other, inBranch, '你好')).reply.text).toMatch(/分行版本二/);

    const rb = await call(t.app, 'POST', `/api/ops/advisor/flows/${branch}/rollback`, ops, { version: 1 });
    expect(rb.json()).toEqual({ org_unit_id: branch, version: 3 });
    expect((await say(other, inBranch, '你好')).reply.text).toMatch(/分行版本一/);
    const bad = await call(t.app, 'POST', `/api/ops/advisor/flows/${branch}/rollback`, ops, { version: 9 });
    expect(bad.statusCode).toBe(400);

    const hist = await call(t.app, 'GET', `/api/ops/advisor/flows/${branch}/versions`, ops);
    expect(
      hist
        .json<{ items: { version: number; action: string; source_version: number | null }[] }>()
        .items.map((v) => [v.version, v.action, v.source_version]),
    ).toEqual([
      [3, 'rollback', 1],
      [2, 'publish', null],
      [1, 'publish', null],
    ]);
    const audit = await t.db.query<{ action: string; details: { version: number } }>(
      `SELECT action, details FROM audit_log WHERE target_kind = 'org_unit' AND target = $1 ORDER BY id`,
      [branch],
    );
    expect(audit.map((a) => [a.action, a.details.version])).toEqual([
      ['advisor.flows_publish', 1],
      ['advisor.flows_publish', 2],
      ['advisor.flows_rollback', 3],
    ]);
    // HQ's default set sits under the branch's override: an HQ greeting reaches the other branch, not this one.
    await call(t.app, 'PUT', `/api/ops/advisor/flows/${hq}/draft`, ops, {
      flows: [greeting('总行默认：您好。')],
    });
    await call(t.app, 'POST', `/api/ops/advisor/flows/${hq}/publish`, ops);
    expect((await say(other, elsewhere, '你好')).reply.text).toMatch(/总行默认/);
    expect((await say(other, inBranch, '你好')).reply.text).toMatch(/分行版本一/);
    const view = await call(t.app, 'GET', `/api/ops/advisor/flows/${branch}`, ops);
    expect(
      view
        .json<{ effective: { name: string; source: string }[] }>()
        .effective.find((f) => f.name === 'greeting')?.source,
    ).toBe(branch);
  }, 120_000);

  it('runs the conversation tests against a draft and previews a turn without storing anything', async () => {
    const test = {
      name: 'branch greeting',
      turns: [{ say: '你好', expect: { intent: 'greeting', text: '分行测试' } }],
    };
    await call(t.app, 'PUT', `/api/ops/advisor/flows/${branch}/draft`, ops, {
      flows: [greeting('分行测试：您好。')],
      tests: [test],
    });
    const ok = await call(t.app, 'POST', `/api/ops/advisor/flows/${branch}/draft/tests`, ops);
    expect(ok.statusCode, ok.body).toBe(200);
    const res = ok.json<{ passed: number; failed: number; results: { name: string; passed: boolean }[] }>();
    expect(res.results.find((r) => r.name === 'branch greeting')?.passed).toBe(true);
    expect(res.passed).toBeGreaterThan(60);
    await call(t.app, 'PUT', `/api/ops/advisor/flows/${branch}/draft`, ops, {
      flows: [greeting('别的文字。')],
      tests: [test],
    });
    const failing = (await call(t.app, 'POST', `/api/ops/advisor/flows/${branch}/draft/tests`, ops)).json<{
      failed: number;
      results: { name: string; passed: boolean; turns: { failures: string[] }[] }[];
    }>();
    const mine = failing.results.find((r) => r.name === 'branch greeting');
    expect(mine?.passed).toBe(false);
    expect(mine?.turns[0]?.failures.join(' ')).toMatch(/text does not match/);
    // The built-in greeting test expects quick replies, which this draft's greeting no longer offers.
    expect(failing.results.find((r) => r.name === 'greeting')?.passed).toBe(false);
    expect(failing.results[0]?.passed).toBe(false);

    const sessions = async () =>
      Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM advisor_sessions`))[0]!.n);
    const n = await sessions();
    const pv = await call(t.app, 'POST', `/api/ops/advisor/flows/${branch}/draft/preview`, ops, {
      text: '你好',
      state: null,
    });
    expect(pv.statusCode, pv.body).toBe(200);
    expect(pv.json<{ reply: { text: string } }>().reply.text).toMatch(/别的文字/);
    expect(await sessions()).toBe(n);
  }, 120_000);

  it('queues a message the advisor did not understand; labelled and retrained, the phrasing is understood in every process', async () => {
    const phrase = '给我整个躺平存钱大法';
    const first = await say(t.app, elsewhere, phrase);
    expect(first.intent).not.toBe('sip_plan');
    const q = await call(t.app, 'GET', '/api/ops/advisor/review', ops);
    const item = q
      .json<{ items: { id: number; text: string; reason: string }[] }>()
      .items.find((i) => i.text === phrase);
    expect(item, q.body).toBeDefined();
    const bad = await call(t.app, 'POST', `/api/ops/advisor/review/${item!.id}/label`, ops, {
      kind: 'intent',
      value: 'nope',
    });
    expect(bad.statusCode).toBe(400);
    const l = await call(t.app, 'POST', `/api/ops/advisor/review/${item!.id}/label`, ops, {
      kind: 'intent',
      value: 'sip_plan',
    });
    expect(l.json()).toMatchObject({ status: 'labelled', label: 'sip_plan' });
    const before = await say(other, elsewhere, phrase);
    expect(before.intent).not.toBe('sip_plan');
    const rt = await call(t.app, 'POST', '/api/ops/advisor/model/retrain', ops, {});
    expect(rt.statusCode, rt.body).toBe(200);
    expect(rt.json()).toMatchObject({ version: 1, labelled: 1 });
    expect((await say(t.app, elsewhere, phrase)).intent).toBe('sip_plan');
    expect((await say(other, elsewhere, phrase)).intent).toBe('sip_plan');
    const audit = await t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'advisor.model_retrain'`,
    );
    expect(Number(audit[0]!.n)).toBe(1);
  }, 300_000);

  const exportKb = async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/ops/advisor/kb/export',
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    return wb;
  };
  const importKb = async (wb: ExcelJS.Workbook) =>
    call(t.app, 'POST', '/api/ops/advisor/kb/import', ops, {
      file: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    });

  it('round-trips the knowledge base through .xlsx; an edited answer reaches the chat in every process', async () => {
    const question = '基金赎回以后多久能到账';
    const before = await say(t.app, elsewhere, question);
    const kbId = before.reply.cards.find((c) => c.type === 'kb_answer')?.kb_id;
    expect(kbId, JSON.stringify(before.reply)).toBeDefined();
    const kb0 = (await call(t.app, 'GET', '/api/ops/advisor/kb', ops)).json<{
      version: number;
      items: { id: string }[];
    }>();
    const wb = await exportKb();
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'id', 'question', 'similar', 'answer', 'category']);
    expect(ws.rowCount).toBe(kb0.items.length + 1);
    // Every answer gets a marker (the retrieval also reads answers, so the best match may move to a neighbour).
    ws.eachRow((row, n) => {
      if (n > 1) row.getCell(4).value = `【分行新答案】${row.getCell(4).text}`;
    });
    const r = await importKb(wb);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ version: kb0.version + 1, items: kb0.items.length });
    expect((await say(t.app, elsewhere, question)).reply.text).toMatch(/^【分行新答案】/);
    expect((await say(other, elsewhere, question)).reply.text).toMatch(/^【分行新答案】/);
    // The exported file of the new version reads back the same items.
    const again = await exportKb();
    expect(again.worksheets[0]!.rowCount).toBe(kb0.items.length + 1);
  }, 120_000);

  it('refuses a bad .xlsx naming row and column, and stores nothing', async () => {
    const kb0 = (await call(t.app, 'GET', '/api/ops/advisor/kb', ops)).json<{ version: number }>();
    const wb = await exportKb();
    const ws = wb.worksheets[0]!;
    ws.getRow(3).getCell(4).value = '';
    ws.getRow(5).getCell(1).value = ws.getRow(2).getCell(1).value;
    const r = await importKb(wb);
    expect(r.statusCode).toBe(400);
    const err = r.json<{
      error: { message: string; details: { errors: { row: number; column: string }[] } };
    }>().error;
    expect(err.message).toMatch(/row 3, column answer/);
    expect(err.details.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'answer'],
      [5, 'id'],
    ]);
    const notXlsx = await call(t.app, 'POST', '/api/ops/advisor/kb/import', ops, {
      file: Buffer.from('id,question').toString('base64'),
    });
    expect(notXlsx.statusCode).toBe(400);
    expect((await call(t.app, 'GET', '/api/ops/advisor/kb', ops)).json<{ version: number }>().version).toBe(
      kb0.version,
    );
  });

  it('a review label to a KB item adds the message as a similar question', async () => {
    const phrase = '钱赎回了咋还没到我卡上';
    const item = await t.db.query<{ id: string }>(
      `INSERT INTO advisor_review_items (text, reason, created_at) VALUES ($1, 'corrected', now()) RETURNING id`,
      [phrase],
    );
    const l = await call(t.app, 'POST', `/api/ops/advisor/review/${item[0]!.id}/label`, ops, {
      kind: 'kb',
      value: 'kb-001',
    });
    expect(l.statusCode, l.body).toBe(200);
    const kb = (await call(t.app, 'GET', '/api/ops/advisor/kb', ops)).json<{
      items: { id: string; similar: string[] }[];
    }>();
    expect(kb.items.find((i) => i.id === 'kb-001')?.similar).toContain(phrase);
    const bad = await call(t.app, 'POST', `/api/ops/advisor/review/${item[0]!.id}/label`, ops, {
      kind: 'kb',
      value: 'kb-none',
    });
    expect(bad.statusCode).toBe(400);
  });
});
