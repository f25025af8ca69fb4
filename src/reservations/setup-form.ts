// The facility's booking setup forms: 予約の設定, a slot template and a closed day, as typed (shown
// again on errors) and checked into values for setup-queries.ts.
import type { Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate } from '../platform/time.ts';
import { checked, datePartsFrom, isoDateFromParts, normaliseLines, normaliseSpaces, toHalfWidthDigits, type Checked, type DateParts, type FormFields } from '../platform/validation.ts';
import { CANCEL_DEADLINES, KINDS } from './setup-texts.ts';
import type { BookingStyle, ReservationKind } from './tables.ts';

export const SETUP_LIMITS = { bookingNotes: 2000, reason: 100, capacity: 99, weeksAhead: 26 } as const;

/** Templates lie on a 30-minute grid within these hours (6:00–22:00). */
export const EARLIEST_MINUTE = 6 * 60;
export const LATEST_MINUTE = 22 * 60;
export const GRID_MINUTES = 30;
/** The shortest template: a booking is at least an hour. */
export const SHORTEST_TEMPLATE_MINUTES = 60;

export interface OfferAnswers {
  /** Kinds ticked. */
  kinds: string[];
  youngestAge: string;
  bookingStyle: string;
  cancelDeadline: string;
  bookingNotes: string;
  weeksAhead: string;
}

export interface ValidOffer {
  kinds: Record<ReservationKind, boolean>;
  youngestAgeMonths: 6 | 12;
  bookingStyle: BookingStyle;
  cancelMinutesBeforeDay: number;
  bookingNotes: string;
  weeksAhead: number;
}

/** Checkboxes arrive as `kinds.interview=yes`… (see CheckboxGroup). */
export function offerAnswersFromBody(body: FormFields): OfferAnswers {
  return {
    kinds: KINDS.filter((k) => body[`kinds.${k}`] !== undefined),
    youngestAge: body.youngestAge ?? '',
    bookingStyle: body.bookingStyle ?? '',
    cancelDeadline: body.cancelDeadline ?? '',
    bookingNotes: normaliseLines(body.bookingNotes),
    weeksAhead: normaliseSpaces(body.weeksAhead),
  };
}

export function offerAnswersOf(offer: ValidOffer): OfferAnswers {
  return {
    kinds: KINDS.filter((k) => offer.kinds[k]),
    youngestAge: String(offer.youngestAgeMonths),
    bookingStyle: offer.bookingStyle,
    cancelDeadline: String(offer.cancelMinutesBeforeDay),
    bookingNotes: offer.bookingNotes,
    weeksAhead: String(offer.weeksAhead),
  };
}

/** A small whole number as typed (full-width digits allowed, a trailing 人 or 週 or 週間). */
function wholeNumber(value: string): number | undefined {
  const v = toHalfWidthDigits(value).replace(/\s/g, '').replace(/(人|週間|週)$/, '');
  return /^\d{1,3}$/.test(v) ? Number(v) : undefined;
}

