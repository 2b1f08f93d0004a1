import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

const KEYS = ['--token', 'QDG6eK', '--aes-key', 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'];
const ECHO = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
const sample = ['--timestamp', '1409659589', '--nonce', '263014780', '--data', ECHO];

describe('caiban wecom', () => {
  it('decrypts the official sample', async () => {
    const r = await runCli([
      'wecom',
      'decrypt',
      ...KEYS,
      '--receive-id',
      'wx5823bf96d3bd56c7',
      '--signature',
      '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
      ...sample,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ plaintext: '1616140317555161061' });
  });

  it('exits 1 with signature_mismatch or receive_id_mismatch', async () => {
    const tampered = await runCli([
      'wecom',
      'decrypt',
      ...KEYS,
      '--receive-id',
      'wx5823bf96d3bd56c7',
      '--signature',
      '0'.repeat(40),
      ...sample,
      '--json',
    ]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('signature_mismatch');
    const other = await runCli([
      'wecom',
      'decrypt',
      ...KEYS,
      '--receive-id',
      'ww_other',
      '--signature',
      '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
      ...sample,
      '--json',
    ]);
    expect(other.code).toBe(1);
    expect((JSON.parse(other.stdout) as { error: { message: string } }).error.message).toMatch(
      /^receive_id_mismatch/,
    );
  });

  it('encrypts with a fixed random deterministically, and decrypt reads it back', async () => {
    const args = [
      'wecom',
      'encrypt',
      ...KEYS,
      '--receive-id',
      'wx5823bf96d3bd56c7',
      '--timestamp',
      '1700000000',
      '--nonce',
      'n1',
      '--random',
      'aaaabbbbccccdddd',
      '--text',
      '你好 WeCom',
      '--json',
    ];
    const a = await runCli(args);
    const b = await runCli(args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const { encrypt, signature } = JSON.parse(a.stdout) as { encrypt: string; signature: string };
    const back = await runCli([
      'wecom',
      'decrypt',
      ...KEYS,
      '--receive-id',
      'wx5823bf96d3bd56c7',
      '--signature',
      signature,
      '--timestamp',
      '1700000000',
      '--nonce',
      'n1',
      '--data',
      encrypt,
      '--json',
    ]);
    expect(JSON.parse(back.stdout)).toEqual({ plaintext: '你好 WeCom' });
  });

  it('exits 2 on a bad key or random', async () => {
    const badKey = await runCli([
      'wecom',
      'encrypt',
      '--token',
      't',
      '--aes-key',
      'short',
      '--receive-id',
      'c',
      '--timestamp',
      '1',
      '--nonce',
      'n',
      '--text',
      'x',
      '--json',
    ]);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/--aes-key/);
    const badRandom = await runCli([
      'wecom',
      'encrypt',
      ...KEYS,
      '--receive-id',
      'c',
      '--timestamp',
      '1',
      '--nonce',
      'n',
      '--random',
      'abc',
      '--text',
      'x',
    ]);
    expect(badRandom.code).toBe(2);
  });
});
