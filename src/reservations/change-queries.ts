// Changes to a booking after it was made, from 予約一覧 and the facility's answers: the guardian
// cancels (one date, or this and the later dates of a 定期利用 series) or asks for a different
// pick-up time; the facility accepts or refuses that request. Every write is one transaction with
// its audit entry and its mails (outbox). Accepting a new end time follows the booking's own rules
// (bookSlot's lock order, lengthProblem, the allowance, the overlap constraint): docs/reservations.md.
import { sql } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { conflictAs, conflictOf, retryingTransaction } from '../platform/db-errors.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { DateRange, TimeRange } from '../platform/time.ts';
import {
  cancelReceiptMail,
  cancelledToFacilityMail,
  pickupChangeAcceptedMail,
  pickupChangeRefusedMail,
  pickupChangeRequestedMail,
  pickupChangeWithdrawnMail,
  type CancelledLine,
} from './list-mails.ts';
import { bucketsOf, cancelInTransaction, offerOf, usedAllowance, type FacilityStaff } from './queries.ts';
import { BOOKING_STEP_MINUTES, MINIMUM_BOOKING_MINUTES, allocateAllowance, cancellationStatus, lengthProblem, type LengthProblem } from './rules.ts';
import type { BookingStyle, ReservationKind, ReservationStatus } from './tables.ts';

const LIVE: readonly ReservationStatus[] = ['provisional', 'confirmed'];
export const MESSAGE_MAX = 500;

// ---- Pure rules of a pick-up time change ----

/** Why a booking's pick-up time cannot be changed, if it cannot. */
export type ChangeProblem = 'status' | 'ended' | 'interview' | 'noSlot' | 'blocks' | 'noChoice';

export interface ChangeableBooking {
  status: ReservationStatus;
  kind: ReservationKind;
  time: TimeRange;
}

/**
 * The end times (minutes of the day) a booking may move to: from an hour after its start, in
 * 30-minute steps, up to the end of its slot, every one still ahead of `now`; not its present end.
 * None for a facility that books fixed blocks.
 */
export function pickupEndChoices(booking: ChangeableBooking, slot: TimeRange, style: BookingStyle, now: Date): number[] {
  if (style === 'blocks') return [];
  const choices: number[] = [];
  for (let end = booking.time.startMinute + MINIMUM_BOOKING_MINUTES; end <= slot.endMinute; end += BOOKING_STEP_MINUTES) {
    if (end === booking.time.endMinute) continue;
    const next = TimeRange.of(booking.time.date, booking.time.startMinute, end);
    if (lengthProblem(next, slot, style) || next.end.getTime() <= now.getTime()) continue;
    choices.push(end);
  }
  return choices;
}

export function changeProblem(booking: ChangeableBooking, slot: TimeRange | undefined, style: BookingStyle, now: Date): ChangeProblem | undefined {
  if (!LIVE.includes(booking.status)) return 'status';
  if (booking.time.end.getTime() <= now.getTime()) return 'ended';
  if (booking.kind === 'interview') return 'interview';
  if (!slot) return 'noSlot';
  if (style === 'blocks') return 'blocks';
  if (pickupEndChoices(booking, slot, style, now).length === 0) return 'noChoice';
  return undefined;
}

/**
 * The minutes a booking is charged after its length changes. Before the cancellation deadline it
 * is the new length; from the deadline on, hours are never given back: a shorter booking stays
 * charged as booked (the same rule as a late cancellation), a longer one is charged in full.
 */
export function minutesToCharge(newMinutes: number, chargedMinutes: number, pastDeadline: boolean): number {
  return pastDeadline ? Math.max(newMinutes, chargedMinutes) : newMinutes;
}

/** What a new end time would do to the allowance, read without locks: for the screens only (acceptPickupChange decides). */
export interface ChangePreview {
  /** Minutes the booking is charged now, and would be after the change. */
  chargedMinutes: number;
  newChargeMinutes: number;
  /** What the month has left for this kind of use at this facility now, and after the change (negative: exceeded). */
  leftMinutesNow: number;
  leftMinutesAfter: number;
  fits: boolean;
}

