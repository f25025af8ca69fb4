// The facility's booking setup: its offer (facility_offers), weekly slot templates, closed days and
// the slot list. Every write is one transaction with its audit entries; closing a day locks the
// day's slots before it reads the bookings it cancels, so a booking made meanwhile is cancelled too.
import { sql } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { conflictAs, retryingTransaction } from '../platform/db-errors.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { CalendarDate, TimeRange } from '../platform/time.ts';
import { insertGeneratedSlots } from './queries.ts';
import { PLACE_HOLDING_STATUSES } from './rules.ts';
import type { ValidOffer, ValidTemplate } from './setup-form.ts';
import { closedDayMail } from './setup-mails.ts';
import { cancelOnBehalf, countCancelled } from './cancel-on-behalf.ts';
import type { ReservationKind } from './tables.ts';

export interface SetupStaff {
  id: string;
  facilityId: string;
}

const DEFAULT_WEEKS_AHEAD = 4;

export async function facilityOf(db: Db, facilityId: string) {
  return db.selectFrom('facilities').select(['id', 'name', 'phone', 'municipality_id']).where('id', '=', facilityId).executeTakeFirstOrThrow();
}

/** The facility's offer, or the defaults a facility without a row books under (see offerOf). */
export async function offerSettings(db: Db, facilityId: string): Promise<{ saved: boolean; offer: ValidOffer }> {
  const row = await db.selectFrom('facility_offers').selectAll().where('facility_id', '=', facilityId).executeTakeFirst();
  return {
    saved: row !== undefined,
    offer: {
      kinds: { interview: row?.offers_interview ?? true, regular: row?.offers_regular ?? true, flexible: row?.offers_flexible ?? true },
      youngestAgeMonths: row?.youngest_age_months ?? 6,
      bookingStyle: row?.booking_style ?? 'free',
      cancelMinutesBeforeDay: row?.cancel_minutes_before_day ?? 0,
      bookingNotes: row?.booking_notes ?? '',
      weeksAhead: row?.weeks_ahead ?? DEFAULT_WEEKS_AHEAD,
    },
  };
}

export function offeredKinds(offer: ValidOffer): ReservationKind[] {
  return (['interview', 'regular', 'flexible'] as const).filter((k) => offer.kinds[k]);
}

async function weeksAheadOf(db: Db, facilityId: string): Promise<number> {
  const row = await db.selectFrom('facility_offers').select('weeks_ahead').where('facility_id', '=', facilityId).executeTakeFirst();
  return row?.weeks_ahead ?? DEFAULT_WEEKS_AHEAD;
}

/** Slots from tomorrow for the facility's weeks ahead; returns how many are new. */
async function generate(tx: Db, clock: Clock, facilityId: string): Promise<number> {
  // The facility's row is the turn every change of its days takes (closeDay holds it too), so slots
  // are never generated onto a day that is being closed at the same moment.
  await lockFacility(tx, facilityId);
  return insertGeneratedSlots(tx, facilityId, CalendarDate.today(clock).addDays(1), await weeksAheadOf(tx, facilityId));
}

/** Holds the facility's row while its templates change, so two changes at once take turns. */
async function lockFacility(tx: Db, facilityId: string) {
  return tx.selectFrom('facilities').select(['id', 'municipality_id']).where('id', '=', facilityId).forNoKeyUpdate().executeTakeFirstOrThrow();
}

/** Saves 予約の設定 and creates the slots its weeks ahead now reach; returns how many slots are new. */
export async function saveOffer(db: Db, clock: Clock, staff: SetupStaff, value: ValidOffer): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const facility = await lockFacility(tx, staff.facilityId);
    const row = {
      offers_interview: value.kinds.interview,
      offers_regular: value.kinds.regular,
      offers_flexible: value.kinds.flexible,
      youngest_age_months: value.youngestAgeMonths,
      booking_style: value.bookingStyle,
      cancel_minutes_before_day: value.cancelMinutesBeforeDay,
      booking_notes: value.bookingNotes,
      weeks_ahead: value.weeksAhead,
      updated_at: now,
    };
    await tx
      .insertInto('facility_offers')
      .values({ facility_id: facility.id, municipality_id: facility.municipality_id, ...row })
      .onConflict((oc) => oc.column('facility_id').doUpdateSet(row))
      .execute();
    await audit(tx, { action: 'facility.offer.update', actorId: staff.id, municipalityId: facility.municipality_id, subjectId: facility.id, at: now });
    return generate(tx, clock, facility.id);
  });
}

