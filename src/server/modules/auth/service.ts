import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.js';
import { writeAudit } from '../../auth/audit.js';
import { otpCode, otpWindow, OTP_WINDOW_SECONDS, verifyOtp } from '../../auth/otp.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import type { Principal } from '../../auth/principal.js';
import { deleteSession, findPrincipal, insertSession } from '../../auth/session-store.js';
import { newSessionToken, SESSION_TTL_SECONDS, tokenHash } from '../../auth/tokens.js';
import type { AppDeps } from '../../http/deps.js';
import { findCustomerIdByPhone, findStaffByUsername } from './repo.js';

export type Login = { token: string; principal: Principal; expiresAt: Date };

type Client = Pick<FastifyRequest, 'ip' | 'headers' | 'id'>;

/** A hash to verify against when the username is unknown, so both paths take the same time. */
let dummyHash: Promise<string> | null = null;
const timingDummy = (): Promise<string> => (dummyHash ??= hashPassword('caiban-timing-dummy'));

const startSession = async (
  deps: AppDeps,
  client: Client,
  userKind: 'staff' | 'customer',
  userId: string,
): Promise<Login> => {
  const token = newSessionToken();
  const hash = tokenHash(deps.sessionSecret, token);
  const expiresAt = new Date(deps.now().getTime() + SESSION_TTL_SECONDS * 1000);
  const ua = client.headers['user-agent'];
  await insertSession(deps.db, {
    tokenHash: hash,
    userKind,
    userId,
    expiresAt,
    ip: client.ip,
    userAgent: typeof ua === 'string' ? ua : null,
  });
  const principal = await findPrincipal(deps.db, hash, deps.now());
  if (principal === null) throw new AppError('INTERNAL', 'session was not stored');
  await writeAudit(deps.db, { kind: userKind, id: userId }, client.id, [
    {
      action: 'auth.login',
      targetKind: 'session',
      target: null,
      customerId: principal.customerId,
      details: {},
    },
  ]);
  return { token, principal, expiresAt };
};

/** Staff login with username and password; the same 401 for an unknown user and a wrong password. */
export const loginStaff = async (
  deps: AppDeps,
  client: Client,
  username: string,
  password: string,
): Promise<Login> => {
  const staff = await findStaffByUsername(deps.db, username);
  const ok = await verifyPassword(password, staff?.passwordHash ?? (await timingDummy()));
  if (staff === null || !ok || !staff.active) {
    await writeAudit(deps.db, { kind: 'system', id: 'auth' }, client.id, [
      {
        action: 'auth.login_failed',
        targetKind: 'staff',
        target: username.slice(0, 64),
        customerId: null,
        details: { ip: client.ip },
      },
    ]);
    throw new AppError('UNAUTHENTICATED', 'wrong username or password');
  }
  return startSession(deps, client, 'staff', String(staff.id));
};

/**
 * Sends (simulates) a one-time code to a phone. The answer is the same whether or not the phone belongs to a
 * customer, so the endpoint cannot be used to probe who banks here. In demo mode the code is returned.
 */
export const requestOtp = (deps: AppDeps, phone: string): { code: string; expiresInSeconds: number } => ({
  code: otpCode(deps.sessionSecret, phone, otpWindow(deps.now().getTime())),
  expiresInSeconds: OTP_WINDOW_SECONDS,
});

export const loginCustomer = async (
  deps: AppDeps,
  client: Client,
  phone: string,
  code: string,
): Promise<Login> => {
  const valid = verifyOtp(deps.sessionSecret, phone, code, deps.now().getTime());
  const customerId = valid ? await findCustomerIdByPhone(deps.db, phone) : null;
  if (customerId === null) throw new AppError('UNAUTHENTICATED', 'wrong or expired code');
  return startSession(deps, client, 'customer', String(customerId));
};

export const logout = async (deps: AppDeps, principal: Principal, requestId: string): Promise<void> => {
  await deleteSession(deps.db, principal.sessionHash);
  await writeAudit(deps.db, { kind: principal.kind, id: principal.id }, requestId, [
    {
      action: 'auth.logout',
      targetKind: 'session',
      target: null,
      customerId: principal.customerId,
      details: {},
    },
  ]);
};
