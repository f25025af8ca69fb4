// 「この端末を30日間記憶する」: after the one-time password a browser may be remembered, so the same
// user's next logins from it ask for the password only. Listed and revocable on マイページ (and the
// staff start pages); forgotten after 30 days, and all at once when the password is set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOUR, MINUTE } from '../../src/platform/clock.ts';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { appDeps, buildApp } from '../../src/app.ts';
import { hashToken } from '../../src/platform/tokens.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf, type FormFields, type TestResponse } from '../helpers/http.ts';
import { lastMailTo, mailsTo } from '../helpers/mail.ts';
import { page as parsed } from '../helpers/page.ts';
import { GUARDIAN_PASSWORD, approvedGuardian, setPassword } from '../helpers/journeys.ts';

const DEVICE_COOKIE = 'tsuen_device';
const DAY = 24 * HOUR;
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function passwordStep(client: TestClient, email: string, password = GUARDIAN_PASSWORD): Promise<TestResponse> {
  return client.submitForm('/login', { email, password });
}

/**
 * Password, then the mailed one-time password — with 「この端末を30日間記憶する」 ticked or not —
 * then the terms if asked. Returns the answer to the one-time password.
 */
async function logInWithOtp(client: TestClient, email: string, options: { remember: boolean; userAgent?: string; password?: string }): Promise<TestResponse> {
  const answer = await passwordStep(client, email, options.password);
  assert.equal(answer.location, '/login/otp', `login answered ${answer.status} → ${answer.location}`);
  const code = /ワンタイムパスワード：(\d{6})/.exec((await lastMailTo(t.db, email)).text_body)?.[1];
  assert.ok(code, 'a one-time password was mailed');
  await client.get('/login/otp');
  const fields: FormFields = options.remember ? { code, remember: 'yes' } : { code };
  const afterOtp = await client.post('/login/otp', fields, options.userAgent ? { 'user-agent': options.userAgent } : {});
  assert.equal(afterOtp.status, 303);
  if (afterOtp.location === '/terms') assert.equal((await client.submitForm('/terms', { agree: 'yes' })).status, 303);
  return afterOtp;
}

async function logOut(client: TestClient): Promise<void> {
  assert.equal((await client.post('/logout')).status, 303);
}

async function devicesOf(email: string) {
  return t.db
    .selectFrom('remembered_devices')
    .innerJoin('users', 'users.id', 'remembered_devices.user_id')
    .select(['remembered_devices.id', 'remembered_devices.token_hash', 'remembered_devices.label', 'remembered_devices.created_at', 'remembered_devices.last_used_at', 'remembered_devices.expires_at'])
    .where('users.email', '=', email)
    .orderBy('remembered_devices.created_at')
    .execute();
}

async function otpMailCount(email: string): Promise<number> {
  return (await mailsTo(t.db, email)).filter((m) => m.text_body.includes('ワンタイムパスワード：')).length;
}

/** The device ids of the 解除 buttons on a page, in order. */
function revokeIdsIn(html: string): string[] {
  const actions = parsed(html).all('form').map((form) => form.getAttribute('action') ?? '');
  return actions.flatMap((action) => /^\/account\/devices\/([0-9a-f-]{36})\/revoke$/.exec(action)?.[1] ?? []);
}

function setCookieLine(response: TestResponse, name: string): string | undefined {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
  return lines.find((line) => line.startsWith(`${name}=`));
}

/** A sample staff login that no other test here uses. */
function sampleStaff(role: 'facility_staff' | 'municipality_staff', index: number): string {
  const login = t.samples.filter((s) => s.role === role)[index];
  assert.ok(login, `a ${role} sample login #${index}`);
  return login.email;
}

