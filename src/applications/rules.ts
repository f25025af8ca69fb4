// Eligibility for こども誰でも通園制度, in Japanese age reckoning (年齢計算ニ関スル法律, 民法143条):
// an age of N months is reached at the end of the day before the day corresponding to birth,
// N months later; where that month has no such day, at the end of the month's last day.
import { CalendarDate } from '../platform/time.ts';

function ageReachedOn(birth: CalendarDate, months: number): CalendarDate {
  // addMonths clamps a missing day (31 August + 6 months) to the month's last day: reached on that day.
  const corresponding = birth.addMonths(months);
  return corresponding.day === birth.day ? corresponding.addDays(-1) : corresponding;
}

/** The date on which a child born on `birthDate` reaches the age of `months` months. */
export function dateAgeReached(birthDate: string, months: number): string {
  return ageReachedOn(CalendarDate.from(birthDate), months).toString();
}

export interface EligibilityWindow {
  /** The first eligible day: the child has reached 6 months. */
  from: string;
  /** The last eligible day: two days before the third birthday (3歳の誕生日の前々日). */
  until: string;
}

export function eligibilityWindow(birthDate: string): EligibilityWindow {
  const birth = CalendarDate.from(birthDate);
  return { from: ageReachedOn(birth, 6).toString(), until: ageReachedOn(birth, 36).addDays(-1).toString() };
}

export type Eligibility = 'eligible' | 'too-young' | 'too-old' | 'not-born';

/** Whether a child may be certified on `today` ('YYYY-MM-DD' in Asia/Tokyo). */
export function eligibilityOn(birthDate: string, today: string): Eligibility {
  if (birthDate > today) return 'not-born';
  const window = eligibilityWindow(birthDate);
  if (today < window.from) return 'too-young';
  if (today > window.until) return 'too-old';
  return 'eligible';
}
