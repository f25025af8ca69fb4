// Guide step 4: 「ログイン時の2段階認証が不要な場合は『無効』を選択できます」— switched off and on again
// after the password is entered again, and login then skips or asks for the one-time password.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { mailsTo } from '../helpers/mail.ts';
import { page as parse } from '../helpers/page.ts';
import { GUARDIAN_PASSWORD, newGuardian } from '../helpers/journeys.ts';

const EMAIL = 'otp-choice@example.jp';
let t: TestApp;
// Left with 2段階認証 on; the tests that switch it make their own guardian.
let guardian: TestClient;
before(async () => {
  t = await startTestApp();
  guardian = await newGuardian(t.app, t.db, EMAIL);
});
after(() => t.close());

async function twoFactorEnabled(email = EMAIL): Promise<boolean> {
  return (await t.db.selectFrom('users').select('two_factor_enabled').where('email', '=', email).executeTakeFirstOrThrow()).two_factor_enabled;
}

async function auditActions(email = EMAIL): Promise<string[]> {
  const rows = await t.db
    .selectFrom('audit_log')
    .innerJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select('audit_log.action')
    .where('users.email', '=', email)
    .where('audit_log.action', 'like', 'account.two_factor.%')
    .orderBy('audit_log.id')
    .execute();
  return rows.map((r) => r.action);
}

/** Logs in with the password only; returns where the server sends the browser next. */
async function passwordStep(email: string): Promise<string | undefined> {
  const client = new TestClient(t.app);
  const answer = await client.submitForm('/login', { email, password: GUARDIAN_PASSWORD });
  assert.equal(answer.status, 303);
  return answer.location;
}

describe('2段階認証', () => {
  test('the page explains what it protects against and shows the current setting', async () => {
    const page = await guardian.get('/profile/two-factor');
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /2段階認証とは、IDとパスワードに加えてワンタイムパスワードの入力を求めることで、不正アクセスを防ぐ仕組みです。/);
    assert.match(text, /現在の設定 有効/);
    const form = parse(page.body);
    assert.equal(form.field('enabled')?.value, 'yes');
    assert.equal(form.field('enabled')?.checked, true);
    assert.equal(form.field('password')?.value, '', 'a password field, empty');
  });

  test('nothing chosen or no password: shown again with messages', async () => {
    const answer = await guardian.submitForm('/profile/two-factor', {});
    assert.equal(answer.status, 400);
    const text = textOf(answer.body);
    assert.match(text, /「有効」か「無効」かを選んでください/);
    assert.match(text, /パスワードを入力してください/);
    assert.equal(await twoFactorEnabled(), true);
  });

  test('a wrong password is refused and changes nothing; the choice is kept, the password never echoed', async () => {
    const answer = await guardian.submitForm('/profile/two-factor', { enabled: 'no', password: 'Wrong-Password-1' });
    assert.equal(answer.status, 400);
    assert.match(textOf(answer.body), /パスワードが正しくありません/);
    assert.equal(parse(answer.body).field('enabled')?.value, 'no');
    assert.equal(parse(answer.body).field('enabled')?.checked, true);
    // On the raw HTML on purpose: the password must not be anywhere in the page, attributes included.
    assert.doesNotMatch(answer.body, /Wrong-Password-1/);
    assert.equal(await twoFactorEnabled(), true);
    assert.deepEqual(await auditActions(), []);
  });

  test('無効 with the password: login then needs no one-time password', async () => {
    const email = 'otp-off@example.jp';
    const guardian = await newGuardian(t.app, t.db, email);
    const mailsBefore = (await mailsTo(t.db, email)).length;
    const answer = await guardian.submitForm('/profile/two-factor', { enabled: 'no', password: GUARDIAN_PASSWORD });
    assert.equal(answer.status, 303);
    assert.equal(answer.location, '/profile/two-factor?done=off');
    const page = textOf((await guardian.follow(answer)).body);
    assert.match(page, /2段階認証を「無効」にしました/);
    assert.match(page, /現在の設定 無効/);
    assert.equal(await twoFactorEnabled(email), false);
    assert.deepEqual(await auditActions(email), ['account.two_factor.disable']);
    const mails = await mailsTo(t.db, email);
    assert.equal(mails.length, mailsBefore + 1);
    assert.equal(mails.at(-1)?.subject, '【つうえん】2段階認証の設定を変更しました');

    assert.equal(await passwordStep(email), '/mypage', 'straight in after the password');
    assert.equal((await mailsTo(t.db, email)).length, mailsBefore + 1, 'no one-time password was mailed');
    assert.match(textOf((await guardian.get('/profile')).body), /ログイン時の2段階認証 無効/);
  });

  test('pressing it again changes nothing and mails nothing', async () => {
    const email = 'otp-twice@example.jp';
    const guardian = await newGuardian(t.app, t.db, email);
    assert.equal((await guardian.submitForm('/profile/two-factor', { enabled: 'no', password: GUARDIAN_PASSWORD })).location, '/profile/two-factor?done=off');
    const mailsBefore = (await mailsTo(t.db, email)).length;
    const answer = await guardian.submitForm('/profile/two-factor', { enabled: 'no', password: GUARDIAN_PASSWORD });
    assert.equal(answer.location, '/profile/two-factor?done=unchanged');
    assert.equal((await mailsTo(t.db, email)).length, mailsBefore);
    assert.deepEqual(await auditActions(email), ['account.two_factor.disable']);
  });

  test('有効 again: login asks for the one-time password', async () => {
    const email = 'otp-again@example.jp';
    const guardian = await newGuardian(t.app, t.db, email);
    assert.equal((await guardian.submitForm('/profile/two-factor', { enabled: 'no', password: GUARDIAN_PASSWORD })).location, '/profile/two-factor?done=off');
    assert.equal(await passwordStep(email), '/mypage');
    const answer = await guardian.submitForm('/profile/two-factor', { enabled: 'yes', password: GUARDIAN_PASSWORD });
    assert.equal(answer.location, '/profile/two-factor?done=on');
    assert.match(textOf((await guardian.follow(answer)).body), /2段階認証を「有効」にしました/);
    assert.equal(await twoFactorEnabled(email), true);
    assert.deepEqual(await auditActions(email), ['account.two_factor.disable', 'account.two_factor.enable']);
    assert.equal(await passwordStep(email), '/login/otp');
    assert.equal((await mailsTo(t.db, email)).at(-1)?.subject, '【つうえん】ワンタイムパスワードのお知らせ');
  });

  test('strangers are sent to log in, and cannot post', async () => {
    const stranger = new TestClient(t.app);
    const answer = await stranger.get('/profile/two-factor');
    assert.equal(answer.status, 303);
    assert.match(answer.location ?? '', /^\/login\?next=/);
    await stranger.get('/login');
    assert.equal((await stranger.post('/profile/two-factor', { enabled: 'no', password: GUARDIAN_PASSWORD })).status, 403);
  });
});
