// 予約一覧 over HTTP: the guardian's bookings and allowance meter, cancelling before and after the
// deadline (and the deadline passing between the page and the submit), a series cancelled from a
// date on, and requests for a different pick-up time answered by the facility — under the
// booking's rules (allowance, the cancellation-deadline rule for shortening) and its refusals.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/database.ts';
import { bookSlot } from '../../src/reservations/queries.ts';
import { requestPickupChange } from '../../src/reservations/change-queries.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient } from '../helpers/http.ts';
import { page } from '../helpers/page.ts';
import { mailsTo } from '../helpers/mail.ts';
import { approvedForUse, child, facility, municipality, slot, type Child, type Facility, type Municipality } from './world.ts';
import { signedIn } from '../helpers/signed-in.ts';

let t: TestApp;
let city: Municipality;
let niji: Facility;
let himawari: Facility;
let kid: Child;
let otherKid: Child;

/** The test clock's start: Thursday 2026-11-26, 10:00 in Tokyo. */
const START = '2026-11-26T01:00:00Z';

before(async () => {
  t = await startTestApp({ now: START });
  city = await municipality(t.db, { allowanceMinutes: 600 });
  niji = await facility(t.db, city, 'にじいろテスト保育園');
  himawari = await facility(t.db, city, 'ひまわりテスト園');
  kid = await child(t.db, city, '2025-06-01');
  otherKid = await child(t.db, city, '2025-05-01');
  await t.db.updateTable('children').set({ name: '小千谷 さくら' }).where('id', '=', kid.id).execute();
  await t.db.updateTable('children').set({ name: '長岡 たろう' }).where('id', '=', otherKid.id).execute();
  await approvedForUse(t.db, niji, kid);
  await approvedForUse(t.db, niji, otherKid);
});
after(() => t?.close());

