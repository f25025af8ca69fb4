// The six digits under the QR code are few: one account may try only ten in ten minutes (and the
// limit is the account's, not the facility Wi-Fi's address that many families share).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SESSION_COOKIE } from '../../src/platform/session.ts';
import { hashToken, newToken } from '../../src/platform/tokens.ts';
import { TERMS_VERSION } from '../../src/accounts/terms.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient } from '../helpers/http.ts';
import { child, facility, municipality } from '../reservations/world.ts';
import { bookingOn } from './world.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ rateLimitFactor: 1, now: '2026-11-26T01:00:00Z' });
});
after(() => t?.close());

async function signedIn(userId: string): Promise<TestClient> {
  const now = t.clock.now();
  await t.db.updateTable('users').set({ terms_version_accepted: TERMS_VERSION, terms_accepted_at: now }).where('id', '=', userId).execute();
  const token = newToken();
  await t.db.insertInto('sessions').values({ id_hash: hashToken(token), user_id: userId, stage: 'active', challenge_id: null, created_at: now, last_seen_at: now }).execute();
  const client = new TestClient(t.app);
  client.cookies.set(SESSION_COOKIE, token);
  assert.equal((await client.get('/checkin')).status, 200);
  return client;
}

test('ten wrong codes in ten minutes, then 429 for that account only', async () => {
  const city = await municipality(t.db);
  const place = await facility(t.db, city);
  const kid = await child(t.db, city, '2025-06-01');
  const neighbour = await child(t.db, city, '2025-05-01');
  await bookingOn(t.db, place, kid, '2026-11-26', '09:00', '12:00');
  await bookingOn(t.db, place, neighbour, '2026-11-26', '09:00', '12:00');
  const client = await signedIn(kid.guardianId);
  for (let i = 0; i < 10; i += 1) assert.equal((await client.post('/checkin/code', { code: String(100000 + i) })).status, 400, `try ${i + 1}`);
  assert.equal((await client.post('/checkin/code', { code: '100010' })).status, 429);
  // Another family at the same address is not held back.
  const other = await signedIn(neighbour.guardianId);
  assert.equal((await other.post('/checkin/code', { code: '100011' })).status, 400);
  // Ten minutes on, the account may try again.
  t.clock.advance(10 * 60_000 + 1000);
  const later = await signedIn(kid.guardianId);
  assert.equal((await later.post('/checkin/code', { code: '100012' })).status, 400);
});
