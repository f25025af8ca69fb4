// 利用料減免の申請 (issue 10): a guardian applies for a child's reduction with evidence files; the
// child's municipality approves it from a date or refuses it with a reason. The decision writes the
// fee_reductions row (fee_reductions_no_overlap decides overlaps), the audit entries and the mail
// in one transaction. Evidence is read only by the municipality's staff, each read logged.
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { audit } from '../platform/audit.ts';
import { conflictAs } from '../platform/db-errors.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { CalendarDate } from '../platform/time.ts';
import type { DailyJob } from '../platform/daily-jobs.ts';
import type { ReductionCategory } from '../attendance/tables.ts';
import type { ApplicationStatus, EvidenceType } from './tables.ts';
import { recordReductionIn, reductionsOf, type Reduction } from './reduction-queries.ts';
import { reductionUntil, reminderYear } from './rules.ts';
import { reductionApprovedMail, reductionRejectedMail, reapplyReminderMail } from './mails.ts';

export const APPLY_PATH = '/reductions';

export interface EvidenceFile {
  fileName: string;
  type: EvidenceType;
  bytes: Buffer;
}

export type SubmitResult =
  | { outcome: 'submitted'; id: string }
  /** The same form sent again (a double submit): the first one stands. */
  | { outcome: 'already-submitted' }
  /** The child has an application waiting already (fee_reduction_applications_one_pending). */
  | { outcome: 'pending-exists' }
  /** The child's certification has ended: there is no use left to reduce. */
  | { outcome: 'not-certified' };

