// Municipality staff manage their own facilities (guide step 5, behind the scenes): create and
// edit with every field, rejected input re-shown with its messages and the values typed, staff
// logins with a mailed way to set the password — and who is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf, type FormFields } from '../helpers/http.ts';
import { lastMailTo, linksIn, pathOf } from '../helpers/mail.ts';
import { GUARDIAN_PASSWORD, OJIYA, logIn, logInAsStaff, newGuardian } from '../helpers/journeys.ts';
import { page as parse } from '../helpers/page.ts';
import { fieldId } from '../../src/platform/ui/forms.tsx';
import { hasLinkTo, hrefsOfLinksNamed, summaryTargets } from './support.ts';

let t: TestApp;
let ojiyaStaff: TestClient;
let nagaokaStaff: TestClient;
before(async () => {
  t = await startTestApp();
  ojiyaStaff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
  nagaokaStaff = await logInAsStaff(t.app, t.db, 'city-staff@nagaoka.example.jp');
});
after(() => t.close());

function facilityFields(overrides: FormFields = {}): FormFields {
  return {
    name: 'おひさま保育園（テスト）',
    nameKana: 'おひさまほいくえん', // hiragana is accepted and stored as katakana
    facilityType: 'nursery',
    introduction: '川沿いの保育園です。\n季節の行事を大切にしています。',
    address: '新潟県小千谷市土川1丁目2-3',
    latitude: '３７．３２１', // full-width, as typed on a Japanese keyboard
    longitude: '138.801',
    phone: '0258-00-0999',
    opensAt: '８：００',
    closesAt: '18時30分',
    'openDays.1': 'yes',
    'openDays.2': 'yes',
    'openDays.3': 'yes',
    'openDays.4': 'yes',
    'openDays.5': 'yes',
    'openDays.6': 'yes',
    'ages.1': 'yes',
    'ages.2': 'yes',
    dailyCapacity: '4',
    feePerHour: '1,200円',
    notes: '持ち物：着替え',
    ...overrides,
  };
}

