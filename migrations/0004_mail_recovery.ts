import { type Kysely, sql } from 'kysely';

// Mail delivery after a sender crash (src/platform/mail/sender.ts): each row keeps one Message-ID
// across retries, so a receiving server can drop a duplicate, and names the sender instance that
// holds its lease (the lease itself is `next_attempt_at`, kept short and renewed while sending).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('mail_outbox')
    // '<random@domain-of-MAIL_FROM>', set on the first lease; null only for a never-leased row.
    .addColumn('message_id', 'text')
    // The random id of the sender instance that leased the row; null when no sender holds it.
    .addColumn('leased_by', 'text')
    .execute();
  await sql`create unique index mail_outbox_message_id on mail_outbox (message_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('mail_outbox_message_id').execute();
  await db.schema.alterTable('mail_outbox').dropColumn('message_id').dropColumn('leased_by').execute();
}
