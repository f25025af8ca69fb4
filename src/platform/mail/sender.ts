import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Clock } from '../clock.ts';

export interface MailSenderOptions {
  db: Db;
  clock: Clock;
  smtpUrl: string;
  from: string;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** After this many failed attempts a mail is marked failed and left for an operator. */
  maxAttempts?: number;
}

/** 30 s, 1 min, 2 min, … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

const LEASE_MS = 5 * 60_000;

/**
 * Delivers due mail from the outbox. Rows are leased with FOR UPDATE SKIP LOCKED (pushing their
 * next attempt forward), so several server processes never send the same mail twice at once.
 */
export async function deliverDueMail(options: MailSenderOptions, transport: Transporter): Promise<number> {
  const { db, clock } = options;
  const maxAttempts = options.maxAttempts ?? 10;
  const now = clock.now();
  const due = await db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('mail_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .limit(20)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length > 0) {
      await tx
        .updateTable('mail_outbox')
        .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS) })
        .where('id', 'in', rows.map((r) => r.id))
        .execute();
    }
    return rows;
  });
  let sent = 0;
  for (const mail of due) {
    try {
      await transport.sendMail({
        from: options.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        headers: { 'X-Tsuen-Mail-Id': String(mail.id) },
      });
      await db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: clock.now(), attempts: sql`attempts + 1`, last_error: null })
        .where('id', '=', mail.id)
        .execute();
      sent += 1;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      await db
        .updateTable('mail_outbox')
        .set({
          attempts,
          last_error: message.slice(0, 1000),
          status: attempts >= maxAttempts ? 'failed' : 'pending',
          next_attempt_at: new Date(clock.now().getTime() + retryDelayMs(attempts)),
        })
        .where('id', '=', mail.id)
        .execute();
      options.log.warn(
        { mailId: mail.id, attempts, error: message },
        attempts >= maxAttempts ? 'mail delivery failed; marked failed, an operator must act' : 'mail delivery failed; will retry',
      );
    }
  }
  return sent;
}

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

/** Polls the outbox every few seconds; returns a function that stops it. */
export function startMailSender(options: MailSenderOptions, intervalMs = 2000): () => Promise<void> {
  const transport = createTransport(options.smtpUrl);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running
      .then(() => (stopped ? 0 : deliverDueMail(options, transport)))
      .catch((error: unknown) => options.log.warn({ error: String(error) }, 'mail sender pass failed'));
  }, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    transport.close();
  };
}
