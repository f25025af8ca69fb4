// The facility staff's booking setup through HTTP: 予約の設定 saved and re-shown with errors,
// templates that create slots (not on a public holiday or a closed day), closing a day that has
// bookings (confirmation, cancellation with hours freed, slots withdrawn, one mail per family,
// a booking made meanwhile included), the slot list, and who is refused.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CalendarDate } from '../../src/platform/time.ts';
import { allowanceOf, bookSlot } from '../../src/reservations/queries.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { textOf, type TestClient } from '../helpers/http.ts';
import { facilityIdOf, logInAsStaff, newGuardian } from '../helpers/journeys.ts';
import { mailsTo } from '../helpers/mail.ts';
import { page } from '../helpers/page.ts';
import { approvedForUse, child, type Child } from './world.ts';

// Sunday 1 November 2026, 10:00 in Tokyo: 3 November (文化の日) and 23 November (勤労感謝の日) are
// public holidays in the four weeks ahead.
const NOW = '2026-11-01T01:00:00Z';

let t: TestApp;
let staff: TestClient;
let niji: string;
let nijiStaffId: string;
let ojiya: { id: string };
before(async () => {
  t = await startTestApp({ now: NOW });
  niji = await facilityIdOf(t.db, 'にじいろ保育園（架空）');
  nijiStaffId = (await t.db.selectFrom('users').select('id').where('email', '=', 'staff@niji.ojiya.example.jp').executeTakeFirstOrThrow()).id;
  ojiya = await t.db.selectFrom('municipalities').select('id').where('code', '=', '15208').executeTakeFirstOrThrow();
  staff = await logInAsStaff(t.app, t.db, 'staff@niji.ojiya.example.jp');
});
after(() => t?.close());

async function slotsOn(date: string) {
  return t.db.selectFrom('slots').selectAll().where('facility_id', '=', niji).where('date', '=', date).orderBy('starts_at').execute();
}

/** A one-year-old of Ojiya (named facility: にじいろ), approved for use at にじいろ. */
async function approvedChild(): Promise<Child & { email: string }> {
  const kid = await child(t.db, ojiya, '2025-06-01', { namedFacilityId: niji });
  await approvedForUse(t.db, { id: niji, staff: { id: nijiStaffId } }, kid);
  const { email } = await t.db.selectFrom('users').select('email').where('id', '=', kid.guardianId).executeTakeFirstOrThrow();
  return { ...kid, email };
}

async function book(kid: Child, slotId: string, startMinute: number, endMinute: number, kind: 'interview' | 'flexible' = 'flexible') {
  const result = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId, childId: kid.id, kind, startMinute, endMinute, idempotencyKey: randomUUID() });
  assert.equal(result.outcome, 'booked', JSON.stringify(result));
  assert.ok(result.outcome === 'booked');
  return result.reservationId;
}

describe('the seed', () => {
  test('gives the sample facilities an offer, weekday templates and slots from today, none on a holiday', async () => {
    const templates = await t.db.selectFrom('slot_templates').select(['weekday', 'start_minute', 'end_minute', 'capacity_age0', 'capacity_age1', 'capacity_age2']).where('facility_id', '=', niji).execute();
    assert.equal(templates.length, 10);
    assert.ok(templates.every((row) => row.capacity_age0 === 1 && row.capacity_age1 === 3 && row.capacity_age2 === 3));
    assert.equal((await slotsOn('2026-11-02')).length, 2);
    assert.equal((await slotsOn('2026-11-03')).length, 0, '文化の日');
    // ひまわり takes no babies: no places for 0歳.
    const himawari = await facilityIdOf(t.db, 'ひまわりこども園（架空）');
    const offer = await t.db.selectFrom('facility_offers').select('youngest_age_months').where('facility_id', '=', himawari).executeTakeFirstOrThrow();
    assert.equal(offer.youngest_age_months, 12);
    const generated = await t.db.selectFrom('facilities').select('id').where('phone', 'like', '050-%').executeTakeFirst();
    assert.equal(generated, undefined, 'the test seed has no generated facilities');
  });
});

