import { describe, expect, it } from 'vitest';
import { parseSse } from './chat-stream.js';

describe('SSE parsing of the chat stream', () => {
  it('returns complete events in order and keeps an unfinished one for the next chunk', () => {
    const a = parseSse('event: delta\ndata: {"text":"你好"}\n\nevent: delta\ndata: {"te');
    expect(a.events).toEqual([{ event: 'delta', data: '{"text":"你好"}' }]);
    const b = parseSse(`${a.rest}xt":"，"}\n\nevent: message\ndata: {"turn":1}\n\n`);
    expect(b.events).toEqual([
      { event: 'delta', data: '{"text":"，"}' },
      { event: 'message', data: '{"turn":1}' },
    ]);
    expect(b.rest).toBe('');
  });

  it('joins multi-line data and defaults the event name to message; skips comments and empty events', () => {
    const r = parseSse(': keep-alive\n\ndata: a\ndata: b\n\n');
    expect(r.events).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
