import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { Clock } from '../clock.ts';
import type { Mail } from './compose.ts';

/**
 * Queues a mail in the same transaction as the change it reports, so a mail is sent if and only
 * if the change is committed, and none is lost while the mail server is down.
 */
export async function queueMail(
  db: Kysely<Database>,
  clock: Clock,
  mail: Mail,
  municipalityId: string | null,
): Promise<void> {
  const now = clock.now();
  await db
    .insertInto('mail_outbox')
    .values({
      municipality_id: municipalityId,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
}
