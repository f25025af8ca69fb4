// The guardian's 利用開始 / 利用終了 over HTTP: the staff's QR page, the code's URL before and after
// login, recording with a POST, マイページ's 利用中, and every way a scan records nothing — a second
// scan, an expired code, a tampered one, another facility's, no booking today, another family's
// booking — plus the short code and two check-ins at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../src/platform/database.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { attendanceKey, minuteOf, shortCode, signToken } from '../../src/attendance/rules.ts';
import { recordScan, sameDayCancel } from '../../src/attendance/queries.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient } from '../helpers/http.ts';
import { page } from '../helpers/page.ts';
import { child, facility, municipality, type Child, type Facility, type Municipality } from '../reservations/world.ts';
import { bookingOn } from './world.ts';
import { signedIn } from '../helpers/signed-in.ts';

let t: TestApp;
let city: Municipality;
let otherCity: Municipality;
let niji: Facility;
let himawari: Facility;
let sora: Facility;
let kid: Child;
let tomorrowKid: Child;
let otherKid: Child;
let booking: string;
let tomorrowBooking: string;
let otherBooking: string;
let key: Buffer;

/** Thursday 2026-11-26, 10:00 in Tokyo. */
const START = '2026-11-26T01:00:00Z';
const TODAY = '2026-11-26';

before(async () => {
  t = await startTestApp({ now: START });
  key = attendanceKey(t.config.cookieSecret);
  city = await municipality(t.db);
  otherCity = await municipality(t.db);
  niji = await facility(t.db, city, 'にじいろ出席園');
  himawari = await facility(t.db, city, 'ひまわり出席園');
  sora = await facility(t.db, otherCity, 'そらいろ出席園');
  kid = await child(t.db, city, '2025-06-01');
  tomorrowKid = await child(t.db, city, '2025-05-01');
  otherKid = await child(t.db, otherCity, '2025-04-01');
  await t.db.updateTable('children').set({ name: '小千谷 さくら' }).where('id', '=', kid.id).execute();
  await t.db.updateTable('children').set({ name: '長岡 たろう' }).where('id', '=', otherKid.id).execute();
  booking = await bookingOn(t.db, niji, kid, TODAY, '09:00', '12:00');
  tomorrowBooking = await bookingOn(t.db, niji, tomorrowKid, '2026-11-27', '09:00', '12:00');
  otherBooking = await bookingOn(t.db, sora, otherKid, TODAY, '09:00', '12:00');
});
after(() => t?.close());

const guardian = (who: Child = kid) => signedIn(t, who.guardianId, '/mypage');
const staff = (place: Facility = niji) => signedIn(t, place.staff.id, '/facility');

const qrPath = (place: Facility, at = t.clock.now()) => `/checkin/${signToken(key, 'qr', place.id, minuteOf(at))}`;

async function attendanceOf(db: Db, reservationId: string) {
  return db.selectFrom('attendances').selectAll().where('reservation_id', '=', reservationId).executeTakeFirst();
}