/** Facilities by name: tests add facilities, so "the first one" would change under them. */
async function facilityNamed(name: string): Promise<string> {
  return (await t.db.selectFrom('facilities').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

async function municipalityIdOf(code: string): Promise<string> {
  return (await t.db.selectFrom('municipalities').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function createFacility(client: TestClient, overrides: FormFields = {}): Promise<string> {
  const created = await client.submitForm('/municipality/facilities/new', facilityFields(overrides), '/municipality/facilities');
  assert.equal(created.status, 303, textOf(created.body).slice(0, 500));
  const id = /\/municipality\/facilities\/([0-9a-f-]{36})\?done=created$/.exec(created.location ?? '')?.[1];
  assert.ok(id, `redirected to ${created.location}`);
  return id;
}

describe('the list', () => {
  test('shows this municipality’s facilities only', async () => {
    const page = await ojiyaStaff.get('/municipality/facilities');
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /にじいろ保育園（架空）/);
    assert.match(text, /ひまわりこども園（架空）/);
    assert.doesNotMatch(text, /そらいろ保育園/, 'Nagaoka’s facility is not listed');
    assert.ok(hasLinkTo(parse(page.body), '/municipality/facilities/new'), 'a link to register a facility');
  });

  test('the site menu has 施設の管理 for municipality staff', async () => {
    const page = await ojiyaStaff.get('/municipality');
    assert.ok(hrefsOfLinksNamed(parse(page.body), '施設の管理').includes('/municipality/facilities'));
  });
});

describe('creating and editing', () => {
  test('a new facility is stored with every field, normalised', async () => {
    const id = await createFacility(ojiyaStaff);
    const row = await t.db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.municipality_id, await municipalityIdOf(OJIYA));
    assert.equal(row.name, 'おひさま保育園（テスト）');
    assert.equal(row.name_kana, 'オヒサマホイクエン');
    assert.equal(row.facility_type, 'nursery');
    assert.equal(row.latitude, 37.321);
    assert.equal(row.longitude, 138.801);
    assert.equal(row.opens_at, '08:00:00');
    assert.equal(row.closes_at, '18:30:00');
    assert.deepEqual(row.open_days, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(row.ages_accepted, [1, 2]);
    assert.equal(row.daily_capacity, 4);
    assert.equal(row.fee_per_hour, 1200);
    assert.equal(row.introduction, '川沿いの保育園です。\n季節の行事を大切にしています。');
    assert.equal(row.notes, '持ち物：着替え');

    const page = await ojiyaStaff.get(`/municipality/facilities/${id}?done=created`);
    const text = textOf(page.body);
    assert.match(text, /施設を登録しました/);
    assert.match(text, /月～土 8:00～18:30/);
    assert.match(text, /1時間 1,200円/);
    assert.match(text, /1歳・2歳/);
    const audit = await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).execute();
    assert.deepEqual(audit.map((a) => a.action), ['facility.create']);
  });

  test("a new facility starts with the municipality's cancellation deadline in effect this month (取消期限の初期値)", async () => {
    const ojiya = await municipalityIdOf(OJIYA);
    const before = await createFacility(ojiyaStaff);
    const offerOf = (id: string) => t.db.selectFrom('facility_offers').select('cancel_minutes_before_day').where('facility_id', '=', id).executeTakeFirstOrThrow();
    assert.equal((await offerOf(before)).cancel_minutes_before_day, 0, 'the national default: until 0:00 on the day');
    await t.db.updateTable('municipalities').set({ default_cancel_minutes_before_day: 1440 }).where('id', '=', ojiya).execute();
    try {
      const after = await createFacility(ojiyaStaff);
      assert.equal((await offerOf(after)).cancel_minutes_before_day, 1440, 'until 0:00 the day before');
      assert.equal((await offerOf(before)).cancel_minutes_before_day, 0, 'an existing facility keeps its own');
    } finally {
      await t.db.updateTable('municipalities').set({ default_cancel_minutes_before_day: 0 }).where('id', '=', ojiya).execute();
    }
  });

  test('rejected input is shown again with a message at each field and the values typed', async () => {
    const before = await t.db.selectFrom('facilities').select('id').execute();
    const answer = await ojiyaStaff.submitForm(
      '/municipality/facilities/new',
      facilityFields({
        nameKana: 'Ohisama',
        latitude: '137.3', // 緯度と経度を取り違えた
        phone: '12345',
        opensAt: '18:00',
        closesAt: '8:00',
        'openDays.1': [],
        'openDays.2': [],
        'openDays.3': [],
        'openDays.4': [],
        'openDays.5': [],
        'openDays.6': [],
        dailyCapacity: '0',
        feePerHour: 'three hundred',
        facilityType: 'castle',
      }),
      '/municipality/facilities',
    );
    assert.equal(answer.status, 400);
    const text = textOf(answer.body);
    const shown = parse(answer.body);
    assert.match(shown.textOf('title') ?? '', /^エラー：/);
    assert.match(text, /入力内容に問題があります/);
    for (const message of [
      'フリガナは全角カタカナで入力してください',
      '施設の種類を選んでください',
      '緯度は20から46までの数字で入力してください',
      '電話番号は0から始まる10桁または11桁の数字で入力してください',
      '閉所時刻は開所時刻より後の時刻にしてください',
      '開所日を1つ以上選んでください',
      '1日の定員は1から999までの数字で入力してください',
      '1時間あたりの利用料は0から99999までの数字（円）で入力してください',
    ]) {
      assert.ok(text.includes(message), `shows「${message}」`);
    }
    // Each message is also next to its field, linked from the summary.
    for (const field of ['nameKana', 'facilityType', 'latitude', 'phone', 'closesAt', 'openDays', 'dailyCapacity', 'feePerHour']) {
      assert.ok(shown.find(`#${fieldId(field)}-error`), `inline message for ${field}`);
      assert.ok(summaryTargets(shown).includes(`#${fieldId(field)}`), `summary link to ${field}`);
    }
    assert.ok(shown.find(`#${fieldId('openDays')}`), 'the summary’s link target exists (the first weekday)');
    // Nothing typed is lost.
    assert.equal(shown.field('name')?.value, 'おひさま保育園（テスト）');
    assert.equal(shown.field('nameKana')?.value, 'Ohisama');
    assert.equal(shown.field('latitude')?.value, '137.3');
    assert.equal(shown.field('opensAt')?.value, '18:00');
    assert.equal(shown.field('feePerHour')?.value, 'three hundred');
    assert.equal(shown.field('ages.1')?.checked, true);
    assert.equal(shown.field('openDays.1')?.checked, false);
    assert.equal(shown.field('introduction')?.value, '川沿いの保育園です。\n季節の行事を大切にしています。');
    const after = await t.db.selectFrom('facilities').select('id').execute();
    assert.equal(after.length, before.length, 'nothing was stored');
  });

  test('an empty form names every required field', async () => {
    const answer = await ojiyaStaff.submitForm('/municipality/facilities/new', {}, '/municipality/facilities');
    assert.equal(answer.status, 400);
    const text = textOf(answer.body);
    for (const message of ['施設名を入力してください', 'フリガナを入力してください', '所在地を入力してください', '開所時刻を「8:30」のように入力してください', '受け入れる年齢を1つ以上選んでください']) {
      assert.ok(text.includes(message), `shows「${message}」`);
    }
  });

  test('editing shows the stored values and saves the changes', async () => {
    const id = await createFacility(ojiyaStaff, { name: '編集前の保育園' });
    const form = await ojiyaStaff.get(`/municipality/facilities/${id}/edit`);
    assert.equal(form.status, 200);
    const shown = parse(form.body);
    assert.equal(shown.field('name')?.value, '編集前の保育園');
    assert.equal(shown.field('opensAt')?.value, '8:00');
    assert.equal(shown.field('openDays.6')?.checked, true);
    assert.equal(shown.field('openDays.7')?.checked, false);

    const saved = await ojiyaStaff.post(`/municipality/facilities/${id}`, facilityFields({ name: '編集後の保育園', 'openDays.7': 'yes', 'ages.0': 'yes', feePerHour: '300' }));
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/municipality/facilities/${id}?done=updated`);
    assert.match(textOf((await ojiyaStaff.follow(saved)).body), /施設の情報を変更しました/);
    const row = await t.db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.name, '編集後の保育園');
    assert.deepEqual(row.open_days, [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(row.ages_accepted, [0, 1, 2]);
    assert.equal(row.fee_per_hour, 300);
    assert.ok(row.updated_at);
  });

  test('a rejected edit keeps the values typed and changes nothing', async () => {
    const id = await facilityNamed('にじいろ保育園（架空）');
    const answer = await ojiyaStaff.submitForm(`/municipality/facilities/${id}/edit`, facilityFields({ name: '', address: 'どこか' }), `/municipality/facilities/${id}`);
    assert.equal(answer.status, 400);
    assert.match(textOf(answer.body), /施設名を入力してください/);
    assert.equal(parse(answer.body).field('address')?.value, 'どこか');
    const row = await t.db.selectFrom('facilities').select(['name', 'address']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.name, 'にじいろ保育園（架空）');
  });
});

describe('staff logins', () => {
  test('issuing a login creates a facility staff user without a password and mails how to set one', async () => {
    const id = await facilityNamed('にじいろ保育園（架空）');
    const issued = await ojiyaStaff.submitForm(`/municipality/facilities/${id}`, { staffName: '保育 太郎', staffEmail: 'Taro.Hoiku@Example.jp' }, `/municipality/facilities/${id}/staff`);
    assert.equal(issued.status, 303);
    assert.equal(issued.location, `/municipality/facilities/${id}?done=staff`);
    const page = textOf((await ojiyaStaff.follow(issued)).body);
    assert.match(page, /施設職員のアカウントを発行しました/);
    assert.match(page, /保育 太郎 taro\.hoiku@example\.jp パスワード未登録/);

    const user = await t.db.selectFrom('users').selectAll().where('email', '=', 'taro.hoiku@example.jp').executeTakeFirstOrThrow();
    assert.equal(user.role, 'facility_staff');
    assert.equal(user.facility_id, id);
    assert.equal(user.municipality_id, await municipalityIdOf(OJIYA));
    assert.equal(user.password_hash, null);
    assert.equal(user.display_name, '保育 太郎');

    const mail = await lastMailTo(t.db, 'taro.hoiku@example.jp');
    assert.equal(mail.subject, '【つうえん】施設職員アカウント発行のお知らせ');
    assert.match(mail.text_body, /小千谷市が、にじいろ保育園（架空）の職員として/);
    assert.match(mail.text_body, /ログインID：taro\.hoiku@example\.jp/);
    const reset = linksIn(mail.text_body).find((l) => l.endsWith('/password-reset'));
    assert.ok(reset, 'the mail links to the password reset');

    // The new staff member sets a password and logs in to their facility's page.
    const visitor = new TestClient(t.app);
    await visitor.submitForm(pathOf(reset), { email: 'taro.hoiku@example.jp' });
    const link = linksIn((await lastMailTo(t.db, 'taro.hoiku@example.jp')).text_body).find((l) => l.includes('/password-reset/'));
    assert.ok(link);
    const set = await visitor.submitForm(pathOf(link), { password: GUARDIAN_PASSWORD, passwordConfirm: GUARDIAN_PASSWORD });
    assert.equal(set.status, 303);
    const staff = await logIn(t.app, t.db, 'taro.hoiku@example.jp', GUARDIAN_PASSWORD);
    const home = await staff.get('/facility');
    assert.equal(home.status, 200);
    assert.match(textOf(home.body), /にじいろ保育園（架空）/);
    assert.match(textOf((await ojiyaStaff.get(`/municipality/facilities/${id}`)).body), /保育 太郎 taro\.hoiku@example\.jp パスワード登録済み/);
  });

  test('an address already in use, or a bad one, is refused at the field with the values kept', async () => {
    const id = await facilityNamed('にじいろ保育園（架空）');
    const taken = await ojiyaStaff.submitForm(`/municipality/facilities/${id}`, { staffName: '重複 花子', staffEmail: 'STAFF@niji.ojiya.example.jp' }, `/municipality/facilities/${id}/staff`);
    assert.equal(taken.status, 409);
    assert.match(textOf(taken.body), /このメールアドレスは、すでに別のアカウントで使われています/);
    const takenPage = parse(taken.body);
    assert.match(takenPage.field('staffEmail')?.error ?? '', /このメールアドレスは、すでに別のアカウントで使われています/);
    assert.equal(takenPage.field('staffName')?.value, '重複 花子');

    const bad = await ojiyaStaff.submitForm(`/municipality/facilities/${id}`, { staffName: '', staffEmail: 'not-an-address' }, `/municipality/facilities/${id}/staff`);
    assert.equal(bad.status, 400);
    assert.match(textOf(bad.body), /職員の氏名を入力してください/);
    assert.match(textOf(bad.body), /メールアドレスを正しい形式で入力してください/);
    assert.equal(parse(bad.body).field('staffEmail')?.value, 'not-an-address');
    const users = await t.db.selectFrom('users').select('id').where('display_name', 'in', ['重複 花子', '']).execute();
    assert.equal(users.length, 0);
  });
});

describe('refusals', () => {
  test('another municipality’s facility is not found, on view and on every POST', async () => {
    const ojiyaFacility = await facilityNamed('にじいろ保育園（架空）');
    const before = await t.db.selectFrom('facilities').selectAll().where('id', '=', ojiyaFacility).executeTakeFirstOrThrow();
    await nagaokaStaff.get('/municipality/facilities'); // for a CSRF token
    assert.equal((await nagaokaStaff.get(`/municipality/facilities/${ojiyaFacility}`)).status, 404);
    assert.equal((await nagaokaStaff.get(`/municipality/facilities/${ojiyaFacility}/edit`)).status, 404);
    const edit = await nagaokaStaff.post(`/municipality/facilities/${ojiyaFacility}`, facilityFields({ name: '乗っ取り保育園' }));
    assert.equal(edit.status, 404);
    assert.match(textOf(edit.body), /ページが見つかりません/);
    const staff = await nagaokaStaff.post(`/municipality/facilities/${ojiyaFacility}/staff`, { staffName: '侵入 者', staffEmail: 'intruder@example.jp' });
    assert.equal(staff.status, 404);
    const after = await t.db.selectFrom('facilities').selectAll().where('id', '=', ojiyaFacility).executeTakeFirstOrThrow();
    assert.deepEqual(after, before, 'the facility is unchanged');
    assert.equal((await t.db.selectFrom('users').select('id').where('email', '=', 'intruder@example.jp').execute()).length, 0);
    // Nor do malformed or unknown ids answer anything but 404.
    assert.equal((await nagaokaStaff.get('/municipality/facilities/not-a-uuid')).status, 404);
    assert.equal((await nagaokaStaff.post('/municipality/facilities/00000000-0000-0000-0000-000000000000', facilityFields())).status, 404);
  });

  test('a guardian is refused the facility management pages with 403', async () => {
    const guardian = await newGuardian(t.app, t.db, 'manage-guardian@example.jp');
    const id = await facilityNamed('にじいろ保育園（架空）');
    for (const path of ['/municipality/facilities', '/municipality/facilities/new', `/municipality/facilities/${id}`, `/municipality/facilities/${id}/edit`]) {
      const page = await guardian.get(path);
      assert.equal(page.status, 403, path);
      assert.match(textOf(page.body), /このページは表示できません/);
    }
    await guardian.get('/mypage');
    assert.equal((await guardian.post('/municipality/facilities', facilityFields())).status, 403);
    assert.equal((await guardian.post(`/municipality/facilities/${id}`, facilityFields({ name: '保護者が変更' }))).status, 403);
    assert.equal((await guardian.post(`/municipality/facilities/${id}/staff`, { staffName: 'x', staffEmail: 'g-staff@example.jp' })).status, 403);
    assert.equal((await t.db.selectFrom('facilities').select('id').where('name', '=', '保護者が変更').execute()).length, 0);
  });

  test('facility staff are refused with 403, and someone not logged in is sent to log in', async () => {
    const staff = await logInAsStaff(t.app, t.db, 'staff@sora.nagaoka.example.jp');
    assert.equal((await staff.get('/municipality/facilities')).status, 403);
    const stranger = new TestClient(t.app);
    const page = await stranger.get('/municipality/facilities');
    assert.equal(page.status, 303);
    assert.equal(page.location, `/login?next=${encodeURIComponent('/municipality/facilities')}`);
  });

  test('Nagaoka’s staff manage Nagaoka’s facilities', async () => {
    const id = await facilityNamed('そらいろ保育園（架空）');
    assert.equal((await nagaokaStaff.get(`/municipality/facilities/${id}`)).status, 200);
    assert.equal((await ojiyaStaff.get(`/municipality/facilities/${id}`)).status, 404);
  });
});