export async function templatesOf(db: Db, facilityId: string) {
  return db.selectFrom('slot_templates').selectAll().where('facility_id', '=', facilityId).orderBy('weekday').orderBy('start_minute').orderBy('end_minute').execute();
}

export type AddTemplateResult = { kind: 'added'; slots: number } | { kind: 'overlap'; startMinute: number; endMinute: number };

/** Adds a weekly template (none overlapping on the same weekday) and creates its slots. */
export async function addTemplate(db: Db, clock: Clock, staff: SetupStaff, value: ValidTemplate): Promise<AddTemplateResult> {
  return db.transaction().execute(async (tx): Promise<AddTemplateResult> => {
    const now = clock.now();
    const facility = await lockFacility(tx, staff.facilityId);
    const other = await tx
      .selectFrom('slot_templates')
      .select(['start_minute', 'end_minute'])
      .where('facility_id', '=', facility.id)
      .where('weekday', '=', value.weekday)
      .where('start_minute', '<', value.endMinute)
      .where('end_minute', '>', value.startMinute)
      .executeTakeFirst();
    if (other) return { kind: 'overlap', startMinute: other.start_minute, endMinute: other.end_minute };
    const { id } = await tx
      .insertInto('slot_templates')
      .values({
        facility_id: facility.id,
        municipality_id: facility.municipality_id,
        weekday: value.weekday,
        start_minute: value.startMinute,
        end_minute: value.endMinute,
        capacity_age0: value.capacity[0],
        capacity_age1: value.capacity[1],
        capacity_age2: value.capacity[2],
        kinds: value.kinds,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'facility.slot_template.create', actorId: staff.id, municipalityId: facility.municipality_id, subjectId: id, at: now });
    return { kind: 'added', slots: await generate(tx, clock, facility.id) };
  });
}

/** Deletes a template of the staff's facility; the slots made from it stay. */
export async function deleteTemplate(db: Db, clock: Clock, staff: SetupStaff, templateId: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const facility = await lockFacility(tx, staff.facilityId);
    const deleted = await tx.deleteFrom('slot_templates').where('id', '=', templateId).where('facility_id', '=', facility.id).returning('id').executeTakeFirst();
    if (!deleted) return false;
    await audit(tx, { action: 'facility.slot_template.delete', actorId: staff.id, municipalityId: facility.municipality_id, subjectId: deleted.id, at: clock.now() });
    return true;
  });
}

/** 利用枠を作成する: the templates' slots from tomorrow for the weeks ahead. */
export async function generateSlotsNow(db: Db, clock: Clock, facilityId: string): Promise<number> {
  return db.transaction().execute((tx) => generate(tx, clock, facilityId));
}

export async function closedDaysFrom(db: Db, facilityId: string, from: CalendarDate) {
  return db.selectFrom('facility_closed_days').select(['date', 'reason']).where('facility_id', '=', facilityId).where('date', '>=', from.toString()).orderBy('date').execute();
}

export async function isClosed(db: Db, facilityId: string, date: CalendarDate): Promise<boolean> {
  return (await db.selectFrom('facility_closed_days').select('date').where('facility_id', '=', facilityId).where('date', '=', date.toString()).executeTakeFirst()) !== undefined;
}

/** Minutes since 0:00 in Tokyo on `date` (bookings lie within one day). */
function minuteOn(date: CalendarDate, instant: Date): number {
  return Math.round((instant.getTime() - date.startOfDay().getTime()) / 60_000);
}

export interface DayBooking {
  id: string;
  childName: string;
  kind: ReservationKind;
  status: string;
  startMinute: number;
  endMinute: number;
}

/** The live (provisional or confirmed) bookings at the facility on the day, by start time. */
async function liveBookingsQuery(db: Db, facilityId: string, date: CalendarDate) {
  return db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .innerJoin('users as g', 'g.id', 'c.guardian_id')
    .select(['r.id', 'r.kind', 'r.status', 'r.starts_at', 'r.ends_at', 'r.municipality_id', 'c.name as child_name', 'g.id as guardian_id', 'g.email as guardian_email'])
    .where('r.facility_id', '=', facilityId)
    .where('r.status', 'in', PLACE_HOLDING_STATUSES)
    .where('r.starts_at', '>=', date.startOfDay())
    .where('r.starts_at', '<', date.addDays(1).startOfDay())
    .orderBy('r.starts_at')
    .orderBy('c.name_kana')
    .orderBy('r.id')
    .execute();
}

export async function liveBookingsOn(db: Db, facilityId: string, date: CalendarDate): Promise<DayBooking[]> {
  return (await liveBookingsQuery(db, facilityId, date)).map((r) => ({
    id: r.id,
    childName: r.child_name,
    kind: r.kind,
    status: r.status,
    startMinute: minuteOn(date, r.starts_at),
    endMinute: minuteOn(date, r.ends_at),
  }));
}

