// What a facility's staff read and do with the bookings at their facility: the inbox of
// provisional bookings, one booking, a day's slots and bookings, the children interviewed here,
// cancelling at the facility, and what a booking by phone needs (finding the child by 認定番号 and
// birth date, the day's slots). Every query is filtered by the staff's facility; the decisions
// themselves are in queries.ts (decideReservation, recordInterviewOutcome, bookSlot).
import { sql } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { CalendarDate, TimeRange } from '../platform/time.ts';
import { facilityMayReadChild } from '../profiles/access.ts';
import { offerOf, type FacilityStaff } from './queries.ts';
import { PLACE_HOLDING_STATUSES } from './rules.ts';
import type { ReservationKind, ReservationStatus } from './tables.ts';

/** One booking as the facility's screens show it. */
export interface BookingView {
  id: string;
  kind: ReservationKind;
  status: ReservationStatus;
  time: TimeRange;
  ageClass: number | null;
  childId: string;
  childName: string;
  childKana: string;
  pickup: { name: string; relationship: string; phone: string };
  comment: string;
  declineReason: string;
  createdAt: Date;
  slotId: string | null;
  series: { frequency: 'weekly' | 'biweekly'; firstDate: CalendarDate; lastDate: CalendarDate } | undefined;
  /** Entered by the facility's staff (a booking by phone), not by the family. */
  bookedByFacility: boolean;
}

function bookingsAt(db: Db, facilityId: string) {
  return db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .leftJoin('reservation_series as s', 's.id', 'r.series_id')
    .leftJoin('users as b', 'b.id', 'r.booked_by')
    .select([
      'r.id',
      'r.kind',
      'r.status',
      'r.starts_at',
      'r.ends_at',
      'r.age_class',
      'r.child_id',
      'c.name as child_name',
      'c.name_kana as child_kana',
      'r.pickup_name',
      'r.pickup_relationship',
      'r.pickup_phone',
      'r.comment',
      'r.decline_reason',
      'r.created_at',
      'r.slot_id',
      's.frequency',
      's.first_date',
      's.last_date',
      'b.role as booked_by_role',
    ])
    .where('r.facility_id', '=', facilityId);
}

type BookingRow = Awaited<ReturnType<ReturnType<typeof bookingsAt>['execute']>>[number];

function toView(row: BookingRow): BookingView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    time: TimeRange.fromInstants(row.starts_at, row.ends_at),
    ageClass: row.age_class,
    childId: row.child_id,
    childName: row.child_name,
    childKana: row.child_kana,
    pickup: { name: row.pickup_name, relationship: row.pickup_relationship, phone: row.pickup_phone },
    comment: row.comment,
    declineReason: row.decline_reason,
    createdAt: row.created_at,
    slotId: row.slot_id,
    series:
      row.frequency && row.first_date && row.last_date
        ? { frequency: row.frequency, firstDate: CalendarDate.from(row.first_date), lastDate: CalendarDate.from(row.last_date) }
        : undefined,
    bookedByFacility: row.booked_by_role === 'facility_staff',
  };
}

/** 予約受付: the facility's provisional bookings, the longest waiting first. */
export async function inboxOf(db: Db, facilityId: string): Promise<BookingView[]> {
  const rows = await bookingsAt(db, facilityId).where('r.status', '=', 'provisional').orderBy('r.created_at').orderBy('r.starts_at').limit(500).execute();
  return rows.map(toView);
}

