// Booking, cancelling, the facility's decisions and slot generation. Every rule that two requests
// could race on is decided inside one transaction: the slot row and then the child row are locked
// (always in that order, so two bookings cannot deadlock), the counts are read under those locks,
// and the constraints (reservations_child_no_overlap, reservations_idempotency_unique) decide the
// rest. See docs/reservations.md.
import { designationsOf } from '../facilities/designation-queries.ts';
import { mayPublishOn } from '../facilities/designation-rules.ts';
import { randomUUID } from 'node:crypto';
import { sql, type QueryCreator } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { AccessRefused } from '../platform/access.ts';
import { audit, auditRow } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Db } from '../platform/database.ts';
import { conflictOf, retryingTransaction } from '../platform/db-errors.ts';
import { CalendarDate, DateRange, TimeRange } from '../platform/time.ts';
import {
  ALLOWANCE_COUNTING_STATUSES,
  NATIONAL_BUCKET,
  PLACE_HOLDING_STATUSES,
  ageClassOn,
  allocateAllowance,
  cancellationStatus,
  generateSlots,
  lengthProblem,
  oldEnoughOn,
  type AllowanceBucket,
  type SlotTemplate,
} from './rules.ts';
import type { ReservationKind } from './tables.ts';
import { municipalitySettingsFor, settingsFrom, settingsQuery } from '../municipalities/settings-queries.ts';
import type { MunicipalitySettings } from '../municipalities/rules.ts';

/** Who books: a guardian for their own child, or a facility's staff taking a booking by phone. */
export type BookingActor = { id: string; role: 'guardian' } | { id: string; role: 'facility_staff'; facilityId: string };
export type FacilityStaff = { id: string; facilityId: string };

export interface BookingRequest {
  slotId: string;
  childId: string;
  kind: ReservationKind;
  /** Minutes since midnight (Tokyo) on the slot's day; the end is exclusive. */
  startMinute: number;
  endMinute: number;
  /** One per showing of the booking form: a second submit of it finds the first booking. */
  idempotencyKey: string;
  comment?: string;
  /** お迎えに来られる方 (regular and flexible use), copied onto the booking. */
  pickup?: { name: string; relationship: string; phone: string };
  /** The 定期利用 series this date belongs to (reservation_series). */
  seriesId?: string;
}

export type RefusalReason =
  | 'full'
  | 'allowance'
  | 'overlap'
  | 'too-short'
  | 'bad-step'
  | 'outside-slot'
  | 'not-certified'
  | 'facility-rule'
  | 'no-interview'
  | 'not-approved'
  | 'age'
  | 'kind-not-offered'
  | 'slot-gone';

export type BookingResult = { outcome: 'booked'; reservationId: string } | { outcome: 'refused'; reason: RefusalReason };

const refused = (reason: RefusalReason): BookingResult => ({ outcome: 'refused', reason });

/** The offer's columns, as stored (null where the facility has no facility_offers row). */
export interface OfferColumns {
  offers_interview: boolean | null;
  offers_regular: boolean | null;
  offers_flexible: boolean | null;
  youngest_age_months: number | null;
  booking_style: 'free' | 'blocks' | null;
  cancel_minutes_before_day: number | null;
}

/** A facility that has not chosen offers everything, from 6 months, free length, deadline 0:00 on the day. */
export function offerFrom(row: OfferColumns | undefined) {
  return {
    kinds: { interview: row?.offers_interview ?? true, regular: row?.offers_regular ?? true, flexible: row?.offers_flexible ?? true },
    youngestAgeMonths: row?.youngest_age_months ?? 6,
    bookingStyle: row?.booking_style ?? 'free',
    cancelMinutesBeforeDay: row?.cancel_minutes_before_day ?? 0,
  };
}

/** The facility's offer (see offerFrom for a facility that has not chosen). */
export async function offerOf(tx: Db, facilityId: string) {
  return offerFrom(await tx.selectFrom('facility_offers').selectAll().where('facility_id', '=', facilityId).executeTakeFirst());
}