describe('the one-time password page', () => {
  test('offers 「この端末を30日間記憶する」, unticked, in Japanese and in English', async () => {
    await approvedGuardian(t.app, t.db, 'remember-page@example.jp');
    const client = new TestClient(t.app);
    await passwordStep(client, 'remember-page@example.jp');
    const page = await client.get('/login/otp');
    assert.match(textOf(page.body), /この端末を30日間記憶する/);
    const box = parsed(page.body).find('input[type="checkbox"][name="remember"]');
    assert.equal(box?.getAttribute('value'), 'yes');
    assert.equal(parsed(page.body).field('remember')?.checked, false);
    // A wrong code shows the page again with the box as it was.
    const wrong = await client.post('/login/otp', { code: '000000', remember: 'yes' });
    assert.equal(wrong.status, 400);
    assert.equal(parsed(wrong.body).field('remember')?.checked, true);
    client.cookies.set('lang', 'en');
    assert.match(textOf((await client.get('/login/otp')).body), /Remember this device for 30 days/);
  });
});

describe('a remembered device', () => {
  test('ticked: the next login from the same browser asks for the password only, and records the use', async () => {
    const email = 'remember-skip@example.jp';
    await approvedGuardian(t.app, t.db, email);
    const client = new TestClient(t.app);
    const afterOtp = await logInWithOtp(client, email, { remember: true, userAgent: IPHONE_SAFARI });
    const cookieLine = setCookieLine(afterOtp, DEVICE_COOKIE);
    assert.ok(cookieLine, 'the device cookie is set with the login');
    assert.match(cookieLine, /; HttpOnly/i);
    assert.match(cookieLine, /; SameSite=Lax/i);
    assert.match(cookieLine, /; Max-Age=2592000/);
    assert.match(cookieLine, /; Path=\//);
    assert.doesNotMatch(cookieLine, /; Secure/i, 'not over plain http');

    const token = client.cookies.get(DEVICE_COOKIE);
    assert.ok(token && token.length >= 43, 'a long random token');
    const [device, ...others] = await devicesOf(email);
    assert.ok(device);
    assert.equal(others.length, 0);
    assert.notEqual(device.token_hash, token, 'the database does not hold the token itself');
    assert.ok(!device.token_hash.includes(token));
    assert.equal(device.token_hash, hashToken(token), 'only its hash');
    assert.equal(device.label, 'iPhone · Safari');
    assert.equal(device.expires_at.getTime() - device.created_at.getTime(), 30 * DAY);

    await logOut(client);
    t.clock.advance(3 * DAY);
    const mailsBefore = await otpMailCount(email);
    const again = await passwordStep(client, email);
    assert.equal(again.status, 303);
    assert.equal(again.location, '/mypage', 'straight in, without the one-time password');
    assert.equal(await otpMailCount(email), mailsBefore, 'no one-time password was mailed');
    assert.equal((await client.get('/mypage')).status, 200);
    const [used] = await devicesOf(email);
    assert.equal(used?.last_used_at.getTime(), t.clock.now().getTime());
    assert.equal(used?.expires_at.getTime(), device.expires_at.getTime(), 'using it does not extend the 30 days');
  });

  test('not ticked: no cookie, no row, and the next login asks for the one-time password again', async () => {
    const email = 'remember-not@example.jp';
    await approvedGuardian(t.app, t.db, email);
    const client = new TestClient(t.app);
    const afterOtp = await logInWithOtp(client, email, { remember: false });
    assert.equal(setCookieLine(afterOtp, DEVICE_COOKIE), undefined);
    assert.equal(client.cookies.has(DEVICE_COOKIE), false);
    assert.equal((await devicesOf(email)).length, 0);
    await logOut(client);
    assert.equal((await passwordStep(client, email)).location, '/login/otp');
  });

  test('the password is still required, and wrong passwords still count towards the lock', async () => {
    const email = sampleStaff('facility_staff', 0);
    const client = new TestClient(t.app);
    await logInWithOtp(client, email, { remember: true, password: SAMPLE_PASSWORD });
    await logOut(client);
    for (let i = 1; i <= 4; i += 1) {
      const wrong = await passwordStep(client, email, 'Not-The-Password-1');
      assert.equal(wrong.status, 400);
      assert.match(textOf(wrong.body), /ログインIDまたはパスワードが正しくありません/);
    }
    const fifth = await passwordStep(client, email, 'Not-The-Password-1');
    assert.match(textOf(fifth.body), /15分間止めています/);
    const locked = await passwordStep(client, email, SAMPLE_PASSWORD);
    assert.equal(locked.status, 400, 'the lock holds even for a remembered device');
    assert.equal(client.cookies.has('tsuen_session'), false, 'no session was started');
    t.clock.advance(15 * MINUTE + 1000);
    assert.equal((await passwordStep(client, email, SAMPLE_PASSWORD)).location, '/facility');
  });

  test('is forgotten after 30 days: the one-time password is asked again and the cookie cleared', async () => {
    const email = 'remember-expiry@example.jp';
    await approvedGuardian(t.app, t.db, email);
    const client = new TestClient(t.app);
    await logInWithOtp(client, email, { remember: true });
    await logOut(client);
    t.clock.advance(30 * DAY - MINUTE);
    assert.equal((await passwordStep(client, email)).location, '/mypage', 'still remembered a minute before');
    await logOut(client);
    t.clock.advance(MINUTE);
    const expired = await passwordStep(client, email);
    assert.equal(expired.location, '/login/otp');
    assert.match(setCookieLine(expired, DEVICE_COOKIE) ?? '', /Expires=Thu, 01 Jan 1970/);
    assert.equal(client.cookies.has(DEVICE_COOKIE), false);
    assert.equal((await devicesOf(email)).length, 0, 'the expired row is gone');
  });

  test('a cookie of user A does not skip the one-time password for user B, and stays for A', async () => {
    const emailA = 'remember-a@example.jp';
    const emailB = sampleStaff('municipality_staff', 1);
    await approvedGuardian(t.app, t.db, emailA);
    const client = new TestClient(t.app);
    await logInWithOtp(client, emailA, { remember: true });
    await logOut(client);
    const tokenA = client.cookies.get(DEVICE_COOKIE);
    const asB = await passwordStep(client, emailB, SAMPLE_PASSWORD);
    assert.equal(asB.location, '/login/otp', 'B is asked for the one-time password');
    assert.equal(setCookieLine(asB, DEVICE_COOKIE), undefined, "A's cookie is left alone");
    assert.equal(client.cookies.get(DEVICE_COOKIE), tokenA);
    await logOut(client);
    assert.equal((await passwordStep(client, emailA)).location, '/mypage', 'A still skips it');
  });

  test('a revoked or unknown token is ignored and its cookie cleared', async () => {
    const email = 'remember-unknown@example.jp';
    await approvedGuardian(t.app, t.db, email);
    const client = new TestClient(t.app);
    client.cookies.set(DEVICE_COOKIE, 'made-up-token');
    const answer = await passwordStep(client, email);
    assert.equal(answer.location, '/login/otp');
    assert.equal(client.cookies.has(DEVICE_COOKIE), false);
  });

  test('the cookie is Secure when the site is served over https', async () => {
    const secureApp = await buildApp(appDeps(t.db, t.clock, { ...t.config, baseUrl: 'https://tsuen.example.jp' }));
    try {
      const email = 'remember-https@example.jp';
      await approvedGuardian(t.app, t.db, email);
      const client = new TestClient(secureApp);
      const afterOtp = await logInWithOtp(client, email, { remember: true });
      assert.match(setCookieLine(afterOtp, DEVICE_COOKIE) ?? '', /; Secure/i);
    } finally {
      await secureApp.close();
    }
  });
});

describe('記憶している端末 on マイページ', () => {
  /** A guardian of the test's own, remembered on an iPhone (phone) and an Android tablet. */
  async function rememberedOnTwoDevices(email: string): Promise<{ phone: TestClient; tablet: TestClient }> {
    await approvedGuardian(t.app, t.db, email);
    const phone = new TestClient(t.app);
    await logInWithOtp(phone, email, { remember: true, userAgent: IPHONE_SAFARI });
    const tablet = new TestClient(t.app);
    await logInWithOtp(tablet, email, { remember: true, userAgent: ANDROID_CHROME });
    return { phone, tablet };
  }

  test('lists each device with when it was remembered and last used; this device is marked', async () => {
    const { phone } = await rememberedOnTwoDevices('remember-list@example.jp');
    const page = await phone.get('/mypage');
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /記憶している端末/);
    assert.match(text, /iPhone · Safari この端末 記憶した日時 \d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2} 最後に使った日時/);
    assert.match(text, /Android · Chrome 記憶した日時/);
    assert.doesNotMatch(text, /Android · Chrome この端末/);
    assert.equal(revokeIdsIn(page.body).length, 2);
    assert.ok(parsed(page.body).find('form[action="/account/devices/revoke-all"]'));
  });

  test('another user cannot revoke them: 404, and nothing changes', async () => {
    const email = 'remember-owner@example.jp';
    const { phone } = await rememberedOnTwoDevices(email);
    const [deviceId] = revokeIdsIn((await phone.get('/mypage')).body);
    assert.ok(deviceId);
    const other = new TestClient(t.app);
    await approvedGuardian(t.app, t.db, 'remember-other@example.jp');
    await logInWithOtp(other, 'remember-other@example.jp', { remember: false });
    await other.get('/mypage');
    assert.equal((await other.post(`/account/devices/${deviceId}/revoke`)).status, 404);
    assert.equal((await other.post('/account/devices/not-a-uuid/revoke')).status, 404, 'a malformed id is not found either');
    assert.equal((await other.post('/account/devices/revoke-all')).status, 303, "revoking all touches only the user's own");
    assert.equal((await devicesOf(email)).length, 2);
  });

  test('解除 revokes one device: that browser is asked for the one-time password again', async () => {
    const email = 'remember-one@example.jp';
    const { phone, tablet } = await rememberedOnTwoDevices(email);
    const page = await phone.get('/mypage');
    const tabletRow = (await devicesOf(email)).find((d) => d.label === 'Android · Chrome');
    assert.ok(tabletRow);
    assert.ok(revokeIdsIn(page.body).includes(tabletRow.id));
    const revoked = await phone.post(`/account/devices/${tabletRow.id}/revoke`);
    assert.equal(revoked.status, 303);
    assert.equal(revoked.location, '/mypage?devices=revoked#remembered-devices');
    assert.ok(phone.cookies.has(DEVICE_COOKIE), "revoking another device keeps this one's cookie");
    const after = textOf((await phone.get('/mypage?devices=revoked')).body);
    assert.match(after, /端末の記憶を解除しました/);
    assert.doesNotMatch(after, /Android · Chrome/);
    assert.match(after, /iPhone · Safari/);
    assert.deepEqual((await devicesOf(email)).map((d) => d.label), ['iPhone · Safari']);
    // Twice is not found: it is gone.
    assert.equal((await phone.post(`/account/devices/${tabletRow.id}/revoke`)).status, 404);

    await logOut(tablet);
    const again = await passwordStep(tablet, email);
    assert.equal(again.location, '/login/otp');
    assert.equal(tablet.cookies.has(DEVICE_COOKIE), false, 'the revoked cookie is cleared');
  });

  test('すべて解除 revokes every device, this one included', async () => {
    const email = 'remember-all@example.jp';
    const { phone, tablet } = await rememberedOnTwoDevices(email);
    assert.equal((await devicesOf(email)).length, 2);
    await phone.get('/mypage');
    const answer = await phone.post('/account/devices/revoke-all');
    assert.equal(answer.status, 303);
    assert.equal(phone.cookies.has(DEVICE_COOKIE), false, "this browser's cookie is cleared at once");
    assert.equal((await devicesOf(email)).length, 0);
    assert.match(textOf((await phone.get('/mypage')).body), /記憶している端末はありません/);
    await logOut(tablet);
    assert.equal((await passwordStep(tablet, email)).location, '/login/otp');
  });

  test('a label from an odd User-Agent is shown as text, never as markup', async () => {
    const email = 'remember-evil@example.jp';
    await approvedGuardian(t.app, t.db, email);
    const client = new TestClient(t.app);
    await logInWithOtp(client, email, { remember: true, userAgent: '<b>Evil</b>/1.0 (x)' });
    const page = await client.get('/mypage');
    // Escaping is what is proven here, so the raw markup is what must be read.
    assert.ok(!page.body.includes('<b>Evil'), 'no markup from the User-Agent');
    assert.match(textOf(page.body), /<b>Evil<\/b> この端末/, 'the same characters, as text');
    await client.post('/account/devices/revoke-all');
  });

  test('a User-Agent that tells nothing gives a plain "unknown" label', async () => {
    const email = 'remember-plain@example.jp';
    await approvedGuardian(t.app, t.db, email);
    const client = new TestClient(t.app);
    await logInWithOtp(client, email, { remember: true });
    assert.match(textOf((await client.get('/mypage')).body), /端末の種類は不明 この端末/);
    await client.post('/account/devices/revoke-all');
  });
});

