import { sql } from 'kysely';
import type { Db } from '../platform/database.ts';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { CalendarDate } from '../platform/time.ts';
import { isUuid } from '../platform/ids.ts';
import { conflictOf } from '../platform/db-errors.ts';
import { eligibilityWindow } from './rules.ts';
import { accountIssuedMail, applicationRejectedMail } from './mails.ts';

export const STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof STATUSES)[number];

/** Municipality staff see their own municipality's applications only: the filter is in the query. */
export async function applicationQueue(db: Db, municipalityId: string, status: ApplicationStatus | 'all') {
  let query = db
    .selectFrom('applications as a')
    .select((eb) => [
      'a.id',
      'a.reference',
      'a.guardian_name',
      'a.status',
      'a.submitted_at',
      eb.selectFrom('application_children as c').select(sql<number>`count(*)::int`.as('n')).whereRef('c.application_id', '=', 'a.id').as('child_count'),
    ])
    .where('a.municipality_id', '=', municipalityId);
  if (status !== 'all') query = query.where('a.status', '=', status);
  return query.orderBy('a.submitted_at', status === 'submitted' ? 'asc' : 'desc').limit(200).execute();
}

export async function statusCounts(db: Db, municipalityId: string) {
  const rows = await db
    .selectFrom('applications')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('municipality_id', '=', municipalityId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<ApplicationStatus, number>;
}

export async function applicationDetail(db: Db, municipalityId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const application = await db
    .selectFrom('applications as a')
    .leftJoin('facilities as f', 'f.id', 'a.desired_facility_id')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['f.name as facility_name', 'd.display_name as decided_by_name'])
    .where('a.id', '=', id)
    .where('a.municipality_id', '=', municipalityId)
    .executeTakeFirst();
  if (!application) return undefined;
  const children = await db
    .selectFrom('application_children as c')
    .leftJoin('children as ch', 'ch.id', 'c.child_id')
    .select(['c.name', 'c.name_kana', 'c.birth_date', 'ch.certification_number', 'ch.certification_valid_until'])
    .where('c.application_id', '=', id)
    .orderBy('c.position')
    .execute();
  return { application, children };
}

export type DecisionResult =
  | { kind: 'done' }
  | { kind: 'not-found' }
  | { kind: 'already-decided' }
  | { kind: 'email-taken' }
  | { kind: 'aged-out'; childNames: string[] };

/**
 * Approves an application in one transaction: the status changes only if it is still
 * 'submitted' (compare-and-set, so two staff pressing at once approve once), then the guardian
 * account, the children with their certifications, and the 「アカウント発行のお知らせ」 mail.
 */
export async function approveApplication(
  db: Db,
  clock: Clock,
  baseUrl: string,
  staff: { id: string; municipalityId: string },
  applicationId: string,
): Promise<DecisionResult> {
  if (!isUuid(applicationId)) return { kind: 'not-found' };
  // Two applications of one e-mail address approved in the same moment both find no account; the
  // second insert then meets users_email_unique. Run it once more: it finds the first's account.
  try {
    return await approveOnce(db, clock, baseUrl, staff, applicationId);
  } catch (error) {
    if (conflictOf(error)?.constraint !== 'users_email_unique') throw error;
    return approveOnce(db, clock, baseUrl, staff, applicationId);
  }
}