export async function previewChange(db: Db, now: Date, reservationId: string, endMinute: number): Promise<ChangePreview | undefined> {
  const booking = await db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .select(['r.id', 'r.kind', 'r.starts_at', 'r.ends_at', 'r.facility_id', 'r.child_id', 'c.municipality_id'])
    .where('r.id', '=', reservationId)
    .executeTakeFirst();
  if (!booking || booking.kind === 'interview') return undefined;
  const current = TimeRange.fromInstants(booking.starts_at, booking.ends_at);
  if (endMinute <= current.startMinute || endMinute > 1440) return undefined;
  const next = TimeRange.of(current.date, current.startMinute, endMinute);
  const offer = await offerOf(db, booking.facility_id);
  const facility = await db.selectFrom('facilities').select('municipality_id').where('id', '=', booking.facility_id).executeTakeFirstOrThrow();
  const month = DateRange.monthOf(current.date).start;
  const mine = await db.selectFrom('reservation_allowance_charges').select(['bucket', 'minutes']).where('reservation_id', '=', booking.id).execute();
  const charged = mine.reduce((sum, c) => sum + c.minutes, 0);
  const pastDeadline = cancellationStatus(now, current.date, offer.cancelMinutesBeforeDay) === 'late_cancelled';
  const minutes = minutesToCharge(next.durationMinutes, charged, pastDeadline);
  const used = { ...(await usedAllowance(db, booking.child_id, month)) };
  for (const c of mine) used[c.bucket] = (used[c.bucket] ?? 0) - c.minutes;
  const buckets = await bucketsOf(db, booking.municipality_id, month);
  const allocation = allocateAllowance(buckets, used, { minutes, kind: booking.kind, facilityMunicipalityId: facility.municipality_id });
  // What is left is counted in the buckets that may pay for this booking (kind and facility).
  const covering = buckets.filter((b) => (b.kinds === undefined || b.kinds.includes(booking.kind)) && (b.facilityMunicipalityId === undefined || b.facilityMunicipalityId === facility.municipality_id));
  const available = covering.reduce((sum, b) => sum + Math.max(0, b.minutesPerMonth - (used[b.key] ?? 0)), 0);
  return { chargedMinutes: charged, newChargeMinutes: minutes, leftMinutesNow: available - charged, leftMinutesAfter: available - minutes, fits: allocation.ok || minutes <= charged };
}

// ---- Who is mailed ----

async function staffAddresses(tx: Db, facilityId: string): Promise<string[]> {
  const rows = await tx.selectFrom('users').select('email').where('role', '=', 'facility_staff').where('facility_id', '=', facilityId).orderBy('email').execute();
  return rows.map((r) => r.email);
}

async function guardianAddress(tx: Db, childId: string): Promise<string> {
  const row = await tx.selectFrom('children as c').innerJoin('users as u', 'u.id', 'c.guardian_id').select('u.email').where('c.id', '=', childId).executeTakeFirstOrThrow();
  return row.email;
}

async function namesOf(tx: Db, childId: string, facilityId: string) {
  const [child, facility] = await Promise.all([
    tx.selectFrom('children').select('name').where('id', '=', childId).executeTakeFirstOrThrow(),
    tx.selectFrom('facilities').select('name').where('id', '=', facilityId).executeTakeFirstOrThrow(),
  ]);
  return { childName: child.name, facilityName: facility.name };
}

// ---- Cancelling ----

export type CancelScope = 'one' | 'later';

export interface Cancelled {
  id: string;
  outcome: 'cancelled' | 'late_cancelled';
}

/**
 * The guardian cancels a booking of their child that has not begun — or, with scope 'later', it
 * and every later live date of its 定期利用 series — in one transaction: each date by the core's
 * cancellation (its own deadline decides whether its hours are freed), any open pick-up change
 * request of it withdrawn, the facility's staff mailed and a receipt mailed to the guardian.
 * Returns what was cancelled (empty if nothing could be).
 */
