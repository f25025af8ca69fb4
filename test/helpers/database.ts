// A database for one test process. With TEST_DATABASE_URL set, a PostgreSQL server is used and
// this process gets a schema of its own (dropped again on close); otherwise an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type Db } from '../../src/platform/database.ts';

export interface TestDatabase {
  db: Db;
  /** On PostgreSQL, the schema of this database (for a child process to use); undefined on PGlite. */
  schema?: string | undefined;
  close(): Promise<void>;
}

/**
 * cube, earthdistance and btree_gist live in schema public, shared by every test schema. Test
 * processes start together, and two `create extension if not exists` at the same moment can
 * fail ("duplicate key", "tuple concurrently updated"): an advisory lock makes them take turns.
 */
async function ensureExtensions(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7362001)`.execute(tx);
    await sql`create extension if not exists cube with schema public`.execute(tx);
    await sql`create extension if not exists earthdistance with schema public`.execute(tx);
    await sql`create extension if not exists btree_gist with schema public`.execute(tx);
  });
}

/**
 * Creating a schema's tables (one migration transaction) and dropping them (drop schema cascade)
 * each hold a lock per object until they commit — over a thousand. PostgreSQL's lock table is
 * shared and sized max_locks_per_transaction × max_connections (6,400 by default): a dozen test
 * files migrating or dropping at the same moment ran out of it ("out of shared memory"), failing
 * a test file's setup at random. A session advisory lock lets one of them run at a time.
 */
async function oneSchemaChangeAtATime<T>(db: Db, change: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(7362002)`.execute(connection);
    try {
      return await change();
    } finally {
      await sql`select pg_advisory_unlock(7362002)`.execute(connection);
    }
  });
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateToLatest(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  }

  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ url, schema });
  const dropSchema = () => oneSchemaChangeAtATime(handle.db, () => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db));
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await dropSchema();
    } finally {
      await handle.close();
    }
  };
  try {
    await ensureExtensions(handle.db);
    await oneSchemaChangeAtATime(handle.db, () => migrateToLatest(handle.db, schema));
  } catch (error) {
    await close();
    throw error;
  }
  return { db: handle.db, schema, close };
}
