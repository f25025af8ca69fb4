// The municipality's facility form and the facility staff login form: the answers as typed
// (re-shown on errors) and the checks that turn them into values for the database.
import type { FacilityType } from './tables.ts';
import type { Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { isEmail, isKatakana, normaliseEmail, normaliseLines, normalisePhone, normaliseSpaces, toHalfWidthDigits, toKatakana, checked, type Checked, type FormFields } from '../platform/validation.ts';
import { AGE_CLASSES, FACILITY_TYPES, WEEKDAYS, formatTime } from './model.ts';

export interface FacilityAnswers {
  name: string;
  nameKana: string;
  facilityType: string;
  address: string;
  latitude: string;
  longitude: string;
  phone: string;
  opensAt: string;
  closesAt: string;
  /** Weekdays ticked, as strings '1'…'7'. */
  openDays: string[];
  /** Age classes ticked, '0'…'2'. */
  ages: string[];
  dailyCapacity: string;
  feePerHour: string;
  introduction: string;
  notes: string;
}

export interface ValidFacility {
  name: string;
  name_kana: string;
  facility_type: FacilityType;
  address: string;
  latitude: number;
  longitude: number;
  phone: string;
  opens_at: string;
  closes_at: string;
  open_days: number[];
  ages_accepted: number[];
  daily_capacity: number;
  fee_per_hour: number;
  introduction: string;
  notes: string;
}

export const LIMITS = { name: 100, nameKana: 100, address: 200, introduction: 400, notes: 2000, staffName: 50 } as const;

export function emptyFacilityAnswers(): FacilityAnswers {
  return {
    name: '',
    nameKana: '',
    facilityType: '',
    address: '',
    latitude: '',
    longitude: '',
    phone: '',
    opensAt: '',
    closesAt: '',
    openDays: [],
    ages: [],
    dailyCapacity: '',
    feePerHour: '',
    introduction: '',
    notes: '',
  };
}

/** Checkboxes are posted as `openDays.1=yes`, `ages.0=yes`…, so formBody's flat record holds them. */
export function facilityAnswersFromBody(body: FormFields): FacilityAnswers {
  return {
    name: normaliseSpaces(body.name),
    nameKana: toKatakana(normaliseSpaces(body.nameKana)),
    facilityType: body.facilityType ?? '',
    address: normaliseSpaces(body.address),
    latitude: normaliseSpaces(body.latitude),
    longitude: normaliseSpaces(body.longitude),
    phone: normaliseSpaces(body.phone),
    opensAt: normaliseSpaces(body.opensAt),
    closesAt: normaliseSpaces(body.closesAt),
    openDays: WEEKDAYS.map(String).filter((d) => body[`openDays.${d}`] !== undefined),
    ages: AGE_CLASSES.map(String).filter((a) => body[`ages.${a}`] !== undefined),
    dailyCapacity: normaliseSpaces(body.dailyCapacity),
    feePerHour: normaliseSpaces(body.feePerHour),
    // Line breaks are kept in the longer texts.
    introduction: normaliseLines(body.introduction),
    notes: normaliseLines(body.notes),
  };
}

export function facilityAnswersOf(f: ValidFacility): FacilityAnswers {
  return {
    name: f.name,
    nameKana: f.name_kana,
    facilityType: f.facility_type,
    address: f.address,
    latitude: String(f.latitude),
    longitude: String(f.longitude),
    phone: f.phone,
    opensAt: formatTime(f.opens_at),
    closesAt: formatTime(f.closes_at),
    openDays: f.open_days.map(String),
    ages: f.ages_accepted.map(String),
    dailyCapacity: String(f.daily_capacity),
    feePerHour: String(f.fee_per_hour),
    introduction: f.introduction,
    notes: f.notes,
  };
}

/** '8:30', '08:30', '８：３０', '8時30分', '0830' → '08:30'; undefined if it is not a time of day. */
export function parseTime(value: string): string | undefined {
  const v = toHalfWidthDigits(value).replace(/：/g, ':').replace(/\s/g, '');
  const match = /^(\d{1,2})(?::|時)(\d{2})分?$/.exec(v) ?? /^(\d{2})(\d{2})$/.exec(v) ?? /^(\d{1,2})時$/.exec(v);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** A decimal number as typed (full-width digits, '．', a leading '+' or '-'); undefined otherwise. */
export function parseDecimal(value: string): number | undefined {
  const v = toHalfWidthDigits(value).replace(/．/g, '.').replace(/＋/g, '+').replace(/\s/g, '');
  if (!/^[+-]?\d{1,3}(\.\d{1,10})?$/.test(v)) return undefined;
  return Number(v);
}

/** A whole number, allowing thousands separators and a trailing 円 or 人. */
export function parseWholeNumber(value: string): number | undefined {
  const v = toHalfWidthDigits(value).replace(/[,，\s]/g, '').replace(/[円人]$/, '');
  if (!/^\d{1,6}$/.test(v)) return undefined;
  return Number(v);
}

// Japan, including its remote islands: 20°N (沖ノ鳥島) – 46°N, 122°E (与那国島) – 154°E (南鳥島).
const JAPAN = { latMin: 20, latMax: 46, lngMin: 122, lngMax: 154 };

const messages = {
  ja: {
    nameRequired: '施設名を入力してください',
    nameTooLong: `施設名は${LIMITS.name}文字以内で入力してください`,
    kanaRequired: 'フリガナを入力してください',
    kanaInvalid: 'フリガナは全角カタカナで入力してください（例：ニジイロホイクエン）',
    typeRequired: '施設の種類を選んでください',
    addressRequired: '所在地を入力してください',
    addressTooLong: `所在地は${LIMITS.address}文字以内で入力してください`,
    latitudeInvalid: '緯度は20から46までの数字で入力してください（例：37.3144）',
    longitudeInvalid: '経度は122から154までの数字で入力してください（例：138.7953）',
    phoneInvalid: '電話番号は0から始まる10桁または11桁の数字で入力してください（例：0258-83-3512）',
    opensInvalid: '開所時刻を「8:30」のように入力してください',
    closesInvalid: '閉所時刻を「17:00」のように入力してください',
    closesBeforeOpens: '閉所時刻は開所時刻より後の時刻にしてください',
    daysRequired: '開所日を1つ以上選んでください',
    agesRequired: '受け入れる年齢を1つ以上選んでください',
    capacityInvalid: '1日の定員は1から999までの数字で入力してください',
    feeInvalid: '1時間あたりの利用料は0から99999までの数字（円）で入力してください',
    introductionTooLong: `施設の紹介は${LIMITS.introduction}文字以内で入力してください`,
    notesTooLong: `備考は${LIMITS.notes}文字以内で入力してください`,
    staffNameRequired: '職員の氏名を入力してください',
    staffNameTooLong: `職員の氏名は${LIMITS.staffName}文字以内で入力してください`,
    staffEmailInvalid: 'メールアドレスを正しい形式で入力してください（例：hoiku@example.jp）',
  },
  en: {
    nameRequired: 'Enter the facility name',
    nameTooLong: `The name must be ${LIMITS.name} characters or fewer`,
    kanaRequired: 'Enter the reading of the name (furigana)',
    kanaInvalid: 'Enter the reading in full-width katakana (for example ニジイロホイクエン)',
    typeRequired: 'Choose the type of facility',
    addressRequired: 'Enter the address',
    addressTooLong: `The address must be ${LIMITS.address} characters or fewer`,
    latitudeInvalid: 'Enter a latitude between 20 and 46 (for example 37.3144)',
    longitudeInvalid: 'Enter a longitude between 122 and 154 (for example 138.7953)',
    phoneInvalid: 'Enter a phone number of 10 or 11 digits starting with 0 (for example 0258-83-3512)',
    opensInvalid: 'Enter the opening time like 8:30',
    closesInvalid: 'Enter the closing time like 17:00',
    closesBeforeOpens: 'The closing time must be after the opening time',
    daysRequired: 'Choose at least one day the facility is open',
    agesRequired: 'Choose at least one age accepted',
    capacityInvalid: 'Enter a daily capacity from 1 to 999',
    feeInvalid: 'Enter the fee per hour in yen, from 0 to 99999',
    introductionTooLong: `The introduction must be ${LIMITS.introduction} characters or fewer`,
    notesTooLong: `The notes must be ${LIMITS.notes} characters or fewer`,
    staffNameRequired: "Enter the staff member's name",
    staffNameTooLong: `The name must be ${LIMITS.staffName} characters or fewer`,
    staffEmailInvalid: 'Enter an e-mail address in the correct format, like hoiku@example.jp',
  },
};

/** Checks every field; the errors are in the order the fields appear on the form. */
export function validateFacility(a: FacilityAnswers, lang: Lang): Checked<ValidFacility> {
  const m = messages[lang];
  const errors: FieldErrors = {};
  if (!a.name) errors.name = m.nameRequired;
  else if (a.name.length > LIMITS.name) errors.name = m.nameTooLong;
  if (!a.nameKana) errors.nameKana = m.kanaRequired;
  else if (!isKatakana(a.nameKana) || a.nameKana.length > LIMITS.nameKana) errors.nameKana = m.kanaInvalid;
  const facilityType = FACILITY_TYPES.find((t) => t === a.facilityType);
  if (!facilityType) errors.facilityType = m.typeRequired;
  if (!a.address) errors.address = m.addressRequired;
  else if (a.address.length > LIMITS.address) errors.address = m.addressTooLong;
  const latitude = parseDecimal(a.latitude);
  if (latitude === undefined || latitude < JAPAN.latMin || latitude > JAPAN.latMax) errors.latitude = m.latitudeInvalid;
  const longitude = parseDecimal(a.longitude);
  if (longitude === undefined || longitude < JAPAN.lngMin || longitude > JAPAN.lngMax) errors.longitude = m.longitudeInvalid;
  const phone = normalisePhone(a.phone);
  if (!phone) errors.phone = m.phoneInvalid;
  const opensAt = parseTime(a.opensAt);
  if (!opensAt) errors.opensAt = m.opensInvalid;
  const closesAt = parseTime(a.closesAt);
  if (!closesAt) errors.closesAt = m.closesInvalid;
  else if (opensAt && closesAt <= opensAt) errors.closesAt = m.closesBeforeOpens;
  if (a.openDays.length === 0) errors.openDays = m.daysRequired;
  if (a.ages.length === 0) errors.ages = m.agesRequired;
  const capacity = parseWholeNumber(a.dailyCapacity);
  if (capacity === undefined || capacity < 1 || capacity > 999) errors.dailyCapacity = m.capacityInvalid;
  const fee = parseWholeNumber(a.feePerHour);
  if (fee === undefined || fee > 99_999) errors.feePerHour = m.feeInvalid;
  if (a.introduction.length > LIMITS.introduction) errors.introduction = m.introductionTooLong;
  if (a.notes.length > LIMITS.notes) errors.notes = m.notesTooLong;

  if (Object.keys(errors).length > 0) return { errors };
  if (!facilityType || latitude === undefined || longitude === undefined || !phone || !opensAt || !closesAt || capacity === undefined || fee === undefined) {
    return { errors }; // unreachable: each has an error above
  }
  return {
    value: {
      name: a.name,
      name_kana: a.nameKana,
      facility_type: facilityType,
      address: a.address,
      latitude,
      longitude,
      phone,
      opens_at: opensAt,
      closes_at: closesAt,
      open_days: a.openDays.map(Number),
      ages_accepted: a.ages.map(Number),
      daily_capacity: capacity,
      fee_per_hour: fee,
      introduction: a.introduction,
      notes: a.notes,
    },
  };
}

export interface StaffAnswers {
  staffName: string;
  staffEmail: string;
}

export function staffAnswersFromBody(body: FormFields): StaffAnswers {
  return { staffName: normaliseSpaces(body.staffName), staffEmail: (body.staffEmail ?? '').trim() };
}

export function validateStaff(a: StaffAnswers, lang: Lang): Checked<{ displayName: string; email: string }> {
  const m = messages[lang];
  const errors: FieldErrors = {};
  if (!a.staffName) errors.staffName = m.staffNameRequired;
  else if (a.staffName.length > LIMITS.staffName) errors.staffName = m.staffNameTooLong;
  const email = normaliseEmail(a.staffEmail);
  if (!isEmail(email)) errors.staffEmail = m.staffEmailInvalid;
  return checked(errors, { displayName: a.staffName, email });
}
