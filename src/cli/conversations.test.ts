import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-conversations-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

type Out = {
  id: string;
  tags: string[];
  objections: string[];
  sentiment: string;
  intents: Array<Record<string, unknown>>;
};

describe('caiban conversations', () => {
  it('analyzes JSONL conversations into tags, objections, sentiment and per-money intents', async () => {
    const line = (id: string, msgs: Array<[string, string]>) =>
      JSON.stringify({
        id,
        messages: msgs.map(([sender, text], i) => ({ time: `2025-03-03T09:3${i}:00+08:00`, sender, text })),
      });
    const p = file(
      'in.jsonl',
      [
        line('a', [
          ['customer', '我手上有60万，50万是养老的，10年后退休'],
          ['customer', '另外10万明年想出去旅游，就怕亏'],
          ['rm', '明白'],
        ]),
        line('b', [['customer', '你们服务太差了，我要投诉']]),
      ].join('\n'),
    );
    const r = await runCli(['conversations', 'analyze', '--file', p, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Out[];
    expect(out.map((o) => o.id)).toEqual(['a', 'b']);
    expect(out[0]).toMatchObject({
      tags: ['fear_of_loss'],
      objections: ['fear_of_loss'],
      sentiment: 'neutral',
    });
    expect(out[0]!.intents.map((i) => [i.purpose, i.amount, i.horizon_months, i.liquidity])).toEqual([
      ['retirement', 500000, 120, 'low'],
      ['travel', 100000, 12, 'high'],
    ]);
    expect(out[0]!.intents[0]!.evidence).toEqual(['我手上有60万，50万是养老的，10年后退休']);
    expect(out[1]).toMatchObject({
      tags: ['complaint_risk'],
      objections: [],
      sentiment: 'negative',
      intents: [],
    });
  });

  it('reads archive message rows from CSV with --rm-ids', async () => {
    const p = file(
      'archive.csv',
      'msgid,conversation_id,time,sender,text\nm2,c1,2025-01-02 10:01:00,wmAbCdEf123,我再考虑考虑\nm1,c1,2025-01-02 10:00:00,zhangsan,这款您看怎么样？\n',
    );
    const r = await runCli(['conversations', 'analyze', '--file', p, '--rm-ids', 'zhangsan', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Out[])[0]).toMatchObject({ id: 'c1', tags: ['wait_and_see'] });
  });

  it('exits 2 naming the bad line', async () => {
    const p = file(
      'bad.jsonl',
      '{"id":"a","messages":[{"sender":"customer","text":"x"}]}\n{"id":"b","messages":"oops"}\n',
    );
    const r = await runCli(['conversations', 'analyze', '--file', p, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl line 2: messages/);
    expect((JSON.parse(r.stdout) as { error: { code: string } }).error.code).toBe('BAD_INPUT');
  });

  it('evaluates the labelled set: per-tag precision/recall/F1 for the development and held-out parts', async () => {
    const r = await runCli(['conversations', 'eval', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<
      string,
      { n: number; per_tag: Record<string, { f1: number }>; intents: { precision: number; recall: number } }
    >;
    expect(Object.keys(out)).toEqual(['taxonomy_version', 'dev', 'heldout']);
    expect(out.dev!.n).toBeGreaterThanOrEqual(40);
    expect(out.heldout!.per_tag.fear_of_loss!.f1).toBeGreaterThanOrEqual(0.8);
    expect(out.heldout!.intents.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('checks a taxonomy file and exits 2 on an invalid one', async () => {
    const ok = await runCli(['conversations', 'taxonomy', '--json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { failed: unknown[] }).failed).toEqual([]);
    const bad = await runCli([
      'conversations',
      'taxonomy',
      '--file',
      file('t.json', '{"version":"x"}'),
      '--json',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--taxonomy: language/);
  });
});
