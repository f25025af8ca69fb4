// Dates and times of day as people in Japan mean them: a calendar date in Asia/Tokyo, a range of
// such dates, and a time range within one day. Instants (timestamptz, Date) stay in clock.ts; this
// module is where the two meet, so that no other code does calendar arithmetic on strings.
//
// Tokyo has kept UTC+9 without daylight saving since 1952, so a Tokyo day is always 24 hours and
// a fixed offset converts exactly (test/platform/time.test.ts checks it against the time-zone
// database). Inside this module, Date.UTC is only a calendar calculator: UTC has no DST either.
import holidayJp from '@holiday-jp/holiday_jp';
import type { Clock } from './clock.ts';
import type { Lang } from './i18n.ts';

const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 24 * 60;
const TOKYO_OFFSET_MS = 9 * 60 * 60_000;

// Four-digit years only: '0099' is a typing slip, not the first century, and ISO strings of
// four-digit years sort in date order (the code compares 'YYYY-MM-DD' strings directly).
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const WEEKDAYS_JA = ['月', '火', '水', '木', '金', '土', '日'] as const;
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The package's table covers 1970–2050; a date outside it is simply not a holiday. */
const HOLIDAYS: Readonly<Record<string, { name: string; name_en: string } | undefined>> = holidayJp.holidays;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A day on the calendar in Asia/Tokyo (no time, no zone). Immutable; compare with compare/equals. */
export class CalendarDate {
  private constructor(
    readonly year: number,
    /** 1–12 */
    readonly month: number,
    /** 1–31 */
    readonly day: number,
    /** Days since 1970-01-01, for arithmetic and comparison. */
    private readonly epochDay: number,
  ) {
    Object.freeze(this);
  }

  /** The date if the parts name a real calendar date (2026-02-30 does not), else undefined. */
  static fromParts(year: number, month: number, day: number): CalendarDate | undefined {
    if (![year, month, day].every(Number.isInteger)) return undefined;
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    return new CalendarDate(year, month, day, Date.UTC(year, month - 1, day) / DAY_MS);
  }

  /** Strictly 'YYYY-MM-DD' naming a real date; anything else is undefined. For input from people. */
  static parse(text: string): CalendarDate | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return match ? CalendarDate.fromParts(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  }

  /** A 'YYYY-MM-DD' that must be valid (a date column, a date this module made); throws if not. */
  static from(text: string): CalendarDate {
    const date = CalendarDate.parse(text);
    if (!date) throw new RangeError(`not a calendar date: ${JSON.stringify(text)}`);
    return date;
  }

  /** The date in Tokyo at an instant. */
  static inTokyo(instant: Date): CalendarDate {
    return CalendarDate.fromEpochDay(Math.floor((instant.getTime() + TOKYO_OFFSET_MS) / DAY_MS));
  }

  /** Today in Tokyo, by the injected clock. */
  static today(clock: Clock): CalendarDate {
    return CalendarDate.inTokyo(clock.now());
  }