describe('staff', () => {
  test('see and revoke their remembered devices on their own start page', async () => {
    const email = sampleStaff('facility_staff', 1);
    const client = new TestClient(t.app);
    const afterOtp = await logInWithOtp(client, email, { remember: true, password: SAMPLE_PASSWORD, userAgent: ANDROID_CHROME });
    assert.ok(setCookieLine(afterOtp, DEVICE_COOKIE));
    const home = await client.get('/facility');
    assert.match(textOf(home.body), /記憶している端末 .* Android · Chrome この端末/);
    const [deviceId] = revokeIdsIn(home.body);
    const revoked = await client.post(`/account/devices/${deviceId}/revoke`);
    assert.equal(revoked.location, '/facility?devices=revoked#remembered-devices');
    assert.equal(client.cookies.has(DEVICE_COOKIE), false);

    const cityEmail = sampleStaff('municipality_staff', 0);
    const city = new TestClient(t.app);
    await logInWithOtp(city, cityEmail, { remember: true, password: SAMPLE_PASSWORD, userAgent: IPHONE_SAFARI });
    assert.match(textOf((await city.get('/municipality')).body), /記憶している端末 .* iPhone · Safari この端末/);
  });
});

describe('password reset', () => {
  test('revokes every remembered device of the user', async () => {
    const email = 'remember-reset@example.jp';
    await approvedGuardian(t.app, t.db, email);
    const phone = new TestClient(t.app);
    await logInWithOtp(phone, email, { remember: true, userAgent: IPHONE_SAFARI });
    const laptop = new TestClient(t.app);
    await logInWithOtp(laptop, email, { remember: true });
    assert.equal((await devicesOf(email)).length, 2);
    const bystander = 'remember-bystander@example.jp';
    await approvedGuardian(t.app, t.db, bystander);
    await logInWithOtp(new TestClient(t.app), bystander, { remember: true });
    const unrelated = await devicesOf(bystander);
    assert.equal(unrelated.length, 1);

    await setPassword(t.app, t.db, email, 'Kaede-2027?');
    assert.equal((await devicesOf(email)).length, 0);
    assert.deepEqual(await devicesOf(bystander), unrelated, "other users' devices stay");
    const again = await passwordStep(phone, email, 'Kaede-2027?');
    assert.equal(again.location, '/login/otp', 'the one-time password is asked again');
    assert.equal(phone.cookies.has(DEVICE_COOKIE), false);
  });
});
