// 認可・確認 (operations.md, Facilities): the municipality records a facility's licence, confirmation
// and business type with the date each change takes effect; only days covered by both get slots;
// ending the confirmation withdraws later slots and cancels their bookings after a confirmation
// page, mailing the families. Another municipality's staff are refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { mailsTo } from '../helpers/mail.ts';
import { GUARDIAN_PASSWORD, logIn, logInAsStaff, setPassword } from '../helpers/journeys.ts';
import { page as parse } from '../helpers/page.ts';
import { designationOn, mayPublishOn, type Designation } from '../../src/facilities/designation-rules.ts';
import { insertGeneratedSlots } from '../../src/reservations/queries.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { child as childOf } from '../reservations/world.ts';

const day = (text: string) => CalendarDate.from(text);
const record = (r: Partial<Designation> & { effectiveFrom: string }): Designation => ({
  businessType: 'general_dedicated',
  licensedOn: null,
  confirmedOn: null,
  confirmationEndsOn: null,
  recordedAt: new Date('2026-01-01T00:00:00Z'),
  ...r,
});

describe('which record holds on a day', () => {
  const first = record({ effectiveFrom: '2026-04-01', licensedOn: '2026-04-01' });
  const confirmed = record({ effectiveFrom: '2026-05-01', licensedOn: '2026-04-01', confirmedOn: '2026-05-10' });
  const ending = record({ effectiveFrom: '2026-06-01', licensedOn: '2026-04-01', confirmedOn: '2026-05-10', confirmationEndsOn: '2026-09-30' });
  const records = [ending, first, confirmed];

  test('the latest effective on or before the day; none before the first', () => {
    assert.equal(designationOn(records, day('2026-03-31')), undefined);
    assert.equal(designationOn(records, day('2026-04-01')), first);
    assert.equal(designationOn(records, day('2026-04-30')), first);
    assert.equal(designationOn(records, day('2026-05-01')), confirmed);
    assert.equal(designationOn(records, day('2026-06-01')), ending);
  });

  test('of two records effective the same day, the one recorded later', () => {
    const correction = { ...confirmed, confirmedOn: '2026-05-12', recordedAt: new Date('2026-05-02T00:00:00Z') };
    assert.equal(designationOn([correction, confirmed], day('2026-05-20')), correction);
    assert.equal(designationOn([confirmed, correction], day('2026-05-20')), correction);
  });

  test('slots only on days with both licence and confirmation, up to and including the last day', () => {
    assert.equal(mayPublishOn(records, day('2026-04-15')), false, 'licensed, not confirmed');
    assert.equal(mayPublishOn(records, day('2026-05-09')), false, 'the confirmation dates from the 10th');
    assert.equal(mayPublishOn(records, day('2026-05-10')), true);
    assert.equal(mayPublishOn(records, day('2026-09-30')), true, 'the last day of the confirmation');
    assert.equal(mayPublishOn(records, day('2026-10-01')), false, 'the day after it ended');
    assert.equal(mayPublishOn([], day('2026-10-01')), false, 'nothing recorded');
  });
});

let t: TestApp;
let ojiyaStaff: TestClient;
let nagaokaStaff: TestClient;
let ojiyaId: string;
before(async () => {
  t = await startTestApp();
  ojiyaStaff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
  nagaokaStaff = await logInAsStaff(t.app, t.db, 'city-staff@nagaoka.example.jp');
  ojiyaId = (await t.db.selectFrom('municipalities').select('id').where('code', '=', '152081').executeTakeFirst())?.id ?? '';
  if (!ojiyaId) ojiyaId = (await t.db.selectFrom('users').select('municipality_id').where('email', '=', 'city-staff@ojiya.example.jp').executeTakeFirstOrThrow()).municipality_id;
});
after(() => t.close());

