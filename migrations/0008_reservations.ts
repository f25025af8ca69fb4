import { type Kysely, sql } from 'kysely';

// Reservations (guide steps 6–7): each facility's offer, its slots with places per age class, the
// facility's decision after a first interview, the municipalities' own allowance buckets, and the
// bookings themselves with the constraints that decide races (docs/reservations.md).
export async function up(db: Kysely<any>): Promise<void> {
  // Equality on child_id inside the exclusion constraint needs btree_gist (PGlite loads its
  // contrib code in src/platform/database.ts; PostgreSQL ships it in its contrib package).
  await sql`create extension if not exists btree_gist`.execute(db);

  // One row per facility that has chosen; a facility without one offers everything by the defaults.
  await sql`create table facility_offers (
    facility_id uuid primary key references facilities(id),
    municipality_id uuid not null references municipalities(id),
    offers_interview boolean not null default true,
    offers_regular boolean not null default true,
    offers_flexible boolean not null default true,
    youngest_age_months smallint not null default 6 check (youngest_age_months in (6, 12)),
    booking_style text not null default 'free' check (booking_style in ('free', 'blocks')),
    -- How long before 0:00 on the day of use a cancellation still frees the hours (0: until midnight).
    cancel_minutes_before_day integer not null default 0 check (cancel_minutes_before_day between 0 and 20160),
    updated_at timestamptz
  )`.execute(db);

  await sql`create table slot_templates (
    id uuid primary key default gen_random_uuid(),
    facility_id uuid not null references facilities(id),
    municipality_id uuid not null references municipalities(id),
    weekday smallint not null check (weekday between 1 and 7),
    start_minute smallint not null check (start_minute between 0 and 1439),
    end_minute smallint not null check (end_minute between 1 and 1440),
    capacity_age0 smallint not null check (capacity_age0 >= 0),
    capacity_age1 smallint not null check (capacity_age1 >= 0),
    capacity_age2 smallint not null check (capacity_age2 >= 0),
    kinds text[] not null check (cardinality(kinds) > 0 and kinds <@ '{interview,regular,flexible}'),
    constraint slot_templates_period check (start_minute < end_minute)
  )`.execute(db);

  // A facility's own closed days (events), besides national holidays and its weekly days off.
  await sql`create table facility_closed_days (
    facility_id uuid not null references facilities(id),
    municipality_id uuid not null references municipalities(id),
    date date not null,
    reason text not null default '',
    primary key (facility_id, date)
  )`.execute(db);

  await sql`create table slots (
    id uuid primary key default gen_random_uuid(),
    facility_id uuid not null references facilities(id),
    municipality_id uuid not null references municipalities(id),
    date date not null,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    capacity_age0 smallint not null check (capacity_age0 >= 0),
    capacity_age1 smallint not null check (capacity_age1 >= 0),
    capacity_age2 smallint not null check (capacity_age2 >= 0),
    kinds text[] not null check (cardinality(kinds) > 0 and kinds <@ '{interview,regular,flexible}'),
    -- Withdrawn by the facility: no new bookings (existing ones are the facility's to cancel).
    withdrawn_at timestamptz,
    created_at timestamptz not null default now(),
    constraint slots_period check (ends_at > starts_at),
    -- Generating slots twice inserts nothing new.
    constraint slots_facility_period_unique unique (facility_id, starts_at, ends_at)
  )`.execute(db);
  await sql`create index slots_facility_date on slots (facility_id, date)`.execute(db);

  // 利用承認: the facility's decision after the first interview; the latest decision stands.
  await sql`create table facility_approvals (
    facility_id uuid not null references facilities(id),
    child_id uuid not null references children(id),
    municipality_id uuid not null references municipalities(id),
    approved boolean not null,
    reason text not null default '',
    note text not null default '',
    decided_by uuid not null references users(id),
    decided_at timestamptz not null,
    primary key (facility_id, child_id)
  )`.execute(db);

  // A municipality's own hours on top of the national figure (municipalities.monthly_allowance_minutes),
  // with a scope: kinds of use, and whether only facilities of that municipality count.
  await sql`create table allowance_buckets (
    id uuid primary key default gen_random_uuid(),
    municipality_id uuid not null references municipalities(id),
    -- Buckets are drawn from after the national one, in this order.
    position smallint not null check (position >= 1),
    name text not null check (name <> ''),
    minutes_per_month integer not null check (minutes_per_month > 0),
    kinds text[] not null check (cardinality(kinds) > 0 and kinds <@ '{interview,regular,flexible}'),
    own_facilities_only boolean not null default true,
    constraint allowance_buckets_position unique (municipality_id, position)
  )`.execute(db);

  await sql`alter table reservations drop constraint reservations_status_check`.execute(db);
  await sql`alter table reservations
    add constraint reservations_status_check check (status in ('provisional', 'confirmed', 'declined', 'cancelled', 'late_cancelled')),
    add column slot_id uuid references slots(id),
    -- 0歳 / 1歳 / 2歳 on the day of use, fixed when booked: the place it takes in the slot.
    add column age_class smallint check (age_class between 0 and 2),
    add column booked_by uuid references users(id),
    -- One per request of the booking form: a second submit finds the first booking.
    add column idempotency_key text,
    add column decided_by uuid references users(id),
    add column decided_at timestamptz,
    add column cancelled_by uuid references users(id),
    add column cancelled_at timestamptz,
    add column comment text not null default '',
    add column period tstzrange generated always as (tstzrange(starts_at, ends_at, '[)')) stored,
    add constraint reservations_idempotency_unique unique (booked_by, idempotency_key),
    add constraint reservations_slot_booking check (slot_id is null or (age_class is not null and booked_by is not null))`.execute(db);
  // A child is never in two places at once. Rows made before booking existed (no slot) are outside it.
  await sql`alter table reservations add constraint reservations_child_no_overlap
    exclude using gist (child_id with =, period with &&)
    where (slot_id is not null and status in ('provisional', 'confirmed'))`.execute(db);
  await sql`create index reservations_slot on reservations (slot_id) where slot_id is not null`.execute(db);

  // Which allowance bucket each booking's minutes came from ('national' or an allowance_buckets id);
  // they count while the booking's status does (provisional, confirmed, late_cancelled).
  await sql`create table reservation_allowance_charges (
    reservation_id uuid not null references reservations(id),
    child_id uuid not null references children(id),
    municipality_id uuid not null references municipalities(id),
    month date not null check (extract(day from month) = 1),
    bucket text not null,
    minutes integer not null check (minutes > 0),
    primary key (reservation_id, bucket)
  )`.execute(db);
  await sql`create index reservation_allowance_charges_child_month on reservation_allowance_charges (child_id, month)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The reservations migration is not reversible');
}
