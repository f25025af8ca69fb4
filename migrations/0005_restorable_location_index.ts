import { type Kysely, sql } from 'kysely';

// A dump of the database must restore (docs/operations.md, "Backups and restore").
//
// 0003 indexed the expression ll_to_earth(latitude, longitude). pg_restore works with an empty
// search_path, and earthdistance 1.1 (PostgreSQL 15–17) calls cube() and earth() inside
// ll_to_earth without a schema, so rebuilding that index failed ("type earth does not exist") —
// and a plain pg_restore mentions that only at the end, as "errors ignored on restore".
// (earthdistance 1.2, in PostgreSQL 18, qualifies them; we must work on both.)
//
// So the point on the earth is now a stored column, computed by a function of ours that sets its
// own search_path to the schema the extension lives in: it gives the same result under any
// search_path, including pg_restore's, which calls it for each row as the table is loaded
// (generated columns are not dumped but computed again). The index is over the plain column, so
// building it calls no function at all, and the search orders by the column.
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'earthdistance'`.execute(db);
  const extensionSchema = rows[0]?.schema;
  if (!extensionSchema) throw new Error('The earthdistance extension is missing (migrations/0003_facilities.ts creates it).');
  const ext = sql.id(extensionSchema);

  await sql`
    create function earth_location(latitude float8, longitude float8) returns ${ext}.earth
    language sql immutable strict parallel safe
    set search_path = ${ext}
    return ${ext}.ll_to_earth(latitude, longitude)`.execute(db);
  // `if exists`: a database restored from a dump made before this migration lacks the index.
  await sql`drop index if exists facilities_location`.execute(db);
  await sql`alter table facilities add column location ${ext}.earth generated always as (earth_location(latitude, longitude)) stored`.execute(db);
  // 現在地から探す: nearest first by KNN (`<->`) on this index (src/facilities/search.ts).
  await sql`create index facilities_location on facilities using gist (location)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index facilities_location`.execute(db);
  await sql`alter table facilities drop column location`.execute(db);
  await sql`drop function earth_location(float8, float8)`.execute(db);
  await sql`create index facilities_location on facilities using gist (ll_to_earth(latitude, longitude))`.execute(db);
}
