import { describe, expect, it } from 'vitest';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import { runCli } from './testing.js';

describe('caiban ask', () => {
  it('refuses a bad customer id, naming the flag', async () => {
    const r = await runCli(['ask', '--customer', 'x', '--json', '你好']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--customer/);
  });

  it.runIf(testDbKinds().includes('postgres'))(
    'runs turns against the database through the chat service and continues a session',
    async () => {
      const db = await createTestDb('postgres', { content: 'demo' });
      try {
        const id = String(
          (await db.query<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1'))[0]!.id,
        );
        const a = await runCli([
          'ask',
          '--customer',
          id,
          '--database-url',
          db.url!,
          '--json',
          '帮我做个资产配置',
        ]);
        expect(a.code, a.stderr).toBe(0);
        const first = JSON.parse(a.stdout) as {
          session: string;
          turn: number;
          flow: { name: string } | null;
          reply: { text: string };
        };
        expect(first.turn).toBe(1);
        expect(first.reply.text).toMatch(/本内容由AI生成/);
        const b = await runCli([
          'ask',
          '--customer',
          id,
          '--session',
          first.session,
          '--database-url',
          db.url!,
          '--json',
          '你好',
        ]);
        const second = JSON.parse(b.stdout) as { session: string; turn: number };
        expect(second).toMatchObject({ session: first.session, turn: 2 });
        const stored = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM advisor_messages WHERE session_id = $1',
          [first.session],
        );
        expect(stored[0]!.n).toBe(4);
      } finally {
        await db.close();
      }
    },
    120_000,
  );
});
