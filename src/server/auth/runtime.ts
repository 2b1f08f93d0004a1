import type { OtpProvider } from './otp.js';
import type { AuthThrottle } from './throttle.js';

/** The authentication machinery of one app instance: its in-memory throttle and the one-time-code provider. */
export type AuthRuntime = {
  throttle: AuthThrottle;
  /** Carries customer login codes; null when none is configured (customer login then answers 503). */
  otpProvider: OtpProvider | null;
};
