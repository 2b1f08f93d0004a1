import { describe, expect, it } from 'vitest';
import { OTP_WINDOW_SECONDS, otpCode, otpWindow, verifyOtp } from './otp.js';

const SECRET = 'x'.repeat(40);
const T0 = Date.UTC(2026, 9, 30, 9, 0, 0);

describe('simulated SMS one-time password', () => {
  it('accepts the code of the current window and of the previous one, not older', () => {
    const code = otpCode(SECRET, '13900000001', otpWindow(T0));
    expect(code).toMatch(/^\d{6}$/);
    expect(verifyOtp(SECRET, '13900000001', code, T0)).toBe(true);
    expect(verifyOtp(SECRET, '13900000001', code, T0 + OTP_WINDOW_SECONDS * 1000)).toBe(true);
    expect(verifyOtp(SECRET, '13900000001', code, T0 + 2 * OTP_WINDOW_SECONDS * 1000)).toBe(false);
  });

  it('binds the code to the phone number and the secret', () => {
    const code = otpCode(SECRET, '13900000001', otpWindow(T0));
    expect(verifyOtp(SECRET, '13900000002', code, T0)).toBe(false);
    expect(verifyOtp('y'.repeat(40), '13900000001', code, T0)).toBe(false);
  });
});
