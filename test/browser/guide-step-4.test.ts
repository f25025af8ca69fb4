// Guide step 4 (保護者・お子さまの情報登録) walked in Chromium the way a guardian would, on a phone:
// マイページ → 利用者情報管理 → 保護者名 → 編集 → 確定, refused while the child has no emergency
// contact, the link to the child's 緊急連絡先 tab, each child tab edited through 編集 → 確定 → OK
// (with one mistake corrected), the guardian's registration completed, and 2-step verification
// switched off (a wrong password first) so the next login skips the one-time password. Then the
// staff of the facility the child is booked at (on a desktop) open the child's profile.
// Every screen is saved to test-results/ (step4-NN-*.png) and checked with axe-core.
//
// The family is set up over HTTP with the journey helpers (steps 1–2 have their own browser test).
//
// GUARDIAN_WIDTH=360 runs the guardian's part on a narrower phone (screenshots then start "w360-").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { newVisitor, walkGuide } from '../helpers/guide-visitor.ts';
import { GUARDIAN_PASSWORD, approvedGuardian, reserveInterview } from '../helpers/journeys.ts';

const GUARDIAN_EMAIL = 'step4.ojiya@example.com';
const FACILITY_STAFF = 'staff@niji.ojiya.example.jp';
const NIJI = 'にじいろ保育園（架空）';
const CHILD = '小千谷 さくら';

/** A child's tab, by its link in the tab list. */
function tab(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'お子さまの情報' }).getByRole('link', { name, exact: true });
}

