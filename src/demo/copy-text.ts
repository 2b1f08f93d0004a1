/**
 * Rows in PostgreSQL COPY text format: columns separated by tabs, rows by newlines, NULL as \N, and
 * backslash, tab, newline and carriage return escaped (PostgreSQL docs, "COPY — Text Format").
 */
export type CopyValue = string | number | boolean | null | Record<string, unknown>;

const escape = (s: string): string =>
  /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;

export const copyField = (v: CopyValue): string => {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`COPY: non-finite number ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return escape(v);
  return escape(JSON.stringify(v));
};

/** Accumulates the rows of one table; `take()` returns the text and empties the buffer. */
export class CopyBuffer {
  private parts: string[] = [];
  rows = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  push(values: readonly CopyValue[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`COPY ${this.table}: ${values.length} values for ${this.columns.length} columns`);
    }
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyField(values[i]!);
    this.parts.push(line + '\n');
    this.rows++;
  }

  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    return text;
  }
}

export const fix4 = (x: number): string => x.toFixed(4);
export const fix2 = (x: number): string => x.toFixed(2);
