import { type Kysely, sql } from 'kysely';

// The monthly claim (給付費請求, issue 10): after each month a facility claims from each child's
// home municipality the hours of use at the fiscal year's unit price per age class. A claim is one
// row per (facility, addressed municipality, month); its lines are frozen when it is submitted
// (one set per submission, so a returned claim's earlier lines stay on record); every step is an
// event with who, when and the comment. Status changes are conditional updates on the locked row.
export async function up(db: Kysely<any>): Promise<void> {
  // National unit prices per fiscal year (April–March): per age class, and the add-ons.
  await sql`create table claim_unit_prices (
    fiscal_year integer not null check (fiscal_year between 2000 and 2999),
    kind text not null check (kind in ('age0', 'age1_2', 'disability', 'medical_care', 'support_needed')),
    yen_per_hour integer not null check (yen_per_hour >= 0),
    primary key (fiscal_year, kind)
  )`.execute(db);
  await sql`insert into claim_unit_prices (fiscal_year, kind, yen_per_hour) values (2026, 'age0', 1700), (2026, 'age1_2', 1400)`.execute(db);

  await sql`create table claims (
    id uuid primary key default gen_random_uuid(),
    -- The municipality the claim is addressed to: the children's home municipality.
    municipality_id uuid not null references municipalities(id),
    facility_id uuid not null references facilities(id),
    month date not null check (extract(day from month) = 1),
    status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'resubmitted', 'approved', 'paid')),
    -- The submission whose lines are current (0 while a draft).
    submission integer not null default 0,
    total_yen integer,
    paid_on date,
    paid_yen integer check (paid_yen >= 0),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint claims_one_per_month unique (facility_id, municipality_id, month),
    constraint claims_paid check ((status = 'paid') = (paid_on is not null and paid_yen is not null))
  )`.execute(db);
  await sql`create index claims_municipality_month on claims (municipality_id, month, status)`.execute(db);

  await sql`create table claim_lines (
    id uuid primary key default gen_random_uuid(),
    claim_id uuid not null references claims(id),
    municipality_id uuid not null references municipalities(id),
    facility_id uuid not null references facilities(id),
    submission integer not null check (submission >= 1),
    position integer not null,
    reservation_id uuid not null references reservations(id),
    child_id uuid not null references children(id),
    child_name text not null,
    child_kana text not null,
    use_date date not null,
    kind text not null check (kind in ('use', 'late_cancel', 'no_show')),
    age_class smallint not null check (age_class between 0 and 2),
    billed_minutes integer not null check (billed_minutes >= 0),
    yen_per_hour integer not null check (yen_per_hour >= 0),
    addons text[] not null default '{}',
    addon_yen_per_hour integer not null default 0 check (addon_yen_per_hour >= 0),
    amount_yen integer not null check (amount_yen >= 0),
    unique (claim_id, submission, position)
  )`.execute(db);
  await sql`create index claim_lines_child on claim_lines (child_id, use_date)`.execute(db);

  await sql`create table claim_events (
    -- In the order written (two steps in the same instant keep their order).
    id bigint generated always as identity primary key,
    claim_id uuid not null references claims(id),
    municipality_id uuid not null references municipalities(id),
    action text not null check (action in ('submit', 'resubmit', 'return', 'approve', 'pay')),
    actor_id uuid not null references users(id),
    at timestamptz not null,
    comment text check (comment is null or char_length(comment) between 1 and 1000),
    total_yen integer,
    paid_on date,
    paid_yen integer
  )`.execute(db);
  await sql`create index claim_events_claim on claim_events (claim_id, at)`.execute(db);

  // 加算: a child's add-ons for a month at a facility, set by the facility on the draft claim.
  await sql`create table claim_addons (
    facility_id uuid not null references facilities(id),
    child_id uuid not null references children(id),
    municipality_id uuid not null references municipalities(id),
    month date not null,
    addons text[] not null,
    primary key (facility_id, child_id, month)
  )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The claims migration is not reversible');
}
