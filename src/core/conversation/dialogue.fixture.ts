import type { Conversation, Message } from './types.js';

/**
 * A conversation from a compact script for tests and examples: one message per line, "c:" for the customer
 * and "r:" for the RM; messages one minute apart from `start` (local time, +08:00).
 */
export const dialogue = (script: string, start = '2025-06-02T10:00', id = 'test'): Conversation => {
  const lines = script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const [date, hm] = start.split('T') as [string, string];
  const [h0, m0] = hm.split(':').map(Number) as [number, number];
  const messages: Message[] = lines.map((line, i) => {
    const m = /^([cr])\s*[:：]\s*(.*)$/u.exec(line);
    if (!m) throw new Error(`dialogue line ${i + 1}: start with "c:" or "r:"`);
    const total = h0 * 60 + m0 + i;
    const time = `${date}T${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}:00+08:00`;
    return { id: `${id}-${i + 1}`, time, sender: m[1] === 'c' ? 'customer' : 'rm', text: m[2]! };
  });
  return { id, messages };
};
