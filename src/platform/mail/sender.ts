import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { sql, type Selectable } from 'kysely';
import type { Database, Db } from '../database.ts';
import type { Clock } from '../clock.ts';

export interface MailSenderOptions {
  db: Db;
  clock: Clock;
  smtpUrl: string;
  from: string;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** After this many failed attempts a mail is marked failed and left for an operator. */
  maxAttempts?: number;
  /** Names this sender instance on the rows it leases (`leased_by`); a new one when not given. */
  senderId?: string;
  /** How long a lease lasts without renewal: LEASE_MS unless a test shortens it. */
  leaseMs?: number;
}

export type OutboxRow = Selectable<Database['mail_outbox']>;

/** 30 s, 1 min, 2 min, … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * A leased row's `next_attempt_at` is its lease expiry. The lease is short and renewed every third
 * of it while the sender is still working on the row, so a live sender keeps its mail however slow
 * the SMTP server is, and a dead one's mail is due again at most LEASE_MS after its last renewal.
 *
 * Why not instead reclaim a dead sender's rows when a process (re)starts: with several processes
 * on one database, a starting process cannot tell a dead sender's rows from a live sender's in
 * another process without a liveness signal, and the renewed lease is that signal, kept on the row
 * itself. So recovery needs no start-up step and no coordination in memory, and it does not wait
 * for the crashed process to come back: any running sender takes the mail over.
 */
export const LEASE_MS = 30_000;