describe('予約の設定', () => {
  test('is linked from the facility start page and shows the current settings', async () => {
    const home = page((await staff.get('/facility')).body);
    assert.deepEqual(home.linksTo('予約の設定'), ['/facility/booking-setup']);
    const view = textOf((await staff.get('/facility/booking-setup')).body);
    assert.match(view, /受け付ける予約の種類 初回面談・定期利用・柔軟利用/);
    assert.match(view, /取消の期限 利用日の当日0:00まで/);
  });

  test('bad answers are shown again with their messages (400), nothing saved', async () => {
    await staff.get('/facility/booking-setup/offer/edit');
    const res = await staff.post('/facility/booking-setup/offer', { youngestAge: '12', bookingStyle: 'blocks', cancelDeadline: '99', bookingNotes: '持ち物：水筒', weeksAhead: '27' });
    assert.equal(res.status, 400);
    const form = page(res.body);
    assert.deepEqual(form.errorSummary(), [
      '受け付ける予約の種類を1つ以上選んでください',
      '取消の期限を選んでください',
      '利用枠を作成する期間は、1から26までの数字（週）で入力してください',
    ]);
    assert.equal(form.field('weeksAhead')?.value, '27');
    assert.equal(form.field('weeksAhead')?.error, '利用枠を作成する期間は、1から26までの数字（週）で入力してください');
    assert.equal(form.field('bookingNotes')?.value, '持ち物：水筒');
    assert.equal(form.field('youngestAge')?.value, '12');
    assert.equal(form.field('bookingStyle')?.value, 'blocks');
    assert.match(form.title() ?? '', /^エラー：/);
    const row = await t.db.selectFrom('facility_offers').select('booking_style').where('facility_id', '=', niji).executeTakeFirstOrThrow();
    assert.equal(row.booking_style, 'free');
  });

  test('saving stores the offer with an audit entry and shows it', async () => {
    const res = await staff.post('/facility/booking-setup/offer', {
      'kinds.interview': 'yes',
      'kinds.flexible': 'yes',
      youngestAge: '12',
      bookingStyle: 'free',
      cancelDeadline: '720',
      bookingNotes: '持ち物：水筒\n着替え',
      weeksAhead: '４',
    });
    assert.equal(res.status, 303);
    const row = await t.db.selectFrom('facility_offers').selectAll().where('facility_id', '=', niji).executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.offers_interview, row.offers_regular, row.offers_flexible, row.youngest_age_months, row.cancel_minutes_before_day, row.booking_notes, row.weeks_ahead],
      [true, false, true, 12, 720, '持ち物：水筒\n着替え', 4],
    );
    const audit = await t.db.selectFrom('audit_log').select(['actor_user_id', 'subject_id']).where('action', '=', 'facility.offer.update').execute();
    assert.deepEqual(audit, [{ actor_user_id: nijiStaffId, subject_id: niji }]);
    const view = textOf((await staff.follow(res)).body);
    assert.match(view, /予約の設定を保存しました/);
    assert.match(view, /取消の期限 利用日の前日12:00まで/);
    assert.match(view, /受け付ける予約の種類 初回面談・柔軟利用/);
    // The template form offers only the kinds the facility takes.
    const form = page((await staff.get('/facility/booking-setup/templates/new')).body);
    assert.deepEqual(form.formFields('/facility/booking-setup/templates').filter((n) => n.startsWith('kinds.')), ['kinds.interview', 'kinds.flexible']);
    // Back to every kind, for the tests below.
    await staff.post('/facility/booking-setup/offer', { 'kinds.interview': 'yes', 'kinds.regular': 'yes', 'kinds.flexible': 'yes', youngestAge: '6', bookingStyle: 'free', cancelDeadline: '0', bookingNotes: '', weeksAhead: '4' });
  });
});

