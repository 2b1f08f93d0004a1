import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRowToRaw, parseEvent, parseEvents, readJsonLines } from '../core/events/ingest-event.js';
import type { TestDb } from '../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import { runCli } from './testing.js';

const NOW = new Date('2026-11-30T12:00:00+08:00');

describe('event parsing (pure)', () => {
  const base = {
    id: 'e1',
    type: 'large_transfer_in',
    customer: { by: 'phone', value: '13800000000' },
    occurred_at: '2026-11-30T09:30:00+08:00',
    payload: { amount: 600000 },
  };
  it('reads a valid event and defaults the channel by type', () => {
    const e = parseEvent(base, NOW);
    expect(e).toMatchObject({
      id: 'e1',
      type: 'large_transfer_in',
      channel: 'counter',
      payload: { amount: 600000 },
    });
  });
  it('names the field and the fix of a bad event', () => {
    expect(parseEvent({ ...base, type: 'wire' }, NOW)).toMatch(/^type: expected one of login, page_view/);
    expect(parseEvent({ ...base, payload: { amount: -1 } }, NOW)).toMatch(/^payload\.amount/);
    expect(parseEvent({ ...base, occurred_at: 'yesterday' }, NOW)).toMatch(
      /^occurred_at: expected an ISO 8601/,
    );
    expect(parseEvent({ ...base, occurred_at: '2026-12-30T00:00:00Z' }, NOW)).toMatch(/is in the future/);
    expect(parseEvent({ ...base, customer: undefined }, NOW)).toMatch(/^customer: required/);
    expect(parseEvent({ ...base, extra: 1 }, NOW)).toMatch(/extra|Unrecognized/i);
    expect(
      parseEvent(
        {
          id: 'm',
          type: 'market_move',
          occurred_at: base.occurred_at,
          customer: base.customer,
          payload: { index: 'x', change: 0.03 },
        },
        NOW,
      ),
    ).toMatch(/^customer: a market_move event is about the market/);
  });
  it('counts a repeated id within one batch as a duplicate, keeping the first', () => {
    const p = parseEvents([base, { ...base, payload: { amount: 1 } }, { ...base, id: 'e2' }], NOW);
    expect(p.accepted.map((a) => a.index)).toEqual([0, 2]);
    expect(p.duplicateIndexes).toEqual([1]);
  });
  it('keeps a malformed JSON line at its index as a rejection', () => {
    const raws = readJsonLines(`${JSON.stringify(base)}\n{oops\n\n${JSON.stringify({ ...base, id: 'e3' })}`);
    const p = parseEvents(raws, NOW);
    expect(p.accepted.map((a) => a.index)).toEqual([0, 2]);
    expect(p.rejected.map((r) => r.index)).toEqual([1]);
    expect(p.rejected[0]!.error).toMatch(/^line 2: not JSON/);
  });
  it('maps CSV columns: payload JSON, extra columns as fields, codes with leading zeros stay text', () => {
    const raw = csvRowToRaw(
      {
        id: 'c1',
        type: 'page_view',
        customer_by: 'customer_id',
        customer_value: '7',
        occurred_at: base.occurred_at,
        product_code: '000001',
        seconds: '12',
      },
      2,
    );
    expect(parseEvent(raw, NOW)).toMatchObject({
      payload: { product_code: '000001', seconds: 12 },
      customer: { by: 'customer_id', value: '7' },
    });
  });
});

describe.runIf(testDbKinds().includes('postgres'))('caiban events on PostgreSQL', () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb('postgres', { content: 'demo' });
    dir = mkdtempSync(join(tmpdir(), 'caiban-events-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests a JSON Lines file idempotently and a CSV file, rejecting bad rows by index', async () => {
    const [c] = await db.query<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1');
    const at = '2026-10-29T10:00:00+08:00';
    const jsonl = join(dir, 'events.jsonl');
    writeFileSync(
      jsonl,
      [
        JSON.stringify({
          id: 'f-1',
          type: 'large_transfer_in',
          customer: { by: 'customer_id', value: c!.id },
          occurred_at: at,
          payload: { amount: 600000 },
        }),
        JSON.stringify({
          id: 'f-2',
          type: 'login',
          customer: { by: 'customer_id', value: 999999999 },
          occurred_at: at,
        }),
        'not json',
      ].join('\n'),
    );
    const args = [
      'events',
      'ingest',
      '--file',
      jsonl,
      '--now',
      '2026-10-30T08:00:00+08:00',
      '--database-url',
      db.url!,
      '--json',
    ];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout) as {
      accepted: number;
      duplicates: number;
      rejected: { index: number }[];
    };
    expect(out.accepted).toBe(1);
    expect(out.rejected.map((r) => r.index)).toEqual([1, 2]);
    const again = JSON.parse((await runCli(args)).stdout) as { accepted: number; duplicates: number };
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    const csv = join(dir, 'events.csv');
    writeFileSync(
      csv,
      `id,type,customer_by,customer_value,occurred_at,product_code\nv-1,page_view,customer_id,${c!.id},${at},000001\nv-2,page_view,customer_id,${c!.id},${at},\n`,
    );
    const r = await runCli([
      'events',
      'ingest',
      '--file',
      csv,
      '--now',
      '2026-10-30T08:00:00+08:00',
      '--database-url',
      db.url!,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout) as { accepted: number; rejected: { index: number; error: string }[] };
    expect(o.accepted).toBe(1);
    expect(o.rejected.map((x) => x.index)).toEqual([1]);
    expect(o.rejected[0]!.error).toMatch(/^payload\.product_code/);
    const [dead] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM event_dead_letters WHERE replayed_at IS NULL',
    );
    expect(dead!.n).toBe(5); // two of the JSON Lines file twice, one of the CSV
  });
});
