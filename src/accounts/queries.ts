import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Db } from '../platform/database.ts';
import { MINUTE, type Clock } from '../platform/clock.ts';
import { hashToken, newOneTimeCode, newToken } from '../platform/tokens.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { TERMS_VERSION } from './terms.ts';
import { oneTimePasswordMail, passwordChangedMail, passwordResetMail } from './mails.ts';

export const RESET_LINK_VALIDITY_MS = 30 * MINUTE;
export const OTP_VALIDITY_MS = 10 * MINUTE;
export const OTP_MAX_ATTEMPTS = 5;
/** After this many wrong passwords for one login ID, it is locked for LOCK_MS. */
export const LOGIN_FAILURES_BEFORE_LOCK = 5;
export const LOCK_MS = 15 * MINUTE;

// Verifying against this hash when no account exists makes both answers take the same time.
const absentAccountHash = await hash('no account has this password');

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'municipality_id', 'role', 'password_hash', 'two_factor_enabled', 'terms_version_accepted'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/**
 * Queues a reset mail if the address has an account; says nothing either way. The answer comes no
 * sooner than `floorMs` after the request, so the quick "no such account" path does not stand out
 * from the one that writes a token and a mail.
 */
export async function requestPasswordReset(db: Db, clock: Clock, baseUrl: string, email: string, floorMs: number): Promise<void> {
  const started = clock.now().getTime();
  await queueResetMail(db, clock, baseUrl, email);
  const left = floorMs - (clock.now().getTime() - started);
  if (left > 0) await clock.sleep(left);
}

async function queueResetMail(db: Db, clock: Clock, baseUrl: string, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user) return;
  await db.transaction().execute(async (tx) => {
    const link = await passwordLink(tx, clock, baseUrl, { id: user.id, municipalityId: user.municipality_id });
    await queueMail(tx, clock, passwordResetMail(user.email, link), user.municipality_id);
  });
}

/**
 * A link to the パスワードリセット screen that sets the user's password once, within `validityMs`:
 * for the reset mail, and for the mail to a new staff login (src/municipalities/admin-queries.ts).
 * Call it inside the transaction that queues the mail carrying it.
 */
export async function passwordLink(tx: Db, clock: Clock, baseUrl: string, user: { id: string; municipalityId: string }, validityMs = RESET_LINK_VALIDITY_MS): Promise<string> {
  const token = newToken();
  const now = clock.now();
  await tx
    .insertInto('password_reset_tokens')
    .values({
      user_id: user.id,
      municipality_id: user.municipalityId,
      token_hash: hashToken(token),
      expires_at: new Date(now.getTime() + validityMs),
      created_at: now,
    })
    .execute();
  return `${baseUrl}/password-reset/${token}`;
}

export type ResetTokenState = 'valid' | 'used' | 'expired' | 'unknown';

export async function resetTokenState(db: Db, clock: Clock, token: string): Promise<{ state: ResetTokenState; email?: string }> {
  const row = await db
    .selectFrom('password_reset_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.used_at', 't.expires_at', 'u.email'])
    .where('t.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { state: 'unknown' };
  if (row.used_at) return { state: 'used' };
  if (row.expires_at.getTime() <= clock.now().getTime()) return { state: 'expired' };
  return { state: 'valid', email: row.email };
}

/**
 * Sets the password through a reset link, once: the token row is locked and marked used in the
 * same transaction. Every other open link, every session and every remembered device of the user
 * end with it.
 */
export async function resetPassword(db: Db, clock: Clock, token: string, password: string): Promise<ResetTokenState> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('password_reset_tokens')
      .select(['id', 'user_id', 'used_at', 'expires_at'])
      .where('token_hash', '=', hashToken(token))
      .forUpdate()
      .executeTakeFirst();
    if (!row) return 'unknown';
    const now = clock.now();
    if (row.used_at) return 'used';
    if (row.expires_at.getTime() <= now.getTime()) return 'expired';
    const user = await tx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', row.user_id)
      .returning(['email', 'municipality_id'])
      .executeTakeFirstOrThrow();
    await tx.updateTable('password_reset_tokens').set({ used_at: now }).where('user_id', '=', row.user_id).where('used_at', 'is', null).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', row.user_id).execute();
    await tx.deleteFrom('remembered_devices').where('user_id', '=', row.user_id).execute();
    await tx.deleteFrom('login_throttles').where('login_key', '=', user.email.toLowerCase()).execute();
    await queueMail(tx, clock, passwordChangedMail(user.email), user.municipality_id);
    return 'valid';
  });
}

