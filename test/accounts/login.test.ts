// Guide steps 2 (password) and 3 (login): the reset mail and its link, the password rule, the
// mailed one-time password, the terms, sessions — and the refusals.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MINUTE } from '../../src/platform/clock.ts';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { lastMailTo, linksIn, mailsTo, pathOf } from '../helpers/mail.ts';
import { page as parsed } from '../helpers/page.ts';
import { GUARDIAN_PASSWORD, applicationIdOf, applyFor, logIn, logInAsStaff, setPassword } from '../helpers/journeys.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** A guardian approved by the municipality, with no password yet. */
async function approvedGuardian(email: string): Promise<void> {
  const reference = await applyFor(t.app, t.db, email);
  const staff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
  const id = await applicationIdOf(t.db, reference);
  await staff.submitForm(`/municipality/applications/${id}`, {}, `/municipality/applications/${id}/approve`);
}

async function resetLinkFor(email: string): Promise<string> {
  const client = new TestClient(t.app);
  const sent = await client.submitForm('/password-reset', { email });
  assert.equal(sent.status, 303);
  const link = linksIn((await lastMailTo(t.db, email)).text_body).find((l) => l.includes('/password-reset/'));
  assert.ok(link);
  return pathOf(link);
}

describe('step 2: password reset', () => {
  test('the same answer whether or not the address exists; mail only to a real account', async () => {
    await approvedGuardian('reset@example.jp');
    const client = new TestClient(t.app);
    const known = await client.follow(await client.submitForm('/password-reset', { email: 'reset@example.jp' }));
    const unknown = await client.follow(await client.submitForm('/password-reset', { email: 'nobody@example.jp' }));
    assert.equal(textOf(known.body), textOf(unknown.body));
    assert.equal((await lastMailTo(t.db, 'reset@example.jp')).subject, '【つうえん】パスワードリセットのご案内');
    assert.equal((await mailsTo(t.db, 'nobody@example.jp')).length, 0);
  });

  test('the password rule is enforced on the server and explained beside the field', async () => {
    await approvedGuardian('rule@example.jp');
    const path = await resetLinkFor('rule@example.jp');
    const client = new TestClient(t.app);
    const page = await client.get(path);
    assert.match(textOf(page.body), /10文字以上で、大文字・小文字・数字・記号のうち3種類以上/);
    const cases: Array<[string, RegExp]> = [
      ['Short1!', /10文字以上で入力してください/],
      ['alllowercase1', /3種類以上を含めてください（いまは2種類です）/],
      ['ALLUPPERCASEONLY', /いまは1種類です/],
    ];
    for (const [password, message] of cases) {
      const answer = await client.post(path, { password, passwordConfirm: password });
      assert.equal(answer.status, 400, password);
      assert.match(textOf(answer.body), message);
      const echoed = parsed(answer.body).all('[value]').filter((element) => element.getAttribute('value') === password);
      assert.equal(echoed.length, 0, 'a password is never echoed back');
    }
    const mismatch = await client.post(path, { password: 'Correct-Horse-1', passwordConfirm: 'Correct-Horse-2' });
    assert.equal(mismatch.status, 400);
    assert.match(textOf(mismatch.body), /確認のためのパスワードが一致しません/);
    const user = await t.db.selectFrom('users').select('password_hash').where('email', '=', 'rule@example.jp').executeTakeFirstOrThrow();
    assert.equal(user.password_hash, null, 'nothing was set by the rejected attempts');
    // Three kinds without upper case is enough.
    const ok = await client.post(path, { password: 'sakura-2026x', passwordConfirm: 'sakura-2026x' });
    assert.equal(ok.status, 303);
    const stored = await t.db.selectFrom('users').select('password_hash').where('email', '=', 'rule@example.jp').executeTakeFirstOrThrow();
    assert.match(stored.password_hash ?? '', /^\$argon2id\$/);
  });

  test('a reset link works once', async () => {
    await approvedGuardian('once@example.jp');
    const path = await resetLinkFor('once@example.jp');
    const client = new TestClient(t.app);
    await client.get(path);
    assert.equal((await client.post(path, { password: GUARDIAN_PASSWORD, passwordConfirm: GUARDIAN_PASSWORD })).status, 303);
    const again = await client.get(path);
    assert.equal(again.status, 410);
    assert.match(textOf(again.body), /このURLはすでに使われています/);
    assert.ok(parsed(again.body).find('a[href="/password-reset"]'), 'offers a new reset');
  });

  test('a reset link expires after 30 minutes', async () => {
    await approvedGuardian('expire@example.jp');
    const path = await resetLinkFor('expire@example.jp');
    t.clock.advance(30 * MINUTE + 1000);
    try {
      const page = await new TestClient(t.app).get(path);
      assert.equal(page.status, 410);
      assert.match(textOf(page.body), /有効期限が切れています/);
    } finally {
      t.clock.advance(-(30 * MINUTE + 1000));
    }
  });
});