export async function cancelBookings(db: Db, clock: Clock, baseUrl: string, guardianId: string, reservationId: string, scope: CancelScope): Promise<Cancelled[]> {
  return retryingTransaction(() =>
    db.transaction().execute(async (tx) => {
      const now = clock.now();
      const first = await tx
        .selectFrom('reservations as r')
        .innerJoin('children as c', 'c.id', 'r.child_id')
        .select(['r.id', 'r.series_id', 'r.child_id', 'r.starts_at', 'r.facility_id'])
        .where('r.id', '=', reservationId)
        .where('c.guardian_id', '=', guardianId)
        .executeTakeFirst();
      if (!first) return [];
      let ids = [first.id];
      if (scope === 'later' && first.series_id) {
        const later = await tx
          .selectFrom('reservations')
          .select('id')
          .where('series_id', '=', first.series_id)
          .where('child_id', '=', first.child_id)
          .where('starts_at', '>', first.starts_at)
          .where('status', 'in', LIVE)
          .orderBy('starts_at')
          .execute();
        ids = [first.id, ...later.map((r) => r.id)];
      }
      const lines: Array<CancelledLine & { id: string; facilityId: string }> = [];
      for (const id of ids) {
        // Locked in date order (cancelInTransaction locks the same row again, in this transaction).
        const row = await tx.selectFrom('reservations').select(['starts_at', 'ends_at', 'kind', 'facility_id']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        // A visit that has begun is not cancelled from here (the facility records what happened).
        if (row.starts_at.getTime() <= now.getTime()) continue;
        const result = await cancelInTransaction(tx, now, guardianId, id);
        if (result.outcome === 'not-cancellable') continue;
        lines.push({ id, facilityId: row.facility_id, outcome: result.outcome, kind: row.kind, time: TimeRange.fromInstants(row.starts_at, row.ends_at) });
      }
      if (lines.length === 0) return [];
      await tx
        .updateTable('pickup_change_requests')
        .set({ status: 'withdrawn', decided_at: now })
        .where(
          'reservation_id',
          'in',
          lines.map((l) => l.id),
        )
        .where('status', '=', 'requested')
        .execute();
      const { childName, facilityName } = await namesOf(tx, first.child_id, first.facility_id);
      const municipalityId = (await tx.selectFrom('children').select('municipality_id').where('id', '=', first.child_id).executeTakeFirstOrThrow()).municipality_id;
      // A series is at one facility; the lines are grouped by facility all the same.
      for (const facilityId of new Set(lines.map((l) => l.facilityId))) {
        const here = lines.filter((l) => l.facilityId === facilityId);
        const name = facilityId === first.facility_id ? facilityName : (await namesOf(tx, first.child_id, facilityId)).facilityName;
        for (const to of await staffAddresses(tx, facilityId)) {
          await queueMail(tx, clock, cancelledToFacilityMail(to, name, childName, here, `${baseUrl}/facility`), municipalityId);
        }
      }
      await queueMail(tx, clock, cancelReceiptMail(await guardianAddress(tx, first.child_id), facilityName, childName, lines, `${baseUrl}/reservations`), municipalityId);
      return lines.map((l) => ({ id: l.id, outcome: l.outcome }));
    }),
  );
}

// ---- A request for a different pick-up time (the guardian) ----

export type RequestResult = { outcome: 'requested'; requestId: string } | { outcome: 'already-open' } | { outcome: 'not-changeable'; problem: ChangeProblem | 'bad-end' };

/**
 * Records a request to end the booking at `endMinute` (status 'requested'; one open request per
 * booking, by the unique index pickup_change_requests_one_open) and mails the facility's staff.
 * The booking is read under a share lock, so it cannot be cancelled or changed meanwhile.
 */
export async function requestPickupChange(db: Db, clock: Clock, baseUrl: string, guardianId: string, reservationId: string, endMinute: number, message: string): Promise<RequestResult> {
  return conflictAs(
    db.transaction().execute(async (tx): Promise<RequestResult> => {
      const now = clock.now();
      const booking = await tx
        .selectFrom('reservations')
        .select(['id', 'child_id', 'facility_id', 'municipality_id', 'slot_id', 'kind', 'status', 'starts_at', 'ends_at'])
        .where('id', '=', reservationId)
        .forShare()
        .executeTakeFirst();
      const child = booking && (await tx.selectFrom('children').select('guardian_id').where('id', '=', booking.child_id).executeTakeFirst());
      if (!booking || child?.guardian_id !== guardianId) return { outcome: 'not-changeable', problem: 'status' };
      const time = TimeRange.fromInstants(booking.starts_at, booking.ends_at);
      const slot = booking.slot_id ? await tx.selectFrom('slots').select(['starts_at', 'ends_at']).where('id', '=', booking.slot_id).executeTakeFirst() : undefined;
      const slotTime = slot && TimeRange.fromInstants(slot.starts_at, slot.ends_at);
      const { bookingStyle } = await offerOf(tx, booking.facility_id);
      const view = { status: booking.status, kind: booking.kind, time };
      const problem = changeProblem(view, slotTime, bookingStyle, now);
      if (problem) return { outcome: 'not-changeable', problem };
      if (!pickupEndChoices(view, slotTime!, bookingStyle, now).includes(endMinute)) return { outcome: 'not-changeable', problem: 'bad-end' };
      const { id } = await tx
        .insertInto('pickup_change_requests')
        .values({
          reservation_id: booking.id,
          municipality_id: booking.municipality_id,
          facility_id: booking.facility_id,
          requested_end_minute: endMinute,
          message,
          requested_by: guardianId,
          requested_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, { action: 'reservation.pickup_change.request', actorId: guardianId, municipalityId: booking.municipality_id, subjectId: booking.id, at: now, detail: { request_id: id, end_minute: endMinute } });
      const { childName, facilityName } = await namesOf(tx, booking.child_id, booking.facility_id);
      for (const to of await staffAddresses(tx, booking.facility_id)) {
        await queueMail(tx, clock, pickupChangeRequestedMail(to, facilityName, childName, { time, kind: booking.kind }, endMinute, message, `${baseUrl}/facility/pickup-changes/${id}`), booking.municipality_id);
      }
      return { outcome: 'requested', requestId: id };
    }),
    { pickup_change_requests_one_open: { outcome: 'already-open' } as const },
  );
}

/** The guardian withdraws the booking's open request, if there is one; the facility's staff are mailed. */
export async function withdrawPickupChange(db: Db, clock: Clock, baseUrl: string, guardianId: string, reservationId: string): Promise<'withdrawn' | 'none-open'> {
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const withdrawn = await tx
      .updateTable('pickup_change_requests')
      .set({ status: 'withdrawn', decided_by: guardianId, decided_at: now })
      .where('reservation_id', '=', reservationId)
      .where('status', '=', 'requested')
      .where('reservation_id', 'in', (eb) => eb.selectFrom('reservations as r').innerJoin('children as c', 'c.id', 'r.child_id').select('r.id').where('c.guardian_id', '=', guardianId))
      .returning(['id', 'requested_end_minute', 'facility_id', 'municipality_id'])
      .executeTakeFirst();
    if (!withdrawn) return 'none-open';
    const booking = await tx.selectFrom('reservations').select(['child_id', 'kind', 'starts_at', 'ends_at']).where('id', '=', reservationId).executeTakeFirstOrThrow();
    await audit(tx, { action: 'reservation.pickup_change.withdraw', actorId: guardianId, municipalityId: withdrawn.municipality_id, subjectId: reservationId, at: now, detail: { request_id: withdrawn.id } });
    const { childName, facilityName } = await namesOf(tx, booking.child_id, withdrawn.facility_id);
    const time = TimeRange.fromInstants(booking.starts_at, booking.ends_at);
    for (const to of await staffAddresses(tx, withdrawn.facility_id)) {
      await queueMail(tx, clock, pickupChangeWithdrawnMail(to, facilityName, childName, { time, kind: booking.kind }, withdrawn.requested_end_minute, `${baseUrl}/facility/pickup-changes`), withdrawn.municipality_id);
    }
    return 'withdrawn';
  });
}

