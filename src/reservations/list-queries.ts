// What 予約一覧 reads: a guardian's children, each child's bookings (upcoming or past) with the
// facility, the pick-up person and any open request for a different pick-up time, one booking for
// the cancellation and pick-up change screens, and the later dates of a 定期利用 series. Reads only;
// the writes are in change-queries.ts.
import type { Db } from '../platform/database.ts';
import { CalendarDate, TimeRange } from '../platform/time.ts';
import { cancellationDeadline } from './rules.ts';
import { offerOf } from './queries.ts';
import type { BookingStyle, ReservationKind, ReservationStatus } from './tables.ts';

export interface Booking {
  id: string;
  childId: string;
  childName: string;
  guardianId: string;
  municipalityId: string;
  facilityId: string;
  facilityName: string;
  facilityPhone: string;
  kind: ReservationKind;
  status: ReservationStatus;
  startsAt: Date;
  endsAt: Date;
  /** The booking's time within its Tokyo day. */
  time: TimeRange;
  declineReason: string;
  pickup: { name: string; relationship: string; phone: string };
  comment: string;
  slotId: string | null;
  seriesId: string | null;
  seriesFrequency: 'weekly' | 'biweekly' | null;
  /** The request for a different pick-up time waiting for the facility's answer, if any. */
  openChange: { id: string; endMinute: number; message: string; requestedAt: Date } | undefined;
}

function bookingQuery(db: Db) {
  return db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('reservation_series as s', 's.id', 'r.series_id')
    .leftJoin('pickup_change_requests as p', (join) => join.onRef('p.reservation_id', '=', 'r.id').on('p.status', '=', 'requested'))
    .select([
      'r.id',
      'r.child_id',
      'c.name as child_name',
      'c.guardian_id',
      'r.municipality_id',
      'r.facility_id',
      'f.name as facility_name',
      'f.phone as facility_phone',
      'r.kind',
      'r.status',
      'r.starts_at',
      'r.ends_at',
      'r.decline_reason',
      'r.pickup_name',
      'r.pickup_relationship',
      'r.pickup_phone',
      'r.comment',
      'r.slot_id',
      'r.series_id',
      's.frequency as series_frequency',
      'p.id as change_id',
      'p.requested_end_minute as change_end_minute',
      'p.message as change_message',
      'p.requested_at as change_requested_at',
    ]);
}

type BookingRow = Awaited<ReturnType<ReturnType<typeof bookingQuery>['executeTakeFirstOrThrow']>>;

/** A booking's time on its day; rows from before slots existed are read the same way. */
function timeOf(start: Date, end: Date): TimeRange {
  try {
    return TimeRange.fromInstants(start, end);
  } catch {
    // Not within one Tokyo day on whole minutes (never booked so): shown up to the day's end.
    const date = CalendarDate.inTokyo(start);
    const startMinute = Math.floor((start.getTime() - date.startOfDay().getTime()) / 60_000);
    return TimeRange.of(date, Math.min(startMinute, 1439), 1440);
  }
}

function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    childId: row.child_id,
    childName: row.child_name,
    guardianId: row.guardian_id,
    municipalityId: row.municipality_id,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    facilityPhone: row.facility_phone,
    kind: row.kind,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    time: timeOf(row.starts_at, row.ends_at),
    declineReason: row.decline_reason,
    pickup: { name: row.pickup_name, relationship: row.pickup_relationship, phone: row.pickup_phone },
    comment: row.comment,
    slotId: row.slot_id,
    seriesId: row.series_id,
    seriesFrequency: row.series_frequency,
    openChange:
      row.change_id !== null && row.change_end_minute !== null && row.change_requested_at !== null
        ? { id: row.change_id, endMinute: row.change_end_minute, message: row.change_message ?? '', requestedAt: row.change_requested_at }
        : undefined,
  };
}

/** The guardian's children, the eldest first. */
export async function childrenOfGuardian(db: Db, guardianId: string) {
  return db.selectFrom('children').select(['id', 'name']).where('guardian_id', '=', guardianId).orderBy('birth_date').orderBy('id').execute();
}

