// Issue 10 in Chromium, running the scheme for a year's first month: an operator adds 柏崎市 with
// `npm run admin -- add-municipality` (the command itself, on the data folder the app then starts
// on). Its first staff member opens the mail, sets the password, logs in and records a settings
// change from a later month (after a mistake: the form comes back with the values and messages);
// registers a facility, issues its staff login and approves it (認可・確認); records a child's
// change of name from next month. A month of uses is put in (two children of 柏崎市, one of 長岡市);
// on 1 December the facility submits November's claim to 柏崎市 (長岡市's is a claim of its own);
// 柏崎市 reviews it line by line, approves it and records the payment; the family reads the
// 法定代理受領のお知らせ on a phone. Screenshots: test-results/admin-NN-*.png, each checked with axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Shots, newVisitor, walkGuide } from '../helpers/guide-visitor.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdminCommand } from '../helpers/admin-command.ts';
import { child as childOf, municipality as newMunicipality } from '../reservations/world.ts';
import { recordedUse } from '../helpers/uses.ts';
import { GUARDIAN_PASSWORD } from '../helpers/journeys.ts';
import { hashPassword } from '../../src/accounts/queries.ts';

const STAFF_EMAIL = 'kosodate@city.kashiwazaki.example.jp';
const PASSWORD = 'Kashiwazaki-2026!';
const FACILITY = 'うみかぜ保育園（架空）';
const FACILITY_STAFF_EMAIL = 'umikaze@kashiwazaki.example.jp';
const FACILITY_PASSWORD = 'Umikaze-Hoikuen-2026';

/** What the operator types: npm run admin -- add-municipality … */
const ADD_KASHIWAZAKI = [
  'add-municipality',
  '--code', '152048',
  '--name', '柏崎市',
  '--name-en', 'Kashiwazaki',
  '--prefecture', '新潟県',
  '--allowance-hours', '10',
  '--named-facility-only', 'no',
  '--office-name', '柏崎市役所',
  '--office-lat', '37.3719',
  '--office-lng', '138.5590',
  '--staff-email', STAFF_EMAIL,
  '--staff-name', '柏崎 太郎',
];

/** Screenshots named admin-NN-<name> rather than after a step of the guide. */
class AdminShots extends Shots {
  private n = 0;
  override next(name: string): string {
    this.n += 1;
    const file = `admin-${String(this.n).padStart(2, '0')}-${name}`;
    this.names.push(file);
    return file;
  }
}

