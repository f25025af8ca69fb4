// A municipality's settings by month: the settings before any change (municipalities columns and
// allowance_buckets rows) with every dated change up to the month applied, in order of effective
// month and then of when it was made. Changes are written in one transaction under the
// municipality row's lock, with their audit entry.
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { CalendarDate } from '../platform/time.ts';
import { applyChanges, differences, type MunicipalitySettings, type SettingsChanges } from './rules.ts';
import './tables.ts';

/** The settings before any dated change. */
export async function baseSettings(db: Db, municipalityId: string): Promise<MunicipalitySettings> {
  const [m, buckets] = await Promise.all([
    db
      .selectFrom('municipalities')
      .select(['monthly_allowance_minutes', 'named_facility_only', 'late_pickup_rule', 'default_cancel_minutes_before_day', 'support_email'])
      .where('id', '=', municipalityId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('allowance_buckets').selectAll().where('municipality_id', '=', municipalityId).orderBy('position').execute(),
  ]);
  return {
    monthlyAllowanceMinutes: m.monthly_allowance_minutes,
    buckets: buckets.map((b) => ({ id: b.id, name: b.name, minutesPerMonth: b.minutes_per_month, kinds: b.kinds, ownFacilitiesOnly: b.own_facilities_only })),
    namedFacilityOnly: m.named_facility_only,
    latePickupRule: m.late_pickup_rule,
    defaultCancelMinutesBeforeDay: m.default_cancel_minutes_before_day,
    supportEmail: m.support_email,
  };
}

function changesUpTo(db: Db, municipalityId: string, month: CalendarDate) {
  return db
    .selectFrom('municipality_settings_changes')
    .select(['changes'])
    .where('municipality_id', '=', municipalityId)
    .where('effective_from', '<=', month.firstOfMonth().toString())
    .orderBy('effective_from')
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

/**
 * The settings in effect for the month of `month` (any day of it): what booking, fees and the
 * inquiry desk follow for that month.
 */
export async function municipalitySettingsFor(db: Db, municipalityId: string, month: CalendarDate): Promise<MunicipalitySettings> {
  const [base, changes] = await Promise.all([baseSettings(db, municipalityId), changesUpTo(db, municipalityId, month)]);
  return changes.reduce((settings, row) => applyChanges(settings, row.changes), base);
}

export interface SettingsChangeRow {
  id: string;
  effectiveFrom: CalendarDate;
  changes: SettingsChanges;
  changedAt: Date;
  /** The staff member's name; null when made by an operator's command. */
  changedBy: string | null;
}

/** Every dated change of the municipality, the latest effective month first. */
export async function settingsChangesOf(db: Db, municipalityId: string): Promise<SettingsChangeRow[]> {
  const rows = await db
    .selectFrom('municipality_settings_changes as c')
    .leftJoin('users as u', 'u.id', 'c.changed_by')
    .select(['c.id', 'c.effective_from', 'c.changes', 'c.changed_at', 'u.display_name'])
    .where('c.municipality_id', '=', municipalityId)
    .orderBy('c.effective_from', 'desc')
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, effectiveFrom: CalendarDate.from(r.effective_from), changes: r.changes, changedAt: r.changed_at, changedBy: r.display_name }));
}

export type SaveResult = { outcome: 'saved'; changeId: string; changes: SettingsChanges } | { outcome: 'unchanged' } | { outcome: 'past-month' };

/**
 * Records that the settings are `wanted` from the month `from` on: only what differs from the
 * settings in effect then is stored (nothing, if nothing differs, so a second submit of the same
 * form changes nothing). The month must not have begun, unless today is its first day.
 */
export async function saveSettingsChange(
  db: Db,
  clock: Clock,
  staff: { id: string; municipalityId: string },
  from: CalendarDate,
  wanted: MunicipalitySettings,
): Promise<SaveResult> {
  const now = clock.now();
  if (!from.equals(from.firstOfMonth()) || from.isBefore(CalendarDate.today(clock))) return { outcome: 'past-month' };
  return db.transaction().execute(async (tx): Promise<SaveResult> => {
    // Two staff saving at once take turns here, so each compares with what the other stored.
    await tx.selectFrom('municipalities').select('id').where('id', '=', staff.municipalityId).forNoKeyUpdate().executeTakeFirstOrThrow();
    const current = await municipalitySettingsFor(tx, staff.municipalityId, from);
    const changes = differences(current, wanted);
    if (Object.keys(changes).length === 0) return { outcome: 'unchanged' };
    const { id } = await tx
      .insertInto('municipality_settings_changes')
      .values({ municipality_id: staff.municipalityId, effective_from: from.toString(), changes: JSON.stringify(changes), changed_by: staff.id, changed_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      action: 'municipality.settings.change',
      actorId: staff.id,
      municipalityId: staff.municipalityId,
      subjectId: id,
      at: now,
      detail: { effective_from: from.toString(), settings: Object.keys(changes).sort() },
    });
    return { outcome: 'saved', changeId: id, changes };
  });
}
