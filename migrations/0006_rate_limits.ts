import { type Kysely, sql } from 'kysely';

// Rate-limit counters shared by every app process (src/platform/rate-limits.ts). One row per
// limited thing — a route and client address, or a login ID, e-mail address or account — counting
// hits in the window that ends at `resets_at`; an expired row starts again at 1.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull().check(sql`hits > 0`))
    .addColumn('resets_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // Expired rows are swept now and then; this finds them without reading the table.
  await db.schema.createIndex('rate_limit_counters_resets_at').on('rate_limit_counters').column('resets_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_counters').execute();
}
