// The municipality's 認可・確認 form: the answers as typed (shown again on errors) and the checks
// that turn them into a record. Dates are three inputs each (年/月/日), as DateField draws them.
import type { Lang } from '../platform/i18n.ts';
import { defineTexts } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { checked, datePartsFrom, datePartsOf, isoDateFromParts, normaliseLines, type Checked, type DateParts, type FormFields } from '../platform/validation.ts';
import type { Designation } from './designation-rules.ts';
import type { BusinessType } from './tables.ts';

export const BUSINESS_TYPES = ['general_dedicated', 'general_mixed', 'spare_capacity'] as const satisfies readonly BusinessType[];
export const NOTE_LIMIT = 500;

export interface DesignationAnswers {
  effectiveFrom: DateParts;
  businessType: string;
  licensedOn: DateParts;
  confirmedOn: DateParts;
  confirmationEndsOn: DateParts;
  note: string;
}

export interface ValidDesignation {
  effectiveFrom: string;
  businessType: BusinessType | null;
  licensedOn: string | null;
  confirmedOn: string | null;
  confirmationEndsOn: string | null;
  note: string;
}

const blank: DateParts = { year: '', month: '', day: '' };

/** The form starts from the record in effect, so staff change only what changed. */
export function designationAnswersOf(current: Designation | undefined, today: string): DesignationAnswers {
  const parts = (date: string | null | undefined) => (date ? datePartsOf(date) : blank);
  return {
    effectiveFrom: datePartsOf(today),
    businessType: current?.businessType ?? '',
    licensedOn: parts(current?.licensedOn),
    confirmedOn: parts(current?.confirmedOn),
    confirmationEndsOn: parts(current?.confirmationEndsOn),
    note: '',
  };
}

export function designationAnswersFromBody(body: FormFields): DesignationAnswers {
  return {
    effectiveFrom: datePartsFrom(body, 'effectiveFrom'),
    businessType: (body.businessType ?? '').trim(),
    licensedOn: datePartsFrom(body, 'licensedOn'),
    confirmedOn: datePartsFrom(body, 'confirmedOn'),
    confirmationEndsOn: datePartsFrom(body, 'confirmationEndsOn'),
    note: normaliseLines(body.note),
  };
}

const texts = defineTexts({
  ja: {
    effectiveFromMissing: '変更が効力をもつ日を入力してください。',
    dateInvalid: '正しい日付を、年・月・日の数字で入力してください（例：2026年4月1日）。',
    businessType: '事業類型を選んでください。',
    endNeedsConfirmation: '確認の終了日を入れるときは、確認日も入力してください。',
    endBeforeConfirmation: '確認の終了日は、確認日より後の日にしてください。',
    note: `備考は${NOTE_LIMIT}文字以内で入力してください。`,
  },
  en: {
    effectiveFromMissing: 'Enter the date from which this change applies.',
    dateInvalid: 'Enter a real date as numbers for year, month and day (e.g. 2026 4 1).',
    businessType: 'Choose the business type.',
    endNeedsConfirmation: 'To enter the end of the confirmation, enter the confirmation date too.',
    endBeforeConfirmation: 'The confirmation must end on or after the day it was given.',
    note: `Keep the note within ${NOTE_LIMIT} characters.`,
  },
});

type DateReading = { date: string | null; error?: string };

/** An optional date: empty gives null; parts that are not a real date give the message. */
function readDate(parts: DateParts, invalid: string): DateReading {
  if (!parts.year && !parts.month && !parts.day) return { date: null };
  const iso = isoDateFromParts(parts);
  return iso ? { date: iso } : { date: null, error: invalid };
}

export function validateDesignation(a: DesignationAnswers, lang: Lang): Checked<ValidDesignation> {
  const t = texts(lang);
  const effectiveFrom = readDate(a.effectiveFrom, t.dateInvalid);
  const licensedOn = readDate(a.licensedOn, t.dateInvalid);
  const confirmedOn = readDate(a.confirmedOn, t.dateInvalid);
  const endsOn = readDate(a.confirmationEndsOn, t.dateInvalid);
  const businessType = (BUSINESS_TYPES as readonly string[]).includes(a.businessType) ? (a.businessType as BusinessType) : null;
  const endProblem =
    !endsOn.date || confirmedOn.error ? undefined : !confirmedOn.date ? t.endNeedsConfirmation : endsOn.date < confirmedOn.date ? t.endBeforeConfirmation : undefined;
  // In the order of the form's fields: the error summary lists them so.
  const errors: FieldErrors = {};
  const add = (name: string, message: string | undefined) => {
    if (message) errors[name] = message;
  };
  add('effectiveFrom', effectiveFrom.error ?? (effectiveFrom.date ? undefined : t.effectiveFromMissing));
  add('businessType', businessType ? undefined : t.businessType);
  add('licensedOn', licensedOn.error);
  add('confirmedOn', confirmedOn.error);
  add('confirmationEndsOn', endsOn.error ?? endProblem);
  add('note', [...a.note].length > NOTE_LIMIT ? t.note : undefined);
  return checked(errors, {
    effectiveFrom: effectiveFrom.date ?? '',
    businessType,
    licensedOn: licensedOn.date,
    confirmedOn: confirmedOn.date,
    confirmationEndsOn: endsOn.date,
    note: a.note,
  });
}
