// Pure rules of a municipality's setup: the 全国地方公共団体コード and its check digit, the range of
// the monthly allowance, and how dated settings changes add up. No I/O.
import type { ReservationKind } from '../reservations/tables.ts';

/**
 * The check digit of a 5-digit 全国地方公共団体コード (JIS X 0402 with the check digit of 総務省):
 * the digits times 6, 5, 4, 3, 2, summed; 11 minus the remainder by 11; its last digit.
 * 131016 (千代田区), 152081 (小千谷市), 011002 (札幌市).
 */
export function localGovernmentCheckDigit(fiveDigits: string): number {
  const weights = [6, 5, 4, 3, 2];
  const sum = [...fiveDigits].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return (11 - (sum % 11)) % 10;
}

export type CodeProblem = 'format' | 'check-digit' | 'prefecture';

/**
 * Reads a 6-digit 全国地方公共団体コード: the 5-digit code (as `municipalities.code` stores it) and
 * its prefecture (the first two digits), or the problem with it.
 */
export function parseLocalGovernmentCode(text: string): { code: string; prefectureCode: number } | { problem: CodeProblem } {
  if (!/^\d{6}$/.test(text)) return { problem: 'format' };
  const code = text.slice(0, 5);
  if (localGovernmentCheckDigit(code) !== Number(text[5])) return { problem: 'check-digit' };
  const prefectureCode = Number(text.slice(0, 2));
  if (prefectureCode < 1 || prefectureCode > 47) return { problem: 'prefecture' };
  return { code, prefectureCode };
}

/** The 6-digit form of a stored 5-digit code. */
export function withCheckDigit(code: string): string {
  return /^\d{5}$/.test(code) ? `${code}${localGovernmentCheckDigit(code)}` : code;
}

/** Until the end of FY2027 a municipality may set 3 to 10 hours a month (nationally 10). */
export const ALLOWANCE_MIN_HOURS = 3;
export const ALLOWANCE_MAX_HOURS = 10;

/** One of the municipality's own allowance buckets, as the settings hold it. */
export interface SettingsBucket {
  /** Stable across changes: reservation_allowance_charges.bucket names it. */
  id: string;
  name: string;
  minutesPerMonth: number;
  kinds: ReservationKind[];
  /** Only at the municipality's own facilities. */
  ownFacilitiesOnly: boolean;
}

export type LatePickupRule = 'guide' | 'actual';

export interface MunicipalitySettings {
  monthlyAllowanceMinutes: number;
  buckets: SettingsBucket[];
  /** 申請した施設のみ利用可. */
  namedFacilityOnly: boolean;
  latePickupRule: LatePickupRule;
  /** The cancellation deadline new facilities start with: minutes before 0:00 on the day of use. */
  defaultCancelMinutesBeforeDay: number;
  /** Where inquiries are mailed; null: to the municipality's staff. */
  supportEmail: string | null;
}

/** A stored change: only the settings it sets, by column name (municipality_settings_changes.changes). */
export interface SettingsChanges {
  monthly_allowance_minutes?: number;
  buckets?: SettingsBucket[];
  named_facility_only?: boolean;
  late_pickup_rule?: LatePickupRule;
  default_cancel_minutes_before_day?: number;
  support_email?: string | null;
}

export const SETTING_KEYS = ['monthly_allowance_minutes', 'buckets', 'named_facility_only', 'late_pickup_rule', 'default_cancel_minutes_before_day', 'support_email'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

const FIELD: Record<SettingKey, keyof MunicipalitySettings> = {
  monthly_allowance_minutes: 'monthlyAllowanceMinutes',
  buckets: 'buckets',
  named_facility_only: 'namedFacilityOnly',
  late_pickup_rule: 'latePickupRule',
  default_cancel_minutes_before_day: 'defaultCancelMinutesBeforeDay',
  support_email: 'supportEmail',
};

/** The settings with a change applied. */
export function applyChanges(settings: MunicipalitySettings, changes: SettingsChanges): MunicipalitySettings {
  const next = { ...settings } as Record<string, unknown>;
  for (const key of SETTING_KEYS) if (Object.hasOwn(changes, key)) next[FIELD[key]] = changes[key];
  return next as unknown as MunicipalitySettings;
}

/** A value in a form that compares equal however its object keys are ordered (jsonb reorders them). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What `wanted` changes of `current`: only the settings that differ (empty if none). */
export function differences(current: MunicipalitySettings, wanted: MunicipalitySettings): SettingsChanges {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const field = FIELD[key];
    if (canonical(current[field]) !== canonical(wanted[field])) out[key] = wanted[field];
  }
  return out as SettingsChanges;
}
