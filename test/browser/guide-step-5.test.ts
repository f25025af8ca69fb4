// Guide step 5 (施設を探す) walked in Chromium the way a guardian would, on a phone: the site
// menu, the four ways to search — the location search with the browser's (emulated, granted)
// location, and without permission — favourites with the star, the 小千谷市 named-facility marks,
// and the detail page. Before that, the city's staff (on a desktop) register a facility, with one
// mistake corrected, and issue a login for its staff. Every screen is saved to test-results/
// (step5-NN-*.png) and checked with axe-core.
//
// The family is set up over HTTP with the journey helpers (steps 1–2 have their own browser test);
// the guardian then logs in here with the mailed one-time password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { newVisitor, walkGuide } from '../helpers/guide-visitor.ts';
import { GUARDIAN_PASSWORD, approvedGuardian, reserveInterview } from '../helpers/journeys.ts';

const GUARDIAN_EMAIL = 'step5.ojiya@example.com';
const STAFF_EMAIL = 'city-staff@ojiya.example.jp';
/** At home in 小千谷, next to もりのおうち保育園: nearer to it than to the city office. */
const HOME = { latitude: 37.3012, longitude: 138.7861 };

const NIJI = 'にじいろ保育園（架空）';
const HIMAWARI = 'ひまわりこども園（架空）';
const MORI = 'もりのおうち保育園（架空）';
const SORA = 'そらいろ保育園（架空）';
const MIZUBE = 'みずべ保育園（架空）';

