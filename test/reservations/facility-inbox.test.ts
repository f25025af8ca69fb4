// The facility staff's booking screens through HTTP: 予約受付 (confirm, decline, several at once),
// cancelling for the facility, 日別の予約, 初回面談の結果 and 電話予約 — each decision mailing the
// guardian once, in its own transaction, and every refusal answered without a 500.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { TERMS_VERSION } from '../../src/accounts/terms.ts';
import type { Db } from '../../src/platform/database.ts';
import { SESSION_COOKIE } from '../../src/platform/session.ts';
import { hashToken, newToken } from '../../src/platform/tokens.ts';
import { fieldId } from '../../src/platform/ui/forms.tsx';
import { allowanceOf, bookSlot, type BookingRequest } from '../../src/reservations/queries.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { DEFAULT_TEST_NOW, startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient } from '../helpers/http.ts';
import { mailsTo } from '../helpers/mail.ts';
import { Page } from '../helpers/page.ts';
import { approvedForUse, child, facility, municipality, slot, type Child, type Facility, type Municipality } from './world.ts';

let t: TestApp;
let city: Municipality;
let niji: Facility;
let sora: Facility;
let staff: TestClient;
let otherStaff: TestClient;

before(async () => {
  t = await startTestApp();
  city = await municipality(t.db);
  niji = await facility(t.db, city, 'にじいろ保育園（テスト）');
  sora = await facility(t.db, city, 'そらいろ保育園（テスト）');
  staff = await signedIn(niji.staff.id);
  otherStaff = await signedIn(sora.staff.id);
});
after(() => t?.close());

/** A client with a finished login for the user (login itself is tested in accounts). */
async function signedIn(userId: string): Promise<TestClient> {
  const now = t.clock.now();
  await t.db.updateTable('users').set({ terms_version_accepted: TERMS_VERSION, terms_accepted_at: now }).where('id', '=', userId).execute();
  const token = newToken();
  await t.db.insertInto('sessions').values({ id_hash: hashToken(token), user_id: userId, stage: 'active', challenge_id: null, created_at: now, last_seen_at: now }).execute();
  const client = new TestClient(t.app);
  client.cookies.set(SESSION_COOKIE, token);
  return client;
}

/** A one-year-old in December 2026 (born 2025-06-01). */
const oneYearOld = () => child(t.db, city, '2025-06-01');

async function guardianEmail(kid: Child): Promise<string> {
  return (await t.db.selectFrom('users').select('email').where('id', '=', kid.guardianId).executeTakeFirstOrThrow()).email;
}

function minute(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
}

/** The family books for themselves (the guardian's screens are elsewhere): a provisional booking. */
async function familyBooks(kid: Child, slotId: string, kind: BookingRequest['kind'], start = '09:00', end = '10:00'): Promise<string> {
  const result = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId, childId: kid.id, kind, startMinute: minute(start), endMinute: minute(end), idempotencyKey: randomUUID() });
  assert.equal(result.outcome, 'booked', JSON.stringify(result));
  assert.ok(result.outcome === 'booked');
  return result.reservationId;
}