/** A sender instance's id: readable for an operator (host and process), unique by its random part. */
export function newSenderId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(6).toString('hex')}`;
}

/** The domain for Message-IDs: MAIL_FROM's, as nodemailer would choose for its own. */
export function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

/** The SMTP message for an outbox row, with the row's own Message-ID so a resend can be recognised. */
export function outgoingMessage(mail: OutboxRow, from: string): SendMailOptions {
  return {
    from,
    to: mail.to_address,
    subject: mail.subject,
    text: mail.text_body,
    html: mail.html_body,
    ...(mail.message_id ? { messageId: mail.message_id } : {}),
    headers: { 'X-Tsuen-Mail-Id': String(mail.id) },
  };
}

export interface LeaseOptions {
  senderId: string;
  leaseMs: number;
  maxAttempts: number;
  /** Domain of the Message-ID given to a row on its first lease. */
  domain: string;
  limit?: number;
}

export type LeasedMail = OutboxRow & { previous_sender: string | null };

/**
 * Leases due mail to one sender in a single statement: the rows are locked with FOR UPDATE SKIP
 * LOCKED, so concurrent senders take different rows. Each leased row gets its Message-ID (once,
 * kept for every retry), counts the attempt (so a mail that crashes its sender every time still
 * runs out of attempts) and is due again only when the lease expires. `previous_sender` names a
 * sender whose lease expired before it finished, i.e. one that stopped while sending.
 */
export async function leaseDueMail(db: Db, now: Date, lease: LeaseOptions): Promise<LeasedMail[]> {
  // The last attempt was interrupted: no attempt is left, so the row goes to an operator.
  await db
    .updateTable('mail_outbox')
    .set({
      status: 'failed',
      leased_by: null,
      last_error: sql`case when leased_by is null then last_error else concat('sender ', leased_by, ' stopped during the last attempt; the mail may or may not have been delivered') end`,
    })
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where('attempts', '>=', lease.maxAttempts)
    .execute();

  const rows = await db
    .with('due', (qb) =>
      qb
        .selectFrom('mail_outbox')
        .select(['id', 'leased_by as previous_sender'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('id')
        .limit(lease.limit ?? 20)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('mail_outbox')
    .from('due')
    .whereRef('mail_outbox.id', '=', 'due.id')
    .set({
      leased_by: lease.senderId,
      next_attempt_at: new Date(now.getTime() + lease.leaseMs),
      attempts: sql`mail_outbox.attempts + 1`,
      message_id: sql`coalesce(mail_outbox.message_id, concat('<', gen_random_uuid()::text, '@', ${lease.domain}::text, '>'))`,
    })
    .returningAll('mail_outbox')
    .returning('due.previous_sender')
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** Renews the leases of the rows a sender is still working on, every third of the lease. */
function renewLeasesWhileSending(options: MailSenderOptions, senderId: string, leaseMs: number, unfinished: Set<number>) {
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing
      .then(async () => {
        if (unfinished.size === 0) return;
        await options.db
          .updateTable('mail_outbox')
          .set({ next_attempt_at: new Date(options.clock.now().getTime() + leaseMs) })
          .where('id', 'in', [...unfinished])
          .where('leased_by', '=', senderId)
          .where('status', '=', 'pending')
          .execute();
      })
      .catch((error: unknown) => options.log.warn({ senderId, error: String(error) }, 'mail lease renewal failed'));
  }, leaseMs / 3);
  return async () => {
    clearInterval(timer);
    await renewing;
  };
}

/**
 * Delivers due mail from the outbox, at least once: a mail is marked sent only after the SMTP
 * server accepted it, so a crash in between sends it again, under the same Message-ID.
 */
export async function deliverDueMail(options: MailSenderOptions, transport: Transporter): Promise<number> {
  const { db, clock } = options;
  const senderId = options.senderId ?? newSenderId();
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 10;
  const due = await leaseDueMail(db, clock.now(), { senderId, leaseMs, maxAttempts, domain: messageIdDomain(options.from) });
  if (due.length === 0) return 0;
  for (const mail of due) {
    if (mail.previous_sender !== null) {
      options.log.warn({ mailId: mail.id, messageId: mail.message_id, previousSender: mail.previous_sender }, 'mail lease expired; sending again');
    }
  }
  const unfinished = new Set(due.map((mail) => mail.id));
  const stopRenewing = renewLeasesWhileSending(options, senderId, leaseMs, unfinished);
  let sent = 0;
  try {
    for (const mail of due) {
      try {
        await transport.sendMail(outgoingMessage(mail, options.from));
        // Not conditional on still holding the lease: the server has the mail, so it is sent.
        await db
          .updateTable('mail_outbox')
          .set({ status: 'sent', sent_at: clock.now(), leased_by: null, last_error: null })
          .where('id', '=', mail.id)
          .execute();
        sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const failed = mail.attempts >= maxAttempts;
        // Only while this sender still holds the lease: after another sender took the row over,
        // this failure must not undo that sender's result.
        await db
          .updateTable('mail_outbox')
          .set({
            leased_by: null,
            last_error: message.slice(0, 1000),
            status: failed ? 'failed' : 'pending',
            next_attempt_at: new Date(clock.now().getTime() + retryDelayMs(mail.attempts)),
          })
          .where('id', '=', mail.id)
          .where('leased_by', '=', senderId)
          .where('status', '=', 'pending')
          .execute();
        options.log.warn(
          { mailId: mail.id, attempts: mail.attempts, error: message },
          failed ? 'mail delivery failed; marked failed, an operator must act' : 'mail delivery failed; will retry',
        );
      } finally {
        unfinished.delete(mail.id);
      }
    }
  } finally {
    await stopRenewing();
  }
  return sent;
}

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

/** Polls the outbox now and every few seconds; returns a function that stops it. */
export function startMailSender(options: MailSenderOptions, intervalMs = 2000): () => Promise<void> {
  const transport = createTransport(options.smtpUrl);
  // One id for this process's lifetime, so its leases are renewed and recognised as its own.
  const sender = { ...options, senderId: options.senderId ?? newSenderId() };
  options.log.info({ senderId: sender.senderId }, 'mail sender started');
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const pass = () => {
    running = running
      .then(() => (stopped ? 0 : deliverDueMail(sender, transport)))
      .catch((error: unknown) => options.log.warn({ error: String(error) }, 'mail sender pass failed'));
  };
  pass();
  const timer = setInterval(pass, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    transport.close();
  };
}