describe('利用枠のテンプレート', () => {
  test('a new template creates its slots for the weeks ahead, not on a public holiday nor a closed day', async () => {
    const closed = await staff.submitForm('/facility/booking-setup/closed-days', { 'date.year': '2026', 'date.month': '11', 'date.day': '16', reason: '園内研修のため' });
    assert.equal(closed.status, 303, 'a day without bookings is closed at once');
    const res = await staff.submitForm('/facility/booking-setup/templates/new', { weekday: '1', start: '16:00', end: '17:30', capacity0: '0', capacity1: '2', capacity2: '２', 'kinds.flexible': 'yes' }, '/facility/booking-setup/templates');
    assert.equal(res.status, 303);
    const list = textOf((await staff.follow(res)).body);
    assert.match(list, /テンプレートを追加し、利用枠を2件作成しました。/);
    assert.match(list, /月曜日 16:00～17:30 0歳 0人 1歳 2人 2歳 2人 柔軟利用 削除/);
    // Mondays from tomorrow for four weeks: 2 and 9 November; 16th closed; 23rd 勤労感謝の日.
    const afternoon = (await t.db.selectFrom('slots').select(['date', 'starts_at', 'capacity_age1', 'kinds']).where('facility_id', '=', niji).orderBy('date').execute()).filter(
      (s) => s.starts_at.toISOString().endsWith('T07:00:00.000Z'),
    );
    assert.deepEqual(
      afternoon.map((s) => [s.date, s.capacity_age1, s.kinds]),
      [
        ['2026-11-02', 2, ['flexible']],
        ['2026-11-09', 2, ['flexible']],
      ],
    );
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'facility.slot_template.create').execute();
    assert.equal(audit.length, 1);
    // 利用枠を作成する again: nothing new.
    const again = await staff.post('/facility/booking-setup/slots/generate', {});
    assert.match(textOf((await staff.follow(again)).body), /新しく作成する利用枠はありませんでした。/);
  });

  test('bad or overlapping templates are refused with messages, keeping what was typed', async () => {
    const bad = await staff.submitForm('/facility/booking-setup/templates/new', { weekday: '8', start: '09:15', end: '23:00', capacity0: 'x', capacity1: '0', capacity2: '0' }, '/facility/booking-setup/templates');
    assert.equal(bad.status, 400);
    const form = page(bad.body);
    assert.deepEqual(form.errorSummary(), [
      '曜日を選んでください',
      '開始時刻を選んでください（6:00から21:00までの30分単位）',
      '終了時刻を選んでください（7:00から22:00までの30分単位）',
      '0歳の定員は0から99までの数字で入力してください',
      '予約の種類を1つ以上選んでください',
    ]);
    assert.equal(form.field('capacity0')?.value, 'x');
    const zero = await staff.post('/facility/booking-setup/templates', { weekday: '2', start: '09:00', end: '10:00', capacity0: '0', capacity1: '0', capacity2: '0', 'kinds.flexible': 'yes' });
    assert.equal(zero.status, 400);
    assert.deepEqual(page(zero.body).errorSummary(), ['定員は、いずれかの年齢で1人以上にしてください']);
    const overlap = await staff.post('/facility/booking-setup/templates', { weekday: '1', start: '11:00', end: '13:00', capacity0: '1', capacity1: '1', capacity2: '1', 'kinds.flexible': 'yes' });
    assert.equal(overlap.status, 400);
    assert.deepEqual(page(overlap.body).errorSummary(), ['同じ曜日のテンプレート（9:00～12:00）と時間が重なっています。時間をずらしてください']);
    assert.equal(page(overlap.body).field('start')?.value, '11:00');
  });

  test('deleting a template keeps the slots made from it', async () => {
    const template = await t.db.selectFrom('slot_templates').select('id').where('facility_id', '=', niji).where('start_minute', '=', 16 * 60).executeTakeFirstOrThrow();
    await staff.get('/facility/booking-setup/templates');
    const res = await staff.post(`/facility/booking-setup/templates/${template.id}/delete`, {});
    assert.equal(res.status, 303);
    assert.match(textOf((await staff.follow(res)).body), /テンプレートを削除しました。作成済みの利用枠は残っています。/);
    assert.equal(await t.db.selectFrom('slot_templates').select('id').where('id', '=', template.id).executeTakeFirst(), undefined);
    assert.equal((await slotsOn('2026-11-02')).length, 3);
  });
});