async function rowOf(id: string) {
  return t.db.selectFrom('reservations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Opens the page (for a CSRF token), then posts the form. */
async function post(client: TestClient, pagePath: string, action: string, fields: Record<string, string>) {
  const page = await client.get(pagePath);
  assert.equal(page.status, 200, `GET ${pagePath} answered ${page.status}`);
  return client.post(action, fields);
}

async function pickupPerson(db: Db, kid: Child, name: string, relationship: string, phone: string): Promise<string> {
  const row = await db.insertInto('child_pickup_persons').values({ child_id: kid.id, municipality_id: kid.municipalityId, position: 1, name, relationship, phone }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

describe('予約受付: confirm and decline', () => {
  test('the start page counts the waiting bookings; the inbox lists them; 確定する mails 「予約確定のお知らせ」 once', async () => {
    const kid = await oneYearOld();
    const slotId = await slot(t.db, niji, '2026-12-01', '09:00', '12:00');
    const id = await familyBooks(kid, slotId, 'interview');

    const home = new Page((await staff.get('/facility')).body);
    assert.match(home.qaText('inbox-link') ?? '', /確定待ち \d+件/);
    // One menu of the facility's work: the day at the entrance, the bookings' screens, fees and claims, the children and the settings.
    assert.deepEqual(
      home.all('nav.task-nav a').map((a) => [a.getAttribute('href'), a.querySelector('span')?.textContent]),
      [
        ['/facility/attendance/qr', 'QRコード表示'],
        ['/facility/attendance', '本日の利用者'],
        ['/facility/reservations', '予約受付'],
        ['/facility/reservations/day', '日別の予約'],
        ['/facility/pickup-changes', 'お迎え時間の変更'],
        ['/facility/reservations/phone', '電話予約'],
        ['/facility/reservations/interviews', '初回面談の結果'],
        ['/facility/fees', '利用料'],
        ['/facility/usage', '月別の利用実績'],
        ['/facility/claims', '給付費の請求'],
        ['/facility/children', '予約のあるお子さま'],
        ['/facility/booking-setup', '予約の設定'],
      ],
    );
    const inbox = new Page((await staff.get('/facility/reservations')).body);
    assert.ok(inbox.all('[data-qa="inbox-booking"]').some((card) => card.textContent.includes('テスト こども') && card.textContent.includes('2026年12月1日(火) 09:00〜10:00')));
    const detail = await staff.get(`/facility/reservations/${id}`);
    assert.equal(detail.status, 200);
    assert.ok(new Page(detail.body).qa('confirm'), 'a provisional booking offers 確定する');

    const answer = await staff.post(`/facility/reservations/${id}/confirm`, {});
    assert.equal(answer.status, 303);
    assert.equal(answer.location, `/facility/reservations/${id}?done=confirmed`);
    assert.equal((await rowOf(id)).status, 'confirmed');
    const mails = await mailsTo(t.db, await guardianEmail(kid));
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.equal(mail.subject, '【つうえん】予約確定のお知らせ');
    for (const words of ['にじいろ保育園（テスト）', 'テスト こどもさん', '初回面談', '2026年12月1日(火) 09:00〜10:00', '施設の電話番号：0258-00-0000', 'キャンセルの期限：2026年12月1日(火) 00:00まで']) {
      assert.ok(mail.text_body.includes(words), `the mail says ${words}`);
    }

    // A second press finds it decided: it says so, changes nothing and mails nothing.
    const again = await staff.post(`/facility/reservations/${id}/confirm`, {});
    assert.equal(again.status, 409);
    assert.match(new Page(again.body).qaText('problem') ?? '', /すでに「予約確定」/);
    const declineLate = await staff.post(`/facility/reservations/${id}/decline`, { reason: '定員のため' });
    assert.equal(declineLate.status, 409);
    assert.equal((await rowOf(id)).status, 'confirmed');
    assert.equal((await mailsTo(t.db, await guardianEmail(kid))).length, 1);
  });

  test('辞退 needs a reason; it frees the place and the hours, stores the reason and mails it with what to do next', async () => {
    const kid = await oneYearOld();
    await approvedForUse(t.db, niji, kid);
    // One place for 1-year-olds.
    const slotId = await slot(t.db, niji, '2026-12-02', '09:00', '12:00', { capacity: [0, 1, 0] });
    const id = await familyBooks(kid, slotId, 'flexible', '09:00', '11:00');
    assert.equal((await allowanceOf(t.db, kid.id, CalendarDate.from('2026-12-02'))).usedMinutes, 120);

    const blank = await post(staff, `/facility/reservations/${id}`, `/facility/reservations/${id}/decline`, { reason: '  ' });
    assert.equal(blank.status, 400);
    const page = new Page(blank.body);
    assert.equal(page.field('reason')?.error, '辞退の理由を入力してください');
    assert.ok(page.find('.error-summary'));
    assert.equal((await rowOf(id)).status, 'provisional');
    assert.equal((await mailsTo(t.db, await guardianEmail(kid))).length, 0);

    const reason = 'この日は職員研修のため、お受けできません。\n別の日でお願いします。';
    const declined = await staff.post(`/facility/reservations/${id}/decline`, { reason });
    assert.equal(declined.status, 303);
    const row = await rowOf(id);
    assert.equal(row.status, 'declined');
    assert.equal(row.decline_reason, reason);
    assert.equal((await allowanceOf(t.db, kid.id, CalendarDate.from('2026-12-02'))).usedMinutes, 0, 'the hours are freed');
    const other = await oneYearOld();
    await approvedForUse(t.db, niji, other);
    await familyBooks(other, slotId, 'flexible', '09:00', '11:00');

    const [mail, ...more] = await mailsTo(t.db, await guardianEmail(kid));
    assert.equal(more.length, 0);
    assert.equal(mail?.subject, '【つうえん】予約をお受けできませんでした');
    assert.ok(mail?.text_body.includes(reason));
    assert.ok(mail?.text_body.includes('別の日時を選んでもう一度予約'));
    const shown = new Page((await staff.get(`/facility/reservations/${id}`)).body);
    assert.ok(shown.text().includes('この日は職員研修のため'));
  });

  test('several bookings are confirmed at once, each guardian mailed; choosing none is answered with a message', async () => {
    const slotId = await slot(t.db, niji, '2026-12-04', '09:00', '12:00');
    const kids = [await oneYearOld(), await oneYearOld()];
    const ids = [await familyBooks(kids[0]!, slotId, 'interview'), await familyBooks(kids[1]!, slotId, 'interview', '10:00', '11:00')];
    const none = await post(staff, '/facility/reservations', '/facility/reservations/confirm', {});
    assert.equal(none.status, 400);
    assert.ok(new Page(none.body).text().includes('まとめて確定する予約を選んでください'));

    const answer = await staff.post('/facility/reservations/confirm', Object.fromEntries(ids.map((id) => [`confirm.${id}`, 'yes'])));
    assert.equal(answer.status, 303);
    assert.equal(answer.location, '/facility/reservations?confirmed=2&skipped=0');
    for (const [i, id] of ids.entries()) {
      assert.equal((await rowOf(id)).status, 'confirmed');
      assert.equal((await mailsTo(t.db, await guardianEmail(kids[i]!))).length, 1);
    }
    const page = new Page((await staff.follow(answer)).body);
    assert.ok(page.text().includes('2件の予約を確定し'));
  });

  test('施設の都合で取り消す: a reason is needed; the booking is cancelled with its hours freed, even on the day, and the family mailed', async () => {
    const kid = await oneYearOld();
    await approvedForUse(t.db, niji, kid);
    const slotId = await slot(t.db, niji, '2026-12-08', '13:00', '16:00');
    const id = await familyBooks(kid, slotId, 'regular', '13:00', '15:00');
    // A provisional booking is declined, not cancelled.
    const early = await staff.post(`/facility/reservations/${id}/cancel`, { cancelReason: '臨時休園' });
    assert.equal(early.status, 409);
    assert.ok(new Page(early.body).qaText('problem')?.includes('「辞退する」'));
    assert.equal((await rowOf(id)).status, 'provisional');
    await staff.post(`/facility/reservations/${id}/confirm`, {});
    // The morning of the day: past the family's deadline, but the facility's cancellation frees the hours.
    t.clock.set('2026-12-08T00:00:00Z');
    try {
      const staff = await signedIn(niji.staff.id);
      const blank = await post(staff, `/facility/reservations/${id}`, `/facility/reservations/${id}/cancel`, { cancelReason: '' });
      assert.equal(blank.status, 400);
      assert.equal(new Page(blank.body).field('cancelReason')?.error, '取り消す理由を入力してください');
      const cancelled = await staff.post(`/facility/reservations/${id}/cancel`, { cancelReason: '感染症のため臨時休園とします。' });
      assert.equal(cancelled.status, 303);
      const row = await rowOf(id);
      assert.equal(row.status, 'cancelled');
      assert.equal(row.decline_reason, '感染症のため臨時休園とします。');
      assert.equal((await allowanceOf(t.db, kid.id, CalendarDate.from('2026-12-08'))).usedMinutes, 0);
      const mails = await mailsTo(t.db, await guardianEmail(kid));
      assert.deepEqual(
        mails.map((m) => m.subject),
        ['【つうえん】予約確定のお知らせ', '【つうえん】施設の都合による予約取り消しのお知らせ'],
      );
      assert.ok(mails[1]!.text_body.includes('感染症のため臨時休園とします。'));
      const again = await staff.post(`/facility/reservations/${id}/cancel`, { cancelReason: 'もう一度' });
      assert.equal(again.status, 409);
      assert.equal((await mailsTo(t.db, await guardianEmail(kid))).length, 2);
    } finally {
      t.clock.set(DEFAULT_TEST_NOW);
    }
  });
});

describe('日別の予約', () => {
  test('the day lists each slot with places per age class, and the bookings by time with the pick-up person', async () => {
    const kid = await oneYearOld();
    await approvedForUse(t.db, niji, kid);
    const slotId = await slot(t.db, niji, '2026-12-09', '09:00', '12:00', { capacity: [1, 3, 2] });
    const reservationId = await familyBooks(kid, slotId, 'interview', '10:00', '11:00');
    await t.db.updateTable('reservations').set({ pickup_name: '小千谷 花子', pickup_relationship: '母', pickup_phone: '090-1111-2222' }).where('id', '=', reservationId).execute();

    const res = await staff.get('/facility/reservations/day?date=2026-12-09');
    assert.equal(res.status, 200);
    const page = new Page(res.body);
    assert.equal(page.textOf('h1'), '2026年12月9日(水)の予約');
    const section = page.qa('day-slot');
    assert.ok(section);
    const capacity = new Page(section.toString()).all(`#capacity-${slotId} tbody tr`).map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim()));
    assert.deepEqual(capacity, [
      ['0歳', '0', '1', '1'],
      ['1歳', '1', '3', '2'],
      ['2歳', '0', '2', '2'],
    ]);
    assert.ok(section.textContent.includes('小千谷 花子（母） 090-1111-2222'));
    assert.ok(section.textContent.includes('10:00〜11:00'));
    assert.ok(page.find('a[href="/facility/reservations/day?date=2026-12-10"]'), 'next day');
    assert.ok(page.find('a[href="/facility/reservations/day?date=2026-12-08"]'), 'previous day');

    const bad = await staff.get('/facility/reservations/day?date=2026-02-30');
    assert.equal(bad.status, 400);
    assert.equal(new Page(bad.body).field('date')?.value, '2026-02-30');
    assert.equal((await staff.get('/facility/reservations/day')).status, 200, 'today by default');
    // Another facility's day shows nothing of this one.
    assert.ok(!(await otherStaff.get('/facility/reservations/day?date=2026-12-09')).body.includes('小千谷 花子'));
  });
});

describe('初回面談の結果', () => {
  test('利用承認する needs the certification checked; then the family can book regular use, and is mailed 「利用承認のお知らせ」', async () => {
    const kid = await oneYearOld();
    const interviewSlot = await slot(t.db, niji, '2026-12-10', '09:00', '12:00');
    const useSlot = await slot(t.db, niji, '2026-12-17', '09:00', '12:00');
    const interview = await familyBooks(kid, interviewSlot, 'interview');
    await staff.post(`/facility/reservations/${interview}/confirm`, {});
    const before = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId: useSlot, childId: kid.id, kind: 'regular', startMinute: 540, endMinute: 600, idempotencyKey: randomUUID() });
    assert.deepEqual(before, { outcome: 'refused', reason: 'no-interview' });

    const detail = new Page((await staff.get(`/facility/reservations/${interview}`)).body);
    const link = detail.qa('interview-link')?.getAttribute('href');
    assert.equal(link, `/facility/reservations/interviews/${kid.id}`);
    const unchecked = await post(staff, link!, link!, { outcome: 'approved', note: '慣らし保育は1時間から' });
    assert.equal(unchecked.status, 400);
    assert.ok(new Page(unchecked.body).text().includes('認定証の確認が必要です'));
    assert.equal(new Page(unchecked.body).field('note')?.value, '慣らし保育は1時間から');

    const saved = await staff.post(link!, { outcome: 'approved', 'checks.certification': 'yes', 'checks.condition': 'yes', note: '慣らし保育は1時間から' });
    assert.equal(saved.status, 303);
    const approval = await t.db.selectFrom('facility_approvals').selectAll().where('child_id', '=', kid.id).executeTakeFirstOrThrow();
    assert.equal(approval.approved, true);
    assert.equal(approval.note, '確認したこと：認定証（乳児等支援給付認定）の確認、お子さまの様子（心身の状態）\n慣らし保育は1時間から');
    const mails = await mailsTo(t.db, await guardianEmail(kid));
    assert.equal(mails.at(-1)?.subject, '【つうえん】利用承認のお知らせ');
    assert.ok(mails.at(-1)?.text_body.includes('定期利用・柔軟利用を予約できます'));

    const afterApproval = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId: useSlot, childId: kid.id, kind: 'regular', startMinute: 540, endMinute: 600, idempotencyKey: randomUUID() });
    assert.equal(afterApproval.outcome, 'booked');
    const list = new Page((await staff.get('/facility/reservations/interviews')).body);
    const row = list.all('#interviews tbody tr').find((tr) => tr.querySelector(`a[href="${link}"]`));
    assert.ok(row?.textContent.includes('利用承認済み'));
  });

  test('承認しない needs a reason for the family; bookings are then refused as not approved, and the mail carries the reason', async () => {
    const kid = await oneYearOld();
    const interviewSlot = await slot(t.db, niji, '2026-12-11', '09:00', '12:00');
    const useSlot = await slot(t.db, niji, '2026-12-18', '09:00', '12:00');
    await familyBooks(kid, interviewSlot, 'interview');
    const path = `/facility/reservations/interviews/${kid.id}`;
    const noReason = await post(staff, path, path, { outcome: 'rejected', 'checks.certification': 'yes' });
    assert.equal(noReason.status, 400);
    assert.equal(new Page(noReason.body).field('reason')?.error, '承認しない理由を入力してください');
    assert.equal((await mailsTo(t.db, await guardianEmail(kid))).length, 0);

    const reason = '医療的ケアが必要なため、当園では安全にお預かりできません。';
    assert.equal((await staff.post(path, { outcome: 'rejected', reason, 'checks.certification': 'yes' })).status, 303);
    const refused = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId: useSlot, childId: kid.id, kind: 'flexible', startMinute: 540, endMinute: 600, idempotencyKey: randomUUID() });
    assert.deepEqual(refused, { outcome: 'refused', reason: 'not-approved' });
    const [mail] = await mailsTo(t.db, await guardianEmail(kid));
    assert.equal(mail?.subject, '【つうえん】初回面談の結果のお知らせ');
    assert.ok(mail?.text_body.includes(reason));
    const page = new Page((await staff.get(`${path}?done=rejected`)).body);
    assert.ok(page.text().includes('承認しない'));
  });

  test('no outcome without a live interview here: a declined interview is answered with a message', async () => {
    const kid = await oneYearOld();
    const interviewSlot = await slot(t.db, niji, '2026-12-14', '09:00', '12:00');
    const id = await familyBooks(kid, interviewSlot, 'interview');
    await staff.post(`/facility/reservations/${id}/decline`, { reason: '定員のため' });
    const path = `/facility/reservations/interviews/${kid.id}`;
    const answer = await post(staff, path, path, { outcome: 'approved', 'checks.certification': 'yes' });
    assert.equal(answer.status, 409);
    assert.ok(new Page(answer.body).qaText('problem')?.includes('有効な初回面談の予約'));
    assert.equal(await t.db.selectFrom('facility_approvals').select('child_id').where('child_id', '=', kid.id).executeTakeFirst(), undefined);
  });
});

