// Issue 10 in Chromium: an operator adds 柏崎市 with `npm run admin -- add-municipality` (the
// command itself, on the data folder the app then starts on); its first staff member opens the mail, sets the password through the link, logs in, opens
// 設定, makes a mistake (the form comes back with the values and messages), then records a change
// from next month with an extra bucket, which is shown as upcoming. Screenshots:
// test-results/admin-NN-*.png, each checked with axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Shots, newVisitor, walkGuide } from '../helpers/guide-visitor.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdminCommand } from '../helpers/admin-command.ts';
import { child as childOf } from '../reservations/world.ts';

const STAFF_EMAIL = 'kosodate@city.kashiwazaki.example.jp';
const PASSWORD = 'Kashiwazaki-2026!';
const FACILITY = 'うみかぜ保育園（架空）';
const FACILITY_STAFF_EMAIL = 'umikaze@kashiwazaki.example.jp';

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

test('issue 10: a municipality added by an operator; its staff set the password, log in and change the settings from a month', async (t) => {
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
  }, operatorAddsKashiwazaki);
});
