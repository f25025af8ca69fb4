import { type Kysely, sql } from 'kysely';

// 「この端末を30日間記憶する」: a browser that passed the one-time password may skip it for 30 days
// (src/accounts/remembered-devices.ts). Only the hash of the cookie's token is kept; revoking a
// device deletes its row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('remembered_devices')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipalities.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // Derived from the User-Agent ("iPhone · Safari"); '' when it tells nothing.
    .addColumn('label', 'text', (c) => c.notNull().check(sql`char_length(label) <= 100`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('remembered_devices_expiry', sql`expires_at > created_at`)
    .execute();
  await db.schema.createIndex('remembered_devices_user').on('remembered_devices').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('remembered_devices').execute();
}
