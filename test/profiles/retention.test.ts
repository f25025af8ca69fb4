// Retention: a child's profile, health, allergies, emergency contacts and pick-up persons are
// deleted once its certification ended more than RETENTION_YEARS ago; its bookings stay (with the
// pick-up person blanked). The daily job runs once per Tokyo day however many processes try.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { ConfigError, readConfig } from '../../src/platform/config.ts';
import { runDailyJob } from '../../src/platform/daily-jobs.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { retentionCutoff, retentionJob } from '../../src/profiles/retention.ts';
import { child as childOf, facility as facilityIn, municipality as newMunicipality, slot as slotAt, type Child } from '../reservations/world.ts';

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase();
});
after(() => t.close());

async function withProfile(kid: Child, until: string): Promise<void> {
  const m = { child_id: kid.id, municipality_id: kid.municipalityId };
  await t.db.updateTable('children').set({ certification_valid_until: until }).where('id', '=', kid.id).execute();
  await t.db.insertInto('child_profiles').values({ ...m, sex: 'female', allergy_severity: 'severe', allergy_notes: '卵', epinephrine_auto_injector: true }).execute();
  await t.db.insertInto('child_allergens').values({ ...m, allergen: 'egg' }).execute();
  await t.db.insertInto('child_emergency_contacts').values({ ...m, position: 1, name: '緊急 連絡', relationship: '祖母', phone: '090-0000-0001' }).execute();
  await t.db.insertInto('child_pickup_persons').values({ ...m, position: 1, name: 'お迎え 太郎', relationship: '祖父', phone: '090-0000-0002' }).execute();
}

async function remaining(kid: Child) {
  const of = async (table: 'child_profiles' | 'child_allergens' | 'child_emergency_contacts' | 'child_pickup_persons') =>
    (await t.db.selectFrom(table).select('child_id').where('child_id', '=', kid.id).execute()).length;
  return { profiles: await of('child_profiles'), allergens: await of('child_allergens'), contacts: await of('child_emergency_contacts'), pickups: await of('child_pickup_persons') };
}

describe('retention of children’s personal data', () => {
  test('the cut-off is the same day RETENTION_YEARS earlier (29 February falls back to the 28th)', () => {
    assert.equal(retentionCutoff(CalendarDate.from('2031-11-27'), 5).toString(), '2026-11-27');
    assert.equal(retentionCutoff(CalendarDate.from('2033-02-28'), 5).toString(), '2028-02-28');
  });

  test('deletes the profile of a child whose certification ended more than 5 years ago, keeps the rest and the bookings; once a day', async () => {
    const city = await newMunicipality(t.db);
    const place = await facilityIn(t.db, city);
    const old = await childOf(t.db, city, '2024-01-10');
    const recent = await childOf(t.db, city, '2024-01-10');
    await withProfile(old, '2026-11-26');
    await withProfile(recent, '2026-11-27');
    const slotId = await slotAt(t.db, place, '2026-06-01', '09:00', '12:00');
    const { id: bookingId } = await t.db
      .insertInto('reservations')
      .values({ municipality_id: city.id, facility_id: place.id, child_id: old.id, kind: 'flexible', status: 'confirmed', starts_at: '2026-06-01T09:00:00+09:00', ends_at: '2026-06-01T10:00:00+09:00', slot_id: slotId, age_class: 2, booked_by: old.guardianId, pickup_name: 'お迎え 太郎', pickup_relationship: '祖父', pickup_phone: '090-0000-0002' })
      .returning('id')
      .executeTakeFirstOrThrow();

    const clock = new TestClock(new Date('2031-11-27T00:30:00+09:00'));
    const result = await runDailyJob(t.db, clock, retentionJob(5));
    assert.ok(result, 'the job ran');
    assert.ok((result.childProfiles ?? 0) >= 1 && (result.bookingsBlanked ?? 0) >= 1, JSON.stringify(result));
    assert.deepEqual(await remaining(old), { profiles: 0, allergens: 0, contacts: 0, pickups: 0 }, 'ended 26 November 2026: more than 5 years ago');
    assert.deepEqual(await remaining(recent), { profiles: 1, allergens: 1, contacts: 1, pickups: 1 }, 'ended 27 November 2026: exactly 5 years, kept');
    const booking = await t.db.selectFrom('reservations').select(['status', 'pickup_name', 'pickup_phone', 'child_id']).where('id', '=', bookingId).executeTakeFirstOrThrow();
    assert.deepEqual(booking, { status: 'confirmed', pickup_name: '', pickup_phone: '', child_id: old.id }, 'the record of use stays');
    const child = await t.db.selectFrom('children').select('name').where('id', '=', old.id).executeTakeFirstOrThrow();
    assert.equal(child.name, 'テスト こども', 'the child’s name stays for the records kept');

    assert.equal(await runDailyJob(t.db, clock, retentionJob(5)), undefined, 'the same day again: nothing');
    clock.set('2031-11-28T00:30:00+09:00');
    assert.ok(await runDailyJob(t.db, clock, retentionJob(5)), 'the next day it runs again');
    assert.deepEqual(await remaining(recent), { profiles: 0, allergens: 0, contacts: 0, pickups: 0 }, 'now more than 5 years');
  });

  test('many processes trying at once run it once', async () => {
    const clock = new TestClock(new Date('2040-01-01T09:00:00+09:00'));
    const results = await Promise.all(Array.from({ length: 5 }, () => runDailyJob(t.db, clock, retentionJob(5))));
    assert.equal(results.filter((r) => r !== undefined).length, 1);
    const runs = await t.db.selectFrom('daily_job_runs').select('day').where('day', '=', '2040-01-01').execute();
    assert.equal(runs.length, 1);
  });

  test('a failing job leaves the day unclaimed, so it runs again', async () => {
    const clock = new TestClock(new Date('2041-01-01T09:00:00+09:00'));
    const failing = { name: 'retention.child_profiles', run: async () => { throw new Error('disk full'); } };
    await assert.rejects(runDailyJob(t.db, clock, failing), /disk full/);
    assert.ok(await runDailyJob(t.db, clock, retentionJob(5)));
  });

  test('RETENTION_YEARS below 5 is refused at start-up', () => {
    assert.throws(() => readConfig({ RETENTION_YEARS: '3' }), ConfigError);
    assert.equal(readConfig({ RETENTION_YEARS: '7' }).retentionYears, 7);
    assert.equal(readConfig({}).retentionYears, 5);
  });
});
