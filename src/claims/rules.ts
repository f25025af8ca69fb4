// The pure rules of the monthly claim (給付費請求, issue 10). No I/O: queries.ts reads the uses
// (src/fees/queries.ts, so the claim bills exactly what the facility's usage page shows) and applies these.
//
// Each use is billed at the national unit price of its fiscal year (April–March) for the child's
// age class ON THE DAY OF USE (0歳 / 1–2歳; src/reservations/rules.ts ageClassOn), for its billed
// time (src/fees/rules.ts: the recorded time within the booked window, under an hour → 1 hour,
// then 30-minute steps). A same-day cancellation or a no-show keeps the booked hours and is a line
// of its own kind. A late pick-up's extra time is the family's fee, not the claim. Add-ons
// (障害児 / 医療的ケア児 / 要支援) add their price per hour when the facility marks the child.
import { feeOf } from '../fees/rules.ts';
import type { UseState } from '../fees/rules.ts';
import { ageClassOn, type AgeClass } from '../reservations/rules.ts';
import { CalendarDate } from '../platform/time.ts';
import type { AddonKind, ClaimLineKind, ClaimStatus, PriceKind } from './tables.ts';

export const ADDON_KINDS: readonly AddonKind[] = ['disability', 'medical_care', 'support_needed'];

/** April–March: 2027-03-31 is in FY2026, 2027-04-01 in FY2027. */
export function fiscalYearOf(day: CalendarDate): number {
  return day.month >= 4 ? day.year : day.year - 1;
}

export function priceKindOf(ageClass: AgeClass): PriceKind {
  return ageClass === 0 ? 'age0' : 'age1_2';
}

/** Unit prices: fiscal year → kind → yen per hour (a kind without a row is absent). */
export type PriceTable = ReadonlyMap<number, Partial<Record<PriceKind, number>>>;

/** A month may be claimed from its day after: the first of the next month (Tokyo). */
export function monthIsOver(month: CalendarDate, today: CalendarDate): boolean {
  return !today.isBefore(month.firstOfMonth().addMonths(1));
}

/** What a use contributes: the state and billed minutes from src/fees/rules.ts chargeOf. */
export interface ClaimUse {
  reservationId: string;
  childId: string;
  childName: string;
  childKana: string;
  birthDate: CalendarDate;
  date: CalendarDate;
  state: UseState;
  billedMinutes: number;
}

export interface ClaimLine {
  reservationId: string;
  childId: string;
  childName: string;
  childKana: string;
  date: CalendarDate;
  kind: ClaimLineKind;
  ageClass: AgeClass;
  billedMinutes: number;
  yenPerHour: number;
  addons: AddonKind[];
  addonYenPerHour: number;
  amountYen: number;
}

/** Why a use of the month is not on the claim (shown to the facility, which corrects it with a reason). */
export type Omission = { reservationId: string; childName: string; date: CalendarDate; why: 'not_recorded' | 'in_care' | 'no_age_class' | 'no_price' };

const LINE_KIND: Partial<Record<UseState, ClaimLineKind>> = { attended: 'use', late_cancelled: 'late_cancel', no_show: 'no_show' };

/**
 * The lines of a claim from its uses (already those of one facility, municipality and month),
 * by date then child kana, and the uses that cannot be claimed as recorded.
 */
export function claimLines(uses: readonly ClaimUse[], prices: PriceTable, addonsOf: (childId: string) => readonly AddonKind[]): { lines: ClaimLine[]; omitted: Omission[] } {
  const lines: ClaimLine[] = [];
  const omitted: Omission[] = [];
  for (const use of uses) {
    const kind = LINE_KIND[use.state];
    if (!kind) {
      omitted.push({ reservationId: use.reservationId, childName: use.childName, date: use.date, why: use.state === 'in_care' ? 'in_care' : 'not_recorded' });
      continue;
    }
    const ageClass = ageClassOn(use.birthDate, use.date);
    if (ageClass === undefined) {
      omitted.push({ reservationId: use.reservationId, childName: use.childName, date: use.date, why: 'no_age_class' });
      continue;
    }
    const table = prices.get(fiscalYearOf(use.date));
    const yenPerHour = table?.[priceKindOf(ageClass)];
    if (yenPerHour === undefined) {
      omitted.push({ reservationId: use.reservationId, childName: use.childName, date: use.date, why: 'no_price' });
      continue;
    }
    const addons = ADDON_KINDS.filter((a) => addonsOf(use.childId).includes(a));
    const addonYenPerHour = addons.reduce((sum, a) => sum + (table?.[a] ?? 0), 0);
    lines.push({
      reservationId: use.reservationId,
      childId: use.childId,
      childName: use.childName,
      childKana: use.childKana,
      date: use.date,
      kind,
      ageClass,
      billedMinutes: use.billedMinutes,
      yenPerHour,
      addons,
      addonYenPerHour,
      amountYen: feeOf(use.billedMinutes, yenPerHour + addonYenPerHour),
    });
  }
  lines.sort((a, b) => a.date.compare(b.date) || a.childKana.localeCompare(b.childKana, 'ja') || a.reservationId.localeCompare(b.reservationId));
  return { lines, omitted };
}

export function totalOf(lines: readonly Pick<ClaimLine, 'amountYen'>[]): number {
  return lines.reduce((sum, l) => sum + l.amountYen, 0);
}

/** Statuses the facility may submit from; the municipality sees every other. */
export const SUBMITTABLE: readonly ClaimStatus[] = ['draft', 'returned'];
/** Statuses waiting for the municipality's review. */
export const UNDER_REVIEW: readonly ClaimStatus[] = ['submitted', 'resubmitted'];
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['draft', 'submitted', 'returned', 'resubmitted', 'approved', 'paid'];