/** The guardian's own child (anything else is not found, as for a missing one). */
export async function submitReductionApplication(
  db: Db,
  clock: Clock,
  guardianId: string,
  input: { childId: string; category: ReductionCategory; note: string; submissionKey: string; files: readonly EvidenceFile[] },
): Promise<SubmitResult> {
  return conflictAs(
    db.transaction().execute(async (tx): Promise<SubmitResult> => {
      const child = await tx.selectFrom('children').select(['id', 'municipality_id', 'certification_valid_until']).where('id', '=', input.childId).where('guardian_id', '=', guardianId).executeTakeFirstOrThrow();
      if (child.certification_valid_until < CalendarDate.today(clock).toString()) return { outcome: 'not-certified' };
      const now = clock.now();
      const application = await tx
        .insertInto('fee_reduction_applications')
        .values({ municipality_id: child.municipality_id, child_id: child.id, guardian_id: guardianId, category: input.category, note: input.note, submission_key: input.submissionKey, submitted_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [i, file] of input.files.entries()) {
        await tx
          .insertInto('fee_reduction_evidence')
          .values({ application_id: application.id, municipality_id: child.municipality_id, child_id: child.id, position: i + 1, file_name: file.fileName, content_type: file.type, size_bytes: file.bytes.length, content: file.bytes, uploaded_at: now })
          .execute();
      }
      await audit(tx, { action: 'fee_reduction.application.submit', actorId: guardianId, municipalityId: child.municipality_id, subjectId: application.id, at: now, detail: { child_id: child.id, category: input.category, files: input.files.length } });
      return { outcome: 'submitted', id: application.id };
    }),
    {
      fee_reduction_applications_submission_key_key: { outcome: 'already-submitted' } as const,
      fee_reduction_applications_one_pending: { outcome: 'pending-exists' } as const,
    },
  );
}

export interface ApplicationSummary {
  id: string;
  childId: string;
  childName: string;
  category: ReductionCategory;
  status: ApplicationStatus;
  submittedAt: Date;
  decidedAt: Date | undefined;
  reason: string | undefined;
  effectiveFrom: CalendarDate | undefined;
  effectiveUntil: CalendarDate | undefined;
}

function applicationsQuery(db: Db) {
  return db
    .selectFrom('fee_reduction_applications as a')
    .innerJoin('children as c', 'c.id', 'a.child_id')
    .leftJoin('fee_reductions as r', 'r.id', 'a.reduction_id')
    .select(['a.id', 'a.child_id', 'c.name', 'a.category', 'a.status', 'a.submitted_at', 'a.decided_at', 'a.reason', 'r.effective_from', 'r.effective_until']);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof applicationsQuery>['execute']>>[number];

function toSummary(r: SummaryRow): ApplicationSummary {
  return {
    id: r.id,
    childId: r.child_id,
    childName: r.name,
    category: r.category,
    status: r.status,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at ?? undefined,
    reason: r.reason ?? undefined,
    effectiveFrom: r.effective_from ? CalendarDate.from(r.effective_from) : undefined,
    effectiveUntil: r.effective_until ? CalendarDate.from(r.effective_until) : undefined,
  };
}

/** The guardian's applications, the latest first. */
export async function applicationsOfGuardian(db: Db, guardianId: string): Promise<ApplicationSummary[]> {
  const rows = await applicationsQuery(db).where('a.guardian_id', '=', guardianId).orderBy('a.submitted_at', 'desc').orderBy('a.id').limit(50).execute();
  return rows.map(toSummary);
}

/** The municipality's applications waiting for a decision, the oldest first. */
/** How many applications of the municipality wait for its decision. */
export async function pendingApplicationCount(db: Db, municipalityId: string): Promise<number> {
  const row = await db
    .selectFrom('fee_reduction_applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('municipality_id', '=', municipalityId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function pendingApplications(db: Db, municipalityId: string): Promise<ApplicationSummary[]> {
  const rows = await applicationsQuery(db).where('a.municipality_id', '=', municipalityId).where('a.status', '=', 'pending').orderBy('a.submitted_at').orderBy('a.id').limit(200).execute();
  return rows.map(toSummary);
}

export interface GuardianChild {
  id: string;
  name: string;
  reductions: Reduction[];
}

/** The guardian's children with their reduction periods (the latest first). */
export async function childrenWithReductions(db: Db, guardianId: string): Promise<GuardianChild[]> {
  const children = await db.selectFrom('children').select(['id', 'name']).where('guardian_id', '=', guardianId).orderBy('birth_date').orderBy('id').execute();
  return Promise.all(children.map(async (c) => ({ id: c.id, name: c.name, reductions: await reductionsOf(db, c.id) })));
}

export interface EvidenceMeta {
  id: string;
  position: number;
  fileName: string;
  type: EvidenceType;
  sizeBytes: number;
}

export interface ApplicationDetail extends ApplicationSummary {
  note: string;
  childKana: string;
  birthDate: string;
  certificationNumber: string;
  guardianName: string;
  decidedBy: string | undefined;
  evidence: EvidenceMeta[];
}

/** One application of the staff's municipality, with its evidence files' names (not their bytes). */
export async function applicationForStaff(db: Db, municipalityId: string, id: string): Promise<ApplicationDetail | undefined> {
  const row = await applicationsQuery(db)
    .innerJoin('users as g', 'g.id', 'a.guardian_id')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .select(['a.note', 'c.name_kana', 'c.birth_date', 'c.certification_number', 'g.display_name as guardian_name', 'd.display_name as decided_by_name'])
    .where('a.id', '=', id)
    .where('a.municipality_id', '=', municipalityId)
    .executeTakeFirst();
  if (!row) return undefined;
  const evidence = await db
    .selectFrom('fee_reduction_evidence')
    .select(['id', 'position', 'file_name', 'content_type', 'size_bytes'])
    .where('application_id', '=', id)
    .where('municipality_id', '=', municipalityId)
    .orderBy('position')
    .execute();
  return {
    ...toSummary(row),
    note: row.note,
    childKana: row.name_kana,
    birthDate: row.birth_date,
    certificationNumber: row.certification_number,
    guardianName: row.guardian_name,
    decidedBy: row.decided_by_name ?? undefined,
    evidence: evidence.map((e) => ({ id: e.id, position: e.position, fileName: e.file_name, type: e.content_type, sizeBytes: e.size_bytes })),
  };
}

export interface EvidenceContent {
  position: number;
  type: EvidenceType;
  bytes: Buffer;
}

/**
 * One evidence file for the staff of its municipality, logged in the audit log with the read
 * (the entry is written before the bytes leave; no entry, no bytes). Undefined: not theirs (or gone).
 */
export async function readEvidence(db: Db, clock: Clock, staff: { id: string; municipalityId: string }, evidenceId: string): Promise<EvidenceContent | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('fee_reduction_evidence')
      .select(['application_id', 'position', 'content_type', 'content'])
      .where('id', '=', evidenceId)
      .where('municipality_id', '=', staff.municipalityId)
      .executeTakeFirst();
    if (!row) return undefined;
    await audit(tx, { action: 'fee_reduction.evidence.read', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: evidenceId, at: clock.now(), detail: { application_id: row.application_id } });
    return { position: row.position, type: row.content_type, bytes: Buffer.from(row.content) };
  });
}

export type DecisionResult =
  | { outcome: 'approved'; reductionId: string; until: CalendarDate | undefined }
  | { outcome: 'rejected' }
  /** Decided already (by someone else, or a double submit): nothing changed. */
  | { outcome: 'already-decided'; status: ApplicationStatus }
  /** A reduction of the child starts on or after that date. */
  | { outcome: 'later-exists'; from: CalendarDate }
  /** Another change of the child's reductions overlapped at the same moment. */
  | { outcome: 'overlap' };

interface Locked {
  id: string;
  child_id: string;
  category: ReductionCategory;
  status: ApplicationStatus;
  guardian_email: string;
  child_name: string;
}

async function lockApplication(tx: Db, municipalityId: string, id: string): Promise<Locked> {
  return tx
    .selectFrom('fee_reduction_applications as a')
    .innerJoin('users as g', 'g.id', 'a.guardian_id')
    .innerJoin('children as c', 'c.id', 'a.child_id')
    .select(['a.id', 'a.child_id', 'a.category', 'a.status', 'g.email as guardian_email', 'c.name as child_name'])
    .where('a.id', '=', id)
    .where('a.municipality_id', '=', municipalityId)
    .forUpdate('a')
    .executeTakeFirstOrThrow();
}

