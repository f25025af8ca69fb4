// The facility's side over HTTP: the day's roster (booked times, age class, allergies, エピペン,
// pick-up person, statuses at their boundaries, every health read logged), its print view, times
// recorded or corrected by hand with a reason (kept with who and when, shown as history), 欠席 and
// 当日キャンセル (the hours stay consumed), and what another facility's staff cannot reach.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CalendarDate } from '../../src/platform/time.ts';
import { allowanceOf, bookSlot, decideReservation } from '../../src/reservations/queries.ts';
import { attendanceKey, minuteOf, signToken } from '../../src/attendance/rules.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { page } from '../helpers/page.ts';
import { approvedForUse, child, facility, municipality, slot, type Child, type Facility, type Municipality } from '../reservations/world.ts';
import { bookingOn } from './world.ts';
import { mailsTo } from '../helpers/mail.ts';
import { signedIn } from '../helpers/signed-in.ts';

let t: TestApp;
let city: Municipality;
let otherCity: Municipality;
let niji: Facility;
let himawari: Facility;
let sora: Facility;

/** Wednesday 2026-11-25, 10:00 in Tokyo: the day before the roster's day. */
const EVE = '2026-11-25T01:00:00Z';
const DAY = '2026-11-26';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+09:00`);

before(async () => {
  t = await startTestApp({ now: EVE });
  city = await municipality(t.db, { allowanceMinutes: 600 });
  otherCity = await municipality(t.db);
  niji = await facility(t.db, city, 'にじいろ名簿園');
  himawari = await facility(t.db, city, 'ひまわり名簿園');
  sora = await facility(t.db, otherCity, 'そらいろ名簿園');
});
after(() => t?.close());

const staff = (place: Facility = niji) => signedIn(t, place.staff.id, '/facility');

/** A confirmed 柔軟利用 booking on DAY, made the day before through the booking core (so its hours are charged). */
async function bookedEve(kid: Child, place: Facility, from: string, to: string): Promise<string> {
  const now = t.clock.now();
  t.clock.set(EVE);
  await approvedForUse(t.db, place, kid);
  const existing = await t.db.selectFrom('slots').select('id').where('facility_id', '=', place.id).where('starts_at', '=', at('08:00')).executeTakeFirst();
  const slotId = existing?.id ?? (await slot(t.db, place, DAY, '08:00', '18:00'));
  const result = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, {
    slotId,
    childId: kid.id,
    kind: 'flexible',
    startMinute: Number(from.slice(0, 2)) * 60 + Number(from.slice(3)),
    endMinute: Number(to.slice(0, 2)) * 60 + Number(to.slice(3)),
    idempotencyKey: randomUUID(),
    pickup: { name: '祖母 はな', relationship: '祖母', phone: '090-1111-2222' },
  });
  assert.ok(result.outcome === 'booked', JSON.stringify(result));
  assert.equal((await decideReservation(t.db, t.clock, place.staff, result.reservationId, 'confirm')).outcome, 'confirmed');
  t.clock.set(now);
  return result.reservationId;
}

async function named(kid: Child, name: string, kana: string) {
  await t.db.updateTable('children').set({ name, name_kana: kana }).where('id', '=', kid.id).execute();
}

describe('the day’s roster', () => {
  let early: Child;
  let allergic: Child;
  let earlyBooking: string;

  before(async () => {
    early = await child(t.db, city, '2025-06-01');
    allergic = await child(t.db, city, '2024-03-01');
    await named(early, '小千谷 さくら', 'オヂヤ サクラ');
    await named(allergic, '長岡 たろう', 'ナガオカ タロウ');
    await t.db.insertInto('child_profiles').values({ child_id: allergic.id, municipality_id: city.id, sex: 'male', meal_stage: 'toddler', allergy_severity: 'severe', allergy_notes: '少量でも症状が出ます', epinephrine_auto_injector: true, health_conditions: '', medicines: '', health_notes: '' }).execute();
    await t.db.insertInto('child_allergens').values([{ child_id: allergic.id, municipality_id: city.id, allergen: 'egg' }, { child_id: allergic.id, municipality_id: city.id, allergen: 'milk' }]).execute();
    earlyBooking = await bookingOn(t.db, niji, early, DAY, '09:00', '10:00');
    await bookingOn(t.db, niji, allergic, DAY, '09:30', '12:00', { pickup: '長岡 父' });
    // Another facility's and another municipality's children on the same day, and a booking tomorrow.
    await bookingOn(t.db, himawari, await child(t.db, city, '2025-01-01'), DAY, '09:00', '10:00');
    await bookingOn(t.db, sora, await child(t.db, otherCity, '2025-01-01'), DAY, '09:00', '10:00');
    await bookingOn(t.db, niji, await child(t.db, city, '2025-02-01'), '2026-11-27', '09:00', '10:00');
  });

  async function rosterAt(time: string) {
    t.clock.set(at(time));
    const res = await (await staff()).get('/facility/attendance');
    assert.equal(res.status, 200);
    return page(res.body);
  }
  const statuses = (p: ReturnType<typeof page>) => p.all('[data-qa="roster-status"]').map((e) => e.textContent);

  test('today’s children only, with booked times, age class, allergies, エピペン and the pick-up person; each health read logged', async () => {
    const before = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'child.sensitive.read').where('actor_user_id', '=', niji.staff.id).execute();
    const p = await rosterAt('08:30');
    assert.deepEqual(p.all('[data-qa="roster-child"]').map((a) => a.textContent.replace(/（.*$/, '')), ['小千谷 さくら', '長岡 たろう']);
    const rows = p.all('#roster tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.replace(/\s+/g, ' ').trim()));
    assert.deepEqual(rows[1]?.slice(1, 8), ['9:30〜12:00', '1歳児', '卵、乳（重い） 少量でも症状が出ます', 'あり', '長岡 父（母）0258-83-3512', '予定', '— / —']);
    assert.deepEqual(rows[0]?.slice(2, 5), ['1歳児', 'なし', 'なし']);
    const after = await t.db.selectFrom('audit_log').select(['subject_id', 'detail']).where('action', '=', 'child.sensitive.read').where('actor_user_id', '=', niji.staff.id).execute();
    assert.equal(after.length - before.length, 2);
    assert.deepEqual(new Set(after.slice(before.length).map((e) => e.subject_id)), new Set([early.id, allergic.id]));
    // The print view: the same rows, no links, print CSS.
    const print = page((await (await staff()).get('/facility/attendance/print')).body);
    assert.equal(print.all('#roster-print tbody tr').length, 2);
    assert.equal(print.all('[data-qa="roster-child"]').length, 0);
    assert.ok(print.find('link[href="/static/attendance.css"]'));
  });

  test('予定 → 未登園 once the start has passed → 利用中 → お迎え遅れ once the end has passed → 終了', async () => {
    assert.deepEqual(statuses(await rosterAt('09:00')), ['予定', '予定']);
    assert.deepEqual(statuses(await rosterAt('09:01')), ['未登園', '予定']);
    const key = attendanceKey(t.config.cookieSecret);
    const guardian = await signedIn(t, early.guardianId, '/mypage');
    const res = await guardian.post('/checkin', { pass: signToken(key, 'pass', niji.id, minuteOf(t.clock.now())), reservation: earlyBooking, direction: 'in' });
    assert.equal(res.status, 303);
    assert.deepEqual(statuses(await rosterAt('10:00')), ['利用中', '未登園']);
    assert.deepEqual(statuses(await rosterAt('10:01')), ['お迎え遅れ', '未登園']);
    const out = await (await signedIn(t, early.guardianId, '/mypage')).post('/checkin', { pass: signToken(key, 'pass', niji.id, minuteOf(t.clock.now())), reservation: earlyBooking, direction: 'out' });
    assert.equal(out.status, 303);
    const p = await rosterAt('10:30');
    assert.deepEqual(statuses(p), ['終了', '未登園']);
    assert.match(p.find('#roster tbody tr')?.textContent ?? '', /9:01（QR） \/ 10:01（QR）/);
    // In English too.
    const english = await staff();
    english.cookies.set('lang', 'en');
    const en = page((await english.get('/facility/attendance')).body);
    assert.equal(en.heading(), "Today's children");
    assert.deepEqual(statuses(en), ['Left', 'Not arrived']);
    assert.match(en.find('#roster tbody tr')?.textContent ?? '', /9:01 \(QR\) \/ 10:01 \(QR\)/);
    const record = page((await english.get(`/facility/attendance/${earlyBooking}`)).body);
    assert.equal(record.heading(), 'Arrival and pick-up record: 小千谷 さくら');
  });
});

describe('times recorded or corrected by hand', () => {
  let kid: Child;
  let id: string;
  before(async () => {
    kid = await child(t.db, city, '2025-05-01');
    await named(kid, '見附 はると', 'ミツケ ハルト');
    id = await bookingOn(t.db, niji, kid, DAY, '09:00', '11:00');
  });

  test('a reason is required; the form keeps what was typed; a bad or future time is refused next to its field', async () => {
    t.clock.set(at('09:20'));
    const client = await staff();
    const path = `/facility/attendance/${id}`;
    const form = page((await client.get(path)).body);
    assert.equal(form.qaText('history-empty'), '職員による記録・修正はまだありません。');
    const noReason = await client.post(`${path}/times`, { checkedIn: '09:05', checkedOut: '', reason: '', shownIn: '', shownOut: '' });
    assert.equal(noReason.status, 400);
    const p = page(noReason.body);
    assert.equal(p.field('reason')?.error, '理由を入力してください');
    assert.equal(p.field('checkedIn')?.value, '09:05');
    const bad = page((await client.post(`${path}/times`, { checkedIn: '9時', checkedOut: '09:30', reason: 'x', shownIn: '', shownOut: '' })).body);
    assert.equal(bad.field('checkedIn')?.error, '時刻は 09:05 のように入力してください');
    assert.equal(bad.field('checkedOut')?.error, 'まだ来ていない時刻は記録できません');
    const backwards = page((await client.post(`${path}/times`, { checkedIn: '09:10', checkedOut: '09:05', reason: 'x', shownIn: '', shownOut: '' })).body);
    assert.equal(backwards.field('checkedOut')?.error, '利用終了は利用開始より後の時刻にしてください');
    const outOnly = page((await client.post(`${path}/times`, { checkedIn: '', checkedOut: '09:05', reason: 'x', shownIn: '', shownOut: '' })).body);
    assert.equal(outOnly.field('checkedOut')?.error, '利用開始の時刻なしに利用終了は記録できません');
    assert.equal(await t.db.selectFrom('attendances').select('reservation_id').where('reservation_id', '=', id).executeTakeFirst(), undefined);
  });

  test('recorded (no phone), then corrected: each change kept with old and new time, who, when and why, shown as history', async () => {
    t.clock.set(at('09:20'));
    const client = await staff();
    const path = `/facility/attendance/${id}`;
    const first = await client.post(`${path}/times`, { checkedIn: '０９：０５', checkedOut: '', reason: 'スマートフォンを持っていなかったため', shownIn: '', shownOut: '' });
    assert.equal(first.status, 303);
    assert.equal(first.location, `${path}?done=saved`);
    const row = await t.db.selectFrom('attendances').selectAll().where('reservation_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.checked_in_at?.toISOString(), at('09:05').toISOString());
    assert.equal(row.checked_in_via, 'staff');
    assert.equal(row.checked_in_by, niji.staff.id);

    t.clock.set(at('11:10'));
    const later = await staff();
    const shown = page((await later.get(path)).body);
    assert.equal(shown.field('checkedIn')?.value, '09:05');
    const fields = Object.fromEntries(shown.all('form[action$="/times"] input[type="hidden"]').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']));
    const second = await later.post(`${path}/times`, { ...fields, checkedIn: '09:00', checkedOut: '11:05', reason: '到着時刻の記録違い。お迎えは祖母' });
    assert.equal(second.status, 303);
    const history = page((await later.get(second.location!)).body);
    assert.equal(history.qaText('notice'), '記録しました。');
    const lines = history.all('#corrections tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim()));
    assert.equal(lines.length, 3);
    assert.ok(lines.every((l) => l[1] === '職員'));
    const stored = await t.db.selectFrom('attendance_corrections').selectAll().where('reservation_id', '=', id).orderBy('corrected_at').orderBy('field').execute();
    assert.deepEqual(
      stored.map((c) => [c.field, c.old_value?.toISOString() ?? null, c.new_value?.toISOString() ?? null, c.corrected_by, c.corrected_at.toISOString(), c.reason]),
      [
        ['checked_in_at', null, at('09:05').toISOString(), niji.staff.id, at('09:20').toISOString(), 'スマートフォンを持っていなかったため'],
        ['checked_in_at', at('09:05').toISOString(), at('09:00').toISOString(), niji.staff.id, at('11:10').toISOString(), '到着時刻の記録違い。お迎えは祖母'],
        ['checked_out_at', null, at('11:05').toISOString(), niji.staff.id, at('11:10').toISOString(), '到着時刻の記録違い。お迎えは祖母'],
      ],
    );
    assert.ok(lines.some((l) => l[2] === '利用開始：09:05 → 09:00'));
    assert.ok(lines.some((l) => l[2] === '利用終了：（なし） → 11:05'));

    // The same form sent again (a double submit, or a stale page): nothing overwritten unseen.
    const stale = await later.post(`${path}/times`, { ...fields, checkedIn: '08:55', checkedOut: '11:05', reason: '古い画面から' });
    assert.equal(stale.status, 409);
    assert.match(page(stale.body).qaText('problem') ?? '', /この画面を開いた後に記録が変わりました/);
    assert.equal(await t.db.selectFrom('attendance_corrections').select('id').where('reservation_id', '=', id).execute().then((r) => r.length), 3);
  });

  test('another facility’s staff cannot read or change it (404), nor see the child on their roster', async () => {
    t.clock.set(at('11:20'));
    for (const place of [himawari, sora]) {
      const other = await staff(place);
      assert.equal((await other.get(`/facility/attendance/${id}`)).status, 404);
      assert.equal((await other.post(`/facility/attendance/${id}/times`, { checkedIn: '09:00', checkedOut: '', reason: 'x', shownIn: '', shownOut: '' })).status, 404);
      assert.equal((await other.post(`/facility/attendance/${id}/absent`, { absentReason: 'x' })).status, 404);
      assert.equal((await other.post(`/facility/attendance/${id}/cancel`, { cancelReason: 'x' })).status, 404);
      assert.doesNotMatch((await other.get('/facility/attendance')).body, /見附 はると/);
    }
    const guardian = await signedIn(t, kid.guardianId, '/mypage');
    assert.equal((await guardian.get(`/facility/attendance/${id}`)).status, 403);
    assert.equal((await t.db.selectFrom('attendance_corrections').select('id').where('reservation_id', '=', id).execute()).length, 3);
  });

  test('a future day cannot be recorded yet', async () => {
    t.clock.set(at('11:20'));
    const later = await bookingOn(t.db, niji, kid, '2026-11-28', '09:00', '10:00');
    const client = await staff();
    assert.equal(page((await client.get(`/facility/attendance/${later}`)).body).qaText('not-begun'), 'まだ利用日になっていないため、記録できません。');
    const res = await client.post(`/facility/attendance/${later}/times`, { checkedIn: '09:00', checkedOut: '', reason: 'x', shownIn: '', shownOut: '' });
    assert.equal(res.status, 409);
    assert.match(page(res.body).qaText('problem') ?? '', /まだ利用日になっていない/);
    assert.equal((await client.post(`/facility/attendance/${later}/absent`, { absentReason: '連絡なし' })).status, 409);
  });
});

describe('欠席 and 当日キャンセル keep the hours consumed', () => {
  test('欠席: reason required; the booking stays confirmed and charged; a scan is refused; a check-in by staff takes it back', async () => {
    const kid = await child(t.db, city, '2025-04-01');
    const id = await bookedEve(kid, niji, '13:00', '15:00');
    t.clock.set(at('13:40'));
    const used = (await allowanceOf(t.db, kid.id, CalendarDate.from(DAY))).usedMinutes;
    assert.equal(used, 120);
    const client = await staff();
    const path = `/facility/attendance/${id}`;
    const missing = await client.post(`${path}/absent`, { absentReason: '  ' });
    assert.equal(missing.status, 400);
    assert.equal(page(missing.body).field('absentReason')?.error, '理由を入力してください');
    const marked = await client.post(`${path}/absent`, { absentReason: '連絡なし、電話もつながらず' });
    assert.equal(marked.status, 303);
    assert.equal(page((await client.get(marked.location!)).body).qaText('notice'), '欠席として記録しました。');
    const row = await t.db.selectFrom('attendances').selectAll().where('reservation_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.no_show_at?.toISOString(), at('13:40').toISOString());
    assert.equal(row.no_show_by, niji.staff.id);
    assert.equal((await t.db.selectFrom('reservations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'confirmed');
    assert.equal((await allowanceOf(t.db, kid.id, CalendarDate.from(DAY))).usedMinutes, 120);
    assert.match((await client.get('/facility/attendance')).body, /data-status="absent"/);
    // Marked twice: refused. The guardian's scan: refused with the reason.
    assert.equal((await client.post(`${path}/absent`, { absentReason: 'もう一度' })).status, 409);
    const key = attendanceKey(t.config.cookieSecret);
    const guardian = await signedIn(t, kid.guardianId, '/mypage');
    const scan = await guardian.post('/checkin', { pass: signToken(key, 'pass', niji.id, minuteOf(t.clock.now())), reservation: id, direction: 'in' });
    assert.equal(scan.status, 409);
    assert.match(page(scan.body).qaText('problem') ?? '', /欠席として記録している/);
    // The child came after all: staff record the start, which takes the 欠席 back (kept in the history).
    t.clock.set(at('13:50'));
    const came = await (await staff()).post(`${path}/times`, { checkedIn: '13:45', checkedOut: '', reason: '遅れて来園', shownIn: '', shownOut: '' });
    assert.equal(came.status, 303);
    const after = await t.db.selectFrom('attendances').selectAll().where('reservation_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(after.no_show_at, null);
    assert.equal(after.checked_in_at?.toISOString(), at('13:45').toISOString());
    const fields = (await t.db.selectFrom('attendance_corrections').select(['field', 'new_value', 'reason']).where('reservation_id', '=', id).orderBy('corrected_at').orderBy('field').execute()).map((c) => [c.field, c.new_value === null ? null : 'set', c.reason]);
    assert.deepEqual(fields, [
      ['no_show', 'set', '連絡なし、電話もつながらず'],
      ['checked_in_at', 'set', '遅れて来園'],
      ['no_show', null, '遅れて来園'],
    ]);
  });

  test('当日キャンセル: the reservations capability’s cancellation → late_cancelled, hours kept, place freed; refused once the child has come', async () => {
    const kid = await child(t.db, city, '2025-03-01');
    const id = await bookedEve(kid, niji, '14:00', '16:00');
    t.clock.set(at('08:10'));
    const client = await staff();
    const path = `/facility/attendance/${id}`;
    assert.equal((await client.post(`${path}/cancel`, { cancelReason: '' })).status, 400);
    const cancelled = await client.post(`${path}/cancel`, { cancelReason: '朝、保護者から電話（発熱）' });
    assert.equal(cancelled.status, 303);
    assert.equal(page((await client.get(cancelled.location!)).body).qaText('notice'), '当日キャンセルとして記録しました。');
    const reservation = await t.db.selectFrom('reservations').select(['status', 'cancelled_by']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(reservation, { status: 'late_cancelled', cancelled_by: niji.staff.id });
    assert.equal((await allowanceOf(t.db, kid.id, CalendarDate.from(DAY))).usedMinutes, 120);
    const correction = await t.db.selectFrom('attendance_corrections').select(['field', 'reason', 'corrected_by']).where('reservation_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(correction, { field: 'same_day_cancel', reason: '朝、保護者から電話（発熱）', corrected_by: niji.staff.id });
    const audit = await t.db.selectFrom('audit_log').select('detail').where('subject_id', '=', id).where('action', '=', 'reservation.cancel').executeTakeFirstOrThrow();
    assert.deepEqual(audit.detail, { status: 'late_cancelled' });
    // The family is mailed what the facility recorded, and that the hours stay used.
    const guardianEmail = (await t.db.selectFrom('users').select('email').where('id', '=', kid.guardianId).executeTakeFirstOrThrow()).email;
    const mails = await mailsTo(t.db, guardianEmail);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.text_body, /施設が当日キャンセルのご連絡を受け、記録しました/);
    assert.match(mails[0]!.text_body, /14:00.*16:00.*当日扱いのキャンセル（2時間を消費）/);
    const roster = page((await client.get('/facility/attendance')).body);
    assert.ok(roster.all('[data-qa="roster-status"]').some((s) => s.textContent === '当日キャンセル'));
    assert.equal((await client.post(`${path}/cancel`, { cancelReason: 'もう一度' })).status, 409);

    // Once in, no cancellation.
    const other = await child(t.db, city, '2025-02-01');
    const inId = await bookedEve(other, niji, '09:00', '10:00');
    t.clock.set(at('09:10'));
    const staffNow = await staff();
    assert.equal((await staffNow.post(`/facility/attendance/${inId}/times`, { checkedIn: '09:02', checkedOut: '', reason: '電話なし', shownIn: '', shownOut: '' })).status, 303);
    const refused = await staffNow.post(`/facility/attendance/${inId}/cancel`, { cancelReason: '間違い' });
    assert.equal(refused.status, 409);
    assert.match(page(refused.body).qaText('problem') ?? '', /すでに利用開始が記録されている/);
    assert.equal((await t.db.selectFrom('reservations').select('status').where('id', '=', inId).executeTakeFirstOrThrow()).status, 'confirmed');
  });
});
