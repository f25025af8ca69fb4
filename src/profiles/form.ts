// The answers of each 利用者情報管理 form as typed, how they are read from a form body, checked,
// and carried through the confirmation screen (as hidden fields, so nothing is stored until OK).
import type { Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { parseId } from '../platform/ids.ts';
import { checked, normaliseLines, normalisePhone, normaliseSpaces, toKatakana, type Checked, type FormFields } from '../platform/validation.ts';
import { MAX_NAME_LENGTH, checkGuardianDetails, checkKana, checkName, type Relationship } from '../applications/guardian-details.ts';

/** The 8 allergens food labels must show (特定原材料), in the order the guide lists them. */
export const MANDATORY_ALLERGENS = ['shrimp', 'crab', 'walnut', 'wheat', 'buckwheat', 'egg', 'milk', 'peanut'] as const;
/** The 20 allergens food labels are advised to show (特定原材料に準ずるもの). */
export const RECOMMENDED_ALLERGENS = [
  'almond', 'abalone', 'squid', 'salmon_roe', 'orange', 'cashew', 'kiwi', 'beef', 'sesame', 'salmon',
  'mackerel', 'soybean', 'chicken', 'banana', 'pork', 'macadamia', 'peach', 'yam', 'apple', 'gelatin',
] as const;
export const ALLERGENS = [...MANDATORY_ALLERGENS, ...RECOMMENDED_ALLERGENS] as const;
export type Allergen = (typeof ALLERGENS)[number];

export const allergenLabels: Record<Lang, Record<Allergen, string>> = {
  ja: {
    shrimp: 'えび', crab: 'かに', walnut: 'くるみ', wheat: '小麦', buckwheat: 'そば', egg: '卵', milk: '乳', peanut: '落花生',
    almond: 'アーモンド', abalone: 'あわび', squid: 'いか', salmon_roe: 'いくら', orange: 'オレンジ', cashew: 'カシューナッツ',
    kiwi: 'キウイフルーツ', beef: '牛肉', sesame: 'ごま', salmon: 'さけ', mackerel: 'さば', soybean: '大豆', chicken: '鶏肉',
    banana: 'バナナ', pork: '豚肉', macadamia: 'マカダミアナッツ', peach: 'もも', yam: 'やまいも', apple: 'りんご', gelatin: 'ゼラチン',
  },
  en: {
    shrimp: 'Shrimp', crab: 'Crab', walnut: 'Walnut', wheat: 'Wheat', buckwheat: 'Buckwheat', egg: 'Egg', milk: 'Milk', peanut: 'Peanut',
    almond: 'Almond', abalone: 'Abalone', squid: 'Squid', salmon_roe: 'Salmon roe', orange: 'Orange', cashew: 'Cashew nut',
    kiwi: 'Kiwi fruit', beef: 'Beef', sesame: 'Sesame', salmon: 'Salmon', mackerel: 'Mackerel', soybean: 'Soybean', chicken: 'Chicken',
    banana: 'Banana', pork: 'Pork', macadamia: 'Macadamia nut', peach: 'Peach', yam: 'Yam', apple: 'Apple', gelatin: 'Gelatin',
  },
};

export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityLabels: Record<Lang, Record<Severity, string>> = {
  ja: {
    mild: '軽い（口のまわりが赤くなる、かゆみ など）',
    moderate: '中くらい（じんましんが広がる、吐く など）',
    severe: '重い（アナフィラキシーを起こしたことがある）',
  },
  en: {
    mild: 'Mild (redness around the mouth, itching)',
    moderate: 'Moderate (spreading hives, vomiting)',
    severe: 'Severe (has had anaphylaxis)',
  },
};

export const MEAL_STAGES = ['milk', 'weaning_early', 'weaning_middle', 'weaning_late', 'weaning_complete', 'toddler'] as const;
export type MealStage = (typeof MEAL_STAGES)[number];
export const mealStageLabels: Record<Lang, Record<MealStage, string>> = {
  ja: {
    milk: 'ミルク',
    weaning_early: '離乳食（初期）',
    weaning_middle: '離乳食（中期）',
    weaning_late: '離乳食（後期）',
    weaning_complete: '離乳食（完了期）',
    toddler: '幼児食',
  },
  en: {
    milk: 'Milk',
    weaning_early: 'Weaning food (early stage)',
    weaning_middle: 'Weaning food (middle stage)',
    weaning_late: 'Weaning food (late stage)',
    weaning_complete: 'Weaning food (final stage)',
    toddler: 'Toddler food',
  },
};

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];
export const sexLabels: Record<Lang, Record<Sex, string>> = {
  ja: { female: '女', male: '男' },
  en: { female: 'Female', male: 'Male' },
};