describe('step 3: login', () => {
  test('the login page links to the password reset in the guide\'s words, in English too', async () => {
    const client = new TestClient(t.app);
    const page = await client.get('/login');
    assert.equal(page.status, 200);
    const resetLinks = parsed(page.body).all('a[href="/password-reset"]').map((a) => a.textContent.trim());
    assert.ok(resetLinks.includes('パスワードリセット申請（パスワードを忘れた方・はじめてパスワードを登録する方）'));
    const english = await client.get('/login', { cookie: `${client.cookieHeader()}; lang=en` });
    assert.ok(parsed(english.body).linksTo('Request a password reset').includes('/password-reset'));
    assert.match(textOf((await client.get('/password-reset')).body), /パスワードリセット申請/);
  });

  test('password, then the mailed one-time password, then the terms once, then マイページ', async () => {
    await approvedGuardian('first@example.jp');
    await setPassword(t.app, t.db, 'first@example.jp');
    const client = new TestClient(t.app);
    const afterPassword = await client.submitForm('/login', { email: 'First@Example.jp', password: GUARDIAN_PASSWORD });
    assert.equal(afterPassword.location, '/login/otp');
    assert.equal((await client.get('/mypage')).location, '/login/otp', 'nothing else opens before the one-time password');
    const mail = await lastMailTo(t.db, 'first@example.jp');
    assert.equal(mail.subject, '【つうえん】ワンタイムパスワードのお知らせ');
    const code = /ワンタイムパスワード：(\d{6})/.exec(mail.text_body)?.[1] ?? '';
    const afterOtp = await client.submitForm('/login/otp', { code });
    assert.equal(afterOtp.location, '/terms');
    assert.equal((await client.get('/mypage')).location, '/terms', 'nothing else opens before the terms');
    const unticked = await client.submitForm('/terms', {});
    assert.equal(unticked.status, 400);
    assert.match(textOf(unticked.body), /チェックを入れてください/);
    const agreed = await client.post('/terms', { agree: 'yes' });
    assert.equal(agreed.location, '/mypage');
    const mypage = await client.get('/mypage');
    assert.equal(mypage.status, 200);
    assert.match(textOf(mypage.body), /小千谷 さくら.*認定番号.*15208\d{6}/);

    // The second login asks for the one-time password again, but not for the terms.
    const second = await logIn(t.app, t.db, 'first@example.jp', GUARDIAN_PASSWORD);
    assert.equal((await second.get('/mypage')).status, 200);
  });

  test('the session id changes at every step of login', async () => {
    await approvedGuardian('rotate@example.jp');
    await setPassword(t.app, t.db, 'rotate@example.jp');
    const client = new TestClient(t.app);
    await client.submitForm('/login', { email: 'rotate@example.jp', password: GUARDIAN_PASSWORD });
    const atOtp = client.cookies.get('tsuen_session');
    const code = /ワンタイムパスワード：(\d{6})/.exec((await lastMailTo(t.db, 'rotate@example.jp')).text_body)?.[1] ?? '';
    await client.submitForm('/login/otp', { code });
    const afterOtp = client.cookies.get('tsuen_session');
    assert.ok(atOtp && afterOtp);
    assert.notEqual(atOtp, afterOtp);
    // The old id is worthless.
    const replay = new TestClient(t.app);
    replay.cookies.set('tsuen_session', atOtp);
    assert.equal((await replay.get('/login/otp')).location, '/login');
  });

  test('the session cookie is HttpOnly and SameSite=Lax', async () => {
    const client = new TestClient(t.app);
    await client.get('/login');
    const answer = await client.post('/login', { email: 'city-staff@ojiya.example.jp', password: SAMPLE_PASSWORD });
    const cookie = [answer.headers['set-cookie']].flat().find((c) => String(c).startsWith('tsuen_session='));
    assert.match(String(cookie), /HttpOnly/);
    assert.match(String(cookie), /SameSite=Lax/);
  });

  test('a wrong password says the same as an unknown login ID', async () => {
    const client = new TestClient(t.app);
    const wrong = await client.submitForm('/login', { email: 'city-staff@ojiya.example.jp', password: 'Wrong-password-1' });
    const unknown = await client.submitForm('/login', { email: 'ghost@example.jp', password: 'Wrong-password-1' });
    assert.equal(wrong.status, 400);
    assert.equal(unknown.status, 400);
    const message = /ログインIDまたはパスワードが正しくありません/;
    assert.match(textOf(wrong.body), message);
    assert.match(textOf(unknown.body), message);
    assert.equal(parsed(wrong.body).field('email')?.value, 'city-staff@ojiya.example.jp', 'the login ID is kept');
  });

  test('five wrong passwords lock the login ID for a while, whether or not it exists', async () => {
    await approvedGuardian('locked@example.jp');
    await setPassword(t.app, t.db, 'locked@example.jp');
    for (const email of ['locked@example.jp', 'phantom@example.jp']) {
      const client = new TestClient(t.app);
      await client.get('/login');
      for (let i = 0; i < 4; i++) {
        assert.match(textOf((await client.post('/login', { email, password: 'Not-the-password-1' })).body), /正しくありません/);
      }
      assert.match(textOf((await client.post('/login', { email, password: 'Not-the-password-1' })).body), /15分間止めています/);
    }
    const client = new TestClient(t.app);
    const locked = await client.submitForm('/login', { email: 'locked@example.jp', password: GUARDIAN_PASSWORD });
    assert.equal(locked.status, 400, 'even the right password is refused while locked');
    t.clock.advance(15 * MINUTE + 1000);
    try {
      const unlocked = await client.submitForm('/login', { email: 'locked@example.jp', password: GUARDIAN_PASSWORD });
      assert.equal(unlocked.location, '/login/otp');
    } finally {
      t.clock.advance(-(15 * MINUTE + 1000));
    }
  });

  test('a wrong one-time password five times needs a new one', async () => {
    await approvedGuardian('otp@example.jp');
    await setPassword(t.app, t.db, 'otp@example.jp');
    const client = new TestClient(t.app);
    await client.submitForm('/login', { email: 'otp@example.jp', password: GUARDIAN_PASSWORD });
    const code = /ワンタイムパスワード：(\d{6})/.exec((await lastMailTo(t.db, 'otp@example.jp')).text_body)?.[1] ?? '';
    const wrongCode = code === '000000' ? '111111' : '000000';
    await client.get('/login/otp');
    for (let left = 4; left >= 1; left--) {
      const answer = await client.post('/login/otp', { code: wrongCode });
      assert.equal(answer.status, 400);
      assert.match(textOf(answer.body), new RegExp(`あと${left}回入力できます`));
    }
    const fifth = await client.post('/login/otp', { code: wrongCode });
    assert.match(textOf(fifth.body), /入力できる回数（5回）を超えました/);
    const right = await client.post('/login/otp', { code });
    assert.equal(right.status, 400, 'even the right code is refused after five tries');
    const resent = await client.post('/login/otp/resend');
    assert.equal(resent.status, 200);
    const newCode = /ワンタイムパスワード：(\d{6})/.exec((await lastMailTo(t.db, 'otp@example.jp')).text_body)?.[1] ?? '';
    const oldAgain = await client.post('/login/otp', { code: code === newCode ? '999999' : code });
    assert.equal(oldAgain.status, 400, 'the previous code no longer works');
    const ok = await client.post('/login/otp', { code: newCode });
    assert.equal(ok.status, 303);
  });

  test('a one-time password expires after 10 minutes', async () => {
    const client = new TestClient(t.app);
    await client.submitForm('/login', { email: 'city-staff@nagaoka.example.jp', password: SAMPLE_PASSWORD });
    const code = /ワンタイムパスワード：(\d{6})/.exec((await lastMailTo(t.db, 'city-staff@nagaoka.example.jp')).text_body)?.[1] ?? '';
    t.clock.advance(10 * MINUTE + 1000);
    try {
      const answer = await client.submitForm('/login/otp', { code });
      assert.equal(answer.status, 400);
      assert.match(textOf(answer.body), /有効期限が切れています/);
    } finally {
      t.clock.advance(-(10 * MINUTE + 1000));
    }
  });

  test('a malformed one-time password is re-asked with a message', async () => {
    const client = new TestClient(t.app);
    await client.submitForm('/login', { email: 'city-staff@nagaoka.example.jp', password: SAMPLE_PASSWORD });
    const answer = await client.submitForm('/login/otp', { code: '12ab' });
    assert.equal(answer.status, 400);
    assert.match(textOf(answer.body), /6桁の数字で入力してください/);
  });

  test('staff land on their own start pages', async () => {
    const city = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
    assert.equal((await city.get('/')).location, '/municipality');
    const facility = await logInAsStaff(t.app, t.db, 'staff@niji.ojiya.example.jp');
    assert.equal((await facility.get('/')).location, '/facility');
    const page = await facility.get('/facility');
    assert.match(textOf(page.body), /にじいろ保育園/);
    assert.equal((await facility.get('/mypage')).status, 403);
  });

  test('after login the user returns to the page that asked for it', async () => {
    const client = new TestClient(t.app);
    const asked = await client.get('/municipality/applications?status=all');
    assert.equal(asked.location, '/login?next=%2Fmunicipality%2Fapplications%3Fstatus%3Dall');
    await client.get(asked.location);
    await client.post('/login', { email: 'city-staff@nagaoka.example.jp', password: SAMPLE_PASSWORD, next: '/municipality/applications?status=all' });
    const code = /ワンタイムパスワード：(\d{6})/.exec((await lastMailTo(t.db, 'city-staff@nagaoka.example.jp')).text_body)?.[1] ?? '';
    let done = await client.submitForm('/login/otp', { code });
    if (done.location === '/terms') done = await client.submitForm('/terms', { agree: 'yes' });
    assert.equal(done.location, '/municipality/applications?status=all');
  });

  test('an idle session ends', async () => {
    const client = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
    assert.equal((await client.get('/municipality')).status, 200);
    t.clock.advance(31 * MINUTE);
    try {
      assert.equal((await client.get('/municipality')).status, 303);
    } finally {
      t.clock.advance(-31 * MINUTE);
    }
  });

  test('logout ends the session', async () => {
    const client = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
    const cookie = client.cookies.get('tsuen_session');
    const out = await client.submitForm('/municipality', {}, '/logout');
    assert.equal(out.location, '/login?loggedOut=1');
    assert.match(textOf((await client.get('/login?loggedOut=1')).body), /ログアウトしました/);
    const replay = new TestClient(t.app);
    replay.cookies.set('tsuen_session', cookie ?? '');
    assert.equal((await replay.get('/municipality')).status, 303);
  });

  test('setting a new password ends every session of the user', async () => {
    await approvedGuardian('everywhere@example.jp');
    await setPassword(t.app, t.db, 'everywhere@example.jp');
    const signedIn = await logIn(t.app, t.db, 'everywhere@example.jp', GUARDIAN_PASSWORD);
    assert.equal((await signedIn.get('/mypage')).status, 200);
    await setPassword(t.app, t.db, 'everywhere@example.jp', 'Another-Pass-9');
    assert.equal((await signedIn.get('/mypage')).status, 303);
  });
});
