// Guide steps 6 (初回面談) and 7 (施設の予約（定期利用）) walked in Chromium the way a new family
// would, holding the guide: a registered guardian, on a phone, finds the facility named in the
// application, opens its 予約 tab and books a first interview (STEP1 → STEP2 → the month calendar
// → start and end → 注意事項 → comment → 確認画面 → 予約内容を送信する → 仮予約, and the mail). The
// facility's staff, in a second browser context on a desktop, confirm it in 予約受付 (the family
// gets 予約確定), and after the interview record 利用承認. Back on the phone the guardian books
// 定期利用 every week for a period — the page lists every date and whether it fits — with
// お迎えに来られる方, then opens 予約一覧 (status, the allowance meter) and cancels one date, told
// before confirming that the hours are freed. Every screen is saved to test-results/
// (step6-NN-*.png, step7-NN-*.png) and checked with axe-core; the manual's pictures come from here.
//
// The family is set up over HTTP with the journey helpers (steps 1–2 have their own walk), with one
// お迎え予定者 put in directly (step 4's walk shows the profile screens).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import type { BrowserContext } from 'playwright-core';
import { assertAccessible, screenshot } from '../helpers/browser.ts';
import { PHONE, newVisitor, walkGuide, type GuideVisitor, type Shots } from '../helpers/guide-visitor.ts';
import { GUARDIAN_PASSWORD, addPickupPerson, approvedGuardian, childrenOf, facilityIdOf } from '../helpers/journeys.ts';

const GUARDIAN_EMAIL = 'step67.ojiya@example.com';
/** The staff login of にじいろ保育園 (src/seed.ts). */
const FACILITY_STAFF_EMAIL = 'staff@niji.ojiya.example.jp';
const NIJI = 'にじいろ保育園（架空）';
const CHILD = '小千谷 さくら';
const COMMENT = '人見知りがあるので、はじめは母も一緒にいてよいでしょうか。';
const STAFF_NOTE = 'はじめの数回は母が同席。食物アレルギーなし。';
/** The day after the interview, 9:00 in Tokyo: the facility records the outcome, the family books. */
const AFTER_INTERVIEW = '2026-12-01T00:00:00Z';

/** Site menu → 施設を探す → a way to search (its results saved as `resultsShot`) → にじいろ保育園 → its 予約 tab. */
async function openReserveTab(g: GuideVisitor, way: string, resultsShot?: { name: string; step: number }): Promise<void> {
  const page = g.page;
  await page.getByRole('navigation', { name: 'サイトメニュー' }).getByRole('link', { name: '施設を探す' }).click();
  await g.heading('施設を探す').waitFor();
  await g.link(way).click();
  await g.heading(way).waitFor();
  if (resultsShot) {
    assert.match(await page.locator('li.facility-card').filter({ hasText: NIJI }).innerText(), /初回面談/);
    await g.capture(resultsShot.name, resultsShot.step);
  }
  await g.link(NIJI).first().click();
  await g.heading(NIJI).waitFor();
  await page.getByRole('navigation', { name: '施設のページ' }).getByRole('link', { name: '予約' }).click();
  await g.heading('STEP1 ご利用のお子さまを選択', 2).waitFor();
}

/** STEP1: the child is chosen (the only one is preselected) → 適用する; STEP2 appears. */
async function chooseChild(g: GuideVisitor): Promise<void> {
  const step1 = g.page.locator('section[aria-labelledby=step1-heading]');
  assert.ok(await step1.getByLabel(CHILD).isChecked(), 'the only child is chosen already');
  await step1.getByRole('button', { name: '適用する' }).click();
  await g.heading('STEP2 予約種別の選択', 2).waitFor();
}

/** Japanese script (kana and kanji) left in a text once the names it may carry are taken out. */
function japaneseIn(text: string, names: readonly string[]): string[] {
  let rest = text;
  for (const name of names) rest = rest.split(name).join(' ');
  return rest.split('\n').filter((line) => /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/.test(line));
}

/**
 * Opens each path in English on a 390 px phone: saves the screen (step<N>-NN-en-<name>), runs
 * axe-core, and returns what is wrong — sideways scrolling, Japanese words the screen left
 * untranslated (names, addresses and the facility's own notes aside).
 */
