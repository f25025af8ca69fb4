// Attendance (guide step 8) in the database: a guardian's 利用開始 / 利用終了 from a scanned code,
// the day's roster, and the staff's hand-written times, 欠席 and 当日キャンセル. Every write is one
// transaction that locks the booking row first (so a check-in and a same-day cancellation of one
// booking take turns), and "one check-in per booking" is decided by the attendances primary key
// and a conditional upsert, not by a read before the write.
import { sql, type Selectable } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Db } from '../platform/database.ts';
import { retryingTransaction } from '../platform/db-errors.ts';
import { CalendarDate, TimeRange } from '../platform/time.ts';
import { cancelInTransaction } from '../reservations/queries.ts';
import type { ReservationStatus } from '../reservations/tables.ts';
import { rosterStatus, type AttendanceState, type RosterStatus } from './rules.ts';
import type { CheckVia, CorrectionField } from './tables.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { cancelReceiptMail } from '../reservations/list-mails.ts';

/** Bookings that are use of the scheme (a first interview is not checked in). */
const USE_KINDS = ['regular', 'flexible'] as const;

function dayBounds(day: CalendarDate): [Date, Date] {
  return [day.startOfDay(), day.addDays(1).startOfDay()];
}

// ---- The guardian ----

export interface ScanBooking {
  reservationId: string;
  childName: string;
  time: TimeRange;
  reservationStatus: ReservationStatus;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  noShowAt: Date | null;
}

/** The guardian's children's bookings at the facility today (live ones), earliest first. */
export async function bookingsForScan(db: Db, guardianId: string, facilityId: string, today: CalendarDate): Promise<ScanBooking[]> {
  const [from, to] = dayBounds(today);
  const rows = await db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .leftJoin('attendances as a', 'a.reservation_id', 'r.id')
    .select(['r.id', 'c.name', 'r.starts_at', 'r.ends_at', 'r.status', 'a.checked_in_at', 'a.checked_out_at', 'a.no_show_at'])
    .where('c.guardian_id', '=', guardianId)
    .where('r.facility_id', '=', facilityId)
    .where('r.kind', 'in', USE_KINDS)
    .where('r.status', 'in', ['provisional', 'confirmed'])
    .where('r.starts_at', '>=', from)
    .where('r.starts_at', '<', to)
    .orderBy('r.starts_at')
    .orderBy('c.name_kana')
    .execute();
  return rows.map((r) => ({
    reservationId: r.id,
    childName: r.name,
    time: TimeRange.fromInstants(r.starts_at, r.ends_at),
    reservationStatus: r.status,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
    noShowAt: r.no_show_at,
  }));
}

/** The facilities where the guardian has a live booking today (for a typed short code). */
export async function facilitiesBookedToday(db: Db, guardianId: string, today: CalendarDate): Promise<string[]> {
  const [from, to] = dayBounds(today);
  const rows = await db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .select('r.facility_id')
    .distinct()
    .where('c.guardian_id', '=', guardianId)
    .where('r.kind', 'in', USE_KINDS)
    .where('r.status', 'in', ['provisional', 'confirmed'])
    .where('r.starts_at', '>=', from)
    .where('r.starts_at', '<', to)
    .execute();
  return rows.map((r) => r.facility_id);
}

export type Direction = 'in' | 'out';

export type ScanResult =
  | { outcome: 'recorded'; at: Date }
  /** Nothing recorded: why, and (for a second scan) when the first was recorded. */
  | { outcome: 'already-in' | 'already-out'; at: Date }
  | { outcome: 'not-in' | 'absent' | 'wrong-facility' | 'not-today' | 'not-confirmed' | 'cancelled' | 'not-use' };

/**
 * 利用開始 or 利用終了 for a booking of the guardian's child, at the facility the scanned code
 * named, today. The booking row is locked first; the check-in is a conditional upsert, so two at
 * once record one, and a second scan records nothing.
 */
