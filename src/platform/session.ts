import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './database.ts';
import type { Clock } from './clock.ts';
import { hashToken, newToken } from './tokens.ts';
import { compiledQuery, type Arg } from './compiled-query.ts';
import type { SignedInUser } from './ui/layout.tsx';

export const SESSION_COOKIE = 'tsuen_session';

export type SessionStage = 'otp' | 'terms' | 'active';

export interface LoadedSession {
  idHash: string;
  stage: SessionStage;
  challengeId: string | null;
  user: SignedInUser;
}

export interface SessionSettings {
  idleMinutes: number;
  secureCookie: boolean;
  /** The terms in force (src/accounts/terms.ts): a user who agreed to older ones agrees again. */
  termsVersion: number;
}

// Read on every request of a signed-in user: compiled once (compiled-query.ts).
const sessionRow = compiledQuery((db, arg: Arg<{ idHash: string }>) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.stage',
      'sessions.challenge_id',
      'sessions.last_seen_at',
      'users.id',
      'users.role',
      'users.municipality_id',
      'users.facility_id',
      'users.display_name',
      'users.email',
      'users.terms_version_accepted',
    ])
    .where('sessions.id_hash', '=', arg('idHash')),
);

/** Reads the session behind the request's cookie, ending it if it has been idle too long. */
export async function loadSession(db: Db, clock: Clock, settings: SessionSettings, token: string | undefined): Promise<LoadedSession | undefined> {
  if (!token) return undefined;
  const idHash = hashToken(token);
  const [row] = await sessionRow(db, { idHash });
  if (!row) return undefined;
  const now = clock.now();
  if (now.getTime() - row.last_seen_at.getTime() > settings.idleMinutes * 60_000) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  // Touch at most once a minute, to keep reads cheap.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return {
    idHash,
    // Terms changed since the user agreed: they agree again before anything else.
    stage: row.stage === 'active' && row.terms_version_accepted !== settings.termsVersion ? 'terms' : row.stage,
    challengeId: row.challenge_id,
    user: {
      id: row.id,
      role: row.role,
      municipalityId: row.municipality_id,
      facilityId: row.facility_id,
      displayName: row.display_name,
      email: row.email,
    },
  };
}

/**
 * Starts a new session for the user and drops the request's old one: the session id changes at
 * every step of login, so an id planted before login is worthless after it.
 */
export async function startSession(
  db: Db,
  clock: Clock,
  settings: SessionSettings,
  req: FastifyRequest,
  reply: FastifyReply,
  values: { userId: string; stage: SessionStage; challengeId: string | null },
): Promise<void> {
  const old = req.cookies[SESSION_COOKIE];
  if (old) await db.deleteFrom('sessions').where('id_hash', '=', hashToken(old)).execute();
  const token = newToken();
  const now = clock.now();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      user_id: values.userId,
      stage: values.stage,
      challenge_id: values.challengeId,
      created_at: now,
      last_seen_at: now,
    })
    .execute();
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secureCookie,
  });
}

export async function endSession(db: Db, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