/** The national bucket (the municipality's monthly figure) first, then the municipality's own, as in effect in `month`. */
export async function bucketsOf(tx: Db, municipalityId: string, month: CalendarDate): Promise<AllowanceBucket[]> {
  return bucketsIn(await municipalitySettingsFor(tx, municipalityId, month), municipalityId);
}

function bucketsIn(settings: MunicipalitySettings, municipalityId: string): AllowanceBucket[] {
  return [
    { key: NATIONAL_BUCKET, minutesPerMonth: settings.monthlyAllowanceMinutes },
    ...settings.buckets.map((b) => ({ key: b.id, minutesPerMonth: b.minutesPerMonth, kinds: b.kinds, ...(b.ownFacilitiesOnly ? { facilityMunicipalityId: municipalityId } : {}) })),
  ];
}

/** Minutes charged to each bucket this month by bookings that still count, a row per bucket. */
function usedAllowanceQuery(tx: Db, childId: string, month: CalendarDate) {
  return tx
    .selectFrom('reservation_allowance_charges as c')
    .innerJoin('reservations as r', 'r.id', 'c.reservation_id')
    .select(['c.bucket', sql<number>`sum(c.minutes)::int`.as('minutes')])
    .where('c.child_id', '=', childId)
    .where('c.month', '=', month.toString())
    .where('r.status', 'in', ALLOWANCE_COUNTING_STATUSES)
    .groupBy('c.bucket');
}

const usedByBucket = (rows: Array<{ bucket: string; minutes: number }>): Record<string, number> => Object.fromEntries(rows.map((r) => [r.bucket, r.minutes]));

/** Minutes charged to each bucket this month by bookings that still count. */
export async function usedAllowance(tx: Db, childId: string, month: CalendarDate): Promise<Record<string, number>> {
  return usedByBucket(await usedAllowanceQuery(tx, childId, month).execute());
}

export interface AllowanceSummary {
  /** The first day of the month (Tokyo). */
  month: CalendarDate;
  /** Each bucket in the order it is drawn from: the national one first. */
  buckets: Array<{ key: string; name: string | undefined; minutesPerMonth: number; usedMinutes: number; bucket: AllowanceBucket }>;
  /** Over every bucket. */
  totalMinutes: number;
  usedMinutes: number;
}

/**
 * A child's 利用可能時間 in the month of `day`: each bucket's size and what provisional, confirmed
 * and late-cancelled bookings have used of it. For display and previews only: bookSlot decides.
 */