export async function recordScan(db: Db, clock: Clock, guardianId: string, request: { reservationId: string; facilityId: string; direction: Direction }): Promise<ScanResult> {
  return retryingTransaction(() =>
    db.transaction().execute(async (tx): Promise<ScanResult> => {
      const now = clock.now();
      const booking = await tx
        .selectFrom('reservations')
        .select(['id', 'facility_id', 'municipality_id', 'child_id', 'kind', 'status', 'starts_at'])
        .where('id', '=', request.reservationId)
        .where('child_id', 'in', (eb) => eb.selectFrom('children').select('id').where('guardian_id', '=', guardianId))
        .forUpdate()
        .executeTakeFirst();
      if (!booking || booking.facility_id !== request.facilityId) return { outcome: 'wrong-facility' };
      if (booking.kind === 'interview') return { outcome: 'not-use' };
      if (!CalendarDate.inTokyo(booking.starts_at).equals(CalendarDate.inTokyo(now))) return { outcome: 'not-today' };
      if (booking.status === 'provisional') return { outcome: 'not-confirmed' };
      if (booking.status !== 'confirmed') return { outcome: 'cancelled' };
      const current = await tx.selectFrom('attendances').selectAll().where('reservation_id', '=', booking.id).forUpdate().executeTakeFirst();
      if (current?.no_show_at) return { outcome: 'absent' };
      if (request.direction === 'in') {
        if (current?.checked_in_at) return { outcome: 'already-in', at: current.checked_in_at };
        const stored = await tx
          .insertInto('attendances')
          .values({
            reservation_id: booking.id,
            municipality_id: booking.municipality_id,
            facility_id: booking.facility_id,
            child_id: booking.child_id,
            checked_in_at: now,
            checked_in_by: guardianId,
            checked_in_via: 'qr',
            updated_at: now,
          })
          .onConflict((oc) =>
            oc
              .column('reservation_id')
              .doUpdateSet({ checked_in_at: now, checked_in_by: guardianId, checked_in_via: 'qr', updated_at: now })
              .where('attendances.checked_in_at', 'is', null)
              .where('attendances.no_show_at', 'is', null),
          )
          .returning('reservation_id')
          .executeTakeFirst();
        if (!stored) return { outcome: 'already-in', at: now };
        await audit(tx, { action: 'attendance.check_in', actorId: guardianId, municipalityId: booking.municipality_id, subjectId: booking.id, at: now, detail: { facility_id: booking.facility_id, via: 'qr' } });
        return { outcome: 'recorded', at: now };
      }
      if (!current?.checked_in_at) return { outcome: 'not-in' };
      if (current.checked_out_at) return { outcome: 'already-out', at: current.checked_out_at };
      const updated = await tx
        .updateTable('attendances')
        .set({ checked_out_at: now, checked_out_by: guardianId, checked_out_via: 'qr', updated_at: now })
        .where('reservation_id', '=', booking.id)
        .where('checked_in_at', 'is not', null)
        .where('checked_out_at', 'is', null)
        .returning('reservation_id')
        .executeTakeFirst();
      if (!updated) return { outcome: 'already-out', at: now };
      await audit(tx, { action: 'attendance.check_out', actorId: guardianId, municipalityId: booking.municipality_id, subjectId: booking.id, at: now, detail: { facility_id: booking.facility_id, via: 'qr' } });
      return { outcome: 'recorded', at: now };
    }),
  );
}

export interface OwnAttendance {
  reservationId: string;
  childName: string;
  facilityName: string;
  time: TimeRange;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
}

/** One booking of the guardian's child, with what has been recorded. */
export async function ownAttendance(db: Db, guardianId: string, reservationId: string): Promise<OwnAttendance | undefined> {
  const row = await db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('attendances as a', 'a.reservation_id', 'r.id')
    .select(['r.id', 'c.name as child_name', 'f.name as facility_name', 'r.starts_at', 'r.ends_at', 'a.checked_in_at', 'a.checked_out_at'])
    .where('r.id', '=', reservationId)
    .where('c.guardian_id', '=', guardianId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    reservationId: row.id,
    childName: row.child_name,
    facilityName: row.facility_name,
    time: TimeRange.fromInstants(row.starts_at, row.ends_at),
    checkedInAt: row.checked_in_at,
    checkedOutAt: row.checked_out_at,
  };
}

export interface InUse {
  childId: string;
  facilityName: string;
  checkedInAt: Date;
  time: TimeRange;
}

