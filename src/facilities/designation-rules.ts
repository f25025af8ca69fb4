// 認可・確認: which record holds on a day, and whether the facility may publish slots for it.
// Pure: the records come from facility_designations (migrations/0016_facility_designations.ts).
import type { CalendarDate } from '../platform/time.ts';
import type { BusinessType } from './tables.ts';

export interface Designation {
  effectiveFrom: string;
  businessType: BusinessType | null;
  licensedOn: string | null;
  confirmedOn: string | null;
  confirmationEndsOn: string | null;
  recordedAt: Date;
}

/** The record in effect on the day: the latest effective on or before it (the later-recorded of a tie). */
export function designationOn(records: readonly Designation[], day: CalendarDate): Designation | undefined {
  const date = day.toString();
  let best: Designation | undefined;
  for (const r of records) {
    if (r.effectiveFrom > date) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom === best.effectiveFrom && r.recordedAt > best.recordedAt)) best = r;
  }
  return best;
}

/** Licensed and confirmed on the day, and the confirmation not ended before it. */
export function mayPublishOn(records: readonly Designation[], day: CalendarDate): boolean {
  const r = designationOn(records, day);
  if (!r || !r.licensedOn || !r.confirmedOn) return false;
  const date = day.toString();
  return r.licensedOn <= date && r.confirmedOn <= date && (r.confirmationEndsOn === null || date <= r.confirmationEndsOn);
}
