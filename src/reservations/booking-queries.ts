// The guardian's 予約 tab (guide steps 6–7): which kinds of booking a child may choose at a facility
// and why not, the month's bookable slots with the places left for the child's age class, the dates
// a 定期利用 series would book and which of them fit, and the rows the done pages show. These are
// reads for the screens only: bookSlot (queries.ts) decides every booking in its own transaction.
import { sql, type InferResult } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { createHash } from 'node:crypto';
import { dateAgeReached } from '../applications/rules.ts';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { compiledQuery, type Arg } from '../platform/compiled-query.ts';
import { CalendarDate, DateRange, TimeRange, minuteOfDay } from '../platform/time.ts';
import { bookingRule, mayBook } from '../facilities/queries.ts';
import { bucketsOf, offerFrom, usedAllowance, type offerOf } from './queries.ts';
import { PLACE_HOLDING_STATUSES, ageClassOn, allocateAllowance, lengthProblem, oldEnoughOn, type AgeClass } from './rules.ts';
import type { BookingStyle, ReservationKind, ReservationStatus } from './tables.ts';

export const KINDS = ['interview', 'regular', 'flexible'] as const satisfies readonly ReservationKind[];
export type Frequency = 'weekly' | 'biweekly';
export const FREQUENCIES = ['weekly', 'biweekly'] as const satisfies readonly Frequency[];

/** How far ahead the kind choice looks for the day a young child becomes old enough. */
export const HORIZON_MONTHS = 3;
/** A 定期利用 series runs at most this many months from its first date. */
export const SERIES_MAX_MONTHS = 3;
export const COMMENT_MAX = 400;

export interface BookingChild {
  id: string;
  name: string;
  birthDate: CalendarDate;
  certifiedFrom: CalendarDate;
  certifiedUntil: CalendarDate;
  municipalityId: string;
}

function childrenQuery(db: Db, guardianId: string) {
  return db
    .selectFrom('children')
    .select(['id', 'name', 'birth_date', 'certification_valid_from', 'certification_valid_until', 'municipality_id'])
    .where('guardian_id', '=', guardianId)
    .orderBy('birth_date')
    .orderBy('id');
}

function childFrom(r: { id: string; name: string; birth_date: string; certification_valid_from: string; certification_valid_until: string; municipality_id: string }): BookingChild {
  return {
    id: r.id,
    name: r.name,
    birthDate: CalendarDate.from(r.birth_date),
    certifiedFrom: CalendarDate.from(r.certification_valid_from),
    certifiedUntil: CalendarDate.from(r.certification_valid_until),
    municipalityId: r.municipality_id,
  };
}

/** The guardian's children, the eldest first. */
export async function childrenForBooking(db: Db, guardianId: string): Promise<BookingChild[]> {
  return (await childrenQuery(db, guardianId).execute()).map(childFrom);
}

export interface BookingFacility {
  id: string;
  name: string;
  phone: string;
  opensAt: string;
  closesAt: string;
  municipalityId: string;
  offer: Awaited<ReturnType<typeof offerOf>>;
  /** The facility's own 予約時の注意事項 (facility_offers.booking_notes). */
  bookingNotes: string;
}

function facilityQuery(db: Db, id: string) {
  return db
    .selectFrom('facilities as f')
    .leftJoin('facility_offers as o', 'o.facility_id', 'f.id')
    .select([
      'f.id',
      'f.name',
      'f.phone',
      'f.opens_at',
      'f.closes_at',
      'f.municipality_id',
      'o.booking_notes',
      'o.offers_interview',
      'o.offers_regular',
      'o.offers_flexible',
      'o.youngest_age_months',
      'o.booking_style',
      'o.cancel_minutes_before_day',
    ])
    .where('f.id', '=', id);
}

function facilityFrom(row: InferResult<ReturnType<typeof facilityQuery>>[number]): BookingFacility {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    municipalityId: row.municipality_id,
    offer: offerFrom(row),
    bookingNotes: row.booking_notes ?? '',
  };
}

export async function facilityForBooking(db: Db, id: string): Promise<BookingFacility | undefined> {
  const row = await facilityQuery(db, id).executeTakeFirst();
  return row && facilityFrom(row);
}