function approveOnce(db: Db, clock: Clock, baseUrl: string, staff: { id: string; municipalityId: string }, applicationId: string): Promise<DecisionResult> {
  const now = clock.now();
  const today = CalendarDate.inTokyo(now).toString();
  return db
    .transaction()
    .execute(async (tx): Promise<DecisionResult> => {
      const application = await tx
        .updateTable('applications')
        .set({ status: 'approved', decided_at: now, decided_by: staff.id })
        .where('id', '=', applicationId)
        .where('municipality_id', '=', staff.municipalityId)
        .where('status', '=', 'submitted')
        .returningAll()
        .executeTakeFirst();
      if (!application) {
        const exists = await tx.selectFrom('applications').select('id').where('id', '=', applicationId).where('municipality_id', '=', staff.municipalityId).executeTakeFirst();
        return exists ? { kind: 'already-decided' } : { kind: 'not-found' };
      }
      const children = await tx.selectFrom('application_children').selectAll().where('application_id', '=', applicationId).orderBy('position').execute();
      const agedOut = children.filter((c) => eligibilityWindow(c.birth_date).until < today);
      if (agedOut.length > 0) throw new DecisionAborted({ kind: 'aged-out', childNames: agedOut.map((c) => c.name) });

      // A family applying again (another child) keeps one account.
      const existing = await tx.selectFrom('users').select(['id', 'role', 'municipality_id']).where(sql`lower(email)`, '=', application.email.toLowerCase()).executeTakeFirst();
      if (existing && (existing.role !== 'guardian' || existing.municipality_id !== staff.municipalityId)) {
        throw new DecisionAborted({ kind: 'email-taken' });
      }
      const guardianId =
        existing?.id ??
        (
          await tx
            .insertInto('users')
            .values({ municipality_id: staff.municipalityId, role: 'guardian', facility_id: null, email: application.email, display_name: application.guardian_name, password_hash: null, terms_version_accepted: null })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const profile = {
        municipality_id: staff.municipalityId,
        name: application.guardian_name,
        name_kana: application.guardian_name_kana,
        postal_code: application.postal_code,
        address: application.address,
        phone: application.phone,
        relationship: application.relationship,
      };
      await tx
        .insertInto('guardian_profiles')
        .values({ user_id: guardianId, ...profile })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(profile))
        .execute();

      const municipality = await tx.selectFrom('municipalities').select(['code', 'name']).where('id', '=', staff.municipalityId).executeTakeFirstOrThrow();
      const certified: Array<{ name: string; certificationNumber: string; validFrom: string; validUntil: string }> = [];
      for (const child of children) {
        const window = eligibilityWindow(child.birth_date);
        const { seq } = (await sql<{ seq: number }>`select nextval('certification_number_seq')::int as seq`.execute(tx)).rows[0] ?? { seq: 0 };
        const certificationNumber = `${municipality.code}${String(seq).padStart(6, '0')}`;
        const validFrom = window.from > today ? window.from : today;
        const created = await tx
          .insertInto('children')
          .values({
            municipality_id: staff.municipalityId,
            guardian_id: guardianId,
            name: child.name,
            name_kana: child.name_kana,
            birth_date: child.birth_date,
            certification_number: certificationNumber,
            certification_valid_from: validFrom,
            certification_valid_until: window.until,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.updateTable('application_children').set({ child_id: created.id }).where('id', '=', child.id).execute();
        certified.push({ name: child.name, certificationNumber, validFrom, validUntil: window.until });
      }
      await tx.updateTable('applications').set({ guardian_user_id: guardianId }).where('id', '=', applicationId).execute();
      await audit(tx, { action: 'application.approve', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: applicationId, at: now });
      await queueMail(tx, clock, accountIssuedMail(application.email, municipality.name, certified, `${baseUrl}/password-reset`, `${baseUrl}/login`), staff.municipalityId);
      return { kind: 'done' };
    })
    .catch((error: unknown) => {
      if (error instanceof DecisionAborted) return error.result;
      throw error;
    });
}

/** Thrown inside the transaction to roll it back with an answer for the reviewer. */
class DecisionAborted extends Error {
  constructor(readonly result: DecisionResult) {
    super(result.kind);
  }
}

export async function rejectApplication(db: Db, clock: Clock, staff: { id: string; municipalityId: string }, applicationId: string, reason: string): Promise<DecisionResult> {
  if (!isUuid(applicationId)) return { kind: 'not-found' };
  const now = clock.now();
  return db.transaction().execute(async (tx): Promise<DecisionResult> => {
    const application = await tx
      .updateTable('applications')
      .set({ status: 'rejected', decided_at: now, decided_by: staff.id, rejection_reason: reason })
      .where('id', '=', applicationId)
      .where('municipality_id', '=', staff.municipalityId)
      .where('status', '=', 'submitted')
      .returning(['email', 'reference'])
      .executeTakeFirst();
    if (!application) {
      const exists = await tx.selectFrom('applications').select('id').where('id', '=', applicationId).where('municipality_id', '=', staff.municipalityId).executeTakeFirst();
      return exists ? { kind: 'already-decided' } : { kind: 'not-found' };
    }
    const municipality = await tx.selectFrom('municipalities').select('name').where('id', '=', staff.municipalityId).executeTakeFirstOrThrow();
    await audit(tx, { action: 'application.reject', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: applicationId, at: now });
    await queueMail(tx, clock, applicationRejectedMail(application.email, municipality.name, application.reference, reason), staff.municipalityId);
    return { kind: 'done' };
  });
}