export type CloseDayResult = { kind: 'closed'; slots: number; bookings: number } | { kind: 'already-closed' };

/**
 * Makes the day a closed day: in one transaction the closed day is stored, the day's slots are
 * locked and withdrawn, and every live booking that day (read after the lock, so also one made a
 * moment ago) is cancelled by the facility — its hours freed, since the family did not cancel —
 * audited, and its guardian mailed (one mail per guardian).
 */
export async function closeDay(db: Db, clock: Clock, staff: SetupStaff, day: { date: CalendarDate; reason: string }): Promise<CloseDayResult> {
  const date = day.date.toString();
  return conflictAs(
    retryingTransaction(() =>
      db.transaction().execute(async (tx): Promise<CloseDayResult> => {
        const now = clock.now();
        // Generation waits for this (lockFacility), then sees the closed day.
        const facility = await tx.selectFrom('facilities').select(['id', 'name', 'phone', 'municipality_id']).where('id', '=', staff.facilityId).forNoKeyUpdate().executeTakeFirstOrThrow();
        await tx.insertInto('facility_closed_days').values({ facility_id: facility.id, municipality_id: facility.municipality_id, date, reason: day.reason }).execute();
        // The lock every booking of these slots takes first (bookSlot): bookings committed before
        // it are read below; bookings waiting for it find the slot withdrawn.
        await tx.selectFrom('slots').select('id').where('facility_id', '=', facility.id).where('date', '=', date).orderBy('id').forUpdate().execute();
        const withdrawn = await tx
          .updateTable('slots')
          .set({ withdrawn_at: now })
          .where('facility_id', '=', facility.id)
          .where('date', '=', date)
          .where('withdrawn_at', 'is', null)
          .returning('id')
          .execute();
        const bookings = await liveBookingsQuery(tx, facility.id, day.date);
        const families = await cancelOnBehalf(
          tx,
          bookings.map((b) => b.id),
          { staffId: staff.id, at: now, reason: day.reason },
          (b) => audit(tx, { action: 'reservation.cancel.facility_closed', actorId: staff.id, municipalityId: b.municipalityId, subjectId: b.id, at: now, detail: { facility_id: facility.id, date } }),
        );
        for (const family of families) {
          const mail = closedDayMail(family.guardianEmail, {
            facilityName: facility.name,
            facilityPhone: facility.phone,
            date: day.date,
            reason: day.reason,
            bookings: family.bookings.map((b) => ({ childName: b.childName, kind: b.kind, startMinute: minuteOn(day.date, b.startsAt), endMinute: minuteOn(day.date, b.endsAt) })),
          });
          await queueMail(tx, clock, mail, family.municipalityId);
        }
        await audit(tx, { action: 'facility.closed_day.add', actorId: staff.id, municipalityId: facility.municipality_id, subjectId: facility.id, at: now, detail: { date } });
        return { kind: 'closed', slots: withdrawn.length, bookings: countCancelled(families) };
      }),
    ),
    { facility_closed_days_pkey: { kind: 'already-closed' as const } },
  );
}

export type ReopenResult = { kind: 'reopened'; slots: number } | { kind: 'not-found' };

/**
 * Takes a closed day (today or later) back: its slots are made again from the templates, as
 * generation would have made them — a slot withdrawn at the closing is open again, one missing
 * is created (within the weeks ahead). Cancelled bookings stay cancelled.
 */
export async function reopenDay(db: Db, clock: Clock, staff: SetupStaff, date: CalendarDate): Promise<ReopenResult> {
  return db.transaction().execute(async (tx): Promise<ReopenResult> => {
    const now = clock.now();
    const today = CalendarDate.today(clock);
    if (date.isBefore(today)) return { kind: 'not-found' };
    const facility = await lockFacility(tx, staff.facilityId);
    const removed = await tx.deleteFrom('facility_closed_days').where('facility_id', '=', facility.id).where('date', '=', date.toString()).returning('date').executeTakeFirst();
    if (!removed) return { kind: 'not-found' };
    await audit(tx, { action: 'facility.closed_day.remove', actorId: staff.id, municipalityId: facility.municipality_id, subjectId: facility.id, at: now, detail: { date: date.toString() } });
    const windowEnd = today.addDays((await weeksAheadOf(tx, facility.id)) * 7);
    if (date.isHoliday() || date.isAfter(windowEnd)) return { kind: 'reopened', slots: 0 };
    const templates = await tx.selectFrom('slot_templates').selectAll().where('facility_id', '=', facility.id).where('weekday', '=', date.weekday).execute();
    if (templates.length === 0) return { kind: 'reopened', slots: 0 };
    const made = await tx
      .insertInto('slots')
      .values(
        templates.map((t) => {
          const time = TimeRange.of(date, t.start_minute, t.end_minute);
          return {
            facility_id: facility.id,
            municipality_id: facility.municipality_id,
            date: date.toString(),
            starts_at: time.start,
            ends_at: time.end,
            capacity_age0: t.capacity_age0,
            capacity_age1: t.capacity_age1,
            capacity_age2: t.capacity_age2,
            kinds: t.kinds,
          };
        }),
      )
      .onConflict((oc) => oc.constraint('slots_facility_period_unique').doUpdateSet({ withdrawn_at: null }).where('slots.withdrawn_at', 'is not', null))
      .returning('id')
      .execute();
    return { kind: 'reopened', slots: made.length };
  });
}

