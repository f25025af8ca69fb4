// The guardian's details, asked in the application (step 1) and edited in 利用者情報管理 (step 4):
// one set of rules and messages for both.
import type { Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { isKatakana, normalisePhone, normalisePostalCode } from '../platform/validation.ts';

export const RELATIONSHIPS = ['mother', 'father', 'grandmother', 'grandfather', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const relationshipLabels: Record<Lang, Record<Relationship, string>> = {
  ja: { mother: '母', father: '父', grandmother: '祖母', grandfather: '祖父', other: 'その他' },
  en: { mother: 'Mother', father: 'Father', grandmother: 'Grandmother', grandfather: 'Grandfather', other: 'Other' },
};

export const MAX_NAME_LENGTH = 50;
const MAX_KANA_LENGTH = 60;
const MAX_ADDRESS_LENGTH = 200;

export const personMessages = {
  ja: {
    nameRequired: '氏名を入力してください',
    nameTooLong: `氏名は${MAX_NAME_LENGTH}文字以内で入力してください`,
    kanaRequired: 'フリガナを入力してください',
    kanaInvalid: 'フリガナは全角カタカナで入力してください（例：オヂヤ ハナコ）',
    postalInvalid: '郵便番号は7桁の数字で入力してください（例：947-8501）',
    addressRequired: '住所を入力してください',
    addressTooLong: `住所は${MAX_ADDRESS_LENGTH}文字以内で入力してください`,
    phoneInvalid: '電話番号は0から始まる10桁または11桁の数字で入力してください（例：0258-83-3512）',
    relationshipRequired: 'お子さまとの続柄を選んでください',
  },
  en: {
    nameRequired: 'Enter the name',
    nameTooLong: `The name must be ${MAX_NAME_LENGTH} characters or fewer`,
    kanaRequired: 'Enter the reading of the name (furigana)',
    kanaInvalid: 'Enter the reading in full-width katakana (for example オヂヤ ハナコ)',
    postalInvalid: 'Enter a 7-digit postal code (for example 947-8501)',
    addressRequired: 'Enter your address',
    addressTooLong: `The address must be ${MAX_ADDRESS_LENGTH} characters or fewer`,
    phoneInvalid: 'Enter a phone number of 10 or 11 digits starting with 0 (for example 0258-83-3512)',
    relationshipRequired: 'Choose your relationship to the child',
  },
};

export function checkName(name: string, errors: FieldErrors, key: string, lang: Lang, required = personMessages[lang].nameRequired): void {
  if (!name) errors[key] = required;
  else if (name.length > MAX_NAME_LENGTH) errors[key] = personMessages[lang].nameTooLong;
}

export function checkKana(kana: string, errors: FieldErrors, key: string, lang: Lang, required = personMessages[lang].kanaRequired, invalid = personMessages[lang].kanaInvalid): void {
  if (!kana) errors[key] = required;
  else if (!isKatakana(kana) || kana.length > MAX_KANA_LENGTH) errors[key] = invalid;
}

export interface GuardianDetailAnswers {
  name: string;
  kana: string;
  postalCode: string;
  address: string;
  phone: string;
  relationship: string;
}

export interface GuardianDetails {
  name: string;
  kana: string;
  postalCode: string;
  address: string;
  phone: string;
  relationship: Relationship;
}

/**
 * Checks the guardian's details, writing messages under the form's own field names
 * (`keys`), and returns them normalised when all are right.
 */
export function checkGuardianDetails(
  a: GuardianDetailAnswers,
  errors: FieldErrors,
  lang: Lang,
  keys: { name: string; kana: string } = { name: 'name', kana: 'kana' },
): GuardianDetails | undefined {
  const m = personMessages[lang];
  const before = Object.keys(errors).length;
  checkName(a.name, errors, keys.name, lang);
  checkKana(a.kana, errors, keys.kana, lang);
  const postalCode = normalisePostalCode(a.postalCode);
  if (!postalCode) errors.postalCode = m.postalInvalid;
  if (!a.address) errors.address = m.addressRequired;
  else if (a.address.length > MAX_ADDRESS_LENGTH) errors.address = m.addressTooLong;
  const phone = normalisePhone(a.phone);
  if (!phone) errors.phone = m.phoneInvalid;
  const relationship = RELATIONSHIPS.find((r) => r === a.relationship);
  if (!relationship) errors.relationship = m.relationshipRequired;
  if (Object.keys(errors).length > before || !postalCode || !phone || !relationship) return undefined;
  return { name: a.name, kana: a.kana, postalCode, address: a.address, phone, relationship };
}
