// Ending a certification (認定の終了): the answers as typed and their checks.
import { defineTexts, type Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate } from '../platform/time.ts';
import { checked, datePartsFrom, isoDateFromParts, normaliseLines, type Checked, type DateParts, type FormFields } from '../platform/validation.ts';
import type { TerminationReason } from './tables.ts';

export const TERMINATION_REASONS = ['nursery', 'moved', 'other'] as const satisfies readonly TerminationReason[];
export const REASON_NOTE_LIMIT = 500;

export interface TerminationAnswers {
  reason: string;
  reasonNote: string;
  lastDay: DateParts;
}

export interface ValidTermination {
  reason: TerminationReason;
  reasonNote: string;
  lastDay: CalendarDate;
}

export function terminationAnswersFromBody(body: FormFields): TerminationAnswers {
  return { reason: (body.reason ?? '').trim(), reasonNote: normaliseLines(body.reasonNote), lastDay: datePartsFrom(body, 'lastDay') };
}

const texts = defineTexts({
  ja: {
    reason: '終了の理由を選んでください。',
    reasonNote: '「その他」のときは、理由を入力してください。',
    reasonNoteLong: `理由は${REASON_NOTE_LIMIT}文字以内で入力してください。`,
    lastDay: '認定の最後の日を、年・月・日の数字で入力してください（例：2027年3月31日）。',
    past: (today: string) => `最後の日は、今日（${today}）以降の日にしてください。過去の利用の記録は変えられません。`,
    notEarlier: (until: string) => `今の認定は${until}までです。それより前の日を入力してください。`,
  },
  en: {
    reason: 'Choose the reason for ending.',
    reasonNote: 'For “Other”, enter the reason.',
    reasonNoteLong: `Keep the reason within ${REASON_NOTE_LIMIT} characters.`,
    lastDay: 'Enter the last day of the certification as numbers for year, month and day.',
    past: (today: string) => `The last day must be today (${today}) or later; past uses cannot be changed.`,
    notEarlier: (until: string) => `The certification runs until ${until}. Enter an earlier day.`,
  },
});

export function validateTermination(a: TerminationAnswers, lang: Lang, today: CalendarDate, validUntil: CalendarDate): Checked<ValidTermination> {
  const t = texts(lang);
  const errors: FieldErrors = {};
  const reason = (TERMINATION_REASONS as readonly string[]).includes(a.reason) ? (a.reason as TerminationReason) : undefined;
  if (!reason) errors.reason = t.reason;
  if (reason === 'other' && a.reasonNote === '') errors.reasonNote = t.reasonNote;
  else if ([...a.reasonNote].length > REASON_NOTE_LIMIT) errors.reasonNote = t.reasonNoteLong;
  const iso = isoDateFromParts(a.lastDay);
  const lastDay = iso ? CalendarDate.from(iso) : undefined;
  if (!lastDay) errors.lastDay = t.lastDay;
  else if (lastDay.isBefore(today)) errors.lastDay = t.past(today.format(lang));
  else if (!lastDay.isBefore(validUntil)) errors.lastDay = t.notEarlier(validUntil.format(lang));
  return checked(errors, { reason: reason ?? 'other', reasonNote: a.reasonNote, lastDay: lastDay ?? today });
}
