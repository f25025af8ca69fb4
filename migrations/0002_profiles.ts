import { type Kysely, sql } from 'kysely';

// Guardian and child profiles (guide step 4: 利用者情報管理), and the first, minimal form of the
// reservations table: the rule for who may read a child's allergies and health depends on it
// (src/profiles/access.ts). The reservations work extends that table.

/** The 8 allergens food labels must show (特定原材料) and the 20 they are advised to (準ずるもの). */
const ALLERGENS = [
  'shrimp', 'crab', 'walnut', 'wheat', 'buckwheat', 'egg', 'milk', 'peanut',
  'almond', 'abalone', 'squid', 'salmon_roe', 'orange', 'cashew', 'kiwi', 'beef', 'sesame', 'salmon',
  'mackerel', 'soybean', 'chicken', 'banana', 'pork', 'macadamia', 'peach', 'yam', 'apple', 'gelatin',
];

function inList(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** The columns of a list of people kept for a child (emergency contacts, people picking up). */
async function createPeopleTable(db: Kysely<any>, table: string): Promise<void> {
  await db.schema
    .createTable(table)
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (c) => c.notNull().references('children.id'))
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipalities.id'))
    // 1 is asked first. Deferred, so a save may move people up the list inside one transaction.
    .addColumn('position', 'smallint', (c) => c.notNull().check(sql`position between 1 and 5`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`name <> ''`))
    .addColumn('relationship', 'text', (c) => c.notNull().check(sql`relationship <> ''`))
    .addColumn('phone', 'text', (c) => c.notNull().check(sql`phone <> ''`))
    .addUniqueConstraint(`${table}_position`, ['child_id', 'position'], (b) => b.deferrable().initiallyDeferred())
    .execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('guardian_profiles')
    .addColumn('phone2', 'text')
    // Set when the guardian first completes 利用者情報管理 (confirm screen → OK).
    .addColumn('registered_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('child_profiles')
    .addColumn('child_id', 'uuid', (c) => c.primaryKey().references('children.id'))
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipalities.id'))
    .addColumn('sex', 'text', (c) => c.check(inList('sex', ['female', 'male'])))
    .addColumn('meal_stage', 'text', (c) =>
      c.check(inList('meal_stage', ['milk', 'weaning_early', 'weaning_middle', 'weaning_late', 'weaning_complete', 'toddler'])),
    )
    .addColumn('allergy_severity', 'text', (c) => c.check(inList('allergy_severity', ['mild', 'moderate', 'severe'])))
    .addColumn('allergy_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('epinephrine_auto_injector', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('health_conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('medicines', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('health_notes', 'text', (c) => c.notNull().defaultTo(''))
    // Every save of any tab adds one; a save names the revision it started from (compare-and-set),
    // so a second press of OK, or an older browser tab, cannot overwrite or duplicate.
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('child_allergens')
    .addColumn('child_id', 'uuid', (c) => c.notNull().references('children.id'))
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipalities.id'))
    .addColumn('allergen', 'text', (c) => c.notNull().check(inList('allergen', ALLERGENS)))
    .addPrimaryKeyConstraint('child_allergens_pk', ['child_id', 'allergen'])
    .execute();

  await createPeopleTable(db, 'child_emergency_contacts');
  await createPeopleTable(db, 'child_pickup_persons');

  await db.schema
    .createTable('reservations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipalities.id'))
    .addColumn('facility_id', 'uuid', (c) => c.notNull().references('facilities.id'))
    .addColumn('child_id', 'uuid', (c) => c.notNull().references('children.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', ['interview', 'regular', 'flexible'])))
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['provisional', 'confirmed', 'cancelled'])))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('reservations_period', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('reservations_facility_child').on('reservations').columns(['facility_id', 'child_id']).execute();
  await db.schema.createIndex('reservations_child').on('reservations').column('child_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('The profiles migration is not reversible');
}
