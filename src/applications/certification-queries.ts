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
import type { ValidTermination } from './certification-form.ts';
import { certificationEndedMail } from './mails.ts';

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
      if (bookings.length > 0) {
        const ids = bookings.map((b) => b.id);
        await tx
          .updateTable('reservations')
          .set({ status: 'cancelled', cancelled_by: staff.id, cancelled_at: now, decline_reason: '乳児等支援給付認定が終了したため' })
          .where('id', 'in', ids)
          .execute();
        await tx.updateTable('pickup_change_requests').set({ status: 'withdrawn' }).where('reservation_id', 'in', ids).where('status', '=', 'requested').execute();
        for (const b of bookings) {
          await audit(tx, { action: 'reservation.cancel.certification_ended', actorId: staff.id, municipalityId: b.municipality_id, subjectId: b.id, at: now });
        }
      }
      const guardian = await tx.selectFrom('users').select('email').where('id', '=', child.guardian_id).executeTakeFirstOrThrow();
      const mail = certificationEndedMail(guardian.email, {
        childName: child.name,
        lastDay: value.lastDay,
        bookings: bookings.map((b) => ({ facilityName: b.facility_name, kind: b.kind, startsAt: new Date(b.starts_at), endsAt: new Date(b.ends_at) })),
      });
      await queueMail(tx, clock, mail, child.municipality_id);
      return { kind: 'terminated', cancelled: bookings.length };
    }),
  );
}