/** A facility of Ojiya with a weekday template and no 認可・確認 yet, as a newly registered one. */
async function newFacility(name: string): Promise<string> {
  const { id } = await t.db
    .insertInto('facilities')
    .values({ municipality_id: ojiyaId, name, name_kana: 'テスト', address: '新潟県小千谷市', phone: '0258-00-1111', latitude: 37.3, longitude: 138.8 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('slot_templates')
    .values([1, 2, 3, 4, 5].map((weekday) => ({ facility_id: id, municipality_id: ojiyaId, weekday, start_minute: 540, end_minute: 720, capacity_age0: 1, capacity_age1: 3, capacity_age2: 3, kinds: ['interview' as const, 'flexible' as const] })))
    .execute();
  return id;
}

const validFields = {
  'effectiveFrom.year': '2026',
  'effectiveFrom.month': '11',
  'effectiveFrom.day': '26',
  businessType: 'general_mixed',
  'licensedOn.year': '２０２５', // full-width, as typed on a Japanese keyboard
  'licensedOn.month': '4',
  'licensedOn.day': '1',
  'confirmedOn.year': '2026',
  'confirmedOn.month': '4',
  'confirmedOn.day': '1',
  'confirmationEndsOn.year': '',
  'confirmationEndsOn.month': '',
  'confirmationEndsOn.day': '',
  note: '認可・確認 通知書 第12号',
};

describe('recording 認可・確認', () => {
  test('a new facility has none and cannot publish; recording both lets it generate slots', async () => {
    const id = await newFacility('認可テスト保育園');
    const before = parse((await ojiyaStaff.get(`/municipality/facilities/${id}`)).body);
    assert.match(before.qaText('designation') ?? '', /まだ記録がありません。この施設は予約枠を公開できません。/);
    assert.equal(await insertGeneratedSlots(t.db, id, day('2026-11-30'), 1), 0, 'no slots without a record');

    const form = parse((await ojiyaStaff.get(`/municipality/facilities/${id}/designation`)).body);
    assert.equal(form.heading(), '認可・確認の変更を記録');
    assert.equal(form.field('effectiveFrom.year')?.value, '2026', 'today is proposed');
    const saved = await ojiyaStaff.submitForm(`/municipality/facilities/${id}/designation`, validFields);
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 400));
    assert.equal(saved.location, `/municipality/facilities/${id}?done=designation&cancelled=0`);

    const after = parse((await ojiyaStaff.get(saved.location)).body);
    const section = after.qaText('designation') ?? '';
    assert.match(section, /予約枠を公開できます/);
    assert.match(section, /一般型（在園児と合同）/);
    assert.match(section, /2025年4月1日/);
    assert.match(section, /提供する利用（施設の設定）初回面談・定期利用・柔軟利用/, 'the uses the facility offers');
    assert.equal(await insertGeneratedSlots(t.db, id, day('2026-11-30'), 1), 5, 'Monday to Friday');

    const history = parse((await ojiyaStaff.get(`/municipality/facilities/${id}/designation`)).body);
    assert.match(history.find('#designation-history')?.textContent ?? '', /認可・確認 通知書 第12号/);
    assert.equal(history.field('businessType')?.value, 'general_mixed', 'the form starts from the record in effect');
  });

  test('bad dates are refused next to their fields, with everything typed kept, and nothing stored', async () => {
    const id = await newFacility('入力誤りテスト保育園');
    const refused = await ojiyaStaff.submitForm(`/municipality/facilities/${id}/designation`, {
      ...validFields,
      'effectiveFrom.year': '',
      'effectiveFrom.month': '',
      'effectiveFrom.day': '',
      'licensedOn.month': '2',
      'licensedOn.day': '30',
      'confirmationEndsOn.year': '2026',
      'confirmationEndsOn.month': '3',
      'confirmationEndsOn.day': '31',
      businessType: 'nursery',
    });
    assert.equal(refused.status, 400);
    const p = parse(refused.body);
    assert.deepEqual(p.errorSummary(), [
      '変更が効力をもつ日を入力してください。',
      '事業類型を選んでください。',
      '正しい日付を、年・月・日の数字で入力してください（例：2026年4月1日）。',
      '確認の終了日は、確認日より後の日にしてください。',
    ]);
    assert.equal(p.field('licensedOn.day')?.value, '30');
    assert.equal(p.field('note')?.value, '認可・確認 通知書 第12号');
    const stored = await t.db.selectFrom('facility_designations').select('id').where('facility_id', '=', id).execute();
    assert.equal(stored.length, 0);
  });

  test('ending the confirmation lists the bookings after it, then cancels them, withdraws their slots and mails the families', async () => {
    const id = await newFacility('確認終了テスト保育園');
    assert.equal((await ojiyaStaff.submitForm(`/municipality/facilities/${id}/designation`, validFields)).status, 303);
    await insertGeneratedSlots(t.db, id, day('2026-11-30'), 2);
    const slotOn = async (date: string) => (await t.db.selectFrom('slots').select('id').where('facility_id', '=', id).where('date', '=', date).executeTakeFirstOrThrow()).id;
    const kid = await childOf(t.db, { id: ojiyaId } as never, '2025-01-10');
    const book = async (date: string) =>
      (
        await t.db
          .insertInto('reservations')
          .values({ municipality_id: ojiyaId, facility_id: id, child_id: kid.id, kind: 'flexible', status: 'confirmed', starts_at: `${date}T09:00:00+09:00`, ends_at: `${date}T10:00:00+09:00`, slot_id: await slotOn(date), age_class: 1, booked_by: kid.guardianId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const kept = await book('2026-12-01');
    const ended = await book('2026-12-08');
    const guardian = await t.db.selectFrom('users').select('email').where('id', '=', kid.guardianId).executeTakeFirstOrThrow();

    const ending = { ...validFields, 'effectiveFrom.day': '27', 'confirmationEndsOn.year': '2026', 'confirmationEndsOn.month': '12', 'confirmationEndsOn.day': '4', note: '事業廃止のため' };
    const confirmPage = await ojiyaStaff.submitForm(`/municipality/facilities/${id}/designation`, ending);
    assert.equal(confirmPage.status, 200);
    const c = parse(confirmPage.body);
    assert.equal(c.heading(), '予約の取り消しを確認');
    const affected = c.find('#affected')?.textContent ?? '';
    assert.match(affected, /12月8日/);
    assert.doesNotMatch(affected, /12月1日/, 'a booking before the end stays');
    assert.equal((await t.db.selectFrom('facility_designations').select('id').where('facility_id', '=', id).execute()).length, 1, 'nothing recorded before confirming');

    const done = await ojiyaStaff.submitForm(`/municipality/facilities/${id}/designation`, { ...ending, confirmed: 'yes' });
    assert.equal(done.status, 303);
    assert.match(parse((await ojiyaStaff.get(done.location ?? '')).body).text(), /確認のない日になった予約1件を取り消し/);
    const statuses = await t.db.selectFrom('reservations').select(['id', 'status', 'decline_reason']).where('id', 'in', [kept, ended]).execute();
    assert.equal(statuses.find((r) => r.id === kept)?.status, 'confirmed');
    assert.equal(statuses.find((r) => r.id === ended)?.status, 'cancelled', 'cancelled by the municipality: the hours are freed');
    const withdrawn = await t.db.selectFrom('slots').select('date').where('facility_id', '=', id).where('withdrawn_at', 'is not', null).orderBy('date').execute();
    assert.deepEqual(withdrawn.map((s) => s.date), ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
    const mails = await mailsTo(t.db, guardian.email);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /確認終了テスト保育園の予約を取り消しました/);
    assert.match(mails[0]!.text_body, /12月8日/);
    assert.equal(await insertGeneratedSlots(t.db, id, day('2026-12-07'), 2), 0, 'no new slots after the end');
  });

  test('another municipality’s staff are refused the page and the form, and nothing is stored', async () => {
    const id = await newFacility('他市拒否テスト保育園');
    assert.equal((await nagaokaStaff.get(`/municipality/facilities/${id}/designation`)).status, 404);
    assert.equal((await nagaokaStaff.post(`/municipality/facilities/${id}/designation`, validFields)).status, 404);
    assert.equal((await t.db.selectFrom('facility_designations').select('id').where('facility_id', '=', id).execute()).length, 0);
  });

  test('the facility’s own staff are told on their slot templates why no slots are made', async () => {
    const id = await newFacility('未記録のお知らせテスト保育園');
    const email = `staff-${id}@example.jp`;
    await t.db.insertInto('users').values({ municipality_id: ojiyaId, role: 'facility_staff', facility_id: id, email, display_name: '職員', password_hash: null, terms_version_accepted: null }).execute();
    await setPassword(t.app, t.db, email);
    const staff = await logIn(t.app, t.db, email, GUARDIAN_PASSWORD);
    const before = parse((await staff.get('/facility/booking-setup/templates')).body);
    assert.match(before.qaText('not-designated') ?? '', /認可・確認の記録がない/);
    assert.equal((await ojiyaStaff.submitForm(`/municipality/facilities/${id}/designation`, validFields)).status, 303);
    const after = parse((await staff.get('/facility/booking-setup/templates')).body);
    assert.equal(after.qa('not-designated'), undefined);
  });
});
