// bookSlot and friends against the database (PGlite, or PostgreSQL with TEST_DATABASE_URL): each
// refusal reason, the double submit, cancelling before and after the deadline, the facility's
// decisions, and that the constraints hold even for rows that skip the app.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TestClock } from '../../src/platform/clock.ts';
import { bookSlot, cancelReservation, decideReservation, insertGeneratedSlots, recordInterviewOutcome, type BookingRequest } from '../../src/reservations/queries.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { eligibilityWindow } from '../../src/applications/rules.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { approvedForUse, child, facility, municipality, slot, type Child, type Facility, type Municipality } from './world.ts';

let t: TestDatabase;
const clock = new TestClock(new Date('2026-11-27T00:00:00Z'));
let city: Municipality;
let niji: Facility;
before(async () => {
  t = await openTestDatabase();
  city = await municipality(t.db);
  niji = await facility(t.db, city, 'にじいろ保育園');
});
after(() => t?.close());

/** A one-year-old on 2026-12-07 (born 2025-06-01), approved for use at `place`. */
async function approvedChild(place: Facility = niji, birthDate = '2025-06-01'): Promise<Child> {
  const kid = await child(t.db, city, birthDate);
  await approvedForUse(t.db, place, kid);
  return kid;
}

function request(kid: Child, slotId: string, start = '09:00', end = '10:00', kind: BookingRequest['kind'] = 'flexible'): BookingRequest {
  const minute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return { slotId, childId: kid.id, kind, startMinute: minute(start), endMinute: minute(end), idempotencyKey: randomUUID() };
}

const asGuardian = (kid: Child) => ({ id: kid.guardianId, role: 'guardian' as const });

async function book(kid: Child, slotId: string, start?: string, end?: string, kind?: BookingRequest['kind']) {
  return bookSlot(t.db, clock, asGuardian(kid), request(kid, slotId, start, end, kind));
}

function reasonOf(result: Awaited<ReturnType<typeof bookSlot>>): string {
  return result.outcome === 'booked' ? 'booked' : result.reason;
}

async function statusOf(reservationId: string) {
  return (await t.db.selectFrom('reservations').select('status').where('id', '=', reservationId).executeTakeFirstOrThrow()).status;
}

