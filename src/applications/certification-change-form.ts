// A change to a certification (変更認定): the child's name or its reading (e.g. after a change of
// surname), or the certification's last day, from the first day of a later month. Names are kept
// exactly as typed (no NFC/NFKC): municipal systems carry rare kanji and variation selectors.
import { defineTexts, type Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate, parseYearMonth, yearMonthOf } from '../platform/time.ts';
import { checked, datePartsFrom, datePartsOf, isoDateFromParts, normaliseLines, normaliseSpaces, toKatakana, type Checked, type DateParts, type FormFields } from '../platform/validation.ts';
import { eligibilityWindow } from './rules.ts';
import { checkKana, checkName } from './guardian-details.ts';

export const CHANGE_REASON_LIMIT = 500;
/** How many months ahead a change may be dated. */
export const CHANGE_MONTHS_AHEAD = 12;

export interface ChangeAnswers {
  from: string;
  name: string;
  nameKana: string;
  validUntil: DateParts;
  reason: string;
}

export interface ValidChange {
  from: CalendarDate;
  /** Undefined where the value stays as it is. */
  name?: string | undefined;
  nameKana?: string | undefined;
  validUntil?: CalendarDate | undefined;
  reason: string;
}

export interface CertificationNow {
  name: string;
  name_kana: string;
  birth_date: string;
  certification_valid_until: string;
}

/** Changes take effect from the next month at the earliest (operations.md). */
export function firstChangeMonth(today: CalendarDate): CalendarDate {
  return today.firstOfMonth().addMonths(1);
}

export function changeMonths(today: CalendarDate): CalendarDate[] {
  const first = firstChangeMonth(today);
  return Array.from({ length: CHANGE_MONTHS_AHEAD }, (_, i) => first.addMonths(i));
}

/** The form as first shown: the certification as it reads now, from the next month. */
export function changeAnswersOf(c: CertificationNow, today: CalendarDate): ChangeAnswers {
  return { from: yearMonthOf(firstChangeMonth(today)), name: c.name, nameKana: c.name_kana, validUntil: datePartsOf(c.certification_valid_until), reason: '' };
}

export function changeAnswersFromBody(body: FormFields): ChangeAnswers {
  return {
    from: (body.changeFrom ?? '').trim(),
    // The name exactly as typed, only trimmed at its ends.
    name: (body.changeName ?? '').trim(),
    nameKana: toKatakana(normaliseSpaces(body.changeKana)),
    validUntil: datePartsFrom(body, 'changeValidUntil'),
    reason: normaliseLines(body.changeReason),
  };
}

const texts = defineTexts({
  ja: {
    from: '変更する月を選んでください。変更は翌月以降の1日から適用されます。',
    validUntil: '認定の最後の日を、年・月・日の数字で入力してください（例：2027年3月31日）。',
    tooLate: (until: string) => `対象年齢は3歳の誕生日の前々日までです。このお子さまは${until}より後にできません。`,
    earlier: '認定の期間を短くするときは、下の「認定を終了する」を使ってください。予約の取り消しとお知らせがそちらで行われます。',
    beforeFrom: (from: string) => `最後の日は、変更を適用する${from}以降の日にしてください。`,
    nothing: '変更する内容がありません。氏名、フリガナ、認定の最後の日のどれかを変えてください。',
    reason: '変更の理由を入力してください。',
    reasonLong: `理由は${CHANGE_REASON_LIMIT}文字以内で入力してください。`,
  },
  en: {
    from: 'Choose the month of the change. Changes apply from the first day of next month or later.',
    validUntil: 'Enter the last day of the certification as numbers for year, month and day.',
    tooLate: (until: string) => `The scheme covers children until two days before their third birthday: no later than ${until} for this child.`,
    earlier: 'To shorten the certification, use “End the certification” below: it cancels the bookings and tells the family.',
    beforeFrom: (from: string) => `The last day must be on or after the first day of the change (${from}).`,
    nothing: 'Nothing would change. Change the name, its reading or the last day.',
    reason: 'Enter the reason for the change.',
    reasonLong: `Keep the reason within ${CHANGE_REASON_LIMIT} characters.`,
  },
});

export function validateChange(a: ChangeAnswers, lang: Lang, today: CalendarDate, now: CertificationNow): Checked<ValidChange> {
  const t = texts(lang);
  const errors: FieldErrors = {};
  const month = parseYearMonth(a.from);
  const from = month && changeMonths(today).some((m) => m.equals(month)) ? month : undefined;
  if (!from) errors.changeFrom = t.from;
  checkName(a.name, errors, 'changeName', lang);
  checkKana(a.nameKana, errors, 'changeKana', lang);
  const iso = isoDateFromParts(a.validUntil);
  const validUntil = iso ? CalendarDate.from(iso) : undefined;
  const current = CalendarDate.from(now.certification_valid_until);
  const ageLimit = CalendarDate.from(eligibilityWindow(now.birth_date).until);
  if (!validUntil) errors.changeValidUntil = t.validUntil;
  else if (validUntil.equals(current)) {
    // Unchanged.
  } else if (validUntil.isBefore(current)) errors.changeValidUntil = t.earlier;
  else if (validUntil.isAfter(ageLimit)) errors.changeValidUntil = t.tooLate(ageLimit.format(lang));
  else if (from && validUntil.isBefore(from)) errors.changeValidUntil = t.beforeFrom(from.format(lang));
  if (a.reason === '') errors.changeReason = t.reason;
  else if ([...a.reason].length > CHANGE_REASON_LIMIT) errors.changeReason = t.reasonLong;
  const value: ValidChange = {
    from: from ?? firstChangeMonth(today),
    name: a.name !== now.name ? a.name : undefined,
    nameKana: a.nameKana !== now.name_kana ? a.nameKana : undefined,
    validUntil: validUntil && !validUntil.equals(current) ? validUntil : undefined,
    reason: a.reason,
  };
  if (Object.keys(errors).length === 0 && !value.name && !value.nameKana && !value.validUntil) errors.changeName = t.nothing;
  return checked(errors, value);
}