/** マイページ: the guardian's children checked in today and not yet out (利用中). */
export async function childrenInUse(db: Db, guardianId: string, today: CalendarDate): Promise<InUse[]> {
  const [from, to] = dayBounds(today);
  const rows = await db
    .selectFrom('attendances as a')
    .innerJoin('reservations as r', 'r.id', 'a.reservation_id')
    .innerJoin('children as c', 'c.id', 'a.child_id')
    .innerJoin('facilities as f', 'f.id', 'a.facility_id')
    .select(['a.child_id', 'f.name', 'a.checked_in_at', 'r.starts_at', 'r.ends_at'])
    .where('c.guardian_id', '=', guardianId)
    .where('a.checked_in_at', 'is not', null)
    .where('a.checked_out_at', 'is', null)
    .where('r.starts_at', '>=', from)
    .where('r.starts_at', '<', to)
    .execute();
  return rows.map((r) => ({ childId: r.child_id, facilityName: r.name, checkedInAt: r.checked_in_at!, time: TimeRange.fromInstants(r.starts_at, r.ends_at) }));
}

// ---- The facility: the day's roster ----

export interface RosterRow extends AttendanceState {
  reservationId: string;
  childId: string;
  childName: string;
  childKana: string;
  time: TimeRange;
  ageClass: number | null;
  allergens: string[];
  allergySeverity: 'mild' | 'moderate' | 'severe' | null;
  allergyNotes: string;
  epinephrine: boolean;
  pickup: { name: string; relationship: string; phone: string };
  checkedInVia: CheckVia | null;
  checkedOutVia: CheckVia | null;
  status: RosterStatus;
}

/** A facility's bookings with the child and the recorded times: what the roster and one record share. */
function bookingsWithTimes(db: Db, facilityId: string) {
  return db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .leftJoin('attendances as a', 'a.reservation_id', 'r.id')
    .select([
      'r.id',
      'r.kind',
      'r.status',
      'r.starts_at',
      'r.ends_at',
      'r.age_class',
      'r.pickup_name',
      'r.pickup_relationship',
      'r.pickup_phone',
      'c.id as child_id',
      'c.name',
      'c.name_kana',
      'c.municipality_id',
      'a.checked_in_at',
      'a.checked_in_via',
      'a.checked_out_at',
      'a.checked_out_via',
      'a.no_show_at',
    ])
    .where('r.facility_id', '=', facilityId);
}

type BookingWithTimes = Awaited<ReturnType<ReturnType<typeof bookingsWithTimes>['executeTakeFirstOrThrow']>>;

/** The booking's times and state, as both the roster and one record show them. */
function withTimes(row: BookingWithTimes): AttendanceState & Pick<AttendanceRecord, 'reservationId' | 'childName' | 'childKana' | 'time' | 'ageClass' | 'pickup' | 'checkedInVia' | 'checkedOutVia'> {
  return {
    reservationId: row.id,
    childName: row.name,
    childKana: row.name_kana,
    reservationStatus: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    time: TimeRange.fromInstants(row.starts_at, row.ends_at),
    ageClass: row.age_class,
    pickup: { name: row.pickup_name, relationship: row.pickup_relationship, phone: row.pickup_phone },
    checkedInAt: row.checked_in_at,
    checkedInVia: row.checked_in_via,
    checkedOutAt: row.checked_out_at,
    checkedOutVia: row.checked_out_via,
    noShowAt: row.no_show_at,
  };
}

/**
 * The facility's bookings of the day (regular and flexible: provisional, confirmed, late-cancelled)
 * with each child's allergies and エピペン. Reading them is reading health data: each child shown is
 * written to the audit log (child.sensitive.read) in the same transaction as the read.
 */