test('issue 10: an operator adds a municipality; its staff change the settings, approve a facility, change a certification, and approve and pay a claim computed from a month of uses', async (t) => {
  let dataDir = '';
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  // The operator's command writes the data folder before the app starts on it.
  const operatorAddsKashiwazaki = async (baseUrl: string) => {
    dataDir = await mkdtemp(join(tmpdir(), 'tsuen-walk-'));
    const run = await runAdminCommand(ADD_KASHIWAZAKI, { DATA_DIR: dataDir, BASE_URL: baseUrl });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /柏崎市/);
    return { dataDir };
  };
  await walkGuide(t, 10, async ({ browser, server }) => {
    const shots = new AdminShots(10);
    const { visitor: s } = await newVisitor(browser, server, shots, { phone: false });
    const page = s.page;
    await s.openNewestMail(STAFF_EMAIL, '市区町村職員アカウント発行のお知らせ', 'account');
    assert.match(await s.mailBody().innerText(), /柏崎市の職員として/);
    await s.mailLink('/password-reset/').click();
    await page.getByRole('heading', { level: 1, name: 'パスワードリセット', exact: true }).waitFor();
    await page.getByLabel(/^新しいパスワード\s*※必須$/).fill(PASSWORD);
    await page.getByLabel('新しいパスワード（確認のためもう一度）').fill(PASSWORD);
    await s.capture('set-password');
    await s.button('パスワードを設定する').click();
    await s.heading('パスワードを設定しました').waitFor();
    await s.logIn(STAFF_EMAIL, PASSWORD, { expectTerms: true });

    await s.link('設定').click();
    await s.heading('市区町村の設定').waitFor();
    assert.match(await s.main(), /2026年11月の設定（現在）/);
    await s.capture('settings');

    // A mistake: 11 hours, and an extra bucket without a name.
    await page.getByLabel(/^1か月の利用可能時間/).fill('11');
    await page.getByLabel(/^1か月の時間/).fill('38');
    await s.button('この内容で変更を登録する').click();
    await s.heading('市区町村の設定').waitFor();
    assert.match(await page.title(), /^エラー：/);
    assert.equal(await page.getByLabel(/^1か月の利用可能時間/).inputValue(), '11');
    assert.equal(await page.getByLabel(/^1か月の時間/).inputValue(), '38');
    await s.capture('settings-errors');

    // Choose January, then record the change.
    await page.getByLabel(/^適用開始月/).selectOption('2027-01');
    await s.button('この月からの設定を編集する').click();
    await s.heading('2027年1月1日から適用する設定', 2).waitFor();
    await page.getByLabel(/^1か月の利用可能時間/).fill('8');
    await page.getByLabel(/^名前/).fill('市立施設の定期利用');
    await page.getByLabel(/^1か月の時間/).fill('38');
    await page.getByRole('group', { name: /対象となる利用/ }).getByLabel('柔軟利用').uncheck();
    await page.getByLabel('遅れた時間のとおり数える').check();
    await page.getByLabel(/^お問い合わせの送り先メールアドレス/).fill('kodomo@city.kashiwazaki.example.jp');
    await s.capture('settings-edit');
    await s.button('この内容で変更を登録する').click();
    await page.getByText('2027年1月1日から適用する変更を登録しました。').waitFor();
    const upcoming = await page.locator('#upcoming').innerText();
    assert.match(upcoming, /2027年1月/);
    assert.match(upcoming, /利用可能時間：8時間/);
    assert.match(upcoming, /市立施設の定期利用 38時間（定期利用、市区町村内の施設のみ）/);
    assert.match(upcoming, /柏崎 太郎/);
    await s.capture('settings-saved');

    await page.goto('/language?to=en&back=/municipality/settings');
    await s.heading('Municipality settings').waitFor();
    await s.capture('settings-en');
    await page.goto('/language?to=ja&back=/municipality');

    // ---- A facility: registered, its staff login issued, then approved (認可・確認) ----
    await page.getByRole('navigation', { name: 'サイトメニュー' }).getByRole('link', { name: '施設の管理' }).click();
    await s.heading('施設の管理').waitFor();
    await s.link('施設を登録する').click();
    await s.heading('施設の登録').waitFor();
    await page.getByLabel('施設名').fill(FACILITY);
    await page.getByLabel('フリガナ').fill('うみかぜほいくえん');
    await page.getByLabel('施設の種類').selectOption({ label: '保育所' });
    await page.getByLabel('所在地').fill('新潟県柏崎市中央町5-50（架空）');
    await page.getByLabel('緯度').fill('37.3719');
    await page.getByLabel('経度').fill('138.5590');
    await page.getByLabel('電話番号').fill('0257-00-0101');
    await page.getByLabel('開所時刻').fill('8:00');
    await page.getByLabel('閉所時刻').fill('18:00');
    for (const day of ['月曜日', '火曜日', '水曜日', '木曜日', '金曜日']) await page.getByLabel(day).check();
    for (const age of ['0歳', '1歳', '2歳']) await page.getByLabel(age).check();
    await page.getByLabel('1日の定員（人）').fill('6');
    await page.getByLabel('1時間あたりの利用料（円）').fill('300');
    await s.button('登録する').click();
    await page.getByRole('status').filter({ hasText: '施設を登録しました' }).waitFor();
    await page.getByLabel('職員の氏名').fill('海風 園長');
    await page.getByLabel('メールアドレス（ログインID）').fill(FACILITY_STAFF_EMAIL);
    await s.button('アカウントを発行してメールを送る').click();
    await page.getByRole('status').filter({ hasText: '施設職員のアカウントを発行しました' }).waitFor();
    assert.match(await s.main(), /予約枠を公開できません/, 'not yet approved');
    await s.capture('facility-registered');

    await s.link('変更を記録する').click();
    await s.heading('認可・確認の変更を記録').waitFor();
    const dates = async (group: RegExp, [year, month, day]: [string, string, string]) => {
      const fields = page.getByRole('group', { name: group });
      await fields.getByLabel('年').fill(year);
      await fields.getByLabel('月').fill(month);
      await fields.getByLabel('日').fill(day);
    };
    await dates(/^効力をもつ日/, ['2026', '10', '1']);
    await page.getByLabel('一般型（専用の部屋）').check();
    await dates(/^認可日/, ['2026', '9', '15']);
    await dates(/^確認日/, ['2026', '10', '1']);
    await page.getByLabel(/^備考/).fill('柏崎市指令第123号（架空）');
    await s.capture('designation-form');
    await s.button('記録する').click();
    await page.getByRole('status').filter({ hasText: '認可・確認の記録を保存しました' }).waitFor();
    assert.match(await s.main(), /予約枠を公開できます/);
    await s.capture('facility-approved');

    // The facility's staff set their password from the mail while its link is fresh.
    const { visitor: f } = await newVisitor(browser, server, shots, { phone: false });
    await f.openNewestMail(FACILITY_STAFF_EMAIL, '施設職員アカウント発行のお知らせ');
    await f.mailLink('/password-reset').click();
    await f.heading('パスワードリセット申請').waitFor();
    await f.page.getByLabel('メールアドレス').fill(FACILITY_STAFF_EMAIL);
    await f.button('メール送信').click();
    await f.heading('メールを確認してください').waitFor();
    await f.openNewestMail(FACILITY_STAFF_EMAIL, 'パスワードリセットのご案内');
    await f.mailLink('/password-reset/').click();
    await f.page.getByLabel(/^新しいパスワード\s*※必須$/).fill(FACILITY_PASSWORD);
    await f.page.getByLabel('新しいパスワード（確認のためもう一度）').fill(FACILITY_PASSWORD);
    await f.button('パスワードを設定する').click();
    await f.heading('パスワードを設定しました').waitFor();

    // ---- 認定者の管理: a child's name changes from next month (変更認定) ----
    const kashiwazaki = await server.db.selectFrom('municipalities').select('id').where('code', '=', '15204').executeTakeFirstOrThrow();
    const kid = await childOf(server.db, kashiwazaki, '2025-04-10', { certifiedUntil: '2028-04-08' });
    await server.db.updateTable('children').set({ name: '柏崎 はると', name_kana: 'カシワザキ ハルト', certification_number: '15204000001' }).where('id', '=', kid.id).execute();
    await server.db.updateTable('users').set({ display_name: '柏崎 美咲', email: 'misaki@example.jp' }).where('id', '=', kid.guardianId).execute();
    await page.getByRole('navigation', { name: 'サイトメニュー' }).getByRole('link', { name: '認定者の管理' }).click();
    await s.heading('認定者の管理').waitFor();
    await s.link('柏崎 はると').click();
    await s.heading('柏崎 はると').waitFor();
    await page.getByLabel(/^お子さまの氏名/).fill('髙橋 はると');
    await page.getByLabel(/^フリガナ/).fill('タカハシ ハルト');
    await page.getByLabel(/^変更の理由/).fill('保護者の婚姻による氏の変更（届出 2026年11月20日）');
    await s.button('変更を登録する').click();
    await page.getByRole('status').filter({ hasText: '変更を登録しました。2026年12月1日から適用します。' }).waitFor();
    assert.match(await page.locator('#pending-changes').innerText(), /髙橋 はると/);
    await s.capture('certification-change');

    // ---- A month of uses at うみかぜ保育園: two children of 柏崎市, one of 長岡市 ----
    const facilityId = (await server.db.selectFrom('facilities').select('id').where('name', '=', FACILITY).executeTakeFirstOrThrow()).id;
    const baby = await childOf(server.db, kashiwazaki, '2026-03-20', { certifiedUntil: '2029-03-18' });
    await server.db.updateTable('children').set({ name: '柏崎 みお', name_kana: 'カシワザキ ミオ', certification_number: '15204000002' }).where('id', '=', baby.id).execute();
    // Only 柏崎市 is registered (the samples go into an empty database only): 長岡市 is added as the command would.
    const nagaoka = await newMunicipality(server.db);
    await server.db.updateTable('municipalities').set({ code: '15202', name: '長岡市', name_en: 'Nagaoka' }).where('id', '=', nagaoka.id).execute();
    const visitor = await childOf(server.db, nagaoka, '2025-08-01', { certifiedUntil: '2028-07-30' });
    const row = (c: { id: string; municipalityId: string }) => ({ id: c.id, municipality_id: c.municipalityId });
    // はると (1歳): 9:00–12:00 booked, 9:02–11:40 recorded → 3 hours; a same-day cancellation of 2 hours.
    await recordedUse(server.db, row(kid), facilityId, '2026-11-05', '09:00', '12:00', { in: '09:02', out: '11:40' });
    await recordedUse(server.db, row(kid), facilityId, '2026-11-19', '13:00', '15:00', { status: 'late_cancelled' });
    // The baby (0歳): 50 minutes recorded → 1 hour.
    await recordedUse(server.db, row(baby), facilityId, '2026-11-12', '10:00', '11:00', { in: '10:05', out: '10:55' });
    // A child of 長岡市: a claim of its own, to 長岡市.
    await recordedUse(server.db, row(visitor), facilityId, '2026-11-26', '09:00', '11:00', { in: '09:00', out: '11:00' });

    // ---- 1 December: the facility submits November's claim to 柏崎市 ----
    server.clock.set('2026-12-01T01:00:00Z');
    await f.logIn(FACILITY_STAFF_EMAIL, FACILITY_PASSWORD, { expectTerms: true });
    await f.page.locator('[data-qa="facility-claims"]').click();
    await f.heading('給付費の請求').waitFor();
    const claims = await f.main();
    assert.match(claims, /2026年11月/);
    assert.match(claims, /柏崎市/);
    assert.match(claims, /長岡市/, 'one claim per home municipality');
    await f.capture('facility-claims');
    await f.page.locator('[data-qa="claim-link"]').filter({ hasText: '柏崎市' }).click();
    // 3 h × 1,400 + 2 h × 1,400 (same-day cancellation) + 1 h × 1,700 = 8,700 yen.
    assert.match(await f.page.locator('[data-qa="claim-total"]').innerText(), /8,700/);
    await f.capture('facility-claim');
    await f.page.locator('[data-qa="claim-submit"]').click();
    await f.page.getByRole('status').filter({ hasText: '請求を提出しました。' }).waitFor();
    assert.match(await f.page.locator('[data-qa="claim-status"]').innerText(), /提出済/);
    await f.capture('facility-claim-submitted');

    // ---- 柏崎市 reviews it line by line, approves it and records the payment ----
    await s.logIn(STAFF_EMAIL, PASSWORD);
    // The start page says a claim is waiting.
    await page.goto('/municipality');
    assert.equal(await page.locator('[data-qa="waiting-claims"]').innerText(), '審査を待っている請求が1件あります。');
    await s.capture('municipality-home');
    await page.getByRole('navigation', { name: 'サイトメニュー' }).getByRole('link', { name: '給付費の請求' }).click();
    await s.heading('給付費の請求の審査').waitFor();
    assert.doesNotMatch(await s.main(), /長岡市/, "長岡市's claim is not 柏崎市's to see");
    await s.capture('municipality-claims');
    await page.locator('[data-qa="claim-link"]').filter({ hasText: FACILITY }).click();
    const lines = await s.main();
    assert.match(lines, /柏崎 はると/);
    assert.match(lines, /当日キャンセル/);
    assert.match(lines, /0歳/);
    await s.capture('municipality-claim');
    await page.locator('[data-qa="claim-approve"]').click();
    await page.getByRole('status').filter({ hasText: '承認しました。' }).waitFor();
    await page.locator('[data-qa="claim-pay"]').click();
    await page.getByRole('status').filter({ hasText: '支払を記録しました。' }).waitFor();
    assert.match(await s.main(), /支払済/);
    await s.capture('municipality-claim-paid');

    // November in the statistics: the uses at うみかぜ保育園 by age class, charts with their tables.
    await page.goto('/municipality/statistics?month=2026-11');
    await s.heading('利用状況の統計').waitFor();
    const usage = page.locator('[data-qa="statistics-use"]');
    assert.match(await usage.getByRole('rowheader', { name: FACILITY }).innerText(), /うみかぜ/);
    await s.capture('statistics');

    // ---- The family reads what the facility received on their behalf (法定代理受領) ----
    await server.db.updateTable('users').set({ password_hash: await hashPassword(GUARDIAN_PASSWORD) }).where('id', '=', kid.guardianId).execute();
    const { visitor: g } = await newVisitor(browser, server, shots, { phone: true });
    await g.logIn('misaki@example.jp', GUARDIAN_PASSWORD);
    await g.page.goto('/usage?month=2026-11');
    const notice = await g.page.locator('[data-qa="receipt-notice"]').innerText();
    assert.match(notice, new RegExp(FACILITY.replace(/[()（）]/g, '.')));
    assert.match(notice, /7,000円/, "はると's 5 hours at 1,400 yen");
    assert.match(notice, /受領済/);
    await g.capture('guardian-receipt-notice');

    // ---- The family applies for a fee reduction with a photo of the certificate; 柏崎市 approves it ----
    await g.page.goto('/mypage');
    await g.link('利用料減免の申請').click();
    await g.heading('利用料減免の申請').waitFor();
    await g.page.getByLabel('柏崎 はると').check();
    await g.page.getByLabel(/^市町村民税非課税世帯/).check();
    // A real PNG header: the type is read from the content, not the name.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 1)]);
    await g.page.getByLabel(/^書類/).setInputFiles({ name: '非課税証明書.png', mimeType: 'image/png', buffer: png });
    await g.page.getByLabel('入力した内容と書類に誤りがないことを確認しました').check();
    await g.capture('guardian-reduction-form');
    await g.button('申請する').click();
    await g.page.getByRole('status').filter({ hasText: '申請を受け付けました' }).waitFor();
    assert.match(await g.main(), /審査中/);

    await page.goto('/municipality/fee-reductions');
    await page.locator('#pending-applications').getByRole('link', { name: '柏崎 はると' }).click();
    await s.heading('柏崎 はるとさんの利用料減免の申請').waitFor();
    assert.match(await s.main(), /非課税証明書\.png（PNG画像・2 KB）/);
    await s.capture('municipality-reduction');
    await s.button('認定する').click();
    await page.getByRole('status').filter({ hasText: '認定しました。' }).waitFor();
    await g.page.reload();
    assert.match(await g.main(), /市町村民税非課税世帯（2026年12月1日～2027年8月31日）/);

    // ---- The same screens in English (layout and axe-core again) ----
    const claimUrl = (await server.db.selectFrom('claims').select('id').where('municipality_id', '=', kashiwazaki.id).executeTakeFirstOrThrow()).id;
    await page.goto(`/language?to=en&back=/municipality/claims/${claimUrl}`);
    await s.heading(/Claim|claim/).waitFor();
    assert.match(await s.main(), /Paid/);
    await s.capture('municipality-claim-en');
    await page.goto(`/municipality/children/${kid.id}`);
    await s.heading('Change the certification', 2).waitFor();
    await s.capture('certification-en');
    await g.page.goto('/language?to=en&back=/reductions');
    await g.heading('Apply for a fee reduction').waitFor();
    await g.capture('guardian-reduction-en');
    await f.page.goto(`/language?to=en&back=/facility/claims/${claimUrl}`);
    await f.heading(/claim/i).waitFor();
    await f.capture('facility-claim-en');
  }, operatorAddsKashiwazaki);
});
