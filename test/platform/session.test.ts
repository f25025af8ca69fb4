// Sessions end after SESSION_IDLE_MINUTES without a request (src/platform/session.ts), measured on
// the injected clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MINUTE } from '../../src/platform/clock.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { logInAsStaff } from '../helpers/journeys.ts';

const IDLE_MINUTES = 5;
const STAFF = 'city-staff@ojiya.example.jp';
const LOGIN_AGAIN = `/login?next=${encodeURIComponent('/municipality')}`;

let t: TestApp;
before(async () => {
  t = await startTestApp({}, { SESSION_IDLE_MINUTES: String(IDLE_MINUTES) });
});
after(() => t.close());

describe(`a session idle for SESSION_IDLE_MINUTES (${IDLE_MINUTES}) ends`, () => {
  test('the setting is read', () => {
    assert.equal(t.config.sessionIdleMinutes, IDLE_MINUTES);
  });

  test('a request just before the idle time is served; one just after goes to login', async () => {
    const early = await logInAsStaff(t.app, t.db, STAFF);
    const late = await logInAsStaff(t.app, t.db, STAFF);
    t.clock.advance(IDLE_MINUTES * MINUTE - 1000);
    assert.equal((await early.get('/municipality')).status, 200);
    t.clock.advance(2000);
    const refused = await late.get('/municipality');
    assert.equal(refused.status, 303);
    assert.equal(refused.location, LOGIN_AGAIN);
    // The ended session is gone, not merely refused: coming back later does not revive it.
    assert.equal((await late.get('/municipality')).location, LOGIN_AGAIN);
  });

  test('each request starts the idle time again', async () => {
    const client = await logInAsStaff(t.app, t.db, STAFF);
    const sessions = async () => t.db.selectFrom('sessions').select('id_hash').execute();
    for (let visit = 1; visit <= 3; visit += 1) {
      t.clock.advance(IDLE_MINUTES * MINUTE - 1000);
      assert.equal((await client.get('/municipality')).status, 200, `visit ${visit}, ${visit * IDLE_MINUTES} minutes after login`);
    }
    const before = (await sessions()).length;
    t.clock.advance(IDLE_MINUTES * MINUTE + 1000);
    assert.equal((await client.get('/municipality')).location, LOGIN_AGAIN);
    assert.equal((await sessions()).length, before - 1, 'the idle session was deleted');
  });
});
