// Reading and checking the facility staff's booking forms: a reason (辞退, 取り消し), the outcome of a
// first interview, and the steps of a booking by phone. The rules that two requests could race on
// (places, allowance, overlaps) are not checked here: bookSlot decides them in its transaction.
import type { Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate, minuteOfDay } from '../platform/time.ts';
import { checked, datePartsFrom, isoDateFromParts, normaliseLines, normaliseSpaces, toHalfWidthDigits, type Checked, type DateParts, type FormFields } from '../platform/validation.ts';
import { COMMENT_MAX, NOTE_MAX, REASON_MAX, inboxTexts } from './inbox-texts.ts';
import type { ReservationKind } from './tables.ts';

export const KINDS: readonly ReservationKind[] = ['interview', 'regular', 'flexible'];

/** A reason for the family in `field`: required, at most REASON_MAX characters. */
export function checkReason(body: FormFields, field: string, lang: Lang, required: string, label: string): Checked<string> & { input: string } {
  const t = inboxTexts(lang);
  const input = normaliseLines(body[field]);
  const errors: FieldErrors = {};
  if (input === '') errors[field] = required;
  else if (input.length > REASON_MAX) errors[field] = t.tooLong(label, REASON_MAX);
  return { ...checked(errors, input), input };
}

// ---- First interview outcome ----

export const CHECKS = ['certification', 'condition'] as const;
export type Check = (typeof CHECKS)[number];

export interface OutcomeAnswers {
  outcome: string;
  reason: string;
  checks: Check[];
  note: string;
}

export function outcomeAnswers(body: FormFields): OutcomeAnswers {
  return {
    outcome: body.outcome ?? '',
    reason: normaliseLines(body.reason),
    checks: CHECKS.filter((c) => body[`checks.${c}`] === 'yes'),
    note: normaliseLines(body.note),
  };
}

export interface Outcome {
  approved: boolean;
  reason: string;
  /** What is stored as the facility's note: what was checked, then the free note. */
  note: string;
}

export function checkOutcome(answers: OutcomeAnswers, lang: Lang): Checked<Outcome> {
  const t = inboxTexts(lang);
  const errors: FieldErrors = {};
  if (answers.outcome !== 'approved' && answers.outcome !== 'rejected') errors.outcome = t.outcomeRequired;
  if (answers.outcome === 'rejected' && answers.reason === '') errors.reason = t.reasonRequired;
  else if (answers.reason.length > REASON_MAX) errors.reason = t.tooLong(t.reason, REASON_MAX);
  if (answers.outcome === 'approved' && !answers.checks.includes('certification')) errors.checks = t.certificationRequired;
  if (answers.note.length > NOTE_MAX) errors.note = t.tooLong(t.note, NOTE_MAX);
  // The note is stored in Japanese whatever the screen's language: it is the facility's record.
  const ja = inboxTexts('ja');
  const checkedLine = answers.checks.length > 0 ? ja.checkedLine(answers.checks.map((c) => ja.checks[c]).join('、')) : '';
  const note = [checkedLine, answers.note].filter(Boolean).join('\n');
  return checked(errors, { approved: answers.outcome === 'approved', reason: answers.reason, note });
}

// ---- Booking by phone ----

/** Everything the phone booking form carries from step to step (as typed). */
export interface PhoneAnswers {
  certificationNumber: string;
  birth: DateParts;
  kind: string;
  useDate: string;
  slotId: string;
  start: string;
  end: string;
  pickupId: string;
  comment: string;
}

export function phoneAnswers(body: FormFields): PhoneAnswers {
  return {
    certificationNumber: body.certificationNumber ?? '',
    birth: datePartsFrom(body, 'birth'),
    kind: body.kind ?? '',
    useDate: (body.useDate ?? '').trim(),
    slotId: body.slotId ?? '',
    start: body.start ?? '',
    end: body.end ?? '',
    pickupId: body.pickupId ?? '',
    comment: normaliseLines(body.comment),
  };
}

