import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** One CSV record and the file line it starts on (1-based, as an editor shows it). */
export type CsvRecord = { cells: string[]; line: number };

/** A CSV syntax problem at a file line (the caller turns it into a bad-input error). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * An incremental CSV tokenizer: `push` text in pieces of any size, then `end`. RFC 4180 quoting (`""` inside
 * quotes); LF, CRLF or CR line ends; empty lines skipped. A quote inside an unquoted cell is kept as text; text
 * after a closing quote and an unclosed quote are syntax errors naming the line.
 */
export class CsvTokenizer {
  private cells: string[] = [];
  private cell = '';
  private quoted = false; // inside a quoted cell
  private afterQuote = false; // after the closing quote of a quoted cell
  private started = false; // the current record has any content (a cell, a quote)
  private skipLF = false; // the previous piece ended with CR
  private quotedCR = false; // the previous character, inside quotes, was CR (CRLF counts one line)
  private carry = ''; // a quote that ended the previous piece inside a quoted cell
  private line = 1;
  private recordLine = 1;
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly emit: (r: CsvRecord) => void,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  push(piece: string): void {
    const text = this.carry + piece;
    this.carry = '';
    const n = text.length;
    let start = 0; // plain characters from here are not yet in `cell`
    for (let i = 0; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (this.skipLF) {
        this.skipLF = false;
        if (ch === LF) {
          start = i + 1;
          continue;
        }
      }
      if (this.quoted) {
        if (ch === QUOTE) {
          if (i + 1 === n) {
            this.cell += text.slice(start, i);
            this.carry = '"';
            return;
          }
          this.cell += text.slice(start, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            this.cell += '"';
            i++;
          } else {
            this.quoted = false;
            this.afterQuote = true;
          }
          start = i + 1;
        } else if (ch === CR || (ch === LF && !this.quotedCR)) {
          this.line++;
        }
        this.quotedCR = ch === CR;
        continue;
      }
      if (ch === this.delim) {
        this.cell += text.slice(start, i);
        this.endCell();
        this.started = true;
        start = i + 1;
      } else if (ch === LF || ch === CR) {
        this.cell += text.slice(start, i);
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
        if (ch === CR) this.skipLF = true;
        start = i + 1;
      } else if (this.afterQuote) {
        throw new CsvSyntaxError(
          this.line,
          'text after a closing quote (a quote inside a quoted cell must be doubled: "")',
        );
      } else if (ch === QUOTE && start === i && this.cell === '') {
        this.quoted = true;
        this.started = true;
        start = i + 1;
      } else {
        this.started = true;
      }
    }
    this.cell += text.slice(start, n);
  }

  end(): void {
    if (this.carry !== '') {
      this.carry = '';
      this.quoted = false; // a quote that ends the file closes the cell
      this.afterQuote = true;
    }
    if (this.quoted) throw new CsvSyntaxError(this.recordLine, 'a quoted cell is never closed (missing ")');
    this.endRecord();
  }

  private endCell(): void {
    this.cells.push(this.cell);
    this.cell = '';
    this.afterQuote = false;
  }

  private endRecord(): void {
    if (this.started || this.cell !== '') {
      this.endCell();
      this.emit({ cells: this.cells, line: this.recordLine });
    }
    this.cells = [];
    this.cell = '';
    this.afterQuote = false;
    this.started = false;
  }
}

/**
 * Reads a CSV file as a stream of records in bounded memory (one 64 KiB chunk at a time): UTF-8 with or without
 * BOM; the separator is `;` when the first line holds more semicolons than commas, else `,`.
 */
export async function* csvRecords(path: string): AsyncGenerator<CsvRecord> {
  const decoder = new StringDecoder('utf8');
  const ready: CsvRecord[] = [];
  let tokenizer: CsvTokenizer | null = null;
  let head = ''; // text before the first line end, while the separator is not known
  let bomChecked = false;
  const take = (text: string, final: boolean): void => {
    if (!bomChecked && text !== '') {
      bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (tokenizer === null) {
      head += text;
      const eol = head.search(/[\r\n]/);
      if (eol < 0 && !final) return;
      tokenizer = new CsvTokenizer(detectDelimiter(eol < 0 ? head : head.slice(0, eol)), (r) =>
        ready.push(r),
      );
      text = head;
      head = '';
    }
    tokenizer.push(text);
  };
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    take(decoder.write(chunk), false);
    for (const r of ready) yield r;
    ready.length = 0;
  }
  take(decoder.end(), true);
  (tokenizer as CsvTokenizer | null)?.end();
  for (const r of ready) yield r;
}

const detectDelimiter = (firstLine: string): string =>
  count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';

const count = (s: string, ch: string): number => {
  let k = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) k++;
  return k;
};
