// Unique and exclusion violations become a Conflict named by its constraint, on PGlite and on
// PostgreSQL alike (run with and without TEST_DATABASE_URL); serialization failures are retried.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { conflictAs, conflictOf, mayRetry, retryingTransaction } from '../../src/platform/db-errors.ts';
import type { Db } from '../../src/platform/database.ts';
import { seedSampleData } from '../../src/seed.ts';
import { CalendarDate, TimeRange } from '../../src/platform/time.ts';
import { createStaffLogin } from '../../src/facilities/municipality-queries.ts';

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase();
  // A unique constraint, a unique index on an expression, and an exclusion constraint on a time
  // range (gist on tstzrange needs no btree_gist, so it exists on PGlite too).
  await sql`
    create table conflict_probe (
      id serial primary key,
      code text constraint conflict_probe_code unique,
      email text,
      room text,
      during tstzrange,
      constraint conflict_probe_no_overlap exclude using gist (during with &&),
      constraint conflict_probe_room check (room <> '')
    )`.execute(t.db);
  await sql`create unique index conflict_probe_email on conflict_probe (lower(email))`.execute(t.db);
});
after(() => t?.close());

const day = CalendarDate.from('2026-01-13');

function insertBooking(db: Db, range: TimeRange) {
  return sql`insert into conflict_probe (during) values (tstzrange(${range.start}, ${range.end}, '[)'))`.execute(db);
}

async function errorOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  assert.fail('expected the database to refuse');
}

