// 認可・確認 records of a facility, kept by its municipality. Recording a change that leaves future
// days without a valid confirmation withdraws those days' slots and cancels their bookings (the
// families mailed, their hours freed) in the same transaction, as closing a day does.
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { retryingTransaction } from '../platform/db-errors.ts';
import { isUuid } from '../platform/ids.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { CalendarDate } from '../platform/time.ts';
import { PLACE_HOLDING_STATUSES } from '../reservations/rules.ts';
import type { ReservationKind } from '../reservations/tables.ts';
import { mayPublishOn, type Designation } from './designation-rules.ts';
import type { ValidDesignation } from './designation-form.ts';
import { designationCancelMail } from './mails.ts';
import { cancelOnBehalf, countCancelled } from '../reservations/cancel-on-behalf.ts';

export interface DesignationRecord extends Designation {
  id: string;
  note: string;
  recordedBy: string | null;
}

/** The facility's records, newest first (by the day they take effect, then by when recorded). */
export async function designationsOf(db: Db, facilityId: string): Promise<DesignationRecord[]> {
  if (!isUuid(facilityId)) return [];
  const rows = await db
    .selectFrom('facility_designations as d')
    .leftJoin('users as u', 'u.id', 'd.recorded_by')
    .select(['d.id', 'd.effective_from', 'd.business_type', 'd.licensed_on', 'd.confirmed_on', 'd.confirmation_ends_on', 'd.note', 'd.recorded_at', 'u.display_name as recorded_by_name'])
    .where('d.facility_id', '=', facilityId)
    .orderBy('d.effective_from', 'desc')
    .orderBy('d.recorded_at', 'desc')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    effectiveFrom: r.effective_from,
    businessType: r.business_type,
    licensedOn: r.licensed_on,
    confirmedOn: r.confirmed_on,
    confirmationEndsOn: r.confirmation_ends_on,
    note: r.note,
    recordedAt: new Date(r.recorded_at),
    recordedBy: r.recorded_by_name,
  }));
}

export interface AffectedBooking {
  id: string;
  childName: string;
  kind: ReservationKind;
  startsAt: Date;
  endsAt: Date;
}

function asDesignation(value: ValidDesignation, at: Date): Designation {
  return { ...value, recordedAt: at };
}

/** Live bookings on slots from today on that the change would leave without a valid confirmation. */
export async function bookingsEndedBy(db: Db, clock: Clock, facilityId: string, value: ValidDesignation): Promise<AffectedBooking[]> {
  const records = [...(await designationsOf(db, facilityId)), asDesignation(value, clock.now())];
  const rows = await db
    .selectFrom('reservations as r')
    .innerJoin('slots as s', 's.id', 'r.slot_id')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .select(['r.id', 'r.kind', 'r.starts_at', 'r.ends_at', 's.date', 'c.name as child_name'])
    .where('r.facility_id', '=', facilityId)
    .where('r.status', 'in', PLACE_HOLDING_STATUSES)
    .where('s.date', '>=', CalendarDate.today(clock).toString())
    .orderBy('r.starts_at')
    .orderBy('r.id')
    .execute();
  return rows
    .filter((r) => !mayPublishOn(records, CalendarDate.from(r.date)))
    .map((r) => ({ id: r.id, childName: r.child_name, kind: r.kind, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) }));
}

export type RecordDesignationResult = { kind: 'recorded'; withdrawnSlots: number; cancelledBookings: number } | { kind: 'not-found' };

/**
 * Stores the change; then, under the facility's row lock (the turn slot generation and closing a
 * day take too) and the slots' row locks (the lock every booking takes first), withdraws the slots
 * from today on that are no longer covered and cancels their live bookings, mailing each family.
 */
export async function recordDesignation(
  db: Db,
  clock: Clock,
  staff: { id: string; municipalityId: string },
  facilityId: string,
  value: ValidDesignation,
): Promise<RecordDesignationResult> {
  if (!isUuid(facilityId)) return { kind: 'not-found' };
  return retryingTransaction(() =>
    db.transaction().execute(async (tx): Promise<RecordDesignationResult> => {
      const now = clock.now();
      const facility = await tx
        .selectFrom('facilities')
        .select(['id', 'name', 'phone', 'municipality_id'])
        .where('id', '=', facilityId)
        .where('municipality_id', '=', staff.municipalityId)
        .forNoKeyUpdate()
        .executeTakeFirst();
      if (!facility) return { kind: 'not-found' };
      const { id } = await tx
        .insertInto('facility_designations')
        .values({
          facility_id: facility.id,
          municipality_id: facility.municipality_id,
          effective_from: value.effectiveFrom,
          business_type: value.businessType,
          licensed_on: value.licensedOn,
          confirmed_on: value.confirmedOn,
          confirmation_ends_on: value.confirmationEndsOn,
          note: value.note,
          recorded_by: staff.id,
          recorded_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, { action: 'facility.designation.record', actorId: staff.id, municipalityId: facility.municipality_id, subjectId: facility.id, at: now, detail: { designation_id: id } });

      const records = await designationsOf(tx, facility.id);
      const futureSlots = await tx
        .selectFrom('slots')
        .select(['id', 'date'])
        .where('facility_id', '=', facility.id)
        .where('date', '>=', CalendarDate.today(clock).toString())
        .where('withdrawn_at', 'is', null)
        .orderBy('id')
        .forUpdate()
        .execute();
      const uncovered = futureSlots.filter((s) => !mayPublishOn(records, CalendarDate.from(s.date))).map((s) => s.id);
      if (uncovered.length === 0) return { kind: 'recorded', withdrawnSlots: 0, cancelledBookings: 0 };
      await tx.updateTable('slots').set({ withdrawn_at: now }).where('id', 'in', uncovered).execute();
      // The slots' locks, taken above, are the ones every booking of them takes first.
      const affected = await tx.selectFrom('reservations').select('id').where('slot_id', 'in', uncovered).where('status', 'in', PLACE_HOLDING_STATUSES).execute();
      const families = await cancelOnBehalf(
        tx,
        affected.map((b) => b.id),
        { staffId: staff.id, at: now, reason: '施設の確認（子ども・子育て支援法）が終了するため' },
        (b) => audit(tx, { action: 'reservation.cancel.facility_unconfirmed', actorId: staff.id, municipalityId: b.municipalityId, subjectId: b.id, at: now, detail: { facility_id: facility.id } }),
      );
      for (const family of families) {
        await queueMail(tx, clock, designationCancelMail(family.guardianEmail, { facilityName: facility.name, facilityPhone: facility.phone, bookings: family.bookings }), family.municipalityId);
      }
      return { kind: 'recorded', withdrawnSlots: uncovered.length, cancelledBookings: countCancelled(families) };
    }),
  );
}