export async function rosterOf(db: Db, clock: Clock, staff: { id: string; facilityId: string }, day: CalendarDate): Promise<RosterRow[]> {
  const [from, to] = dayBounds(day);
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const rows = await bookingsWithTimes(tx, staff.facilityId)
      .leftJoin('child_profiles as p', 'p.child_id', 'c.id')
      .select([
        'p.allergy_severity',
        'p.allergy_notes',
        'p.epinephrine_auto_injector',
        sql<string[] | null>`(select array_agg(ca.allergen order by ca.allergen) from child_allergens ca where ca.child_id = c.id)`.as('allergens'),
      ])
      .where('r.kind', 'in', USE_KINDS)
      .where('r.status', 'in', ['provisional', 'confirmed', 'late_cancelled'])
      .where('r.starts_at', '>=', from)
      .where('r.starts_at', '<', to)
      .orderBy('r.starts_at')
      .orderBy('r.ends_at')
      .orderBy('c.name_kana')
      .limit(500)
      .execute();
    const read = new Map<string, string>();
    for (const r of rows) read.set(r.child_id, r.municipality_id);
    for (const [childId, municipalityId] of read) {
      await audit(tx, { action: 'child.sensitive.read', actorId: staff.id, municipalityId, subjectId: childId, detail: { facility_id: staff.facilityId }, at: now });
    }
    return rows.map((r) => {
      const record = withTimes(r);
      return {
        ...record,
        childId: r.child_id,
        allergens: r.allergens ?? [],
        allergySeverity: r.allergy_severity,
        allergyNotes: r.allergy_notes ?? '',
        epinephrine: r.epinephrine_auto_injector ?? false,
        status: rosterStatus(record, now),
      };
    });
  });
}

// ---- The facility: one booking's record ----

export interface Correction {
  field: CorrectionField;
  oldValue: Date | null;
  newValue: Date | null;
  reason: string;
  by: string;
  at: Date;
}

export interface AttendanceRecord extends AttendanceState {
  reservationId: string;
  childName: string;
  childKana: string;
  kind: 'interview' | 'regular' | 'flexible';
  time: TimeRange;
  ageClass: number | null;
  pickup: { name: string; relationship: string; phone: string };
  checkedInVia: CheckVia | null;
  checkedOutVia: CheckVia | null;
  corrections: Correction[];
}

