// Guide steps 1–3 walked in Chromium the way a new family would: only clicks and typing.
// A guardian (on a phone) applies to 小千谷市, the city's staff (on a desktop) approve the
// application, and the guardian sets a password, logs in with the one-time password, agrees to the
// terms and sees the child's certification on マイページ. Every screen is saved to test-results/.
//
// GUARDIAN_WIDTH=360 runs the guardian's half on a narrower phone (screenshots then start "w360-").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { SAMPLE_PASSWORD } from '../../src/platform/seed.ts';
import { browserAvailable, launchBrowser, screenshot, startServer, type TestServer, assertAccessible } from '../helpers/browser.ts';

const PHONE = { width: Number(process.env.GUARDIAN_WIDTH ?? 390), height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SHOT_PREFIX = PHONE.width === 390 ? '' : `w${PHONE.width}-`;

const GUARDIAN_EMAIL = 'hanako.ojiya@example.com';
const GUARDIAN_PASSWORD = 'Sakura-no-Hana-2026';
const STAFF_EMAIL = 'city-staff@ojiya.example.jp';

const guardian = {
  name: '小千谷 花子',
  kana: 'オヂヤ ハナコ',
  kanaInRomaji: 'Odiya Hanako',
  postalCode: '947-8501',
  address: '新潟県小千谷市城内2丁目7-5',
  phone: '090-1234-5678',
  relationship: '母',
};
// About a year before the test clock's 2026-11-26: well inside 6 months to under 3 years.
const child = { name: '小千谷 さくら', kana: 'オヂヤ サクラ', birth: { year: '2025', month: '11', day: '20' }, birthLabel: '2025年11月20日' };
const facilityName = 'にじいろ保育園（架空）';

const SUBJECTS = {
  applicationLink: '利用申請のご案内',
  accountIssued: 'アカウント発行のお知らせ',
  passwordReset: 'パスワードリセットのご案内',
  oneTimePassword: 'ワンタイムパスワードのお知らせ',
} as const;

/** One person at one browser: takes numbered screenshots and (on the phone) checks the width. */
class Visitor {
  constructor(
    readonly page: Page,
    private readonly shots: Shots,
    private readonly checkOverflow: boolean,
  ) {}

  /** Saves the current screen as step<N>-<seq>-<name>, after checking nothing scrolls sideways. */
  async capture(step: 1 | 2 | 3, name: string): Promise<void> {
    await this.page.waitForLoadState('load');
    if (this.checkOverflow) {
      // Compared with the device width, not innerWidth: a mobile browser widens its layout
      // viewport (and zooms out) to fit content that overflows.
      const scrollWidth = await this.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= PHONE.width, `${name}: the page is ${scrollWidth}px wide on a ${PHONE.width}px screen (${this.page.url()})`);
    }
    await screenshot(this.page, this.shots.next(step, name));
    await assertAccessible(this.page, name);
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  link(name: string | RegExp): Locator {
    return this.page.getByRole('link', { name });
  }

  /** Opens the development mailbox, then the newest mail to `address` whose subject has `subject`. */
  async openNewestMail(step: 1 | 2 | 3, address: string, subject: string, shotName: string): Promise<void> {
    await this.page.goto('/dev/mailbox');
    await this.capture(step, `${shotName}-mailbox`);
    const row = this.page.getByRole('row').filter({ hasText: address }).filter({ hasText: subject }).first();
    await row.getByRole('link').click();
    await this.page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await this.capture(step, `${shotName}-mail`);
  }

  mailBody(): Locator {
    return this.page.locator('[data-qa=mail-body]');
  }

  mailLink(path: string): Locator {
    return this.page.locator('a[data-qa=mail-link]').filter({ hasText: path });
  }

  /** Reads the 6-digit one-time password from the newest mail, in a second tab (the mail app). */
  async readOneTimePassword(step: 1 | 3, address: string, shotName: string): Promise<string> {
    const mailApp = new Visitor(await this.page.context().newPage(), this.shots, this.checkOverflow);
    try {
      await mailApp.openNewestMail(step, address, SUBJECTS.oneTimePassword, shotName);
      const body = await mailApp.mailBody().innerText();
      const code = /ワンタイムパスワード：(\d{6})/.exec(body)?.[1];
      assert.ok(code, `no one-time password in: ${body}`);
      return code;
    } finally {
      await mailApp.page.close();
    }
  }

  /** Login ID + password → one-time password from the mailbox → terms (first login). */
  async logIn(step: 1 | 3, email: string, password: string, who: string): Promise<void> {
    await this.page.getByLabel('ログインID（メールアドレス）').fill(email);
    await this.page.getByLabel('パスワード').fill(password);
    await this.capture(step, `${who}-login`);
    await this.button('ログイン').click();

    await this.page.getByRole('heading', { level: 1, name: 'ワンタイムパスワードの入力' }).waitFor();
    await this.capture(step, `${who}-otp`);
    const code = await this.readOneTimePassword(step, email, `${who}-otp`);
    await this.page.getByLabel('ワンタイムパスワード（6桁の数字）').fill(code);
    await this.button('ログイン').click();

    await this.page.getByRole('heading', { level: 1, name: '利用規約・プライバシーポリシーに関する同意' }).waitFor();
    await this.page.getByLabel('利用規約とプライバシーポリシーに同意します').check();
    await this.capture(step, `${who}-terms`);
    await this.button('同意する').click();
  }
}

/** Numbers screenshots in the order they are taken, across both people. */
class Shots {
  private count = 0;
  readonly names: string[] = [];

  next(step: number, name: string): string {
    this.count += 1;
    const file = `${SHOT_PREFIX}step${step}-${String(this.count).padStart(2, '0')}-${name}`;
    this.names.push(file);
    return file;
  }
}

async function newVisitor(browser: Browser, server: TestServer, shots: Shots, viewport: { width: number; height: number }, phone: boolean): Promise<{ context: BrowserContext; visitor: Visitor }> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(15_000);
  return { context, visitor: new Visitor(await context.newPage(), shots, phone) };
}

