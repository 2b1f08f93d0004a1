import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('demo1234');
    expect(h.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('demo1234', h)).toBe(true);
    expect(await verifyPassword('demo12345', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('salts each hash so equal passwords give different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('returns false for malformed stored hashes instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$8$1$x$y', 'bcrypt$a$b$c$d$e', 'scrypt$32768$8$1$$']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('takes another work factor (a power of two from 2^10 to 2^20), stored in the hash and read back', async () => {
    const h = await hashPassword('demo1234', undefined, 1 << 10);
    expect(h.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('demo1234', h)).toBe(true);
    expect(await verifyPassword('demo1235', h)).toBe(false);
    for (const n of [512, 1000, 1 << 21, 1.5])
      await expect(hashPassword('x', undefined, n)).rejects.toThrow(/power of two from 2\^10 to 2\^20/);
  });
});