/** What 送信 reads before bookSlot: the facility, the family's children, the chosen slot, the chosen child's pick-up persons. */
export interface SubmitContext {
  facility: BookingFacility;
  children: BookingChild[];
  /** The slot named by the form if it is this facility's (in any state). */
  slot: SlotRow | undefined;
  /** The pick-up persons of the child named by the form if it is the family's. */
  pickups: PickupPerson[];
}

/**
 * The reads of 送信 in one statement, compiled once (compiled-query.ts): every guardian pressing
 * 送信 at once waits behind each round trip (docs/performance.md). The same rows as
 * facilityForBooking, childrenForBooking, facilitySlot and pickupPersonsOf.
 */
const submitRow = compiledQuery((db, arg: Arg<{ facilityId: string; guardianId: string; slotId: string | null; childId: string | null }>) =>
  facilityQuery(db, arg('facilityId')).select((eb) => [
    jsonArrayFrom(childrenQuery(db, arg('guardianId'))).as('children'),
    jsonObjectFrom(
      eb
        .selectFrom('slots as s')
        .select(['s.id', 's.facility_id', 's.municipality_id', 's.starts_at', 's.ends_at', 's.capacity_age0', 's.capacity_age1', 's.capacity_age2', 's.kinds', 's.withdrawn_at'])
        .where('s.id', '=', arg('slotId'))
        .whereRef('s.facility_id', '=', 'f.id'),
    ).as('slot'),
    jsonArrayFrom(
      eb
        .selectFrom('child_pickup_persons as p')
        .innerJoin('children as c', 'c.id', 'p.child_id')
        .select(['p.id', 'p.name', 'p.relationship', 'p.phone'])
        .where('p.child_id', '=', arg('childId'))
        .where('c.guardian_id', '=', arg('guardianId'))
        .orderBy('p.position'),
    ).as('pickups'),
  ]),
);

export async function submitContext(db: Db, facilityId: string, guardianId: string, slotId: string | undefined, childId: string | undefined): Promise<SubmitContext | undefined> {
  const [row] = await submitRow(db, { facilityId, guardianId, slotId: slotId ?? null, childId: childId ?? null });
  if (!row) return undefined;
  const slot = row.slot ? slotOf({ ...row.slot, starts_at: new Date(row.slot.starts_at), ends_at: new Date(row.slot.ends_at), withdrawn_at: row.slot.withdrawn_at === null ? null : new Date(row.slot.withdrawn_at) }) : undefined;
  return { facility: facilityFrom(row), children: row.children.map(childFrom), slot, pickups: row.pickups };
}

/** Why a kind cannot be chosen, in terms the texts put into plain words. */
export type KindBlock =
  | { why: 'too-young'; from: CalendarDate }
  | { why: 'too-old' }
  | { why: 'certification-expired'; until: CalendarDate }
  | { why: 'facility-rule'; facilities: string[] }
  | { why: 'not-offered' }
  | { why: 'interview-booked'; at: Date }
  | { why: 'already-decided' }
  | { why: 'already-approved' }
  | { why: 'no-interview' }
  | { why: 'awaiting-approval'; at: Date }
  | { why: 'not-approved'; reason: string };

export interface KindChoice {
  kind: ReservationKind;
  block?: KindBlock | undefined;
}

/**
 * STEP2: each kind, and why it cannot be chosen. 初回面談 while the child has no interview here
 * (live or held) and no decision; 定期利用 and 柔軟利用 once the facility approved the child.
 */