/** Up to this many emergency contacts or people picking up per child. */
export const MAX_PEOPLE = 5;
const MAX_RELATIONSHIP = 20;
const MAX_NOTES = 1000;

const messages = {
  ja: {
    phone2Invalid: '2つ目の電話番号は0から始まる10桁または11桁の数字で入力してください。ない場合は空けておいてください',
    phone2Same: '2つ目の電話番号には、1つ目とは別の番号を入力してください',
    sexInvalid: '性別は選択肢から選んでください',
    childNameRequired: 'お子さまの氏名を入力してください',
    severityRequired: 'アレルギーの症状の程度を選んでください',
    severityInvalid: '症状の程度は選択肢から選んでください',
    mealStageRequired: '食事の段階を選んでください',
    notesTooLong: '1000文字以内で入力してください',
    personName: (label: string) => `${label}の氏名を入力してください`,
    personNameTooLong: (label: string) => `${label}の氏名は50文字以内で入力してください`,
    personRelationship: (label: string) => `${label}の続柄を入力してください（例：母、祖父）`,
    personRelationshipTooLong: (label: string) => `${label}の続柄は20文字以内で入力してください`,
    personPhone: (label: string) => `${label}の電話番号を入力してください`,
    personPhoneInvalid: (label: string) => `${label}の電話番号は0から始まる10桁または11桁の数字で入力してください（例：090-1234-5678）`,
    emergency: (n: number) => `緊急連絡先${n}`,
    pickup: (n: number) => `お迎え予定者${n}`,
  },
  en: {
    phone2Invalid: 'Enter the second phone number as 10 or 11 digits starting with 0, or leave it empty',
    phone2Same: 'Enter a number different from the first one as the second phone number',
    sexInvalid: 'Choose the sex from the list',
    childNameRequired: "Enter the child's name",
    severityRequired: 'Choose how severe the allergic reactions are',
    severityInvalid: 'Choose the severity from the list',
    mealStageRequired: 'Choose the stage of meals',
    notesTooLong: 'Enter 1000 characters or fewer',
    personName: (label: string) => `Enter the name of ${label}`,
    personNameTooLong: (label: string) => `The name of ${label} must be 50 characters or fewer`,
    personRelationship: (label: string) => `Enter the relationship of ${label} (for example mother, grandfather)`,
    personRelationshipTooLong: (label: string) => `The relationship of ${label} must be 20 characters or fewer`,
    personPhone: (label: string) => `Enter the phone number of ${label}`,
    personPhoneInvalid: (label: string) => `Enter the phone number of ${label} as 10 or 11 digits starting with 0 (for example 090-1234-5678)`,
    emergency: (n: number) => `emergency contact ${n}`,
    pickup: (n: number) => `pick-up person ${n}`,
  },
};

// ---- 保護者情報 ----

export interface GuardianAnswers {
  name: string;
  kana: string;
  postalCode: string;
  address: string;
  phone: string;
  phone2: string;
  relationship: string;
}

export interface GuardianValue {
  name: string;
  kana: string;
  postalCode: string;
  address: string;
  phone: string;
  phone2: string | null;
  relationship: Relationship;
}

export function guardianFromBody(body: FormFields): GuardianAnswers {
  return {
    name: normaliseSpaces(body.name),
    kana: toKatakana(normaliseSpaces(body.kana)),
    postalCode: normaliseSpaces(body.postalCode),
    address: normaliseSpaces(body.address),
    phone: normaliseSpaces(body.phone),
    phone2: normaliseSpaces(body.phone2),
    relationship: body.relationship ?? '',
  };
}

export function guardianFields(a: GuardianAnswers): FormFields {
  return { ...a };
}

