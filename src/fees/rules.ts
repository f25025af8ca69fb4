// The pure rules of fees (guide step 8): billed time of a use, the late pick-up charge, what a
// same-day cancellation or a no-show costs, and the child's fee reduction on the day of use.
// No I/O: queries.ts reads the rows and applies these.
//
// Billed time is the ACTUAL time (operations.md: "recorded times feed fees and the monthly
// claim"): from check-in to check-out, within the booked window (an early arrival is not billed;
// time after the booked end is the late pick-up, charged by the municipality's rule). Under 1 hour
// counts as 1 hour; beyond that it is rounded up to 30 minutes. A same-day cancellation or a
// no-show keeps the BOOKED hours consumed, and they are charged where the facility says so.
import { CalendarDate, TimeRange } from '../platform/time.ts';
import type { ReductionCategory } from '../attendance/tables.ts';
import type { ReservationStatus } from '../reservations/tables.ts';

export type LatePickupRule = 'guide' | 'actual';

export const MINIMUM_BILLED_MINUTES = 60;
export const BILLING_STEP_MINUTES = 30;

/** 利用料減免, yen per hour (operations.md). */
export const REDUCTION_PER_HOUR: Readonly<Record<ReductionCategory, number>> = {
  public_assistance: 300,
  tax_exempt: 240,
  income_tax_exempt: 210,
  support_needed: 150,
};

export const REDUCTION_CATEGORIES = Object.keys(REDUCTION_PER_HOUR) as ReductionCategory[];

/**
 * The categories decided by the municipal tax (非課税 / 所得割): the tax year they rest on switches
 * in September (operations.md), so each lasts until 31 August and the family applies again.
 */
export function isTaxBased(category: ReductionCategory): boolean {
  return category === 'tax_exempt' || category === 'income_tax_exempt';
}

/** The 31 August on or after `from`: the last day of a tax-based reduction starting then. */
export function taxYearEnd(from: CalendarDate): CalendarDate {
  const year = from.month >= 9 ? from.year + 1 : from.year;
  return CalendarDate.fromParts(year, 8, 31)!;
}

/** When a reduction decided from `from` ends: the coming 31 August for a tax-based one, else never. */
export function reductionUntil(category: ReductionCategory, from: CalendarDate): CalendarDate | undefined {
  return isTaxBased(category) ? taxYearEnd(from) : undefined;
}

/** The year whose September reminder is due on `today` (1 September onwards), else undefined. */
export function reminderYear(today: CalendarDate): number | undefined {
  return today.month >= 9 ? today.year : undefined;
}

/** Under 1 hour (and exactly 1 hour) → 1 hour; beyond → rounded up to 30 minutes. 59 → 60, 60 → 60, 61 → 90. */
export function billedMinutes(actualMinutes: number): number {
  if (actualMinutes <= MINIMUM_BILLED_MINUTES) return MINIMUM_BILLED_MINUTES;
  return Math.ceil(actualMinutes / BILLING_STEP_MINUTES) * BILLING_STEP_MINUTES;
}

/** Whole minutes from `from` to `to` (a started minute is not counted); 0 when `to` is not later. */
export function wholeMinutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}

/**
 * Extra minutes charged for a pick-up `lateMinutes` after the booked end. 'guide' (the guide's
 * rule): nothing under 30 minutes, else 1 + floor((L − 30) / 60) hours. 'actual': the minutes
 * late rounded up to 30. They are fees, not allowance.
 */
export function latePickupExtraMinutes(lateMinutes: number, rule: LatePickupRule): number {
  if (lateMinutes <= 0) return 0;
  if (rule === 'actual') return Math.ceil(lateMinutes / BILLING_STEP_MINUTES) * BILLING_STEP_MINUTES;
  if (lateMinutes < 30) return 0;
  return (1 + Math.floor((lateMinutes - 30) / 60)) * 60;
}

export interface ReductionPeriod {
  category: ReductionCategory;
  effectiveFrom: CalendarDate;
  /** Inclusive; undefined while it lasts. */
  effectiveUntil?: CalendarDate | undefined;
}

