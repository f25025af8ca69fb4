// The inquiry form: the answers as typed (re-shown on errors and carried through the confirmation
// screen as hidden fields) and the checks that turn them into values for the database.
import type { Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { checked, isEmail, normaliseEmail, normaliseLines, normalisePhone, normaliseSpaces, type Checked, type FormFields } from '../platform/validation.ts';
import type { InquiryCategory } from './tables.ts';
import { CATEGORIES, supportTexts } from './texts.ts';

export const LIMITS = { message: 2000, contactName: 50, reply: 2000 } as const;

export interface InquiryAnswers {
  category: string;
  message: string;
  contactName: string;
  email: string;
  phone: string;
}

export interface ValidInquiry {
  category: InquiryCategory;
  message: string;
  contactName: string;
  email: string;
  /** '' when not given. */
  phone: string;
}

export function inquiryAnswersFromBody(body: FormFields): InquiryAnswers {
  return {
    category: body.category ?? '',
    message: normaliseLines(body.message),
    contactName: normaliseSpaces(body.contactName),
    email: (body.email ?? '').trim(),
    phone: normaliseSpaces(body.phone),
  };
}

/** The answers as form fields, for the confirmation screen's hidden inputs. */
export function inquiryFields(answers: InquiryAnswers): FormFields {
  return { ...answers };
}

export function validateInquiry(answers: InquiryAnswers, lang: Lang): Checked<ValidInquiry> {
  const t = supportTexts(lang);
  const errors: FieldErrors = {};
  const category = CATEGORIES.find((c) => c === answers.category);
  if (!category) errors.category = t.categoryRequired;
  if (answers.message === '') errors.message = t.messageRequired;
  else if ([...answers.message].length > LIMITS.message) errors.message = t.messageTooLong(LIMITS.message);
  if (answers.contactName === '') errors.contactName = t.contactNameRequired;
  else if ([...answers.contactName].length > LIMITS.contactName) errors.contactName = t.contactNameTooLong(LIMITS.contactName);
  const email = normaliseEmail(answers.email);
  if (!isEmail(email)) errors.email = t.emailInvalid;
  const phone = answers.phone === '' ? '' : normalisePhone(answers.phone);
  if (phone === undefined) errors.phone = t.phoneInvalid;
  return checked(errors, { category: category ?? 'other', message: answers.message, contactName: answers.contactName, email, phone: phone ?? '' });
}

/** A staff member's reply: required, at most LIMITS.reply characters. */
export function validateReply(value: string | undefined, lang: Lang): Checked<string> {
  const t = supportTexts(lang);
  const reply = normaliseLines(value);
  if (reply === '') return { errors: { reply: t.replyRequired } };
  if ([...reply].length > LIMITS.reply) return { errors: { reply: t.replyTooLong(LIMITS.reply) } };
  return { value: reply };
}