export async function allowanceOf(db: Db, childId: string, day: CalendarDate): Promise<AllowanceSummary> {
  const child = await db.selectFrom('children').select('municipality_id').where('id', '=', childId).executeTakeFirstOrThrow();
  const month = DateRange.monthOf(day).start;
  const [buckets, used, names] = await Promise.all([
    bucketsOf(db, child.municipality_id, month),
    usedAllowance(db, childId, month),
    municipalitySettingsFor(db, child.municipality_id, month).then((s) => s.buckets),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const rows = buckets.map((bucket) => ({ key: bucket.key, name: nameOf.get(bucket.key), minutesPerMonth: bucket.minutesPerMonth, usedMinutes: used[bucket.key] ?? 0, bucket }));
  return {
    month,
    buckets: rows,
    totalMinutes: rows.reduce((sum, r) => sum + r.minutesPerMonth, 0),
    usedMinutes: rows.reduce((sum, r) => sum + r.usedMinutes, 0),
  };
}

async function existingBooking(db: Db, bookedBy: string, idempotencyKey: string): Promise<BookingResult | undefined> {
  const row = await db.selectFrom('reservations').select('id').where('booked_by', '=', bookedBy).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
  return row && { outcome: 'booked', reservationId: row.id };
}

/**
 * Runs inside the booking's transaction once a new booking is written (not on a second submit of
 * the same form): to queue its mails, or to refuse it by throwing (the booking is rolled back).
 */
export type AfterBook = (tx: Db, reservationId: string) => Promise<void>;

// Each statement below is a round trip that every guardian pressing 送信 at once waits behind, so
// the reads that belong together are made in one statement (docs/performance.md). What must be read
// after a lock is acquired (the places taken, the hours used) is read in a statement after it.
async function bookInTransaction(tx: Db, clock: Clock, actor: BookingActor, request: BookingRequest, afterBook?: AfterBook): Promise<BookingResult> {
  const now = clock.now();

  // Lock 1: the slot. Every booking of it waits here, so its count below is exact. With it: the
  // facility's offer, and a booking made earlier from the same form (a second submit).
  const slot = await tx
    .selectFrom('slots as s')
    .leftJoin('facility_offers as o', 'o.facility_id', 's.facility_id')
    .selectAll('s')
    .select(['o.offers_interview', 'o.offers_regular', 'o.offers_flexible', 'o.youngest_age_months', 'o.booking_style', 'o.cancel_minutes_before_day'])
    .select((eb) => eb.selectFrom('reservations as r').select('r.id').where('r.booked_by', '=', actor.id).where('r.idempotency_key', '=', request.idempotencyKey).as('earlier_booking'))
    .where('s.id', '=', request.slotId)
    .forUpdate('s')
    .executeTakeFirst();
  if (slot?.earlier_booking) return { outcome: 'booked', reservationId: slot.earlier_booking };
  if (!slot) return (await existingBooking(tx, actor.id, request.idempotencyKey)) ?? refused('slot-gone');
  if (actor.role === 'facility_staff' && slot.facility_id !== actor.facilityId) throw new AccessRefused('reservation.book');
  if (slot.withdrawn_at !== null) return refused('slot-gone');
  const slotTime = TimeRange.fromInstants(slot.starts_at, slot.ends_at);
  const offer = offerFrom(slot);
  if (!offer.kinds[request.kind] || !slot.kinds.includes(request.kind)) return refused('kind-not-offered');

  if (!Number.isInteger(request.startMinute) || !Number.isInteger(request.endMinute) || request.startMinute < 0 || request.endMinute > 1440 || request.startMinute >= request.endMinute) {
    return refused('outside-slot');
  }
  const time = TimeRange.of(slotTime.date, request.startMinute, request.endMinute);
  if (time.start.getTime() <= now.getTime()) return refused('slot-gone');
  const problem = lengthProblem(time, slotTime, offer.bookingStyle);
  if (problem) return refused(problem);

  // Lock 2: the child. Every booking of this child (at any facility) waits here, so the month's
  // allowance below is read after every earlier booking has committed. With it: the facility's
  // 利用承認 of the child, and whether the family's approved application names the facility.
  const child = await tx
    .selectFrom('children as c')
    .select(['c.id', 'c.municipality_id', 'c.guardian_id', 'c.birth_date', 'c.certification_valid_from', 'c.certification_valid_until'])
    .select((eb) => [
      eb.selectFrom('facility_approvals as fa').select('fa.approved').where('fa.facility_id', '=', slot.facility_id).whereRef('fa.child_id', '=', 'c.id').as('approved'),
      // The same rule as bookingRule in src/facilities/queries.ts: a facility named in the family's approved application.
      eb
        .exists(
          eb
            .selectFrom('applications as a')
            .select('a.id')
            .whereRef('a.guardian_user_id', '=', 'c.guardian_id')
            .whereRef('a.municipality_id', '=', 'c.municipality_id')
            .where('a.status', '=', 'approved')
            .where('a.desired_facility_id', '=', slot.facility_id),
        )
        .as('named_in_application'),
    ])
    .where('c.id', '=', request.childId)
    .forNoKeyUpdate('c')
    .executeTakeFirst();
  if (!child || (actor.role === 'guardian' && child.guardian_id !== actor.id)) throw new AccessRefused('reservation.book');

  const day = slotTime.date.toString();
  if (day < child.certification_valid_from || day > child.certification_valid_until) return refused('not-certified');
  const birth = CalendarDate.from(child.birth_date);
  const ageClass = ageClassOn(birth, slotTime.date);
  if (ageClass === undefined || !oldEnoughOn(birth, slotTime.date, offer.youngestAgeMonths)) return refused('age');

  // Read now that both locks are held: the municipality's settings in effect in the month of use
  // (its rule and its allowance), the places taken for the child's age class, the hours used.
  const month = DateRange.monthOf(slotTime.date).start;
  const counted = await settingsQuery(tx, child.municipality_id, month)
    .select((eb) => [
      eb
        .selectFrom('reservations as r')
        .select((eb) => eb.fn.countAll<number>().as('taken'))
        .where('r.slot_id', '=', slot.id)
        .where('r.age_class', '=', ageClass)
        .where('r.status', 'in', PLACE_HOLDING_STATUSES)
        .as('taken'),
      jsonArrayFrom(usedAllowanceQuery(tx, child.id, month)).as('used'),
    ])
    .executeTakeFirstOrThrow();
  const settings = settingsFrom(counted);
  if (settings.namedFacilityOnly && !child.named_in_application) return refused('facility-rule');

  if (request.kind !== 'interview') {
    if (child.approved === null) return refused('no-interview');
    if (!child.approved) return refused('not-approved');
  }

  const capacity = [slot.capacity_age0, slot.capacity_age1, slot.capacity_age2][ageClass]!;
  if (Number(counted.taken) >= capacity) return refused('full');

  // A first interview is not use of the scheme: it draws on no allowance.
  let charges: Array<{ bucket: string; minutes: number }> = [];
  if (request.kind !== 'interview') {
    const allocation = allocateAllowance(bucketsIn(settings, child.municipality_id), usedByBucket(counted.used), {
      minutes: time.durationMinutes,
      kind: request.kind,
      facilityMunicipalityId: slot.municipality_id,
    });
    if (!allocation.ok) return refused('allowance');
    charges = allocation.charges;
  }

  // The booking, its charges and its audit entry in one statement (the charges' reference to the
  // booking is checked at the statement's end).
  const id = randomUUID();
  const logged = tx.with('logged', (db) =>
    db.insertInto('audit_log').values(auditRow({ action: 'reservation.book', actorId: actor.id, municipalityId: child.municipality_id, subjectId: id, at: now, detail: { facility_id: slot.facility_id, kind: request.kind } })),
  );
  const chargeRows = charges.map((c) => ({ reservation_id: id, child_id: child.id, municipality_id: child.municipality_id, month: month.toString(), bucket: c.bucket, minutes: c.minutes }));
  // Nothing reads the two CTEs by name, so both shapes are the plain query creator.
  const writes = (chargeRows.length > 0 ? logged.with('charged', (db) => db.insertInto('reservation_allowance_charges').values(chargeRows)) : logged) as unknown as QueryCreator<Database>;
  await writes
    .insertInto('reservations')
    .values({
      id,
      municipality_id: child.municipality_id,
      facility_id: slot.facility_id,
      child_id: child.id,
      kind: request.kind,
      status: 'provisional',
      starts_at: time.start,
      ends_at: time.end,
      created_at: now,
      slot_id: slot.id,
      age_class: ageClass,
      booked_by: actor.id,
      idempotency_key: request.idempotencyKey,
      comment: request.comment ?? '',
      series_id: request.seriesId ?? null,
      pickup_name: request.pickup?.name ?? '',
      pickup_relationship: request.pickup?.relationship ?? '',
      pickup_phone: request.pickup?.phone ?? '',
    })
    .execute();
  if (afterBook) await afterBook(tx, id);
  return { outcome: 'booked', reservationId: id };
}

/**
 * Books a child into a slot (仮予約), or says why not. One transaction; run again after a
 * deadlock or serialization failure. A second submit with the same idempotency key gives the first
 * booking back. `afterBook` runs in the same transaction after a new booking is written (mails).
 */
export async function bookSlot(db: Db, clock: Clock, actor: BookingActor, request: BookingRequest, afterBook?: AfterBook): Promise<BookingResult> {
  return retryingTransaction(async () => {
    try {
      return await db.transaction().execute((tx) => bookInTransaction(tx, clock, actor, request, afterBook));
    } catch (error) {
      const conflict = conflictOf(error);
      if (conflict?.constraint === 'reservations_child_no_overlap') return refused('overlap');
      if (conflict?.constraint === 'reservations_idempotency_unique') {
        const first = await existingBooking(db, actor.id, request.idempotencyKey);
        if (first) return first;
      }
      throw error;
    }
  });
}

export type CancelResult = { outcome: 'cancelled' | 'late_cancelled' } | { outcome: 'not-cancellable' };

/**
 * Cancels a booking: before the facility's deadline (0:00 on the day by default) the hours are
 * freed; from then on it is a late cancellation and keeps them. The caller has checked the
 * reservation is the actor's to cancel (reservationActions.cancel).
 */
export async function cancelReservation(db: Db, clock: Clock, actorId: string, reservationId: string): Promise<CancelResult> {
  return retryingTransaction(() => db.transaction().execute((tx) => cancelInTransaction(tx, clock.now(), actorId, reservationId)));
}

/** cancelReservation's work inside a transaction of the caller's (which may cancel several dates and queue mail with it). */
export async function cancelInTransaction(tx: Db, now: Date, actorId: string, reservationId: string): Promise<CancelResult> {
  const reservation = await tx.selectFrom('reservations').select(['id', 'status', 'starts_at', 'facility_id', 'municipality_id']).where('id', '=', reservationId).forUpdate().executeTakeFirst();
  if (!reservation || (reservation.status !== 'provisional' && reservation.status !== 'confirmed')) return { outcome: 'not-cancellable' };
  const offer = await offerOf(tx, reservation.facility_id);
  const status = cancellationStatus(now, CalendarDate.inTokyo(reservation.starts_at), offer.cancelMinutesBeforeDay);
  await tx.updateTable('reservations').set({ status, cancelled_by: actorId, cancelled_at: now }).where('id', '=', reservation.id).execute();
  await audit(tx, { action: 'reservation.cancel', actorId, municipalityId: reservation.municipality_id, subjectId: reservation.id, at: now, detail: { status } });
  return { outcome: status };
}

export type DecisionResult = { outcome: 'confirmed' | 'declined' } | { outcome: 'not-provisional' };

export interface DecisionOptions {
  /** Why the facility declined, shown to the family (reservations.decline_reason). */
  declineReason?: string;
  /** Runs in the same transaction once the decision is made (the guardian's mail). */
  afterDecision?: (tx: Db, reservationId: string) => Promise<void>;
}

/** The facility confirms (予約確定) or declines a provisional booking; a declined one frees its place and hours. */
export async function decideReservation(db: Db, clock: Clock, staff: FacilityStaff, reservationId: string, decision: 'confirm' | 'decline', options: DecisionOptions = {}): Promise<DecisionResult> {
  return db.transaction().execute(async (tx): Promise<DecisionResult> => {
    const now = clock.now();
    const status = decision === 'confirm' ? 'confirmed' : 'declined';
    const updated = await tx
      .updateTable('reservations')
      .set({ status, decided_by: staff.id, decided_at: now, ...(decision === 'decline' ? { decline_reason: options.declineReason ?? '' } : {}) })
      .where('id', '=', reservationId)
      .where('facility_id', '=', staff.facilityId)
      .where('status', '=', 'provisional')
      .returning(['id', 'municipality_id'])
      .executeTakeFirst();
    if (!updated) return { outcome: 'not-provisional' };
    await audit(tx, { action: decision === 'confirm' ? 'reservation.confirm' : 'reservation.decline', actorId: staff.id, municipalityId: updated.municipality_id, subjectId: updated.id, at: now });
    await options.afterDecision?.(tx, updated.id);
    return { outcome: status };
  });
}

export interface InterviewOutcome {
  childId: string;
  approved: boolean;
  /** Why not (shown to the family); may be empty when approved. */
  reason: string;
  /** The facility's own note. */
  note: string;
}

/**
 * 利用承認 or not, after a first interview at this facility (one that was booked and not cancelled
 * or declined). The latest decision stands.
 */
export async function recordInterviewOutcome(
  db: Db,
  clock: Clock,
  staff: FacilityStaff,
  outcome: InterviewOutcome,
  /** Runs in the same transaction once the decision is stored (the guardian's mail). */
  afterRecord?: (tx: Db) => Promise<void>,
): Promise<'recorded' | 'no-interview'> {
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const interview = await tx
      .selectFrom('reservations')
      .select('municipality_id')
      .where('child_id', '=', outcome.childId)
      .where('facility_id', '=', staff.facilityId)
      .where('kind', '=', 'interview')
      .where('status', 'in', ['provisional', 'confirmed'])
      .executeTakeFirst();
    if (!interview) return 'no-interview';
    const decision = { approved: outcome.approved, reason: outcome.reason, note: outcome.note, decided_by: staff.id, decided_at: now };
    await tx
      .insertInto('facility_approvals')
      .values({ facility_id: staff.facilityId, child_id: outcome.childId, municipality_id: interview.municipality_id, ...decision })
      .onConflict((oc) => oc.columns(['facility_id', 'child_id']).doUpdateSet(decision))
      .execute();
    await audit(tx, {
      action: 'child.facility_approval.record',
      actorId: staff.id,
      municipalityId: interview.municipality_id,
      subjectId: outcome.childId,
      at: now,
      detail: { facility_id: staff.facilityId, approved: outcome.approved },
    });
    await afterRecord?.(tx);
    return 'recorded';
  });
}