describe('休園日', () => {
  test('closing a day with bookings: confirmation, then every booking cancelled (hours freed), slots withdrawn, each family mailed', async () => {
    const date = '2026-11-18';
    const [morning, afternoon] = await slotsOn(date);
    assert.ok(morning && afternoon);
    const hana = await approvedChild();
    const ken = await approvedChild();
    const late = await approvedChild();
    await book(hana, morning.id, 9 * 60, 11 * 60);
    await book(ken, afternoon.id, 13 * 60, 14 * 60, 'interview');
    assert.equal((await allowanceOf(t.db, hana.id, CalendarDate.from(date))).usedMinutes, 120);

    await staff.get('/facility/booking-setup/closed-days');
    const asked = await staff.post('/facility/booking-setup/closed-days', { 'date.year': '2026', 'date.month': '11', 'date.day': '18', reason: '運動会のため' });
    assert.equal(asked.status, 200);
    assert.equal(page(asked.body).heading(), '休園日にして予約を取り消しますか');
    const confirm = textOf(asked.body);
    assert.match(confirm, /2026年11月18日\(水\)には、次の2件の予約があります。/);
    assert.match(confirm, /テスト こども 9:00～11:00 柔軟利用 仮予約/);
    assert.match(confirm, /テスト こども 13:00～14:00 初回面談 仮予約/);
    assert.ok(confirm.includes('休園日にして予約を取り消す'));
    assert.equal(await t.db.selectFrom('facility_closed_days').select('date').where('facility_id', '=', niji).where('date', '=', date).executeTakeFirst(), undefined, 'nothing changes before the confirmation');

    // A family books between the confirmation page and the submit: cancelled and mailed too.
    await book(late, afternoon.id, 14 * 60, 15 * 60);
    const done = await staff.post('/facility/booking-setup/closed-days', { 'date.year': '2026', 'date.month': '11', 'date.day': '18', reason: '運動会のため', confirmed: 'yes' });
    assert.equal(done.status, 303);
    assert.match(textOf((await staff.follow(done)).body), /2026年11月18日\(水\)を休園日にしました。利用枠2件を取り下げました。予約3件を取り消し、保護者にメールでお知らせしました。/);

    const rows = await t.db.selectFrom('reservations').select(['child_id', 'status', 'cancelled_by', 'decline_reason']).where('facility_id', '=', niji).where('starts_at', '>=', new Date('2026-11-18T00:00:00+09:00')).where('starts_at', '<', new Date('2026-11-19T00:00:00+09:00')).execute();
    assert.equal(rows.length, 3);
    for (const row of rows) assert.deepEqual([row.status, row.cancelled_by, row.decline_reason], ['cancelled', nijiStaffId, '運動会のため']);
    assert.equal((await allowanceOf(t.db, hana.id, CalendarDate.from(date))).usedMinutes, 0, 'the hours are freed');
    assert.ok((await slotsOn(date)).every((s) => s.withdrawn_at !== null));
    const audit = await t.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'reservation.cancel.facility_closed').execute();
    assert.equal(audit.length, 3);

    for (const kid of [hana, ken, late]) {
      const mails = await mailsTo(t.db, kid.email);
      assert.equal(mails.length, 1, kid.email);
      const mail = mails[0]!;
      assert.equal(mail.subject, '【つうえん】休園のため予約を取り消しました（2026年11月18日(水)）');
      assert.match(mail.text_body, /にじいろ保育園（架空）は、2026年11月18日\(水\)を休園日にしました。/);
      assert.match(mail.text_body, /休園の理由：運動会のため/);
      assert.match(mail.text_body, /・テスト こどもさん 2026年11月18日\(水\) \d+:00～\d+:00/);
      assert.match(mail.text_body, /利用可能時間に数えません/);
    }
    // The day takes no more bookings.
    const again = await bookSlot(t.db, t.clock, { id: hana.guardianId, role: 'guardian' }, { slotId: morning.id, childId: hana.id, kind: 'flexible', startMinute: 540, endMinute: 600, idempotencyKey: randomUUID() });
    assert.deepEqual(again, { outcome: 'refused', reason: 'slot-gone' });
    // The list shows it, and the slot list says the day is closed.
    assert.match(textOf((await staff.get('/facility/booking-setup/closed-days')).body), /2026年11月18日\(水\) 運動会のため/);
    assert.match(textOf((await staff.get('/facility/booking-setup/slots?from=2026-11-18')).body), /2026年11月18日\(水\) 休園日（運動会のため）/);
  });

  test('the same day cannot be closed twice; a past or unreal date is refused', async () => {
    const twice = await staff.post('/facility/booking-setup/closed-days', { 'date.year': '2026', 'date.month': '11', 'date.day': '18', reason: '運動会のため', confirmed: 'yes' });
    assert.equal(twice.status, 400);
    assert.deepEqual(page(twice.body).errorSummary(), ['この日は、すでに休園日です']);
    const past = await staff.post('/facility/booking-setup/closed-days', { 'date.year': '2026', 'date.month': '10', 'date.day': '30', reason: '' });
    assert.deepEqual(page(past.body).errorSummary(), ['今日以降の日付を入力してください', '休園の理由を入力してください（例：運動会のため）']);
    const unreal = await staff.post('/facility/booking-setup/closed-days', { 'date.year': '2026', 'date.month': '11', 'date.day': '31', reason: '行事' });
    assert.equal(unreal.status, 400);
    assert.equal(page(unreal.body).field('date.day')?.value, '31');
    assert.equal(page(unreal.body).field('reason')?.value, '行事');
  });

  test('opening a closed day again makes its slots bookable again', async () => {
    await staff.get('/facility/booking-setup/closed-days');
    const res = await staff.post('/facility/booking-setup/closed-days/remove', { date: '2026-11-18' });
    assert.equal(res.status, 303);
    assert.match(textOf((await staff.follow(res)).body), /2026年11月18日\(水\)の休園日を取り消しました。利用枠2件を予約できるようにしました。/);
    assert.ok((await slotsOn('2026-11-18')).every((s) => s.withdrawn_at === null));
    assert.equal((await staff.post('/facility/booking-setup/closed-days/remove', { date: '2026-11-18' })).status, 404);
  });
});

