import { eligibilityOn, eligibilityWindow } from './eligibility.ts';
import { formatJapaneseDate } from '../platform/clock.ts';
import type { Lang } from '../platform/i18n.ts';
import {
  datePartsFrom,
  isKatakana,
  isoDateFromParts,
  normalisePhone,
  normalisePostalCode,
  normaliseSpaces,
  toKatakana,
  type DateParts,
} from '../platform/validation.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';

export const RELATIONSHIPS = ['mother', 'father', 'grandmother', 'grandfather', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const relationshipLabels: Record<Lang, Record<Relationship, string>> = {
  ja: { mother: '母', father: '父', grandmother: '祖母', grandfather: '祖父', other: 'その他' },
  en: { mother: 'Mother', father: 'Father', grandmother: 'Grandmother', grandfather: 'Grandfather', other: 'Other' },
};

export const MAX_CHILDREN = 5;

export interface ChildAnswers {
  name: string;
  kana: string;
  birth: DateParts;
}

/** The answers as typed, kept between the form and the check page (and re-shown on errors). */
export interface ApplicationAnswers {
  guardianName: string;
  guardianKana: string;
  postalCode: string;
  address: string;
  phone: string;
  relationship: string;
  desiredFacilityId: string;
  children: ChildAnswers[];
}

export function emptyAnswers(): ApplicationAnswers {
  return {
    guardianName: '',
    guardianKana: '',
    postalCode: '',
    address: '',
    phone: '',
    relationship: '',
    desiredFacilityId: '',
    children: [{ name: '', kana: '', birth: { year: '', month: '', day: '' } }],
  };
}

export function answersFromBody(body: Record<string, string>): ApplicationAnswers {
  const count = Math.min(Math.max(Number(body.childCount) || 1, 1), MAX_CHILDREN);
  const children: ChildAnswers[] = [];
  for (let i = 0; i < count; i++) {
    children.push({
      name: normaliseSpaces(body[`child${i}.name`]),
      kana: toKatakana(normaliseSpaces(body[`child${i}.kana`])),
      birth: datePartsFrom(body, `child${i}.birth`),
    });
  }
  return {
    guardianName: normaliseSpaces(body.guardianName),
    guardianKana: toKatakana(normaliseSpaces(body.guardianKana)),
    postalCode: normaliseSpaces(body.postalCode),
    address: normaliseSpaces(body.address),
    phone: normaliseSpaces(body.phone),
    relationship: body.relationship ?? '',
    desiredFacilityId: body.desiredFacilityId ?? '',
    children,
  };
}

export interface ValidApplication {
  guardianName: string;
  guardianKana: string;
  postalCode: string;
  address: string;
  phone: string;
  relationship: Relationship;
  desiredFacilityId: string | null;
  children: Array<{ name: string; kana: string; birthDate: string }>;
}

const messages = {
  ja: {
    nameRequired: '氏名を入力してください',
    nameTooLong: '氏名は50文字以内で入力してください',
    kanaRequired: 'フリガナを入力してください',
    kanaInvalid: 'フリガナは全角カタカナで入力してください（例：オヂヤ ハナコ）',
    postalInvalid: '郵便番号は7桁の数字で入力してください（例：947-8501）',
    addressRequired: '住所を入力してください',
    phoneInvalid: '電話番号は0から始まる10桁または11桁の数字で入力してください（例：0258-83-3512）',
    relationshipRequired: 'お子さまとの続柄を選んでください',
    facilityRequired: '利用を希望する施設を選んでください',
    childNameRequired: (n: number) => `お子さま${n}の氏名を入力してください`,
    childKanaRequired: (n: number) => `お子さま${n}のフリガナを入力してください`,
    childKanaInvalid: (n: number) => `お子さま${n}のフリガナは全角カタカナで入力してください`,
    birthInvalid: (n: number) => `お子さま${n}の生年月日を、正しい年・月・日の数字で入力してください（例：2025年4月10日）`,
    notBorn: (n: number) => `お子さま${n}の生年月日が未来の日付になっています`,
    tooYoung: (n: number, from: string) =>
      `お子さま${n}はまだ対象年齢になっていません。生後6か月に達する${from}から申請できます`,
    tooOld: (n: number, until: string) =>
      `お子さま${n}は対象年齢を過ぎています。この制度の対象は3歳の誕生日の前々日（このお子さまは${until}）までです`,
  },
  en: {
    nameRequired: 'Enter your name',
    nameTooLong: 'Your name must be 50 characters or fewer',
    kanaRequired: 'Enter the reading of your name (furigana)',
    kanaInvalid: 'Enter the reading in full-width katakana (for example オヂヤ ハナコ)',
    postalInvalid: 'Enter a 7-digit postal code (for example 947-8501)',
    addressRequired: 'Enter your address',
    phoneInvalid: 'Enter a phone number of 10 or 11 digits starting with 0 (for example 0258-83-3512)',
    relationshipRequired: 'Choose your relationship to the child',
    facilityRequired: 'Choose the facility you wish to use',
    childNameRequired: (n: number) => `Enter the name of child ${n}`,
    childKanaRequired: (n: number) => `Enter the reading of child ${n}'s name`,
    childKanaInvalid: (n: number) => `Enter child ${n}'s reading in full-width katakana`,
    birthInvalid: (n: number) => `Enter child ${n}'s date of birth as a real date (for example 2025 4 10)`,
    notBorn: (n: number) => `Child ${n}'s date of birth is in the future`,
    tooYoung: (n: number, from: string) => `Child ${n} is not old enough yet. You can apply from ${from}, when the child reaches 6 months`,
    tooOld: (n: number, until: string) =>
      `Child ${n} is past the eligible age. The scheme covers children until two days before their third birthday (for this child, ${until})`,
  },
};

/**
 * Checks the answers against the rules of step 1. `today` is the date in Asia/Tokyo on which
 * eligibility is judged; `facilityIds` are the facilities a guardian may name, or undefined
 * where the municipality does not ask for one.
 */
export function validateApplication(
  answers: ApplicationAnswers,
  today: string,
  facilityIds: string[] | undefined,
  lang: Lang,
): { errors: FieldErrors; value?: ValidApplication } {
  const m = messages[lang];
  const errors: FieldErrors = {};
  if (!answers.guardianName) errors.guardianName = m.nameRequired;
  else if (answers.guardianName.length > 50) errors.guardianName = m.nameTooLong;
  if (!answers.guardianKana) errors.guardianKana = m.kanaRequired;
  else if (!isKatakana(answers.guardianKana) || answers.guardianKana.length > 60) errors.guardianKana = m.kanaInvalid;
  const postalCode = normalisePostalCode(answers.postalCode);
  if (!postalCode) errors.postalCode = m.postalInvalid;
  if (!answers.address || answers.address.length > 200) errors.address = m.addressRequired;
  const phone = normalisePhone(answers.phone);
  if (!phone) errors.phone = m.phoneInvalid;
  const relationship = RELATIONSHIPS.find((r) => r === answers.relationship);
  if (!relationship) errors.relationship = m.relationshipRequired;
  if (facilityIds && !facilityIds.includes(answers.desiredFacilityId)) errors.desiredFacilityId = m.facilityRequired;

  const children: ValidApplication['children'] = [];
  answers.children.forEach((child, i) => {
    const n = i + 1;
    if (!child.name || child.name.length > 50) errors[`child${i}.name`] = m.childNameRequired(n);
    if (!child.kana) errors[`child${i}.kana`] = m.childKanaRequired(n);
    else if (!isKatakana(child.kana) || child.kana.length > 60) errors[`child${i}.kana`] = m.childKanaInvalid(n);
    const birthDate = isoDateFromParts(child.birth);
    const field = `child${i}.birth`;
    if (!birthDate) errors[field] = m.birthInvalid(n);
    else {
      const window = eligibilityWindow(birthDate);
      const eligibility = eligibilityOn(birthDate, today);
      if (eligibility === 'not-born') errors[field] = m.notBorn(n);
      else if (eligibility === 'too-young') errors[field] = m.tooYoung(n, formatJapaneseDate(window.from));
      else if (eligibility === 'too-old') errors[field] = m.tooOld(n, formatJapaneseDate(window.until));
      else children.push({ name: child.name, kana: child.kana, birthDate });
    }
  });
  if (Object.keys(errors).length > 0 || !postalCode || !phone || !relationship) return { errors };
  return {
    errors,
    value: {
      guardianName: answers.guardianName,
      guardianKana: answers.guardianKana,
      postalCode,
      address: answers.address,
      phone,
      relationship,
      desiredFacilityId: facilityIds ? answers.desiredFacilityId : null,
      children,
    },
  };
}