export async function kindChoices(db: Db, clock: Clock, facility: BookingFacility, child: BookingChild, guardian: { id: string; municipalityId: string }): Promise<KindChoice[]> {
  const today = CalendarDate.today(clock);
  const [rule, interview, approval] = await Promise.all([
    bookingRule(db, guardian, today),
    db
      .selectFrom('reservations')
      .select('starts_at')
      .where('child_id', '=', child.id)
      .where('facility_id', '=', facility.id)
      .where('kind', '=', 'interview')
      .where('status', 'in', PLACE_HOLDING_STATUSES)
      .orderBy('starts_at', 'desc')
      .executeTakeFirst(),
    db.selectFrom('facility_approvals').select(['approved', 'reason']).where('facility_id', '=', facility.id).where('child_id', '=', child.id).executeTakeFirst(),
  ]);
  // What stops every kind: age, certification, the municipality's rule.
  let common: KindBlock | undefined;
  const horizonEnd = today.addMonths(HORIZON_MONTHS);
  const oldEnoughFrom = CalendarDate.from(dateAgeReached(child.birthDate.toString(), facility.offer.youngestAgeMonths));
  if (!today.isBefore(child.birthDate) && ageClassOn(child.birthDate, today) === undefined) common = { why: 'too-old' };
  else if (oldEnoughFrom.isAfter(horizonEnd)) common = { why: 'too-young', from: oldEnoughFrom };
  else if (child.certifiedUntil.isBefore(today)) common = { why: 'certification-expired', until: child.certifiedUntil };
  else if (mayBook(rule, facility.id) === false) common = { why: 'facility-rule', facilities: rule.kind === 'named' ? rule.facilities.map((f) => f.name) : [] };
  return KINDS.map((kind): KindChoice => {
    if (common) return { kind, block: common };
    if (!facility.offer.kinds[kind]) return { kind, block: { why: 'not-offered' } };
    if (kind === 'interview') {
      if (approval) return { kind, block: { why: approval.approved ? 'already-approved' : 'already-decided' } };
      if (interview) return { kind, block: { why: 'interview-booked', at: interview.starts_at } };
      return { kind };
    }
    if (approval?.approved) return { kind };
    if (approval) return { kind, block: { why: 'not-approved', reason: approval.reason } };
    if (interview) return { kind, block: { why: 'awaiting-approval', at: interview.starts_at } };
    return { kind, block: { why: 'no-interview' } };
  });
}

export interface SlotRow {
  id: string;
  facilityId: string;
  municipalityId: string;
  time: TimeRange;
  capacity: readonly [number, number, number];
  kinds: ReservationKind[];
  withdrawn: boolean;
}

function slotOf(row: { id: string; facility_id: string; municipality_id: string; starts_at: Date; ends_at: Date; capacity_age0: number; capacity_age1: number; capacity_age2: number; kinds: ReservationKind[]; withdrawn_at: Date | null }): SlotRow {
  return {
    id: row.id,
    facilityId: row.facility_id,
    municipalityId: row.municipality_id,
    time: TimeRange.fromInstants(row.starts_at, row.ends_at),
    capacity: [row.capacity_age0, row.capacity_age1, row.capacity_age2],
    kinds: row.kinds,
    withdrawn: row.withdrawn_at !== null,
  };
}

/** A slot of this facility by id (any state); undefined if it is another facility's or none. */
async function facilitySlot(db: Db, facilityId: string, slotId: string): Promise<SlotRow | undefined> {
  const row = await db.selectFrom('slots').selectAll().where('id', '=', slotId).where('facility_id', '=', facilityId).executeTakeFirst();
  return row && slotOf(row);
}

/** Whether the child may use a slot on its day: certified, 0–2 years, old enough for the facility. */
function childFitsDay(child: BookingChild, day: CalendarDate, youngestMonths: number): boolean {
  if (day.isBefore(child.certifiedFrom) || day.isAfter(child.certifiedUntil)) return false;
  return ageClassOn(child.birthDate, day) !== undefined && oldEnoughOn(child.birthDate, day, youngestMonths);
}

export interface CalendarSlot {
  slot: SlotRow;
  /** Places left for this child's age class on the day. */
  left: number;
  /** The child already has a live booking overlapping it. */
  mine: boolean;
}

