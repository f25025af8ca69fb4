// A client signed in as a user, with a finished login (terms agreed) put straight into the
// sessions table: login itself is tested in test/accounts. Opens `home` so the client holds a
// CSRF token for its posts.
import assert from 'node:assert/strict';
import { SESSION_COOKIE } from '../../src/platform/session.ts';
import { hashToken, newToken } from '../../src/platform/tokens.ts';
import { TERMS_VERSION } from '../../src/accounts/terms.ts';
import type { TestApp } from './app.ts';
import { TestClient } from './http.ts';

export async function signedIn(test: TestApp, userId: string, home: string): Promise<TestClient> {
  const now = test.clock.now();
  await test.db.updateTable('users').set({ terms_version_accepted: TERMS_VERSION, terms_accepted_at: now }).where('id', '=', userId).execute();
  const token = newToken();
  await test.db.insertInto('sessions').values({ id_hash: hashToken(token), user_id: userId, stage: 'active', challenge_id: null, created_at: now, last_seen_at: now }).execute();
  const client = new TestClient(test.app);
  client.cookies.set(SESSION_COOKIE, token);
  assert.equal((await client.get(home)).status, 200);
  return client;
}