  private static fromEpochDay(epochDay: number): CalendarDate {
    const at = new Date(epochDay * DAY_MS);
    const date = CalendarDate.fromParts(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
    if (!date) throw new RangeError(`date out of range (years ${MIN_YEAR}–${MAX_YEAR})`);
    return date;
  }

  addDays(days: number): CalendarDate {
    return CalendarDate.fromEpochDay(this.epochDay + days);
  }

  /** The same day `months` later (or earlier); where that month is shorter, its last day (1/31 + 1 → 2/28). */
  addMonths(months: number): CalendarDate {
    const index = this.year * 12 + (this.month - 1) + months;
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    const date = CalendarDate.fromParts(year, month, Math.min(this.day, daysInMonth(year, month)));
    if (!date) throw new RangeError(`date out of range (years ${MIN_YEAR}–${MAX_YEAR})`);
    return date;
  }

  firstOfMonth(): CalendarDate {
    return this.addDays(1 - this.day);
  }

  lastOfMonth(): CalendarDate {
    return this.addDays(daysInMonth(this.year, this.month) - this.day);
  }

  get weekday(): Weekday {
    // 1970-01-01 was a Thursday (4).
    return ((((this.epochDay + 3) % 7) + 7) % 7 + 1) as Weekday;
  }

  /** Negative, zero or positive, for sorting. */
  compare(other: CalendarDate): number {
    return this.epochDay - other.epochDay;
  }

  equals(other: CalendarDate): boolean {
    return this.epochDay === other.epochDay;
  }

  isBefore(other: CalendarDate): boolean {
    return this.epochDay < other.epochDay;
  }

  isAfter(other: CalendarDate): boolean {
    return this.epochDay > other.epochDay;
  }

  /** Days from this date to `other` (negative if `other` is earlier). */
  daysUntil(other: CalendarDate): number {
    return other.epochDay - this.epochDay;
  }

  /** A national holiday (祝日・振替休日・国民の休日), by @holiday-jp/holiday_jp. */
  isHoliday(): boolean {
    return this.holidayName('ja') !== undefined;
  }

  /** 成人の日, 文化の日 振替休日 …; undefined on an ordinary day. */
  holidayName(lang: Lang): string | undefined {
    // Looked up by the Tokyo date string: the package's Date methods read the server's zone (UTC).
    const holiday = HOLIDAYS[this.toString()];
    return lang === 'ja' ? holiday?.name : holiday?.name_en;
  }

  /** The instant this day begins in Tokyo (00:00 JST), e.g. for `at >= date.startOfDay()`. */
  startOfDay(): Date {
    return new Date(this.epochDay * DAY_MS - TOKYO_OFFSET_MS);
  }

  /** ja: 2026年1月12日 (with weekday: 2026年1月12日(月)); en: 12 Jan 2026 (Mon 12 Jan 2026). */
  format(lang: Lang, options: { weekday?: boolean } = {}): string {
    const weekdayIndex = this.weekday - 1;
    if (lang === 'ja') {
      const date = `${this.year}年${this.month}月${this.day}日`;
      return options.weekday ? `${date}(${WEEKDAYS_JA[weekdayIndex]})` : date;
    }
    const date = `${this.day} ${MONTHS_EN[this.month - 1]} ${this.year}`;
    return options.weekday ? `${WEEKDAYS_EN[weekdayIndex]} ${date}` : date;
  }

  /** 'YYYY-MM-DD', as PostgreSQL's date columns take and give it. */
  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The days from `start` to `end`, both included (PostgreSQL: daterange(start, end, '[]')). */
export class DateRange {
  private constructor(
    readonly start: CalendarDate,
    readonly end: CalendarDate,
  ) {
    Object.freeze(this);
  }

  /** Throws if `end` is before `start`; one day is start = end. */
  static of(start: CalendarDate, end: CalendarDate): DateRange {
    if (end.isBefore(start)) throw new RangeError(`date range ends before it starts: ${start} … ${end}`);
    return new DateRange(start, end);
  }

  /** The calendar month that `date` falls in. */
  static monthOf(date: CalendarDate): DateRange {
    return new DateRange(date.firstOfMonth(), date.lastOfMonth());
  }

  /** How many days, counting both ends. */
  get dayCount(): number {
    return this.start.daysUntil(this.end) + 1;
  }

  contains(date: CalendarDate): boolean {
    return !date.isBefore(this.start) && !date.isAfter(this.end);
  }

  /** Whether the ranges share at least one day. */
  overlaps(other: DateRange): boolean {
    return !other.end.isBefore(this.start) && !other.start.isAfter(this.end);
  }

  /** Each day in order, start and end included. */
  *days(): Generator<CalendarDate> {
    for (let date = this.start; !date.isAfter(this.end); date = date.addDays(1)) yield date;
  }

  toString(): string {
    return `${this.start}/${this.end}`;
  }
}

/** 'HH:MM' or 'HH:MM:SS' (as a time column gives it, seconds zero) → minutes since midnight; 24:00 allowed. */
export function minuteOfDay(text: string): number | undefined {
  const match = /^(\d{2}):(\d{2})(?::00)?$/.exec(text);
  if (!match) return undefined;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minute <= MINUTES_PER_DAY ? minute : undefined;
}

/** Minutes since midnight → 'HH:MM' (540 → '09:00'). */
export function formatMinuteOfDay(minute: number): string {
  return `${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}`;
}

/**
 * A stretch of time within one Tokyo day, in whole minutes: from `startMinute` up to but not
 * including `endMinute` (PostgreSQL: tstzrange(start, end, '[)'), so 9:00–10:00 and 10:00–11:00
 * do not overlap). `endMinute` may be 1440, the end of the day.
 */
export class TimeRange {
  private constructor(
    readonly date: CalendarDate,
    readonly startMinute: number,
    readonly endMinute: number,
  ) {
    Object.freeze(this);
  }

  /** Throws unless 0 ≤ startMinute < endMinute ≤ 1440, in whole minutes. */
  static of(date: CalendarDate, startMinute: number, endMinute: number): TimeRange {
    if (!Number.isInteger(startMinute) || !Number.isInteger(endMinute) || startMinute < 0 || endMinute > MINUTES_PER_DAY || startMinute >= endMinute) {
      throw new RangeError(`not a time range within a day: ${startMinute}–${endMinute}`);
    }
    return new TimeRange(date, startMinute, endMinute);
  }

  /**
   * From two instants (a tstzrange's bounds) that lie within one Tokyo day on whole minutes; the
   * end may be the next midnight. Throws otherwise.
   */
  static fromInstants(start: Date, end: Date): TimeRange {
    const date = CalendarDate.inTokyo(start);
    const midnight = date.startOfDay().getTime();
    const startMinute = (start.getTime() - midnight) / 60_000;
    const endMinute = (end.getTime() - midnight) / 60_000;
    if (!Number.isInteger(startMinute) || !Number.isInteger(endMinute) || endMinute <= startMinute || endMinute > MINUTES_PER_DAY) {
      throw new RangeError(`not a time range within one Tokyo day: ${start.toISOString()}–${end.toISOString()}`);
    }
    return new TimeRange(date, startMinute, endMinute);
  }

  /** The first instant (timestamptz). */
  get start(): Date {
    return new Date(this.date.startOfDay().getTime() + this.startMinute * 60_000);
  }

  /** The instant just after the range (timestamptz; the range's exclusive upper bound). */
  get end(): Date {
    return new Date(this.date.startOfDay().getTime() + this.endMinute * 60_000);
  }

  get durationMinutes(): number {
    return this.endMinute - this.startMinute;
  }

  /** Whether the ranges share any moment; touching ends (10:00 and 10:00) do not. */
  overlaps(other: TimeRange): boolean {
    return this.start.getTime() < other.end.getTime() && other.start.getTime() < this.end.getTime();
  }

  /** '2026-01-12 09:00–10:30' */
  toString(): string {
    return `${this.date} ${formatMinuteOfDay(this.startMinute)}–${formatMinuteOfDay(this.endMinute)}`;
  }
}

/** 'YYYY-MM', the month of `date` (as in ?month= and form values). */
export function yearMonthOf(date: CalendarDate): string {
  return date.toString().slice(0, 7);
}

/**
 * 'YYYY-MM' → the month's first day; undefined for anything else, and for a year outside
 * 2000–2998: pages step to the neighbouring months, and the calendar ends in 9999.
 */
export function parseYearMonth(text: string | undefined): CalendarDate | undefined {
  if (!text || !/^\d{4}-\d{2}$/.test(text)) return undefined;
  const month = CalendarDate.parse(`${text}-01`);
  return month && month.year >= 2000 && month.year <= 2998 ? month : undefined;
}
