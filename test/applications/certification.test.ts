// 認定者の管理: a municipality's staff find their own certified children, and end a certification
// before its term (a nursery place, moving away). The bookings after the last day are listed
// before anything changes, then cancelled with their hours freed, and the family is mailed; no
// booking after the last day can be made any more. Another municipality's staff are refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { mailsTo } from '../helpers/mail.ts';
import { logInAsStaff } from '../helpers/journeys.ts';
import { page as parse } from '../helpers/page.ts';
import { bookSlot } from '../../src/reservations/queries.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { approvedForUse, child as childOf, facility as facilityIn, slot as slotAt, type Child, type Facility } from '../reservations/world.ts';

let t: TestApp;
let ojiyaStaff: TestClient;
let nagaokaStaff: TestClient;
let ojiya: { id: string };
let place: Facility;
before(async () => {
  t = await startTestApp();
  ojiyaStaff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
  nagaokaStaff = await logInAsStaff(t.app, t.db, 'city-staff@nagaoka.example.jp');
  ojiya = { id: (await t.db.selectFrom('users').select('municipality_id').where('email', '=', 'city-staff@ojiya.example.jp').executeTakeFirstOrThrow()).municipality_id };
  place = await facilityIn(t.db, ojiya, '認定終了テスト保育園');
});
after(() => t.close());

async function namedChild(name: string, kana: string): Promise<Child> {
  // Ojiya allows only the facility named in the application.
  const kid = await childOf(t.db, ojiya, '2025-01-10', { namedFacilityId: place.id });
  await t.db.updateTable('children').set({ name, name_kana: kana }).where('id', '=', kid.id).execute();
  return kid;
}

async function book(kid: Child, date: string): Promise<string> {
  const slotId = await slotAt(t.db, place, date, '09:00', '12:00');
  const booked = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId, childId: kid.id, kind: 'flexible', startMinute: 540, endMinute: 600, idempotencyKey: `${kid.id}-${date}` });
  assert.equal(booked.outcome, 'booked', JSON.stringify(booked));
  return booked.outcome === 'booked' ? booked.reservationId : '';
}

const terminate = (fields: Record<string, string>) => ({ reason: 'nursery', reasonNote: '', 'lastDay.year': '2026', 'lastDay.month': '12', 'lastDay.day': '31', ...fields });

describe('the list of certified children', () => {
  test('lists this municipality’s children and finds them by reading or number', async () => {
    const kid = await namedChild('𠮷田 はるか', 'ヨシダ ハルカ');
    const number = (await t.db.selectFrom('children').select('certification_number').where('id', '=', kid.id).executeTakeFirstOrThrow()).certification_number;
    const list = parse((await ojiyaStaff.get('/municipality/children?q=%E3%83%A8%E3%82%B7%E3%83%80')).body);
    assert.match(list.find('#children')?.textContent ?? '', /𠮷田 はるか/, 'found by its reading, the name shown as stored');
    const byNumber = parse((await ojiyaStaff.get(`/municipality/children?q=${encodeURIComponent(number)}`)).body);
    assert.equal(byNumber.all('#children tbody tr').length, 1);
    const nagaoka = parse((await nagaokaStaff.get('/municipality/children?q=%E3%83%A8%E3%82%B7%E3%83%80')).body);
    assert.doesNotMatch(nagaoka.text(), /𠮷田/, 'another municipality does not see the child');
    assert.equal((await nagaokaStaff.get(`/municipality/children/${kid.id}`)).status, 404);
  });
});

