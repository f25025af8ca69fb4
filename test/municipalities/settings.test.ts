// 設定 (/municipality/settings): a municipality's staff change its settings from a chosen month;
// the change is stored with who and when, audited, shown as upcoming and later in the history, and
// municipalitySettingsFor gives each month the settings in effect then. Bad input comes back with
// the values and Japanese messages; other municipalities' staff, facility staff and guardians
// cannot see or change them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { FormFields, TestClient } from '../helpers/http.ts';
import { NAGAOKA, OJIYA, logInAsStaff, newGuardian } from '../helpers/journeys.ts';
import { page } from '../helpers/page.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { municipalitySettingsFor } from '../../src/municipalities/settings-queries.ts';

let t: TestApp;
let staff: TestClient;
let ojiyaId: string;
let nagaokaId: string;

const idOf = async (code: string) => (await t.db.selectFrom('municipalities').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const changeRows = (municipalityId: string) => t.db.selectFrom('municipality_settings_changes').selectAll().where('municipality_id', '=', municipalityId).orderBy('changed_at').orderBy('id').execute();
const month = (text: string) => CalendarDate.from(`${text}-01`);

/** The settings form of `from` as the page fills it, with `changes` on top. */
async function formOf(client: TestClient, from: string, changes: FormFields = {}): Promise<FormFields> {
  const form = page((await client.get(`/municipality/settings?from=${from}`)).body);
  const post = form.all('form').find((f) => f.getAttribute('method') === 'post' && f.getAttribute('action') === '/municipality/settings');
  assert.ok(post);
  const fields: FormFields = {};
  for (const element of post.querySelectorAll('input, select')) {
    const name = element.getAttribute('name');
    const type = element.getAttribute('type');
    if (!name || name === '_csrf') continue;
    if ((type === 'checkbox' || type === 'radio') && !element.hasAttribute('checked')) continue;
    fields[name] = element.tagName.toLowerCase() === 'select' ? (element.querySelector('option[selected]')?.getAttribute('value') ?? '') : (element.getAttribute('value') ?? '');
  }
  return { ...fields, ...changes };
}

before(async () => {
  t = await startTestApp(); // 2026-11-26 10:00 in Tokyo
  staff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
  ojiyaId = await idOf(OJIYA);
  nagaokaId = await idOf(NAGAOKA);
});
after(() => t.close());

describe('the page', () => {
  test('shows the settings in effect now and opens the form for next month, filled in', async () => {
    const res = await staff.get('/municipality/settings');
    assert.equal(res.status, 200);
    const p = page(res.body);
    assert.equal(p.heading(), '市区町村の設定');
    assert.match(p.text(), /2026年11月の設定（現在）/);
    assert.match(p.text(), /利用可能時間\s*10時間/);
    assert.match(p.text(), /施設の利用ルール\s*申請した施設のみ利用可/);
    assert.match(p.text(), /お問い合わせの送り先\s*support@city.ojiya.example.jp/);
    assert.ok(p.qa('no-upcoming'));
    assert.ok(p.qa('no-history'));
    assert.match(p.text(), /2026年12月1日から適用する設定/);
    assert.equal(p.field('from')?.value, '2026-12');
    assert.equal(p.field('allowanceHours')?.value, '10');
    assert.equal(p.field('namedFacilityOnly')?.value, 'yes');
    assert.equal(p.field('latePickupRule')?.value, 'guide');
    assert.equal(p.field('cancelDefault')?.value, '0');
    assert.equal(p.field('supportEmail')?.value, 'support@city.ojiya.example.jp');
    assert.deepEqual(p.linksTo('設定'), ['/municipality/settings']);
  });
});

describe('bad input', () => {
  test('comes back with the values and a Japanese message by each field, and stores nothing', async () => {
    const fields = await formOf(staff, '2027-01', {
      allowanceHours: '10.25',
      supportEmail: 'kodomo@',
      'bucket.0.name': '',
      'bucket.0.hours': '５',
      latePickupRule: 'sometimes',
    });
    const res = await staff.post('/municipality/settings', fields);
    assert.equal(res.status, 400);
    const p = page(res.body);
    assert.deepEqual(p.errorSummary(), [
      '利用可能時間は、3時間から10時間まで、30分単位で入力してください。',
      '上乗せの名前を入力してください。',
      'お迎えが遅れたときの数え方を選んでください。',
      'メールアドレスの形式で入力してください（例：kodomo@city.example.jp）。',
    ]);
    assert.equal(p.field('allowanceHours')?.value, '10.25');
    assert.equal(p.field('allowanceHours')?.error, '利用可能時間は、3時間から10時間まで、30分単位で入力してください。');
    assert.equal(p.field('bucket.0.hours')?.value, '5');
    assert.equal(p.field('supportEmail')?.value, 'kodomo@');
    assert.match(p.title() ?? '', /^エラー：/);
    assert.deepEqual(await changeRows(ojiyaId), []);
  });

  test('a month that has begun, or no month, is refused', async () => {
    const past = await staff.post('/municipality/settings', await formOf(staff, '2026-12', { from: '2026-11', allowanceHours: '8' }));
    assert.equal(past.status, 400);
    assert.deepEqual(page(past.body).errorSummary(), ['適用開始月は、今月以降（1日が過ぎていない月）を選んでください。']);
    const none = await staff.post('/municipality/settings', await formOf(staff, '2026-12', { from: '2026-13', allowanceHours: '8' }));
    assert.equal(none.status, 400);
    assert.deepEqual(page(none.body).errorSummary(), ['適用開始月を選んでください。']);
    assert.deepEqual(await changeRows(ojiyaId), []);
  });
});

describe('a change from a chosen month', () => {
  test('stores only what changed, with who and when, audited; shown as upcoming; a second submit changes nothing', async () => {
    const fields = await formOf(staff, '2027-02', {
      allowanceHours: '7.5',
      'bucket.0.name': '市立施設の定期利用',
      'bucket.0.hours': '38',
      'bucket.0.kinds.flexible': [],
      latePickupRule: 'actual',
    });
    delete fields['bucket.0.kinds.flexible'];
    const res = await staff.post('/municipality/settings', fields);
    assert.equal(res.status, 303, res.body);
    assert.equal(res.location, '/municipality/settings?from=2027-02&saved=2027-02');
    const rows = await changeRows(ojiyaId);
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row?.effective_from, '2027-02-01');
    assert.equal(row?.changed_at.getTime(), t.clock.now().getTime());
    const staffId = (await t.db.selectFrom('users').select('id').where('email', '=', 'city-staff@ojiya.example.jp').executeTakeFirstOrThrow()).id;
    assert.equal(row?.changed_by, staffId);
    assert.deepEqual(Object.keys(row?.changes ?? {}).sort(), ['buckets', 'late_pickup_rule', 'monthly_allowance_minutes']);
    assert.equal(row?.changes.monthly_allowance_minutes, 450);
    assert.deepEqual(row?.changes.buckets?.map((b) => ({ ...b, id: typeof b.id })), [{ id: 'string', name: '市立施設の定期利用', minutesPerMonth: 2280, kinds: ['regular'], ownFacilitiesOnly: true }]);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'municipality.settings.change').where('subject_id', '=', row!.id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_user_id, staffId);
    assert.equal(audit[0]?.municipality_id, ojiyaId);
    assert.deepEqual(audit[0]?.detail, { effective_from: '2027-02-01', settings: ['buckets', 'late_pickup_rule', 'monthly_allowance_minutes'] });

    const shown = page((await staff.get(res.location!)).body);
    assert.match(shown.text(), /2027年2月1日から適用する変更を登録しました。/);
    assert.match(shown.textOf('#upcoming') ?? '', /2027年2月.*利用可能時間：7.5時間.*上乗せ時間：市立施設の定期利用 38時間（定期利用、市区町村内の施設のみ）.*お迎えの遅れ：遅れた時間のとおり数える.*小千谷市 こども課（サンプル）/s);
    assert.equal(shown.field('allowanceHours')?.value, '7.5');

    const again = await staff.post('/municipality/settings', fields);
    assert.equal(again.status, 303);
    assert.equal(again.location, '/municipality/settings?from=2027-02&unchanged=2027-02');
    assert.equal((await changeRows(ojiyaId)).length, 1, 'a second submit of the same form stores nothing');
  });

  test('municipalitySettingsFor: each month gets the changes up to it, an earlier-dated later change included', async () => {
    // Made after the February change, but from December: it holds from December on, February too.
    const res = await staff.post('/municipality/settings', await formOf(staff, '2026-12', { supportEmail: 'Kodomo@City.Ojiya.example.jp' }));
    assert.equal(res.status, 303);
    const nov = await municipalitySettingsFor(t.db, ojiyaId, month('2026-11'));
    const dec = await municipalitySettingsFor(t.db, ojiyaId, CalendarDate.from('2026-12-31'));
    const feb = await municipalitySettingsFor(t.db, ojiyaId, month('2027-02'));
    const later = await municipalitySettingsFor(t.db, ojiyaId, month('2028-06'));
    assert.deepEqual([nov.monthlyAllowanceMinutes, nov.supportEmail, nov.latePickupRule, nov.buckets.length], [600, 'support@city.ojiya.example.jp', 'guide', 0]);
    assert.deepEqual([dec.monthlyAllowanceMinutes, dec.supportEmail, dec.latePickupRule, dec.buckets.length], [600, 'kodomo@city.ojiya.example.jp', 'guide', 0]);
    assert.deepEqual([feb.monthlyAllowanceMinutes, feb.supportEmail, feb.latePickupRule, feb.buckets.length], [450, 'kodomo@city.ojiya.example.jp', 'actual', 1]);
    assert.deepEqual(later, feb);
    assert.equal(feb.namedFacilityOnly, true);
    assert.equal(feb.defaultCancelMinutesBeforeDay, 0);
  });

  test('editing a month with buckets keeps their ids; removing one removes it from that month on', async () => {
    const feb = await municipalitySettingsFor(t.db, ojiyaId, month('2027-02'));
    const bucketId = feb.buckets[0]!.id;
    const form = await formOf(staff, '2027-03');
    assert.equal(form['bucket.0.id'], bucketId);
    const res = await staff.post('/municipality/settings', { ...form, 'bucket.0.hours': '40', cancelDefault: '1440' });
    assert.equal(res.status, 303);
    const mar = await municipalitySettingsFor(t.db, ojiyaId, month('2027-03'));
    assert.deepEqual(mar.buckets.map((b) => [b.id, b.minutesPerMonth]), [[bucketId, 2400]]);
    assert.equal(mar.defaultCancelMinutesBeforeDay, 1440);
    const removed = await staff.post('/municipality/settings', await formOf(staff, '2027-04', { 'bucket.0.remove': 'yes' }));
    assert.equal(removed.status, 303);
    assert.deepEqual((await municipalitySettingsFor(t.db, ojiyaId, month('2027-04'))).buckets, []);
    assert.equal((await municipalitySettingsFor(t.db, ojiyaId, month('2027-03'))).buckets.length, 1);
  });

  test('once the month has come, the change is in the history and in the current settings', async () => {
    t.clock.set(new Date('2027-02-03T01:00:00Z'));
    try {
      // The session has ended in the meantime.
      const later = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
      const p = page((await later.get('/municipality/settings')).body);
      assert.match(p.text(), /2027年2月の設定（現在）/);
      assert.match(p.text(), /利用可能時間\s*7.5時間/);
      assert.match(p.textOf('#history') ?? '', /2027年2月.*利用可能時間：7.5時間/s);
      assert.match(p.textOf('#history') ?? '', /2026年12月.*お問い合わせの送り先：kodomo@city.ojiya.example.jp/s);
      assert.match(p.textOf('#upcoming') ?? '', /2027年3月.*2027年4月/s);
      assert.equal(p.field('from')?.value, '2027-03');
    } finally {
      t.clock.set(new Date('2026-11-26T01:00:00Z'));
      staff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
    }
  });
});

