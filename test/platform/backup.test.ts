// Backups (docs/operations.md, "Backups and restore"): a Tsuen database dumped with
// `pg_dump --format=custom` restores with `pg_restore --exit-on-error`, nearest-facility index and
// all, and the search works on the copy. pg_dump needs a PostgreSQL server, so this part runs only
// with TEST_DATABASE_URL; it makes two databases of its own on that server and drops them after.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { type DatabaseHandle, type Db, migrateToLatest, openDatabase } from '../../src/platform/database.ts';
import { seedReferenceData, seedSampleData } from '../../src/seed.ts';
import { nearestFacilities, nearestFacilitiesQuery } from '../../src/facilities/queries.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';

const run = promisify(execFile);
const serverUrl = process.env.TEST_DATABASE_URL;

/** 小千谷市役所, the starting point 現在地から探す offers a guardian of 小千谷市. */
const OJIYA_OFFICE = { latitude: 37.3144, longitude: 138.7953 };
/** Generated facilities beside the six samples, enough for the planner to prefer the index. */
const GENERATED_FACILITIES = 3000;

function urlOfDatabase(name: string): string {
  const url = new URL(serverUrl ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

/** The plan of the nearest-facility query, one line per row. */
async function nearestPlan(db: Db): Promise<string[]> {
  const plan = await nearestFacilitiesQuery(db, OJIYA_OFFICE, null).explain(undefined, sql`costs off`);
  return plan.map((row) => String(Object.values(row)[0]));
}

async function indexState(db: Db) {
  const { rows } = await sql<{ valid: boolean; ready: boolean }>`
    select i.indisvalid as valid, i.indisready as ready
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where c.relname = 'facilities_location'`.execute(db);
  return rows;
}

describe('pg_dump → pg_restore', { skip: serverUrl ? false : 'set TEST_DATABASE_URL to a PostgreSQL database to test dump and restore (pg_dump needs a server)' }, () => {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const sourceName = `tsuen_backup_${suffix}`;
  const copyName = `tsuen_restore_${suffix}`;
  let server: DatabaseHandle;
  let copy: DatabaseHandle | undefined;
  let folder: string;
  let nearestOnSource: Awaited<ReturnType<typeof nearestFacilities>>;
  let restoreOutput: string;

  before(async () => {
    server = await openDatabase({ url: serverUrl });
    folder = await mkdtemp(join(tmpdir(), 'tsuen-backup-'));
    await sql`create database ${sql.id(sourceName)}`.execute(server.db);
    await sql`create database ${sql.id(copyName)}`.execute(server.db);

    // A database as Tsuen makes it: migrated at start-up, with the sample data.
    const source = await openDatabase({ url: urlOfDatabase(sourceName) });
    try {
      await migrateToLatest(source.db);
      await seedReferenceData(source.db);
      await seedSampleData(source.db, { extraFacilities: GENERATED_FACILITIES });
      nearestOnSource = await nearestFacilities(source.db, OJIYA_OFFICE, { userId: null, page: 1 });
    } finally {
      await source.close();
    }

    // The commands of docs/operations.md.
    const dump = join(folder, 'tsuen.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, `--dbname=${urlOfDatabase(sourceName)}`]);
    const restored = await run('pg_restore', ['--exit-on-error', '--single-transaction', `--dbname=${urlOfDatabase(copyName)}`, dump]);
    restoreOutput = restored.stdout + restored.stderr;
    copy = await openDatabase({ url: urlOfDatabase(copyName) });
  });

  after(async () => {
    await copy?.close();
    await sql`drop database if exists ${sql.id(sourceName)} with (force)`.execute(server.db);
    await sql`drop database if exists ${sql.id(copyName)} with (force)`.execute(server.db);
    await server.close();
    await rm(folder, { recursive: true, force: true });
  });

  test('pg_restore finishes without an error or a warning', () => {
    // execFile rejects on a non-zero exit, so reaching here means pg_restore succeeded.
    assert.equal(restoreOutput.trim(), '');
  });

  test('the nearest-facility index is rebuilt on the copy, and valid', async () => {
    assert.ok(copy);
    assert.deepEqual(await indexState(copy.db), [{ valid: true, ready: true }]);
    await sql`analyze facilities`.execute(copy.db);
    const plan = await nearestPlan(copy.db);
    assert.ok(plan.some((line) => /Index Scan using facilities_location/.test(line)), plan.join('\n'));
  });

  test('the copy finds the same nearest facilities, nearest first', async () => {
    assert.ok(copy);
    const found = await nearestFacilities(copy.db, OJIYA_OFFICE, { userId: null, page: 1 });
    assert.deepEqual(found, nearestOnSource);
    assert.deepEqual(
      found.rows.slice(0, 3).map((row) => [row.name, Math.round(row.distance_m / 10) * 10]),
      [
        ['にじいろ保育園（架空）', 350],
        ['ひまわりこども園（架空）', 870],
        ['もりのおうち保育園（架空）', 1840],
      ],
    );
    assert.equal(found.rows.length, 20);
    assert.ok(found.hasMore);
    const distances = found.rows.map((row) => row.distance_m);
    assert.deepEqual(distances, [...distances].sort((a, b) => a - b));
  });

  test('the copy is at the latest migration, with every facility', async () => {
    assert.ok(copy);
    await migrateToLatest(copy.db); // nothing left to run
    const { n } = await copy.db.selectFrom('facilities').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    assert.equal(n, 6 + GENERATED_FACILITIES);
  });
});

describe('the nearest-facility search and its index', () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase();
    await seedReferenceData(t.db);
    await seedSampleData(t.db);
  });
  after(() => t.close());

  test('the nearest-first order is answered by facilities_location (on this database too)', async () => {
    // Six rows are too few for the planner to choose the index by cost, so sequential scans are
    // switched off for this one transaction: if the ORDER BY did not match the index, the plan
    // would still sort.
    const plan = await t.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return nearestPlan(trx);
    });
    assert.ok(plan.some((line) => /Index Scan using facilities_location/.test(line)), plan.join('\n'));
    assert.ok(!plan.some((line) => /^\s*(->\s*)?Sort\b/.test(line)), plan.join('\n'));
  });
});