/** Opens the code's URL as the guardian and presses the button for the direction. */
async function scanAndPress(client: TestClient, path: string, direction: 'in' | 'out') {
  const opened = await client.get(path);
  assert.equal(opened.status, 200, opened.body.slice(0, 300));
  const form = page(opened.body).find(`form:has(button[data-qa="record-${direction}"])`) ?? page(opened.body).qa(`record-${direction}`)?.closest('form');
  assert.ok(form, `a ${direction} button`);
  const fields = Object.fromEntries(form.querySelectorAll('input[type="hidden"]').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']));
  return client.post('/checkin', fields);
}

describe('the staff show the QR code', () => {
  test('「QRコード表示」: an image of this minute’s URL for the facility, the six digits under it, and a reload without JavaScript', async () => {
    const client = await staff();
    const res = await client.get('/facility/attendance/qr');
    assert.equal(res.status, 200);
    const p = page(res.body);
    const image = p.qa('qr-image');
    assert.ok(image?.getAttribute('src')?.startsWith('data:image/png;base64,'));
    assert.equal(image?.getAttribute('data-url'), `${t.config.baseUrl}${qrPath(niji)}`);
    assert.equal(p.qaText('short-code')?.replace(' ', ''), shortCode(key, niji.id, minuteOf(t.clock.now())));
    assert.match(res.body, /<noscript><meta http-equiv="refresh" content="15"/);
    assert.ok(p.find('script[src="/static/attendance-qr.js"]'));
    // A minute later the code is another.
    t.clock.advance(60_000);
    const later = page((await client.get('/facility/attendance/qr')).body);
    assert.notEqual(later.qa('qr-image')?.getAttribute('data-url'), image?.getAttribute('data-url'));
    t.clock.set(START);
  });
});

describe('the code’s URL', () => {
  test('without login: checked at once, then through login to a pass for the same facility and minute', async () => {
    const anonymous = new TestClient(t.app);
    const res = await anonymous.get(qrPath(niji));
    assert.equal(res.status, 303);
    const match = /^\/login\?next=(.+)$/.exec(res.location ?? '');
    assert.ok(match, res.location);
    const next = decodeURIComponent(match[1]!);
    assert.match(next, /^\/checkin\/[A-Za-z0-9_-]{50}$/);
    // Login (one-time password by mail) takes minutes: the pass still opens the page five minutes on…
    t.clock.advance(5 * 60_000);
    const client = await guardian();
    const opened = await client.get(next);
    assert.equal(opened.status, 200);
    assert.ok(page(opened.body).qa('record-in'));
    // …but not after ten (it never lasts longer, however often login is passed through).
    t.clock.set(START);
    t.clock.advance(11 * 60_000);
    const late = await client.get(next);
    assert.equal(late.status, 410);
    assert.match(page(late.body).qaText('problem') ?? '', /有効期限が切れています/);
    t.clock.set(START);
  });

  test('an expired code, and a tampered one, are explained and record nothing', async () => {
    const old = qrPath(niji);
    t.clock.advance(2 * 60_000);
    const client = await guardian();
    const expired = await client.get(old);
    assert.equal(expired.status, 410);
    assert.match(page(expired.body).qaText('problem') ?? '', /有効期限が切れています.*何も登録していません/);
    const token = old.split('/')[2]!;
    const tampered = await client.get(`/checkin/${token.slice(0, 30)}${token[30] === 'x' ? 'y' : 'x'}${token.slice(31)}`);
    assert.equal(tampered.status, 400);
    assert.match(page(tampered.body).qaText('problem') ?? '', /正しいものではありません/);
    assert.equal((await new TestClient(t.app).get(`/checkin/${token.slice(0, 30)}x${token.slice(31)}`)).status, 400);
    t.clock.set(START);
    assert.equal(await attendanceOf(t.db, booking), undefined);
  });

  test('facility staff opening it are told it is for guardians', async () => {
    const client = await staff();
    const res = await client.get(qrPath(niji));
    assert.equal(res.status, 403);
    assert.match(page(res.body).qaText('problem') ?? '', /保護者のアカウント/);
  });
});

describe('利用開始 and 利用終了', () => {
  test('scan → 利用開始 (a POST) → the done page; マイページ and the roster show 利用中; a second scan records nothing; 利用終了 the same way', async () => {
    let client = await guardian();
    const opened = page((await client.get(qrPath(niji))).body);
    assert.equal(opened.heading(), '利用開始・利用終了の登録');
    assert.match(opened.text(), /にじいろ出席園の本日のご予約です/);
    assert.match(opened.qaText('scan-booking') ?? '', /小千谷 さくら.*9:00〜12:00.*まだ利用開始を登録していません/);
    // Opening the page records nothing: only the POST does.
    assert.equal(await attendanceOf(t.db, booking), undefined);

    t.clock.advance(2 * 60_000); // 10:02
    const recorded = await scanAndPress(client, qrPath(niji), 'in');
    assert.equal(recorded.status, 303);
    assert.equal(recorded.location, `/checkin/done/${booking}?d=in`);
    const done = page((await client.get(recorded.location!)).body);
    assert.equal(done.qaText('done'), '小千谷 さくらさんの利用開始を 10:02 に登録しました。');
    const row = await attendanceOf(t.db, booking);
    assert.equal(row?.checked_in_at?.toISOString(), '2026-11-26T01:02:00.000Z');
    assert.equal(row?.checked_in_via, 'qr');
    assert.equal(row?.checked_in_by, kid.guardianId);

    const mypage = page((await client.get('/mypage')).body);
    assert.equal(mypage.qaText('mypage-in-use'), '利用中 にじいろ出席園で利用中（10:02から）');
    const roster = page((await (await staff()).get('/facility/attendance')).body);
    assert.equal(roster.qaText('roster-status'), '利用中');

    // Scanning again: the page says 利用中 (and that the end is for pick-up); the old form sent again records nothing.
    const again = page((await client.get(qrPath(niji))).body);
    assert.match(again.qaText('scan-status') ?? '', /10:02に利用開始を登録しました/);
    assert.match(again.text(), /さきほど利用開始を登録したばかりです/);
    assert.ok(again.qa('record-out'));
    const pass = signToken(key, 'pass', niji.id, minuteOf(t.clock.now()));
    t.clock.advance(60_000);
    const twice = await client.post('/checkin', { pass, reservation: booking, direction: 'in' });
    assert.equal(twice.status, 409);
    assert.equal(page(twice.body).qaText('problem'), '利用開始は 10:02 に登録済みです。二重に登録はしていません。');
    assert.equal((await attendanceOf(t.db, booking))?.checked_in_at?.toISOString(), '2026-11-26T01:02:00.000Z');

    t.clock.set('2026-11-26T03:05:00Z'); // 12:05 (a new login: sessions end after 30 idle minutes)
    client = await guardian();
    const out = await scanAndPress(client, qrPath(niji), 'out');
    assert.equal(out.status, 303);
    assert.equal(page((await client.get(out.location!)).body).qaText('done'), '小千谷 さくらさんの利用終了を 12:05 に登録しました。');
    assert.equal(page((await client.get('/mypage')).body).qa('mypage-in-use'), undefined);
    assert.equal(page((await (await staff()).get('/facility/attendance')).body).qaText('roster-status'), '終了');
    const outAgain = await client.post('/checkin', { pass: signToken(key, 'pass', niji.id, minuteOf(t.clock.now())), reservation: booking, direction: 'out' });
    assert.equal(outAgain.status, 409);
    assert.match(page(outAgain.body).qaText('problem') ?? '', /利用終了は 12:05 に登録済みです/);
    // After both, the page shows the times and no button.
    const finished = page((await client.get(qrPath(niji))).body);
    assert.match(finished.qaText('scan-status') ?? '', /10:02に利用開始、12:05に利用終了を登録しました/);
    assert.equal(finished.qa('record-in') ?? finished.qa('record-out'), undefined);
    t.clock.set(START);
  });

  test('利用終了 before 利用開始 records nothing', async () => {
    const place = await facility(t.db, city, 'はやい出席園');
    const early = await child(t.db, city, '2025-03-01');
    const id = await bookingOn(t.db, place, early, TODAY, '10:00', '11:00');
    const client = await guardian(early);
    const res = await client.post('/checkin', { pass: signToken(key, 'pass', place.id, minuteOf(t.clock.now())), reservation: id, direction: 'out' });
    assert.equal(res.status, 409);
    assert.match(page(res.body).qaText('problem') ?? '', /まだ利用開始が登録されていない/);
    assert.equal(await attendanceOf(t.db, id), undefined);
  });
});

describe('a scan that records nothing', () => {
  test('another facility’s code: no booking there today; its pass with this booking is refused', async () => {
    const place = await facility(t.db, city, 'ほしぞら出席園');
    const kidHere = await child(t.db, city, '2025-02-01');
    const id = await bookingOn(t.db, place, kidHere, TODAY, '09:00', '12:00');
    const here = await guardian(kidHere);
    const elsewhere = page((await here.get(qrPath(himawari))).body);
    assert.equal(elsewhere.heading(), '本日のご予約がありません');
    assert.match(elsewhere.qaText('problem') ?? '', /本日、ひまわり出席園にはお子さまのご予約がありません。何も登録していません。/);
    const res = await here.post('/checkin', { pass: signToken(key, 'pass', himawari.id, minuteOf(t.clock.now())), reservation: id, direction: 'in' });
    assert.equal(res.status, 409);
    assert.match(page(res.body).qaText('problem') ?? '', /このQRコードの施設には、このお子さまのご予約がありません/);
    assert.equal(await attendanceOf(t.db, id), undefined);
    // Another municipality's facility: the same.
    assert.match(page((await here.get(qrPath(sora))).body).qaText('problem') ?? '', /本日、そらいろ出席園には/);
  });

  test('no booking today (only tomorrow): the page says so; tomorrow’s booking cannot be checked in today', async () => {
    const client = await guardian(tomorrowKid);
    const res = page((await client.get(qrPath(niji))).body);
    assert.match(res.qaText('problem') ?? '', /本日、にじいろ出席園にはお子さまのご予約がありません/);
    const posted = await client.post('/checkin', { pass: signToken(key, 'pass', niji.id, minuteOf(t.clock.now())), reservation: tomorrowBooking, direction: 'in' });
    assert.equal(posted.status, 409);
    assert.match(page(posted.body).qaText('problem') ?? '', /本日のものではありません/);
    assert.equal(await attendanceOf(t.db, tomorrowBooking), undefined);
  });

  test('another family’s booking is not found (404), whatever the code', async () => {
    const client = await guardian(tomorrowKid);
    const res = await client.post('/checkin', { pass: signToken(key, 'pass', sora.id, minuteOf(t.clock.now())), reservation: otherBooking, direction: 'in' });
    assert.equal(res.status, 404);
    assert.equal((await client.get(`/checkin/done/${otherBooking}`)).status, 404);
    assert.equal(await attendanceOf(t.db, otherBooking), undefined);
  });

  test('an expired or forged pass in the form records nothing', async () => {
    const client = await guardian(otherKid);
    const stale = signToken(key, 'pass', sora.id, minuteOf(t.clock.now()) - 11);
    const expired = await client.post('/checkin', { pass: stale, reservation: otherBooking, direction: 'in' });
    assert.equal(expired.status, 410);
    const forged = signToken(attendanceKey('guessed-secret'), 'pass', sora.id, minuteOf(t.clock.now()));
    assert.equal((await client.post('/checkin', { pass: forged, reservation: otherBooking, direction: 'in' })).status, 400);
    assert.equal(await attendanceOf(t.db, otherBooking), undefined);
  });

  test('a provisional or cancelled booking, and a first interview, are not checked in', async () => {
    const place = await facility(t.db, city, 'かりよやく出席園');
    const who = await child(t.db, city, '2025-01-01');
    const client = await guardian(who);
    const pass = signToken(key, 'pass', place.id, minuteOf(t.clock.now()));
    const provisional = await bookingOn(t.db, place, who, TODAY, '09:00', '10:00', { status: 'provisional' });
    const cancelled = await bookingOn(t.db, place, who, TODAY, '10:00', '11:00', { status: 'late_cancelled' });
    const interview = await bookingOn(t.db, place, who, TODAY, '11:00', '12:00', { kind: 'interview' });
    assert.match(page((await client.post('/checkin', { pass, reservation: provisional, direction: 'in' })).body).qaText('problem') ?? '', /まだ施設が確定していない/);
    assert.match(page((await client.post('/checkin', { pass, reservation: cancelled, direction: 'in' })).body).qaText('problem') ?? '', /キャンセルされています/);
    assert.equal((await client.post('/checkin', { pass, reservation: interview, direction: 'in' })).status, 409);
    const count = await t.db.selectFrom('attendances').select((eb) => eb.fn.countAll<number>().as('n')).where('child_id', '=', who.id).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });
});

describe('the short code', () => {
  test('typed: the current or previous minute’s code of a facility booked today opens its page; others are refused next to the field', async () => {
    const client = await guardian(otherKid);
    const minute = minuteOf(t.clock.now());
    const form = await client.get('/checkin');
    assert.equal(form.status, 200);
    assert.ok(page(form.body).find('script[src="/assets/jsqr.js"]'));
    const ok = await client.post('/checkin/code', { code: shortCode(key, sora.id, minute).replace(/^(...)/, '$1 ') });
    assert.equal(ok.status, 303);
    const opened = page((await client.get(ok.location!)).body);
    assert.match(opened.qaText('scan-booking') ?? '', /長岡 たろう/);
    assert.equal((await client.post('/checkin/code', { code: shortCode(key, sora.id, minute - 1) })).status, 303);
    const stale = await client.post('/checkin/code', { code: shortCode(key, sora.id, minute - 2) });
    assert.equal(stale.status, 400);
    assert.match(page(stale.body).field('code')?.error ?? '', /数字が違うか、有効期限が切れています/);
    // Another facility's code (where the family has no booking today) is just a wrong code.
    assert.equal((await client.post('/checkin/code', { code: shortCode(key, niji.id, minute) })).status, 400);
    assert.equal(page((await client.post('/checkin/code', { code: '12' })).body).field('code')?.error, '数字6桁で入力してください');
    assert.equal(page((await client.post('/checkin/code', { code: '' })).body).field('code')?.value, '');
    const nobody = await guardian(tomorrowKid);
    const none = await nobody.post('/checkin/code', { code: shortCode(key, niji.id, minute) });
    assert.match(page(none.body).field('code')?.error ?? '', /本日、ご予約のある施設がありません/);
  });
});

describe('one check-in per booking, decided in the database', () => {
  test('two check-ins at once record one', async () => {
    const place = await facility(t.db, city, 'どうじ出席園');
    const who = await child(t.db, city, '2025-07-01');
    const id = await bookingOn(t.db, place, who, TODAY, '09:00', '12:00');
    const results = await Promise.all([1, 2, 3].map(() => recordScan(t.db, t.clock, who.guardianId, { reservationId: id, facilityId: place.id, direction: 'in' })));
    assert.deepEqual(results.map((r) => r.outcome).sort(), ['already-in', 'already-in', 'recorded']);
    const entries = await t.db.selectFrom('audit_log').select('id').where('subject_id', '=', id).where('action', '=', 'attendance.check_in').execute();
    assert.equal(entries.length, 1);
    assert.ok(CalendarDate.today(t.clock));
  });

  test('a check-in and a same-day cancellation at once: one wins, the other is refused (the booking row is locked first)', async () => {
    const place = await facility(t.db, city, 'きょうそう出席園');
    for (let round = 0; round < 3; round += 1) {
      const who = await child(t.db, city, '2025-08-01');
      const id = await bookingOn(t.db, place, who, TODAY, '10:30', '12:00');
      const [scan, cancel] = await Promise.all([
        recordScan(t.db, t.clock, who.guardianId, { reservationId: id, facilityId: place.id, direction: 'in' }),
        sameDayCancel(t.db, t.clock, 'http://localhost', place.staff, id, '電話で当日キャンセル'),
      ]);
      const status = (await t.db.selectFrom('reservations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
      const came = (await attendanceOf(t.db, id))?.checked_in_at ?? null;
      if (scan.outcome === 'recorded') {
        assert.deepEqual([cancel.outcome, status, came !== null], ['checked-in', 'confirmed', true]);
      } else {
        assert.deepEqual([scan.outcome, cancel.outcome, status, came], ['cancelled', 'saved', 'late_cancelled', null]);
      }
    }
  });
});