export async function provisionalCount(db: Db, facilityId: string): Promise<number> {
  const row = await db
    .selectFrom('reservations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('facility_id', '=', facilityId)
    .where('status', '=', 'provisional')
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One booking at the facility (undefined for another facility's). */
export async function bookingAt(db: Db, facilityId: string, reservationId: string): Promise<BookingView | undefined> {
  const row = await bookingsAt(db, facilityId).where('r.id', '=', reservationId).executeTakeFirst();
  return row && toView(row);
}

export interface SlotView {
  id: string;
  time: TimeRange;
  kinds: ReservationKind[];
  capacity: [number, number, number];
  /** Places held by provisional and confirmed bookings, per age class. */
  taken: [number, number, number];
  withdrawn: boolean;
}

/** The facility's slots on a day, with the places taken per age class. */
export async function slotsOn(db: Db, facilityId: string, date: CalendarDate, options: { includeWithdrawn?: boolean } = {}): Promise<SlotView[]> {
  let query = db
    .selectFrom('slots as s')
    .select((eb) => [
      's.id',
      's.starts_at',
      's.ends_at',
      's.kinds',
      's.capacity_age0',
      's.capacity_age1',
      's.capacity_age2',
      's.withdrawn_at',
      ...([0, 1, 2] as const).map((age) =>
        eb
          .selectFrom('reservations as r')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('r.slot_id', '=', 's.id')
          .where('r.age_class', '=', age)
          .where('r.status', 'in', PLACE_HOLDING_STATUSES)
          .as(`taken${age}`),
      ),
    ])
    .where('s.facility_id', '=', facilityId)
    .where('s.date', '=', date.toString());
  if (!options.includeWithdrawn) query = query.where('s.withdrawn_at', 'is', null);
  const rows = await query.orderBy('s.starts_at').orderBy('s.ends_at').execute();
  return rows.map((s) => ({
    id: s.id,
    time: TimeRange.fromInstants(s.starts_at, s.ends_at),
    kinds: s.kinds,
    capacity: [s.capacity_age0, s.capacity_age1, s.capacity_age2],
    taken: [Number(s.taken0 ?? 0), Number(s.taken1 ?? 0), Number(s.taken2 ?? 0)],
    withdrawn: s.withdrawn_at !== null,
  }));
}

export interface DayView {
  date: CalendarDate;
  slots: Array<SlotView & { bookings: BookingView[] }>;
  /** Bookings on the day outside any slot still listed (older rows, withdrawn slots). */
  other: BookingView[];
}

/** 日別の予約: the day's slots (withdrawn ones only if they still hold bookings) with their live bookings. */
export async function dayOf(db: Db, facilityId: string, date: CalendarDate): Promise<DayView> {
  const [slots, rows] = await Promise.all([
    slotsOn(db, facilityId, date, { includeWithdrawn: true }),
    bookingsAt(db, facilityId)
      .where('r.status', 'in', PLACE_HOLDING_STATUSES)
      .where('r.starts_at', '>=', date.startOfDay())
      .where('r.starts_at', '<', date.addDays(1).startOfDay())
      .orderBy('r.starts_at')
      .orderBy('r.ends_at')
      .orderBy('c.name_kana')
      .execute(),
  ]);
  const bookings = rows.map(toView);
  const listed = slots
    .map((slot) => ({ ...slot, bookings: bookings.filter((b) => b.slotId === slot.id) }))
    .filter((slot) => !slot.withdrawn || slot.bookings.length > 0);
  const slotIds = new Set(listed.map((s) => s.id));
  return { date, slots: listed, other: bookings.filter((b) => b.slotId === null || !slotIds.has(b.slotId)) };
}

export interface InterviewedChild {
  childId: string;
  childName: string;
  childKana: string;
  /** The latest first interview booked here. */
  interview: { id: string; time: TimeRange; status: ReservationStatus };
  decision: { approved: boolean; reason: string; note: string; decidedAt: Date } | undefined;
}

/** Children with a first interview booked here (not declined or cancelled), or a decision recorded here. */
export async function interviewedChildren(db: Db, facilityId: string): Promise<InterviewedChild[]> {
  const rows = await db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .leftJoin('facility_approvals as a', (join) => join.onRef('a.child_id', '=', 'r.child_id').on('a.facility_id', '=', facilityId))
    .distinctOn('r.child_id')
    .select(['r.child_id', 'c.name', 'c.name_kana', 'r.id', 'r.starts_at', 'r.ends_at', 'r.status', 'a.approved', 'a.reason', 'a.note', 'a.decided_at'])
    .where('r.facility_id', '=', facilityId)
    .where('r.kind', '=', 'interview')
    .where((eb) => eb.or([eb('r.status', 'in', PLACE_HOLDING_STATUSES), eb('a.child_id', 'is not', null)]))
    .orderBy('r.child_id')
    .orderBy('r.starts_at', 'desc')
    .limit(1000)
    .execute();
  return rows
    .map((r) => ({
      childId: r.child_id,
      childName: r.name,
      childKana: r.name_kana,
      interview: { id: r.id, time: TimeRange.fromInstants(r.starts_at, r.ends_at), status: r.status },
      decision:
        r.approved !== null && r.decided_at !== null ? { approved: r.approved, reason: r.reason ?? '', note: r.note ?? '', decidedAt: r.decided_at } : undefined,
    }))
    .sort((a, b) => b.interview.time.start.getTime() - a.interview.time.start.getTime());
}

export interface InterviewRecord {
  childId: string;
  childName: string;
  childKana: string;
  interviews: Array<{ id: string; time: TimeRange; status: ReservationStatus }>;
  decision: InterviewedChild['decision'];
}

/** A child's first interviews here and the decision recorded (the action rule has checked the child was booked for one). */
export async function interviewRecord(db: Db, facilityId: string, childId: string): Promise<InterviewRecord | undefined> {
  const child = await db.selectFrom('children').select(['id', 'name', 'name_kana']).where('id', '=', childId).executeTakeFirst();
  if (!child) return undefined;
  const [interviews, decision] = await Promise.all([
    db
      .selectFrom('reservations')
      .select(['id', 'starts_at', 'ends_at', 'status'])
      .where('child_id', '=', childId)
      .where('facility_id', '=', facilityId)
      .where('kind', '=', 'interview')
      .orderBy('starts_at', 'desc')
      .execute(),
    db.selectFrom('facility_approvals').selectAll().where('child_id', '=', childId).where('facility_id', '=', facilityId).executeTakeFirst(),
  ]);
  if (interviews.length === 0) return undefined;
  return {
    childId: child.id,
    childName: child.name,
    childKana: child.name_kana,
    interviews: interviews.map((i) => ({ id: i.id, time: TimeRange.fromInstants(i.starts_at, i.ends_at), status: i.status })),
    decision: decision && { approved: decision.approved, reason: decision.reason, note: decision.note, decidedAt: decision.decided_at },
  };
}

export type FacilityCancelResult = { outcome: 'cancelled' } | { outcome: 'not-cancellable' } | { outcome: 'provisional' } | { outcome: 'begun' };

/**
 * The facility cancels a confirmed booking (施設都合のキャンセル): always in time for the family, so
 * the place and the hours are freed; the reason is kept for the family. Only a confirmed booking at
 * the staff's facility that has not begun (a provisional one is declined instead).
 */
export async function cancelAtFacility(
  db: Db,
  clock: Clock,
  staff: FacilityStaff,
  reservationId: string,
  reason: string,
  afterCancel?: (tx: Db, reservationId: string) => Promise<void>,
): Promise<FacilityCancelResult> {
  return db.transaction().execute(async (tx): Promise<FacilityCancelResult> => {
    const now = clock.now();
    const reservation = await tx
      .selectFrom('reservations')
      .select(['id', 'status', 'starts_at', 'municipality_id'])
      .where('id', '=', reservationId)
      .where('facility_id', '=', staff.facilityId)
      .forUpdate()
      .executeTakeFirst();
    if (reservation?.status === 'provisional') return { outcome: 'provisional' };
    if (!reservation || reservation.status !== 'confirmed') return { outcome: 'not-cancellable' };
    if (reservation.starts_at.getTime() <= now.getTime()) return { outcome: 'begun' };
    await tx.updateTable('reservations').set({ status: 'cancelled', cancelled_by: staff.id, cancelled_at: now, decline_reason: reason }).where('id', '=', reservation.id).execute();
    await audit(tx, { action: 'reservation.cancel', actorId: staff.id, municipalityId: reservation.municipality_id, subjectId: reservation.id, at: now, detail: { status: 'cancelled' } });
    await afterCancel?.(tx, reservation.id);
    return { outcome: 'cancelled' };
  });
}

/**
 * A booking the facility's staff entered by phone is theirs to confirm at once: confirmed in the
 * booking's own transaction (called from bookSlot's afterBook).
 */
export async function confirmInTransaction(tx: Db, clock: Clock, staff: FacilityStaff, reservationId: string): Promise<void> {
  const now = clock.now();
  const updated = await tx
    .updateTable('reservations')
    .set({ status: 'confirmed', decided_by: staff.id, decided_at: now })
    .where('id', '=', reservationId)
    .where('facility_id', '=', staff.facilityId)
    .where('status', '=', 'provisional')
    .returning(['id', 'municipality_id'])
    .executeTakeFirst();
  if (updated) await audit(tx, { action: 'reservation.confirm', actorId: staff.id, municipalityId: updated.municipality_id, subjectId: updated.id, at: now });
}

// ---- Booking by phone ----

/**
 * The child whose 認定番号 and birth date both match, or undefined. Only what the staff need to
 * confirm they have the right child (the name) and to book (the id, the birth date they typed):
 * nothing else of the child's profile is read here.
 */
export async function findChildForPhoneBooking(db: Db, certificationNumber: string, birthDate: CalendarDate): Promise<{ id: string; name: string; birthDate: CalendarDate } | undefined> {
  const rows = await db
    .selectFrom('children')
    .select(['id', 'name'])
    .where('certification_number', '=', certificationNumber)
    .where('birth_date', '=', birthDate.toString())
    .limit(2)
    .execute();
  // A number is one child's; should two ever match, the staff are told nothing rather than the wrong one.
  const [only] = rows;
  return rows.length === 1 && only ? { id: only.id, name: only.name, birthDate } : undefined;
}

/**
 * The child's お迎えに来られる方, only where the facility may read the child's profile (a live
 * booking there: the rule of src/profiles/access.ts, in the same SQL).
 */
export async function pickupPersonsFor(db: Db, facilityId: string, childId: string) {
  return db
    .selectFrom('child_pickup_persons as p')
    .innerJoin('children', 'children.id', 'p.child_id')
    .select(['p.id', 'p.name', 'p.relationship', 'p.phone'])
    .where('p.child_id', '=', childId)
    .where((eb) => facilityMayReadChild(eb, facilityId))
    .orderBy('p.position')
    .execute();
}

export async function offeredKinds(db: Db, facilityId: string): Promise<ReservationKind[]> {
  const offer = await offerOf(db, facilityId);
  return (['interview', 'regular', 'flexible'] as const).filter((k) => offer.kinds[k]);
}

/** The facility's name, phone and cancellation deadline setting, for screens and mails. */
export async function facilityOf(db: Db, facilityId: string) {
  const facility = await db.selectFrom('facilities').select(['id', 'name', 'phone']).where('id', '=', facilityId).executeTakeFirstOrThrow();
  const offer = await offerOf(db, facilityId);
  return { ...facility, cancelMinutesBeforeDay: offer.cancelMinutesBeforeDay, bookingStyle: offer.bookingStyle };
}
