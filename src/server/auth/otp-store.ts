import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../db/index.js';
import { otpCodes } from '../db/schema.js';
import {
  OTP_ATTEMPTS_PER_CODE,
  OTP_ATTEMPTS_PER_HOUR,
  OTP_SENDS_PER_HOUR,
  OTP_TTL_SECONDS,
  sameHash,
} from './otp.js';

const HOUR_MS = 3600_000;

/**
 * Stores a new code for `phone`, replacing any previous one, within the phone's hourly budget of sends (one
 * atomic upsert, so concurrent requests on several API nodes cannot exceed it). False when the budget is spent.
 */
export const storeOtp = async (
  db: Queryable,
  phone: string,
  codeHash: string,
  now: Date,
): Promise<boolean> => {
  const cutoff = new Date(now.getTime() - HOUR_MS);
  const expiresAt = new Date(now.getTime() + OTP_TTL_SECONDS * 1000);
  const windowOver = sql`${otpCodes.windowStart} <= ${cutoff}`;
  const rows = await db.orm
    .insert(otpCodes)
    .values({ phone, codeHash, expiresAt, windowStart: now, sends: 1, codeAttempts: 0, windowAttempts: 0 })
    .onConflictDoUpdate({
      target: otpCodes.phone,
      set: {
        codeHash,
        expiresAt,
        codeAttempts: 0,
        windowStart: sql`CASE WHEN ${windowOver} THEN ${now} ELSE ${otpCodes.windowStart} END`,
        sends: sql`CASE WHEN ${windowOver} THEN 1 ELSE ${otpCodes.sends} + 1 END`,
        windowAttempts: sql`CASE WHEN ${windowOver} THEN 0 ELSE ${otpCodes.windowAttempts} END`,
      },
      setWhere: sql`${windowOver} OR ${otpCodes.sends} < ${OTP_SENDS_PER_HOUR}`,
    })
    .returning({ phone: otpCodes.phone });
  return rows.length === 1;
};

export type OtpCheck = 'ok' | 'wrong' | 'locked';

/**
 * Checks `codeHash` against the live code of `phone` and uses it up when it matches. Every try is counted first
 * (atomically, whichever node or IP it comes from): past the per-code or per-hour budget the answer is
 * 'locked' whatever the code; a match is consumed by a conditional update, so two concurrent tries of one
 * code cannot both win.
 */
export const checkOtp = async (
  db: Queryable,
  phone: string,
  codeHash: string,
  now: Date,
): Promise<OtpCheck> => {
  const claimed = await db.orm
    .update(otpCodes)
    .set({
      codeAttempts: sql`${otpCodes.codeAttempts} + 1`,
      windowAttempts: sql`${otpCodes.windowAttempts} + 1`,
    })
    .where(
      and(
        eq(otpCodes.phone, phone),
        isNotNull(otpCodes.codeHash),
        lt(otpCodes.codeAttempts, OTP_ATTEMPTS_PER_CODE),
        lt(otpCodes.windowAttempts, OTP_ATTEMPTS_PER_HOUR),
      ),
    )
    .returning({ codeHash: otpCodes.codeHash, expiresAt: otpCodes.expiresAt });
  const live = claimed[0];
  if (live === undefined) return (await isLocked(db, phone)) ? 'locked' : 'wrong';
  if (live.codeHash === null || live.expiresAt <= now || !sameHash(live.codeHash, codeHash)) return 'wrong';
  const used = await db.orm
    .update(otpCodes)
    .set({ codeHash: null })
    .where(and(eq(otpCodes.phone, phone), eq(otpCodes.codeHash, codeHash)))
    .returning({ phone: otpCodes.phone });
  return used.length === 1 ? 'ok' : 'wrong';
};

/** True when the phone's hourly budget of tries is spent (its live code, if any, then refuses every try). */
const isLocked = async (db: Queryable, phone: string): Promise<boolean> => {
  const rows = await db.orm
    .select({ windowAttempts: otpCodes.windowAttempts })
    .from(otpCodes)
    .where(eq(otpCodes.phone, phone));
  return (rows[0]?.windowAttempts ?? 0) >= OTP_ATTEMPTS_PER_HOUR;
};

/** Removes the rows of phones idle for a day (called at start-up). */
export const purgeOldOtps = async (db: Queryable, now: Date): Promise<void> => {
  await db.orm.delete(otpCodes).where(lt(otpCodes.windowStart, new Date(now.getTime() - 24 * HOUR_MS)));
};
