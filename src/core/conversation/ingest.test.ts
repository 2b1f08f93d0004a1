import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { conversationsFromRows, parseConversationsJsonl, parseLabelledJsonl, speakerOf } from './ingest.js';

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_INPUT');
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('transcript ingestion', () => {
  it('reads JSONL conversations (BOM, blank lines, numeric ids)', () => {
    const text =
      '\uFEFF{"id":1,"messages":[{"time":"2025-01-02T10:00:00+08:00","sender":"customer","text":"我怕亏"}]}\n\n' +
      '{"id":"b","messages":[{"sender":"rm","text":"您好"},{"sender":"客户","text":"你好"}]}\n';
    const convs = parseConversationsJsonl(text, 'in.jsonl');
    expect(convs.map((c) => c.id)).toEqual(['1', 'b']);
    expect(convs[1]!.messages.map((m) => m.sender)).toEqual(['rm', 'customer']);
  });

  it('names the bad line and field', () => {
    expect(
      refusal(() =>
        parseConversationsJsonl(
          '{"id":"a","messages":[{"sender":"customer","text":"x"}]}\n{oops',
          'in.jsonl',
        ),
      ),
    ).toMatch(/^in\.jsonl line 2: not JSON/);
    expect(refusal(() => parseConversationsJsonl('{"id":"a","messages":[]}', 'in.jsonl'))).toMatch(
      /^in\.jsonl line 1: messages: needs at least one message/,
    );
    expect(
      refusal(() => parseConversationsJsonl('{"id":"a","messages":[{"sender":"bot","text":"x"}]}', 'f')),
    ).toMatch(/^f line 1: messages\[0\]\.sender: "bot" is neither/);
    expect(refusal(() => parseConversationsJsonl('{"messages":[{"sender":"rm","text":"x"}]}', 'f'))).toMatch(
      /^f line 1: id:/,
    );
    expect(refusal(() => parseConversationsJsonl('\n\n', 'f'))).toMatch(/no conversation found/);
  });

  it('reads labelled lines and refuses an unknown purpose', () => {
    const ok =
      '{"id":"x","messages":[{"sender":"customer","text":"a"}],"labels":{"tags":[],"sentiment":"neutral","intents":[{"purpose":"house","amount":1,"horizon_months":null,"liquidity":null,"risk_appetite":null}]}}';
    expect(parseLabelledJsonl(ok)[0]!.labels.intents[0]!.purpose).toBe('house');
    expect(refusal(() => parseLabelledJsonl(ok.replace('"house"', '"yacht"'), 'l.jsonl'))).toMatch(
      /^l\.jsonl line 1: labels\.intents\[0\]\.purpose/,
    );
  });

  it('groups archive rows by conversation, orders them by time and maps WeCom ids to speakers', () => {
    const columns = ['msgid', 'conversation_id', 'time', 'sender', 'text'];
    const rows = [
      ['m2', 'c1', '2025-01-02 10:01:00', 'wmAbCdEf123', '我有50万'],
      ['m1', 'c1', '2025-01-02 10:00:00', 'zhangsan', '您好'],
      ['m3', 'c2', '1735783200', 'wo_customer_9', '在吗'],
    ];
    const convs = conversationsFromRows(
      columns,
      rows,
      { conversation: 'conversation_id', sender: 'sender', text: 'text', time: 'time', id: 'msgid' },
      new Set(['zhangsan']),
    );
    expect(convs.map((c) => [c.id, c.messages.map((m) => `${m.id}:${m.sender}`)])).toEqual([
      ['c1', ['m1:rm', 'm2:customer']],
      ['c2', ['m3:customer']],
    ]);
    expect(
      refusal(() =>
        conversationsFromRows(
          columns,
          [['m', 'c', 't', 'lisi', 'x']],
          { conversation: 'conversation_id', sender: 'sender', text: 'text' },
          new Set(),
          'a.csv',
        ),
      ),
    ).toMatch(/^a\.csv row 2: sender "lisi"/);
    expect(
      refusal(() =>
        conversationsFromRows(columns, rows, { conversation: 'chat', sender: 'sender', text: 'text' }),
      ),
    ).toMatch(/^--conversation-col: column "chat" not found/);
  });

  it('tells speakers from role words and WeCom external ids', () => {
    expect(speakerOf('理财经理')).toBe('rm');
    expect(speakerOf('Customer')).toBe('customer');
    expect(speakerOf('wmXyZ12345')).toBe('customer');
    expect(speakerOf('rm001')).toBeNull();
    expect(speakerOf('rm001', new Set(['rm001']))).toBe('rm');
  });
});
