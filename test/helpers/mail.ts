// Reading the mail outbox in tests: the app queues every mail there (sending is a separate worker).
import { sql, type Selectable } from 'kysely';
import type { Database, Db } from '../../src/platform/database.ts';

export type OutboxMail = Selectable<Database['mail_outbox']>;

/** Every mail queued to the address (compared without regard to case), oldest first. */
export async function mailsTo(db: Db, address: string): Promise<OutboxMail[]> {
  return db
    .selectFrom('mail_outbox')
    .selectAll()
    .where(sql<string>`lower(to_address)`, '=', address.toLowerCase())
    .orderBy('id')
    .execute();
}

/** The newest mail queued to the address; throws if there is none. */
export async function lastMailTo(db: Db, address: string): Promise<OutboxMail> {
  const mails = await mailsTo(db, address);
  const last = mails.at(-1);
  if (!last) throw new Error(`No mail was queued to ${address}`);
  return last;
}

/** Every http(s) URL in a text body, in order. Trailing punctuation is not part of a URL. */
export function linksIn(text: string): string[] {
  const urls = text.match(/https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%]+/g) ?? [];
  return urls.map((url) => url.replace(/[.,;:!?]+$/, ''));
}

/** The path and query of a URL, for driving the app with inject. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}
