// The monthly claim over HTTP (issue 10): a facility's month of uses becomes one claim per home
// municipality of the children; the facility submits (once, on a double submit; not before the
// month is over; not at a stale total), the municipality returns it with a comment, the facility
// corrects a use and resubmits, the municipality approves and records the payment; the lines are
// frozen at each submission, the history and audit entries are kept; CSV bytes (BOM, Shift_JIS);
// the guardian's 法定代理受領 notice; and the refusals across facilities, municipalities, families.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { signedIn } from '../helpers/signed-in.ts';
import { page } from '../helpers/page.ts';
import { child, facility, municipality, type Child, type Facility, type Municipality, municipalityStaff } from '../reservations/world.ts';

let t: TestApp;
let city: Municipality;
let otherCity: Municipality;
let niji: Facility;
let sora: Facility;
let kid: Child;
let farKid: Child;
let cityStaff: string;
let otherCityStaff: string;

/** The test clock: Thursday 2026-11-26, 10:00 in Tokyo (October is over, November is not). */
const START = '2026-11-26T01:00:00Z';
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`);

before(async () => {
  t = await startTestApp({ now: START });
  city = await municipality(t.db);
  otherCity = await municipality(t.db);
  niji = await facility(t.db, city, 'にじいろ請求テスト園');
  sora = await facility(t.db, city, 'そらいろ請求テスト園');
  // One year old from 2026-10-14 (the day before the first birthday).
  kid = await child(t.db, city, '2025-10-15');
  // A child of another municipality using にじいろ: a claim of its own, to its home municipality.
  farKid = await child(t.db, otherCity, '2025-04-01');
  await t.db.updateTable('children').set({ name: '髙橋 さくら', name_kana: 'タカハシ サクラ' }).where('id', '=', kid.id).execute();
  await t.db.updateTable('children').set({ name: '遠野 はな', name_kana: 'トオノ ハナ' }).where('id', '=', farKid.id).execute();
  cityStaff = await municipalityStaff(t.db, city, 'city 職員');
  otherCityStaff = await municipalityStaff(t.db, otherCity, 'other-city 職員');
});
after(() => t?.close());

const staff = (place: Facility = niji) => signedIn(t, place.staff.id, '/facility');
const clerk = (id = cityStaff) => signedIn(t, id, '/municipality');
const guardian = (who: Child) => signedIn(t, who.guardianId, '/mypage');

/** A booking with (when asked) its attendance row, put in directly (booking and check-in are tested elsewhere). */
async function use(who: Child, date: string, from: string, to: string, options: { status?: 'confirmed' | 'late_cancelled'; checkIn?: string; checkOut?: string; place?: Facility } = {}): Promise<string> {
  const place = options.place ?? niji;
  const { id } = await t.db
    .insertInto('reservations')
    .values({ municipality_id: who.municipalityId, facility_id: place.id, child_id: who.id, kind: 'flexible', status: options.status ?? 'confirmed', starts_at: at(date, from), ends_at: at(date, to), age_class: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.checkIn) {
    await t.db
      .insertInto('attendances')
      .values({
        reservation_id: id,
        municipality_id: who.municipalityId,
        facility_id: place.id,
        child_id: who.id,
        checked_in_at: at(date, options.checkIn),
        checked_in_via: 'qr',
        checked_out_at: options.checkOut ? at(date, options.checkOut) : null,
        checked_out_via: options.checkOut ? 'qr' : null,
        updated_at: t.clock.now(),
      })
      .execute();
  }
  return id;
}

async function claimOf(facilityId: string, municipalityId: string, month: string) {
  return t.db.selectFrom('claims').selectAll().where('facility_id', '=', facilityId).where('municipality_id', '=', municipalityId).where('month', '=', month).executeTakeFirst();
}
const text = (html: string) => page(html).text().replace(/\s+/g, ' ');

let ojiyaClaim: string;
let farClaim: string;
let correctedUse: string;

describe('the facility’s claims of a month', () => {
  test('one claim per home municipality, computed from the uses: age class on the day, rounding, cancellations, month boundaries', async () => {
    // 0歳 on 10-13: 9:00–10:01 recorded = 61 min → 1 h 30 min × 1,700 = 2,550.
    await use(kid, '2026-10-13', '09:00', '11:00', { checkIn: '09:00', checkOut: '10:01' });
    // 1歳 from 10-14: 59 min → 1 h × 1,400 = 1,400.
    correctedUse = await use(kid, '2026-10-14', '09:00', '11:00', { checkIn: '09:00', checkOut: '09:59' });
    // The last day of October, cancelled the same day: the booked 2 h × 1,400 = 2,800.
    await use(kid, '2026-10-31', '09:00', '11:00', { status: 'late_cancelled' });
    // The first of November: next month's claim, not October's.
    await use(kid, '2026-11-01', '09:00', '10:00', { checkIn: '09:00', checkOut: '10:00' });
    // No check-in recorded: left out, with a link to correct it.
    await use(kid, '2026-10-15', '13:00', '14:00');
    // Another municipality's child at にじいろ: 3 h × 1,400 = 4,200, claimed from 長岡 (otherCity).
    await use(farKid, '2026-10-20', '09:00', '12:00', { checkIn: '08:50', checkOut: '12:00' });
    // A use at another facility is not on にじいろ's claim.
    await use(kid, '2026-10-21', '09:00', '10:00', { checkIn: '09:00', checkOut: '10:00', place: sora });

    const client = await staff();
    const list = await client.get('/facility/claims?month=2026-10');
    assert.equal(list.status, 200);
    const rows = page(list.body).all('#claims tbody tr').map((tr) => tr.textContent.replace(/\s+/g, ' '));
    assert.equal(rows.length, 2);
    ojiyaClaim = (await claimOf(niji.id, city.id, '2026-10-01'))!.id;
    farClaim = (await claimOf(niji.id, otherCity.id, '2026-10-01'))!.id;
    assert.ok(rows.some((r) => r.includes('6,750円') && r.includes('未提出')));
    assert.ok(rows.some((r) => r.includes('4,200円')));
    // Opening the list again makes no second claim.
    await client.get('/facility/claims?month=2026-10');
    assert.equal((await t.db.selectFrom('claims').select('id').where('facility_id', '=', niji.id).where('month', '=', '2026-10-01').execute()).length, 2);

    const detail = await client.get(`/facility/claims/${ojiyaClaim}`);
    assert.equal(detail.status, 200);
    const lines = page(detail.body).all('#claim-lines tbody tr').map((tr) => tr.textContent.replace(/\s+/g, ' '));
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /10月13日.*利用.*0歳.*1時間30分.*1,700円.*2,550円/);
    assert.match(lines[1]!, /10月14日.*1歳.*1時間.*1,400円.*1,400円/);
    assert.match(lines[2]!, /10月31日.*当日キャンセル.*1歳.*2時間.*2,800円/);
    assert.equal(page(detail.body).qaText('claim-total')?.replace(/\s+/g, ''), '合計：6,750円（4時間30分）');
    assert.match(text(detail.body), /10月15日.*登園の記録がありません/);
    assert.ok(detail.body.includes(`href="/facility/attendance/${correctedUse}"`), 'each line links to the attendance correction');
  });

  test('a month not yet over cannot be submitted', async () => {
    const client = await staff();
    await client.get('/facility/claims?month=2026-11');
    const november = (await claimOf(niji.id, city.id, '2026-11-01'))!;
    const res = await client.get(`/facility/claims/${november.id}`);
    assert.ok(page(res.body).qaText('not-over'));
    const post = await client.post(`/facility/claims/${november.id}/submit`, { total: '1400' });
    assert.equal(post.status, 409);
    assert.equal((await claimOf(niji.id, city.id, '2026-11-01'))!.status, 'draft');
    // A month far outside the years kept shows last month's claims, not an error.
    assert.match(page((await client.get('/facility/claims?month=9999-12')).body).textOf('h2') ?? '', /2026年10月/);
  });
});

describe('submit, return, resubmit, approve, pay', () => {
  test('a stale total is refused; a double submit acts once and freezes the lines', async () => {
    const client = await staff();
    await client.get(`/facility/claims/${ojiyaClaim}`);
    const stale = await client.post(`/facility/claims/${ojiyaClaim}/submit`, { total: '6000' });
    assert.equal(stale.status, 409);
    assert.match(text(stale.body), /新しい請求額は 6,750円/);
    const [first, second] = await Promise.all([client.post(`/facility/claims/${ojiyaClaim}/submit`, { total: '6750' }), client.post(`/facility/claims/${ojiyaClaim}/submit`, { total: '6750' })]);
    assert.deepEqual([first.status, second.status].sort(), [303, 409]);
    const claim = (await claimOf(niji.id, city.id, '2026-10-01'))!;
    assert.equal(claim.status, 'submitted');
    assert.equal(claim.total_yen, 6750);
    assert.equal((await t.db.selectFrom('claim_lines').select('id').where('claim_id', '=', ojiyaClaim).execute()).length, 3);
    assert.equal((await t.db.selectFrom('claim_events').select('id').where('claim_id', '=', ojiyaClaim).execute()).length, 1);

    // A later correction does not change the submitted claim.
    await t.db.updateTable('attendances').set({ checked_out_at: at('2026-10-14', '10:31') }).where('reservation_id', '=', correctedUse).execute();
    const shown = await client.get(`/facility/claims/${ojiyaClaim}`);
    assert.equal(page(shown.body).qaText('claim-status'), '提出済');
    assert.match(page(shown.body).qaText('claim-total') ?? '', /6,750円/);
    assert.ok(!shown.body.includes('data-qa="claim-submit"'));
  });

  test('the municipality returns it with a required comment; the facility sees the comment and resubmits the recomputed claim', async () => {
    const city1 = await clerk();
    const list = await city1.get('/municipality/claims?month=2026-10');
    assert.match(text(list.body), /にじいろ請求テスト園.*提出済.*6,750円/);
    await city1.get(`/municipality/claims/${ojiyaClaim}`);
    const empty = await city1.post(`/municipality/claims/${ojiyaClaim}/return`, { comment: '  ' });
    assert.equal(empty.status, 400);
    assert.match(text(empty.body), /コメントを入力してください/);
    const returned = await city1.post(`/municipality/claims/${ojiyaClaim}/return`, { comment: '10月14日の退園時刻をご確認ください。' });
    assert.equal(returned.status, 303);
    assert.equal((await claimOf(niji.id, city.id, '2026-10-01'))!.status, 'returned');
    // Returning again (it is no longer under review) acts no more.
    assert.equal((await city1.post(`/municipality/claims/${ojiyaClaim}/return`, { comment: 'もう一度' })).status, 409);

    const client = await staff();
    const page1 = await client.get(`/facility/claims/${ojiyaClaim}`);
    assert.equal(page(page1.body).qaText('return-comment'), '10月14日の退園時刻をご確認ください。');
    // Recomputed from the corrected use: 10-14 is now 91 min → 2 h × 1,400 = 2,800; total 8,150.
    assert.match(page(page1.body).qaText('claim-total') ?? '', /8,150円/);
    const res = await client.post(`/facility/claims/${ojiyaClaim}/submit`, { total: '8150' });
    assert.equal(res.status, 303);
    const claim = (await claimOf(niji.id, city.id, '2026-10-01'))!;
    assert.deepEqual([claim.status, claim.submission, claim.total_yen], ['resubmitted', 2, 8150]);
    // The first submission's lines are kept beside the second's.
    const lines = await t.db.selectFrom('claim_lines').select(['submission', 'amount_yen']).where('claim_id', '=', ojiyaClaim).execute();
    assert.deepEqual([1, 2].map((s) => lines.filter((l) => l.submission === s).reduce((sum, l) => sum + l.amount_yen, 0)), [6750, 8150]);
  });

  test('approve once, then record the payment once (defaulting to the total); the history keeps every step', async () => {
    const city1 = await clerk();
    // The start page counts the claim waiting (resubmitted) for review, and no longer once approved.
    assert.equal(page((await city1.get('/municipality')).body).qaText('waiting-claims'), '審査を待っている請求が1件あります。');
    await city1.get(`/municipality/claims/${ojiyaClaim}`);
    assert.equal((await city1.post(`/municipality/claims/${ojiyaClaim}/approve`)).status, 303);
    assert.equal(page((await city1.get('/municipality')).body).qaText('waiting-claims'), '審査を待っている請求はありません。');
    assert.equal((await city1.post(`/municipality/claims/${ojiyaClaim}/approve`)).status, 409);
    const approved = await city1.get(`/municipality/claims/${ojiyaClaim}`);
    assert.equal(page(approved.body).qaText('claim-status'), '承認済');
    assert.match(approved.body, /name="paidYen"[^>]*value="8150"|value="8150"[^>]*name="paidYen"/);
    const bad = await city1.post(`/municipality/claims/${ojiyaClaim}/payment`, { 'paidOn.year': '2026', 'paidOn.month': '12', 'paidOn.day': '10', paidYen: '-5' });
    assert.equal(bad.status, 400);
    assert.match(text(bad.body), /金額を0以上の整数で入力してください/);
    assert.match(bad.body, /value="-5"/);
    const badDate = await city1.post(`/municipality/claims/${ojiyaClaim}/payment`, { 'paidOn.year': '2026', 'paidOn.month': '2', 'paidOn.day': '30', paidYen: '8150' });
    assert.equal(badDate.status, 400);
    const paid = await city1.post(`/municipality/claims/${ojiyaClaim}/payment`, { 'paidOn.year': '2026', 'paidOn.month': '12', 'paidOn.day': '10', paidYen: '8150' });
    assert.equal(paid.status, 303);
    assert.equal((await city1.post(`/municipality/claims/${ojiyaClaim}/payment`, { 'paidOn.year': '2026', 'paidOn.month': '12', 'paidOn.day': '11', paidYen: '1' })).status, 409);
    const claim = (await claimOf(niji.id, city.id, '2026-10-01'))!;
    assert.deepEqual([claim.status, claim.paid_on, claim.paid_yen], ['paid', '2026-12-10', 8150]);

    const events = await t.db.selectFrom('claim_events').select(['action', 'actor_id', 'comment']).where('claim_id', '=', ojiyaClaim).orderBy('at').orderBy('id').execute();
    // In the order they happened, though the test clock stands still.
    assert.deepEqual(events.map((e) => e.action), ['submit', 'return', 'resubmit', 'approve', 'pay']);
    assert.equal(events.find((e) => e.action === 'return')?.comment, '10月14日の退園時刻をご確認ください。');
    assert.equal(events.find((e) => e.action === 'submit')?.actor_id, niji.staff.id);
    assert.equal(events.find((e) => e.action === 'approve')?.actor_id, cityStaff);
    const audits = await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', ojiyaClaim).execute();
    assert.deepEqual(audits.map((a) => a.action).sort(), ['claim.approve', 'claim.payment.record', 'claim.return', 'claim.submit', 'claim.submit']);
    // Both sides see the history.
    const facilityView = await (await staff()).get(`/facility/claims/${ojiyaClaim}`);
    assert.match(page(facilityView.body).textOf('#claim-events') ?? '', /差戻し.*10月14日の退園時刻をご確認ください。/s);
    assert.match(page(facilityView.body).textOf('#claim-events') ?? '', /支払の記録/);
  });

  test('CSV of the month’s claims and payments: UTF-8 with BOM, and Shift_JIS', async () => {
    const city1 = await clerk();
    const utf8 = await city1.get('/municipality/claims/csv?month=2026-10');
    assert.equal(utf8.status, 200);
    assert.equal(utf8.headers['content-type'], 'text/csv; charset=utf-8');
    assert.deepEqual([...utf8.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = utf8.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    assert.equal(rows.length, 1 + 3);
    assert.match(rows[0]!, /^"請求月","施設","請求先","状態","利用日"/);
    assert.equal(rows[1], `"2026-10","にじいろ請求テスト園","テスト市${(await t.db.selectFrom('municipalities').select('code').where('id', '=', city.id).executeTakeFirstOrThrow()).code}","支払済","2026-10-13","髙橋 さくら","タカハシ サクラ","利用","0歳","1.5","1700","","0","2550","8150","2026-12-10","8150"`);
    // The other municipality's claim (to 長岡) is not in this municipality's file.
    assert.ok(!rows.join('\n').includes('遠野'));
    const sjis = await city1.get('/municipality/claims/csv?month=2026-10&encoding=sjis');
    assert.equal(sjis.headers['content-type'], 'text/csv; charset=Shift_JIS');
    assert.notEqual(sjis.bytes[0], 0xef);
    const decoded = iconv.decode(sjis.bytes, 'Shift_JIS');
    assert.match(decoded, /髙橋 さくら/);
    assert.match(decoded, /当日キャンセル/);
  });

  test('the guardian sees what the facility received on their behalf, per month; nothing for a draft', async () => {
    const family = await guardian(kid);
    const october = await family.get('/usage?month=2026-10');
    const notice = page(october.body).qaText('receipt-notice')?.replace(/\s+/g, ' ') ?? '';
    assert.match(notice, /法定代理受領のお知らせ（2026年10月）/);
    assert.match(notice, /にじいろ請求テスト園.*5時間30分.*8,150円.*受領済/);
    // The other family's claim (to 長岡) is still a draft: nothing claimed yet.
    const other = await guardian(farKid);
    const theirs = await other.get(`/usage?month=2026-10&child=${kid.id}`);
    const otherNotice = page(theirs.body).qaText('receipt-notice') ?? '';
    assert.match(otherNotice, /まだありません/);
    assert.ok(!theirs.body.includes('8,150円'));
  });
});

describe('refusals', () => {
  test('another facility’s staff cannot open or submit the claim (404)', async () => {
    const other = await staff(sora);
    assert.equal((await other.get(`/facility/claims/${farClaim}`)).status, 404);
    assert.equal((await other.post(`/facility/claims/${farClaim}/submit`, { total: '4200' })).status, 404);
    assert.equal((await other.post(`/facility/claims/${farClaim}/addons`, { child: farKid.id, 'addon.disability': 'yes' })).status, 404);
    assert.equal((await other.get(`/facility/claims/${ojiyaClaim}`)).status, 404);
    // Its own list of October shows only its own claim.
    const list = await other.get('/facility/claims?month=2026-10');
    assert.ok(!list.body.includes(ojiyaClaim) && !list.body.includes(farClaim));
    assert.equal((await claimOf(niji.id, otherCity.id, '2026-10-01'))!.status, 'draft');
  });

  test('a municipality sees only claims addressed to it, and never a draft', async () => {
    const other = await clerk(otherCityStaff);
    // Addressed to 小千谷 (city): not 長岡's.
    assert.equal((await other.get(`/municipality/claims/${ojiyaClaim}`)).status, 404);
    assert.equal((await other.post(`/municipality/claims/${ojiyaClaim}/approve`)).status, 404);
    assert.equal((await other.post(`/municipality/claims/${ojiyaClaim}/return`, { comment: 'x' })).status, 404);
    assert.equal((await other.post(`/municipality/claims/${ojiyaClaim}/payment`, { paidYen: '1' })).status, 404);
    // Addressed to 長岡 but still the facility's draft.
    assert.equal((await other.get(`/municipality/claims/${farClaim}`)).status, 404);
    const list = await other.get('/municipality/claims');
    assert.ok(!list.body.includes(ojiyaClaim) && !list.body.includes(farClaim));
    const csv = await other.get('/municipality/claims/csv?month=2026-10');
    assert.equal(csv.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n').length, 1);
    // 小千谷 does not see the claim to 長岡 either, even from its own facility.
    assert.equal((await (await clerk()).get(`/municipality/claims/${farClaim}`)).status, 404);
  });

  test('once submitted to 長岡, 長岡 reviews the claim of 小千谷’s facility for its own child', async () => {
    const client = await staff();
    await client.get(`/facility/claims/${farClaim}`);
    assert.equal((await client.post(`/facility/claims/${farClaim}/submit`, { total: '4200' })).status, 303);
    const other = await clerk(otherCityStaff);
    const res = await other.get(`/municipality/claims/${farClaim}`);
    assert.equal(res.status, 200);
    assert.match(text(res.body), /遠野 はな.*1歳.*3時間.*4,200円/);
    assert.ok(!res.body.includes('髙橋'));
  });

  test('add-ons only for a child on the claim; they are priced by the fiscal year’s settings', async () => {
    const client = await staff();
    await client.get('/facility/claims?month=2026-09');
    await use(kid, '2026-09-10', '09:00', '10:00', { checkIn: '09:00', checkOut: '10:00' });
    await client.get('/facility/claims?month=2026-09');
    const september = (await claimOf(niji.id, city.id, '2026-09-01'))!;
    await client.get(`/facility/claims/${september.id}`);
    assert.equal((await client.post(`/facility/claims/${september.id}/addons`, { child: farKid.id, 'addon.disability': 'yes' })).status, 404);
    await t.db.insertInto('claim_unit_prices').values({ fiscal_year: 2026, kind: 'medical_care', yen_per_hour: 600 }).execute();
    try {
      assert.equal((await client.post(`/facility/claims/${september.id}/addons`, { child: kid.id, 'addon.medical_care': 'yes' })).status, 303);
      const res = await client.get(`/facility/claims/${september.id}`);
      // 0歳 on 9-10: (1,700 + 600) × 1 h.
      assert.match(page(res.body).qaText('claim-total') ?? '', /2,300円/);
      assert.match(text(res.body), /医療的ケア児/);
    } finally {
      await t.db.deleteFrom('claim_unit_prices').where('kind', '=', 'medical_care').execute();
    }
  });
});
