// Eligibility for こども誰でも通園制度, in Japanese age reckoning (年齢計算ニ関スル法律, 民法143条):
// an age of N months is reached at the end of the day before the day corresponding to birth,
// N months later; where that month has no such day, at the end of the month's last day.

function parse(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The date on which a child born on `birthDate` reaches the age of `months` months. */
export function dateAgeReached(birthDate: string, months: number): string {
  const { y, m, d } = parse(birthDate);
  const monthIndex = m - 1 + months;
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  if (d > lastDay) return iso(new Date(Date.UTC(y, monthIndex, lastDay)));
  return iso(new Date(Date.UTC(y, monthIndex, d - 1)));
}

export interface EligibilityWindow {
  /** The first eligible day: the child has reached 6 months. */
  from: string;
  /** The last eligible day: two days before the third birthday (3歳の誕生日の前々日). */
  until: string;
}

export function eligibilityWindow(birthDate: string): EligibilityWindow {
  const threeYears = dateAgeReached(birthDate, 36);
  const until = new Date(`${threeYears}T00:00:00Z`);
  until.setUTCDate(until.getUTCDate() - 1);
  return { from: dateAgeReached(birthDate, 6), until: iso(until) };
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