const messages = {
  ja: {
    kindsRequired: '受け付ける予約の種類を1つ以上選んでください',
    youngestRequired: '受け入れる年齢を選んでください',
    styleRequired: '予約の方法を選んでください',
    deadlineRequired: '取消の期限を選んでください',
    notesTooLong: `予約時の注意事項は${SETUP_LIMITS.bookingNotes}文字以内で入力してください`,
    weeksInvalid: `利用枠を作成する期間は、1から${SETUP_LIMITS.weeksAhead}までの数字（週）で入力してください`,
    weekdayRequired: '曜日を選んでください',
    startInvalid: '開始時刻を選んでください（6:00から21:00までの30分単位）',
    endInvalid: '終了時刻を選んでください（7:00から22:00までの30分単位）',
    tooShort: '終了時刻は、開始時刻の1時間後以降にしてください',
    overlaps: (other: string) => `同じ曜日のテンプレート（${other}）と時間が重なっています。時間をずらしてください`,
    capacityInvalid: (label: string) => `${label}の定員は0から${SETUP_LIMITS.capacity}までの数字で入力してください`,
    capacityAllZero: '定員は、いずれかの年齢で1人以上にしてください',
    kindsServedRequired: '予約の種類を1つ以上選んでください',
    noKindsOffered: '「予約の設定」で受け付ける予約の種類がありません。先に予約の設定をしてください',
    dateInvalid: '日付を正しく入力してください（例：2026年12月12日）',
    datePast: '今日以降の日付を入力してください',
    dateTooFar: '1年以内の日付を入力してください',
    alreadyClosed: 'この日は、すでに休園日です',
    reasonRequired: '休園の理由を入力してください（例：運動会のため）',
    reasonTooLong: `理由は${SETUP_LIMITS.reason}文字以内で入力してください`,
  },
  en: {
    kindsRequired: 'Choose at least one kind of booking',
    youngestRequired: 'Choose the youngest age accepted',
    styleRequired: 'Choose how bookings are made',
    deadlineRequired: 'Choose the cancellation deadline',
    notesTooLong: `The notes must be ${SETUP_LIMITS.bookingNotes} characters or fewer`,
    weeksInvalid: `Enter the number of weeks, from 1 to ${SETUP_LIMITS.weeksAhead}`,
    weekdayRequired: 'Choose the day of the week',
    startInvalid: 'Choose the start (6:00 to 21:00, in 30-minute steps)',
    endInvalid: 'Choose the end (7:00 to 22:00, in 30-minute steps)',
    tooShort: 'The end must be at least an hour after the start',
    overlaps: (other: string) => `This overlaps another template on the same day (${other}). Choose another time`,
    capacityInvalid: (label: string) => `Enter the places for ${label} as a number from 0 to ${SETUP_LIMITS.capacity}`,
    capacityAllZero: 'Give at least one age one place or more',
    kindsServedRequired: 'Choose at least one kind of booking',
    noKindsOffered: 'The booking settings accept no kind of booking. Change the booking settings first',
    dateInvalid: 'Enter a real date, for example 2026 12 12',
    datePast: 'Enter today or a later date',
    dateTooFar: 'Enter a date within a year',
    alreadyClosed: 'This day is already a closed day',
    reasonRequired: 'Enter the reason, for example 運動会のため',
    reasonTooLong: `The reason must be ${SETUP_LIMITS.reason} characters or fewer`,
  },
};

export function setupMessages(lang: Lang) {
  return messages[lang];
}

export function validateOffer(a: OfferAnswers, lang: Lang): Checked<ValidOffer> {
  const m = messages[lang];
  const errors: FieldErrors = {};
  if (a.kinds.length === 0) errors.kinds = m.kindsRequired;
  const youngest = a.youngestAge === '6' ? 6 : a.youngestAge === '12' ? 12 : undefined;
  if (youngest === undefined) errors.youngestAge = m.youngestRequired;
  const style = a.bookingStyle === 'free' || a.bookingStyle === 'blocks' ? a.bookingStyle : undefined;
  if (style === undefined) errors.bookingStyle = m.styleRequired;
  const deadline = CANCEL_DEADLINES.find((d) => String(d) === a.cancelDeadline);
  if (deadline === undefined) errors.cancelDeadline = m.deadlineRequired;
  if (a.bookingNotes.length > SETUP_LIMITS.bookingNotes) errors.bookingNotes = m.notesTooLong;
  const weeks = wholeNumber(a.weeksAhead);
  if (weeks === undefined || weeks < 1 || weeks > SETUP_LIMITS.weeksAhead) errors.weeksAhead = m.weeksInvalid;
  return checked(errors, {
    kinds: { interview: a.kinds.includes('interview'), regular: a.kinds.includes('regular'), flexible: a.kinds.includes('flexible') },
    youngestAgeMonths: youngest ?? 6,
    bookingStyle: style ?? 'free',
    cancelMinutesBeforeDay: deadline ?? 0,
    bookingNotes: a.bookingNotes,
    weeksAhead: weeks ?? 4,
  });
}

export interface TemplateAnswers {
  weekday: string;
  start: string;
  end: string;
  capacity0: string;
  capacity1: string;
  capacity2: string;
  kinds: string[];
}

export interface ValidTemplate {
  weekday: number;
  startMinute: number;
  endMinute: number;
  capacity: [number, number, number];
  kinds: ReservationKind[];
}

