// Issue 10 in Chromium: an operator adds 柏崎市 (the same function `npm run admin -- add-municipality`
// runs); its first staff member opens the mail, sets the password through the link, logs in, opens
// 設定, makes a mistake (the form comes back with the values and messages), then records a change
// from next month with an extra bucket, which is shown as upcoming. Screenshots:
// test-results/admin-NN-*.png, each checked with axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Shots, newVisitor, walkGuide } from '../helpers/guide-visitor.ts';
import { addMunicipality } from '../../src/municipalities/admin-queries.ts';

const STAFF_EMAIL = 'kosodate@city.kashiwazaki.example.jp';
const PASSWORD = 'Kashiwazaki-2026!';

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
  await walkGuide(t, 10, async ({ browser, server }) => {
    const result = await addMunicipality(server.db, server.clock, server.baseUrl, {
      code: '15204',
      prefectureCode: 15,
      name: '柏崎市',
      nameEn: 'Kashiwazaki',
      monthlyAllowanceMinutes: 600,
      namedFacilityOnly: false,
      supportEmail: null,
      officeName: '柏崎市役所',
      officeLatitude: 37.3719,
      officeLongitude: 138.559,
      staff: { email: STAFF_EMAIL, displayName: '柏崎 太郎' },
    });
    assert.equal(result.kind, 'created');

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
  });
});