/** The reduction in effect on `day` (periods of one child do not overlap: fee_reductions_no_overlap). */
export function reductionOn(periods: readonly ReductionPeriod[], day: CalendarDate): ReductionCategory | undefined {
  return periods.find((p) => !day.isBefore(p.effectiveFrom) && (p.effectiveUntil === undefined || !day.isAfter(p.effectiveUntil)))?.category;
}

/** The facility's hourly rate less the reduction, never below 0. */
export function hourlyFee(rateYen: number, reduction: ReductionCategory | undefined): number {
  return Math.max(0, rateYen - (reduction ? REDUCTION_PER_HOUR[reduction] : 0));
}

/** The fee of `minutes` at `perHourYen` (half hours of an odd rate are rounded down). */
export function feeOf(minutes: number, perHourYen: number): number {
  return Math.floor((minutes * perHourYen) / 60);
}

export type UseState =
  /** Checked in and out: billed by the recorded times. */
  | 'attended'
  /** Checked in, not yet out: the fee is not known yet. */
  | 'in_care'
  /** 欠席: the booked hours stay consumed. */
  | 'no_show'
  /** 当日キャンセル (after the facility's deadline): the booked hours stay consumed. */
  | 'late_cancelled'
  /** No check-in recorded (yet): nothing is billed. */
  | 'not_recorded';

export interface UseFacts {
  booked: TimeRange;
  status: ReservationStatus;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  noShowAt: Date | null;
  rule: LatePickupRule;
  chargesLateCancellations: boolean;
  rateYen: number;
  reduction: ReductionCategory | undefined;
}

export interface UseCharge {
  state: UseState;
  /** Minutes in care within the booked window (attended, in care). */
  actualMinutes: number | undefined;
  /** Billed time of the use itself (rounded), or the booked time kept by a cancellation or no-show. */
  billedMinutes: number;
  /** Minutes after the booked end at check-out. */
  lateMinutes: number;
  /** Extra minutes charged for the late pick-up (fees, not allowance). */
  extraMinutes: number;
  /** What the fee is charged on: billed + extra, or 0 when the facility does not charge it. */
  chargedMinutes: number;
  perHourYen: number;
  feeYen: number;
  /** Whether the fee is settled (may be paid): attended with a check-out, or a charged cancellation / no-show. */
  payable: boolean;
}

/** The charge of one use (a booking that reached its day). */
export function chargeOf(facts: UseFacts): UseCharge {
  const perHourYen = hourlyFee(facts.rateYen, facts.reduction);
  const base = { actualMinutes: undefined, lateMinutes: 0, extraMinutes: 0, perHourYen };
  const kept = (state: 'no_show' | 'late_cancelled'): UseCharge => {
    const minutes = billedMinutes(facts.booked.durationMinutes);
    const charged = facts.chargesLateCancellations ? minutes : 0;
    const feeYen = feeOf(charged, perHourYen);
    return { ...base, state, billedMinutes: minutes, chargedMinutes: charged, feeYen, payable: feeYen > 0 };
  };
  if (facts.status === 'late_cancelled') return kept('late_cancelled');
  if (facts.noShowAt) return kept('no_show');
  if (!facts.checkedInAt) return { ...base, state: 'not_recorded', billedMinutes: 0, chargedMinutes: 0, feeYen: 0, payable: false };
  const start = facts.checkedInAt.getTime() > facts.booked.start.getTime() ? facts.checkedInAt : facts.booked.start;
  if (!facts.checkedOutAt) {
    return { ...base, state: 'in_care', billedMinutes: 0, chargedMinutes: 0, feeYen: 0, payable: false };
  }
  const end = facts.checkedOutAt.getTime() < facts.booked.end.getTime() ? facts.checkedOutAt : facts.booked.end;
  const actualMinutes = wholeMinutesBetween(start, end);
  const billed = billedMinutes(actualMinutes);
  const lateMinutes = wholeMinutesBetween(facts.booked.end, facts.checkedOutAt);
  const extraMinutes = latePickupExtraMinutes(lateMinutes, facts.rule);
  const chargedMinutes = billed + extraMinutes;
  const feeYen = feeOf(chargedMinutes, perHourYen);
  return { state: 'attended', actualMinutes, billedMinutes: billed, lateMinutes, extraMinutes, chargedMinutes, perHourYen, feeYen, payable: feeYen > 0 };
}