/** Places taken in each slot by age class (provisional and confirmed). */
async function takenBySlot(db: Db, slotIds: string[]): Promise<Map<string, number>> {
  if (slotIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reservations')
    .select(['slot_id', 'age_class', sql<number>`count(*)::int`.as('n')])
    .where('slot_id', 'in', slotIds)
    .where('status', 'in', PLACE_HOLDING_STATUSES)
    .groupBy(['slot_id', 'age_class'])
    .execute();
  return new Map(rows.map((r) => [`${r.slot_id}:${r.age_class}`, r.n]));
}

/** The child's live bookings (anywhere) between two instants. */
async function liveBookingsOf(db: Db, childId: string, from: Date, until: Date) {
  const rows = await db
    .selectFrom('reservations')
    .select(['starts_at', 'ends_at'])
    .where('child_id', '=', childId)
    .where('status', 'in', PLACE_HOLDING_STATUSES)
    .where('starts_at', '<', until)
    .where('ends_at', '>', from)
    .execute();
  return rows.map((r) => ({ start: r.starts_at.getTime(), end: r.ends_at.getTime() }));
}

const overlapsAny = (bookings: Array<{ start: number; end: number }>, start: Date, end: Date) => bookings.some((b) => b.start < end.getTime() && start.getTime() < b.end);

/** The slots this child could be booked into for `kind`, from `from` to `until` (dates, inclusive). */
async function bookableSlots(db: Db, clock: Clock, facility: BookingFacility, child: BookingChild, kind: ReservationKind, from: CalendarDate, until: CalendarDate): Promise<CalendarSlot[]> {
  const now = clock.now();
  const rows = await db
    .selectFrom('slots')
    .selectAll()
    .where('facility_id', '=', facility.id)
    .where('date', '>=', from.toString())
    .where('date', '<=', until.toString())
    .where('withdrawn_at', 'is', null)
    .where('starts_at', '>', now)
    .where(sql<boolean>`${kind} = any(kinds)`)
    .orderBy('starts_at')
    .orderBy('ends_at')
    .execute();
  const slots = rows.map(slotOf).filter((s) => childFitsDay(child, s.time.date, facility.offer.youngestAgeMonths));
  if (slots.length === 0) return [];
  const [taken, mine] = await Promise.all([
    takenBySlot(db, slots.map((s) => s.id)),
    liveBookingsOf(db, child.id, from.startOfDay(), until.addDays(1).startOfDay()),
  ]);
  return slots.map((slot) => {
    const ageClass = ageClassOn(child.birthDate, slot.time.date) as AgeClass;
    return {
      slot,
      left: Math.max(0, slot.capacity[ageClass] - (taken.get(`${slot.id}:${ageClass}`) ?? 0)),
      mine: overlapsAny(mine, slot.time.start, slot.time.end),
    };
  });
}

export interface MonthCalendar {
  /** The first day of the month shown. */
  month: CalendarDate;
  /** Date (YYYY-MM-DD) → its bookable slots, in time order. */
  days: Map<string, CalendarSlot[]>;
  /** The first later month with a slot that is not full, when this one has none. */
  laterMonth: CalendarDate | undefined;
  /** The facility's own closed days in the month, with their reasons. */
  closed: Map<string, string>;
}

export async function monthCalendar(db: Db, clock: Clock, facility: BookingFacility, child: BookingChild, kind: ReservationKind, month: CalendarDate): Promise<MonthCalendar> {
  const range = DateRange.monthOf(month);
  const [slots, closedRows] = await Promise.all([
    bookableSlots(db, clock, facility, child, kind, range.start, range.end),
    db.selectFrom('facility_closed_days').select(['date', 'reason']).where('facility_id', '=', facility.id).where('date', '>=', range.start.toString()).where('date', '<=', range.end.toString()).execute(),
  ]);
  const days = new Map<string, CalendarSlot[]>();
  for (const s of slots) days.set(s.slot.time.date.toString(), [...(days.get(s.slot.time.date.toString()) ?? []), s]);
  let laterMonth: CalendarDate | undefined;
  if (!slots.some((s) => s.left > 0 && !s.mine)) {
    const later = await bookableSlots(db, clock, facility, child, kind, range.end.addDays(1), range.end.addMonths(SERIES_MAX_MONTHS + 3));
    laterMonth = later.find((s) => s.left > 0 && !s.mine)?.slot.time.date.firstOfMonth();
  }
  return { month: range.start, days, laterMonth, closed: new Map(closedRows.map((c) => [c.date, c.reason])) };
}

/** The slot, if this child may be booked into it for `kind` now (bookSlot decides in the end). */
export async function bookableSlot(db: Db, clock: Clock, facility: BookingFacility, child: BookingChild, kind: ReservationKind, slotId: string): Promise<CalendarSlot | undefined> {
  const slot = await facilitySlot(db, facility.id, slotId);
  if (!slot || slot.withdrawn || !slot.kinds.includes(kind)) return undefined;
  return (await bookableSlots(db, clock, facility, child, kind, slot.time.date, slot.time.date)).find((s) => s.slot.id === slotId);
}

/** The start and end times a guardian may choose in a slot ('HH:MM'): ≥ 1 hour, 30-minute steps; or the block. */
export function timeOptions(slot: TimeRange, style: BookingStyle): { starts: number[]; ends: number[] } {
  if (style === 'blocks') return { starts: [slot.startMinute], ends: [slot.endMinute] };
  const starts: number[] = [];
  const ends: number[] = [];
  for (let m = slot.startMinute; m + 60 <= slot.endMinute; m += 30) starts.push(m);
  for (let m = slot.startMinute + 60; m <= slot.endMinute; m += 30) ends.push(m);
  return { starts, ends };
}

/** 'HH:MM' → a TimeRange on the slot's day that the facility's style accepts, or which field is wrong. */
export function chosenTime(slot: TimeRange, style: BookingStyle, start: string, end: string): { time: TimeRange } | { bad: 'start' | 'end' | 'length' } {
  const s = /^\d{2}:\d{2}$/.test(start) ? minuteOfDay(start) : undefined;
  const e = /^\d{2}:\d{2}$/.test(end) ? minuteOfDay(end) : undefined;
  if (s === undefined || s < slot.startMinute || s >= slot.endMinute) return { bad: 'start' };
  if (e === undefined || e > slot.endMinute || e <= slot.startMinute) return { bad: 'end' };
  if (e <= s) return { bad: 'length' };
  const time = TimeRange.of(slot.date, s, e);
  if (lengthProblem(time, slot, style)) return { bad: 'length' };
  return { time };
}

// ---- 定期利用: the dates of a series ----

/** The default end of a series starting on `first`: the end of the next month. */
export function defaultUntil(first: CalendarDate): CalendarDate {
  return first.firstOfMonth().addMonths(1).lastOfMonth();
}

export function latestUntil(first: CalendarDate): CalendarDate {
  return first.addMonths(SERIES_MAX_MONTHS);
}

/** Every date of the series: the first, then each week or every other week until `until`. */
export function seriesDates(first: CalendarDate, frequency: Frequency, until: CalendarDate): CalendarDate[] {
  const step = frequency === 'weekly' ? 7 : 14;
  const dates: CalendarDate[] = [];
  for (let d = first; !d.isAfter(until); d = d.addDays(step)) dates.push(d);
  return dates;
}

export type SeriesProblem = 'holiday' | 'closed' | 'no-slot' | 'past' | 'not-certified' | 'age' | 'full' | 'allowance' | 'overlap';

export interface SeriesDate {
  date: CalendarDate;
  /** The facility's slot on the day that holds the chosen time, if there is one. */
  slotId: string | undefined;
  problem: SeriesProblem | undefined;
  holidayName: string | undefined;
  closedReason: string | undefined;
}

/**
 * What a 定期利用 series would book, date by date, as bookSlot would judge it now: holidays and
 * the facility's closed days, a slot holding the time, certification and age on the day, places
 * for the child's age class, the child's other bookings, and the monthly allowance, simulated
 * month by month over the series with allocateAllowance.
 */
export async function previewSeries(
  db: Db,
  clock: Clock,
  facility: BookingFacility,
  child: BookingChild,
  time: TimeRange,
  frequency: Frequency,
  until: CalendarDate,
): Promise<SeriesDate[]> {
  const dates = seriesDates(time.date, frequency, until);
  if (dates.length === 0) return [];
  const last = dates.at(-1) ?? time.date;
  const now = clock.now();
  const [slotRows, closedRows, buckets] = await Promise.all([
    db
      .selectFrom('slots')
      .selectAll()
      .where('facility_id', '=', facility.id)
      .where('date', 'in', dates.map(String))
      .where('withdrawn_at', 'is', null)
      .where(sql<boolean>`'regular' = any(kinds)`)
      .orderBy('starts_at')
      .execute(),
    db.selectFrom('facility_closed_days').select(['date', 'reason']).where('facility_id', '=', facility.id).where('date', 'in', dates.map(String)).execute(),
    bucketsOf(db, child.municipalityId, time.date),
  ]);
  const closed = new Map(closedRows.map((c) => [c.date, c.reason]));
  const slots = slotRows.map(slotOf);
  const [taken, mine] = await Promise.all([takenBySlot(db, slots.map((s) => s.id)), liveBookingsOf(db, child.id, time.date.startOfDay(), last.addDays(1).startOfDay())]);
  const used = new Map<string, Record<string, number>>();
  const out: SeriesDate[] = [];
  for (const date of dates) {
    const wanted = TimeRange.of(date, time.startMinute, time.endMinute);
    const slot = slots.find((s) => s.time.date.equals(date) && !lengthProblem(wanted, s.time, facility.offer.bookingStyle));
    const row: SeriesDate = { date, slotId: slot?.id, problem: undefined, holidayName: date.holidayName('ja'), closedReason: closed.get(date.toString()) };
    out.push(row);
    if (date.isHoliday()) row.problem = 'holiday';
    else if (closed.has(date.toString())) row.problem = 'closed';
    else if (!slot) row.problem = 'no-slot';
    else if (wanted.start.getTime() <= now.getTime()) row.problem = 'past';
    else if (date.isBefore(child.certifiedFrom) || date.isAfter(child.certifiedUntil)) row.problem = 'not-certified';
    else if (!childFitsDay(child, date, facility.offer.youngestAgeMonths)) row.problem = 'age';
    else {
      const ageClass = ageClassOn(child.birthDate, date) as AgeClass;
      if (slot.capacity[ageClass] - (taken.get(`${slot.id}:${ageClass}`) ?? 0) <= 0) row.problem = 'full';
      else {
        const month = date.firstOfMonth().toString();
        const usedHere = used.get(month) ?? (await usedAllowance(db, child.id, date.firstOfMonth()));
        used.set(month, usedHere);
        const allocation = allocateAllowance(buckets, usedHere, { minutes: wanted.durationMinutes, kind: 'regular', facilityMunicipalityId: slot.municipalityId });
        if (!allocation.ok) row.problem = 'allowance';
        else if (overlapsAny(mine, wanted.start, wanted.end)) row.problem = 'overlap';
        else for (const c of allocation.charges) usedHere[c.bucket] = (usedHere[c.bucket] ?? 0) + c.minutes;
      }
    }
  }
  return out;
}

// ---- Pick-up persons, the series row ----

export async function pickupPersonsOf(db: Db, childId: string) {
  return db.selectFrom('child_pickup_persons').select(['id', 'name', 'relationship', 'phone']).where('child_id', '=', childId).orderBy('position').execute();
}

export type PickupPerson = Awaited<ReturnType<typeof pickupPersonsOf>>[number];

/**
 * The series row of one confirm form: its id is made from the guardian and the form's key, so a
 * second submit of the same form finds the same series (and no one else's key can name it).
 */
export function seriesIdFor(guardianId: string, formKey: string): string {
  const hex = createHash('sha256').update(`reservation_series:${guardianId}:${formKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface SeriesInput {
  id: string;
  facility: BookingFacility;
  child: BookingChild;
  frequency: Frequency;
  time: TimeRange;
  until: CalendarDate;
  guardianId: string;
}

/** Writes the series row once (a second submit of the same form finds it). */
export async function ensureSeries(db: Db, clock: Clock, s: SeriesInput): Promise<void> {
  await db
    .insertInto('reservation_series')
    .values({
      id: s.id,
      municipality_id: s.child.municipalityId,
      facility_id: s.facility.id,
      child_id: s.child.id,
      frequency: s.frequency,
      first_date: s.time.date.toString(),
      last_date: s.until.toString(),
      start_minute: s.time.startMinute,
      end_minute: s.time.endMinute,
      created_by: s.guardianId,
      created_at: clock.now(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** A series none of whose dates could be booked is not kept (a booking of it, however late, keeps it). */
export async function dropEmptySeries(db: Db, seriesId: string): Promise<void> {
  try {
    await db
      .deleteFrom('reservation_series')
      .where('id', '=', seriesId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('reservations').select('id').where('series_id', '=', seriesId))))
      .execute();
  } catch {
    // A booking of it committed meanwhile (a second submit of the same form): it stays.
  }
}

/**
 * Once per series, whichever submit of the form gets here first: its audit entry and its mails
 * (`queue`), in one transaction under the series row's lock. Returns whether this call did it.
 */
export async function recordSeriesBooked(
  db: Db,
  clock: Clock,
  seriesId: string,
  detail: { facility_id: string; booked: number; refused: number },
  actorId: string,
  queue: (tx: Db) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const series = await tx.selectFrom('reservation_series').select(['id', 'municipality_id']).where('id', '=', seriesId).forUpdate().executeTakeFirst();
    if (!series) return false;
    const done = await tx.selectFrom('audit_log').select('id').where('action', '=', 'reservation.series.book').where('subject_id', '=', seriesId).executeTakeFirst();
    if (done) return false;
    await audit(tx, { action: 'reservation.series.book', actorId, municipalityId: series.municipality_id, subjectId: seriesId, at: clock.now(), detail });
    await queue(tx);
    return true;
  });
}

// ---- The done pages ----

export interface BookedRow {
  id: string;
  kind: ReservationKind;
  status: ReservationStatus;
  time: TimeRange;
  facilityId: string;
  facilityName: string;
  childName: string;
  pickupName: string;
  pickupRelationship: string;
  comment: string;
  seriesId: string | null;
  cancelMinutesBeforeDay: number;
}

function bookedQuery(db: Db) {
  return db
    .selectFrom('reservations as r')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .leftJoin('facility_offers as o', 'o.facility_id', 'r.facility_id')
    .select([
      'r.id',
      'r.kind',
      'r.status',
      'r.starts_at',
      'r.ends_at',
      'r.facility_id',
      'f.name as facility_name',
      'c.name as child_name',
      'r.pickup_name',
      'r.pickup_relationship',
      'r.comment',
      'r.series_id',
      'o.cancel_minutes_before_day',
    ]);
}

/** The booking's day and times; rows from before slots existed are cut at the end of their first day. */
function dayRange(start: Date, end: Date): TimeRange {
  const date = CalendarDate.inTokyo(start);
  const from = Math.floor((start.getTime() - date.startOfDay().getTime()) / 60_000);
  const to = Math.min(1440, Math.ceil((end.getTime() - date.startOfDay().getTime()) / 60_000));
  return TimeRange.of(date, from, Math.max(from + 1, to));
}

function bookedRow(r: Awaited<ReturnType<ReturnType<typeof bookedQuery>['execute']>>[number]): BookedRow {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    time: dayRange(r.starts_at, r.ends_at),
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    childName: r.child_name,
    pickupName: r.pickup_name,
    pickupRelationship: r.pickup_relationship,
    comment: r.comment,
    seriesId: r.series_id,
    cancelMinutesBeforeDay: r.cancel_minutes_before_day ?? 0,
  };
}

/** One booking (the caller has checked it is the guardian's: reservationActions.readBooking). */
export async function bookedReservation(db: Db, id: string): Promise<BookedRow | undefined> {
  const row = await bookedQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row && bookedRow(row);
}

export interface BookedSeries {
  id: string;
  frequency: Frequency;
  firstDate: CalendarDate;
  lastDate: CalendarDate;
  startMinute: number;
  endMinute: number;
  facilityId: string;
  facilityName: string;
  childId: string;
  childName: string;
  bookings: BookedRow[];
}

/** A series and its bookings (the caller has checked it is the guardian's: reservationActions.readSeries). */
export async function bookedSeries(db: Db, id: string): Promise<BookedSeries | undefined> {
  const s = await db
    .selectFrom('reservation_series as s')
    .innerJoin('facilities as f', 'f.id', 's.facility_id')
    .innerJoin('children as c', 'c.id', 's.child_id')
    .select(['s.id', 's.frequency', 's.first_date', 's.last_date', 's.start_minute', 's.end_minute', 's.facility_id', 'f.name as facility_name', 's.child_id', 'c.name as child_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!s) return undefined;
  const rows = await bookedQuery(db).where('r.series_id', '=', id).orderBy('r.starts_at').execute();
  return {
    id: s.id,
    frequency: s.frequency,
    firstDate: CalendarDate.from(s.first_date),
    lastDate: CalendarDate.from(s.last_date),
    startMinute: s.start_minute,
    endMinute: s.end_minute,
    facilityId: s.facility_id,
    facilityName: s.facility_name,
    childId: s.child_id,
    childName: s.child_name,
    bookings: rows.map(bookedRow),
  };
}
