import { eligibilityOn, eligibilityWindow } from './rules.ts';
import { formatJapaneseDate } from '../platform/clock.ts';
import type { Lang } from '../platform/i18n.ts';
import { checkGuardianDetails, checkKana, checkName, type Relationship } from './guardian-details.ts';
import {
  datePartsFrom,
  isoDateFromParts,
  normaliseSpaces,
  toKatakana,
  type Checked,
  type FormFields,
  type DateParts,
} from '../platform/validation.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';

export { RELATIONSHIPS, relationshipLabels, type Relationship } from './guardian-details.ts';

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

export function answersFromBody(body: FormFields): ApplicationAnswers {
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
): Checked<ValidApplication> {
  const m = messages[lang];
  const errors: FieldErrors = {};
  const guardian = checkGuardianDetails(
    { name: answers.guardianName, kana: answers.guardianKana, postalCode: answers.postalCode, address: answers.address, phone: answers.phone, relationship: answers.relationship },
    errors,
    lang,
    { name: 'guardianName', kana: 'guardianKana' },
  );
  if (facilityIds && !facilityIds.includes(answers.desiredFacilityId)) errors.desiredFacilityId = m.facilityRequired;

  const children: ValidApplication['children'] = [];
  answers.children.forEach((child, i) => {
    const n = i + 1;
    checkName(child.name, errors, `child${i}.name`, lang, m.childNameRequired(n));
    checkKana(child.kana, errors, `child${i}.kana`, lang, m.childKanaRequired(n), m.childKanaInvalid(n));
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
  if (Object.keys(errors).length > 0 || !guardian) return { errors };
  return {
    value: {
      guardianName: guardian.name,
      guardianKana: guardian.kana,
      postalCode: guardian.postalCode,
      address: guardian.address,
      phone: guardian.phone,
      relationship: guardian.relationship,
      desiredFacilityId: facilityIds ? answers.desiredFacilityId : null,
      children,
    },
  };
}
