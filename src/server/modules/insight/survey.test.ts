import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGeneratedSurveys } from '../../../demo/survey-export.js';
import { createTestApp } from '../../../../test/support/app.js';
import type { TestApp } from '../../../../test/support/app.js';
import { testDbKinds, TEST_BANK } from '../../../../test/support/db.js';

type ImportBody = {
  imported: number;
  received: number;
  rejected_rows: number;
  errors: Array<{ row: number; column: string; message: string }>;
  tagger: string;
};
type ErrorBody = {
  error: {
    code: string;
    message: string;
    details: { errors?: Array<{ row: number; column: string; value: string; message: string }> };
  };
};
type Summary = {
  responses: number;
  distribution: number[];
  topics: Array<{ topic: string; positive: number; negative: number; neutral: number }>;
};
type Drivers = {
  n: number;
  satisfaction: Array<{ key: string; source: string; status: string; estimate: number | null }>;
  detractors: Array<{ key: string; status: string }>;
  importance: Array<{ key: string }>;
  with_without: { n: number; rows: Array<{ factor: string; without: unknown; with: unknown }> };
};

const csv = (columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string =>
  [columns, ...rows].map((r) => r.map((c) => `"${String(c).replaceAll('"', '""')}"`).join(',')).join('\n');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// Survey (X-data) fusion over HTTP on the seeded test bank: import (all or nothing; keep good rows), xlsx,
// summary, drivers joined with the operational data, permissions.
describe.each(testDbKinds())('insight surveys over HTTP on %s', (kind) => {
  let t: TestApp;
  let ops: string;
  const generated = exportGeneratedSurveys({ customers: TEST_BANK.customers, seed: TEST_BANK.seed });
  beforeAll(async () => {
    t = await createTestApp(kind);
    ops = await t.login('ops01');
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (token: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/insight/surveys',
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const stored = async () =>
    Number((await t.db.one<{ n: unknown }>(sql`SELECT count(*) AS n FROM survey_responses`))!.n);

  it('rejects a file with bad rows whole, naming every row and column; nothing is stored', async () => {
    const [a, b] = generated.rows;
    const rows = [
      a!,
      ['987654321', ...a!.slice(1)], // unknown customer
      [b![0]!, 11, ...b!.slice(2)], // NPS out of range
      [...b!.slice(0, -1), '2026-02-30'], // bad date
      a!, // duplicate of row 2
    ];
    const r = await post(ops, { file: b64(csv(generated.columns, rows)) });
    expect(r.statusCode).toBe(400);
    const body = r.json<ErrorBody>();
    expect(body.error.message).toMatch(/^row 3, column customer_id: unknown customer 987654321/);
    expect(body.error.message).toMatch(/nothing was imported/);
    expect(body.error.details.errors!.map((e) => [e.row, e.column])).toEqual([
      [3, 'customer_id'],
      [4, 'nps'],
      [5, 'response_date'],
      [6, 'customer_id'],
    ]);
    expect(await stored()).toBe(0);
    const header = await post(ops, { file: b64('customer_id,score\n1,5') });
    expect(header.statusCode).toBe(400);
    expect(header.json<ErrorBody>().error.message).toMatch(/missing column "nps"/);
    const garbage = await post(ops, { file: 'not base64 !!' });
    expect(garbage.statusCode).toBe(400);
  });

  it('keeps the good rows of a bad file only when asked', async () => {
    const [a] = generated.rows;
    const rows = [a!, ['987654321', ...a!.slice(1)]];
    const r = await post(ops, { file: b64(csv(generated.columns, rows)), keep_good_rows: true });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<ImportBody>();
    expect(body).toMatchObject({ imported: 1, received: 2, rejected_rows: 1, tagger: 'lexicon' });
    expect(body.errors[0]).toMatchObject({ row: 3, column: 'customer_id' });
    expect(await stored()).toBe(1);
    // The same response again is a duplicate of what is stored.
    const again = await post(ops, { file: b64(csv(generated.columns, [a!])) });
    expect(again.statusCode).toBe(400);
    expect(again.json<ErrorBody>().error.message).toMatch(/imported before/);
  });

  it('imports the generated survey (xlsx) with tags, and summarises it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('survey');
    ws.addRow(generated.columns);
    for (const r of generated.rows.slice(1)) ws.addRow(r);
    const file = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await post(ops, { file });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<ImportBody>().imported).toBe(generated.rows.length - 1);
    expect(await stored()).toBe(generated.rows.length);

    const s = await t.get<Summary>('/api/insight/surveys', ops);
    expect(s.status).toBe(200);
    expect(s.body.responses).toBe(generated.rows.length);
    expect(s.body.distribution.reduce((x, y) => x + y, 0)).toBe(generated.rows.length);
    // The generator writes app faults as negative comments: the tagger finds them.
    const app = s.body.topics.find((x) => x.topic === 'app')!;
    expect(app.negative).toBeGreaterThan(0);
    const comments = await t.db.rows<{
      comment: string;
      topics: Array<{ topic: string; sentiment: string }>;
    }>(sql`SELECT comment, topics FROM survey_responses WHERE comment LIKE '%卡顿%'`);
    for (const c of comments) expect(c.topics).toContainEqual({ topic: 'app', sentiment: 'negative' });
  });

  it('returns drivers of NPS and detractors and the with/without comparison', async () => {
    const r = await t.get<Drivers>('/api/insight/surveys/drivers?as_of=2026-10-30', ops);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.n).toBeGreaterThanOrEqual(20);
    const keys = r.body.satisfaction.map((d) => d.key);
    expect(keys).toEqual(expect.arrayContaining(['coupon', 'price', 'csat_service', 'negative_app']));
    expect(r.body.detractors.map((d) => d.key)).toEqual(keys);
    for (const d of r.body.satisfaction)
      expect(d.status === 'estimated' ? Number.isFinite(d.estimate) : d.estimate === null).toBe(true);
    expect(r.body.importance.length).toBeGreaterThan(10);
    expect(r.body.with_without.rows.map((x) => x.factor)).toEqual(
      expect.arrayContaining(['coupon', 'sessions_per_month']),
    );
    const bad = await t.get('/api/insight/surveys/drivers?as_of=2026-13-01', ops);
    expect(bad.status).toBe(400);
    const none = await t.get<ErrorBody>('/api/insight/surveys/drivers?as_of=2020-01-01', ops);
    expect(none.status).toBe(422);
  });

  it('accepts a file larger than the API default and names its own 16 MB limit when a body exceeds it', async () => {
    const big = await post(ops, { file: 'A'.repeat(17 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    const e = big.json<{ error: { message: string; details: { field: string } } }>().error;
    expect(e.details.field).toBe('body');
    expect(e.message).toContain(String(16 * 1024 * 1024));
    const twoMb = await post(ops, { file: 'A'.repeat(2 * 1024 * 1024) });
    expect(twoMb.statusCode).toBe(400); // past the 1 MiB default: refused as a bad file, not as too large
  });

  it('is for operations and admin only: RMs and customers get 403', async () => {
    const rm = await t.login('rm001');
    const [me] = await t.db.rows<{ value: string }>(
      sql`SELECT value FROM customer_identities WHERE channel = 'phone' ORDER BY customer_id LIMIT 1`,
    );
    const customer = await t.loginCustomer(me!.value);
    for (const token of [rm, customer]) {
      expect((await post(token, { file: b64('customer_id,nps,comment,response_date\n') })).statusCode).toBe(
        403,
      );
      expect((await t.get('/api/insight/surveys', token)).status).toBe(403);
      expect((await t.get('/api/insight/surveys/drivers', token)).status).toBe(403);
    }
    const admin = await t.login('admin');
    expect((await t.get('/api/insight/surveys', admin)).status).toBe(200);
  });
});