describe('ending a certification', () => {
  test('refuses a missing reason, “other” without words, a past day and a day not earlier than the term, keeping what was typed', async () => {
    const kid = await namedChild('入力 たろう', 'ニュウリョク タロウ');
    const path = `/municipality/children/${kid.id}/terminate`;
    const noReason = parse((await ojiyaStaff.post(path, terminate({ reason: '' }))).body);
    assert.deepEqual(noReason.errorSummary(), ['終了の理由を選んでください。']);
    const other = parse((await ojiyaStaff.post(path, terminate({ reason: 'other' }))).body);
    assert.deepEqual(other.errorSummary(), ['「その他」のときは、理由を入力してください。']);
    const past = await ojiyaStaff.post(path, terminate({ 'lastDay.month': '11', 'lastDay.day': '25' }));
    assert.equal(past.status, 400);
    assert.deepEqual(parse(past.body).errorSummary(), ['最後の日は、今日（2026年11月26日）以降の日にしてください。過去の利用の記録は変えられません。']);
    assert.equal(parse(past.body).field('lastDay.day')?.value, '25');
    const late = parse((await ojiyaStaff.post(path, terminate({ 'lastDay.year': '2029', 'lastDay.month': '3', 'lastDay.day': '31' }))).body);
    assert.deepEqual(late.errorSummary(), ['今の認定は2029年3月31日までです。それより前の日を入力してください。']);
    const stored = await t.db.selectFrom('children').select('certification_valid_until').where('id', '=', kid.id).executeTakeFirstOrThrow();
    assert.equal(stored.certification_valid_until, '2029-03-31', 'nothing changed');
  });

  test('lists the bookings after the last day, then ends it: those cancelled (hours freed), earlier ones kept, the family mailed, no new booking after it', async () => {
    const kid = await namedChild('終了 さくら', 'シュウリョウ サクラ');
    await approvedForUse(t.db, place, kid);
    const kept = await book(kid, '2026-12-28');
    const ended = await book(kid, '2027-01-05');
    const path = `/municipality/children/${kid.id}/terminate`;

    const confirm = await ojiyaStaff.post(path, terminate({}));
    assert.equal(confirm.status, 200, textOf(confirm.body).slice(0, 300));
    const c = parse(confirm.body);
    assert.equal(c.heading(), '認定の終了を確認');
    assert.match(c.text(), /1件の予約が取り消されます/);
    assert.match(c.find('#affected')?.textContent ?? '', /2027年1月5日/);
    assert.equal((await t.db.selectFrom('reservations').select('status').where('id', '=', ended).executeTakeFirstOrThrow()).status, 'provisional', 'nothing changes before confirming');

    const done = await ojiyaStaff.post(path, terminate({ confirmed: 'yes' }));
    assert.equal(done.status, 303);
    assert.equal(done.location, `/municipality/children/${kid.id}?done=terminated&cancelled=1`);
    const page = parse((await ojiyaStaff.get(done.location ?? '')).body);
    assert.match(page.text(), /認定を終了しました。1件の予約を取り消し、保護者にメールで知らせました。/);
    assert.match(page.find('#terminations')?.textContent ?? '', /保育所・認定こども園などに入園/);

    const rows = await t.db.selectFrom('reservations').select(['id', 'status']).where('id', 'in', [kept, ended]).execute();
    assert.equal(rows.find((r) => r.id === kept)?.status, 'provisional');
    assert.equal(rows.find((r) => r.id === ended)?.status, 'cancelled');
    const charges = await t.db.selectFrom('reservation_allowance_charges').select('month').where('reservation_id', '=', ended).execute();
    assert.ok(charges.length > 0, 'the charge rows stay, but a cancelled booking does not count');
    assert.equal((await t.db.selectFrom('children').select('certification_valid_until').where('id', '=', kid.id).executeTakeFirstOrThrow()).certification_valid_until, '2026-12-31');

    const guardian = await t.db.selectFrom('users').select('email').where('id', '=', kid.guardianId).executeTakeFirstOrThrow();
    const mails = await mailsTo(t.db, guardian.email);
    const mail = mails.find((m) => m.subject === '【つうえん】乳児等支援給付認定の終了のお知らせ');
    assert.ok(mail, 'the family is mailed');
    assert.match(mail.text_body, /2026年12月31日\(木\)で終了します/);
    assert.match(mail.text_body, /2027年1月5日\(火\) 9:00～10:00 認定終了テスト保育園/);

    const slotId = await slotAt(t.db, place, '2027-01-12', '09:00', '12:00');
    const refused = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId, childId: kid.id, kind: 'flexible', startMinute: 540, endMinute: 600, idempotencyKey: 'after-the-end' });
    assert.deepEqual(refused, { outcome: 'refused', reason: 'not-certified' });
    assert.equal((await ojiyaStaff.post(path, terminate({ confirmed: 'yes' }))).status, 400, 'a second end at the same day is refused');
  });

  test('another municipality’s staff cannot end it', async () => {
    const kid = await namedChild('他市 けんた', 'タシ ケンタ');
    assert.equal((await nagaokaStaff.post(`/municipality/children/${kid.id}/terminate`, terminate({ confirmed: 'yes' }))).status, 404);
    assert.equal((await t.db.selectFrom('children').select('certification_valid_until').where('id', '=', kid.id).executeTakeFirstOrThrow()).certification_valid_until, '2029-03-31');
  });
});