async function probeCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from conflict_probe`.execute(t.db);
  return rows[0]?.n ?? 0;
}

describe('conflictOf', () => {
  test('a unique constraint: kind unique, with the constraint name', async () => {
    await sql`insert into conflict_probe (code) values ('A-1')`.execute(t.db);
    const error = await errorOf(sql`insert into conflict_probe (code) values ('A-1')`.execute(t.db));
    assert.deepEqual(conflictOf(error), { kind: 'unique', constraint: 'conflict_probe_code' });
  });

  test('a unique index on an expression is named by the index', async () => {
    await sql`insert into conflict_probe (email) values ('Hanako@example.jp')`.execute(t.db);
    const error = await errorOf(sql`insert into conflict_probe (email) values ('hanako@EXAMPLE.jp')`.execute(t.db));
    assert.deepEqual(conflictOf(error), { kind: 'unique', constraint: 'conflict_probe_email' });
  });

  test('an exclusion constraint: overlapping time ranges are refused as kind exclusion', async () => {
    await insertBooking(t.db, TimeRange.of(day, 9 * 60, 10 * 60));
    const error = await errorOf(insertBooking(t.db, TimeRange.of(day, 9 * 60 + 30, 11 * 60)));
    assert.deepEqual(conflictOf(error), { kind: 'exclusion', constraint: 'conflict_probe_no_overlap' });
    // Back to back is no overlap ([) ranges, as TimeRange.overlaps says).
    await insertBooking(t.db, TimeRange.of(day, 10 * 60, 11 * 60));
  });

  test('other errors are no conflict', async () => {
    assert.equal(conflictOf(await errorOf(sql`insert into conflict_probe (room) values ('')`.execute(t.db))), undefined); // check violation
    assert.equal(conflictOf(await errorOf(sql`select * from no_such_table`.execute(t.db))), undefined);
    assert.equal(conflictOf(new Error('duplicate key')), undefined);
    assert.equal(conflictOf(undefined), undefined);
    assert.equal(conflictOf('23505'), undefined);
  });
});

describe('conflictAs', () => {
  test('gives the answer named for the constraint, and the transaction is rolled back', async () => {
    const before = await probeCount();
    const result = await conflictAs(
      t.db.transaction().execute(async (tx) => {
        await sql`insert into conflict_probe (code) values ('B-1')`.execute(tx);
        await sql`insert into conflict_probe (code) values ('B-1')`.execute(tx);
        return 'inserted' as const;
      }),
      { conflict_probe_code: 'code-taken' as const },
    );
    assert.equal(result, 'code-taken');
    assert.equal(await probeCount(), before, 'the first insert went with the transaction');
  });

  test('an exclusion conflict answered by name', async () => {
    const result = await conflictAs(insertBooking(t.db, TimeRange.of(day, 8 * 60, 9 * 60 + 1)).then(() => 'booked'), {
      conflict_probe_no_overlap: 'slot-taken',
    });
    assert.equal(result, 'slot-taken');
  });

  test('the work’s own value when nothing conflicts', async () => {
    const result = await conflictAs(insertBooking(t.db, TimeRange.of(day, 13 * 60, 14 * 60)).then(() => 'booked'), { conflict_probe_no_overlap: 'slot-taken' });
    assert.equal(result, 'booked');
  });

  test('a conflict on a constraint it was not told about, and any other error, is thrown as it is', async () => {
    const unnamed = await errorOf(conflictAs(sql`insert into conflict_probe (code) values ('A-1')`.execute(t.db), { conflict_probe_no_overlap: 'slot-taken' }));
    assert.deepEqual(conflictOf(unnamed), { kind: 'unique', constraint: 'conflict_probe_code' });
    const check = await errorOf(conflictAs(sql`insert into conflict_probe (room) values ('')`.execute(t.db), { conflict_probe_room: 'never' }));
    assert.equal((check as { code?: string }).code, '23514');
    // Names are looked up as own keys only.
    const inherited = await errorOf(conflictAs(sql`insert into conflict_probe (code) values ('A-1')`.execute(t.db), Object.create({ conflict_probe_code: 'x' }) as Record<string, string>));
    assert.equal(conflictOf(inherited)?.constraint, 'conflict_probe_code');
  });

  test('a facility staff login race: exactly one created, the others told the address is taken', async () => {
    await seedSampleData(t.db);
    const clock = new TestClock(new Date('2026-11-26T01:00:00Z'));
    const facility = await t.db.selectFrom('facilities').select(['id', 'municipality_id']).orderBy('name').executeTakeFirstOrThrow();
    const staff = await t.db.selectFrom('users').select('id').where('role', '=', 'municipality_staff').where('municipality_id', '=', facility.municipality_id).executeTakeFirstOrThrow();
    // Open the pool's connections first, so the eight transactions really run side by side.
    await Promise.all(Array.from({ length: 8 }, () => sql`select 1`.execute(t.db)));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createStaffLogin(t.db, clock, 'http://localhost', { id: staff.id, municipalityId: facility.municipality_id }, facility.id, {
          displayName: `職員 ${i}`,
          email: i % 2 ? 'race@example.jp' : 'RACE@example.jp',
        }),
      ),
    );
    assert.equal(results.filter((r) => r.kind === 'created').length, 1, JSON.stringify(results));
    assert.equal(results.filter((r) => r.kind === 'email-taken').length, 7, JSON.stringify(results));
    const rows = await t.db.selectFrom('users').select('id').where(sql`lower(email)`, '=', 'race@example.jp').execute();
    assert.equal(rows.length, 1);
  });
});

describe('mayRetry and retryingTransaction', () => {
  test('a conflict is not a reason to retry; it is thrown at once', async () => {
    let attempts = 0;
    const error = await errorOf(
      retryingTransaction(async () => {
        attempts += 1;
        await sql`insert into conflict_probe (code) values ('A-1')`.execute(t.db);
      }),
    );
    assert.equal(mayRetry(error), false);
    assert.equal(attempts, 1);
  });

  test('gives up after the attempts allowed', async () => {
    let attempts = 0;
    const error = await errorOf(
      retryingTransaction(async () => {
        attempts += 1;
        throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      }, 3),
    );
    assert.equal((error as { code?: string }).code, '40001');
    assert.equal(attempts, 3);
  });

  test(
    'two serializable transactions that each read what the other writes: the loser fails with 40001 and succeeds when run again',
    { skip: process.env.TEST_DATABASE_URL ? false : 'PGlite has one connection, so its transactions never run at the same time' },
    async () => {
      await sql`create table retry_probe (label text)`.execute(t.db);
      const deferred = () => {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        return { promise, resolve };
      };
      const firstRead = deferred();
      const secondRead = deferred();
      const firstDone = deferred();
      const countAndAdd = async (tx: Db, label: string) => {
        await sql`select count(*) from retry_probe`.execute(tx);
        return async () => void (await sql`insert into retry_probe (label) values (${label})`.execute(tx));
      };
      const first = t.db
        .transaction()
        .setIsolationLevel('serializable')
        .execute(async (tx) => {
          const add = await countAndAdd(tx, 'first');
          firstRead.resolve();
          await secondRead.promise;
          await add();
        })
        .finally(() => firstDone.resolve());
      let attempts = 0;
      const errors: unknown[] = [];
      const second = retryingTransaction(async () => {
        attempts += 1;
        try {
          await t.db
            .transaction()
            .setIsolationLevel('serializable')
            .execute(async (tx) => {
              await firstRead.promise;
              const add = await countAndAdd(tx, 'second');
              if (attempts === 1) {
                secondRead.resolve();
                await firstDone.promise;
              }
              await add();
            });
        } catch (error) {
          errors.push(error);
          throw error;
        }
      });
      await Promise.all([first, second]);
      assert.equal(attempts, 2);
      assert.equal((errors[0] as { code?: string }).code, '40001');
      assert.ok(mayRetry(errors[0]));
      const { rows } = await sql<{ label: string }>`select label from retry_probe order by label`.execute(t.db);
      assert.deepEqual(rows.map((r) => r.label), ['first', 'second']);
    },
  );
});