describe('bookSlot', () => {
  test('books a provisional place, with its age class and its minutes charged to the national bucket', async () => {
    const kid = await approvedChild();
    const slotId = await slot(t.db, niji, '2026-12-07', '09:00', '15:00');
    const result = await book(kid, slotId, '09:00', '10:30');
    assert.equal(result.outcome, 'booked');
    assert.ok(result.outcome === 'booked');
    const row = await t.db.selectFrom('reservations').selectAll().where('id', '=', result.reservationId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'provisional');
    assert.equal(row.age_class, 1);
    assert.equal(row.starts_at.toISOString(), '2026-12-07T00:00:00.000Z');
    const charges = await t.db.selectFrom('reservation_allowance_charges').select(['bucket', 'minutes', 'month']).where('reservation_id', '=', result.reservationId).execute();
    assert.deepEqual(charges, [{ bucket: 'national', minutes: 90, month: '2026-12-01' }]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('subject_id', '=', result.reservationId).execute();
    assert.deepEqual(audit, [{ action: 'reservation.book', actor_user_id: kid.guardianId }]);
  });

  test('a double submit (same idempotency key) gives the first booking back and books once', async () => {
    const kid = await approvedChild();
    const slotId = await slot(t.db, niji, '2026-12-08', '09:00', '15:00');
    const same = request(kid, slotId);
    const [first, second] = await Promise.all([bookSlot(t.db, clock, asGuardian(kid), same), bookSlot(t.db, clock, asGuardian(kid), same)]);
    assert.equal(first.outcome, 'booked');
    assert.deepEqual(second, first);
    const rows = await t.db.selectFrom('reservations').select('id').where('child_id', '=', kid.id).execute();
    assert.equal(rows.length, 1);
  });

  test('too short, wrong step, outside the slot', async () => {
    const kid = await approvedChild();
    const slotId = await slot(t.db, niji, '2026-12-09', '09:00', '15:00');
    assert.equal(reasonOf(await book(kid, slotId, '09:00', '09:30')), 'too-short');
    assert.equal(reasonOf(await book(kid, slotId, '09:00', '10:15')), 'bad-step');
    assert.equal(reasonOf(await book(kid, slotId, '14:30', '16:00')), 'outside-slot');
  });

  test('full: the places of the age class are taken by provisional and confirmed bookings; other classes are not', async () => {
    const slotId = await slot(t.db, niji, '2026-12-10', '09:00', '15:00', { capacity: [1, 2, 1] });
    const first = await approvedChild();
    const second = await approvedChild();
    const third = await approvedChild();
    const firstBooking = await book(first, slotId);
    assert.equal(reasonOf(firstBooking), 'booked');
    assert.equal(reasonOf(await book(second, slotId)), 'booked');
    assert.equal(reasonOf(await book(third, slotId)), 'full');
    const baby = await approvedChild(niji, '2026-03-01');
    assert.equal(reasonOf(await book(baby, slotId)), 'booked', '0歳 has its own place');
    // A declined booking frees its place.
    assert.ok(firstBooking.outcome === 'booked');
    assert.deepEqual(await decideReservation(t.db, clock, niji.staff, firstBooking.reservationId, 'decline'), { outcome: 'declined' });
    assert.equal(reasonOf(await book(third, slotId)), 'booked');
  });

  test('overlap: a child cannot be booked twice at overlapping times, even at two facilities', async () => {
    const sora = await facility(t.db, city, 'そら保育園');
    const kid = await approvedChild();
    await approvedForUse(t.db, sora, kid);
    const here = await slot(t.db, niji, '2026-12-11', '09:00', '15:00');
    const there = await slot(t.db, sora, '2026-12-11', '09:00', '15:00');
    assert.equal(reasonOf(await book(kid, here, '09:00', '11:00')), 'booked');
    assert.equal(reasonOf(await book(kid, there, '10:30', '12:00')), 'overlap');
    assert.equal(reasonOf(await book(kid, there, '11:00', '12:00')), 'booked', 'back to back is not an overlap');
  });

  test('allowance: provisional, confirmed and late-cancelled count; cancelled and declined do not', async () => {
    const small = await municipality(t.db, { allowanceMinutes: 180 });
    const place = await facility(t.db, small);
    const kid = await child(t.db, small, '2025-06-01');
    await approvedForUse(t.db, place, kid);
    const a = await slot(t.db, place, '2026-12-14', '09:00', '15:00');
    const b = await slot(t.db, place, '2026-12-15', '09:00', '15:00');
    const c = await slot(t.db, place, '2026-12-16', '09:00', '15:00');
    const d = await slot(t.db, place, '2027-01-12', '09:00', '15:00');
    const first = await book(kid, a, '09:00', '11:00');
    assert.equal(reasonOf(first), 'booked');
    assert.equal(reasonOf(await book(kid, b, '09:00', '11:00')), 'allowance', '2 h + 2 h > 3 h');
    assert.equal(reasonOf(await book(kid, b, '09:00', '10:00')), 'booked', 'exactly 3 h');
    assert.equal(reasonOf(await book(kid, c, '09:00', '10:00')), 'allowance');
    assert.equal(reasonOf(await book(kid, d, '09:00', '12:00')), 'booked', 'a new month, no carry-over');
    // Cancelled in time: the hours come back.
    assert.ok(first.outcome === 'booked');
    assert.deepEqual(await cancelReservation(t.db, clock, kid.guardianId, first.reservationId), { outcome: 'cancelled' });
    assert.equal(reasonOf(await book(kid, c, '09:00', '11:00')), 'booked');
  });

  test("the municipality's own bucket pays for regular use at its own facilities only", async () => {
    const ward = await municipality(t.db, { allowanceMinutes: 60 });
    await t.db.insertInto('allowance_buckets').values({ municipality_id: ward.id, position: 1, name: '区独自の定期利用', minutes_per_month: 120, kinds: ['regular'], own_facilities_only: true }).execute();
    const own = await facility(t.db, ward);
    const kid = await child(t.db, ward, '2025-06-01');
    await approvedForUse(t.db, own, kid);
    const s1 = await slot(t.db, own, '2026-12-14', '09:00', '15:00');
    const s2 = await slot(t.db, own, '2026-12-15', '09:00', '15:00');
    assert.equal(reasonOf(await book(kid, s1, '09:00', '10:00', 'flexible')), 'booked', 'national hour');
    assert.equal(reasonOf(await book(kid, s2, '09:00', '10:00', 'flexible')), 'allowance', 'flexible use is outside the own bucket');
    const regular = await book(kid, s2, '09:00', '11:00', 'regular');
    assert.equal(reasonOf(regular), 'booked');
    assert.ok(regular.outcome === 'booked');
    const charges = await t.db.selectFrom('reservation_allowance_charges').select(['bucket', 'minutes']).where('reservation_id', '=', regular.reservationId).execute();
    assert.equal(charges.length, 1);
    assert.notEqual(charges[0]?.bucket, 'national');
    assert.equal(charges[0]?.minutes, 120);
  });

  test('not certified on the day of use', async () => {
    const kid = await child(t.db, city, '2025-06-01', { certifiedFrom: '2027-01-01' });
    await approvedForUse(t.db, niji, kid);
    const slotId = await slot(t.db, niji, '2026-12-17', '09:00', '15:00');
    assert.equal(reasonOf(await book(kid, slotId)), 'not-certified');
  });

  test('a child drops out of booking after two days before the third birthday, as certified on approval', async () => {
    // Born 2023-12-20: the third birthday is 2026-12-20, so 2026-12-18 is the last eligible day.
    const birth = '2023-12-20';
    const kid = await child(t.db, city, birth, { certifiedFrom: '2026-04-01', certifiedUntil: eligibilityWindow(birth).until });
    const place = await facility(t.db, city);
    await approvedForUse(t.db, place, kid);
    const lastDay = await slot(t.db, place, '2026-12-18', '09:00', '15:00');
    const dayAfter = await slot(t.db, place, '2026-12-19', '09:00', '15:00');
    assert.equal(reasonOf(await book(kid, lastDay)), 'booked', 'the last eligible day');
    assert.equal(reasonOf(await book(kid, dayAfter)), 'not-certified', 'the day before the third birthday');
  });

  test("age: younger than the facility's youngest age, or three", async () => {
    await t.db.insertInto('facility_offers').values({ facility_id: niji.id, municipality_id: city.id, youngest_age_months: 12 }).execute();
    const slotId = await slot(t.db, niji, '2026-12-18', '09:00', '15:00');
    assert.equal(reasonOf(await book(await approvedChild(niji, '2026-03-01'), slotId)), 'age', '9 months, facility from 1 year');
    assert.equal(reasonOf(await book(await approvedChild(niji, '2023-12-01'), slotId)), 'age', 'three years old');
    await t.db.deleteFrom('facility_offers').where('facility_id', '=', niji.id).execute();
  });

  test('kind not offered: by the facility, or by the slot', async () => {
    const place = await facility(t.db, city);
    await t.db.insertInto('facility_offers').values({ facility_id: place.id, municipality_id: city.id, offers_flexible: false }).execute();
    const kid = await approvedChild(place);
    const any = await slot(t.db, place, '2026-12-21', '09:00', '15:00');
    const interviewsOnly = await slot(t.db, place, '2026-12-22', '09:00', '15:00', { kinds: ['interview'] });
    assert.equal(reasonOf(await book(kid, any, '09:00', '10:00', 'flexible')), 'kind-not-offered');
    assert.equal(reasonOf(await book(kid, interviewsOnly, '09:00', '10:00', 'regular')), 'kind-not-offered');
  });

  test('regular and flexible use need a first interview and the approval that follows', async () => {
    const kid = await child(t.db, city, '2025-06-01');
    const slotId = await slot(t.db, niji, '2026-12-23', '09:00', '15:00');
    assert.equal(reasonOf(await book(kid, slotId, '13:00', '14:00', 'flexible')), 'no-interview');
    const interview = await book(kid, slotId, '09:00', '10:00', 'interview');
    assert.equal(reasonOf(interview), 'booked', 'the first interview itself needs no approval');
    const charged = await t.db.selectFrom('reservation_allowance_charges').select('minutes').where('child_id', '=', kid.id).execute();
    assert.deepEqual(charged, [], 'a first interview draws on no allowance');
    const other = await facility(t.db, city);
    assert.equal(await recordInterviewOutcome(t.db, clock, other.staff, { childId: kid.id, approved: true, reason: '', note: '' }), 'no-interview', 'no interview at that facility');
    assert.equal(await recordInterviewOutcome(t.db, clock, niji.staff, { childId: kid.id, approved: false, reason: '医療的ケアの体制がないため', note: '' }), 'recorded');
    assert.equal(reasonOf(await book(kid, slotId, '13:00', '14:00', 'flexible')), 'not-approved');
    assert.equal(await recordInterviewOutcome(t.db, clock, niji.staff, { childId: kid.id, approved: true, reason: '', note: '再面談で承認' }), 'recorded');
    assert.equal(reasonOf(await book(kid, slotId, '13:00', '14:00', 'flexible')), 'booked');
  });

  test("facility rule: where only named facilities may be used, another facility is refused", async () => {
    const ojiya = await municipality(t.db, { namedFacilityOnly: true });
    const named = await facility(t.db, ojiya, '申請した園');
    const other = await facility(t.db, ojiya, 'ほかの園');
    const kid = await child(t.db, ojiya, '2025-06-01', { namedFacilityId: named.id });
    const namedSlot = await slot(t.db, named, '2026-12-24', '09:00', '15:00');
    const otherSlot = await slot(t.db, other, '2026-12-24', '09:00', '15:00');
    assert.equal(reasonOf(await book(kid, otherSlot, '09:00', '10:00', 'interview')), 'facility-rule');
    assert.equal(reasonOf(await book(kid, namedSlot, '09:00', '10:00', 'interview')), 'booked');
  });

  test('slot gone: unknown, withdrawn, or already begun', async () => {
    const kid = await approvedChild();
    assert.equal(reasonOf(await book(kid, randomUUID())), 'slot-gone');
    const withdrawn = await slot(t.db, niji, '2026-12-25', '09:00', '15:00');
    await t.db.updateTable('slots').set({ withdrawn_at: clock.now() }).where('id', '=', withdrawn).execute();
    assert.equal(reasonOf(await book(kid, withdrawn)), 'slot-gone');
    const past = await slot(t.db, niji, '2026-11-26', '09:00', '15:00');
    assert.equal(reasonOf(await book(kid, past)), 'slot-gone');
  });

  test("a guardian cannot book someone else's child", async () => {
    const kid = await approvedChild();
    const stranger = await approvedChild();
    const slotId = await slot(t.db, niji, '2026-12-28', '09:00', '15:00');
    await assert.rejects(bookSlot(t.db, clock, asGuardian(stranger), request(kid, slotId)), /refused/);
  });
});

describe('cancel and decide', () => {
  test('before 0:00 on the day the hours are freed; from then on it is a late cancellation and keeps them', async () => {
    const small = await municipality(t.db, { allowanceMinutes: 120 });
    const place = await facility(t.db, small);
    const kid = await child(t.db, small, '2025-06-01');
    await approvedForUse(t.db, place, kid);
    const slotId = await slot(t.db, place, '2026-12-03', '09:00', '15:00');
    const later = await slot(t.db, place, '2026-12-04', '09:00', '15:00');
    const booked = await book(kid, slotId, '09:00', '11:00');
    assert.ok(booked.outcome === 'booked');
    assert.deepEqual(await decideReservation(t.db, clock, place.staff, booked.reservationId, 'confirm'), { outcome: 'confirmed' });
    assert.deepEqual(await decideReservation(t.db, clock, place.staff, booked.reservationId, 'decline'), { outcome: 'not-provisional' });

    const lateClock = new TestClock(new Date('2026-12-02T15:00:00Z')); // 0:00 on 3 December in Tokyo
    assert.deepEqual(await cancelReservation(t.db, lateClock, kid.guardianId, booked.reservationId), { outcome: 'late_cancelled' });
    assert.equal(await statusOf(booked.reservationId), 'late_cancelled');
    assert.deepEqual(await cancelReservation(t.db, lateClock, kid.guardianId, booked.reservationId), { outcome: 'not-cancellable' });
    assert.equal(reasonOf(await bookSlot(t.db, lateClock, asGuardian(kid), request(kid, later, '09:00', '10:00'))), 'allowance', 'the late cancellation keeps its 2 hours');
  });

  test("a facility's own deadline: 17:00 the day before", async () => {
    const place = await facility(t.db, city);
    await t.db.insertInto('facility_offers').values({ facility_id: place.id, municipality_id: city.id, cancel_minutes_before_day: 7 * 60 }).execute();
    const kid = await approvedChild(place);
    const slotId = await slot(t.db, place, '2026-12-04', '09:00', '15:00');
    const booked = await book(kid, slotId);
    assert.ok(booked.outcome === 'booked');
    const at1700 = new TestClock(new Date('2026-12-03T08:00:00Z'));
    assert.deepEqual(await cancelReservation(t.db, at1700, kid.guardianId, booked.reservationId), { outcome: 'late_cancelled' });
    const rows = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('subject_id', '=', booked.reservationId).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.action), ['reservation.book', 'reservation.cancel']);
    assert.deepEqual(rows[1]?.detail, { status: 'late_cancelled' });
  });

  test("staff of another facility cannot confirm this facility's booking", async () => {
    const kid = await approvedChild();
    const slotId = await slot(t.db, niji, '2026-12-29', '09:00', '15:00');
    const booked = await book(kid, slotId);
    assert.ok(booked.outcome === 'booked');
    const other = await facility(t.db, city);
    assert.deepEqual(await decideReservation(t.db, clock, other.staff, booked.reservationId, 'confirm'), { outcome: 'not-provisional' });
    assert.equal(await statusOf(booked.reservationId), 'provisional');
  });
});

