import { type Kysely, sql } from 'kysely';

// What the booking screens need beyond the core of 0008: who picks the child up (a copy, so a later
// edit of the child's pick-up people does not rewrite a past booking), the facility's reason for
// declining, 定期利用 series, requests for a different pick-up time, and the facility's own
// booking notes and how many weeks ahead its slots are generated.
export async function up(db: Kysely<any>): Promise<void> {
  // A series of 定期利用 bookings made in one submit: every week or every other week.
  await sql`create table reservation_series (
    id uuid primary key default gen_random_uuid(),
    municipality_id uuid not null references municipalities(id),
    facility_id uuid not null references facilities(id),
    child_id uuid not null references children(id),
    frequency text not null check (frequency in ('weekly', 'biweekly')),
    first_date date not null,
    last_date date not null,
    start_minute smallint not null check (start_minute between 0 and 1439),
    end_minute smallint not null check (end_minute between 1 and 1440),
    created_by uuid not null references users(id),
    created_at timestamptz not null,
    constraint reservation_series_period check (first_date <= last_date and start_minute < end_minute)
  )`.execute(db);

  await sql`alter table reservations
    add column series_id uuid references reservation_series(id),
    -- お迎えに来られる方, copied from child_pickup_persons when booked (empty for a first interview).
    add column pickup_name text not null default '',
    add column pickup_relationship text not null default '',
    add column pickup_phone text not null default '',
    -- Why the facility declined or cancelled, shown to the family.
    add column decline_reason text not null default ''`.execute(db);
  await sql`create index reservations_series on reservations (series_id) where series_id is not null`.execute(db);
  await sql`create index reservations_facility_time on reservations (facility_id, starts_at)`.execute(db);
  await sql`create index reservations_child_time on reservations (child_id, starts_at)`.execute(db);

  // A guardian asks for a different pick-up time; the facility accepts (the booking's end moves,
  // under the same rules as a booking) or refuses.
  await sql`create table pickup_change_requests (
    id uuid primary key default gen_random_uuid(),
    reservation_id uuid not null references reservations(id),
    municipality_id uuid not null references municipalities(id),
    facility_id uuid not null references facilities(id),
    requested_end_minute smallint not null check (requested_end_minute between 1 and 1440),
    message text not null default '',
    status text not null default 'requested' check (status in ('requested', 'accepted', 'refused', 'withdrawn')),
    requested_by uuid not null references users(id),
    requested_at timestamptz not null,
    decided_by uuid references users(id),
    decided_at timestamptz,
    reply text not null default ''
  )`.execute(db);
  // One open request per booking at a time.
  await sql`create unique index pickup_change_requests_one_open on pickup_change_requests (reservation_id) where status = 'requested'`.execute(db);
  await sql`create index pickup_change_requests_facility on pickup_change_requests (facility_id, status)`.execute(db);

  await sql`alter table facility_offers
    -- 予約時の注意事項 shown before 了承して先に進む, besides the scheme's own.
    add column booking_notes text not null default '',
    add column weeks_ahead smallint not null default 4 check (weeks_ahead between 1 and 26)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The booking screens migration is not reversible');
}