test('guide steps 1–3: apply, approval by the city, password, login with OTP, terms, マイページ', async (t) => {
  if (!browserAvailable()) {
    t.skip('chromium is not installed at /usr/bin/chromium');
    return;
  }
  const server = await startServer();
  const browser = await launchBrowser();
  const shots = new Shots();
  try {
    const { visitor: g } = await newVisitor(browser, server, shots, PHONE, true);
    const page = g.page;

    // ---- Step 1: 利用申請 ----
    await page.goto('/');
    await g.capture(1, 'start');
    await g.link('まずは利用申請から！').click();

    await page.getByLabel('都道府県').selectOption({ label: '新潟県' });
    await g.capture(1, 'choose-prefecture');
    await g.button('市区町村を表示する').click();
    await page.getByLabel('市区町村').selectOption({ label: '小千谷市' });
    await g.capture(1, 'choose-municipality');
    await g.button('確認する').click();

    await page.getByRole('heading', { level: 1, name: 'メールアドレスの入力' }).waitFor();
    assert.match(await page.locator('main').innerText(), /新潟県 小千谷市/);
    await page.getByLabel('メールアドレス').fill(GUARDIAN_EMAIL);
    await g.capture(1, 'email');
    await g.button('申請用URLを送信する').click();
    await page.getByRole('heading', { level: 1, name: 'メールを送信しました' }).waitFor();
    await g.capture(1, 'email-sent');

    await g.openNewestMail(1, GUARDIAN_EMAIL, SUBJECTS.applicationLink, 'application-link');
    await g.mailLink('/apply/form/').click();
    await page.getByRole('heading', { level: 1, name: '利用申請の入力' }).waitFor();
    await g.capture(1, 'form-empty');

    const guardianGroup = page.getByRole('group', { name: '申請者（保護者）の情報' });
    const childGroup = page.getByRole('group', { name: 'お子さま1の情報' });
    const birthGroup = childGroup.getByRole('group', { name: /生年月日/ });
    await guardianGroup.getByLabel('氏名').fill(guardian.name);
    await guardianGroup.getByLabel('フリガナ').fill(guardian.kanaInRomaji); // the mistake
    await guardianGroup.getByLabel('郵便番号').fill(guardian.postalCode);
    await guardianGroup.getByLabel('住所').fill(guardian.address);
    await guardianGroup.getByLabel('電話番号').fill(guardian.phone);
    await guardianGroup.getByLabel('お子さまとの続柄').selectOption({ label: guardian.relationship });
    await childGroup.getByLabel('氏名').fill(child.name);
    await childGroup.getByLabel('フリガナ').fill(child.kana);
    await birthGroup.getByLabel('年', { exact: true }).fill(child.birth.year);
    await birthGroup.getByLabel('月', { exact: true }).fill(child.birth.month);
    await birthGroup.getByLabel('日', { exact: true }).fill(child.birth.day);
    await page.getByRole('group', { name: '施設' }).getByRole('radio', { name: facilityName }).check();
    await g.capture(1, 'form-filled-romaji');
    await g.button('確認画面へ進む').click();

    // The bad input: one summary at the top, one message at the field, nothing typed is lost.
    const kanaMessage = 'フリガナは全角カタカナで入力してください（例：オヂヤ ハナコ）';
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: '入力内容に問題があります' }).waitFor();
    assert.equal(await summary.getByRole('link').count(), 1);
    assert.equal(await summary.getByRole('link').innerText(), kanaMessage);
    assert.match(await page.title(), /^エラー：/);
    const kanaField = guardianGroup.getByLabel('フリガナ');
    assert.equal(await kanaField.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#f-guardianKana-error').innerText(), new RegExp(escapeRegExp(kanaMessage)));
    assert.equal(await kanaField.inputValue(), guardian.kanaInRomaji);
    assert.equal(await guardianGroup.getByLabel('氏名').inputValue(), guardian.name);
    assert.equal(await guardianGroup.getByLabel('住所').inputValue(), guardian.address);
    assert.equal(await guardianGroup.getByLabel('電話番号').inputValue(), guardian.phone);
    assert.equal(await childGroup.getByLabel('フリガナ').inputValue(), child.kana);
    assert.equal(await birthGroup.getByLabel('年', { exact: true }).inputValue(), child.birth.year);
    assert.equal(await birthGroup.getByLabel('日', { exact: true }).inputValue(), child.birth.day);
    assert.ok(await page.getByRole('radio', { name: facilityName }).isChecked(), 'the chosen facility is kept');
    assert.equal(await page.getByLabel('お子さまとの続柄').locator('option:checked').innerText(), guardian.relationship);
    await g.capture(1, 'form-error-kana');

    await summary.getByRole('link').click(); // the summary leads to the field
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-guardianKana');
    await kanaField.fill(guardian.kana);
    await g.button('確認画面へ進む').click();

    await page.getByRole('heading', { level: 1, name: '申請内容の確認' }).waitFor();
    const check = await page.locator('main').innerText();
    for (const shown of [guardian.name, guardian.kana, guardian.address, child.name, child.kana, child.birthLabel, 'にじいろ保育園（架空）']) {
      assert.ok(check.includes(shown), `the check page shows ${shown}`);
    }
    await g.capture(1, 'check');
    await g.button('申請を送信する').click();

    await page.getByRole('heading', { level: 1, name: '利用申請を受け付けました' }).waitFor();
    const reference = (await page.locator('[data-qa=reference]').innerText()).trim();
    assert.match(reference, /^15208-2026-\d{6}$/);
    await g.capture(1, 'complete');

    // ---- Step 1, behind the scenes: the city reviews and approves (a separate browser) ----
    const { context: staffContext, visitor: s } = await newVisitor(browser, server, shots, DESKTOP, false);
    await s.page.goto('/login');
    await s.logIn(1, STAFF_EMAIL, SAMPLE_PASSWORD, 'staff');
    await s.page.getByRole('heading', { level: 1, name: '市区町村の業務' }).waitFor();
    await s.capture(1, 'staff-home');
    await s.link('審査待ちの申請を見る').click();
    await s.page.getByRole('heading', { level: 1, name: '利用申請の審査' }).waitFor();
    await s.capture(1, 'staff-queue');
    await s.link(reference).click();
    await s.page.getByRole('heading', { level: 1, name: `利用申請 ${reference}` }).waitFor();
    assert.ok((await s.page.locator('main').innerText()).includes(child.name));
    await s.capture(1, 'staff-detail');
    await s.button('承認してアカウントを発行する').click();
    await s.page.getByRole('status').filter({ hasText: '承認しました' }).waitFor();
    assert.match(await s.page.locator('main').innerText(), /認定番号\s*15208\d{6}/);
    await s.capture(1, 'staff-approved');
    await staffContext.close();

    // ---- Step 2: アカウント発行のお知らせ → パスワードリセット申請 → mail → パスワードリセット ----
    await g.openNewestMail(2, GUARDIAN_EMAIL, SUBJECTS.accountIssued, 'account-issued');
    const issuedBody = await g.mailBody().innerText();
    const certification = /認定番号：(15208\d{6})/.exec(issuedBody)?.[1];
    assert.ok(certification, `no certification number in: ${issuedBody}`);
    await g.mailLink('/password-reset').click();

    await page.getByRole('heading', { level: 1, name: 'パスワードリセット申請' }).waitFor();
    await page.getByLabel('メールアドレス').fill(GUARDIAN_EMAIL);
    await g.capture(2, 'reset-request');
    await g.button('メール送信').click();
    await page.getByRole('heading', { level: 1, name: 'メールを確認してください' }).waitFor();
    await g.capture(2, 'reset-sent');

    await g.openNewestMail(2, GUARDIAN_EMAIL, SUBJECTS.passwordReset, 'reset-link');
    await g.mailLink('/password-reset/').click();
    await page.getByRole('heading', { level: 1, name: 'パスワードリセット', exact: true }).waitFor();
    await g.capture(2, 'reset-form');
    await page.getByLabel(/^新しいパスワード\s*※必須$/).fill(GUARDIAN_PASSWORD);
    await page.getByLabel('新しいパスワード（確認のためもう一度）').fill(GUARDIAN_PASSWORD);
    await g.button('パスワードを設定する').click();
    await page.getByRole('heading', { level: 1, name: 'パスワードを設定しました' }).waitFor();
    await g.capture(2, 'reset-done');
    await g.link('ログイン画面へ').click();

    // ---- Step 3: ログイン → ワンタイムパスワード → 利用規約・プライバシーポリシーに関する同意 ----
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
    await g.logIn(3, GUARDIAN_EMAIL, GUARDIAN_PASSWORD, 'guardian');
    await page.getByRole('heading', { level: 1, name: 'マイページ' }).waitFor();
    const childCard = page.locator('section.card').filter({ has: page.getByRole('heading', { name: child.name }) });
    const card = await childCard.innerText();
    assert.ok(card.includes(certification), `マイページ shows certification ${certification}: ${card}`);
    assert.ok(card.includes(child.birthLabel));
    assert.ok((await page.locator('main').innerText()).includes(guardian.name));
    await g.capture(3, 'mypage');
  } finally {
    t.diagnostic(`screenshots: ${shots.names.join(', ')}`);
    await browser.close();
    await server.close();
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
