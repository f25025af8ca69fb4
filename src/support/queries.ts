// Step 9: storing an inquiry with its mails, and the municipality staff's list, detail, replies and
// "answered" mark. Every write is one transaction with its mails (outbox) and audit entries.
import { municipalitySettingsFor } from '../municipalities/settings-queries.ts';
import { sql } from 'kysely';
import type { Db } from '../platform/database.ts';
import type { Clock } from '../platform/clock.ts';
import type { MunicipalityStaffUser } from '../platform/access.ts';
import { audit } from '../platform/audit.ts';
import { conflictAs } from '../platform/db-errors.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { isTokenShaped } from '../platform/ids.ts';
import { CalendarDate } from '../platform/time.ts';
import type { ValidInquiry } from './form.ts';
import type { InquiryStatus } from './tables.ts';
import { inquiryReceiptMail, inquiryReplyMail, inquiryToDeskMail } from './mails.ts';

/** The municipality an inquiry goes to, with the prefecture for its label. */
export async function inquiryMunicipality(db: Db, where: { id: string } | { code: string }) {
  let query = db
    .selectFrom('municipalities')
    .innerJoin('prefectures', 'prefectures.code', 'municipalities.prefecture_code')
    .select([
      'municipalities.id',
      'municipalities.code',
      'municipalities.name',
      'municipalities.name_en',
      'municipalities.prefecture_code',
      'municipalities.support_email',
      'prefectures.name as prefecture_name',
      'prefectures.name_en as prefecture_name_en',
    ]);
  query = 'id' in where ? query.where('municipalities.id', '=', where.id) : query.where('municipalities.code', '=', where.code);
  return query.executeTakeFirst();
}

export type InquiryMunicipality = NonNullable<Awaited<ReturnType<typeof inquiryMunicipality>>>;

/** Where the help desk's copy goes: the support address, or else every staff login of the municipality. */
export async function deskAddresses(db: Db, municipality: Pick<InquiryMunicipality, 'id' | 'support_email'>): Promise<string[]> {
  if (municipality.support_email) return [municipality.support_email];
  const staff = await db
    .selectFrom('users')
    .select('email')
    .where('municipality_id', '=', municipality.id)
    .where('role', '=', 'municipality_staff')
    .orderBy('email')
    .execute();
  return staff.map((s) => s.email);
}

export interface InquirySender {
  /** The signed-in user, recorded with the inquiry; undefined when sent without logging in. */
  userId: string | undefined;
  accountName: string | undefined;
}

/**
 * Stores the inquiry and queues its mails (to the help desk, and the receipt to the sender), once
 * per confirmation screen: a second 送信する with the same submission key (a double click, the
 * back button) finds the first inquiry's number instead of storing a copy.
 */
