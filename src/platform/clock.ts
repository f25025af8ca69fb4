// An injected clock, so that tests can set the time (expiry of links, codes and sessions).
// Calendar dates (today in Tokyo, holidays, date and time ranges) are in time.ts.
import { CalendarDate } from './time.ts';

export interface Clock {
  now(): Date;
  /** Waits; a test clock moves on instead, so tests see when an answer would have come. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class TestClock implements Clock {
  constructor(private current: Date = new Date()) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  async sleep(ms: number): Promise<void> {
    this.advance(ms);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

const tokyoDateTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A moment as Japanese readers expect it, in Asia/Tokyo: 2026/11/26 10:30 */
export function formatTokyoDateTime(at: Date): string {
  return tokyoDateTime.format(at);
}

/** 'YYYY-MM-DD' → 2026年11月26日 (calendar dates live in time.ts; this is for views that hold strings). */
export function formatJapaneseDate(date: string): string {
  return CalendarDate.from(date).format('ja');
}
