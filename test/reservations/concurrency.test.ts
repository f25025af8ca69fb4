// Races on PostgreSQL (several connections of one pool, as several app processes would be): the
// last places of a slot and the last hours of a child's month go to exactly as many requests as
// they can hold. PGlite has one connection, so there is nothing to race there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TestClock } from '../../src/platform/clock.ts';
import { bookSlot, type BookingResult } from '../../src/reservations/queries.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { approvedForUse, child, facility, municipality, slot } from './world.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const skip = onPostgres ? false : 'concurrency needs PostgreSQL: set TEST_DATABASE_URL';

let t: TestDatabase;
const clock = new TestClock(new Date('2026-11-27T00:00:00Z'));
before(async () => {
  if (onPostgres) t = await openTestDatabase();
});
after(() => t?.close());

function tally(results: BookingResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const key = r.outcome === 'booked' ? 'booked' : r.reason;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('concurrent bookings on PostgreSQL', { skip }, () => {
  test('100 one-year-olds at once for 3 places for 1-year-olds: exactly 3 booked', async () => {
    const city = await municipality(t.db);
    const place = await facility(t.db, city);
    const slotId = await slot(t.db, place, '2026-12-07', '09:00', '15:00', { capacity: [5, 3, 5] });
    const children = [];
    for (let i = 0; i < 100; i++) {
      const kid = await child(t.db, city, '2025-06-01');
      await approvedForUse(t.db, place, kid);
      children.push(kid);
    }
    const results = await Promise.all(
      children.map((kid) =>
        bookSlot(t.db, clock, { id: kid.guardianId, role: 'guardian' }, { slotId, childId: kid.id, kind: 'flexible', startMinute: 540, endMinute: 600, idempotencyKey: randomUUID() }),
      ),
    );
    assert.deepEqual(tally(results), { booked: 3, full: 97 });
    const rows = await t.db.selectFrom('reservations').select('age_class').where('slot_id', '=', slotId).where('status', 'in', ['provisional', 'confirmed']).execute();
    assert.equal(rows.length, 3);
  });

  test('50 requests at once for one child at two facilities, 50 hours against a 10-hour month: 10 hours booked', async () => {
    const city = await municipality(t.db, { allowanceMinutes: 600 });
    const [a, b] = [await facility(t.db, city, 'A園'), await facility(t.db, city, 'B園')];
    const kid = await child(t.db, city, '2025-06-01');
    await approvedForUse(t.db, a, kid);
    await approvedForUse(t.db, b, kid);
    const requests = [];
    for (let i = 0; i < 50; i++) {
      const place = i % 2 === 0 ? a : b;
      const date = `2026-12-${String(1 + Math.floor(i / 2)).padStart(2, '0')}`;
      // Facility A in the morning, B after lunch: no two requests overlap in time.
      const [from, to, start] = place === a ? ['09:00', '10:00', 540] : ['13:00', '14:00', 780];
      requests.push({ slotId: await slot(t.db, place, date, from, to), start });
    }
    const results = await Promise.all(
      requests.map((r) =>
        bookSlot(t.db, clock, { id: kid.guardianId, role: 'guardian' }, { slotId: r.slotId, childId: kid.id, kind: 'flexible', startMinute: r.start, endMinute: r.start + 60, idempotencyKey: randomUUID() }),
      ),
    );
    assert.deepEqual(tally(results), { booked: 10, allowance: 40 });
    const rows = await t.db.selectFrom('reservations').select(['starts_at', 'ends_at']).where('child_id', '=', kid.id).where('status', 'in', ['provisional', 'confirmed']).execute();
    const bookedMinutes = rows.reduce((sum, r) => sum + (r.ends_at.getTime() - r.starts_at.getTime()) / 60_000, 0);
    assert.equal(bookedMinutes, 600, 'booked minutes never exceed the allowance');
    const charged = await t.db.selectFrom('reservation_allowance_charges').select((eb) => eb.fn.sum<string>('minutes').as('minutes')).where('child_id', '=', kid.id).executeTakeFirstOrThrow();
    assert.equal(Number(charged.minutes), 600);
  });
});