describe('電話予約', () => {
  /** A child approved at にじいろ after a confirmed interview there, with a pick-up person. */
  let interviewDay = 0;
  async function phoneFamily() {
    const kid = await oneYearOld();
    interviewDay += 1;
    const interviewSlot = await slot(t.db, niji, `2027-01-${String(interviewDay).padStart(2, '0')}`, '09:00', '12:00');
    const interview = await familyBooks(kid, interviewSlot, 'interview');
    await staff.post(`/facility/reservations/${interview}/confirm`, {});
    await approvedForUse(t.db, niji, kid);
    const pickupId = await pickupPerson(t.db, kid, '小千谷 太郎', '父', '090-3333-4444');
    // As the municipality issues them: its code and a serial number.
    const number = `99${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    await t.db.updateTable('children').set({ certification_number: number }).where('id', '=', kid.id).execute();
    const keys = { certificationNumber: number, 'birth.year': '2025', 'birth.month': '6', 'birth.day': '1' };
    return { kid, pickupId, keys };
  }

  test('the child is found only when 認定番号 and birth date both match, and only the name is shown', async () => {
    const { keys } = await phoneFamily();
    const wrongBirth = await post(staff, '/facility/reservations/phone', '/facility/reservations/phone', { ...keys, 'birth.day': '2', action: 'find' });
    assert.equal(wrongBirth.status, 400);
    const page = new Page(wrongBirth.body);
    assert.equal(page.field('certificationNumber')?.error, '見つかりません。認定番号と生年月日を確かめてください');
    assert.ok(!wrongBirth.body.includes('テスト こども'), 'no child is named');
    const wrongNumber = await staff.post('/facility/reservations/phone', { ...keys, certificationNumber: '99999999999', action: 'find' });
    assert.equal(wrongNumber.status, 400);

    const found = await staff.post('/facility/reservations/phone', { ...keys, action: 'find' });
    assert.equal(found.status, 200);
    const shown = new Page(found.body);
    assert.ok(shown.text().includes('テスト こども'));
    assert.ok(!shown.text().includes('テスト コドモ'), 'not even the kana');
    assert.ok(!shown.text().includes('小千谷 太郎'), 'no pick-up person before a slot is chosen');
  });

  test('a booking by phone: slot, time and pick-up person, a check screen, then booked and confirmed once, however often submitted, and the family mailed', async () => {
    const { kid, pickupId, keys } = await phoneFamily();
    const slotId = await slot(t.db, niji, '2026-12-16', '09:00', '15:00');
    const what = { ...keys, kind: 'regular', useDate: '2026-12-16' };
    const slots = await post(staff, '/facility/reservations/phone', '/facility/reservations/phone', { ...what, action: 'slots' });
    assert.equal(slots.status, 200);
    const slotPage = new Page(slots.body);
    assert.ok(slotPage.find(`input[name="slotId"][value="${slotId}"]`));
    assert.ok(slotPage.text().includes('09:00〜15:00（1歳の残り3人）'));
    assert.ok(slotPage.find(`input[name="pickupId"][value="${pickupId}"]`), 'the pick-up people are offered once the child is booked here');

    const missing = await staff.post('/facility/reservations/phone', { ...what, action: 'check', slotId });
    assert.equal(missing.status, 400);
    assert.equal(new Page(missing.body).field('pickupId')?.error, 'お迎えに来られる方を選んでください');

    const choice = { ...what, slotId, start: '10:00', end: '12:00', pickupId, comment: '電話で受付（母より）' };
    const check = await staff.post('/facility/reservations/phone', { ...choice, action: 'check' });
    assert.equal(check.status, 200);
    const checkPage = new Page(check.body);
    assert.equal(checkPage.textOf('h1'), '予約内容の確認');
    assert.ok(checkPage.text().includes('2026年12月16日(水) 10:00〜12:00'));
    assert.ok(checkPage.text().includes('小千谷 太郎（父） 090-3333-4444'));
    const key = checkPage.find('input[name="key"]')?.getAttribute('value');
    assert.ok(key);

    const submitted = await staff.post('/facility/reservations/phone', { ...choice, key, action: 'submit' });
    assert.equal(submitted.status, 303);
    const id = /\/facility\/reservations\/([0-9a-f-]{36})\?done=phone$/.exec(submitted.location ?? '')?.[1];
    assert.ok(id, submitted.location);
    const again = await staff.post('/facility/reservations/phone', { ...choice, key, action: 'submit' });
    assert.equal(again.status, 303);
    assert.equal(again.location, submitted.location, 'a double submit finds the first booking');

    const bookings = await t.db.selectFrom('reservations').selectAll().where('child_id', '=', kid.id).where('kind', '=', 'regular').execute();
    assert.equal(bookings.length, 1);
    const row = bookings[0]!;
    assert.equal(row.status, 'confirmed');
    assert.equal(row.booked_by, niji.staff.id);
    assert.equal(row.pickup_name, '小千谷 太郎');
    assert.equal(row.pickup_phone, '090-3333-4444');
    assert.equal(row.comment, '電話で受付（母より）');
    assert.equal((await allowanceOf(t.db, kid.id, CalendarDate.from('2026-12-16'))).usedMinutes, 120, 'the same allowance as any booking');
    const mails = (await mailsTo(t.db, await guardianEmail(kid))).filter((m) => m.subject.includes('施設が予約を登録しました'));
    assert.equal(mails.length, 1);
    assert.ok(mails[0]!.text_body.includes('2026年12月16日(水) 10:00〜12:00'));
    assert.ok(mails[0]!.text_body.includes('保護者さまに代わって'));
    const detail = new Page((await staff.follow(submitted)).body);
    assert.ok(detail.qaText('notice')?.includes('電話で受けた予約を登録し、確定しました'));
    assert.ok(detail.text().includes('施設が保護者に代わって登録'));
  });

  test('the same rules as the family: a full slot and a booking too short are refused with plain messages, and nothing is booked', async () => {
    const { kid, pickupId, keys } = await phoneFamily();
    const fullSlot = await slot(t.db, niji, '2026-12-22', '09:00', '12:00', { capacity: [3, 1, 3] });
    const someone = await oneYearOld();
    await approvedForUse(t.db, niji, someone);
    await familyBooks(someone, fullSlot, 'flexible');

    const base = { ...keys, kind: 'flexible', useDate: '2026-12-22', slotId: fullSlot, pickupId, start: '09:00', end: '10:00' };
    const check = await post(staff, '/facility/reservations/phone', '/facility/reservations/phone', { ...base, action: 'check' });
    assert.equal(check.status, 200);
    const key = new Page(check.body).find('input[name="key"]')?.getAttribute('value') ?? '';
    const full = await staff.post('/facility/reservations/phone', { ...base, key, action: 'submit' });
    assert.equal(full.status, 409);
    assert.ok(new Page(full.body).qaText('refusal')?.includes('この枠は、このお子さまの年齢の定員に達しています。別の枠を選んでください。'));

    const openSlot = await slot(t.db, niji, '2026-12-23', '09:00', '12:00');
    const short = { ...base, useDate: '2026-12-23', slotId: openSlot, start: '09:00', end: '09:30', key: randomUUID(), action: 'submit' };
    const tooShort = await staff.post('/facility/reservations/phone', short);
    assert.equal(tooShort.status, 409);
    assert.ok(new Page(tooShort.body).qaText('refusal')?.includes('利用は1時間以上で予約してください。'));
    assert.equal((await t.db.selectFrom('reservations').select('id').where('child_id', '=', kid.id).where('kind', '=', 'flexible').execute()).length, 0);
  });

  test("another facility's slot cannot be booked from here", async () => {
    const { pickupId, keys } = await phoneFamily();
    const soraSlot = await slot(t.db, sora, '2026-12-24', '09:00', '12:00');
    const answer = await post(staff, '/facility/reservations/phone', '/facility/reservations/phone', {
      ...keys,
      kind: 'interview',
      useDate: '2026-12-24',
      slotId: soraSlot,
      pickupId,
      key: randomUUID(),
      action: 'submit',
    });
    // Not among this facility's slots of the day: asked to choose one.
    assert.equal(answer.status, 400);
    assert.ok(new Page(answer.body).find(`#${fieldId('slotId')}`));
  });
});