export const PAST_LIMIT = 100;

/**
 * One child's bookings: upcoming (not yet ended, the soonest first, whatever their status) or past
 * (ended, the latest first, at most PAST_LIMIT). The caller has checked the child is the guardian's.
 */
export async function bookingsOfChild(db: Db, childId: string, which: 'upcoming' | 'past', now: Date): Promise<Booking[]> {
  const base = bookingQuery(db).where('r.child_id', '=', childId);
  const rows =
    which === 'upcoming'
      ? await base.where('r.ends_at', '>', now).orderBy('r.starts_at').orderBy('r.id').execute()
      : await base.where('r.ends_at', '<=', now).orderBy('r.starts_at', 'desc').orderBy('r.id').limit(PAST_LIMIT).execute();
  return rows.map(toBooking);
}

/** One booking by id (the caller has named its action, which checked whose it is). */
export async function bookingById(db: Db, reservationId: string): Promise<Booking | undefined> {
  const row = await bookingQuery(db).where('r.id', '=', reservationId).executeTakeFirst();
  return row && toBooking(row);
}

/** The live dates of the booking's 定期利用 series from this one on (this one first). */
export async function seriesFrom(db: Db, booking: Booking): Promise<Booking[]> {
  if (!booking.seriesId) return [booking];
  const rows = await bookingQuery(db)
    .where('r.series_id', '=', booking.seriesId)
    .where('r.child_id', '=', booking.childId)
    .where('r.starts_at', '>=', booking.startsAt)
    .where('r.status', 'in', ['provisional', 'confirmed'])
    .orderBy('r.starts_at')
    .orderBy('r.id')
    .execute();
  return rows.map(toBooking);
}

/** The bookings one cancellation changed (this one, and later dates of its series cancelled with it). */
export async function cancelledWith(db: Db, booking: Booking, cancelledAt: Date, cancelledBy: string): Promise<Booking[]> {
  if (!booking.seriesId) return [booking];
  const rows = await bookingQuery(db)
    .where('r.series_id', '=', booking.seriesId)
    .where('r.child_id', '=', booking.childId)
    .where('r.starts_at', '>=', booking.startsAt)
    .where('r.cancelled_at', '=', cancelledAt)
    .where('r.cancelled_by', '=', cancelledBy)
    .orderBy('r.starts_at')
    .execute();
  return rows.map(toBooking);
}

export async function cancellationOf(db: Db, reservationId: string) {
  return db.selectFrom('reservations').select(['cancelled_at', 'cancelled_by']).where('id', '=', reservationId).executeTakeFirst();
}

/** The facility's rules a booking screen explains: its cancellation deadline and booking style. */
export interface FacilityTerms {
  cancelMinutesBeforeDay: number;
  bookingStyle: BookingStyle;
}

export async function termsOf(db: Db, facilityId: string): Promise<FacilityTerms> {
  const offer = await offerOf(db, facilityId);
  return { cancelMinutesBeforeDay: offer.cancelMinutesBeforeDay, bookingStyle: offer.bookingStyle };
}

export function deadlineOf(booking: Booking, terms: FacilityTerms): Date {
  return cancellationDeadline(booking.time.date, terms.cancelMinutesBeforeDay);
}

/** The slot a booking was made in, as a time range, if it has one. */
export async function slotTimeOf(db: Db, slotId: string | null): Promise<TimeRange | undefined> {
  if (!slotId) return undefined;
  const slot = await db.selectFrom('slots').select(['starts_at', 'ends_at']).where('id', '=', slotId).executeTakeFirst();
  return slot && TimeRange.fromInstants(slot.starts_at, slot.ends_at);
}

/** The latest request for a different pick-up time the facility answered (shown with its reply). */
export async function lastDecidedChange(db: Db, reservationId: string) {
  return db
    .selectFrom('pickup_change_requests')
    .select(['status', 'requested_end_minute', 'reply', 'decided_at'])
    .where('reservation_id', '=', reservationId)
    .where('status', 'in', ['accepted', 'refused'])
    .orderBy('decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