test('guide step 4: a guardian registers their own and their child’s details, and turns 2-step verification off', async (t) => {
  await walkGuide(t, 4, async ({ browser, server, shots }) => {
    await approvedGuardian(server.app, server.db, GUARDIAN_EMAIL);
    // A first interview booked at にじいろ保育園 (the reservations work books these).
    await reserveInterview(server.db, GUARDIAN_EMAIL, NIJI);
    const { visitor: g } = await newVisitor(browser, server, shots, { phone: true });
    const page = g.page;

    // ① マイページ → 利用者情報管理
    await g.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD);
    await g.heading('マイページ').waitFor();
    await g.capture('mypage');
    await g.link('利用者情報管理').click();
    await g.heading('利用者情報管理').waitFor();
    assert.match(await g.main(), /小千谷 さくらさんの緊急連絡先1：氏名・続柄・電話番号が未入力です/);
    await g.capture('profile-index');

    // ② 保護者名 → the registered details; ③ 編集 → 確定 is refused: no emergency contact yet
    await g.link('小千谷 花子').click();
    await g.heading('保護者情報').waitFor();
    await g.capture('guardian');
    await g.link('編集').click();
    await g.heading('保護者情報の編集').waitFor();
    await page.getByLabel(/^電話番号（2つ目）/).fill('080-5555-1234');
    await g.capture('guardian-edit');
    await g.button('確定').click();
    await g.heading('登録を完了できません', 2).waitFor();
    assert.equal(await page.getByLabel(/^電話番号（2つ目）/).inputValue(), '080-5555-1234', 'what was typed is kept');
    await g.capture('guardian-blocked');

    // The message links to the child's 緊急連絡先: the guardian's own details are filled in first.
    await g.link(/小千谷 さくらさんの緊急連絡先1/).click();
    await g.heading('緊急連絡先の編集').waitFor();
    const first = page.getByRole('group', { name: '緊急連絡先1' });
    assert.equal(await first.getByLabel(/^氏名/).inputValue(), '小千谷 花子');
    await g.capture('emergency-edit');
    await g.button('緊急連絡先を追加する').click();
    const second = page.getByRole('group', { name: '緊急連絡先2' });
    await second.getByLabel(/^氏名/).fill('小千谷 ふみ');
    await second.getByLabel(/^続柄/).fill('祖母');
    await g.button('確定').click();
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: '入力内容に問題があります' }).waitFor();
    assert.equal(await summary.getByRole('link').innerText(), '緊急連絡先2の電話番号を入力してください');
    assert.equal(await second.getByLabel(/^氏名/).inputValue(), '小千谷 ふみ');
    await g.capture('emergency-error');
    await summary.getByRole('link').click();
    await second.getByLabel(/^電話番号/).fill('0258-83-0000');
    await g.button('確定').click();
    await g.heading('緊急連絡先の確認').waitFor();
    assert.match(await g.main(), /緊急連絡先2\s+氏名\s+小千谷 ふみ\s+続柄\s+祖母\s+電話番号\s+0258-83-0000/);
    await g.capture('emergency-confirm');
    await g.button('OK').click();
    await page.getByRole('status').filter({ hasText: '登録しました' }).waitFor();
    assert.equal(await tab(page, '緊急連絡先').getAttribute('aria-current'), 'page');
    await g.capture('emergency-saved');

    // (2) The child's other tabs, each through 編集 → 確定 → OK
    await tab(page, '基本情報').click();
    await g.heading(`${CHILD}さん`).waitFor();
    assert.match(await g.main(), /認定番号\s+15208\d{6}/);
    await g.capture('child-basic');
    await g.link('編集').click();
    await page.getByLabel(/^性別/).selectOption({ label: '女' });
    await g.capture('child-basic-edit');
    await g.button('確定').click();
    await g.heading('基本情報の確認').waitFor();
    await g.button('OK').click();
    await page.getByRole('status').filter({ hasText: '登録しました' }).waitFor();

    await tab(page, '食事・アレルギー情報').click();
    await g.heading('食事・アレルギー情報', 2).waitFor();
    await g.link('編集').click();
    await g.heading('食事・アレルギー情報の編集').waitFor();
    await page.getByLabel('卵', { exact: true }).check();
    await page.getByLabel('乳', { exact: true }).check();
    await page.getByLabel('キウイフルーツ').check();
    await page.getByLabel(/^食事の段階/).selectOption({ label: '離乳食（後期）' });
    await g.capture('meals-edit');
    await g.button('確定').click();
    await page.getByRole('alert').getByRole('link', { name: 'アレルギーの症状の程度を選んでください' }).waitFor();
    assert.ok(await page.getByLabel('卵', { exact: true }).isChecked(), 'the ticks are kept');
    await g.capture('meals-error');
    await page.getByLabel(/^症状の程度/).selectOption({ label: '重い（アナフィラキシーを起こしたことがある）' });
    await page.getByLabel(/^アレルギーについての補足/).fill('卵：加熱したものでもアナフィラキシーあり\n乳・キウイ：口のまわりが赤くなる');
    await page.getByLabel('エピペンを持っている（処方されている）').check();
    await g.button('確定').click();
    await g.heading('食事・アレルギー情報の確認').waitFor();
    assert.match(await g.main(), /卵、乳、キウイフルーツ/);
    await g.capture('meals-confirm');
    await g.button('OK').click();
    await page.getByRole('status').filter({ hasText: '登録しました' }).waitFor();
    await g.capture('meals-saved');

    await tab(page, '健康情報').click();
    await g.link('編集').click();
    await page.getByLabel(/^持病・これまでにかかった大きな病気/).fill('熱性けいれん（2026年5月）');
    await page.getByLabel(/^使っている薬/).fill('なし');
    await g.capture('health-edit');
    await g.button('確定').click();
    await g.heading('健康情報の確認').waitFor();
    await g.button('OK').click();
    await page.getByRole('status').filter({ hasText: '登録しました' }).waitFor();
    await g.capture('health-saved');

    await tab(page, 'お迎え予定者').click();
    await g.link('編集').click();
    const pickup = page.getByRole('group', { name: 'お迎え予定者1' });
    await pickup.getByLabel(/^氏名/).fill('小千谷 ふみ');
    await pickup.getByLabel(/^続柄/).fill('祖母');
    await pickup.getByLabel(/^電話番号/).fill('0258-83-0000');
    await g.capture('pickup-edit');
    await g.button('確定').click();
    await g.heading('お迎え予定者の確認').waitFor();
    await g.button('OK').click();
    await page.getByRole('status').filter({ hasText: '登録しました' }).waitFor();
    await g.capture('pickup-saved');

    // (1) again: now the guardian's registration completes — 確定 → confirmation → OK
    await g.link('利用者情報管理に戻る').click();
    await g.heading('利用者情報管理').waitFor();
    assert.doesNotMatch(await g.main(), /未入力です/);
    await g.link('小千谷 花子').click();
    await g.link('編集').click();
    await page.getByLabel(/^電話番号（2つ目）/).fill('080-5555-1234');
    await g.button('確定').click();
    await g.heading('保護者情報の確認').waitFor();
    await g.capture('guardian-confirm');
    await g.button('OK').click();
    await page.getByRole('status').filter({ hasText: '登録しました' }).waitFor();
    assert.match(await g.main(), /登録状況\s+登録済み/);
    await g.capture('guardian-saved');

    // 2段階認証: 無効, a wrong password first
    await g.link('2段階認証の設定を変更する').click();
    await g.heading('2段階認証の設定').waitFor();
    assert.match(await g.main(), /2段階認証とは、IDとパスワードに加えてワンタイムパスワードの入力を求めることで、不正アクセスを防ぐ仕組みです。/);
    await g.capture('two-factor');
    await page.getByLabel(/^無効/).check();
    await page.getByLabel(/^現在のパスワード/).fill('Not-My-Password-1');
    await g.button('設定を変更する').click();
    await page.getByRole('alert').getByRole('link', { name: /パスワードが正しくありません/ }).waitFor();
    assert.ok(await page.getByLabel(/^無効/).isChecked(), 'the choice is kept');
    await g.capture('two-factor-wrong-password');
    await page.getByLabel(/^現在のパスワード/).fill(GUARDIAN_PASSWORD);
    await g.button('設定を変更する').click();
    await page.getByRole('status').filter({ hasText: '2段階認証を「無効」にしました' }).waitFor();
    await g.capture('two-factor-off');

    // Log out and in again: no one-time password is asked for.
    await g.button('ログアウト').click();
    await g.heading('ログイン').waitFor();
    await g.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD, { expectOtp: false });
    await g.heading('マイページ').waitFor();
    await g.capture('login-without-otp');

    // ---- The facility the child is booked at: its staff open the child's profile ----
    const { context: staffContext, visitor: s } = await newVisitor(browser, server, shots, { phone: false });
    await s.logIn(FACILITY_STAFF, SAMPLE_PASSWORD);
    await s.page.goto('/facility/children');
    await s.heading('予約のあるお子さま').waitFor();
    await s.capture('staff-children');
    await s.link(CHILD).click();
    await s.heading(`${CHILD}さんの情報`).waitFor();
    const staffView = await s.main();
    assert.match(staffView, /卵：加熱したものでもアナフィラキシーあり/);
    assert.match(staffView, /熱性けいれん（2026年5月）/);
    await s.capture('staff-child');
    await staffContext.close();
  });
});