describe('who may', () => {
  test("another facility's staff get 404 for this facility's bookings and children; guardians get 403", async () => {
    const kid = await oneYearOld();
    const slotId = await slot(t.db, niji, '2026-12-25', '09:00', '12:00');
    const id = await familyBooks(kid, slotId, 'interview');
    await otherStaff.get('/facility');
    for (const path of [`/facility/reservations/${id}`, `/facility/reservations/interviews/${kid.id}`]) {
      assert.equal((await otherStaff.get(path)).status, 404, path);
    }
    for (const path of [`/facility/reservations/${id}/confirm`, `/facility/reservations/${id}/decline`, `/facility/reservations/${id}/cancel`, `/facility/reservations/interviews/${kid.id}`]) {
      assert.equal((await otherStaff.post(path, { reason: 'x', cancelReason: 'x', outcome: 'approved', 'checks.certification': 'yes' })).status, 404, path);
    }
    assert.equal((await otherStaff.post('/facility/reservations/confirm', { [`confirm.${id}`]: 'yes' })).status, 404);
    assert.equal((await rowOf(id)).status, 'provisional');
    assert.ok(!(await otherStaff.get('/facility/reservations')).body.includes(id));

    const guardian = await signedIn(kid.guardianId);
    for (const path of ['/facility/reservations', `/facility/reservations/${id}`, '/facility/reservations/phone']) {
      assert.equal((await guardian.get(path)).status, 403, path);
    }
  });
});

describe('in English', () => {
  test('every booking screen renders in English too', async () => {
    const kid = await oneYearOld();
    const slotId = await slot(t.db, niji, '2026-12-28', '09:00', '12:00');
    const id = await familyBooks(kid, slotId, 'interview');
    const english = await signedIn(niji.staff.id);
    await english.get('/language?to=en&back=/facility');
    for (const [path, heading] of [
      ['/facility/reservations', 'Booking inbox'],
      [`/facility/reservations/${id}`, 'Booking: テスト こども'],
      ['/facility/reservations/day?date=2026-12-28', 'Bookings on Mon 28 Dec 2026'],
      ['/facility/reservations/interviews', 'First interview outcomes'],
      [`/facility/reservations/interviews/${kid.id}`, 'First interview outcome: テスト こども'],
      ['/facility/reservations/phone', 'Booking by phone'],
    ] as const) {
      const res = await english.get(path);
      assert.equal(res.status, 200, path);
      assert.equal(new Page(res.body).heading(), heading);
    }
  });
});
