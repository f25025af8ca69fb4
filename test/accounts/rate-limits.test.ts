// Limits that protect accounts without shutting out a shared address: a city hall's help desk or a
// mobile carrier puts many families behind one address, so the limits per address are generous
// and those per login ID, e-mail address and account do the protecting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '../../src/accounts/queries.ts';
import { TERMS_VERSION } from '../../src/accounts/terms.ts';
import { HOUR, MINUTE } from '../../src/platform/clock.ts';
import { appDeps, buildApp } from '../../src/app.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf, type TestResponse } from '../helpers/http.ts';
import { GUARDIAN_PASSWORD, OJIYA, newGuardian } from '../helpers/journeys.ts';
import { lastMailTo, mailsTo } from '../helpers/mail.ts';

const HELP_DESK = '203.0.113.10';

let t: TestApp;
before(async () => {
  t = await startTestApp({ rateLimitFactor: 1 });
});
after(() => t.close());

/** Guardians of Ojiya with a password and two-factor login, put in directly (one hash for all). */
async function guardians(prefix: string, count: number): Promise<string[]> {
  const municipality = await t.db.selectFrom('municipalities').select('id').where('code', '=', OJIYA).executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(GUARDIAN_PASSWORD);
  const emails = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}@example.jp`);
  await t.db
    .insertInto('users')
    .values(
      emails.map((email, i) => ({
        municipality_id: municipality.id,
        role: 'guardian' as const,
        facility_id: null,
        email,
        display_name: `利用者 ${i + 1}`,
        password_hash: passwordHash,
        two_factor_enabled: true,
        terms_version_accepted: TERMS_VERSION,
        terms_accepted_at: t.clock.now(),
      })),
    )
    .execute();
  return emails;
}

function clientAt(remoteAddress: string): TestClient {
  const client = new TestClient(t.app);
  client.remoteAddress = remoteAddress;
  return client;
}

async function lastCode(email: string): Promise<string> {
  const code = /ワンタイムパスワード：(\d{6})/.exec((await lastMailTo(t.db, email)).text_body)?.[1];
  assert.ok(code, `a one-time password was mailed to ${email}`);
  return code;
}

function assertTooMany(response: TestResponse): void {
  assert.equal(response.status, 429);
  assert.ok(textOf(response.body).includes('操作が続いたため、一時的に受け付けを止めています'));
  assert.ok(Number(response.headers['retry-after']) > 0, 'Retry-After says when to come back');
}

describe('login from a shared address', () => {
  test('50 families at one help desk address can each log in, with their one-time passwords', async () => {
    const emails = await guardians('desk', 50);
    for (const email of emails) {
      const client = clientAt(HELP_DESK);
      const login = await client.submitForm('/login', { email, password: GUARDIAN_PASSWORD });
      assert.equal(login.location, '/login/otp', `${email}: ${login.status}`);
      const otp = await client.submitForm('/login/otp', { code: await lastCode(email) });
      assert.equal(otp.status, 303, `${email}: ${otp.status}`);
      assert.equal(otp.location, '/mypage');
    }
  });

  test('one login ID is throttled after 10 logins in 10 minutes, from any address; others at the same address go on', async () => {
    const [busy = '', neighbour = ''] = await guardians('busy', 2);
    for (let i = 1; i <= 10; i += 1) {
      const login = await clientAt(`198.51.100.${i}`).submitForm('/login', { email: busy, password: GUARDIAN_PASSWORD });
      assert.equal(login.location, '/login/otp', `login ${i}`);
    }
    const sessionsBefore = await t.db.selectFrom('sessions').select('id_hash').execute();
    // The right password, a new address, the login ID in capitals: still refused, before the password is checked.
    assertTooMany(await clientAt('198.51.100.99').submitForm('/login', { email: busy.toUpperCase(), password: GUARDIAN_PASSWORD }));
    assert.equal((await t.db.selectFrom('sessions').select('id_hash').execute()).length, sessionsBefore.length, 'no session was started');
    assertTooMany(await clientAt(HELP_DESK).submitForm('/login', { email: busy, password: 'Wrong-password-1' }));

    const other = await clientAt('198.51.100.99').submitForm('/login', { email: neighbour, password: GUARDIAN_PASSWORD });
    assert.equal(other.location, '/login/otp', 'another account at the same address is not affected');

    t.clock.advance(10 * MINUTE);
    const later = await clientAt('198.51.100.99').submitForm('/login', { email: busy, password: GUARDIAN_PASSWORD });
    assert.equal(later.location, '/login/otp', 'ten minutes later the login ID may log in again');
  });

  test('one account may enter one-time passwords 10 times in 10 minutes, across logins', async () => {
    const [email = ''] = await guardians('otp', 1);
    const wrongCode = async () => ((await lastCode(email)) === '000000' ? '111111' : '000000');
    const first = clientAt('198.51.100.20');
    await first.submitForm('/login', { email, password: GUARDIAN_PASSWORD });
    const firstWrong = await wrongCode();
    for (let i = 1; i <= 5; i += 1) assert.equal((await first.post('/login/otp', { code: firstWrong })).status, 400, `try ${i}`);
    // A second login gives a new code with five tries of its own; the account's count goes on.
    const second = clientAt('198.51.100.21');
    await second.submitForm('/login', { email, password: GUARDIAN_PASSWORD });
    const secondWrong = await wrongCode();
    for (let i = 6; i <= 10; i += 1) assert.equal((await second.post('/login/otp', { code: secondWrong })).status, 400, `try ${i}`);
    const third = clientAt('198.51.100.22');
    await third.submitForm('/login', { email, password: GUARDIAN_PASSWORD });
    assertTooMany(await third.post('/login/otp', { code: await lastCode(email) }));
    assert.equal((await third.get('/login/otp')).status, 200, 'the right code was not even compared: the login still waits for it');
  });

  test('one account may have its one-time password resent 3 times in 10 minutes', async () => {
    const [email = ''] = await guardians('resend', 1);
    const client = clientAt('198.51.100.30');
    await client.submitForm('/login', { email, password: GUARDIAN_PASSWORD });
    await client.get('/login/otp');
    for (let i = 1; i <= 3; i += 1) assert.equal((await client.post('/login/otp/resend')).status, 200, `resend ${i}`);
    assertTooMany(await client.post('/login/otp/resend'));
    assert.equal((await mailsTo(t.db, email)).length, 4, 'the code of the login and three resent ones');
  });
});

describe('the two-factor setting, which checks the password', () => {
  test('one account may try 5 times in 10 minutes, from any address', async () => {
    const client = await newGuardian(t.app, t.db, 'two-factor@example.jp');
    for (let i = 1; i <= 5; i += 1) {
      client.remoteAddress = `198.51.100.${110 + i}`;
      const wrong = await client.submitForm('/profile/two-factor', { enabled: 'no', password: 'Not-the-password-1' });
      assert.equal(wrong.status, 400, `try ${i}`);
    }
    client.remoteAddress = '198.51.100.119';
    assertTooMany(await client.submitForm('/profile/two-factor', { enabled: 'no', password: GUARDIAN_PASSWORD }));
    const user = await t.db.selectFrom('users').select('two_factor_enabled').where('email', '=', 'two-factor@example.jp').executeTakeFirstOrThrow();
    assert.equal(user.two_factor_enabled, true, 'nothing was changed');
  });
});

describe('mail to one address', () => {
  test('at most 5 reset mails an hour to one address, however many addresses ask', async () => {
    const [email = '', other = ''] = await guardians('reset', 2);
    for (let i = 1; i <= 5; i += 1) {
      const sent = await clientAt(`198.51.100.${40 + i}`).submitForm('/password-reset', { email: i === 3 ? email.toUpperCase() : email });
      assert.equal(sent.location, '/password-reset/sent', `request ${i}`);
    }
    assertTooMany(await clientAt('198.51.100.49').submitForm('/password-reset', { email }));
    assert.equal((await mailsTo(t.db, email)).length, 5);
    // The same answer for an address without an account, so the limit reveals nothing.
    for (let i = 1; i <= 5; i += 1) await clientAt(HELP_DESK).submitForm('/password-reset', { email: 'nobody@example.jp' });
    assertTooMany(await clientAt(HELP_DESK).submitForm('/password-reset', { email: 'nobody@example.jp' }));
    assert.equal((await clientAt('198.51.100.49').submitForm('/password-reset', { email: other })).location, '/password-reset/sent');
    t.clock.advance(HOUR);
    assert.equal((await clientAt('198.51.100.49').submitForm('/password-reset', { email })).location, '/password-reset/sent');
    assert.equal((await mailsTo(t.db, email)).length, 6);
  });

  test('at most 5 application links an hour to one address, however many addresses ask', async () => {
    const email = 'applicant@example.jp';
    const ask = (remoteAddress: string, address: string) =>
      clientAt(remoteAddress).submitForm(`/apply/email?municipality=${OJIYA}`, { municipality: OJIYA, email: address }, '/apply/email');
    for (let i = 1; i <= 5; i += 1) assert.equal((await ask(`198.51.100.${60 + i}`, email)).location, '/apply/sent', `request ${i}`);
    assertTooMany(await ask('198.51.100.69', email));
    assert.equal((await mailsTo(t.db, email)).length, 5);
    assert.equal((await ask('198.51.100.69', 'another-applicant@example.jp')).location, '/apply/sent');
  });
});

describe('a password-reset request takes the same time whether or not the address has an account', () => {
  test('both answers wait until the same moment after the request', async () => {
    const floorMs = 400;
    const app = await buildApp(appDeps(t.db, t.clock, { ...t.config, passwordResetFloorMs: floorMs }));
    try {
      const [email = ''] = await guardians('floor', 1);
      const waited: number[] = [];
      for (const address of [email, 'no-account@example.jp']) {
        const client = new TestClient(app);
        client.remoteAddress = '198.51.100.80';
        await client.get('/password-reset');
        const started = t.clock.now().getTime();
        const answer = await client.post('/password-reset', { email: address });
        assert.equal(answer.location, '/password-reset/sent');
        waited.push(t.clock.now().getTime() - started);
      }
      // The test clock moves only when the app sleeps, so this is how long each answer was held.
      assert.deepEqual(waited, [floorMs, floorMs]);
      assert.equal((await mailsTo(t.db, email)).length, 1);
      assert.equal((await mailsTo(t.db, 'no-account@example.jp')).length, 0);
    } finally {
      await app.close();
    }
  });
});
