import Bowser from 'bowser';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../platform/database.ts';
import { HOUR, type Clock } from '../platform/clock.ts';
import type { SessionSettings } from '../platform/session.ts';
import { hashToken, newToken } from '../platform/tokens.ts';
import { isUuid } from '../platform/ids.ts';

// 「この端末を30日間記憶する」: after the one-time password, the browser may get a token that lets the
// same user skip the one-time password (never the password) for 30 days. The cookie holds the
// token; the database only its hash.

export const REMEMBER_DEVICE_COOKIE = 'tsuen_device';
export const REMEMBER_DEVICE_MS = 30 * 24 * HOUR;
const LABEL_PART_MAX = 40;

/** A short name for the list on マイページ, such as "iPhone · Safari"; '' when the User-Agent tells nothing. */
export function deviceLabel(userAgent: string | undefined): string {
  if (!userAgent) return '';
  const parsed = Bowser.parse(userAgent);
  // iPhone and iPad say more than "iOS"; other devices are named by their system.
  const device = parsed.platform.model === 'iPhone' || parsed.platform.model === 'iPad' ? parsed.platform.model : (parsed.os.name ?? '');
  return [device, parsed.browser.name ?? '']
    .map((part) => part.trim().slice(0, LABEL_PART_MAX))
    .filter(Boolean)
    .join(' · ');
}

/** Stores a new remembered device for the user and sets its cookie on the reply. */
export async function rememberDevice(db: Db, clock: Clock, settings: SessionSettings, req: FastifyRequest, reply: FastifyReply, userId: string): Promise<void> {
  const token = newToken();
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    const user = await tx.selectFrom('users').select('municipality_id').where('id', '=', userId).executeTakeFirstOrThrow();
    // The user's expired devices are of no more use: tidy them away while here.
    await tx.deleteFrom('remembered_devices').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
    await tx
      .insertInto('remembered_devices')
      .values({
        user_id: userId,
        municipality_id: user.municipality_id,
        token_hash: hashToken(token),
        label: deviceLabel(req.headers['user-agent']),
        created_at: now,
        last_used_at: now,
        expires_at: new Date(now.getTime() + REMEMBER_DEVICE_MS),
      })
      .execute();
  });
  reply.setCookie(REMEMBER_DEVICE_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secureCookie,
    maxAge: REMEMBER_DEVICE_MS / 1000,
  });
}

/**
 * After the right password: is this browser remembered for this user? If so, its last use is
 * recorded. A token of another user is left alone (a family may share a phone); an expired or
 * revoked one is deleted and its cookie cleared.
 */
export async function checkRememberedDevice(db: Db, clock: Clock, req: FastifyRequest, reply: FastifyReply, userId: string): Promise<boolean> {
  const token = req.cookies[REMEMBER_DEVICE_COOKIE];
  if (!token) return false;
  const tokenHash = hashToken(token);
  const now = clock.now();
  // One statement checks owner and expiry and records the use, so a revoke cannot slip in between.
  const used = await db
    .updateTable('remembered_devices')
    .set({ last_used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .returning('id')
    .executeTakeFirst();
  if (used) return true;
  const other = await db.selectFrom('remembered_devices').select('id').where('token_hash', '=', tokenHash).where('user_id', '<>', userId).where('expires_at', '>', now).executeTakeFirst();
  if (other) return false;
  await db.deleteFrom('remembered_devices').where('token_hash', '=', tokenHash).execute();
  reply.clearCookie(REMEMBER_DEVICE_COOKIE, { path: '/' });
  return false;
}

export interface RememberedDevice {
  id: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date;
  /** The browser this request came from. */
  current: boolean;
}

/** The user's devices that still skip the one-time password, the most recently used first. */
export async function rememberedDevicesOf(db: Db, clock: Clock, req: FastifyRequest, userId: string): Promise<RememberedDevice[]> {
  const token = req.cookies[REMEMBER_DEVICE_COOKIE];
  const currentHash = token ? hashToken(token) : undefined;
  const rows = await db
    .selectFrom('remembered_devices')
    .select(['id', 'label', 'token_hash', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', clock.now())
    .orderBy('last_used_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at, current: r.token_hash === currentHash }));
}

/**
 * Revokes one of the user's devices, or all of them when `deviceId` is undefined. Returns how
 * many were revoked; a device of another user is never touched (0). The cookie goes too when it
 * belonged to a revoked device.
 */
export async function revokeRememberedDevices(db: Db, req: FastifyRequest, reply: FastifyReply, userId: string, deviceId?: string): Promise<number> {
  let query = db.deleteFrom('remembered_devices').where('user_id', '=', userId);
  if (deviceId !== undefined) {
    if (!isUuid(deviceId)) return 0;
    query = query.where('id', '=', deviceId);
  }
  const revoked = await query.returning('token_hash').execute();
  const token = req.cookies[REMEMBER_DEVICE_COOKIE];
  if (token && revoked.some((r) => r.token_hash === hashToken(token))) reply.clearCookie(REMEMBER_DEVICE_COOKIE, { path: '/' });
  return revoked.length;
}
