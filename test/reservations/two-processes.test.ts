// The same races as concurrency.test.ts, but through real HTTP against TWO server processes
// (src/main.ts, as `npm start` runs it) on one PostgreSQL schema, the requests split between
// them and sent at once: nothing in one process's memory may decide a place or an hour. Each
// guardian has a login session of their own and the CSRF token of a page they opened. The
// assertions are on the rows in the database, and every answer must be a booking (303) or a
// refusal (409). PostgreSQL only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { systemClock } from '../../src/platform/clock.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServerProcesses, type ServerProcess } from '../helpers/server-process.ts';
import { HttpGuardian, clientAddress, closeGuardianConnections, pickupPerson, signInDirectly, type BookingAnswer } from './http-guardians.ts';
import { approvedForUse, child, facility, municipality, slot, type Municipality } from './world.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const skip = databaseUrl ? false : 'two server processes need PostgreSQL: set TEST_DATABASE_URL';

let t: TestDatabase | undefined;
let servers: ServerProcess[] = [];
let city: Municipality;

// The real clock (the servers run on it): every date is in next month, so always ahead.
const today = CalendarDate.today(systemClock);
const nextMonth = today.firstOfMonth().addMonths(1);
const certification = { certifiedFrom: today.firstOfMonth().addMonths(-1).toString(), certifiedUntil: nextMonth.addMonths(3).toString() };
/** One year and a half old on every day of next month: 1歳. */
const birthDate = nextMonth.addMonths(-18).toString();

before(async () => {
  if (!databaseUrl) return;
  t = await openTestDatabase();
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(t.db)).rows[0]!.schema;
  // A municipality before the servers start, so they find the database in use and seed no samples.
  city = await municipality(t.db, { allowanceMinutes: 600 });
  // X-Forwarded-For from loopback is believed: each guardian is a client address of their own.
  servers = await startServerProcesses(2, { databaseUrl, schema, env: { TRUST_PROXY: 'loopback' } });
});

after(async () => {
  closeGuardianConnections();
  await Promise.allSettled(servers.map((s) => s.stop()));
  await t?.close();
});