describe('利用枠一覧', () => {
  test('shows places taken per age class; a slot with bookings is not withdrawn, one without is', async () => {
    const [morning, afternoon] = await slotsOn('2026-11-19');
    assert.ok(morning && afternoon);
    const kid = await approvedChild();
    await book(kid, morning.id, 9 * 60, 10 * 60);
    const list = textOf((await staff.get('/facility/booking-setup/slots?from=2026-11-19')).body);
    assert.match(list, /2026年11月19日\(木\)の利用枠 時間 予約／定員 予約の種類 状態 9:00～12:00 0歳 0\/1 1歳 1\/3 2歳 0\/3 初回面談 定期利用 柔軟利用 受付中 取り下げる/);
    const refused = await staff.post(`/facility/booking-setup/slots/${morning.id}/withdraw`, {});
    assert.equal(refused.status, 409);
    assert.match(textOf(refused.body), /この利用枠には予約があるため、取り下げられません。/);
    const withdrawn = await staff.post(`/facility/booking-setup/slots/${afternoon.id}/withdraw`, {});
    assert.equal(withdrawn.status, 303);
    assert.match(textOf((await staff.follow(withdrawn)).body), /利用枠を取り下げました。[\s\S]*13:00～16:00 .* 取り下げ済み/);
    const rows = await slotsOn('2026-11-19');
    assert.deepEqual(rows.map((s) => s.withdrawn_at !== null), [false, true]);
  });
});

describe('who may', () => {
  test("another facility's staff get 404 for this facility's template and slot, and change nothing", async () => {
    const other = await logInAsStaff(t.app, t.db, 'staff@sora.nagaoka.example.jp');
    const template = await t.db.selectFrom('slot_templates').select('id').where('facility_id', '=', niji).orderBy('id').executeTakeFirstOrThrow();
    const [slot] = await slotsOn('2026-11-20');
    assert.ok(slot);
    await other.get('/facility/booking-setup/templates');
    assert.equal((await other.post(`/facility/booking-setup/templates/${template.id}/delete`, {})).status, 404);
    assert.equal((await other.post(`/facility/booking-setup/slots/${slot.id}/withdraw`, {})).status, 404);
    assert.ok(await t.db.selectFrom('slot_templates').select('id').where('id', '=', template.id).executeTakeFirst());
    assert.equal((await slotsOn('2026-11-20'))[0]?.withdrawn_at, null);
    // Their lists are their own facility's.
    assert.equal(page((await other.get('/facility/booking-setup/closed-days')).body).find('#closed-days'), undefined);
    assert.equal((await other.post('/facility/booking-setup/closed-days/remove', { date: '2026-11-16' })).status, 404);
    assert.ok(await t.db.selectFrom('facility_closed_days').select('date').where('facility_id', '=', niji).where('date', '=', '2026-11-16').executeTakeFirst());
  });

  test('a guardian is refused (403)', async () => {
    const guardian = await newGuardian(t.app, t.db, 'setup-guardian@example.jp');
    assert.equal((await guardian.get('/facility/booking-setup')).status, 403);
    assert.equal((await guardian.get('/facility/booking-setup/slots')).status, 403);
    assert.equal((await guardian.post('/facility/booking-setup/offer', { 'kinds.interview': 'yes' })).status, 403);
  });
});