describe('the database itself', () => {
  test('refuses overlapping live bookings of one child put in without the app', async () => {
    const kid = await approvedChild();
    const slotId = await slot(t.db, niji, '2026-12-30', '09:00', '15:00');
    const row = (start: string, end: string) => ({
      municipality_id: kid.municipalityId,
      facility_id: niji.id,
      child_id: kid.id,
      kind: 'flexible' as const,
      status: 'provisional' as const,
      starts_at: `2026-12-30T${start}:00+09:00`,
      ends_at: `2026-12-30T${end}:00+09:00`,
      slot_id: slotId,
      age_class: 1,
      booked_by: kid.guardianId,
      idempotency_key: randomUUID(),
    });
    await t.db.insertInto('reservations').values(row('09:00', '10:00')).execute();
    await assert.rejects(t.db.insertInto('reservations').values(row('09:30', '10:30')).execute(), (e: { constraint?: string }) => e.constraint === 'reservations_child_no_overlap');
  });

  test('slot generation inserts each slot once', async () => {
    const place = await facility(t.db, city);
    await t.db
      .insertInto('slot_templates')
      .values({ facility_id: place.id, municipality_id: city.id, weekday: 1, start_minute: 540, end_minute: 720, capacity_age0: 1, capacity_age1: 2, capacity_age2: 2, kinds: ['regular', 'flexible'] })
      .execute();
    await t.db.insertInto('facility_closed_days').values({ facility_id: place.id, municipality_id: city.id, date: '2026-01-19' }).execute();
    assert.equal(await insertGeneratedSlots(t.db, place.id, CalendarDate.from('2026-01-05'), 4), 2, '5 and 26 January (12th a holiday, 19th closed)');
    assert.equal(await insertGeneratedSlots(t.db, place.id, CalendarDate.from('2026-01-05'), 4), 0);
    const dates = await t.db.selectFrom('slots').select('date').where('facility_id', '=', place.id).orderBy('date').execute();
    assert.deepEqual(dates.map((d) => d.date), ['2026-01-05', '2026-01-26']);
  });
});
