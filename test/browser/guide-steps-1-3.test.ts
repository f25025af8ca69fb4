// Guide steps 1–3 walked in Chromium the way a new family would: only clicks and typing.
// A guardian (on a phone) applies to 小千谷市, the city's staff (on a desktop) approve the
// application, and the guardian sets a password, logs in with the one-time password, agrees to the
// terms and sees the child's certification on マイページ. Every screen is saved to test-results/.
//
// GUARDIAN_WIDTH=360 runs the guardian's half on a narrower phone (screenshots then start "w360-").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { SUBJECTS, newVisitor, walkGuide } from '../helpers/guide-visitor.ts';

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

test('guide steps 1–3: apply, approval by the city, password, login with OTP, terms, マイページ', async (t) => {
  await walkGuide(t, 1, async ({ browser, server, shots }) => {
    const { visitor: g } = await newVisitor(browser, server, shots, { phone: true });
    const page = g.page;

    // ---- Step 1: 利用申請 ----
    await page.goto('/');
    await g.capture('start', 1);
    await g.link('まずは利用申請から！').click();

    await page.getByLabel('都道府県').selectOption({ label: '新潟県' });
    // public/places.js lists the municipalities at once: no need to press 市区町村を表示する.
    await page.getByLabel('市区町村').waitFor();
    await g.capture('choose-prefecture', 1);
    await page.getByLabel('市区町村').selectOption({ label: '小千谷市' });
    await g.capture('choose-municipality', 1);
    await g.button('確認する').click();

    await g.heading('メールアドレスの入力').waitFor();
    assert.match(await g.main(), /新潟県 小千谷市/);
    await page.getByLabel('メールアドレス').fill(GUARDIAN_EMAIL);
    await g.capture('email', 1);
    await g.button('申請用URLを送信する').click();
    await g.heading('メールを送信しました').waitFor();
    await g.capture('email-sent', 1);

    await g.openNewestMail(GUARDIAN_EMAIL, SUBJECTS.applicationLink, 'application-link', 1);
    await g.mailLink('/apply/form/').click();
    await g.heading('利用申請の入力').waitFor();
    await g.capture('form-empty', 1);

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
    await g.capture('form-filled-romaji', 1);
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
    await g.capture('form-error-kana', 1);

    await summary.getByRole('link').click(); // the summary leads to the field
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-guardianKana');
    await kanaField.fill(guardian.kana);
    await g.button('確認画面へ進む').click();

    await g.heading('申請内容の確認').waitFor();
    const check = await g.main();
    for (const shown of [guardian.name, guardian.kana, guardian.address, child.name, child.kana, child.birthLabel, 'にじいろ保育園（架空）']) {
      assert.ok(check.includes(shown), `the check page shows ${shown}`);
    }
    await g.capture('check', 1);
    await g.button('申請を送信する').click();

    await g.heading('利用申請を受け付けました').waitFor();
    const reference = (await page.locator('[data-qa=reference]').innerText()).trim();
    assert.match(reference, /^15208-2026-\d{6}$/);
    await g.capture('complete', 1);

    // ---- Step 1, behind the scenes: the city reviews and approves (a separate browser) ----
    const { context: staffContext, visitor: s } = await newVisitor(browser, server, shots, { phone: false });
    await s.logIn(STAFF_EMAIL, SAMPLE_PASSWORD, { capture: { who: 'staff', step: 1 }, expectTerms: true });
    await s.heading('市区町村の業務').waitFor();
    await s.capture('staff-home', 1);
    await s.link('審査待ちの申請を見る').click();
    await s.heading('利用申請の審査').waitFor();
    await s.capture('staff-queue', 1);
    await s.link(reference).click();
    await s.heading(`利用申請 ${reference}`).waitFor();
    assert.ok((await s.main()).includes(child.name));
    await s.capture('staff-detail', 1);
    await s.button('承認してアカウントを発行する').click();
    await s.page.getByRole('status').filter({ hasText: '承認しました' }).waitFor();
    assert.match(await s.main(), /認定番号\s*15208\d{6}/);
    await s.capture('staff-approved', 1);
    await staffContext.close();

    // ---- Step 2: アカウント発行のお知らせ → パスワードリセット申請 → mail → パスワードリセット ----
    await g.openNewestMail(GUARDIAN_EMAIL, SUBJECTS.accountIssued, 'account-issued', 2);
    const issuedBody = await g.mailBody().innerText();
    const certification = /認定番号：(15208\d{6})/.exec(issuedBody)?.[1];
    assert.ok(certification, `no certification number in: ${issuedBody}`);
    await g.mailLink('/password-reset').click();

    await g.heading('パスワードリセット申請').waitFor();
    await page.getByLabel('メールアドレス').fill(GUARDIAN_EMAIL);
    await g.capture('reset-request', 2);
    await g.button('メール送信').click();
    await g.heading('メールを確認してください').waitFor();
    await g.capture('reset-sent', 2);

    await g.openNewestMail(GUARDIAN_EMAIL, SUBJECTS.passwordReset, 'reset-link', 2);
    await g.mailLink('/password-reset/').click();
    await page.getByRole('heading', { level: 1, name: 'パスワードリセット', exact: true }).waitFor();
    await g.capture('reset-form', 2);
    await page.getByLabel(/^新しいパスワード\s*※必須$/).fill(GUARDIAN_PASSWORD);
    await page.getByLabel('新しいパスワード（確認のためもう一度）').fill(GUARDIAN_PASSWORD);
    await g.button('パスワードを設定する').click();
    await g.heading('パスワードを設定しました').waitFor();
    await g.capture('reset-done', 2);
    await g.link('ログイン画面へ').click();

    // ---- Step 3: ログイン → ワンタイムパスワード → 利用規約・プライバシーポリシーに関する同意 ----
    await g.heading('ログイン').waitFor();
    await g.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD, { capture: { who: 'guardian', step: 3 }, expectTerms: true });
    await g.heading('マイページ').waitFor();
    const childCard = page.locator('section.card').filter({ has: page.getByRole('heading', { name: child.name }) });
    const card = await childCard.innerText();
    assert.ok(card.includes(certification), `マイページ shows certification ${certification}: ${card}`);
    assert.ok(card.includes(child.birthLabel));
    assert.ok((await g.main()).includes(guardian.name));
    await g.capture('mypage', 3);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
