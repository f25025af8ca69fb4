// The late pick-up rule is a municipality setting that changes from a month on: a use is charged
// by the rule in effect in its own month (the facility's municipality's settings).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../../src/platform/clock.ts';
import { CalendarDate, DateRange } from '../../src/platform/time.ts';
import { usesAtFacility } from '../../src/fees/queries.ts';
import { municipalitySettingsFor, saveSettingsChange } from '../../src/municipalities/settings-queries.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { child, facility, municipality, slot } from '../reservations/world.ts';

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase();
});
after(() => t?.close());

test('30 minutes late: 1 hour under the guide’s rule in December, 30 minutes under “actual” from January', async () => {
  const city = await municipality(t.db);
  const place = await facility(t.db, city, '遅れテスト保育園');
  const kid = await child(t.db, city, '2025-06-01');
  const january = CalendarDate.from('2027-01-01');
  const clock = new TestClock(new Date('2026-11-27T00:00:00Z'));
  const base = await municipalitySettingsFor(t.db, city.id, january);
  assert.equal(base.latePickupRule, 'guide');
  assert.equal((await saveSettingsChange(t.db, clock, { id: place.staff.id, municipalityId: city.id }, january, { ...base, latePickupRule: 'actual' })).outcome, 'saved');
  for (const date of ['2026-12-10', '2027-01-12']) {
    const slotId = await slot(t.db, place, date, '09:00', '12:00');
    const { id } = await t.db
      .insertInto('reservations')
      .values({ municipality_id: city.id, facility_id: place.id, child_id: kid.id, kind: 'flexible', status: 'confirmed', starts_at: `${date}T09:00:00+09:00`, ends_at: `${date}T10:00:00+09:00`, slot_id: slotId, age_class: 1, booked_by: kid.guardianId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('attendances')
      .values({ reservation_id: id, municipality_id: city.id, facility_id: place.id, child_id: kid.id, checked_in_at: new Date(`${date}T09:00:00+09:00`), checked_out_at: new Date(`${date}T10:30:00+09:00`), updated_at: new Date(`${date}T10:30:00+09:00`) })
      .execute();
  }
  const uses = await usesAtFacility(t.db, place.id, DateRange.of(CalendarDate.from('2026-12-01'), CalendarDate.from('2027-01-31')));
  assert.deepEqual(
    uses.map((u) => [u.booked.date.toString(), u.charge.lateMinutes, u.charge.extraMinutes]),
    [
      ['2026-12-10', 30, 60],
      ['2027-01-12', 30, 30],
    ],
  );
});