describe('who may', () => {
  test("another municipality's staff see and change their own settings only", async () => {
    const nagaoka = await logInAsStaff(t.app, t.db, 'city-staff@nagaoka.example.jp');
    const p = page((await nagaoka.get('/municipality/settings')).body);
    assert.match(p.text(), /施設の利用ルール\s*どの施設でも利用可/);
    assert.ok(p.qa('no-upcoming'), "Ojiya's changes are not shown");
    assert.ok(!p.text().includes('市立施設の定期利用'));
    const before = (await changeRows(ojiyaId)).length;
    const res = await nagaoka.post('/municipality/settings', await formOf(nagaoka, '2027-01', { allowanceHours: '5' }));
    assert.equal(res.status, 303);
    assert.equal((await changeRows(ojiyaId)).length, before, "Ojiya's settings are untouched");
    assert.equal((await municipalitySettingsFor(t.db, nagaokaId, month('2027-01'))).monthlyAllowanceMinutes, 300);
    assert.equal((await municipalitySettingsFor(t.db, ojiyaId, month('2027-01'))).monthlyAllowanceMinutes, 600);
  });

  test('facility staff, guardians and anonymous visitors are refused', async () => {
    const before = (await t.db.selectFrom('municipality_settings_changes').select('id').execute()).length;
    const facility = await logInAsStaff(t.app, t.db, 'staff@niji.ojiya.example.jp');
    assert.equal((await facility.get('/municipality/settings')).status, 403);
    assert.equal((await facility.post('/municipality/settings', { from: '2027-01', allowanceHours: '3' })).status, 403);
    const guardian = await newGuardian(t.app, t.db, 'settings-guardian@example.jp');
    assert.equal((await guardian.get('/municipality/settings')).status, 403);
    assert.equal((await guardian.post('/municipality/settings', { from: '2027-01', allowanceHours: '3' })).status, 403);
    const { TestClient } = await import('../helpers/http.ts');
    const anonymous = new TestClient(t.app);
    const login = await anonymous.get('/municipality/settings');
    assert.equal(login.status, 303);
    assert.match(login.location ?? '', /^\/login/);
    assert.equal((await t.db.selectFrom('municipality_settings_changes').select('id').execute()).length, before);
  });
});