// ---- The facility's answer ----

export type AcceptRefusal = LengthProblem | 'allowance' | 'overlap' | 'not-live' | 'too-late';
export type AcceptResult = { outcome: 'accepted' } | { outcome: 'refused'; reason: AcceptRefusal } | { outcome: 'not-open' };

/**
 * The facility accepts a request: the booking's end moves, in one transaction and under the rules
 * of a booking. Locks the slot row, then the child row (bookSlot's order, so the two cannot
 * deadlock), then the booking and the request; checks the new time against the slot and the
 * facility's booking style; charges the allowance again (this booking's charges deleted and
 * allocated anew over what the child's other bookings use that month; refused if it would exceed
 * it; from the cancellation deadline on never fewer minutes than already charged); the exclusion
 * constraint reservations_child_no_overlap refuses a time that overlaps another booking of the
 * child. The request is marked accepted, audited, and the guardian mailed.
 */
export async function acceptPickupChange(db: Db, clock: Clock, baseUrl: string, staff: FacilityStaff, requestId: string, reply: string): Promise<AcceptResult> {
  const refused = (reason: AcceptRefusal): AcceptResult => ({ outcome: 'refused', reason });
  return retryingTransaction(async () => {
    try {
      return await db.transaction().execute(async (tx): Promise<AcceptResult> => {
        const now = clock.now();
        const head = await tx
          .selectFrom('pickup_change_requests as p')
          .innerJoin('reservations as r', 'r.id', 'p.reservation_id')
          .select(['r.id as reservation_id', 'r.slot_id', 'r.child_id'])
          .where('p.id', '=', requestId)
          .where('p.facility_id', '=', staff.facilityId)
          .executeTakeFirst();
        if (!head) return { outcome: 'not-open' };
        if (!head.slot_id) return refused('not-live');
        // Lock 1: the slot. Lock 2: the child (every booking of the child waits here, so the
        // month's allowance read below includes every booking committed before).
        const slot = await tx.selectFrom('slots').selectAll().where('id', '=', head.slot_id).forUpdate().executeTakeFirstOrThrow();
        const child = await tx.selectFrom('children').select(['id', 'municipality_id']).where('id', '=', head.child_id).forNoKeyUpdate().executeTakeFirstOrThrow();
        const booking = await tx.selectFrom('reservations').selectAll().where('id', '=', head.reservation_id).forUpdate().executeTakeFirstOrThrow();
        const request = await tx.selectFrom('pickup_change_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
        if (request.status !== 'requested') return { outcome: 'not-open' };
        if (!LIVE.includes(booking.status)) return refused('not-live');

        const slotTime = TimeRange.fromInstants(slot.starts_at, slot.ends_at);
        const current = TimeRange.fromInstants(booking.starts_at, booking.ends_at);
        if (request.requested_end_minute <= current.startMinute) return refused('too-short');
        const next = TimeRange.of(current.date, current.startMinute, request.requested_end_minute);
        if (next.end.getTime() <= now.getTime()) return refused('too-late');
        const offer = await offerOf(tx, slot.facility_id);
        const problem = lengthProblem(next, slotTime, offer.bookingStyle);
        if (problem) return refused(problem);

        if (booking.kind !== 'interview') {
          const month = DateRange.monthOf(current.date).start;
          const mine = await tx.selectFrom('reservation_allowance_charges').select(['bucket', 'minutes']).where('reservation_id', '=', booking.id).execute();
          const charged = mine.reduce((sum, c) => sum + c.minutes, 0);
          const pastDeadline = cancellationStatus(now, current.date, offer.cancelMinutesBeforeDay) === 'late_cancelled';
          const minutes = minutesToCharge(next.durationMinutes, charged, pastDeadline);
          // What the child's other bookings use this month: everything counted, less this booking's charges.
          const used = { ...(await usedAllowance(tx, child.id, month)) };
          for (const c of mine) used[c.bucket] = (used[c.bucket] ?? 0) - c.minutes;
          const allocation = allocateAllowance(await bucketsOf(tx, child.municipality_id, month), used, { minutes, kind: booking.kind, facilityMunicipalityId: slot.municipality_id });
          if (allocation.ok) {
            await tx.deleteFrom('reservation_allowance_charges').where('reservation_id', '=', booking.id).execute();
            await tx
              .insertInto('reservation_allowance_charges')
              .values(allocation.charges.map((c) => ({ reservation_id: booking.id, child_id: child.id, municipality_id: child.municipality_id, month: month.toString(), bucket: c.bucket, minutes: c.minutes })))
              .execute();
          } else if (minutes > charged) {
            return refused('allowance');
          }
          // (Not more minutes than before, yet no longer payable — the municipality lowered its
          // figure this month: the charges already made stand.)
        }

        await tx.updateTable('reservations').set({ ends_at: next.end }).where('id', '=', booking.id).execute();
        await tx.updateTable('pickup_change_requests').set({ status: 'accepted', decided_by: staff.id, decided_at: now, reply }).where('id', '=', request.id).execute();
        await audit(tx, {
          action: 'reservation.pickup_change.accept',
          actorId: staff.id,
          municipalityId: booking.municipality_id,
          subjectId: booking.id,
          at: now,
          detail: { request_id: request.id, end_minute: next.endMinute },
        });
        const { childName, facilityName } = await namesOf(tx, child.id, slot.facility_id);
        await queueMail(tx, clock, pickupChangeAcceptedMail(await guardianAddress(tx, child.id), facilityName, childName, { time: next, kind: booking.kind }, reply, `${baseUrl}/reservations`), booking.municipality_id);
        return { outcome: 'accepted' };
      });
    } catch (error) {
      if (conflictOf(error)?.constraint === 'reservations_child_no_overlap') return refused('overlap');
      throw error;
    }
  });
}

/** The facility refuses a request with a reply; the booking is unchanged and the guardian mailed. */
export async function refusePickupChange(db: Db, clock: Clock, baseUrl: string, staff: FacilityStaff, requestId: string, reply: string): Promise<'refused' | 'not-open'> {
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const request = await tx
      .updateTable('pickup_change_requests')
      .set({ status: 'refused', decided_by: staff.id, decided_at: now, reply })
      .where('id', '=', requestId)
      .where('facility_id', '=', staff.facilityId)
      .where('status', '=', 'requested')
      .returning(['id', 'reservation_id', 'municipality_id', 'requested_end_minute'])
      .executeTakeFirst();
    if (!request) return 'not-open';
    const booking = await tx.selectFrom('reservations').select(['child_id', 'kind', 'starts_at', 'ends_at']).where('id', '=', request.reservation_id).executeTakeFirstOrThrow();
    await audit(tx, { action: 'reservation.pickup_change.refuse', actorId: staff.id, municipalityId: request.municipality_id, subjectId: request.reservation_id, at: now, detail: { request_id: request.id } });
    const { childName, facilityName } = await namesOf(tx, booking.child_id, staff.facilityId);
    const time = TimeRange.fromInstants(booking.starts_at, booking.ends_at);
    await queueMail(
      tx,
      clock,
      pickupChangeRefusedMail(await guardianAddress(tx, booking.child_id), facilityName, childName, { time, kind: booking.kind }, request.requested_end_minute, reply, `${baseUrl}/reservations`),
      request.municipality_id,
    );
    return 'refused';
  });
}