export function validateGuardian(a: GuardianAnswers, lang: Lang): Checked<GuardianValue> {
  const m = messages[lang];
  const errors: FieldErrors = {};
  const details = checkGuardianDetails(a, errors, lang);
  const phone = normalisePhone(a.phone);
  const phone2 = a.phone2 ? normalisePhone(a.phone2) : null;
  if (phone2 === undefined) errors.phone2 = m.phone2Invalid;
  else if (phone2 && phone && phone2.replace(/-/g, '') === phone.replace(/-/g, '')) errors.phone2 = m.phone2Same;
  if (!details) return { errors };
  return checked(errors, { ...details, phone2: phone2 ?? null });
}

// ---- お子さま：基本情報 ----

export interface BasicAnswers {
  name: string;
  kana: string;
  sex: string;
}

export interface BasicValue {
  name: string;
  kana: string;
  sex: Sex | null;
}

export function basicFromBody(body: FormFields): BasicAnswers {
  return { name: normaliseSpaces(body.name), kana: toKatakana(normaliseSpaces(body.kana)), sex: body.sex ?? '' };
}

export function basicFields(a: BasicAnswers): FormFields {
  return { ...a };
}

export function validateBasic(a: BasicAnswers, lang: Lang): Checked<BasicValue> {
  const errors: FieldErrors = {};
  checkName(a.name, errors, 'name', lang, messages[lang].childNameRequired);
  checkKana(a.kana, errors, 'kana', lang);
  const sex = a.sex === '' ? null : SEXES.find((s) => s === a.sex);
  if (sex === undefined) errors.sex = messages[lang].sexInvalid;
  return checked(errors, { name: a.name, kana: a.kana, sex: sex ?? null });
}

// ---- お子さま：食事・アレルギー情報 ----

export interface MealsAnswers {
  allergens: Allergen[];
  severity: string;
  allergyNotes: string;
  mealStage: string;
  epinephrine: boolean;
}

export interface MealsValue {
  allergens: Allergen[];
  severity: Severity | null;
  allergyNotes: string;
  mealStage: MealStage;
  epinephrine: boolean;
}

/** Each allergen is its own checkbox, `allergen.<code>` = yes. */
export function mealsFromBody(body: FormFields): MealsAnswers {
  return {
    allergens: ALLERGENS.filter((code) => body[`allergen.${code}`] === 'yes'),
    severity: body.severity ?? '',
    allergyNotes: normaliseLines(body.allergyNotes),
    mealStage: body.mealStage ?? '',
    epinephrine: body.epinephrine === 'yes',
  };
}

export function mealsFields(a: MealsAnswers): FormFields {
  const fields: FormFields = { severity: a.severity, allergyNotes: a.allergyNotes, mealStage: a.mealStage };
  for (const code of a.allergens) fields[`allergen.${code}`] = 'yes';
  if (a.epinephrine) fields.epinephrine = 'yes';
  return fields;
}

export function validateMeals(a: MealsAnswers, lang: Lang): Checked<MealsValue> {
  const m = messages[lang];
  const errors: FieldErrors = {};
  const severity = a.severity === '' ? null : SEVERITIES.find((s) => s === a.severity);
  if (severity === undefined) errors.severity = m.severityInvalid;
  else if (severity === null && a.allergens.length > 0) errors.severity = m.severityRequired;
  if (a.allergyNotes.length > MAX_NOTES) errors.allergyNotes = m.notesTooLong;
  const mealStage = MEAL_STAGES.find((s) => s === a.mealStage);
  if (!mealStage) errors.mealStage = m.mealStageRequired;
  return checked(errors, {
    allergens: a.allergens,
    // With no allergen ticked, a severity means nothing.
    severity: a.allergens.length > 0 ? (severity ?? null) : null,
    allergyNotes: a.allergyNotes,
    mealStage: mealStage ?? 'milk',
    epinephrine: a.epinephrine,
  });
}

// ---- お子さま：健康情報 ----

export interface HealthAnswers {
  conditions: string;
  medicines: string;
  notes: string;
}

export type HealthValue = HealthAnswers;

export function healthFromBody(body: FormFields): HealthAnswers {
  return { conditions: normaliseLines(body.conditions), medicines: normaliseLines(body.medicines), notes: normaliseLines(body.notes) };
}