export function emptyTemplateAnswers(offered: readonly ReservationKind[]): TemplateAnswers {
  return { weekday: '', start: '', end: '', capacity0: '0', capacity1: '0', capacity2: '0', kinds: [...offered] };
}

export function templateAnswersFromBody(body: FormFields): TemplateAnswers {
  return {
    weekday: body.weekday ?? '',
    start: body.start ?? '',
    end: body.end ?? '',
    capacity0: normaliseSpaces(body.capacity0),
    capacity1: normaliseSpaces(body.capacity1),
    capacity2: normaliseSpaces(body.capacity2),
    kinds: KINDS.filter((k) => body[`kinds.${k}`] !== undefined),
  };
}

/** The start and end times offered: 'HH:MM' on the grid. */
export function gridTimes(from: number, to: number): string[] {
  const times: string[] = [];
  for (let minute = from; minute <= to; minute += GRID_MINUTES) times.push(`${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
  return times;
}

function gridMinute(value: string, from: number, to: number): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return minute >= from && minute <= to && minute % GRID_MINUTES === 0 ? minute : undefined;
}

/**
 * Checks a template against the facility's offered kinds; overlapping another template of the
 * same weekday is checked by addTemplate, under the facility's lock.
 */
export function validateTemplate(a: TemplateAnswers, offered: readonly ReservationKind[], lang: Lang, ageLabels: readonly string[]): Checked<ValidTemplate> {
  const m = messages[lang];
  const errors: FieldErrors = {};
  const weekday = /^[1-7]$/.test(a.weekday) ? Number(a.weekday) : undefined;
  if (weekday === undefined) errors.weekday = m.weekdayRequired;
  const start = gridMinute(a.start, EARLIEST_MINUTE, LATEST_MINUTE - SHORTEST_TEMPLATE_MINUTES);
  if (start === undefined) errors.start = m.startInvalid;
  const end = gridMinute(a.end, EARLIEST_MINUTE + SHORTEST_TEMPLATE_MINUTES, LATEST_MINUTE);
  if (end === undefined) errors.end = m.endInvalid;
  else if (start !== undefined && end - start < SHORTEST_TEMPLATE_MINUTES) errors.end = m.tooShort;
  const capacity = [a.capacity0, a.capacity1, a.capacity2].map((value, age) => {
    const n = wholeNumber(value);
    if (n === undefined || n > SETUP_LIMITS.capacity) errors[`capacity${age}`] = m.capacityInvalid(ageLabels[age] ?? String(age));
    return n ?? 0;
  }) as [number, number, number];
  if (!errors.capacity0 && !errors.capacity1 && !errors.capacity2 && capacity.every((n) => n === 0)) errors.capacity0 = m.capacityAllZero;
  const kinds = KINDS.filter((k) => a.kinds.includes(k) && offered.includes(k));
  if (offered.length === 0) errors.kinds = m.noKindsOffered;
  else if (kinds.length === 0) errors.kinds = m.kindsServedRequired;
  return checked(errors, { weekday: weekday ?? 1, startMinute: start ?? 0, endMinute: end ?? 0, capacity, kinds });
}

export interface ClosedDayAnswers {
  date: DateParts;
  reason: string;
}

export interface ValidClosedDay {
  date: CalendarDate;
  reason: string;
}

export function closedDayAnswersFromBody(body: FormFields): ClosedDayAnswers {
  return { date: datePartsFrom(body, 'date'), reason: normaliseSpaces(body.reason) };
}

/** A day from today to a year ahead, with a reason (it is written in the mail to families). */
export function validateClosedDay(a: ClosedDayAnswers, today: CalendarDate, lang: Lang): Checked<ValidClosedDay> {
  const m = messages[lang];
  const errors: FieldErrors = {};
  const iso = isoDateFromParts(a.date);
  const date = iso === undefined ? undefined : CalendarDate.parse(iso);
  if (date === undefined) errors.date = m.dateInvalid;
  else if (date.isBefore(today)) errors.date = m.datePast;
  else if (date.isAfter(today.addMonths(12))) errors.date = m.dateTooFar;
  if (!a.reason) errors.reason = m.reasonRequired;
  else if (a.reason.length > SETUP_LIMITS.reason) errors.reason = m.reasonTooLong;
  return checked(errors, { date: date ?? today, reason: a.reason });
}