/**
 * Makes the facility's slots for `weeks` weeks from `from` from its weekly templates (skipping
 * holidays, its closed days and days without 認可・確認). Running it again inserts nothing twice; returns how many are new.
 */
export async function insertGeneratedSlots(db: Db, facilityId: string, from: CalendarDate, weeks: number): Promise<number> {
  const facility = await db.selectFrom('facilities').select('municipality_id').where('id', '=', facilityId).executeTakeFirstOrThrow();
  const templates = await db.selectFrom('slot_templates').selectAll().where('facility_id', '=', facilityId).execute();
  const closed = await db.selectFrom('facility_closed_days').select('date').where('facility_id', '=', facilityId).where('date', '>=', from.toString()).execute();
  // Only days on which the facility holds both 認可 and 確認 get slots.
  const designations = await designationsOf(db, facilityId);
  const slots = generateSlots(
    templates.map(
      (t): SlotTemplate => ({
        weekday: t.weekday as SlotTemplate['weekday'],
        startMinute: t.start_minute,
        endMinute: t.end_minute,
        capacity: [t.capacity_age0, t.capacity_age1, t.capacity_age2],
        kinds: t.kinds,
      }),
    ),
    from,
    weeks,
    closed.map((c) => CalendarDate.from(c.date)),
  ).filter((s) => mayPublishOn(designations, s.time.date));
  if (slots.length === 0) return 0;
  const inserted = await db
    .insertInto('slots')
    .values(
      slots.map((s) => ({
        facility_id: facilityId,
        municipality_id: facility.municipality_id,
        date: s.time.date.toString(),
        starts_at: s.time.start,
        ends_at: s.time.end,
        capacity_age0: s.capacity[0],
        capacity_age1: s.capacity[1],
        capacity_age2: s.capacity[2],
        kinds: [...s.kinds],
      })),
    )
    .onConflict((oc) => oc.constraint('slots_facility_period_unique').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