/** The hidden fields that carry the answers of earlier steps. */
export function phoneFields(a: PhoneAnswers, upTo: 'child' | 'what' | 'slot'): FormFields {
  const fields: FormFields = { certificationNumber: a.certificationNumber, 'birth.year': a.birth.year, 'birth.month': a.birth.month, 'birth.day': a.birth.day };
  if (upTo === 'child') return fields;
  Object.assign(fields, { kind: a.kind, useDate: a.useDate });
  if (upTo === 'what') return fields;
  return Object.assign(fields, { slotId: a.slotId, start: a.start, end: a.end, pickupId: a.pickupId, comment: a.comment });
}

/** 認定番号: digits (full-width ones too), spaces and hyphens dropped. */
export function checkChildKeys(a: PhoneAnswers, lang: Lang): Checked<{ certificationNumber: string; birthDate: CalendarDate }> {
  const t = inboxTexts(lang);
  const errors: FieldErrors = {};
  const number = toHalfWidthDigits(normaliseSpaces(a.certificationNumber)).replace(/[\s-]/g, '');
  if (number === '') errors.certificationNumber = t.certificationRequired2;
  else if (!/^[0-9A-Za-z]{1,40}$/.test(number)) errors.certificationNumber = t.notFound;
  const iso = isoDateFromParts(a.birth);
  const birthDate = iso ? CalendarDate.parse(iso) : undefined;
  if (!birthDate) errors.birth = t.birthDateInvalid;
  return checked(errors, { certificationNumber: number, birthDate: birthDate! });
}

export function checkWhat(a: PhoneAnswers, lang: Lang, today: CalendarDate, offered: readonly ReservationKind[]): Checked<{ kind: ReservationKind; useDate: CalendarDate }> {
  const t = inboxTexts(lang);
  const errors: FieldErrors = {};
  const kind = offered.find((k) => k === a.kind);
  if (!kind) errors.kind = t.kindRequired;
  const useDate = CalendarDate.parse(toHalfWidthDigits(a.useDate));
  if (!useDate) errors.useDate = t.useDateInvalid;
  else if (useDate.isBefore(today)) errors.useDate = t.useDatePast;
  return checked(errors, { kind: kind!, useDate: useDate! });
}

export interface SlotChoice {
  slotId: string;
  startMinute: number;
  endMinute: number;
  pickupId: string | undefined;
  comment: string;
}

/**
 * The slot step, against what the page offered: one of the day's slots, times from the lists (empty
 * for the whole slot), a pick-up person for regular and flexible use. Lengths and steps are
 * bookSlot's to judge, so its refusal is the one message for them.
 */
export function checkSlotChoice(
  a: PhoneAnswers,
  lang: Lang,
  kind: ReservationKind,
  slots: ReadonlyArray<{ id: string; time: { startMinute: number; endMinute: number } }>,
  pickupIds: readonly string[],
): Checked<SlotChoice> {
  const t = inboxTexts(lang);
  const errors: FieldErrors = {};
  const slot = slots.find((s) => s.id === a.slotId);
  if (!slot) errors.slotId = t.slotRequired;
  const start = a.start === '' ? slot?.time.startMinute : minuteOfDay(a.start);
  const end = a.end === '' ? slot?.time.endMinute : minuteOfDay(a.end);
  if (a.start !== '' && (start === undefined || start % 30 !== 0)) errors.start = t.timeInvalid;
  if (a.end !== '' && (end === undefined || end % 30 !== 0)) errors.end = t.timeInvalid;
  if (!errors.start && !errors.end && start !== undefined && end !== undefined && end <= start) errors.end = t.timeOrder;
  let pickupId: string | undefined;
  if (kind !== 'interview') {
    pickupId = pickupIds.find((id) => id === a.pickupId);
    if (!pickupId) errors.pickupId = t.pickupRequired;
  }
  if (a.comment.length > COMMENT_MAX) errors.comment = t.tooLong(t.commentLabel, COMMENT_MAX);
  return checked(errors, { slotId: slot?.id ?? '', startMinute: start ?? 0, endMinute: end ?? 0, pickupId, comment: a.comment });
}
