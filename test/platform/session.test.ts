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

  test('a form sent after the session ended says so and leads back through login to its page', async () => {
    const client = await logInAsStaff(t.app, t.db, STAFF);
    const applications = await client.get('/municipality/applications?status=submitted');
    assert.equal(applications.status, 200);
    t.clock.advance(IDLE_MINUTES * MINUTE + 1000);
    const sent = await client.post('/municipality/applications/00000000-0000-4000-8000-000000000000/approve', {}, { referer: 'http://localhost/municipality/applications?status=submitted' });
    assert.equal(sent.status, 403);
    assert.match(sent.body, /ログインの有効期限が切れました/);
    assert.match(sent.body, /送信した内容は保存されていません/);
    assert.ok(sent.body.includes(`href="/login?next=${encodeURIComponent('/municipality/applications?status=submitted')}"`), 'the login link returns to the form page');
    // A Referer of another site is not followed.
    const elsewhere = await client.post('/municipality/applications/00000000-0000-4000-8000-000000000000/approve', {}, { referer: 'https://evil.example/phish' });
    assert.ok(elsewhere.body.includes('href="/login?next=%2F"'));
  });
});
