import { type Kysely, sql } from 'kysely';

// Facility details, favourites and the nearest-facility index (guide step 5).
//
// The new columns have defaults only so that rows made before this migration stay valid; the
// municipality's form always sets every one of them.
export async function up(db: Kysely<any>): Promise<void> {
  // PGlite loads the contrib code (src/platform/database.ts); PostgreSQL ships it in its contrib
  // package. Both extensions are trusted, so a database owner may create them.
  await sql`create extension if not exists cube`.execute(db);
  await sql`create extension if not exists earthdistance`.execute(db);

  await db.schema
    .alterTable('facilities')
    .addColumn('facility_type', 'text', (c) =>
      c
        .notNull()
        .defaultTo('nursery')
        .check(sql`facility_type in ('nursery', 'certified_centre', 'small_scale', 'kindergarten', 'home_based', 'other')`),
    )
    .addColumn('opens_at', 'time', (c) => c.notNull().defaultTo('08:30'))
    .addColumn('closes_at', 'time', (c) => c.notNull().defaultTo('17:00'))
    // ISO weekdays, 1 = Monday … 7 = Sunday.
    .addColumn('open_days', sql`smallint[]`, (c) => c.notNull().defaultTo(sql`'{1,2,3,4,5}'`))
    // Age classes (0歳児, 1歳児, 2歳児): the child's age in whole years.
    .addColumn('ages_accepted', sql`smallint[]`, (c) => c.notNull().defaultTo(sql`'{0,1,2}'`))
    .addColumn('daily_capacity', 'integer', (c) => c.notNull().defaultTo(3).check(sql`daily_capacity > 0`))
    .addColumn('fee_per_hour', 'integer', (c) => c.notNull().defaultTo(300).check(sql`fee_per_hour >= 0`))
    .addColumn('introduction', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'timestamptz')
    .execute();
  await sql`alter table facilities add constraint facilities_hours check (opens_at < closes_at)`.execute(db);
  await sql`alter table facilities add constraint facilities_days check (cardinality(open_days) > 0 and open_days <@ '{1,2,3,4,5,6,7}')`.execute(db);
  await sql`alter table facilities add constraint facilities_ages check (cardinality(ages_accepted) > 0 and ages_accepted <@ '{0,1,2}')`.execute(db);

  // 現在地から探す: nearest first by KNN (`<->`) on this index; earth_distance gives the metres shown.
  await sql`create index facilities_location on facilities using gist (ll_to_earth(latitude, longitude))`.execute(db);
  // 都道府県から探す: one municipality's facilities in フリガナ order, a page at a time.
  await db.schema.createIndex('facilities_municipality_kana').on('facilities').columns(['municipality_id', 'name_kana', 'id']).execute();

  await db.schema
    .createTable('facility_favourites')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('facility_id', 'uuid', (c) => c.notNull().references('facilities.id'))
    // The guardian's municipality (every tenant-owned row carries one).
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipalities.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('facility_favourites_pk', ['user_id', 'facility_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('facility_favourites').execute();
  await db.schema.dropIndex('facilities_municipality_kana').execute();
  await db.schema.dropIndex('facilities_location').execute();
  for (const constraint of ['facilities_hours', 'facilities_days', 'facilities_ages']) {
    await sql`alter table facilities drop constraint ${sql.id(constraint)}`.execute(db);
  }
  await db.schema
    .alterTable('facilities')
    .dropColumn('facility_type')
    .dropColumn('opens_at')
    .dropColumn('closes_at')
    .dropColumn('open_days')
    .dropColumn('ages_accepted')
    .dropColumn('daily_capacity')
    .dropColumn('fee_per_hour')
    .dropColumn('introduction')
    .dropColumn('notes')
    .dropColumn('updated_at')
    .execute();
}