/** The result card of a facility (its heading names it). */
function card(page: Page, name: string): Locator {
  return page.locator('li.facility-card').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** The facilities in the results, in the order shown. */
async function cardNames(page: Page): Promise<string[]> {
  return page.locator('li.facility-card h2 a, li.facility-card h3 a').allInnerTexts();
}

test('guide step 5: the city registers a facility; a guardian finds facilities four ways, stars them and opens one', async (t) => {
  await walkGuide(t, 5, async ({ browser, server, shots }) => {
    // First the family (its application names the first of 小千谷's facilities in フリガナ order).
    await approvedGuardian(server.app, server.db, GUARDIAN_EMAIL);
    // A first interview already held at にじいろ保育園 (the reservations work books these).
    await reserveInterview(server.db, GUARDIAN_EMAIL, NIJI, 'confirmed', { startsAt: '2026-11-20T01:00:00Z', endsAt: '2026-11-20T02:00:00Z' });

    // ---- Behind the scenes: the city's staff register a facility and its staff login ----
    const { context: staffContext, visitor: s } = await newVisitor(browser, server, shots, { phone: false });
    await s.logIn(STAFF_EMAIL, SAMPLE_PASSWORD);
    await s.page.getByRole('navigation', { name: 'サイトメニュー' }).getByRole('link', { name: '施設の管理' }).click();
    await s.heading('施設の管理').waitFor();
    await s.capture('staff-facilities');
    await s.page.getByRole('link', { name: '施設を登録する' }).click();
    await s.heading('施設の登録').waitFor();
    const form = s.page;
    await form.getByLabel('施設名').fill('さくらんぼ保育室（架空）');
    await form.getByLabel('フリガナ').fill('さくらんぼほいくしつ');
    await form.getByLabel('施設の種類').selectOption({ label: '小規模保育事業所' });
    await form.getByLabel('施設の紹介').fill('駅の近くの小さな保育室です。');
    await form.getByLabel('所在地').fill('新潟県小千谷市東栄3丁目1-1（架空）');
    await form.getByLabel('緯度').fill('138.83'); // the mistake: the longitude typed again
    await form.getByLabel('経度').fill('138.83');
    await form.getByLabel('電話番号').fill('0258-00-0555');
    await form.getByLabel('開所時刻').fill('8:30');
    await form.getByLabel('閉所時刻').fill('17:00');
    for (const day of ['月曜日', '火曜日', '水曜日', '木曜日', '金曜日']) await form.getByLabel(day).check();
    await form.getByLabel('1歳').check();
    await form.getByLabel('2歳').check();
    await form.getByLabel('1日の定員（人）').fill('2');
    await form.getByLabel('1時間あたりの利用料（円）').fill('300');
    await s.button('登録する').click();
    const summary = s.page.getByRole('alert');
    await summary.getByRole('heading', { name: '入力内容に問題があります' }).waitFor();
    assert.equal(await summary.getByRole('link').innerText(), '緯度は20から46までの数字で入力してください（例：37.3144）');
    assert.equal(await form.getByLabel('施設名').inputValue(), 'さくらんぼ保育室（架空）');
    assert.equal(await form.getByLabel('フリガナ').inputValue(), 'サクランボホイクシツ');
    assert.ok(await form.getByLabel('水曜日').isChecked());
    await s.capture('staff-form-error');
    await summary.getByRole('link').click();
    assert.equal(await s.page.evaluate(() => document.activeElement?.id), 'f-latitude');
    await form.getByLabel('緯度').fill('37.335');
    await s.button('登録する').click();
    await s.page.getByRole('status').filter({ hasText: '施設を登録しました' }).waitFor();
    await s.capture('staff-facility-created');
    await s.page.getByLabel('職員の氏名').fill('桜 保育士');
    await s.page.getByLabel('メールアドレス（ログインID）').fill('sakura.staff@example.jp');
    await s.button('アカウントを発行してメールを送る').click();
    await s.page.getByRole('status').filter({ hasText: '施設職員のアカウントを発行しました' }).waitFor();
    assert.match(await s.main(), /sakura\.staff@example\.jp\s+パスワード未登録/);
    await s.capture('staff-login-issued');
    await staffContext.close();

    // ---- The guardian, on a phone that allows the site to read its location ----
    const { context, visitor: g } = await newVisitor(browser, server, shots, { phone: true, permissions: ['geolocation'], geolocation: HOME });
    const page = g.page;
    await g.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD);
    await g.heading('マイページ').waitFor();

    // ① サイトメニューから「施設を探す」 ② 検索方法を選ぶ
    await page.getByRole('navigation', { name: 'サイトメニュー' }).getByRole('link', { name: '施設を探す' }).click();
    await g.heading('施設を探す').waitFor();
    assert.match(await g.main(), /小千谷市では、利用できる施設は申請した施設のみです/);
    await g.capture('hub');

    // 現在地から探す: first from the city office (no location asked yet) …
    await page.getByRole('link', { name: '現在地から探す' }).click();
    await g.heading('現在地から探す').waitFor();
    await g.heading('小千谷市役所から近い施設', 2).waitFor();
    assert.deepEqual((await cardNames(page)).slice(0, 3), [NIJI, HIMAWARI, MORI]);
    assert.match(await card(page, NIJI).innerText(), /利用できます（申請した施設）/);
    assert.match(await card(page, HIMAWARI).innerText(), /利用できません（小千谷市では申請した施設のみ利用できます）/);
    await g.capture('nearby-from-office');

    // … then 「現在地を使う」: the browser's location, asked only now.
    await g.button('現在地を使う').click();
    await g.heading('現在地から近い施設', 2).waitFor();
    assert.equal((await cardNames(page))[0], MORI);
    assert.match(await card(page, MORI).innerText(), /距離 \d+ m/);
    assert.match(page.url(), /lat=37\.301&lng=138\.786/);
    await g.capture('nearby-from-location');

    // The star on a card: without leaving the list.
    await card(page, HIMAWARI).getByRole('button', { name: /お気に入りに追加/ }).click();
    await card(page, HIMAWARI).getByRole('button', { name: /お気に入りから外す/ }).waitFor();
    assert.match(page.url(), /\/facilities\/nearby\?lat=/);
    await g.capture('nearby-favourite-added');

    // 都道府県から探す: 新潟県 → 長岡市, 0歳, 土曜日.
    await page.getByRole('link', { name: '施設を探す（探し方を選ぶ）' }).click();
    await page.getByRole('link', { name: '都道府県から探す' }).click();
    await g.heading('都道府県から探す').waitFor();
    assert.equal(await page.getByLabel('都道府県').locator('option:checked').innerText(), '新潟県');
    await page.getByLabel('市区町村').selectOption({ label: '長岡市（3施設）' });
    await page.getByLabel('お子さまの年齢').selectOption({ label: '0歳（生後6か月から）' });
    await page.getByLabel('利用したい曜日').selectOption({ label: '土曜日' });
    await g.capture('area-choose');
    await g.button('この条件で探す').click();
    await g.heading('長岡市の施設（2件）', 2).waitFor();
    assert.deepEqual(await cardNames(page), [SORA, MIZUBE]);
    await g.capture('area-results');

    // ③ 施設名 → 詳細: not the facility applied for, so it says it cannot be used, and why.
    await page.getByRole('link', { name: SORA, exact: true }).click();
    await g.heading(SORA).waitFor();
    const detail = await g.main();
    assert.match(detail, /利用できません（小千谷市では申請した施設のみ利用できます）/);
    assert.match(detail, /開所時間\s+7:30～19:00/);
    assert.match(detail, /備考\s+駐車場はありません。/);
    assert.ok(await page.getByRole('link', { name: '地図アプリで場所を見る' }).isVisible());
    await g.button(/お気に入りに追加/).click();
    await g.button(/お気に入りから外す/).waitFor();
    await g.capture('detail-not-applied-for');

    // お気に入りからさがす
    await page.getByRole('navigation', { name: 'サイトメニュー' }).getByRole('link', { name: '施設を探す' }).click();
    await page.getByRole('link', { name: 'お気に入りからさがす' }).click();
    await g.heading('お気に入りからさがす').waitFor();
    assert.deepEqual(await cardNames(page), [SORA, HIMAWARI]);
    await g.capture('favourites');
    await card(page, SORA).getByRole('button', { name: /お気に入りから外す/ }).click();
    await g.heading('お気に入りからさがす').waitFor();
    assert.deepEqual(await cardNames(page), [HIMAWARI]);

    // 面談・利用歴から探す → the facility applied for, where the first interview was held.
    await page.getByRole('link', { name: '施設を探す（探し方を選ぶ）' }).click();
    await page.getByRole('link', { name: '面談・利用歴から探す' }).click();
    await g.heading('面談・利用歴から探す').waitFor();
    assert.deepEqual(await cardNames(page), [NIJI]);
    assert.match(await card(page, NIJI).innerText(), /初回面談（最新：2026\/11\/20 10:00）/);
    await g.capture('history');
    await page.getByRole('link', { name: NIJI, exact: true }).click();
    await g.heading(NIJI).waitFor();
    assert.match(await g.main(), /利用できます（申請した施設）/);
    assert.match(await g.main(), /施設の紹介\s+城内の住宅街にある保育園です。/);
    await g.capture('detail-applied-for');
    await context.close();

    // ---- The same guardian on a phone that refuses the location: the starting point instead ----
    const { context: refusing, visitor: r } = await newVisitor(browser, server, shots, { phone: true, permissions: [] });
    await r.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD);
    await r.page.goto('/facilities/nearby');
    await r.button('現在地を使う').click();
    await r.page.getByRole('status').filter({ hasText: '位置情報の利用が許可されていません' }).waitFor();
    await r.page.getByLabel('出発地').selectOption({ label: '新潟県 長岡市役所' });
    await r.capture('nearby-location-refused');
    await r.button('この場所から探す').click();
    await r.heading('長岡市役所から近い施設', 2).waitFor();
    assert.equal((await cardNames(r.page))[0], SORA);
    await r.capture('nearby-from-another-office');
    await refusing.close();
  });
});