export type PasswordCheck =
  | { kind: 'ok'; user: NonNullable<Awaited<ReturnType<typeof findUserByEmail>>> }
  | { kind: 'rejected'; failures: number }
  | { kind: 'locked' };

/**
 * Checks a login ID and password. Failures are counted per login ID whether or not the account
 * exists, so neither the answers nor the lock reveal which addresses are registered.
 */
export async function checkPassword(db: Db, clock: Clock, email: string, password: string): Promise<PasswordCheck> {
  const key = email.toLowerCase();
  const now = clock.now();
  const throttle = await db.selectFrom('login_throttles').selectAll().where('login_key', '=', key).executeTakeFirst();
  if (throttle?.locked_until && throttle.locked_until.getTime() > now.getTime()) return { kind: 'locked' };
  const user = await findUserByEmail(db, email);
  const valid = await verify(user?.password_hash ?? absentAccountHash, password).catch(() => false);
  if (user && user.password_hash && valid) {
    await db.deleteFrom('login_throttles').where('login_key', '=', key).execute();
    return { kind: 'ok', user };
  }
  // A lock that has run out starts the count afresh.
  const row = await db
    .insertInto('login_throttles')
    .values({ login_key: key, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('login_key').doUpdateSet({
        failures: sql`case when login_throttles.locked_until is not null then 1 else login_throttles.failures + 1 end`,
        locked_until: null,
        updated_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (row.failures >= LOGIN_FAILURES_BEFORE_LOCK) {
    await db.updateTable('login_throttles').set({ locked_until: new Date(now.getTime() + LOCK_MS) }).where('login_key', '=', key).execute();
    return { kind: 'locked' };
  }
  return { kind: 'rejected', failures: row.failures };
}

/** Issues a new one-time password for the user and queues the mail carrying it. */
export async function issueOneTimePassword(db: Db, clock: Clock, userId: string): Promise<string> {
  const code = newOneTimeCode();
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const user = await tx.selectFrom('users').select(['email', 'municipality_id']).where('id', '=', userId).executeTakeFirstOrThrow();
    // Only the newest code counts.
    await tx.updateTable('login_challenges').set({ consumed_at: now }).where('user_id', '=', userId).where('consumed_at', 'is', null).execute();
    const challenge = await tx
      .insertInto('login_challenges')
      .values({
        user_id: userId,
        municipality_id: user.municipality_id,
        code_hash: hashToken(`${userId}:${code}`),
        expires_at: new Date(now.getTime() + OTP_VALIDITY_MS),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await queueMail(tx, clock, oneTimePasswordMail(user.email, code), user.municipality_id);
    return challenge.id;
  });
}

export type OtpResult = 'ok' | 'wrong' | 'expired' | 'exhausted';

/** Compares a code with the challenge, counting the try in the same statement that reads it. */
export async function checkOneTimePassword(db: Db, clock: Clock, challengeId: string, userId: string, code: string): Promise<{ result: OtpResult; attemptsLeft: number }> {
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const challenge = await tx
      .selectFrom('login_challenges')
      .selectAll()
      .where('id', '=', challengeId)
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!challenge || challenge.consumed_at) return { result: 'expired', attemptsLeft: 0 };
    if (challenge.attempts >= OTP_MAX_ATTEMPTS) return { result: 'exhausted', attemptsLeft: 0 };
    if (challenge.expires_at.getTime() <= now.getTime()) return { result: 'expired', attemptsLeft: 0 };
    const attempts = challenge.attempts + 1;
    if (challenge.code_hash === hashToken(`${userId}:${code}`)) {
      await tx.updateTable('login_challenges').set({ consumed_at: now, attempts }).where('id', '=', challengeId).execute();
      return { result: 'ok', attemptsLeft: OTP_MAX_ATTEMPTS - attempts };
    }
    await tx.updateTable('login_challenges').set({ attempts }).where('id', '=', challengeId).execute();
    return { result: attempts >= OTP_MAX_ATTEMPTS ? 'exhausted' : 'wrong', attemptsLeft: OTP_MAX_ATTEMPTS - attempts };
  });
}

export async function acceptTerms(db: Db, clock: Clock, userId: string): Promise<void> {
  await db.updateTable('users').set({ terms_version_accepted: TERMS_VERSION, terms_accepted_at: clock.now() }).where('id', '=', userId).execute();
}

export function needsTermsConsent(user: { terms_version_accepted: number | null }): boolean {
  return user.terms_version_accepted !== TERMS_VERSION;
}