export async function submitInquiry(
  db: Db,
  clock: Clock,
  baseUrl: string,
  municipality: InquiryMunicipality,
  sender: InquirySender,
  submissionKey: string,
  inquiry: ValidInquiry,
): Promise<{ reference: string }> {
  const stored = await conflictAs(
    db.transaction().execute(async (tx) => {
      const now = clock.now();
      const { seq } = await sql<{ seq: number }>`select nextval('support_inquiry_reference_seq')::int as seq`
        .execute(tx)
        .then((r) => r.rows[0] ?? { seq: 0 });
      const reference = `Q${municipality.code}-${CalendarDate.inTokyo(now).year}-${String(seq).padStart(6, '0')}`;
      const { id } = await tx
        .insertInto('support_inquiries')
        .values({
          municipality_id: municipality.id,
          reference,
          submission_key: submissionKey,
          user_id: sender.userId ?? null,
          category: inquiry.category,
          message: inquiry.message,
          contact_name: inquiry.contactName,
          email: inquiry.email,
          phone: inquiry.phone,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const link = `${baseUrl}/municipality/inquiries/${id}`;
      // The support address as the municipality's settings have it this month (they change by month).
      const { supportEmail } = await municipalitySettingsFor(tx, municipality.id, CalendarDate.inTokyo(now).firstOfMonth());
      for (const to of await deskAddresses(tx, { id: municipality.id, support_email: supportEmail })) {
        await queueMail(tx, clock, inquiryToDeskMail(to, { ...inquiry, reference, receivedAt: now, accountName: sender.accountName }, link), municipality.id);
      }
      await queueMail(tx, clock, inquiryReceiptMail(inquiry.email, municipality.name, reference, inquiry.category), municipality.id);
      return { reference };
    }),
    { support_inquiries_submission_unique: undefined },
  );
  if (stored) return stored;
  const first = await db.selectFrom('support_inquiries').select('reference').where('submission_key', '=', submissionKey).executeTakeFirstOrThrow();
  return { reference: first.reference };
}

/** A submission key is a token the confirmation screen made; anything else is not one. */
export function isSubmissionKey(value: unknown): value is string {
  return isTokenShaped(value);
}

/** The done page shows a number only if an inquiry has it, with the municipality it went to. */
export async function inquiryByReference(db: Db, reference: string) {
  return db
    .selectFrom('support_inquiries as q')
    .innerJoin('municipalities as m', 'm.id', 'q.municipality_id')
    .select(['q.reference', 'm.name as municipality_name', 'm.name_en as municipality_name_en'])
    .where('q.reference', '=', reference)
    .executeTakeFirst();
}

// ---- Municipality staff ----

export const INQUIRY_STATUSES: readonly InquiryStatus[] = ['open', 'answered'];

export async function inquiryList(db: Db, municipalityId: string, status: InquiryStatus | 'all') {
  let query = db
    .selectFrom('support_inquiries')
    .select(['id', 'reference', 'category', 'contact_name', 'status', 'created_at'])
    .where('municipality_id', '=', municipalityId);
  if (status !== 'all') query = query.where('status', '=', status);
  // The oldest open inquiry first: it has waited longest. Answered ones, the newest first.
  return query.orderBy('created_at', status === 'open' ? 'asc' : 'desc').orderBy('reference').limit(500).execute();
}

export async function openInquiryCount(db: Db, municipalityId: string): Promise<number> {
  const row = await db
    .selectFrom('support_inquiries')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('municipality_id', '=', municipalityId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function inquiryDetail(db: Db, municipalityId: string, id: string) {
  const inquiry = await db
    .selectFrom('support_inquiries as q')
    .leftJoin('users as sender', 'sender.id', 'q.user_id')
    .leftJoin('users as answerer', 'answerer.id', 'q.answered_by')
    .select([
      'q.id',
      'q.reference',
      'q.category',
      'q.message',
      'q.contact_name',
      'q.email',
      'q.phone',
      'q.status',
      'q.created_at',
      'q.answered_at',
      'sender.display_name as account_name',
      'sender.email as account_email',
      'answerer.display_name as answered_by_name',
    ])
    .where('q.id', '=', id)
    .where('q.municipality_id', '=', municipalityId)
    .executeTakeFirst();
  if (!inquiry) return undefined;
  const replies = await db
    .selectFrom('support_inquiry_replies as r')
    .innerJoin('users as u', 'u.id', 'r.replied_by')
    .select(['r.id', 'r.body', 'r.replied_at', 'u.display_name as replied_by_name'])
    .where('r.inquiry_id', '=', id)
    .orderBy('r.replied_at')
    .orderBy('r.id')
    .execute();
  return { inquiry, replies };
}

export type InquiryDetail = NonNullable<Awaited<ReturnType<typeof inquiryDetail>>>;

/** Stores a reply with who and when, mails it to the sender and writes the audit entry, in one transaction. */
export async function replyToInquiry(db: Db, clock: Clock, staff: MunicipalityStaffUser, id: string, body: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const inquiry = await tx
      .selectFrom('support_inquiries as q')
      .innerJoin('municipalities as m', 'm.id', 'q.municipality_id')
      .select(['q.id', 'q.reference', 'q.email', 'q.contact_name', 'q.municipality_id', 'm.name as municipality_name'])
      .where('q.id', '=', id)
      .where('q.municipality_id', '=', staff.municipalityId)
      .executeTakeFirst();
    if (!inquiry) return false;
    const now = clock.now();
    await tx
      .insertInto('support_inquiry_replies')
      .values({ inquiry_id: inquiry.id, municipality_id: inquiry.municipality_id, body, replied_by: staff.id, replied_at: now })
      .execute();
    await queueMail(tx, clock, inquiryReplyMail(inquiry.email, inquiry.municipality_name, inquiry.reference, inquiry.contact_name, body), inquiry.municipality_id);
    await audit(tx, { action: 'support.inquiry.reply', actorId: staff.id, municipalityId: inquiry.municipality_id, subjectId: inquiry.id, at: now });
    return true;
  });
}

/** Marks an open inquiry of the staff's municipality answered, once: a second press changes nothing. */
export async function markInquiryAnswered(db: Db, clock: Clock, staff: MunicipalityStaffUser, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const now = clock.now();
    const updated = await tx
      .updateTable('support_inquiries')
      .set({ status: 'answered', answered_by: staff.id, answered_at: now })
      .where('id', '=', id)
      .where('municipality_id', '=', staff.municipalityId)
      .where('status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    if (updated) await audit(tx, { action: 'support.inquiry.answer', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: id, at: now });
  });
}
