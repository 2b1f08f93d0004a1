import { ApiError } from '../../api/client.js';
import type { ChatCard } from './chat-cards.js';

export type TurnReply = {
  turn: number;
  intent: string;
  reply: { text: string; cards: ChatCard[] };
  handoff: { id: string; status: string } | null;
};
export type TurnInput = { text: string } | { action: { type: string; value: string } };

/** Splits an SSE stream's text into complete events; returns them and the unfinished tail. */
export const parseSse = (buf: string): { events: { event: string; data: string }[]; rest: string } => {
  const parts = buf.split('\n\n');
  const rest = parts.pop() ?? '';
  const events = parts
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      return { event, data: data.join('\n') };
    })
    .filter((e) => e.data !== '');
  return { events, rest };
};

/**
 * One turn over SSE (POST with `Accept: text/event-stream`): `delta` pieces are handed to `onDelta` as they
 * arrive, the `message` event is the contract object. Errors come back as the API's JSON error body.
 */
export const streamTurn = async (
  sessionId: string,
  input: TurnInput,
  onDelta: (text: string) => void,
): Promise<TurnReply> => {
  const res = await fetch(`/api/advisor/sessions/${sessionId}/messages`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(input),
  });
  if (!res.ok || res.body === null) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError(
      res.status,
      body.error?.code ?? `HTTP_${res.status}`,
      body.error?.message ?? res.statusText,
    );
  }
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  let final: TurnReply | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buf += dec.decode(value, { stream: true });
    const { events, rest } = parseSse(buf);
    buf = rest;
    for (const e of events) {
      if (e.event === 'delta') onDelta((JSON.parse(e.data) as { text: string }).text);
      else if (e.event === 'message') final = JSON.parse(e.data) as TurnReply;
    }
    if (done) break;
  }
  if (final === null) throw new ApiError(0, 'NETWORK', 'the reply stream ended without a message');
  return final;
};
