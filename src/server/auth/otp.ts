import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { maskPhone } from './masking.js';

/** A customer login code lives 5 minutes and can be used once. */
export const OTP_TTL_SECONDS = 300;
/** Per phone and hour, across all IPs and API nodes: codes sent, and codes tried. */
export const OTP_SENDS_PER_HOUR = 5;
export const OTP_ATTEMPTS_PER_HOUR = 10;
/** Wrong tries one code survives; the next wrong try burns it (a new code must be requested). */
export const OTP_ATTEMPTS_PER_CODE = 5;

/**
 * Delivers a one-time code to a phone. The platform generates, stores (hashed) and checks codes; a provider
 * only carries them. A real SMS gateway implements `send` with the gateway's API (template id and signature
 * are the gateway's business) and throws when the gateway refuses, so the caller sees 503 and not a code
 * that never arrives. See docs/security.md.
 */
export type OtpProvider = {
  /** Shown in the start banner and the logs. */
  readonly name: string;
  send(phone: string, code: string, ttlSeconds: number): Promise<void>;
};

/**
 * The demo and development provider: writes the code to the server log (phone masked). Anyone who can read
 * the log can log in as the customer, so it is for the demo bank and for development only.
 */
export const logOtpProvider = (log: { info: (obj: object, msg: string) => void }): OtpProvider => ({
  name: 'log',
  send: (phone, code, ttlSeconds) => {
    log.info({ phone: maskPhone(phone), code, ttlSeconds }, 'one-time login code (log provider, not an SMS)');
    return Promise.resolve();
  },
});

/** A fresh 6-digit code from the CSPRNG. */
export const newOtpCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * What the database stores for a code: HMAC-SHA256 keyed by SESSION_SECRET over the phone and the code, so a
 * copy of the table yields neither the codes nor a cheap way to test the 10^6 candidates.
 */
export const otpHash = (secret: string, phone: string, code: string): string =>
  createHmac('sha256', secret).update(`otp|${phone}|${code}`).digest('hex');

/** Constant-time comparison of two hex hashes of equal length. */
export const sameHash = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};