/** One booking at the facility with its times and every correction (newest first). */
export async function attendanceAt(db: Db, facilityId: string, reservationId: string): Promise<AttendanceRecord | undefined> {
  const row = await bookingsWithTimes(db, facilityId)
    .where('r.id', '=', reservationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const corrections = await db
    .selectFrom('attendance_corrections as k')
    .innerJoin('users as u', 'u.id', 'k.corrected_by')
    .select(['k.field', 'k.old_value', 'k.new_value', 'k.reason', 'u.display_name', 'k.corrected_at'])
    .where('k.reservation_id', '=', reservationId)
    .where('k.facility_id', '=', facilityId)
    .orderBy('k.corrected_at', 'desc')
    .orderBy('k.id')
    .execute();
  return {
    ...withTimes(row),
    kind: row.kind,
    corrections: corrections.map((k) => ({ field: k.field, oldValue: k.old_value, newValue: k.new_value, reason: k.reason, by: k.display_name, at: k.corrected_at })),
  };
}

export type StaffResult =
  | { outcome: 'saved' }
  /** The times changed since the form was shown (a scan, another member of staff). */
  | { outcome: 'changed-meanwhile' }
  | { outcome: 'no-change' | 'not-use' | 'not-begun' | 'not-today' | 'cancelled' | 'checked-in' | 'absent' | 'not-found' };

type Staff = { id: string; facilityId: string };

/** The booking row, locked, if it is one of the facility's uses. */
type LockedBooking = NonNullable<Awaited<ReturnType<typeof lockedBooking>>>;

async function lockedBooking(tx: Db, staff: Staff, reservationId: string) {
  return tx
    .selectFrom('reservations')
    .select(['id', 'facility_id', 'municipality_id', 'child_id', 'kind', 'status', 'starts_at', 'ends_at'])
    .where('id', '=', reservationId)
    .where('facility_id', '=', staff.facilityId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * A confirmed use that has begun, locked with its attendance row (undefined before any record),
 * for staff to record on; otherwise why they cannot.
 */
async function lockedUse(
  tx: Db,
  staff: Staff,
  reservationId: string,
  now: Date,
): Promise<{ outcome: 'not-found' | 'not-use' | 'cancelled' | 'not-begun' } | { outcome?: undefined; booking: LockedBooking; current: Selectable<Database['attendances']> | undefined }> {
  const booking = await lockedBooking(tx, staff, reservationId);
  if (!booking) return { outcome: 'not-found' };
  if (booking.kind === 'interview') return { outcome: 'not-use' };
  if (booking.status !== 'confirmed') return { outcome: 'cancelled' };
  if (CalendarDate.inTokyo(booking.starts_at).isAfter(CalendarDate.inTokyo(now))) return { outcome: 'not-begun' };
  const current = await tx.selectFrom('attendances').selectAll().where('reservation_id', '=', booking.id).forUpdate().executeTakeFirst();
  return { booking, current };
}

async function correction(tx: Db, booking: { id: string; municipality_id: string; facility_id: string }, staff: Staff, field: CorrectionField, oldValue: Date | null, newValue: Date | null, reason: string, now: Date) {
  await tx
    .insertInto('attendance_corrections')
    .values({ reservation_id: booking.id, municipality_id: booking.municipality_id, facility_id: booking.facility_id, field, old_value: oldValue, new_value: newValue, reason, corrected_by: staff.id, corrected_at: now })
    .execute();
}

const sameInstant = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

export interface TimesInput {
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  /** What the form showed, so a change made meanwhile is not overwritten unseen. */
  shownIn: Date | null;
  shownOut: Date | null;
  reason: string;
}

/**
 * Staff record or correct 利用開始 / 利用終了 by hand, with a reason: each changed time is kept in
 * attendance_corrections (old, new, who, when, why). A check-in recorded for a child marked 欠席
 * takes the 欠席 back (also kept). Compare-and-set against the times the form showed.
 */
export async function correctTimes(db: Db, clock: Clock, staff: Staff, reservationId: string, input: TimesInput): Promise<StaffResult> {
  return retryingTransaction(() =>
    db.transaction().execute(async (tx): Promise<StaffResult> => {
      const now = clock.now();
      const use = await lockedUse(tx, staff, reservationId, now);
      if (use.outcome) return { outcome: use.outcome };
      const { booking, current } = use;
      const currentIn = current?.checked_in_at ?? null;
      const currentOut = current?.checked_out_at ?? null;
      if (!sameInstant(currentIn, input.shownIn) || !sameInstant(currentOut, input.shownOut)) return { outcome: 'changed-meanwhile' };
      const inChanged = !sameInstant(currentIn, input.checkedInAt);
      const outChanged = !sameInstant(currentOut, input.checkedOutAt);
      if (!inChanged && !outChanged) return { outcome: 'no-change' };
      const noShowAt = current?.no_show_at ?? null;
      const clearsNoShow = noShowAt !== null && input.checkedInAt !== null;
      const values = {
        checked_in_at: input.checkedInAt,
        checked_in_by: inChanged ? (input.checkedInAt ? staff.id : null) : (current?.checked_in_by ?? null),
        checked_in_via: inChanged ? (input.checkedInAt ? ('staff' as const) : null) : (current?.checked_in_via ?? null),
        checked_out_at: input.checkedOutAt,
        checked_out_by: outChanged ? (input.checkedOutAt ? staff.id : null) : (current?.checked_out_by ?? null),
        checked_out_via: outChanged ? (input.checkedOutAt ? ('staff' as const) : null) : (current?.checked_out_via ?? null),
        no_show_at: clearsNoShow ? null : noShowAt,
        no_show_by: clearsNoShow ? null : (current?.no_show_by ?? null),
        updated_at: now,
      };
      if (current) await tx.updateTable('attendances').set(values).where('reservation_id', '=', booking.id).execute();
      else
        await tx
          .insertInto('attendances')
          .values({ reservation_id: booking.id, municipality_id: booking.municipality_id, facility_id: booking.facility_id, child_id: booking.child_id, ...values })
          .execute();
      if (clearsNoShow) await correction(tx, booking, staff, 'no_show', noShowAt, null, input.reason, now);
      if (inChanged) await correction(tx, booking, staff, 'checked_in_at', currentIn, input.checkedInAt, input.reason, now);
      if (outChanged) await correction(tx, booking, staff, 'checked_out_at', currentOut, input.checkedOutAt, input.reason, now);
      await audit(tx, { action: 'attendance.correct', actorId: staff.id, municipalityId: booking.municipality_id, subjectId: booking.id, at: now, detail: { facility_id: booking.facility_id } });
      return { outcome: 'saved' };
    }),
  );
}

/** 欠席: the child did not come. The booking stays as it is, so its hours stay consumed. */
export async function markNoShow(db: Db, clock: Clock, staff: Staff, reservationId: string, reason: string): Promise<StaffResult> {
  return retryingTransaction(() =>
    db.transaction().execute(async (tx): Promise<StaffResult> => {
      const now = clock.now();
      const use = await lockedUse(tx, staff, reservationId, now);
      if (use.outcome) return { outcome: use.outcome };
      const { booking, current } = use;
      if (current?.checked_in_at) return { outcome: 'checked-in' };
      if (current?.no_show_at) return { outcome: 'absent' };
      if (current) await tx.updateTable('attendances').set({ no_show_at: now, no_show_by: staff.id, updated_at: now }).where('reservation_id', '=', booking.id).execute();
      else
        await tx
          .insertInto('attendances')
          .values({ reservation_id: booking.id, municipality_id: booking.municipality_id, facility_id: booking.facility_id, child_id: booking.child_id, no_show_at: now, no_show_by: staff.id, updated_at: now })
          .execute();
      await correction(tx, booking, staff, 'no_show', null, now, reason, now);
      await audit(tx, { action: 'attendance.no_show', actorId: staff.id, municipalityId: booking.municipality_id, subjectId: booking.id, at: now, detail: { facility_id: booking.facility_id } });
      return { outcome: 'saved' };
    }),
  );
}

/**
 * 当日キャンセル, told to the facility on the day: the reservations capability's own cancellation
 * (cancelInTransaction), which on the day of use is a late cancellation — the hours stay consumed,
 * the place is freed. Not once the child has come or been marked 欠席; kept with its reason.
 */
export async function sameDayCancel(db: Db, clock: Clock, baseUrl: string, staff: Staff, reservationId: string, reason: string): Promise<StaffResult> {
  return retryingTransaction(() =>
    db.transaction().execute(async (tx): Promise<StaffResult> => {
      const now = clock.now();
      const booking = await lockedBooking(tx, staff, reservationId);
      if (!booking) return { outcome: 'not-found' };
      if (booking.kind === 'interview') return { outcome: 'not-use' };
      if (booking.status !== 'confirmed' && booking.status !== 'provisional') return { outcome: 'cancelled' };
      if (!CalendarDate.inTokyo(booking.starts_at).equals(CalendarDate.inTokyo(now))) return { outcome: 'not-today' };
      const current = await tx.selectFrom('attendances').select(['checked_in_at', 'no_show_at']).where('reservation_id', '=', booking.id).forUpdate().executeTakeFirst();
      if (current?.checked_in_at) return { outcome: 'checked-in' };
      if (current?.no_show_at) return { outcome: 'absent' };
      const result = await cancelInTransaction(tx, now, staff.id, booking.id);
      if (result.outcome === 'not-cancellable') return { outcome: 'cancelled' };
      await correction(tx, booking, staff, 'same_day_cancel', null, now, reason, now);
      // The family told the facility; the mail confirms it, and that the hours stay used.
      const family = await tx
        .selectFrom('reservations as r')
        .innerJoin('children as c', 'c.id', 'r.child_id')
        .innerJoin('users as g', 'g.id', 'c.guardian_id')
        .innerJoin('facilities as f', 'f.id', 'r.facility_id')
        .select(['g.email', 'c.name as child_name', 'f.name as facility_name', 'r.starts_at', 'r.ends_at', 'r.municipality_id'])
        .where('r.id', '=', booking.id)
        .executeTakeFirstOrThrow();
      const line = { time: TimeRange.fromInstants(family.starts_at, family.ends_at), kind: booking.kind, outcome: 'late_cancelled' as const };
      await queueMail(tx, clock, cancelReceiptMail(family.email, family.facility_name, family.child_name, [line], `${baseUrl}/reservations`, true), family.municipality_id);
      return { outcome: 'saved' };
    }),
  );
}
