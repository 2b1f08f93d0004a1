import { describe, expect, it } from 'vitest';
import { newOtpCode, otpHash, sameHash } from './otp.js';

const SECRET = 'x'.repeat(40);

describe('customer login one-time codes', () => {
  it('draws 6-digit codes that differ from call to call', () => {
    const codes = Array.from({ length: 200 }, newOtpCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('stores an HMAC bound to the phone, the code and the secret, never the code', () => {
    const h = otpHash(SECRET, '13900000001', '123456');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain('123456');
    expect(sameHash(h, otpHash(SECRET, '13900000001', '123456'))).toBe(true);
    expect(sameHash(h, otpHash(SECRET, '13900000002', '123456'))).toBe(false);
    expect(sameHash(h, otpHash(SECRET, '13900000001', '123457'))).toBe(false);
    expect(sameHash(h, otpHash('y'.repeat(40), '13900000001', '123456'))).toBe(false);
    expect(sameHash('', '')).toBe(false);
  });
});
