// Normalisation and checks shared by every form. Messages are chosen by the caller. Text arrives
// already cleaned of what can never be meant (src/platform/input.ts); what is done here is about
// meaning: spaces, full-width digits, kana.
import type { FieldErrors } from './ui/forms.tsx';
import { CalendarDate } from './time.ts';

/** A form body, or the hidden fields a confirmation screen carries: one string per name. */
export type FormFields = Record<string, string>;

/**
 * What checking a form answers: the typed value, or the errors to show beside the fields (never
 * both, and never an empty set of errors). `if (result.errors)` tells them apart.
 */
export type Checked<V> = { value: V; errors?: undefined } | { errors: FieldErrors; value?: undefined };

/** The value if no field has an error, else the errors. */
export function checked<V>(errors: FieldErrors, value: V): Checked<V> {
  return Object.keys(errors).length > 0 ? { errors } : { value };
}

/** Full-width digits and hyphens (as typed by Japanese keyboards) become ASCII. */
export function toHalfWidthDigits(value: string): string {
  return value
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－ー−‐―]/g, '-');
}

export function normaliseSpaces(value: string | undefined): string {
  return (value ?? '').replace(/[\s　]+/g, ' ').trim();
}

/** Free text of a few lines: line breaks kept (as \n), spaces at the ends dropped. */
export function normaliseLines(value: string | undefined): string {
  return (value ?? '').replace(/\r\n?/g, '\n').trim();
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

export function datePartsFrom(body: FormFields, name: string): DateParts {
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