// ---- What the facility's staff see ----

export interface ChangeRequest {
  id: string;
  reservationId: string;
  childId: string;
  childName: string;
  childKana: string;
  kind: ReservationKind;
  bookingStatus: ReservationStatus;
  time: TimeRange;
  endMinute: number;
  message: string;
  status: 'requested' | 'accepted' | 'refused' | 'withdrawn';
  requestedAt: Date;
  decidedAt: Date | null;
  reply: string;
  /** Still waiting when the booking's time has passed: no answer is needed any more. */
  lapsed: boolean;
}

function changeQuery(db: Db, facilityId: string) {
  return db
    .selectFrom('pickup_change_requests as p')
    .innerJoin('reservations as r', 'r.id', 'p.reservation_id')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .select([
      'p.id',
      'p.reservation_id',
      'r.child_id',
      'c.name as child_name',
      'c.name_kana as child_kana',
      'r.kind',
      'r.status as booking_status',
      'r.starts_at',
      'r.ends_at',
      'p.requested_end_minute',
      'p.message',
      'p.status',
      'p.requested_at',
      'p.decided_at',
      'p.reply',
    ])
    .where('p.facility_id', '=', facilityId);
}

type ChangeRow = Awaited<ReturnType<ReturnType<typeof changeQuery>['executeTakeFirstOrThrow']>>;

