import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.js';
import { writeAudit } from '../../auth/audit.js';
import { rateLimited } from '../../auth/limiter.js';
import { maskPhone } from '../../auth/masking.js';
import { newOtpCode, OTP_TTL_SECONDS, otpHash } from '../../auth/otp.js';
import { checkOtp, storeOtp } from '../../auth/otp-store.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import type { Principal } from '../../auth/principal.js';
import type { AuthRuntime } from '../../auth/runtime.js';
import { deleteSession, findPrincipal, insertSession } from '../../auth/session-store.js';
import { normaliseAccount } from '../../auth/throttle.js';
import { newSessionToken, SESSION_TTL_SECONDS, tokenHash } from '../../auth/tokens.js';
import type { AppDeps } from '../../http/deps.js';
import { findCustomerIdByPhone, findStaffByUsername } from './repo.js';

export type Login = { token: string; principal: Principal; expiresAt: Date };

type Client = Pick<FastifyRequest, 'ip' | 'headers' | 'id'>;

/** A hash to verify against when the username is unknown, so both paths take the same time. */
let dummyHash: Promise<string> | null = null;
const timingDummy = (): Promise<string> => (dummyHash ??= hashPassword('caiban-timing-dummy'));

/** The answer to a wrong customer code: distinct from the staff message, and silent on whether the phone banks here. */
export const CUSTOMER_LOGIN_REFUSED =
  'wrong or expired code, or this phone number is not registered for customer login';

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

const auditFailure = (deps: AppDeps, client: Client, targetKind: 'staff' | 'customer', target: string) =>
  writeAudit(deps.db, { kind: 'system', id: 'auth' }, client.id, [
    { action: 'auth.login_failed', targetKind, target, customerId: null, details: { ip: client.ip } },
  ]);

/**
 * Staff login with username and password; the same 401 for an unknown user and a wrong password. The name is
 * normalised once, the IP's and the account's budgets are charged before anything else, and the password
 * check waits its turn in the fair hashing queue (an unknown user is checked against a dummy hash, so the
 * time taken does not tell whether the user exists).
 */
export const loginStaff = async (
  deps: AppDeps,
  auth: AuthRuntime,
  client: Client,
  username: string,
  password: string,
): Promise<Login> => {
  const account = normaliseAccount(username);
  auth.throttle.admitLogin(client.ip, account, deps.now().getTime());
  const staff = account === '' ? null : await findStaffByUsername(deps.db, account);
  const stored = staff?.passwordHash ?? (await timingDummy());
  const ok = await auth.throttle.hashing.run(client.ip, () => verifyPassword(password, stored));
  if (staff === null || !ok || !staff.active) {
    await auditFailure(deps, client, 'staff', account.slice(0, 64));
    throw new AppError('UNAUTHENTICATED', 'wrong username or password');
  }
  return startSession(deps, client, 'staff', String(staff.id));
};

/**
 * Customer login step 1: a fresh random code is stored (hashed) for the phone within the phone's hourly budget
 * and handed to the provider when the phone belongs to a customer. The answer is the same whether or not it
 * does, so the endpoint cannot be used to probe who banks here. The code itself is returned to the route,
 * which shows it only when demo access is on.
 */
export const requestOtp = async (
  deps: AppDeps,
  auth: AuthRuntime,
  client: Client,
  phone: string,
): Promise<{ code: string; expiresInSeconds: number }> => {
  const now = deps.now();
  auth.throttle.admitLogin(client.ip, phone, now.getTime());
  if (auth.otpProvider === null && !deps.demoMode)
    throw new AppError(
      'UNAVAILABLE',
      'customer login is not available: no one-time-code provider (SMS gateway) is configured',
    );
  const code = newOtpCode();
  if (!(await storeOtp(deps.db, phone, otpHash(deps.sessionSecret, phone, code), now)))
    throw rateLimited('codes requested for this phone number', 3600);
  if (auth.otpProvider !== null && (await findCustomerIdByPhone(deps.db, phone)) !== null) {
    try {
      await auth.otpProvider.send(phone, code, OTP_TTL_SECONDS);
    } catch {
      throw new AppError(
        'UNAVAILABLE',
        `the code could not be sent (${auth.otpProvider.name}); retry shortly`,
      );
    }
  }
  return { code, expiresInSeconds: OTP_TTL_SECONDS };
};

/** Customer login step 2: the stored code of the phone, once, within the phone's budget of tries. */
export const loginCustomer = async (
  deps: AppDeps,
  auth: AuthRuntime,
  client: Client,
  phone: string,
  code: string,
): Promise<Login> => {
  const now = deps.now();
  auth.throttle.admitLogin(client.ip, phone, now.getTime());
  const check = await checkOtp(deps.db, phone, otpHash(deps.sessionSecret, phone, code), now);
  if (check === 'locked')
    throw new AppError(
      'RATE_LIMITED',
      'too many wrong codes for this phone number; request a new code after an hour',
      { retryAfterSeconds: 3600 },
    );
  const customerId = check === 'ok' ? await findCustomerIdByPhone(deps.db, phone) : null;
  if (customerId === null) {
    await auditFailure(deps, client, 'customer', maskPhone(phone));
    throw new AppError('UNAUTHENTICATED', CUSTOMER_LOGIN_REFUSED);
  }
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
