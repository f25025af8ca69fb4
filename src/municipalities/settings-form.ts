// The settings form: the answers as typed (shown again on errors) and the checks that turn them
// into the settings to record. Buckets are posted as bucket.<n>.<field>, with bucketCount rows
// (the existing ones and one empty row to add).
import { randomUUID } from 'node:crypto';
import { isUuid } from '../platform/ids.ts';
import type { Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { checked, isEmail, normaliseEmail, normaliseSpaces, toHalfWidthDigits, type Checked, type FormFields } from '../platform/validation.ts';
import { CalendarDate, parseYearMonth, yearMonthOf } from '../platform/time.ts';
import { CANCEL_DEADLINES } from '../reservations/setup-texts.ts';
import type { ReservationKind } from '../reservations/tables.ts';
import { ALLOWANCE_MAX_HOURS, ALLOWANCE_MIN_HOURS, type MunicipalitySettings, type SettingsBucket } from './rules.ts';
import { settingsTexts } from './settings-texts.ts';

/** The kinds an extra bucket may pay for (a first interview draws on no allowance). */
export const BUCKET_KINDS = ['regular', 'flexible'] as const satisfies readonly ReservationKind[];
export const BUCKET_NAME_MAX = 30;
const BUCKET_MAX_HOURS = 200;
/** At most this many buckets (rows posted beyond it are ignored). */
const MAX_BUCKETS = 10;

export interface BucketAnswers {
  id: string;
  name: string;
  hours: string;
  kinds: string[];
  own: boolean;
  remove: boolean;
}

export interface SettingsAnswers {
  from: string;
  allowanceHours: string;
  buckets: BucketAnswers[];
  namedFacilityOnly: string;
  latePickupRule: string;
  cancelDefault: string;
  supportEmail: string;
}

/** 'YYYY-MM' of a month. */
/** The first month a change may take effect from: this month on its first day, else the next. */
export function earliestMonth(today: CalendarDate): CalendarDate {
  return today.day === 1 ? today : today.firstOfMonth().addMonths(1);
}

function hoursText(minutes: number): string {
  return String(minutes / 60);
}

export function answersFromSettings(from: CalendarDate, s: MunicipalitySettings): SettingsAnswers {
  return {
    from: yearMonthOf(from),
    allowanceHours: hoursText(s.monthlyAllowanceMinutes),
    buckets: [
      ...s.buckets.map((b) => ({ id: b.id, name: b.name, hours: hoursText(b.minutesPerMonth), kinds: [...b.kinds], own: b.ownFacilitiesOnly, remove: false })),
      { id: randomUUID(), name: '', hours: '', kinds: [...BUCKET_KINDS], own: true, remove: false },
    ],
    namedFacilityOnly: s.namedFacilityOnly ? 'yes' : 'no',
    latePickupRule: s.latePickupRule,
    cancelDefault: String(s.defaultCancelMinutesBeforeDay),
    supportEmail: s.supportEmail ?? '',
  };
}

export function answersFromBody(body: FormFields): SettingsAnswers {
  const count = Math.min(MAX_BUCKETS + 1, Math.max(0, Number.parseInt(body.bucketCount ?? '0', 10) || 0));
  const buckets: BucketAnswers[] = [];
  for (let i = 0; i < count; i++) {
    const field = (name: string) => body[`bucket.${i}.${name}`] ?? '';
    buckets.push({
      id: field('id'),
      name: normaliseSpaces(field('name')),
      hours: toHalfWidthDigits(field('hours')).trim(),
      kinds: BUCKET_KINDS.filter((k) => body[`bucket.${i}.kinds.${k}`] === 'yes'),
      own: field('own') === 'yes',
      remove: field('remove') === 'yes',
    });
  }
  return {
    from: body.from ?? '',
    allowanceHours: toHalfWidthDigits(body.allowanceHours ?? '').trim(),
    buckets,
    namedFacilityOnly: body.namedFacilityOnly ?? '',
    latePickupRule: body.latePickupRule ?? '',
    cancelDefault: body.cancelDefault ?? '',
    supportEmail: (body.supportEmail ?? '').trim(),
  };
}

/** Hours in half hours within [min, max], as minutes; undefined otherwise. */
function halfHours(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,3}(\.(0|5))?$/.test(text)) return undefined;
  const hours = Number(text);
  return hours >= min && hours <= max ? Math.round(hours * 60) : undefined;
}

/**
 * Checks the answers: the month (first of a month not yet begun), and each setting. Existing
 * buckets keep their id (charges name it); a bucket id that is not one of `knownBucketIds` is
 * treated as a new bucket.
 */
export function validateSettings(a: SettingsAnswers, today: CalendarDate, knownBucketIds: readonly string[], lang: Lang): Checked<{ from: CalendarDate; settings: MunicipalitySettings }> {
  const t = settingsTexts(lang);
  const errors: FieldErrors = {};
  const from = parseYearMonth(a.from);
  if (!from) errors.from = t.monthRequired;
  else if (from.isBefore(earliestMonth(today))) errors.from = t.monthPast;
  const allowance = halfHours(a.allowanceHours, ALLOWANCE_MIN_HOURS, ALLOWANCE_MAX_HOURS);
  if (allowance === undefined) errors.allowanceHours = t.allowanceInvalid;
  const buckets: SettingsBucket[] = [];
  a.buckets.forEach((b, i) => {
    const isNew = !knownBucketIds.includes(b.id);
    if (b.remove) return;
    // The empty row for a new bucket adds nothing.
    if (isNew && b.name === '' && b.hours === '') return;
    const name = `bucket.${i}`;
    if (b.name === '') errors[`${name}.name`] = t.bucketNameRequired;
    else if ([...b.name].length > BUCKET_NAME_MAX) errors[`${name}.name`] = t.bucketNameTooLong;
    const minutes = halfHours(b.hours, 0.5, BUCKET_MAX_HOURS);
    if (minutes === undefined) errors[`${name}.hours`] = t.bucketHoursInvalid;
    if (b.kinds.length === 0) errors[`${name}.kinds`] = t.bucketKindsRequired;
    // A new row carries an id made with the form, so a second submit of it finds the bucket.
    buckets.push({ id: isNew && !isUuid(b.id) ? randomUUID() : b.id, name: b.name, minutesPerMonth: minutes ?? 0, kinds: BUCKET_KINDS.filter((k) => b.kinds.includes(k)), ownFacilitiesOnly: b.own });
  });
  if (a.namedFacilityOnly !== 'yes' && a.namedFacilityOnly !== 'no') errors.namedFacilityOnly = t.namedFacilityRequired;
  const latePickupRule = a.latePickupRule === 'guide' || a.latePickupRule === 'actual' ? a.latePickupRule : undefined;
  if (!latePickupRule) errors.latePickupRule = t.latePickupRequired;
  const cancel = CANCEL_DEADLINES.find((d) => String(d) === a.cancelDefault);
  if (cancel === undefined) errors.cancelDefault = t.cancelDefaultRequired;
  const supportEmail = a.supportEmail === '' ? null : normaliseEmail(a.supportEmail);
  if (supportEmail !== null && !isEmail(supportEmail)) errors.supportEmail = t.supportEmailInvalid;
  return checked(errors, {
    from: from ?? today,
    settings: {
      monthlyAllowanceMinutes: allowance ?? 0,
      buckets,
      namedFacilityOnly: a.namedFacilityOnly === 'yes',
      latePickupRule: latePickupRule ?? 'guide',
      defaultCancelMinutesBeforeDay: cancel ?? 0,
      supportEmail,
    },
  });
}
