// The allowance a booking draws on is the one in effect for the month of use: a change recorded
// for January leaves December as it was, and January's bookings are allocated by the new national
// figure and the new bucket (bookSlot, allowanceOf). PGlite, or PostgreSQL with TEST_DATABASE_URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TestClock } from '../../src/platform/clock.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { allowanceOf, bookSlot, type BookingRequest } from '../../src/reservations/queries.ts';
import { municipalitySettingsFor, saveSettingsChange } from '../../src/municipalities/settings-queries.ts';
import { bookingRule } from '../../src/facilities/queries.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { approvedForUse, child, facility, municipality, slot, type Child } from '../reservations/world.ts';

let t: TestDatabase;
const clock = new TestClock(new Date('2026-11-27T00:00:00Z'));
before(async () => {
  t = await openTestDatabase();
});
after(() => t?.close());

function request(kid: Child, slotId: string, start: string, end: string, kind: BookingRequest['kind']): BookingRequest {
  const minute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return { slotId, childId: kid.id, kind, startMinute: minute(start), endMinute: minute(end), idempotencyKey: randomUUID() };
}

test('bookings follow the allowance in effect for their month', async () => {
  const city = await municipality(t.db, { allowanceMinutes: 600 });
  const niji = await facility(t.db, city, 'にじいろ保育園');
  const kid = await child(t.db, city, '2025-06-01');
  await approvedForUse(t.db, niji, kid);
  const january = CalendarDate.from('2027-01-01');
  const bucketId = randomUUID();
  const base = await municipalitySettingsFor(t.db, city.id, january);
  const saved = await saveSettingsChange(t.db, clock, { id: niji.staff.id, municipalityId: city.id }, january, {
    ...base,
    monthlyAllowanceMinutes: 180,
    buckets: [{ id: bucketId, name: '市立施設の定期利用', minutesPerMonth: 60, kinds: ['regular'], ownFacilitiesOnly: true }],
  });
  assert.equal(saved.outcome, 'saved');
  const book = (slotId: string, start: string, end: string, kind: BookingRequest['kind']) => bookSlot(t.db, clock, { id: kid.guardianId, role: 'guardian' }, request(kid, slotId, start, end, kind));

  // December: still 10 hours.
  const december = await slot(t.db, niji, '2026-12-07', '09:00', '15:00');
  assert.equal((await book(december, '09:00', '13:00', 'flexible')).outcome, 'booked');
  assert.equal((await allowanceOf(t.db, kid.id, CalendarDate.from('2026-12-07'))).totalMinutes, 600);

  // January: 3 hours national, and 1 hour for regular use at the city's own facilities.
  const jan12 = await slot(t.db, niji, '2027-01-12', '09:00', '15:00');
  const refused = await book(jan12, '09:00', '13:00', 'flexible');
  assert.deepEqual(refused, { outcome: 'refused', reason: 'allowance' });
  const three = await book(jan12, '09:00', '12:00', 'flexible');
  assert.equal(three.outcome, 'booked');
  const jan13 = await slot(t.db, niji, '2027-01-13', '09:00', '15:00');
  const regular = await book(jan13, '09:00', '10:00', 'regular');
  assert.equal(regular.outcome, 'booked');
  assert.ok(regular.outcome === 'booked');
  const charges = await t.db.selectFrom('reservation_allowance_charges').select(['bucket', 'minutes', 'month']).where('reservation_id', '=', regular.reservationId).execute();
  assert.deepEqual(charges, [{ bucket: bucketId, minutes: 60, month: '2027-01-01' }]);
  assert.deepEqual((await book(jan13, '10:00', '11:00', 'regular')), { outcome: 'refused', reason: 'allowance' });

  const meter = await allowanceOf(t.db, kid.id, CalendarDate.from('2027-01-20'));
  assert.equal(meter.totalMinutes, 240);
  assert.equal(meter.usedMinutes, 240);
  assert.deepEqual(meter.buckets.map((b) => [b.name, b.minutesPerMonth, b.usedMinutes]), [[undefined, 180, 180], ['市立施設の定期利用', 60, 60]]);
});

test('申請した施設のみ利用可 switched on from January refuses January at another facility, not December', async () => {
  const city = await municipality(t.db, { allowanceMinutes: 600 });
  const named = await facility(t.db, city, '申請した保育園');
  const other = await facility(t.db, city, 'ほかの保育園');
  const kid = await child(t.db, city, '2025-06-01', { namedFacilityId: named.id });
  await approvedForUse(t.db, other, kid);
  await approvedForUse(t.db, named, kid);
  const january = CalendarDate.from('2027-01-01');
  const base = await municipalitySettingsFor(t.db, city.id, january);
  assert.equal(base.namedFacilityOnly, false);
  assert.equal((await saveSettingsChange(t.db, clock, { id: other.staff.id, municipalityId: city.id }, january, { ...base, namedFacilityOnly: true })).outcome, 'saved');
  const book = (slotId: string) => bookSlot(t.db, clock, { id: kid.guardianId, role: 'guardian' }, request(kid, slotId, '09:00', '10:00', 'flexible'));

  assert.equal((await book(await slot(t.db, other, '2026-12-08', '09:00', '12:00'))).outcome, 'booked', 'December: any facility');
  assert.deepEqual(await book(await slot(t.db, other, '2027-01-08', '09:00', '12:00')), { outcome: 'refused', reason: 'facility-rule' });
  assert.equal((await book(await slot(t.db, named, '2027-01-08', '09:00', '12:00'))).outcome, 'booked', 'January: the named facility still');

  // The facility search marks what booking will do: no rule in December, the named facility from January.
  const guardian = { id: kid.guardianId, municipalityId: city.id };
  assert.deepEqual(await bookingRule(t.db, guardian, CalendarDate.from('2026-12-31')), { kind: 'open' });
  const inJanuary = await bookingRule(t.db, guardian, CalendarDate.from('2027-01-01'));
  assert.equal(inJanuary.kind, 'named');
  assert.deepEqual(inJanuary.kind === 'named' ? inJanuary.facilities.map((f) => f.id) : [], [named.id]);
});
