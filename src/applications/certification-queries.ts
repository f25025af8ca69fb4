// The municipality's certified children (認定者) and ending a certification before its term. The
// end is one transaction under the child's row lock — the lock every booking of the child takes —
// so no booking after the new last day can slip in; the live bookings after it are cancelled (hours
// freed), the family is mailed, and who ended it, when and why is kept.
import { sql } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { retryingTransaction } from '../platform/db-errors.ts';
import { isUuid } from '../platform/ids.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { CalendarDate } from '../platform/time.ts';
import { PLACE_HOLDING_STATUSES } from '../reservations/rules.ts';
import type { ReservationKind } from '../reservations/tables.ts';
import type { DailyJob } from '../platform/daily-jobs.ts';
import type { ValidChange } from './certification-change-form.ts';
import type { ValidTermination } from './certification-form.ts';
import { certificationChangeMail, certificationEndedMail } from './mails.ts';
import { cancelOnBehalf } from '../reservations/cancel-on-behalf.ts';

export const CHILDREN_PAGE_SIZE = 50;

/** This municipality's children, by reading; `search` matches name, reading or certification number. */
export async function certifiedChildren(db: Db, municipalityId: string, search: string, page: number) {
  let query = db
    .selectFrom('children as c')
    .innerJoin('users as g', 'g.id', 'c.guardian_id')
    .where('c.municipality_id', '=', municipalityId);
  if (search !== '') {
    const pattern = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) => eb.or([eb('c.name', 'like', pattern), eb('c.name_kana', 'like', pattern), eb('c.certification_number', 'like', pattern)]));
  }
  const [rows, total] = await Promise.all([
    query
      .select(['c.id', 'c.name', 'c.name_kana', 'c.birth_date', 'c.certification_number', 'c.certification_valid_from', 'c.certification_valid_until', 'g.display_name as guardian_name'])
      .orderBy('c.name_kana')
      .orderBy('c.id')
      .limit(CHILDREN_PAGE_SIZE)
      .offset((page - 1) * CHILDREN_PAGE_SIZE)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export interface BookingAfter {
  id: string;
  facilityName: string;
  kind: ReservationKind;
  startsAt: Date;
  endsAt: Date;
}

function liveBookingsAfter(db: Db, childId: string, lastDay: CalendarDate) {
  return db
    .selectFrom('reservations as r')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .select(['r.id', 'r.kind', 'r.starts_at', 'r.ends_at', 'r.municipality_id', 'f.name as facility_name'])
    .where('r.child_id', '=', childId)
    .where('r.status', 'in', PLACE_HOLDING_STATUSES)
    .where('r.starts_at', '>=', lastDay.addDays(1).startOfDay())
    .orderBy('r.starts_at')
    .orderBy('r.id');
}

export async function bookingsAfter(db: Db, childId: string, lastDay: CalendarDate): Promise<BookingAfter[]> {
  return (await liveBookingsAfter(db, childId, lastDay).execute()).map((r) => ({ id: r.id, facilityName: r.facility_name, kind: r.kind, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) }));
}

/** One of this municipality's children with its guardian and its certification's history; undefined for any other. */
export async function certificationOf(db: Db, municipalityId: string, childId: string) {
  if (!isUuid(childId)) return undefined;
  const child = await db
    .selectFrom('children as c')
    .innerJoin('users as g', 'g.id', 'c.guardian_id')
    .select(['c.id', 'c.name', 'c.name_kana', 'c.birth_date', 'c.certification_number', 'c.certification_valid_from', 'c.certification_valid_until', 'g.display_name as guardian_name', 'g.email as guardian_email'])
    .where('c.id', '=', childId)
    .where('c.municipality_id', '=', municipalityId)
    .executeTakeFirst();
  if (!child) return undefined;
  const terminations = await db
    .selectFrom('certification_terminations as t')
    .innerJoin('users as u', 'u.id', 't.recorded_by')
    .select(['t.id', 't.reason', 't.reason_note', 't.last_day', 't.previous_valid_until', 't.recorded_at', 'u.display_name as recorded_by'])
    .where('t.child_id', '=', childId)
    .orderBy('t.recorded_at', 'desc')
    .execute();
  return { child, terminations };
}

export type CertificationOf = NonNullable<Awaited<ReturnType<typeof certificationOf>>>;

export type TerminateResult = { kind: 'terminated'; cancelled: number } | { kind: 'not-found' } | { kind: 'not-earlier'; validUntil: string };

export async function terminateCertification(db: Db, clock: Clock, staff: { id: string; municipalityId: string }, childId: string, value: ValidTermination): Promise<TerminateResult> {
  if (!isUuid(childId)) return { kind: 'not-found' };
  return retryingTransaction(() =>
    db.transaction().execute(async (tx): Promise<TerminateResult> => {
      const now = clock.now();
      const child = await tx
        .selectFrom('children')
        .select(['id', 'name', 'municipality_id', 'guardian_id', 'certification_valid_until'])
        .where('id', '=', childId)
        .where('municipality_id', '=', staff.municipalityId)
        .forUpdate()
        .executeTakeFirst();
      if (!child) return { kind: 'not-found' };
      const lastDay = value.lastDay.toString();
      // Read under the lock: another staff member may have ended it a moment ago.
      if (lastDay >= child.certification_valid_until) return { kind: 'not-earlier', validUntil: child.certification_valid_until };
      await tx.updateTable('children').set({ certification_valid_until: lastDay }).where('id', '=', child.id).execute();
      // A pending change of the last day would undo the end when its month comes.
      await tx
        .updateTable('certification_changes')
        .set({ withdrawn_at: now, withdrawn_by: staff.id })
        .where('child_id', '=', child.id)
        .where('new_valid_until', 'is not', null)
        .where('applied_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .execute();
      await tx
        .insertInto('certification_terminations')
        .values({ child_id: child.id, municipality_id: child.municipality_id, reason: value.reason, reason_note: value.reasonNote, last_day: lastDay, previous_valid_until: child.certification_valid_until, recorded_by: staff.id, recorded_at: now })
        .execute();
      await audit(tx, {
        action: 'child.certification.terminate',
        actorId: staff.id,
        municipalityId: child.municipality_id,
        subjectId: child.id,
        at: now,
        detail: { last_day: lastDay, previous_valid_until: child.certification_valid_until, reason: value.reason },
      });
      const bookings = await liveBookingsAfter(tx, child.id, value.lastDay).execute();
      const [family] = await cancelOnBehalf(
        tx,
        bookings.map((b) => b.id),
        { staffId: staff.id, at: now, reason: '乳児等支援給付認定が終了したため' },
        (b) => audit(tx, { action: 'reservation.cancel.certification_ended', actorId: staff.id, municipalityId: b.municipalityId, subjectId: b.id, at: now }),
      );
      const cancelled = family?.bookings ?? [];
      const guardian = await tx.selectFrom('users').select('email').where('id', '=', child.guardian_id).executeTakeFirstOrThrow();
      const mail = certificationEndedMail(guardian.email, {
        childName: child.name,
        lastDay: value.lastDay,
        bookings: cancelled.map((b) => ({ facilityName: bookings.find((r) => r.id === b.id)!.facility_name, kind: b.kind, startsAt: b.startsAt, endsAt: b.endsAt })),
      });
      await queueMail(tx, clock, mail, child.municipality_id);
      return { kind: 'terminated', cancelled: cancelled.length };
    }),
  );
}

/** The pending and applied changes (変更認定) of one child, the latest first. */
export async function certificationChangesOf(db: Db, childId: string) {
  return db
    .selectFrom('certification_changes as x')
    .innerJoin('users as u', 'u.id', 'x.recorded_by')
    .select([
      'x.id',
      'x.effective_from',
      'x.new_name',
      'x.new_name_kana',
      'x.new_valid_until',
      'x.reason',
      'x.recorded_at',
      'x.applied_at',
      'x.withdrawn_at',
      'x.previous_name',
      'x.previous_name_kana',
      'x.previous_valid_until',
      'u.display_name as recorded_by',
    ])
    .where('x.child_id', '=', childId)
    .orderBy('x.effective_from', 'desc')
    .orderBy('x.recorded_at', 'desc')
    .execute();
}

export type CertificationChangeRow = Awaited<ReturnType<typeof certificationChangesOf>>[number];

export type RecordChangeResult = { kind: 'recorded'; changeId: string } | { kind: 'not-found' } | { kind: 'month-taken' };

/**
 * Records a change to apply on the first day of its month, and tells the family. One pending change
 * per child and month is the database's rule (certification_changes_one_pending): a second
 * submit, or a colleague's at the same moment, is refused there.
 */
export async function recordCertificationChange(db: Db, clock: Clock, staff: { id: string; municipalityId: string }, childId: string, value: ValidChange): Promise<RecordChangeResult> {
  if (!isUuid(childId)) return { kind: 'not-found' };
  return retryingTransaction(() =>
    db.transaction().execute(async (tx): Promise<RecordChangeResult> => {
      const now = clock.now();
      const child = await tx
        .selectFrom('children as c')
        .innerJoin('users as g', 'g.id', 'c.guardian_id')
        .select(['c.id', 'c.name', 'c.name_kana', 'c.municipality_id', 'c.certification_valid_until', 'g.email'])
        .where('c.id', '=', childId)
        .where('c.municipality_id', '=', staff.municipalityId)
        .executeTakeFirst();
      if (!child) return { kind: 'not-found' };
      const inserted = await tx
        .insertInto('certification_changes')
        .values({
          child_id: child.id,
          municipality_id: child.municipality_id,
          effective_from: value.from.toString(),
          new_name: value.name ?? null,
          new_name_kana: value.nameKana ?? null,
          new_valid_until: value.validUntil?.toString() ?? null,
          reason: value.reason,
          recorded_by: staff.id,
          recorded_at: now,
        })
        .onConflict((oc) => oc.columns(['child_id', 'effective_from']).where('applied_at', 'is', null).where('withdrawn_at', 'is', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return { kind: 'month-taken' };
      await audit(tx, {
        action: 'child.certification.change',
        actorId: staff.id,
        municipalityId: child.municipality_id,
        subjectId: child.id,
        at: now,
        detail: { change_id: inserted.id, effective_from: value.from.toString() },
      });
      await queueMail(
        tx,
        clock,
        certificationChangeMail(child.email, {
          childName: child.name,
          from: value.from,
          name: value.name,
          nameKana: value.nameKana,
          validUntil: value.validUntil,
        }),
        child.municipality_id,
      );
      return { kind: 'recorded', changeId: inserted.id };
    }),
  );
}

/** Withdraws a change that has not applied yet; false when there is none such (applied, withdrawn, another municipality's). */
export async function withdrawCertificationChange(db: Db, clock: Clock, staff: { id: string; municipalityId: string }, childId: string, changeId: string): Promise<boolean> {
  if (!isUuid(childId) || !isUuid(changeId)) return false;
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    // The condition is the lock: of two withdrawals, or a withdrawal and the job, one wins.
    const withdrawn = await tx
      .updateTable('certification_changes')
      .set({ withdrawn_at: now, withdrawn_by: staff.id })
      .where('id', '=', changeId)
      .where('child_id', '=', childId)
      .where('municipality_id', '=', staff.municipalityId)
      .where('applied_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .returning(['id', 'municipality_id'])
      .executeTakeFirst();
    if (!withdrawn) return false;
    await audit(tx, { action: 'child.certification.change.withdraw', actorId: staff.id, municipalityId: withdrawn.municipality_id, subjectId: childId, at: now, detail: { change_id: changeId } });
    return true;
  });
}

/**
 * Applies every pending change whose month has begun, oldest first, each under the child's row
 * lock (the lock bookings take), keeping what the certification said before.
 */
export async function applyDueCertificationChanges(tx: Db, clock: Clock): Promise<Record<string, number>> {
  const today = CalendarDate.today(clock).toString();
  const due = await tx
    .selectFrom('certification_changes')
    .select(['id', 'child_id', 'municipality_id', 'new_name', 'new_name_kana', 'new_valid_until'])
    .where('effective_from', '<=', today)
    .where('applied_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .orderBy('effective_from')
    .orderBy('recorded_at')
    .forUpdate()
    .execute();
  for (const change of due) {
    const now = clock.now();
    const child = await tx.selectFrom('children').select(['name', 'name_kana', 'certification_valid_until']).where('id', '=', change.child_id).forUpdate().executeTakeFirstOrThrow();
    const fields: string[] = [];
    if (change.new_name !== null) fields.push('name');
    if (change.new_name_kana !== null) fields.push('name_kana');
    if (change.new_valid_until !== null) fields.push('certification_valid_until');
    await tx
      .updateTable('children')
      .set({
        name: change.new_name ?? child.name,
        name_kana: change.new_name_kana ?? child.name_kana,
        certification_valid_until: change.new_valid_until ?? child.certification_valid_until,
      })
      .where('id', '=', change.child_id)
      .execute();
    await tx
      .updateTable('certification_changes')
      .set({ applied_at: now, previous_name: child.name, previous_name_kana: child.name_kana, previous_valid_until: child.certification_valid_until })
      .where('id', '=', change.id)
      .execute();
    await audit(tx, { action: 'child.certification.change.apply', actorId: null, municipalityId: change.municipality_id, subjectId: change.child_id, at: now, detail: { change_id: change.id, fields } });
  }
  return { applied: due.length };
}

export const certificationChangesJob: DailyJob = { name: 'applications.certification_changes', run: applyDueCertificationChanges };