async function emailOf(userId: string): Promise<string> {
  return (await t.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
}

/** A client signed in as the user now (a finished login put in directly: login is tested elsewhere). */
const guardian = (who: Child = kid) => signedIn(t, who.guardianId, '/mypage');
const staff = (place: Facility = niji) => signedIn(t, place.staff.id, '/facility');

const minute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The facility's slot on the day at those times, made the first time it is asked for. */
async function slotOn(date: string, from: string, to: string): Promise<string> {
  const existing = await t.db.selectFrom('slots').select('id').where('facility_id', '=', niji.id).where('starts_at', '=', new Date(`${date}T${from}:00+09:00`)).where('ends_at', '=', new Date(`${date}T${to}:00+09:00`)).executeTakeFirst();
  return existing?.id ?? slot(t.db, niji, date, from, to);
}

/** A 柔軟利用 booking made by the guardian through the core (the booking screens are tested elsewhere). */
async function book(who: Child, date: string, from: string, to: string, options: { slotFrom?: string; slotTo?: string; seriesId?: string } = {}): Promise<string> {
  const slotId = await slotOn(date, options.slotFrom ?? '09:00', options.slotTo ?? '15:00');
  const result = await bookSlot(t.db, t.clock, { id: who.guardianId, role: 'guardian' }, {
    slotId,
    childId: who.id,
    kind: 'flexible',
    startMinute: minute(from),
    endMinute: minute(to),
    idempotencyKey: randomUUID(),
    pickup: { name: '小千谷 花子', relationship: '母', phone: '0258-83-3512' },
    ...(options.seriesId ? { seriesId: options.seriesId } : {}),
  });
  assert.ok(result.outcome === 'booked', JSON.stringify(result));
  return result.reservationId;
}

async function row(db: Db, id: string) {
  return db.selectFrom('reservations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function chargedMinutes(id: string): Promise<number> {
  const rows = await t.db.selectFrom('reservation_allowance_charges').select('minutes').where('reservation_id', '=', id).execute();
  return rows.reduce((sum, r) => sum + r.minutes, 0);
}

async function meterLine(client: TestClient, which: 'this' | 'next' = 'this'): Promise<string | undefined> {
  const res = await client.get('/reservations');
  assert.equal(res.status, 200);
  return page(res.body).qaText(`allowance-line-${which}`);
}

const staffMails = async (place: Facility = niji) => mailsTo(t.db, await emailOf(place.staff.id));

describe('予約一覧', () => {
  test('lists only the guardian’s own children, with facility, kind, time, status, pick-up person and the meter', async () => {
    t.clock.set(START);
    const mine = await book(kid, '2026-11-30', '09:00', '12:00');
    const theirs = await book(otherKid, '2026-11-30', '13:00', '15:00');
    const client = await guardian();
    const res = await client.get('/reservations');
    assert.equal(res.status, 200);
    const list = page(res.body);
    assert.equal(list.heading(), '予約一覧');
    const cards = list.all('[data-qa="booking"]');
    assert.deepEqual(cards.map((c) => c.getAttribute('data-id')), [mine]);
    const text = list.text();
    assert.match(text, /2026年11月30日\(月\) 9:00〜12:00/);
    assert.match(text, /にじいろテスト保育園/);
    assert.match(text, /柔軟利用/);
    assert.match(text, /仮予約/);
    assert.match(text, /小千谷 花子（母）0258-83-3512/);
    assert.doesNotMatch(text, /長岡 たろう/);
    assert.equal(list.qaText('allowance-line-this'), '今月の利用可能時間 10時間 のうち 3時間 使用・残り 7時間');
    const meter = list.find('meter');
    assert.equal(meter?.getAttribute('value'), '180');
    assert.equal(meter?.getAttribute('max'), '600');
    assert.ok(meter?.getAttribute('aria-label'), 'the meter has an accessible name');
    assert.match(text, /仮予約・予約確定の予約と、キャンセル期限を過ぎてからのキャンセル/);
    // Choosing another family's child in the query shows one's own.
    const forged = page((await client.get(`/reservations?child=${otherKid.id}`)).body);
    assert.deepEqual(forged.all('[data-qa="booking"]').map((c) => c.getAttribute('data-id')), [mine]);
    // Another family's booking: not found, for reading and for writing alike.
    for (const path of [`/reservations/${theirs}/cancel`, `/reservations/${theirs}/cancelled`, `/reservations/${theirs}/pickup-change`]) {
      assert.equal((await client.get(path)).status, 404, path);
    }
    for (const path of [`/reservations/${theirs}/cancel`, `/reservations/${theirs}/pickup-change`, `/reservations/${theirs}/pickup-change/withdraw`]) {
      assert.equal((await client.post(path, { scope: 'one', end: '14:00' })).status, 404, path);
    }
    assert.equal((await row(t.db, theirs)).status, 'provisional');
    // Its own booking is cancelled for the next tests' meter.
    const cancelled = await client.submitForm(`/reservations/${mine}/cancel`, { scope: 'one', told: 'cancelled' });
    assert.equal(cancelled.status, 303);
    await t.db.updateTable('reservations').set({ status: 'cancelled' }).where('id', '=', theirs).execute();
  });

  test('a past booking is under 過去の予約, an upcoming one under 今後の予約', async () => {
    t.clock.set(START);
    const later = await book(kid, '2026-11-27', '13:00', '14:00');
    t.clock.set('2026-11-27T06:00:00Z'); // 15:00 on the day: the booking has ended
    const client = await guardian();
    const upcoming = page((await client.get('/reservations')).body);
    assert.ok(!upcoming.all('[data-qa="booking"]').some((c) => c.getAttribute('data-id') === later));
    const past = page((await client.get('/reservations?show=past')).body);
    const card = past.all('[data-qa="booking"]').find((c) => c.getAttribute('data-id') === later);
    assert.ok(card, 'the ended booking is listed as past');
    assert.equal(card.querySelector('[data-qa="cancel-link"]'), null, 'an ended booking offers no cancellation');
    await t.db.updateTable('reservations').set({ status: 'cancelled' }).where('id', '=', later).execute();
  });
});

describe('cancelling', () => {
  test('before the deadline: the page says the hours are freed, and they are; the facility and the guardian are mailed', async () => {
    t.clock.set(START);
    const id = await book(kid, '2026-11-30', '09:00', '12:00');
    const client = await guardian();
    assert.match((await meterLine(client)) ?? '', /3時間 使用/);
    const form = page((await client.get(`/reservations/${id}/cancel`)).body);
    assert.match(form.text(), /今キャンセルすると、利用時間は消費されません/);
    assert.match(form.qaText('cancel-effect') ?? '', /キャンセル期限は 2026年11月30日\(月\) 0:00 です/);
    const staffBefore = (await staffMails()).length;
    const done = await client.post(`/reservations/${id}/cancel`, { scope: 'one', told: 'cancelled' });
    assert.equal(done.status, 303);
    assert.equal(done.location, `/reservations/${id}/cancelled?told=cancelled`);
    const result = page((await client.follow(done)).body);
    assert.equal(result.heading(), 'キャンセルしました');
    assert.equal(result.qaText('cancelled-status'), 'キャンセル（利用時間は消費されません）');
    assert.equal(result.qa('deadline-passed'), undefined);
    assert.equal((await row(t.db, id)).status, 'cancelled');
    assert.equal(await meterLine(client), '今月の利用可能時間 10時間 のうち 0時間 使用・残り 10時間');
    const mails = await staffMails();
    assert.equal(mails.length, staffBefore + 1);
    assert.match(mails.at(-1)!.subject, /キャンセル/);
    assert.match(mails.at(-1)!.text_body, /小千谷 さくらさんの保護者が/);
    assert.match(mails.at(-1)!.text_body, /2026年11月30日\(月\) 9:00〜12:00（柔軟利用）　キャンセル（利用時間は消費されません）/);
    const receipt = (await mailsTo(t.db, await emailOf(kid.guardianId))).at(-1)!;
    assert.match(receipt.subject, /キャンセルを受け付けました/);
    // Cancelling again: the page says there is nothing to cancel.
    const again = await client.post(`/reservations/${id}/cancel`, { scope: 'one', told: 'cancelled' });
    assert.equal(again.status, 409);
    assert.match(page(again.body).text(), /この予約はキャンセルできません/);
  });

  test('after the deadline: the page says so beforehand, and the hours stay used', async () => {
    t.clock.set(START);
    const id = await book(kid, '2026-11-27', '10:00', '12:00');
    t.clock.set('2026-11-26T15:30:00Z'); // 0:30 on the day
    const client = await guardian();
    const form = page((await client.get(`/reservations/${id}/cancel`)).body);
    assert.match(form.text(), /当日キャンセルは利用時間が消費されます/);
    assert.match(form.qaText('cancel-effect') ?? '', /キャンセル期限（2026年11月27日\(金\) 0:00）を過ぎています。キャンセルしても、予約した 2時間 は/);
    const done = await client.post(`/reservations/${id}/cancel`, { scope: 'one', told: 'late_cancelled' });
    assert.equal(done.status, 303);
    const result = page((await client.follow(done)).body);
    assert.equal(result.qaText('cancelled-status'), 'キャンセル（当日扱い・時間を消費）');
    assert.equal(result.qa('deadline-passed'), undefined, 'the page had already said so');
    assert.equal((await row(t.db, id)).status, 'late_cancelled');
    assert.equal(await meterLine(client), '今月の利用可能時間 10時間 のうち 2時間 使用・残り 8時間');
    assert.match((await staffMails()).at(-1)!.text_body, /当日扱いのキャンセル（2時間を消費）/);
    const listed = page((await client.get('/reservations')).body).all('[data-qa="booking"]').find((c) => c.getAttribute('data-id') === id);
    assert.match(listed?.textContent ?? '', /キャンセル（当日扱い・時間を消費）/);
  });

  test('the deadline passes between the page and the submit: the result tells the truth', async () => {
    t.clock.set(START);
    const id = await book(kid, '2026-12-01', '09:00', '11:00');
    t.clock.set('2026-11-30T14:59:00Z'); // 23:59 the day before
    const client = await guardian();
    assert.match((await meterLine(client, 'next')) ?? '', /^来月の利用可能時間 10時間 のうち 2時間 使用/);
    const form = page((await client.get(`/reservations/${id}/cancel`)).body);
    assert.match(form.text(), /今キャンセルすると、利用時間は消費されません/);
    assert.equal(form.find('input[name="told"]')?.getAttribute('value'), 'cancelled');
    t.clock.set('2026-11-30T15:01:00Z'); // 0:01 on the day
    const done = await client.post(`/reservations/${id}/cancel`, { scope: 'one', told: 'cancelled' });
    assert.equal(done.status, 303);
    const result = page((await client.follow(done)).body);
    assert.match(result.qaText('deadline-passed') ?? '', /キャンセル期限（2026年12月1日\(火\) 0:00）を過ぎました/);
    assert.equal(result.qaText('cancelled-status'), 'キャンセル（当日扱い・時間を消費）');
    assert.equal((await row(t.db, id)).status, 'late_cancelled');
    assert.equal(await chargedMinutes(id), 120);
  });

  test('a 定期利用 series: this date and every later one, each by its own deadline', async () => {
    t.clock.set(START);
    const series = await t.db
      .insertInto('reservation_series')
      .values({ municipality_id: city.id, facility_id: niji.id, child_id: kid.id, frequency: 'weekly', first_date: '2026-12-14', last_date: '2026-12-28', start_minute: 540, end_minute: 600, created_by: kid.guardianId, created_at: t.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const dates = ['2026-12-14', '2026-12-21', '2026-12-28'];
    const ids = [];
    for (const date of dates) ids.push(await book(kid, date, '09:00', '10:00', { seriesId: series.id }));
    const client = await guardian();
    const form = page((await client.get(`/reservations/${ids[1]}/cancel`)).body);
    assert.match(form.text(), /この日以降の定期利用（2回）をすべてキャンセルする/);
    assert.equal(form.all('#later-dates tbody tr').length, 2);
    const missing = await client.post(`/reservations/${ids[1]}/cancel`, { told: 'cancelled' });
    assert.equal(missing.status, 400);
    assert.deepEqual(page(missing.body).errorSummary(), ['キャンセルする日を選んでください']);
    const staffBefore = (await staffMails()).length;
    const done = await client.post(`/reservations/${ids[1]}/cancel`, { scope: 'later', told: 'cancelled' });
    assert.equal(done.status, 303);
    const result = page((await client.follow(done)).body);
    assert.equal(result.all('[data-qa="cancelled-status"]').length, 2);
    assert.deepEqual(await Promise.all(ids.map(async (id) => (await row(t.db, id)).status)), ['provisional', 'cancelled', 'cancelled']);
    const mails = await staffMails();
    assert.equal(mails.length, staffBefore + 1, 'one mail for both dates');
    assert.match(mails.at(-1)!.text_body, /12月21日[\s\S]*12月28日/);
  });
});

describe('a different pick-up time', () => {
  test('requested by the guardian, mailed to the facility, accepted: the end moves and the hours are charged again', async () => {
    t.clock.set(START);
    const id = await book(kid, '2026-12-07', '09:00', '11:00');
    const client = await guardian();
    const form = page((await client.get(`/reservations/${id}/pickup-change`)).body);
    const options = form.all('select[name="end"] option').map((o) => o.getAttribute('value'));
    assert.deepEqual(options, ['', '10:00', '10:30', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00']);
    // Not one of the times offered.
    const bad = await client.post(`/reservations/${id}/pickup-change`, { end: '15:30', message: '' });
    assert.equal(bad.status, 400);
    assert.equal(page(bad.body).field('end')?.error, '選べるお迎え時間の中から選んでください');
    const staffBefore = (await staffMails()).length;
    const sent = await client.post(`/reservations/${id}/pickup-change`, { end: '12:00', message: '仕事が長引くため' });
    assert.equal(sent.status, 303);
    const after = page((await client.follow(sent)).body);
    assert.match(after.qaText('open-request') ?? '', /お迎え時間を 12:00 に変更するよう申請しました/);
    const mail = (await staffMails()).at(-1)!;
    assert.equal((await staffMails()).length, staffBefore + 1);
    assert.match(mail.subject, /お迎え時間の変更の申請/);
    assert.match(mail.text_body, /希望するお迎え時間：12:00/);
    assert.match(mail.text_body, /仕事が長引くため/);
    const requestId = /\/facility\/pickup-changes\/([0-9a-f-]{36})/.exec(mail.text_body)?.[1];
    assert.ok(requestId);
    // One open request at a time: the form is gone, a second post is refused, and so is a direct insert.
    const second = await client.post(`/reservations/${id}/pickup-change`, { end: '13:00', message: '' });
    assert.equal(second.status, 409);
    assert.ok(page(second.body).qa('already-open'));
    assert.deepEqual(await requestPickupChange(t.db, t.clock, 'http://localhost', kid.guardianId, id, 780, ''), { outcome: 'already-open' });
    assert.match(page((await client.get('/reservations')).body).text(), /お迎え時間の変更を申請中です（12:00 に変更）/);

    // Another facility's staff: not found.
    const stranger = await staff(himawari);
    assert.equal((await stranger.get(`/facility/pickup-changes/${requestId}`)).status, 404);
    assert.equal((await stranger.post(`/facility/pickup-changes/${requestId}`, { decision: 'accept', reply: '' })).status, 404);
    assert.doesNotMatch((await stranger.get('/facility/pickup-changes')).body, /小千谷 さくら/);

    const desk = await staff();
    const list = page((await desk.get('/facility/pickup-changes')).body);
    assert.ok(list.all('[data-qa="open-change"]').some((a) => a.getAttribute('href') === `/facility/pickup-changes/${requestId}`));
    const detail = page((await desk.get(`/facility/pickup-changes/${requestId}`)).body);
    assert.match(detail.qaText('effect') ?? '', /この予約の利用時間は 1時間 増えます。承認後の2026年12月の残りは 4時間 です/);
    const accepted = await desk.post(`/facility/pickup-changes/${requestId}`, { decision: 'accept', reply: 'お待ちしています' });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.location, '/facility/pickup-changes?done=accepted');
    const booking = await row(t.db, id);
    assert.equal(booking.ends_at.toISOString(), '2026-12-07T03:00:00.000Z'); // 12:00 in Tokyo
    assert.equal(await chargedMinutes(id), 180);
    const request = await t.db.selectFrom('pickup_change_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(request.status, 'accepted');
    assert.equal(request.reply, 'お待ちしています');
    const guardianMail = (await mailsTo(t.db, await emailOf(kid.guardianId))).at(-1)!;
    assert.match(guardianMail.subject, /承認されました/);
    assert.match(guardianMail.text_body, /2026年12月7日\(月\) 9:00〜12:00/);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('subject_id', '=', id).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['reservation.book', 'reservation.pickup_change.request', 'reservation.pickup_change.accept']);
    // Answering again: the request is no longer open.
    const twice = await desk.post(`/facility/pickup-changes/${requestId}`, { decision: 'accept', reply: '' });
    assert.equal(twice.status, 409);
    // The guardian sees the answer on the page.
    assert.match(page((await client.get(`/reservations/${id}/pickup-change`)).body).qaText('last-decision') ?? '', /12:00 に変更する申請は承認されました/);
  });

  test('accepting is refused when it would exceed the allowance; refusing mails the reply', async () => {
    t.clock.set(START);
    await book(kid, '2027-01-06', '09:00', '14:00');
    const id = await book(kid, '2027-01-07', '09:00', '13:00');
    const client = await guardian();
    // 9 hours used of 10 in January: an hour more fits now …
    const sent = await client.submitForm(`/reservations/${id}/pickup-change`, { end: '14:00', message: '' });
    assert.equal(sent.status, 303);
    const requestId = (await t.db.selectFrom('pickup_change_requests').select('id').where('reservation_id', '=', id).where('status', '=', 'requested').executeTakeFirstOrThrow()).id;
    // … but another booking takes the last hour before the facility answers.
    await book(kid, '2027-01-08', '09:00', '10:00');
    const desk = await staff();
    assert.match(page((await desk.get(`/facility/pickup-changes/${requestId}`)).body).qaText('effect') ?? '', /超えるため、承認できません/);
    const refused = await desk.post(`/facility/pickup-changes/${requestId}`, { decision: 'accept', reply: '' });
    assert.equal(refused.status, 409);
    assert.match(page(refused.body).qaText('problem') ?? '', /利用可能時間を超えるため、承認できません/);
    assert.equal((await row(t.db, id)).ends_at.toISOString(), '2027-01-07T04:00:00.000Z'); // still 13:00
    assert.equal(await chargedMinutes(id), 240);
    // Refusing needs a reason for the family.
    const noReason = await desk.post(`/facility/pickup-changes/${requestId}`, { decision: 'refuse', reply: '' });
    assert.equal(noReason.status, 400);
    assert.deepEqual(page(noReason.body).errorSummary(), ['お断りする場合は、保護者への回答（理由）を入力してください']);
    const done = await desk.post(`/facility/pickup-changes/${requestId}`, { decision: 'refuse', reply: '利用可能時間を超えるためです' });
    assert.equal(done.status, 303);
    const mail = (await mailsTo(t.db, await emailOf(kid.guardianId))).at(-1)!;
    assert.match(mail.subject, /お受けできませんでした/);
    assert.match(mail.text_body, /利用可能時間を超えるためです/);
    // With the month full, the guardian's form says so before anything is sent.
    const full = await client.post(`/reservations/${id}/pickup-change`, { end: '14:00', message: '' });
    assert.equal(full.status, 400);
    assert.match(page(full.body).field('end')?.error ?? '', /利用可能時間（残り 0時間）を超えます/);
  });

  test('accepting is refused when the new time overlaps another booking of the child', async () => {
    t.clock.set(START);
    const id = await book(kid, '2027-03-10', '09:00', '11:00');
    await book(kid, '2027-03-10', '11:00', '12:00', { slotFrom: '11:00', slotTo: '15:00' });
    const client = await guardian();
    assert.equal((await client.submitForm(`/reservations/${id}/pickup-change`, { end: '12:00', message: '' })).status, 303);
    const requestId = (await t.db.selectFrom('pickup_change_requests').select('id').where('reservation_id', '=', id).executeTakeFirstOrThrow()).id;
    const desk = await staff();
    const refused = await desk.post(`/facility/pickup-changes/${requestId}`, { decision: 'accept', reply: '' });
    assert.equal(refused.status, 409);
    assert.match(page(refused.body).qaText('problem') ?? '', /別の予約があるため、承認できません/);
    assert.equal((await row(t.db, id)).ends_at.toISOString(), '2027-03-10T02:00:00.000Z'); // still 11:00
    assert.equal(await chargedMinutes(id), 120);
    const request = await t.db.selectFrom('pickup_change_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(request.status, 'requested');
    assert.equal((await desk.post(`/facility/pickup-changes/${requestId}`, { decision: 'refuse', reply: '同じ時間に別の予約があります' })).status, 303);
  });

  test('shortening: before the deadline the hours come back; after it they stay charged as booked', async () => {
    t.clock.set(START);
    const early = await book(kid, '2027-02-03', '09:00', '12:00');
    const late = await book(kid, '2027-02-02', '09:00', '12:00');
    const client = await guardian();
    assert.equal((await client.submitForm(`/reservations/${early}/pickup-change`, { end: '10:00', message: '' })).status, 303);
    const desk = await staff();
    const earlyRequest = (await t.db.selectFrom('pickup_change_requests').select('id').where('reservation_id', '=', early).executeTakeFirstOrThrow()).id;
    assert.equal((await desk.post(`/facility/pickup-changes/${earlyRequest}`, { decision: 'accept', reply: '' })).status, 303);
    assert.equal(await chargedMinutes(early), 60);

    t.clock.set('2027-02-01T23:00:00Z'); // 8:00 on 2 February: past its deadline
    const guardianLate = await guardian();
    const form = page((await guardianLate.get(`/reservations/${late}/pickup-change`)).body);
    assert.match(form.text(), /キャンセル期限を過ぎてからお迎えを早めても、利用時間は予約どおり消費されます/);
    assert.equal((await guardianLate.submitForm(`/reservations/${late}/pickup-change`, { end: '10:00', message: '' })).status, 303);
    const lateRequest = (await t.db.selectFrom('pickup_change_requests').select('id').where('reservation_id', '=', late).executeTakeFirstOrThrow()).id;
    const deskLate = await staff();
    assert.ok(page((await deskLate.get(`/facility/pickup-changes/${lateRequest}`)).body).qa('effect-kept'));
    assert.equal((await deskLate.post(`/facility/pickup-changes/${lateRequest}`, { decision: 'accept', reply: '' })).status, 303);
    assert.equal((await row(t.db, late)).ends_at.toISOString(), '2027-02-02T01:00:00.000Z'); // 10:00
    assert.equal(await chargedMinutes(late), 180, 'the hours booked stay charged');
  });

  test('a request still unanswered when the booking has ended lapses: off the open list and the start page, shown as 期限切れ, and cannot be answered', async () => {
    t.clock.set(START);
    const id = await book(otherKid, '2026-12-10', '09:00', '11:00');
    const client = await guardian(otherKid);
    assert.equal((await client.submitForm(`/reservations/${id}/pickup-change`, { end: '11:30', message: '' })).status, 303);
    const requestId = (await t.db.selectFrom('pickup_change_requests').select('id').where('reservation_id', '=', id).where('status', '=', 'requested').executeTakeFirstOrThrow()).id;
    const openLinks = async (desk: TestClient) => page((await desk.get('/facility/pickup-changes')).body).all('[data-qa="open-change"]').map((a) => a.getAttribute('href'));
    const waitingOnStart = async (desk: TestClient) => page((await desk.get('/facility')).body).text().match(/回答待ち (\d+)件/)?.[1];
    const desk = await staff();
    assert.ok((await openLinks(desk)).includes(`/facility/pickup-changes/${requestId}`));
    assert.ok(Number(await waitingOnStart(desk)) >= 1);
    const waitingBefore = Number(await waitingOnStart(desk));

    t.clock.set('2026-12-10T03:00:00Z'); // 12:00 on 10 December: the booking ended at 11:00
    const later = await staff();
    assert.ok(!(await openLinks(later)).includes(`/facility/pickup-changes/${requestId}`));
    assert.equal(Number((await waitingOnStart(later)) ?? 0), waitingBefore - 1);
    const list = page((await later.get('/facility/pickup-changes')).body);
    const lapsed = list.all('#recent-changes [data-status="lapsed"]');
    assert.equal(lapsed.length, 1);
    assert.match(list.text(), /ご利用の時間が過ぎたため、回答は不要です/);
    const detail = page((await later.get(`/facility/pickup-changes/${requestId}`)).body);
    assert.match(detail.text(), /期限切れ/);
    assert.equal(detail.qa('accept'), undefined, 'no answer form');
    const answer = await later.post(`/facility/pickup-changes/${requestId}`, { decision: 'accept', reply: '' });
    assert.equal(answer.status, 409);
    assert.equal((await row(t.db, id)).ends_at.toISOString(), '2026-12-10T02:00:00.000Z'); // still 11:00
  });

  test('the guardian withdraws an open request (the facility is told), and may ask again; ended and cancelled bookings cannot change', async () => {
    t.clock.set(START);
    const id = await book(kid, '2026-12-09', '09:00', '11:00');
    const client = await guardian();
    assert.equal((await client.submitForm(`/reservations/${id}/pickup-change`, { end: '11:30', message: '' })).status, 303);
    const before = (await staffMails()).length;
    const withdrawn = await client.post(`/reservations/${id}/pickup-change/withdraw`, {});
    assert.equal(withdrawn.status, 303);
    assert.equal(withdrawn.location, `/reservations/${id}/pickup-change?withdrawn=1`);
    assert.equal((await staffMails()).length, before + 1);
    assert.match((await staffMails()).at(-1)!.subject, /取り下げられました/);
    assert.equal((await client.post(`/reservations/${id}/pickup-change`, { end: '12:00', message: '' })).status, 303);
    // Cancelling the booking withdraws its open request too.
    assert.equal((await client.submitForm(`/reservations/${id}/cancel`, { scope: 'one', told: 'cancelled' })).status, 303);
    const requests = await t.db.selectFrom('pickup_change_requests').select('status').where('reservation_id', '=', id).orderBy('requested_at').execute();
    assert.deepEqual(requests.map((r) => r.status).sort(), ['withdrawn', 'withdrawn']);
    const closed = page((await client.get(`/reservations/${id}/pickup-change`)).body);
    assert.match(closed.qaText('not-changeable') ?? '', /キャンセルされたか/);
    assert.equal((await client.post(`/reservations/${id}/pickup-change`, { end: '12:00', message: '' })).status, 409);
  });
});
