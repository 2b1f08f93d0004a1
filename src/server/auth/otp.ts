import { createHmac, timingSafeEqual } from 'node:crypto';

/** One-time codes for customer login are valid for one 5-minute window (and the one before, for clock skew). */
export const OTP_WINDOW_SECONDS = 300;

/**
 * Simulated SMS one-time password, derived rather than stored: code = HMAC-SHA256(secret, "otp|phone|window")
 * reduced to 6 digits (the dynamic truncation of RFC 4226 §5.3). Any node holding SESSION_SECRET can verify it,
 * so nothing lives in process memory. In production an SMS gateway would deliver it; the demo returns it.
 */
export const otpCode = (secret: string, phone: string, window: number): string => {
  const mac = createHmac('sha256', secret).update(`otp|${phone}|${window}`).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin =
    ((mac[offset]! & 0x7f) << 24) |
    ((mac[offset + 1]! & 0xff) << 16) |
    ((mac[offset + 2]! & 0xff) << 8) |
    (mac[offset + 3]! & 0xff);
  return String(bin % 1_000_000).padStart(6, '0');
};

export const otpWindow = (epochMs: number): number => Math.floor(epochMs / 1000 / OTP_WINDOW_SECONDS);

/** True when `code` is the code of the current or the previous window. */
export const verifyOtp = (secret: string, phone: string, code: string, epochMs: number): boolean => {
  const w = otpWindow(epochMs);
  return [w, w - 1].some((win) => {
    const expected = Buffer.from(otpCode(secret, phone, win));
    const given = Buffer.from(code);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
};
