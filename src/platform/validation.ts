// Normalisation and checks shared by every form. Messages are chosen by the caller.
import { CalendarDate } from './time.ts';

/** Full-width digits and hyphens (as typed by Japanese keyboards) become ASCII. */
export function toHalfWidthDigits(value: string): string {
  return value
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－ー−‐―]/g, '-');
}

export function normaliseSpaces(value: string | undefined): string {
  return (value ?? '').replace(/[\s　]+/g, ' ').trim();
}

/** Hiragana become katakana, so a guardian who types ふりがな is not turned away. */
export function toKatakana(value: string): string {
  return value.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** Full-width katakana, the prolonged sound mark and spaces. */
export function isKatakana(value: string): boolean {
  return /^[\u30A1-\u30FA\u30FC\u30FB ]+$/.test(value);
}

/** 1234567 or 123-4567 → 123-4567; undefined if it is not a postal code. */
export function normalisePostalCode(value: string): string | undefined {
  const digits = toHalfWidthDigits(value).replace(/[-\s]/g, '');
  return /^\d{7}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : undefined;
}

/** Japanese phone numbers: 10 or 11 digits starting with 0, hyphens allowed. */
export function normalisePhone(value: string): string | undefined {
  const cleaned = toHalfWidthDigits(value).replace(/[\s()（）]/g, '');
  const digits = cleaned.replace(/-/g, '');
  return /^0\d{9,10}$/.test(digits) && /^[\d-]+$/.test(cleaned) ? cleaned : undefined;
}

export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function normaliseEmail(value: string | undefined): string {
  return (value ?? '').normalize('NFKC').trim().toLowerCase();
}

export interface DateParts {
  year: string;
  month: string;
  day: string;
}

export function datePartsFrom(body: Record<string, string>, name: string): DateParts {
  return {
    year: toHalfWidthDigits((body[`${name}.year`] ?? '').trim()),
    month: toHalfWidthDigits((body[`${name}.month`] ?? '').trim()),
    day: toHalfWidthDigits((body[`${name}.day`] ?? '').trim()),
  };
}

export function datePartsOf(date: string): DateParts {
  const [year = '', month = '', day = ''] = date.split('-');
  return { year, month: String(Number(month)), day: String(Number(day)) };
}

/** 'YYYY-MM-DD' if the parts name a real calendar date, else undefined. */
export function isoDateFromParts(parts: DateParts): string | undefined {
  if (!/^\d{4}$/.test(parts.year) || !/^\d{1,2}$/.test(parts.month) || !/^\d{1,2}$/.test(parts.day)) return undefined;
  return CalendarDate.fromParts(Number(parts.year), Number(parts.month), Number(parts.day))?.toString();
}