async function surveyInEnglish(context: BrowserContext, shots: Shots, step: number, pages: ReadonlyArray<[string, string]>, names: readonly string[]): Promise<string[]> {
  const page = await context.newPage();
  const problems: string[] = [];
  for (const [name, path] of pages) {
    await page.goto(path);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en', `${path} is in English`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > PHONE.width) problems.push(`${name}: ${width}px wide (${path})`);
    for (const line of japaneseIn(await page.locator('body').innerText(), names)) problems.push(`${name}: untranslated "${line.trim()}" (${path})`);
    await screenshot(page, shots.next(`en-${name}`, step));
    await assertAccessible(page, `en-${name}`);
  }
  await page.close();
  return problems;
}

test('guide steps 6–7: a first interview confirmed and approved by the facility, then regular use, 予約一覧 and a cancellation', async (t) => {
  await walkGuide(t, 6, async ({ browser, server, shots }) => {
    await approvedGuardian(server.app, server.db, GUARDIAN_EMAIL);
    await addPickupPerson(server.db, GUARDIAN_EMAIL, { name: '小千谷 太郎', relationship: '父', phone: '090-1234-5678' });

    // ================= Step 6: the first interview =================
    const { context: phone, visitor: g } = await newVisitor(browser, server, shots, { phone: true });
    const page = g.page;
    await g.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD);
    await g.heading('マイページ').waitFor();

    // ① 施設詳細画面の「予約」タブを開きます。
    await openReserveTab(g, '現在地から探す');
    await g.capture('reserve-tab');

    // ② STEP1 ご利用のお子さまを選択 → 適用する
    await chooseChild(g);
    const step2 = page.locator('section[aria-labelledby=step2-heading]');
    assert.equal(await step2.locator('[data-qa=kind-interview]').getAttribute('data-available'), 'yes');
    // 定期利用 and 柔軟利用 say why they cannot be chosen yet.
    for (const kind of ['regular', 'flexible']) {
      const choice = step2.locator(`[data-qa=kind-${kind}]`);
      assert.equal(await choice.getAttribute('data-available'), 'no');
      assert.match(await choice.innerText(), /先に初回面談を受けてください/);
    }
    await g.capture('kinds');

    // ③ STEP2 予約種別の選択 → 初回面談: the month calendar.
    await step2.getByRole('button', { name: '初回面談' }).click();
    await g.page.getByRole('table', { name: '2026年11月の予約枠' }).waitFor();
    await g.capture('calendar');

    // ④ カレンダーから希望日時を選び、「適用する」
    await page.locator('td[data-date="2026-11-30"] a[data-qa=slot-link]').first().click();
    await page.locator('#time-choice').waitFor();
    assert.match(await page.locator('[data-qa=chosen-slot]').innerText(), /2026年11月30日\(月\) 9:00〜12:00/);
    await page.getByLabel('開始時刻').selectOption({ label: '10:00' });
    await page.getByLabel('終了時刻').selectOption({ label: '11:00' });
    await g.capture('time');
    await page.locator('#time-choice').getByRole('button', { name: '適用する' }).click();

    // ⑤ 予約時の注意事項 → 了承して先に進む
    await g.heading('予約時の注意事項', 2).waitFor();
    assert.match(await g.main(), /持ち物：着替え、おむつ、水筒/);
    await g.capture('notes');
    await g.button('了承して先に進む').click();

    // ⑥ 施設へのコメント（任意） → 確認画面に進む
    await g.heading('施設へのコメント', 2).waitFor();
    await page.getByLabel('施設へのコメント').fill(COMMENT);
    await g.capture('comment');
    await g.button('確認画面に進む').click();

    // ⑦ 内容と同意事項を確認・チェック → 予約内容を送信する
    await g.heading('予約内容の確認', 2).waitFor();
    const confirm = await g.main();
    assert.match(confirm, /予約種別\s+初回面談/);
    assert.match(confirm, /2026年11月30日\(月\)/);
    assert.match(confirm, /10:00〜11:00/);
    assert.ok(confirm.includes(COMMENT));
    for (const box of await page.locator('main input[type=checkbox]').all()) await box.check();
    await g.capture('confirm');
    await g.button('予約内容を送信する').click();

    // 仮予約 on screen, and by mail.
    await g.heading('仮予約を受け付けました').waitFor();
    const interviewDone = new URL(page.url()).pathname;
    assert.match(await g.main(), /仮予約/);
    await g.capture('provisional');
    await g.openNewestMail(GUARDIAN_EMAIL, '仮予約を受け付けました', 'provisional');
    assert.match(await g.mailBody().innerText(), /にじいろ保育園（架空）の初回面談の仮予約を受け付けました/);

    // ---- The facility's staff, at the office desktop: 予約受付 → 確定する ----
    const { context: office, visitor: s } = await newVisitor(browser, server, shots, { phone: false });
    await s.logIn(FACILITY_STAFF_EMAIL, SAMPLE_PASSWORD);
    await s.heading('施設の業務').waitFor();
    await s.capture('staff-home');
    await s.link(/予約受付/).first().click();
    await s.heading('予約受付').waitFor();
    const inboxCard = s.page.locator('[data-qa=inbox-booking]').filter({ hasText: CHILD });
    assert.match(await inboxCard.innerText(), /初回面談/);
    await s.capture('staff-inbox');
    await inboxCard.getByRole('link', { name: /内容を見て確定・辞退する/ }).click();
    await s.heading(`予約の内容：${CHILD}さん`).waitFor();
    assert.ok((await s.main()).includes(COMMENT));
    await s.capture('staff-booking');
    await s.button('確定する').click();
    await s.page.getByRole('status').filter({ hasText: '予約を確定しました' }).waitFor();
    await s.capture('staff-confirmed');
    await office.close();

    // The family's 予約確定 mail.
    await g.openNewestMail(GUARDIAN_EMAIL, '予約確定のお知らせ', 'confirmed');
    assert.match(await g.mailBody().innerText(), /2026年11月30日/);
    await phone.close();

    // ---- The interview is held on 30 November; the next morning the staff record the outcome ----
    server.clock.set(AFTER_INTERVIEW);
    const { context: office2, visitor: s2 } = await newVisitor(browser, server, shots, { phone: false });
    await s2.logIn(FACILITY_STAFF_EMAIL, SAMPLE_PASSWORD);
    await s2.link('初回面談の結果').first().click();
    await s2.heading('初回面談の結果').waitFor();
    await s2.capture('staff-interviews', 6);
    await s2.link(CHILD).click();
    await s2.heading(`初回面談の結果：${CHILD}さん`).waitFor();
    await s2.page.getByLabel('利用承認する').check();
    await s2.page.getByLabel('認定証（乳児等支援給付認定）の確認').check();
    await s2.page.getByLabel('お子さまの様子（心身の状態）').check();
    await s2.page.getByLabel('施設のメモ（保護者には伝わりません）').fill(STAFF_NOTE);
    await s2.capture('staff-outcome', 6);
    await s2.button('結果を記録して保護者に知らせる').click();
    await s2.page.getByRole('status').filter({ hasText: '利用承認を記録しました' }).waitFor();
    await s2.capture('staff-approved', 6);
    await office2.close();

    // ================= Step 7: regular use =================
    const { context: phone2, visitor: g7 } = await newVisitor(browser, server, shots, { phone: true });
    const p7 = g7.page;
    await g7.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD);
    await g7.openNewestMail(GUARDIAN_EMAIL, '利用承認のお知らせ', 'approved', 7);
    // ① 面談・利用歴からさがす → 施設の詳細 → 予約 tab
    await openReserveTab(g7, '面談・利用歴から探す', { name: 'history', step: 7 });
    // ② STEP1 → 適用する
    await chooseChild(g7);
    const kinds7 = p7.locator('section[aria-labelledby=step2-heading]');
    assert.equal(await kinds7.locator('[data-qa=kind-regular]').getAttribute('data-available'), 'yes');
    assert.match(await kinds7.locator('[data-qa=kind-interview]').innerText(), /初回面談は必要ありません/);
    await g7.capture('kinds', 7);
    // ③ 定期利用
    await kinds7.getByRole('button', { name: '定期利用' }).click();
    await p7.getByRole('table', { name: '2026年12月の予約枠' }).waitFor();
    assert.match(await p7.locator('[data-qa=allowance]').innerText(), /残り10時間/);
    await g7.capture('calendar', 7);
    // ④ ご利用可能枠（毎週・隔週）から選ぶ: Wednesday mornings, 9:00–12:00, every week until the end of the year.
    await p7.locator('td[data-date="2026-12-02"] a[data-qa=slot-link]').first().click();
    await p7.locator('#time-choice').waitFor();
    await p7.getByLabel('開始時刻').selectOption({ label: '9:00' });
    await p7.getByLabel('終了時刻').selectOption({ label: '12:00' });
    await p7.getByLabel('毎週').check();
    await p7.getByLabel('期間の終わり').fill('2026-12-30');
    await g7.button('日程を確認する').click();
    const preview = p7.locator('[data-qa=series-preview]');
    await preview.waitFor();
    const dates = await preview.locator('[data-qa=series-date]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-date'), r.getAttribute('data-fits'), r.textContent?.trim()]));
    assert.deepEqual(
      dates.map(([date, fits]) => [date, fits]),
      [
        ['2026-12-02', 'yes'],
        ['2026-12-09', 'yes'],
        ['2026-12-16', 'yes'],
        ['2026-12-23', 'no'],
        ['2026-12-30', 'no'],
      ],
      `every date with whether it fits: ${JSON.stringify(dates)}`,
    );
    await g7.capture('preview', 7);
    await g7.button('予約に進む').click();
    // ⑤ 注意事項 → 了承して先に進む
    await g7.heading('予約時の注意事項', 2).waitFor();
    await g7.capture('notes', 7);
    await g7.button('了承して先に進む').click();
    // ⑥ お迎えに来られる方 and a comment → 確認画面に進む
    await g7.heading('お迎えと施設へのコメント', 2).waitFor();
    await p7.getByLabel('小千谷 太郎（父）').check();
    await g7.capture('pickup', 7);
    await g7.button('確認画面に進む').click();
    // ⑦ 確認 → 同意 → 予約内容を送信する
    await g7.heading('予約内容の確認', 2).waitFor();
    assert.match(await g7.main(), /お迎えに来られる方\s+小千谷 太郎（父）/);
    for (const box of await p7.locator('main input[type=checkbox]').all()) await box.check();
    await g7.capture('confirm', 7);
    await g7.button('予約内容を送信する').click();
    await g7.heading('仮予約を受け付けました').waitFor();
    const seriesDone = new URL(p7.url());
    await g7.capture('provisional', 7);

    // 予約一覧: every booking with its status, and the allowance meter.
    await p7.getByRole('navigation', { name: 'サイトメニュー' }).getByRole('link', { name: '予約一覧' }).click();
    await g7.heading('予約一覧').waitFor();
    const list = await g7.main();
    assert.match(list, /12月の利用可能時間/);
    await g7.capture('list', 7);

    // Cancel 9 December alone: before the deadline, so the page says the hours are freed.
    const dec9 = p7.locator('[data-qa=booking]').filter({ hasText: '2026年12月9日' });
    await dec9.getByRole('link', { name: /キャンセルする/ }).click();
    await g7.heading('予約のキャンセル').waitFor();
    assert.match(await p7.locator('[data-qa=cancel-effect]').innerText(), /利用可能時間に戻ります/);
    await g7.capture('cancel', 7);
    await p7.getByLabel(/この日（.*）だけキャンセルする/).check();
    await p7.locator('[data-qa=confirm-cancel]').click();
    await g7.heading('キャンセルしました').waitFor();
    await g7.capture('cancelled', 7);
    const cancelled = new URL(p7.url()).pathname;

    // ================= Every reservations screen in English, on a 390 px phone =================
    const niji = await facilityIdOf(server.db, NIJI);
    const [child] = await childrenOf(server.db, GUARDIAN_EMAIL);
    assert.ok(child);
    const bookings = await server.db.selectFrom('reservations').select(['id', 'starts_at', 'status']).where('child_id', '=', child.id).orderBy('starts_at').execute();
    const on = (date: string) => bookings.find((b) => b.starts_at.toISOString().startsWith(date))!.id;
    const afternoon = await server.db
      .selectFrom('slots')
      .select('id')
      .where('facility_id', '=', niji)
      .where('starts_at', '=', new Date('2026-12-07T04:00:00Z'))
      .executeTakeFirstOrThrow();
    const notes = (await server.db.selectFrom('facility_offers').select('booking_notes').where('facility_id', '=', niji).executeTakeFirstOrThrow()).booking_notes;
    // Names and what people wrote stay as written; the outcome's note is a record, kept in Japanese;
    // a closed day's reason goes into the (Japanese) mail, so its example is Japanese.
    const names = [
      NIJI, CHILD, 'オヂヤ サクラ', '小千谷 花子', '小千谷 太郎', '（父）', '(父)', '職員（サンプル）', COMMENT, STAFF_NOTE,
      '新潟県小千谷市城内1丁目1-1（架空）', '日本語', '確認したこと：認定証（乳児等支援給付認定）の確認、お子さまの様子（心身の状態）', '運動会のため',
      ...notes.split('\n'),
    ];
    const reserve = `/facilities/${niji}/reserve`;
    const regular = `child=${child.id}&kind=regular&slot=${afternoon.id}&start=13:00&end=15:00&frequency=biweekly&until=2027-01-31`;
    const flexible = `child=${child.id}&kind=flexible&slot=${afternoon.id}&start=13:00&end=14:30`;
    await phone2.addCookies([{ name: 'lang', value: 'en', url: server.baseUrl }]);
    const problems = await surveyInEnglish(phone2, shots, 7, [
      ['list', '/reservations'],
      ['list-past', `/reservations?child=${child.id}&show=past`],
      ['cancel', `/reservations/${on('2026-12-16')}/cancel`],
      ['cancelled', cancelled],
      ['pickup-change', `/reservations/${on('2026-12-02')}/pickup-change`],
      ['reserve-tab', reserve],
      ['kinds', `${reserve}?child=${child.id}`],
      ['calendar', `${reserve}?child=${child.id}&kind=regular`],
      ['preview', `${reserve}?${regular}`],
      ['notes', `${reserve}/notes?${regular}`],
      ['details', `${reserve}/details?${regular}`],
      ['flexible-time', `${reserve}?${flexible}`],
      ['flexible-notes', `${reserve}/notes?${flexible}`],
      ['interview-done', interviewDone],
      ['series-done', `${seriesDone.pathname}${seriesDone.search}`],
    ], names);
    await phone2.close();

    // The facility's staff on a phone, in English.
    const { context: staffPhone, visitor: sp } = await newVisitor(browser, server, shots, { phone: true });
    await sp.logIn(FACILITY_STAFF_EMAIL, SAMPLE_PASSWORD);
    await staffPhone.addCookies([{ name: 'lang', value: 'en', url: server.baseUrl }]);
    problems.push(
      ...(await surveyInEnglish(staffPhone, shots, 7, [
        ['staff-home', '/facility'],
        ['staff-inbox', '/facility/reservations'],
        ['staff-booking', `/facility/reservations/${on('2026-12-16')}`],
        ['staff-day', '/facility/reservations/day?date=2026-12-02'],
        ['staff-interviews', '/facility/reservations/interviews'],
        ['staff-outcome', `/facility/reservations/interviews/${child.id}`],
        ['staff-phone', '/facility/reservations/phone'],
        ['staff-setup', '/facility/booking-setup'],
        ['staff-setup-edit', '/facility/booking-setup/offer/edit'],
        ['staff-templates', '/facility/booking-setup/templates'],
        ['staff-template-new', '/facility/booking-setup/templates/new'],
        ['staff-closed-days', '/facility/booking-setup/closed-days'],
        ['staff-slots', '/facility/booking-setup/slots'],
        ['staff-pickup-changes', '/facility/pickup-changes'],
      ], names)),
    );
    await staffPhone.close();
    assert.deepEqual(problems, [], 'the reservations screens in English on a phone');
  });
});