/** Status → how many; a failure message shows this and the servers' last lines. */
function tally(answers: BookingAnswer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

function bookedIds(answers: BookingAnswer[]): string[] {
  return answers.flatMap((a) => {
    const match = a.status === 303 ? /^\/reservations\/([0-9a-f-]{36})\/done$/.exec(a.location ?? '') : null;
    return match ? [match[1]!] : [];
  });
}

/** The answers, and what the servers wrote apart from their request log, for a failure message. */
function explain(answers: BookingAnswer[]): string {
  const quiet = (line: string) => /"msg":"(incoming request|request completed)"/.test(line);
  const logs = servers.map((s, i) => `--- server ${i + 1} (pid ${s.pid}) ---\n${s.output().split('\n').filter((l) => !quiet(l)).slice(-20).join('\n')}`);
  return [`answers: ${JSON.stringify(tally(answers))}`, ...logs].join('\n');
}

describe('bookings through two server processes on one PostgreSQL', { skip }, () => {
  test('100 guardians at once, half on each process, for 3 places for 1-year-olds: exactly 3 bookings', async () => {
    const db = t!.db;
    const place = await facility(db, city);
    const day = nextMonth.addDays(6).toString();
    const slotId = await slot(db, place, day, '09:00', '15:00', { capacity: [5, 3, 5] });
    const kids = [];
    for (let i = 0; i < 100; i++) {
      const kid = await child(db, city, birthDate, certification);
      await approvedForUse(db, place, kid);
      kids.push({ ...kid, pickup: await pickupPerson(db, kid) });
    }
    const tokens = await signInDirectly(db, kids.map((k) => k.guardianId));
    const guardians = kids.map((_, i) => new HttpGuardian(servers[i % servers.length]!.baseUrl, tokens[i]!, clientAddress(i + 1)));
    await Promise.all(guardians.map((g) => g.open()));

    const answers = await Promise.all(
      kids.map((kid, i) => guardians[i]!.book({ facilityId: place.id, childId: kid.id, kind: 'flexible', slotId, start: '09:00', end: '10:00', pickup: kid.pickup })),
    );

    assert.deepEqual(tally(answers), { 303: 3, 409: 97 }, explain(answers));
    const rows = await db.selectFrom('reservations').select(['id', 'age_class', 'status']).where('slot_id', '=', slotId).execute();
    assert.equal(rows.filter((r) => r.status === 'provisional' || r.status === 'confirmed').length, 3, 'exactly 3 places taken');
    assert.equal(rows.length, 3, 'no other rows for the slot');
    assert.ok(rows.every((r) => r.age_class === 1));
    assert.deepEqual(new Set(bookedIds(answers)), new Set(rows.map((r) => r.id)), 'each 303 names a booking in the database');
    // Both processes booked or refused: the race really was between them.
    const perServer = servers.map((s) => answers.filter((_, i) => guardians[i]!.baseUrl === s.baseUrl).length);
    assert.deepEqual(perServer, [50, 50]);
  });

  test('50 requests at once for one child at two facilities, 50 hours against a 10-hour month: exactly 10 hours charged', async () => {
    const db = t!.db;
    const [a, b] = [await facility(db, city, 'A園'), await facility(db, city, 'B園')];
    const kid = await child(db, city, birthDate, certification);
    await approvedForUse(db, a, kid);
    await approvedForUse(db, b, kid);
    const pickup = await pickupPerson(db, kid);
    const requests = [];
    for (let i = 0; i < 50; i++) {
      const place = i % 2 === 0 ? a : b;
      const day = nextMonth.addDays(Math.floor(i / 2)).toString();
      // Facility A in the morning, B after lunch: no two requests overlap in time.
      const [from, to] = place === a ? ['09:00', '10:00'] : ['13:00', '14:00'];
      requests.push({ facilityId: place.id, slotId: await slot(db, place, day, from, to), start: from, end: to });
    }
    const [token] = await signInDirectly(db, [kid.guardianId]);
    // One guardian, signed in once, with a browser tab open on each process.
    const tabs = servers.map((s) => new HttpGuardian(s.baseUrl, token!, clientAddress(1000)));
    for (const tab of tabs) await tab.open();

    const answers = await Promise.all(
      requests.map((r, i) => tabs[i % tabs.length]!.book({ facilityId: r.facilityId, childId: kid.id, kind: 'flexible', slotId: r.slotId, start: r.start, end: r.end, pickup })),
    );

    assert.deepEqual(tally(answers), { 303: 10, 409: 40 }, explain(answers));
    const rows = await db
      .selectFrom('reservations')
      .select(['id', 'starts_at', 'ends_at'])
      .where('child_id', '=', kid.id)
      .where('status', 'in', ['provisional', 'confirmed'])
      .execute();
    const bookedMinutes = rows.reduce((sum, r) => sum + (r.ends_at.getTime() - r.starts_at.getTime()) / 60_000, 0);
    assert.equal(bookedMinutes, 600, 'booked minutes: exactly the allowance, never more');
    const charged = await db
      .selectFrom('reservation_allowance_charges')
      .select((eb) => eb.fn.sum<string>('minutes').as('minutes'))
      .where('child_id', '=', kid.id)
      .where('month', '=', nextMonth.toString())
      .executeTakeFirstOrThrow();
    assert.equal(Number(charged.minutes), 600, 'charged minutes: exactly the allowance, never more');
    assert.deepEqual(new Set(bookedIds(answers)), new Set(rows.map((r) => r.id)));
    assert.ok(new Set(rows.map((r) => r.id)).size === 10);
  });

  test('the same form sent 20 times at once through both processes (a double submit): one booking', async () => {
    const db = t!.db;
    const place = await facility(db, city);
    const slotId = await slot(db, place, nextMonth.addDays(9).toString(), '09:00', '15:00');
    const kid = await child(db, city, birthDate, certification);
    await approvedForUse(db, place, kid);
    const pickup = await pickupPerson(db, kid);
    const [token] = await signInDirectly(db, [kid.guardianId]);
    const tabs = servers.map((s) => new HttpGuardian(s.baseUrl, token!, clientAddress(2000)));
    for (const tab of tabs) await tab.open();
    const idempotency = randomUUID();

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => tabs[i % tabs.length]!.book({ facilityId: place.id, childId: kid.id, kind: 'flexible', slotId, start: '10:00', end: '11:30', pickup, idempotency })),
    );

    const rows = await db.selectFrom('reservations').select('id').where('child_id', '=', kid.id).execute();
    assert.equal(rows.length, 1, 'one booking');
    assert.deepEqual(tally(answers), { 303: 20 }, explain(answers));
    assert.deepEqual(new Set(bookedIds(answers)), new Set([rows[0]!.id]), 'every answer leads to the one booking');
  });
});
