// A municipality's settings by month: the settings before any change (municipalities columns and
// allowance_buckets rows) with every dated change up to the month applied, in order of effective
// month and then of when it was made. Changes are written in one transaction under the
// municipality row's lock, with their audit entry.
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { CalendarDate } from '../platform/time.ts';
import { applyChanges, differences, type MunicipalitySettings, type SettingsChanges } from './rules.ts';
import './tables.ts';

/**
 * The settings in effect for the month of `month` (any day of it), as one statement: the
 * municipality's columns, its buckets and its dated changes up to the month. A caller may select
 * more beside them (bookSlot reads its counts in the same statement); `settingsFrom` reads the row.
 */
export function settingsQuery(db: Db, municipalityId: string, month: CalendarDate) {
  return db
    .selectFrom('municipalities as m')
    .select((eb) => [
      'm.monthly_allowance_minutes',
      'm.named_facility_only',
      'm.late_pickup_rule',
      'm.default_cancel_minutes_before_day',
      'm.support_email',
      jsonArrayFrom(eb.selectFrom('allowance_buckets as b').select(['b.id', 'b.name', 'b.minutes_per_month', 'b.kinds', 'b.own_facilities_only']).whereRef('b.municipality_id', '=', 'm.id').orderBy('b.position')).as('buckets'),
      jsonArrayFrom(
        eb
          .selectFrom('municipality_settings_changes as c')
          .select('c.changes')
          .whereRef('c.municipality_id', '=', 'm.id')
          .where('c.effective_from', '<=', month.firstOfMonth().toString())
          .orderBy('c.effective_from')
          .orderBy('c.changed_at')
          .orderBy('c.id'),
      ).as('changes'),
    ])
    .where('m.id', '=', municipalityId);
}

type SettingsRow = Awaited<ReturnType<ReturnType<typeof settingsQuery>['executeTakeFirstOrThrow']>>;

/** The settings before any dated change, with every change up to the month applied in order. */
export function settingsFrom(row: SettingsRow): MunicipalitySettings {
  const base: MunicipalitySettings = {
    monthlyAllowanceMinutes: row.monthly_allowance_minutes,
    buckets: row.buckets.map((b) => ({ id: b.id, name: b.name, minutesPerMonth: b.minutes_per_month, kinds: b.kinds, ownFacilitiesOnly: b.own_facilities_only })),
    namedFacilityOnly: row.named_facility_only,
    latePickupRule: row.late_pickup_rule,
    defaultCancelMinutesBeforeDay: row.default_cancel_minutes_before_day,
    supportEmail: row.support_email,
  };
  return row.changes.reduce((settings, change) => applyChanges(settings, change.changes), base);
}

/**
 * The settings in effect for the month of `month` (any day of it): what booking, fees and the
 * inquiry desk follow for that month.
 */
export async function municipalitySettingsFor(db: Db, municipalityId: string, month: CalendarDate): Promise<MunicipalitySettings> {
  return settingsFrom(await settingsQuery(db, municipalityId, month).executeTakeFirstOrThrow());
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
