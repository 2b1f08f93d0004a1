import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KB_QUERIES } from '../core/nlu/data/kb-queries.js';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-kb-'));

describe('caiban kb', () => {
  it('exports the starter KB as CSV and evaluates it on the KB queries', async () => {
    const kbCsv = join(dir, 'kb.csv');
    const ex = await runCli(['kb', 'export', '--out', kbCsv, '--json']);
    expect(ex.code, ex.stderr).toBe(0);
    const queries = join(dir, 'queries.csv');
    const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(
      queries,
      ['query,expected_id', ...KB_QUERIES.map((q) => `${quote(q.query)},${q.expected_id}`)].join('\n'),
    );
    const r = await runCli(['kb', 'eval', '--kb', kbCsv, '--queries', queries, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as Record<string, number>;
    expect(rep.n).toBe(KB_QUERIES.length);
    for (const k of ['top1', 'mrr', 'recall_at_5', 'none_precision']) expect(rep[k]).toBeGreaterThan(0);
    expect(rep.recall_at_5).toBeGreaterThanOrEqual(rep.top1!);
  });

  it('gives the same report from the JSON export', async () => {
    const kbJson = join(dir, 'kb.json');
    await runCli(['kb', 'export', '--out', kbJson]);
    const queries = join(dir, 'q2.csv');
    writeFileSync(queries, 'q,exp\n基金净值是什么意思,kb-018\n今晚吃火锅,none\n');
    const r = await runCli([
      'kb',
      'eval',
      '--kb',
      kbJson,
      '--queries',
      queries,
      '--query-col',
      'q',
      '--expected-col',
      'exp',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ n: 2, top1: 1 });
  });

  it('names the missing query column', async () => {
    const queries = join(dir, 'q3.csv');
    writeFileSync(queries, 'question,expected_id\nx,none\n');
    const r = await runCli(['kb', 'eval', '--kb', join(dir, 'kb.json'), '--queries', queries, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--query-col/);
  });
});
