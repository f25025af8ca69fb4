// Guide step 9 (システム操作に関するお問い合わせ) walked in Chromium: a guardian on a phone opens
// お客さまサポート from the footer, reads the manual (its pictures load), and sends an inquiry with
// the e-mail address filled in; someone without an account (on a desktop) chooses 新潟県 → 小千谷市,
// makes a mistake and sends one too; the city's staff (desktop) open the list, reply and mark the
// inquiry answered; the guardian reads the reply in the mail. Every screen is saved to
// test-results/ (step9-NN-*.png) and checked with axe-core; the manual's own come from here too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { newVisitor, walkGuide } from '../helpers/guide-visitor.ts';
import { GUARDIAN_PASSWORD, approvedGuardian } from '../helpers/journeys.ts';

const GUARDIAN_EMAIL = 'step9.ojiya@example.com';
const STAFF_EMAIL = 'city-staff@ojiya.example.jp';
const QUESTION = '定期利用の予約画面で「予約に進む」を押すと、前の画面に戻ってしまいます。\nどうすれば予約できますか。';
const REPLY = 'お問い合わせありがとうございます。\n「お迎えに来られる方」を先に「利用者情報管理」のお迎え予定者タブで登録してから、もう一度お試しください。';

/** Loads every picture of the page now (they are lazy) and returns those that failed. */
async function brokenImages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const images = Array.from(document.images);
    for (const image of images) image.loading = 'eager';
    await Promise.all(images.map((image) => image.decode().catch(() => undefined)));
    return images.filter((image) => image.naturalWidth === 0).map((image) => image.src);
  });
}

test('guide step 9: お客さまサポート, the manual, inquiries with and without an account, answered by the city', async (t) => {
  await walkGuide(t, 9, async ({ browser, server, shots }) => {
    await approvedGuardian(server.app, server.db, GUARDIAN_EMAIL);

    // ---- The guardian, on a phone ----
    const { visitor: g } = await newVisitor(browser, server, shots, { phone: true });
    const page = g.page;
    await g.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD);
    await g.heading('マイページ').waitFor();
    await page.getByRole('contentinfo').getByRole('link', { name: 'お客さまサポート' }).click();
    await g.heading('お客さまサポート').waitFor();
    await g.capture('support');

    await g.link('利用マニュアルを見る').click();
    await g.heading('利用マニュアル').waitFor();
    await g.capture('manual');
    await g.link('保護者の方').click();
    await g.heading('利用マニュアル（保護者の方）').waitFor();
    assert.equal(await page.locator('main ol.manual-toc > li').count(), 9, 'the nine steps of the guide');
    await g.capture('manual-guardian');
    await g.link('はじめての利用申請').click();
    await g.heading('手順1 はじめての利用申請').waitFor();
    assert.ok((await page.locator('main figure img').count()) >= 5, 'step 1 shows its screens');
    assert.deepEqual(await brokenImages(page), []);
    await g.capture('manual-step');
    await g.link(/次の手順/).click();
    await g.heading('手順2 アカウント発行・パスワード登録').waitFor();

    await page.getByRole('contentinfo').getByRole('link', { name: 'お客さまサポート' }).click();
    await g.link('お問い合わせフォームへ').click();
    await g.heading('お問い合わせ').waitFor();
    assert.match(await g.main(), /お問い合わせ先\s*新潟県 小千谷市/);
    assert.equal(await page.getByLabel(/^メールアドレス/).inputValue(), GUARDIAN_EMAIL);
    await page.getByLabel(/^お問い合わせの種類/).selectOption({ label: '予約' });
    await page.getByLabel(/^お問い合わせ内容/).fill(QUESTION);
    await g.capture('inquiry-form');
    await g.button('確認画面へ進む').click();
    await g.heading('お問い合わせ内容の確認').waitFor();
    assert.match(await g.main(), /お問い合わせの種類\s*予約/);
    await g.capture('inquiry-check');
    await g.button('送信する').click();
    await g.heading('お問い合わせを受け付けました').waitFor();
    const reference = (await page.locator('[data-qa=reference]').innerText()).trim();
    assert.match(reference, /^Q15208-\d{4}-\d{6}$/);
    await g.capture('inquiry-done');

    // ---- Someone without an account, on a desktop: the municipality first ----
    const { context: anonymousContext, visitor: a } = await newVisitor(browser, server, shots, { phone: false });
    await a.page.goto('/support/inquiry');
    await a.page.getByLabel('都道府県').selectOption({ label: '新潟県' });
    await a.page.getByLabel('市区町村').waitFor();
    await a.page.getByLabel('市区町村').selectOption({ label: '小千谷市' });
    await a.capture('anonymous-choose');
    await a.button('次へ').click();
    await a.heading('お問い合わせ').waitFor();
    await a.page.getByLabel(/^お問い合わせの種類/).selectOption({ label: 'ログイン・パスワード' });
    await a.page.getByLabel(/^お名前/).fill('小千谷 一郎');
    await a.page.getByLabel(/^メールアドレス/).fill('ichiro@example');
    await a.button('確認画面へ進む').click();
    const summary = a.page.getByRole('alert');
    await summary.getByRole('heading', { name: '入力内容に問題があります' }).waitFor();
    assert.deepEqual(await summary.getByRole('link').allInnerTexts(), [
      'お問い合わせ内容を入力してください',
      'メールアドレスを正しい形式で入力してください（例：hanako@example.jp）',
    ]);
    assert.equal(await a.page.getByLabel(/^お名前/).inputValue(), '小千谷 一郎');
    await a.capture('anonymous-error');
    await a.page.getByLabel(/^お問い合わせ内容/).fill('パスワードリセットのメールが届きません。');
    await a.page.getByLabel(/^メールアドレス/).fill('ichiro@example.jp');
    await a.button('確認画面へ進む').click();
    await a.heading('お問い合わせ内容の確認').waitFor();
    await a.button('送信する').click();
    await a.heading('お問い合わせを受け付けました').waitFor();
    await anonymousContext.close();

    // ---- The city's staff, on a desktop ----
    const { context: staffContext, visitor: s } = await newVisitor(browser, server, shots, { phone: false });
    await s.logIn(STAFF_EMAIL, SAMPLE_PASSWORD);
    await s.heading('市区町村の業務').waitFor();
    await s.link('お問い合わせを見る').click();
    await s.heading('お問い合わせ').waitFor();
    assert.equal(await s.page.locator('#inquiries tbody tr').count(), 2);
    await s.capture('staff-inquiries');
    await s.link(reference).click();
    await s.heading(`お問い合わせ ${reference}`).waitFor();
    assert.ok((await s.main()).includes('どうすれば予約できますか。'));
    await s.page.getByLabel(/^回答/).fill(REPLY);
    await s.capture('staff-inquiry');
    await s.button('回答をメールで送る').click();
    await s.page.getByRole('status').filter({ hasText: '回答をメールで送信しました。' }).waitFor();
    await s.capture('staff-replied');
    await s.button('対応済みにする').click();
    await s.page.getByRole('status').filter({ hasText: '対応済みにしました。' }).waitFor();
    await s.capture('staff-answered');
    await s.link('一覧に戻る').click();
    assert.equal(await s.page.locator('#inquiries tbody tr').count(), 1, 'the answered one has left the open list');
    await staffContext.close();

    // ---- The guardian reads the answer ----
    await g.openNewestMail(GUARDIAN_EMAIL, 'お問い合わせへの回答', 'reply', 9);
    assert.match(await g.mailBody().innerText(), /お迎え予定者タブで登録してから/);
  });
});
