import { type Kysely, sql } from 'kysely';

// A municipality's settings change from a chosen month on (issue 10). The columns of
// `municipalities` (monthly_allowance_minutes, named_facility_only, late_pickup_rule,
// support_email, default_cancel_minutes_before_day) and the rows of `allowance_buckets` are the
// settings before any change; each row here changes some of them from `effective_from` (the first
// of a month) on. The settings in effect for a month are those values with every change up to that
// month applied in order (src/municipalities/settings-queries.ts, municipalitySettingsFor).
export async function up(db: Kysely<any>): Promise<void> {
  // The deadline new facilities start with (minutes before 0:00 on the day of use), as in facility_offers.
  await sql`alter table municipalities
    add column default_cancel_minutes_before_day integer not null default 0 check (default_cancel_minutes_before_day >= 0)`.execute(db);

  await sql`create table municipality_settings_changes (
    id uuid primary key default gen_random_uuid(),
    municipality_id uuid not null references municipalities(id),
    effective_from date not null check (extract(day from effective_from) = 1),
    -- Only the settings this change sets, by column name: monthly_allowance_minutes, buckets (the
    -- whole list of the municipality's own buckets), named_facility_only, late_pickup_rule,
    -- default_cancel_minutes_before_day, support_email (null: inquiries go to the staff).
    changes jsonb not null check (jsonb_typeof(changes) = 'object' and changes <> '{}'::jsonb),
    -- Null when an operator made it with the command-line tool.
    changed_by uuid references users(id),
    changed_at timestamptz not null
  )`.execute(db);
  await sql`create index municipality_settings_changes_month on municipality_settings_changes (municipality_id, effective_from, changed_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The municipality settings migration is not reversible');
}
