import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/support/db.js';
import type { TestDb } from '../../test/support/db.js';
import { CopyBuffer, copyField } from './copy-text.js';

describe('COPY text encoding', () => {
  it('encodes nulls, booleans, numbers and escapes the special characters', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(12.5)).toBe('12.5');
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField({ q: '基金\t' })).toBe('{"q":"基金\\\\t"}');
    expect(() => copyField(Number.NaN)).toThrow(/non-finite/);
  });

  it('refuses a row with the wrong number of values', () => {
    const b = new CopyBuffer('t', ['a', 'b']);
    expect(() => b.push(['x'])).toThrow(/1 values for 2 columns/);
  });

  describe('round trip through the database', () => {
    let db: TestDb;
    beforeAll(async () => {
      // Any database will do (the table is the test's own): a copy of the run's migrated fixture restores in a
      // fraction of the CPU of an initdb.
      db = await createTestDb('pglite');
      await db.exec('CREATE TABLE rt (k int PRIMARY KEY, s text, j jsonb)');
    });
    afterAll(async () => {
      await db?.close();
    });

    it('reads back exactly what was written, whatever the characters', async () => {
      // Text without NUL (PostgreSQL text cannot hold it), including tabs, newlines, backslashes, CJK, emoji.
      const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replaceAll('\u0000', ''));
      const rows = fc.sample(fc.tuple(fc.option(text, { nil: null }), fc.dictionary(text, text)), {
        numRuns: 150,
        seed: 42,
      });
      const extra: Array<[string | null, Record<string, string>]> = [
        ['\\N', {}],
        ['a\tb\nc\\d\re\\.', { '\\': '\t' }],
        ['', {}],
      ];
      const all = [...rows, ...extra];
      const buf = new CopyBuffer('rt', ['k', 's', 'j']);
      all.forEach(([s, j], k) => buf.push([k, s, j]));
      await db.copyFrom(buf.table, buf.columns, buf.take());
      const back = await db.query<{ k: number; s: string | null; j: Record<string, string> }>(
        'SELECT k, s, j FROM rt ORDER BY k',
      );
      expect(back.map((r) => [r.s, r.j])).toEqual(all);
    });
  });
});