/**
 * 認定: the reduction applies from `from` — until the coming 31 August for a tax-based category,
 * open-ended otherwise — written with the decision, its audit entries and the guardian's mail.
 */
export async function approveReductionApplication(db: Db, clock: Clock, baseUrl: string, staff: { id: string; municipalityId: string }, id: string, from: CalendarDate): Promise<DecisionResult> {
  return conflictAs(
    db.transaction().execute(async (tx): Promise<DecisionResult> => {
      const application = await lockApplication(tx, staff.municipalityId, id);
      if (application.status !== 'pending') return { outcome: 'already-decided', status: application.status };
      const now = clock.now();
      const until = reductionUntil(application.category, from);
      const recorded = await recordReductionIn(tx, now, staff, application.child_id, application.category, from, until);
      if (recorded.outcome !== 'recorded') return recorded;
      await tx.updateTable('fee_reduction_applications').set({ status: 'approved', decided_by: staff.id, decided_at: now, reduction_id: recorded.id }).where('id', '=', id).execute();
      await audit(tx, {
        action: 'fee_reduction.application.approve',
        actorId: staff.id,
        municipalityId: staff.municipalityId,
        subjectId: id,
        at: now,
        detail: { reduction_id: recorded.id, category: application.category, effective_from: from.toString(), effective_until: until?.toString() ?? null },
      });
      await queueMail(tx, clock, reductionApprovedMail(application.guardian_email, application.child_name, application.category, from, until, `${baseUrl}${APPLY_PATH}`), staff.municipalityId);
      return { outcome: 'approved', reductionId: recorded.id, until };
    }),
    { fee_reductions_no_overlap: { outcome: 'overlap' } as const },
  );
}

/** 却下: with the reason the guardian is mailed. */
export async function rejectReductionApplication(db: Db, clock: Clock, baseUrl: string, staff: { id: string; municipalityId: string }, id: string, reason: string): Promise<DecisionResult> {
  return db.transaction().execute(async (tx): Promise<DecisionResult> => {
    const application = await lockApplication(tx, staff.municipalityId, id);
    if (application.status !== 'pending') return { outcome: 'already-decided', status: application.status };
    const now = clock.now();
    await tx.updateTable('fee_reduction_applications').set({ status: 'rejected', decided_by: staff.id, decided_at: now, reason }).where('id', '=', id).execute();
    await audit(tx, { action: 'fee_reduction.application.reject', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: id, at: now });
    await queueMail(tx, clock, reductionRejectedMail(application.guardian_email, application.child_name, application.category, reason, `${baseUrl}${APPLY_PATH}`), staff.municipalityId);
    return { outcome: 'rejected' };
  });
}

/**
 * From 1 September: the guardians of children whose tax-based reduction ended on 31 August of this
 * year, with nothing running from 1 September and no application waiting, are mailed to apply
 * again — once per child and year (the reminder row's primary key decides; a second run finds it).
 */
export async function remindToReapply(tx: Db, clock: Clock, baseUrl: string): Promise<Record<string, number>> {
  const today = CalendarDate.today(clock);
  const year = reminderYear(today);
  if (year === undefined) return { reminded: 0 };
  const ended = `${year}-08-31`;
  const september = `${year}-09-01`;
  const due = await tx
    .selectFrom('fee_reductions as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .innerJoin('users as g', 'g.id', 'c.guardian_id')
    .select(['c.id as child_id', 'c.municipality_id', 'c.name', 'g.email', 'r.category'])
    .where('r.effective_until', '=', ended)
    .where('r.category', 'in', ['tax_exempt', 'income_tax_exempt'])
    .where('c.certification_valid_until', '>=', today.toString())
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('fee_reductions as later')
            .select('later.id')
            .whereRef('later.child_id', '=', 'c.id')
            .where((eb) => eb.or([eb('later.effective_until', 'is', null), eb('later.effective_until', '>=', september)])),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('fee_reduction_applications as p').select('p.id').whereRef('p.child_id', '=', 'c.id').where('p.status', '=', 'pending'))))
    .orderBy('c.id')
    .execute();
  let reminded = 0;
  for (const row of due) {
    const claimed = await tx
      .insertInto('fee_reduction_reminders')
      .values({ child_id: row.child_id, municipality_id: row.municipality_id, year, sent_at: clock.now() })
      .onConflict((oc) => oc.columns(['child_id', 'year']).doNothing())
      .returning('child_id')
      .executeTakeFirst();
    if (!claimed) continue;
    await queueMail(tx, clock, reapplyReminderMail(row.email, row.name, row.category, CalendarDate.from(ended), `${baseUrl}${APPLY_PATH}`), row.municipality_id);
    reminded += 1;
  }
  return { reminded };
}

export function reapplyReminderJob(baseUrl: string): DailyJob {
  return { name: 'fees.reduction_reapply_reminder', run: (tx, clock) => remindToReapply(tx, clock, baseUrl) };
}