export interface SlotRow {
  id: string;
  date: string;
  startMinute: number;
  endMinute: number;
  capacity: [number, number, number];
  taken: [number, number, number];
  kinds: ReservationKind[];
  withdrawn: boolean;
  /** Begun or over: no longer bookable, nothing to withdraw. */
  begun: boolean;
}

/** The facility's slots from `from` to `to` (both included), with the places their live bookings take. */
export async function slotsBetween(db: Db, clock: Clock, facilityId: string, from: CalendarDate, to: CalendarDate): Promise<SlotRow[]> {
  const slots = await db
    .selectFrom('slots')
    .select(['id', 'date', 'starts_at', 'ends_at', 'capacity_age0', 'capacity_age1', 'capacity_age2', 'kinds', 'withdrawn_at'])
    .where('facility_id', '=', facilityId)
    .where('date', '>=', from.toString())
    .where('date', '<=', to.toString())
    .orderBy('starts_at')
    .orderBy('ends_at')
    .execute();
  const counts =
    slots.length === 0
      ? []
      : await db
          .selectFrom('reservations')
          .select(['slot_id', 'age_class', sql<number>`count(*)::int`.as('n')])
          .where('facility_id', '=', facilityId)
          .where(
            'slot_id',
            'in',
            slots.map((s) => s.id),
          )
          .where('status', 'in', PLACE_HOLDING_STATUSES)
          .groupBy(['slot_id', 'age_class'])
          .execute();
  const now = clock.now().getTime();
  return slots.map((s) => {
    const date = CalendarDate.from(s.date);
    const taken: [number, number, number] = [0, 0, 0];
    for (const c of counts) if (c.slot_id === s.id && c.age_class !== null && c.age_class >= 0 && c.age_class <= 2) taken[c.age_class as 0 | 1 | 2] = c.n;
    return {
      id: s.id,
      date: s.date,
      startMinute: minuteOn(date, s.starts_at),
      endMinute: minuteOn(date, s.ends_at),
      capacity: [s.capacity_age0, s.capacity_age1, s.capacity_age2],
      taken,
      kinds: s.kinds,
      withdrawn: s.withdrawn_at !== null,
      begun: s.starts_at.getTime() <= now,
    };
  });
}

export type WithdrawResult = { kind: 'withdrawn'; date: string } | { kind: 'has-bookings'; date: string } | { kind: 'not-found' };

/** Withdraws one slot with no live bookings (under the slot's lock, so none arrives meanwhile). */
export async function withdrawSlot(db: Db, clock: Clock, staff: SetupStaff, slotId: string): Promise<WithdrawResult> {
  return db.transaction().execute(async (tx): Promise<WithdrawResult> => {
    const now = clock.now();
    const slot = await tx.selectFrom('slots').select(['id', 'date', 'municipality_id', 'withdrawn_at']).where('id', '=', slotId).where('facility_id', '=', staff.facilityId).forUpdate().executeTakeFirst();
    if (!slot) return { kind: 'not-found' };
    if (slot.withdrawn_at !== null) return { kind: 'withdrawn', date: slot.date };
    const { n } = await tx
      .selectFrom('reservations')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('slot_id', '=', slot.id)
      .where('status', 'in', PLACE_HOLDING_STATUSES)
      .executeTakeFirstOrThrow();
    if (n > 0) return { kind: 'has-bookings', date: slot.date };
    await tx.updateTable('slots').set({ withdrawn_at: now }).where('id', '=', slot.id).execute();
    await audit(tx, { action: 'slot.withdraw', actorId: staff.id, municipalityId: slot.municipality_id, subjectId: slot.id, at: now });
    return { kind: 'withdrawn', date: slot.date };
  });
}