function toChange(row: ChangeRow, now: Date): ChangeRequest {
  return {
    id: row.id,
    reservationId: row.reservation_id,
    childId: row.child_id,
    childName: row.child_name,
    childKana: row.child_kana,
    kind: row.kind,
    bookingStatus: row.booking_status,
    time: TimeRange.fromInstants(row.starts_at, row.ends_at),
    endMinute: row.requested_end_minute,
    message: row.message,
    status: row.status,
    requestedAt: row.requested_at,
    decidedAt: row.decided_at,
    reply: row.reply,
    lapsed: row.status === 'requested' && row.ends_at.getTime() <= now.getTime(),
  };
}

/** Requests waiting for this facility's answer, the oldest first (not those whose booking has ended). */
export async function openChangesAt(db: Db, facilityId: string, now: Date): Promise<ChangeRequest[]> {
  const rows = await changeQuery(db, facilityId).where('p.status', '=', 'requested').where('r.ends_at', '>', now).orderBy('p.requested_at').orderBy('p.id').execute();
  return rows.map((row) => toChange(row, now));
}

/** Requests answered, withdrawn or lapsed lately, the latest first. */
export async function recentChangesAt(db: Db, facilityId: string, now: Date, limit = 20): Promise<ChangeRequest[]> {
  const rows = await changeQuery(db, facilityId)
    .where((eb) => eb.or([eb('p.status', '<>', 'requested'), eb('r.ends_at', '<=', now)]))
    .orderBy(sql`coalesce(p.decided_at, p.requested_at)`, 'desc')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((row) => toChange(row, now));
}

/** One request of this facility's (the action has checked it is). */
export async function changeAt(db: Db, facilityId: string, requestId: string, now: Date): Promise<ChangeRequest | undefined> {
  const row = await changeQuery(db, facilityId).where('p.id', '=', requestId).executeTakeFirst();
  return row && toChange(row, now);
}
