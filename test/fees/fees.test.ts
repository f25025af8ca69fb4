// Fees and records over HTTP (guide step 8): the facility's 利用料 by day and month, marking a use
// paid (once, even on a double or simultaneous submit; the amount stored), the 領収書, the monthly
// usage and its CSV bytes (BOM; Shift_JIS round trip of kanji names), the guardian's 利用実績,
// the municipality's fee reductions — and the refusals across families, facilities and
// municipalities. Attendance rows are put in directly (check-in and check-out are built elsewhere).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { TestClient } from '../helpers/http.ts';
import { signedIn } from '../helpers/signed-in.ts';
import { page } from '../helpers/page.ts';
import { child, facility, municipality, type Child, type Facility, type Municipality, municipalityStaff } from '../reservations/world.ts';

let t: TestApp;
let city: Municipality;
let otherCity: Municipality;
let niji: Facility;
let sora: Facility;
let kid: Child;
let otherKid: Child;
let farKid: Child;
let cityStaff: string;
let otherCityStaff: string;

/** The test clock: Thursday 2026-11-26, 10:00 in Tokyo. */
const START = '2026-11-26T01:00:00Z';
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`);

before(async () => {
  t = await startTestApp({ now: START });
  city = await municipality(t.db);
  otherCity = await municipality(t.db);
  niji = await facility(t.db, city, 'にじいろ料金テスト園');
  sora = await facility(t.db, city, 'そらいろ料金テスト園');
  kid = await child(t.db, city, '2025-06-01');
  otherKid = await child(t.db, city, '2025-05-01');
  farKid = await child(t.db, otherCity, '2025-04-01');
  // A name Shift_JIS holds only in its Windows-31J extension (髙), and one with a variation selector.
  await t.db.updateTable('children').set({ name: '髙橋 さくら', name_kana: 'タカハシ サクラ' }).where('id', '=', kid.id).execute();
  await t.db.updateTable('children').set({ name: '葛\u{E0100}城 たろう', name_kana: 'カツラギ タロウ' }).where('id', '=', otherKid.id).execute();
  await t.db.updateTable('children').set({ name: '遠野 はな', name_kana: 'トオノ ハナ' }).where('id', '=', farKid.id).execute();
  cityStaff = await municipalityStaff(t.db, city);
  otherCityStaff = await municipalityStaff(t.db, otherCity);
});
after(() => t?.close());

const staff = (place: Facility = niji) => signedIn(t, place.staff.id, '/facility');
const guardian = (who: Child = kid) => signedIn(t, who.guardianId, '/mypage');
const cityClerk = (id = cityStaff) => signedIn(t, id, '/municipality');

interface UseOptions {
  place?: Facility;
  status?: 'confirmed' | 'late_cancelled' | 'cancelled';
  kind?: 'regular' | 'flexible' | 'interview';
  checkIn?: string | null;
  checkOut?: string | null;
  noShow?: boolean;
}

/** A booking on `date` from `from` to `to`, its allowance charge, and (when asked) an attendance row. */
async function use(who: Child, date: string, from: string, to: string, options: UseOptions = {}): Promise<string> {
  const place = options.place ?? niji;
  const { id } = await t.db
    .insertInto('reservations')
    .values({
      municipality_id: who.municipalityId,
      facility_id: place.id,
      child_id: who.id,
      kind: options.kind ?? 'flexible',
      status: options.status ?? 'confirmed',
      starts_at: at(date, from),
      ends_at: at(date, to),
      age_class: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const minutes = (at(date, to).getTime() - at(date, from).getTime()) / 60_000;
  if (options.kind !== 'interview') {
    await t.db.insertInto('reservation_allowance_charges').values({ reservation_id: id, child_id: who.id, municipality_id: who.municipalityId, month: `${date.slice(0, 7)}-01`, bucket: 'national', minutes }).execute();
  }
  if (options.checkIn !== undefined || options.noShow) {
    await t.db
      .insertInto('attendances')
      .values({
        reservation_id: id,
        municipality_id: who.municipalityId,
        facility_id: place.id,
        child_id: who.id,
        checked_in_at: options.checkIn ? at(date, options.checkIn) : null,
        checked_in_via: options.checkIn ? 'qr' : null,
        checked_out_at: options.checkOut ? at(date, options.checkOut) : null,
        checked_out_via: options.checkOut ? 'qr' : null,
        no_show_at: options.noShow ? at(date, from) : null,
        updated_at: t.clock.now(),
      })
      .execute();
  }
  return id;
}

async function paymentsOf(reservationId: string) {
  return t.db.selectFrom('fee_payments').selectAll().where('reservation_id', '=', reservationId).execute();
}

async function auditCount(action: string, subjectId: string): Promise<number> {
  const rows = await t.db.selectFrom('audit_log').select('id').where('action', '=', action).where('subject_id', '=', subjectId).execute();
  return rows.length;
}

/** The table row of the fees page that names the child (the page shows one use per child and day here). */
function rowOf(html: string, childName: string): string {
  const row = page(html)
    .all('#fees tbody tr')
    .find((tr) => tr.textContent.includes(childName));
  assert.ok(row, `a row for ${childName}`);
  return row.textContent.replace(/\s+/g, ' ');
}

describe('the facility’s fees', () => {
  test('by day: billed actual time, the late pick-up by the guide’s rule, the fee and the totals', async () => {
    // 9:00–12:00 booked; came 9:05, left 12:30 (30 minutes late → one extra hour). 2h55 → 3 h, + 1 h = 4 h × 300.
    await use(kid, '2026-11-16', '09:00', '12:00', { checkIn: '09:05', checkOut: '12:30' });
    // Left 12:29: 29 minutes late → nothing extra.
    await use(otherKid, '2026-11-16', '09:00', '12:00', { checkIn: '09:00', checkOut: '12:29' });
    const client = await staff();
    const res = await client.get('/facility/fees?date=2026-11-16');
    assert.equal(res.status, 200);
    const kidRow = rowOf(res.body, '髙橋 さくら');
    assert.match(kidRow, /9:05〜12:30/);
    assert.match(kidRow, /3時間/);
    assert.match(kidRow, /30分遅れ（追加 1時間）/);
    assert.match(kidRow, /1,200円/);
    const otherRow = rowOf(res.body, '城 たろう');
    assert.match(otherRow, /29分遅れ（追加なし）/);
    assert.match(otherRow, /900円/);
    assert.equal(page(res.body).qaText('unpaid-total'), '2,100円');
    // A booking with no check-in recorded bills nothing and cannot be paid.
    const unrecorded = await use(farKid, '2026-11-16', '13:00', '14:00', { place: niji });
    const again = await client.get('/facility/fees?date=2026-11-16');
    const row = rowOf(again.body, '遠野 はな');
    assert.match(row, /登園の記録なし/);
    assert.ok(!row.includes('支払済にする'));
    assert.equal(page(again.body).qaText('unpaid-total'), '2,100円');
    assert.equal((await client.post(`/facility/fees/${unrecorded}/pay`, { amount: '300', back: 'date=2026-11-16' })).status, 409);
    // The month view lists the same uses with their dates.
    const month = await client.get('/facility/fees?month=2026-11');
    assert.match(page(month.body).textOf("#fees") ?? "", /11月16日\(月\)/);
  });

  test('a same-day cancellation and a no-show are charged the booked hours where the facility says so, not otherwise', async () => {
    const cancelled = await use(kid, '2026-11-17', '09:00', '11:00', { status: 'late_cancelled' });
    await use(otherKid, '2026-11-17', '13:00', '14:30', { noShow: true });
    const client = await staff();
    let res = await client.get('/facility/fees?date=2026-11-17');
    assert.match(rowOf(res.body, '髙橋 さくら'), /当日キャンセル.*2時間.*600円/);
    assert.match(rowOf(res.body, '城 たろう'), /欠席.*1時間30分.*450円/);
    await t.db.insertInto('facility_offers').values({ facility_id: niji.id, municipality_id: city.id, charges_late_cancellations: false }).execute();
    try {
      res = await client.get('/facility/fees?date=2026-11-17');
      assert.match(rowOf(res.body, '髙橋 さくら'), /当日キャンセル.*2時間.*請求なし/);
      // Nothing to pay: the page has no pay button, and a posted one pays nothing.
      const post = await client.post(`/facility/fees/${cancelled}/pay`, { amount: '600', back: 'date=2026-11-17' });
      assert.equal(post.status, 409);
      assert.equal((await paymentsOf(cancelled)).length, 0);
    } finally {
      await t.db.deleteFrom('facility_offers').where('facility_id', '=', niji.id).execute();
    }
    // The hours stay counted on the guardian's usage page (allowance used).
    const family = await guardian();
    const history = await family.get('/usage?month=2026-11');
    assert.match(page(history.body).text(), /当日キャンセル/);
  });

  test('marking paid stores the amount once: a double submit and eight at once pay once', async () => {
    // 9:00–11:00 booked, picked up at 10:01: 61 minutes → 1 h 30 min.
    const id = await use(kid, '2026-11-18', '09:00', '11:00', { checkIn: '09:00', checkOut: '10:01' });
    const client = await staff();
    const list = await client.get('/facility/fees?date=2026-11-18');
    assert.match(rowOf(list.body, '髙橋 さくら'), /1時間30分.*450円.*支払済にする/);
    const first = await client.post(`/facility/fees/${id}/pay`, { amount: '450', back: 'date=2026-11-18' });
    assert.equal(first.status, 303);
    assert.equal(first.location, `/facility/fees?date=2026-11-18&paid=${id}`);
    const second = await client.post(`/facility/fees/${id}/pay`, { amount: '450', back: 'date=2026-11-18' });
    assert.equal(second.status, 303);
    assert.match(second.location ?? '', /already=/);
    const payments = await paymentsOf(id);
    assert.equal(payments.length, 1);
    assert.equal(payments[0]!.amount_yen, 450);
    assert.match(payments[0]!.receipt_number, /^R2026-\d{6}$/);
    assert.equal(await auditCount('fee.payment.record', id), 1);
    const shown = await client.follow(second);
    assert.match(page(shown.body).qaText('notice') ?? '', /すでに支払済/);
    assert.match(rowOf(shown.body, '髙橋 さくら'), /支払済\s*R2026-\d{6}\s*領収書/);

    const other = await use(otherKid, '2026-11-18', '09:00', '10:00', { checkIn: '09:00', checkOut: '10:00' });
    // Eight submits at once (on PostgreSQL, on separate connections): the booking row lock lets one pay.
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.post(`/facility/fees/${other}/pay`, { amount: '300', back: 'date=2026-11-18' })));
    assert.deepEqual(answers.map((a) => a.status), Array(8).fill(303));
    assert.equal(answers.filter((a) => a.location?.includes('&paid=')).length, 1);
    assert.equal((await paymentsOf(other)).length, 1);
    assert.equal(await auditCount('fee.payment.record', other), 1);
  });

  test('a fee that changed since the page was shown, or a child still in care, is not paid', async () => {
    const id = await use(kid, '2026-11-19', '09:00', '12:00', { checkIn: '09:00', checkOut: '12:00' });
    const inCare = await use(otherKid, '2026-11-19', '09:00', '12:00', { checkIn: '09:00' });
    const client = await staff();
    await client.get('/facility/fees?date=2026-11-19');
    // A correction moved the check-out: the fee is now 1,200円, not the 900円 shown.
    await t.db.updateTable('attendances').set({ checked_out_at: at('2026-11-19', '12:45') }).where('reservation_id', '=', id).execute();
    const res = await client.post(`/facility/fees/${id}/pay`, { amount: '900', back: 'date=2026-11-19' });
    assert.equal(res.status, 409);
    assert.match(page(res.body).qaText('problem') ?? '', /1,200円/);
    assert.equal((await paymentsOf(id)).length, 0);
    const again = await client.post(`/facility/fees/${id}/pay`, { amount: '1200', back: 'date=2026-11-19' });
    assert.equal(again.status, 303);
    assert.equal((await paymentsOf(id))[0]!.amount_yen, 1200);
    assert.match(rowOf((await client.get('/facility/fees?date=2026-11-19')).body, '城 たろう'), /利用中.*退園後に確定/);
    const notYet = await client.post(`/facility/fees/${inCare}/pay`, { amount: '0', back: 'date=2026-11-19' });
    assert.equal(notYet.status, 409);
    assert.equal((await paymentsOf(inCare)).length, 0);
  });

  test('the receipt names the facility, child, date, hours, amount, receipt number and payment date', async () => {
    const id = await use(kid, '2026-11-20', '13:00', '15:00', { checkIn: '13:00', checkOut: '15:40' });
    const client = await staff();
    assert.equal((await client.get(`/facility/fees/${id}/receipt`)).status, 404, 'no receipt before payment');
    await client.get('/facility/fees?date=2026-11-20');
    await client.post(`/facility/fees/${id}/pay`, { amount: '900', back: 'date=2026-11-20' });
    const receipt = await client.get(`/facility/fees/${id}/receipt`);
    assert.equal(receipt.status, 200);
    const p = page(receipt.body);
    const text = p.textOf('[data-qa="receipt"]') ?? '';
    const number = (await paymentsOf(id))[0]!.receipt_number;
    for (const expected of ['領収書', '髙橋 さくら', 'にじいろ料金テスト園', '2026年11月20日(金)', '2時間', '40分遅れ（追加 1時間）', number, '2026年11月26日']) {
      assert.ok(text.includes(expected), `receipt shows ${expected}: ${text}`);
    }
    assert.equal(p.qaText('receipt-amount'), '900円');
    assert.ok(receipt.body.includes('/static/fees.css'), 'the print stylesheet is linked');
  });

  test('another facility sees none of it and can neither pay nor print', async () => {
    const id = await use(kid, '2026-11-24', '09:00', '10:00', { checkIn: '09:00', checkOut: '10:00' });
    const stranger = await staff(sora);
    const list = await stranger.get('/facility/fees?date=2026-11-24');
    assert.equal(list.status, 200);
    assert.ok(!list.body.includes('髙橋 さくら'));
    assert.equal((await stranger.post(`/facility/fees/${id}/pay`, { amount: '300', back: 'date=2026-11-24' })).status, 404);
    assert.equal((await paymentsOf(id)).length, 0);
    const own = await staff();
    await own.get('/facility/fees?date=2026-11-24');
    await own.post(`/facility/fees/${id}/pay`, { amount: '300', back: 'date=2026-11-24' });
    assert.equal((await stranger.get(`/facility/fees/${id}/receipt`)).status, 404);
    const usage = await stranger.get('/facility/usage?month=2026-11');
    assert.ok(!usage.body.includes('髙橋 さくら'));
    // A guardian, or municipality staff, cannot reach facility pages at all.
    assert.equal((await (await guardian()).get('/facility/fees')).status, 403);
    // A first interview is not a use: no fee, no payment.
    const interview = await use(kid, '2026-11-24', '13:00', '14:00', { kind: 'interview' });
    assert.equal((await own.post(`/facility/fees/${interview}/pay`, { amount: '300', back: '' })).status, 404);
  });
});

describe('months at the edge of the calendar', () => {
  test('a month the calendar cannot step from (9999-12, 0999-01) shows this month, never an error', async () => {
    const own = await staff();
    for (const month of ['9999-12', '0999-01', '2026-13']) {
      for (const path of ['/facility/usage', '/facility/usage/csv', '/facility/fees', '/usage']) {
        const client = path === '/usage' ? await guardian() : own;
        const res = await client.get(`${path}?month=${month}`);
        assert.equal(res.status, 200, `${path}?month=${month}`);
      }
    }
  });
});

describe('monthly usage and CSV', () => {
  async function csv(client: TestClient, query: string) {
    const res = await t.app.inject({ method: 'GET', url: `/facility/usage/csv?${query}`, headers: { cookie: client.cookieHeader() } });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  }

  test('per child on the page; the CSV in UTF-8 starts with a BOM and has one line per use', async () => {
    await use(kid, '2026-10-05', '09:00', '12:00', { checkIn: '09:00', checkOut: '12:00' });
    await use(kid, '2026-10-06', '09:00', '11:00', { checkIn: '09:30', checkOut: '11:00' });
    await use(otherKid, '2026-10-07', '09:00', '10:00', { checkIn: '09:00', checkOut: '10:00' });
    const client = await staff();
    const res = await client.get('/facility/usage?month=2026-10');
    const rows = page(res.body).all('#usage tbody tr').map((r) => r.querySelectorAll('td').map((td) => td.textContent.trim()));
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.find((r) => r[0] === '髙橋 さくら'), ['髙橋 さくら', 'タカハシ サクラ', '2', '4時間30分', '0時間', '1,350円', '0円', '1,350円']);
    const file = await csv(client, 'month=2026-10');
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(file.headers['content-disposition']), /attachment; filename="usage-2026-10.csv"/);
    assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = file.bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    assert.equal(lines.at(-1), '', 'ends with CRLF');
    assert.equal(lines.length, 5, 'a header and three uses');
    assert.match(lines[0]!, /^"利用日","予約開始","予約終了","お子さま","ふりがな"/);
    assert.equal(lines[1], '"2026-10-05","9:00","12:00","髙橋 さくら","タカハシ サクラ","1歳","柔軟利用","利用済み","9:00","12:00","3","0","0","3","","300","900","","",""');
    assert.ok(text.includes('葛\u{E0100}城 たろう'), 'UTF-8 keeps the variation selector');
  });

  test('Shift_JIS on request: the kanji names come back when decoded', async () => {
    const client = await staff();
    const file = await csv(client, 'month=2026-10&encoding=sjis');
    assert.equal(file.headers['content-type'], 'text/csv; charset=Shift_JIS');
    assert.notDeepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    // 髙 (FB FC) is in Windows-31J, the Shift_JIS Excel reads.
    assert.ok(file.bytes.includes(Buffer.from([0xfb, 0xfc])), '髙 encoded as Windows-31J');
    const decoded = iconv.decode(file.bytes, 'Shift_JIS');
    assert.ok(decoded.includes('"髙橋 さくら","タカハシ サクラ"'));
    assert.ok(decoded.includes('"利用日","予約開始"'));
    // A variation selector has no Shift_JIS code: it becomes "?" (the page says so).
    assert.ok(decoded.includes('葛?城 たろう'));
    assert.match(page((await client.get('/facility/usage?month=2026-10')).body).text(), /「\?」になります/);
  });
});

describe('the guardian’s usage history', () => {
  test('each use with its times, billed hours, allowance used and left, the fee per facility, paid or not', async () => {
    const paid = await use(kid, '2026-09-07', '09:00', '12:00', { checkIn: '09:10', checkOut: '12:40' });
    await use(kid, '2026-09-14', '09:00', '11:00', { place: sora, checkIn: '09:00', checkOut: '10:20' });
    const client = await staff();
    await client.get('/facility/fees?date=2026-09-07');
    await client.post(`/facility/fees/${paid}/pay`, { amount: '1200', back: 'date=2026-09-07' });
    const family = await guardian();
    const mypage = await family.get('/mypage');
    assert.equal(page(mypage.body).qa('mypage-usage')?.getAttribute('href'), '/usage');
    const list = await family.get('/reservations');
    assert.match(page(list.body).qa('list-usage')?.getAttribute('href') ?? '', /^\/usage\?child=/);
    const res = await family.get('/usage?month=2026-09');
    assert.equal(res.status, 200);
    const p = page(res.body);
    assert.match(p.qaText('history-allowance') ?? '', /10時間 のうち 5時間 使用・残り 5時間/);
    const sections = p.all('[data-qa="history-facility"]').map((s) => s.textContent.replace(/\s+/g, ' '));
    assert.equal(sections.length, 2);
    const nijiSection = sections.find((s) => s.includes('にじいろ料金テスト園'))!;
    assert.match(nijiSection, /9:10〜12:40/);
    assert.match(nijiSection, /40分遅れ（追加 1時間）/);
    assert.match(nijiSection, /1,200円/);
    assert.match(nijiSection, /支払済（R2026-\d{6}）/);
    const soraSection = sections.find((s) => s.includes('そらいろ料金テスト園'))!;
    assert.match(soraSection, /1時間30分/);
    assert.match(soraSection, /2時間/, 'allowance used is the booked time');
    assert.match(soraSection, /未払い/);
    assert.match(soraSection, /利用料 450円（支払済 0円・未払い 450円）/);
  });

  test('another family’s child is never shown', async () => {
    await use(otherKid, '2026-08-03', '09:00', '10:00', { checkIn: '09:00', checkOut: '10:00' });
    const family = await guardian();
    const res = await family.get(`/usage?child=${otherKid.id}&month=2026-08`);
    assert.equal(res.status, 200);
    assert.ok(!res.body.includes('城 たろう'));
    assert.match(page(res.body).text(), /髙橋 さくらさんの2026年8月の利用/);
  });
});

describe('fee reductions', () => {
  test('recorded by the municipality from a date; a new category ends the running one the day before; fees follow the day of use', async () => {
    const aug = await use(kid, '2026-08-31', '09:00', '12:00', { checkIn: '09:00', checkOut: '12:00' });
    const sep = await use(kid, '2026-09-01', '09:00', '12:00', { checkIn: '09:00', checkOut: '12:00' });
    const clerk = await cityClerk();
    const home = await clerk.get('/municipality');
    assert.equal(page(home.body).qa('municipality-reductions')?.getAttribute('href'), '/municipality/fee-reductions');
    const search = await clerk.get(`/municipality/fee-reductions?q=${encodeURIComponent('髙橋')}`);
    assert.ok(search.body.includes(`/municipality/fee-reductions/${kid.id}`));
    assert.ok(!search.body.includes('遠野'), 'another municipality’s child is not found');
    const path = `/municipality/fee-reductions/${kid.id}`;
    await clerk.get(path);
    const first = await clerk.post(path, { category: 'tax_exempt', 'from.year': '2026', 'from.month': '4', 'from.day': '1' });
    assert.equal(first.status, 303);
    const second = await clerk.post(path, { category: 'income_tax_exempt', 'from.year': '2026', 'from.month': '9', 'from.day': '1' });
    assert.equal(second.status, 303);
    const rows = await t.db.selectFrom('fee_reductions').select(['category', 'effective_from', 'effective_until']).where('child_id', '=', kid.id).orderBy('effective_from').execute();
    assert.deepEqual(rows, [
      { category: 'tax_exempt', effective_from: '2026-04-01', effective_until: '2026-08-31' },
      { category: 'income_tax_exempt', effective_from: '2026-09-01', effective_until: null },
    ]);
    assert.equal(await auditCount('child.fee_reduction.record', kid.id), 2);
    assert.equal(await auditCount('child.fee_reduction.end', kid.id), 1);
    // 300 − 240 = 60 yen an hour on 31 August; 300 − 210 = 90 from 1 September.
    const facilityStaff = await staff();
    const augRow = rowOf((await facilityStaff.get('/facility/fees?date=2026-08-31')).body, '髙橋 さくら');
    assert.match(augRow, /60円 ?（非課税）.*180円/);
    const sepRow = rowOf((await facilityStaff.get('/facility/fees?date=2026-09-01')).body, '髙橋 さくら');
    assert.match(sepRow, /90円 ?（所得割）.*270円/);
    assert.ok(!augRow.includes('証'), 'no evidence, only the category');
    assert.ok(aug && sep);
    // A category starting on or before an existing later one is refused, with the form kept.
    const earlier = await clerk.post(path, { category: 'support_needed', 'from.year': '2026', 'from.month': '5', 'from.day': '1' });
    assert.equal(earlier.status, 409);
    assert.match(page(earlier.body).textOf('#f-from-error') ?? '', /2026年9月1日 から始まる減免/);
    // Bad input re-renders with messages next to the fields.
    const bad = await clerk.post(path, { category: 'nope', 'from.year': '2026', 'from.month': '2', 'from.day': '30' });
    assert.equal(bad.status, 400);
    const p = page(bad.body);
    assert.equal(p.field('category')?.error, '減免の区分を選んでください');
    assert.match(p.textOf('#f-from-error') ?? '', /日付を正しく入力してください/);
    assert.equal(p.field('from.year')?.value, '2026');
    assert.equal(p.field('from.day')?.value, '30');
    // Ending the running one.
    const open = await t.db.selectFrom('fee_reductions').select('id').where('child_id', '=', kid.id).where('effective_until', 'is', null).executeTakeFirstOrThrow();
    const tooEarly = await clerk.post(`${path}/end`, { reduction: open.id, 'until.year': '2026', 'until.month': '8', 'until.day': '1' });
    assert.equal(tooEarly.status, 409);
    const ended = await clerk.post(`${path}/end`, { reduction: open.id, 'until.year': '2026', 'until.month': '9', 'until.day': '30' });
    assert.equal(ended.status, 303);
    assert.equal((await t.db.selectFrom('fee_reductions').select('effective_until').where('id', '=', open.id).executeTakeFirstOrThrow()).effective_until, '2026-09-30');
    assert.equal(await auditCount('child.fee_reduction.end', kid.id), 2);
    // Facilities see the category only: no link to reductions, no evidence.
    assert.equal((await facilityStaff.get(path)).status, 403);
  });

  test('another municipality’s staff cannot see or change a child’s reductions', async () => {
    const stranger = await cityClerk(otherCityStaff);
    const path = `/municipality/fee-reductions/${kid.id}`;
    assert.equal((await stranger.get(path)).status, 404);
    const before = await t.db.selectFrom('fee_reductions').select('id').where('child_id', '=', kid.id).execute();
    assert.equal((await stranger.post(path, { category: 'public_assistance', 'from.year': '2027', 'from.month': '1', 'from.day': '1' })).status, 404);
    assert.equal((await t.db.selectFrom('fee_reductions').select('id').where('child_id', '=', kid.id).execute()).length, before.length);
    const list = await stranger.get('/municipality/fee-reductions');
    assert.ok(!list.body.includes('髙橋'));
    // Overlapping periods are refused by the database itself.
    await assert.rejects(
      t.db
        .insertInto('fee_reductions')
        .values({ child_id: kid.id, municipality_id: city.id, category: 'public_assistance', effective_from: '2026-06-01', effective_until: null, recorded_by: cityStaff, recorded_at: new Date() })
        .execute(),
      /fee_reductions_no_overlap/,
    );
  });
});
