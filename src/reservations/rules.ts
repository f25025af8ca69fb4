// The pure rules of booking (guide steps 6–7): lengths and steps, the age class on the day of use,
// the cancellation deadline, how a booking's minutes are drawn from allowance buckets, and slot
// generation from weekly templates. No I/O: queries.ts applies them inside its transactions.
import { dateAgeReached } from '../applications/rules.ts';
import { CalendarDate, DateRange, TimeRange, type Weekday } from '../platform/time.ts';
import type { BookingStyle, ReservationKind, ReservationStatus } from './tables.ts';

export const MINIMUM_BOOKING_MINUTES = 60;
export const BOOKING_STEP_MINUTES = 30;

/** Statuses that hold a place in the slot (and the child's time). */
export const PLACE_HOLDING_STATUSES = ['provisional', 'confirmed'] as const satisfies readonly ReservationStatus[];
/** Statuses whose minutes count against the monthly allowance: a late cancellation keeps them. */
export const ALLOWANCE_COUNTING_STATUSES = ['provisional', 'confirmed', 'late_cancelled'] as const satisfies readonly ReservationStatus[];

export type LengthProblem = 'too-short' | 'bad-step' | 'outside-slot';

/**
 * Whether `booking` is a bookable part of `slot`: within it; for free-length facilities at least
 * an hour, then 30-minute steps; for fixed blocks exactly the slot.
 */
export function lengthProblem(booking: TimeRange, slot: TimeRange, style: BookingStyle): LengthProblem | undefined {
  if (!booking.date.equals(slot.date) || booking.startMinute < slot.startMinute || booking.endMinute > slot.endMinute) return 'outside-slot';
  if (style === 'blocks') return booking.startMinute === slot.startMinute && booking.endMinute === slot.endMinute ? undefined : 'bad-step';
  if (booking.durationMinutes < MINIMUM_BOOKING_MINUTES) return 'too-short';
  if ((booking.durationMinutes - MINIMUM_BOOKING_MINUTES) % BOOKING_STEP_MINUTES !== 0) return 'bad-step';
  return undefined;
}

export type AgeClass = 0 | 1 | 2;

/** The child's age in whole years on `day`, in Japanese age reckoning (reached the day before the birthday). */
export function ageInYearsOn(birthDate: CalendarDate, day: CalendarDate): number {
  let years = 0;
  while (!day.isBefore(CalendarDate.from(dateAgeReached(birthDate.toString(), 12 * (years + 1))))) years++;
  return years;
}

/** 0歳 / 1歳 / 2歳 on the day of use; undefined before birth or from three years on. */
export function ageClassOn(birthDate: CalendarDate, day: CalendarDate): AgeClass | undefined {
  if (day.isBefore(birthDate)) return undefined;
  const years = ageInYearsOn(birthDate, day);
  return years <= 2 ? (years as AgeClass) : undefined;
}

/** Whether the child has reached the facility's youngest age (6 or 12 months) on `day`. */
export function oldEnoughOn(birthDate: CalendarDate, day: CalendarDate, youngestMonths: number): boolean {
  return !day.isBefore(CalendarDate.from(dateAgeReached(birthDate.toString(), youngestMonths)));
}

/** The last moment a cancellation frees the hours: 0:00 on the day of use, less the facility's margin. */
export function cancellationDeadline(useDate: CalendarDate, minutesBeforeDay: number): Date {
  return new Date(useDate.startOfDay().getTime() - minutesBeforeDay * 60_000);
}

/** Before the deadline a cancellation frees the hours; from it on, the booking keeps them. */
export function cancellationStatus(now: Date, useDate: CalendarDate, minutesBeforeDay: number): 'cancelled' | 'late_cancelled' {
  return now.getTime() < cancellationDeadline(useDate, minutesBeforeDay).getTime() ? 'cancelled' : 'late_cancelled';
}

/** One source of monthly hours: the national figure, or a municipality's own with a scope. */
export interface AllowanceBucket {
  /** 'national', or the allowance_buckets id. */
  key: string;
  minutesPerMonth: number;
  /** Kinds of use it pays for; undefined: every kind. */
  kinds?: readonly ReservationKind[];
  /** Only bookings at facilities of this municipality; undefined: any facility anywhere. */
  facilityMunicipalityId?: string;
}

export const NATIONAL_BUCKET = 'national';

export interface AllowanceUse {
  minutes: number;
  kind: ReservationKind;
  facilityMunicipalityId: string;
}

export type Allocation = { ok: true; charges: Array<{ bucket: string; minutes: number }> } | { ok: false; shortMinutes: number };

function bucketCovers(bucket: AllowanceBucket, use: AllowanceUse): boolean {
  return (bucket.kinds === undefined || bucket.kinds.includes(use.kind)) && (bucket.facilityMunicipalityId === undefined || bucket.facilityMunicipalityId === use.facilityMunicipalityId);
}

/**
 * Draws a booking's minutes from the buckets in their order (the national one first), each up to
 * what is left of it this month (`used`: minutes already charged per bucket key). Refused whole if
 * the buckets that cover it cannot pay all of it.
 */
export function allocateAllowance(buckets: readonly AllowanceBucket[], used: Readonly<Record<string, number>>, use: AllowanceUse): Allocation {
  let left = use.minutes;
  const charges: Array<{ bucket: string; minutes: number }> = [];
  for (const bucket of buckets) {
    if (left === 0) break;
    if (!bucketCovers(bucket, use)) continue;
    const take = Math.min(left, Math.max(0, bucket.minutesPerMonth - (used[bucket.key] ?? 0)));
    if (take > 0) {
      charges.push({ bucket: bucket.key, minutes: take });
      left -= take;
    }
  }
  return left === 0 ? { ok: true, charges } : { ok: false, shortMinutes: left };
}

/** A weekly pattern of a facility's slots. */
export interface SlotTemplate {
  weekday: Weekday;
  startMinute: number;
  endMinute: number;
  capacity: readonly [number, number, number];
  kinds: readonly ReservationKind[];
}

export interface GeneratedSlot {
  time: TimeRange;
  capacity: readonly [number, number, number];
  kinds: readonly ReservationKind[];
}

/**
 * The slots of `weeks` weeks from `from`, by template weekday, skipping national holidays and the
 * facility's own closed days. Pure; queries.ts inserts them so that running it twice adds nothing.
 */
export function generateSlots(templates: readonly SlotTemplate[], from: CalendarDate, weeks: number, closedDays: readonly CalendarDate[]): GeneratedSlot[] {
  const closed = new Set(closedDays.map(String));
  const slots: GeneratedSlot[] = [];
  for (const day of DateRange.of(from, from.addDays(weeks * 7 - 1)).days()) {
    if (day.isHoliday() || closed.has(day.toString())) continue;
    for (const template of templates) {
      if (template.weekday !== day.weekday) continue;
      slots.push({ time: TimeRange.of(day, template.startMinute, template.endMinute), capacity: template.capacity, kinds: template.kinds });
    }
  }
  return slots;
}
