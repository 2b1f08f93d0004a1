import { z } from 'zod';
import { Role } from './common.js';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  role: Role,
  kind: z.enum(['staff', 'customer']),
  displayName: z.string(),
  username: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  customerId: z.number().int().nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string(),
  user: SessionUser,
  expiresAt: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** Mainland mobile number (11 digits starting with 1). */
export const Phone = z.string().regex(/^1\d{10}$/, 'expected an 11-digit mainland mobile number');

export const OtpRequest = z.object({ phone: Phone });
export const OtpRequestResponse = z.object({
  sent: z.boolean(),
  expiresInSeconds: z.number().int(),
  /** Only in demo mode, where no SMS gateway exists: the code the simulated SMS would carry. */
  demoCode: z.string().nullable(),
});
export type OtpRequestResponse = z.infer<typeof OtpRequestResponse>;

export const OtpVerifyRequest = z.object({
  phone: Phone,
  code: z.string().regex(/^\d{6}$/, 'expected the 6-digit code'),
});
export type OtpVerifyRequest = z.infer<typeof OtpVerifyRequest>;

export const MeResponse = z.object({ user: SessionUser, permissions: z.array(z.string()) });
export type MeResponse = z.infer<typeof MeResponse>;

/** `GET /api/auth/session`: like MeResponse, with user null (and no permissions) when logged out. */
export const SessionProbeResponse = z.object({
  user: SessionUser.nullable(),
  permissions: z.array(z.string()),
});
export type SessionProbeResponse = z.infer<typeof SessionProbeResponse>;