export function healthFields(a: HealthAnswers): FormFields {
  return { ...a };
}

export function validateHealth(a: HealthAnswers, lang: Lang): Checked<HealthValue> {
  const errors: FieldErrors = {};
  for (const key of ['conditions', 'medicines', 'notes'] as const) {
    if (a[key].length > MAX_NOTES) errors[key] = messages[lang].notesTooLong;
  }
  return checked(errors, a);
}

// ---- お子さま：緊急連絡先・お迎え予定者 ----

export interface PersonAnswers {
  /** The stored row this line edits, or '' for a new person. */
  id: string;
  name: string;
  relationship: string;
  phone: string;
}

export interface PeopleAnswers {
  people: PersonAnswers[];
}

export interface PersonValue {
  id: string | null;
  name: string;
  relationship: string;
  phone: string;
}

export type PeopleValue = PersonValue[];

export type PeopleKind = 'emergency' | 'pickup';

export function emptyPerson(): PersonAnswers {
  return { id: '', name: '', relationship: '', phone: '' };
}

/** Lines `person<i>.name` etc.; `count` says how many lines the form had. */
export function peopleFromBody(body: FormFields): PeopleAnswers {
  const count = Math.min(Math.max(Number(body.count) || 1, 1), MAX_PEOPLE);
  const people: PersonAnswers[] = [];
  for (let i = 0; i < count; i++) {
    people.push({
      id: parseId(body[`person${i}.id`]) ?? '',
      name: normaliseSpaces(body[`person${i}.name`]),
      relationship: normaliseSpaces(body[`person${i}.relationship`]),
      phone: normaliseSpaces(body[`person${i}.phone`]),
    });
  }
  return { people };
}

export function peopleFields(a: PeopleAnswers): FormFields {
  const fields: FormFields = { count: String(a.people.length) };
  a.people.forEach((p, i) => {
    fields[`person${i}.id`] = p.id;
    fields[`person${i}.name`] = p.name;
    fields[`person${i}.relationship`] = p.relationship;
    fields[`person${i}.phone`] = p.phone;
  });
  return fields;
}

/**
 * Lines left wholly empty are dropped; a line begun must be finished. At least one emergency
 * contact is required (all three of its fields); people picking up may be none.
 */
export function validatePeople(a: PeopleAnswers, kind: PeopleKind, lang: Lang): Checked<PeopleValue> {
  const m = messages[lang];
  const errors: FieldErrors = {};
  const value: PeopleValue = [];
  const label = (i: number) => (kind === 'emergency' ? m.emergency(i + 1) : m.pickup(i + 1));
  a.people.forEach((p, i) => {
    const blank = !p.name && !p.relationship && !p.phone;
    const required = kind === 'emergency' && i === 0;
    if (blank && !required) return;
    const key = `person${i}`;
    if (!p.name) errors[`${key}.name`] = m.personName(label(i));
    else if (p.name.length > MAX_NAME_LENGTH) errors[`${key}.name`] = m.personNameTooLong(label(i));
    if (!p.relationship) errors[`${key}.relationship`] = m.personRelationship(label(i));
    else if (p.relationship.length > MAX_RELATIONSHIP) errors[`${key}.relationship`] = m.personRelationshipTooLong(label(i));
    const phone = normalisePhone(p.phone);
    if (!p.phone) errors[`${key}.phone`] = m.personPhone(label(i));
    else if (!phone) errors[`${key}.phone`] = m.personPhoneInvalid(label(i));
    value.push({ id: p.id || null, name: p.name, relationship: p.relationship, phone: phone ?? '' });
  });
  return checked(errors, value);
}

/** The lines of the form after an 'add' or 'remove-<i>' button, keeping everything typed. */
export function changePeopleLines(a: PeopleAnswers, action: string): PeopleAnswers | undefined {
  if (action === 'add') {
    return { people: a.people.length < MAX_PEOPLE ? [...a.people, emptyPerson()] : a.people };
  }
  const remove = /^remove-(\d)$/.exec(action);
  if (!remove) return undefined;
  const people = a.people.filter((_, i) => i !== Number(remove[1]));
  return { people: people.length > 0 ? people : [emptyPerson()] };
}
