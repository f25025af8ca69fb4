import { type Kysely, sql } from 'kysely';

// Using the facility (guide step 8): check-in and check-out by QR code or by staff, the staff's
// corrections with their reason, absences, and the fee side: the municipality's late pick-up rule,
// the facility's policy for same-day cancellations and no-shows, the families' fee reductions, and
// payments taken at the facility (the system shows what is owed; it does not take money).
export async function up(db: Kysely<any>): Promise<void> {
  // One row per booking that reached its day: when the child came and left, and how it was recorded.
  await sql`create table attendances (
    reservation_id uuid primary key references reservations(id),
    -- The child's municipality, as on the booking.
    municipality_id uuid not null references municipalities(id),
    facility_id uuid not null references facilities(id),
    child_id uuid not null references children(id),
    checked_in_at timestamptz,
    checked_in_by uuid references users(id),
    checked_in_via text check (checked_in_via in ('qr', 'staff')),
    checked_out_at timestamptz,
    checked_out_by uuid references users(id),
    checked_out_via text check (checked_out_via in ('qr', 'staff')),
    -- 欠席: the child did not come; the booked hours stay consumed.
    no_show_at timestamptz,
    no_show_by uuid references users(id),
    updated_at timestamptz not null,
    constraint attendances_out_after_in check (
      checked_out_at is null or (checked_in_at is not null and checked_out_at >= checked_in_at)),
    constraint attendances_no_show_or_came check (no_show_at is null or checked_in_at is null)
  )`.execute(db);
  await sql`create index attendances_facility_day on attendances (facility_id, checked_in_at)`.execute(db);
  await sql`create index attendances_child on attendances (child_id)`.execute(db);

  // Every change staff make by hand (a forgotten scan, no phone, a wrong time): who, when and why.
  await sql`create table attendance_corrections (
    id uuid primary key default gen_random_uuid(),
    reservation_id uuid not null references reservations(id),
    municipality_id uuid not null references municipalities(id),
    facility_id uuid not null references facilities(id),
    field text not null check (field in ('checked_in_at', 'checked_out_at', 'no_show', 'same_day_cancel')),
    old_value timestamptz,
    new_value timestamptz,
    reason text not null check (char_length(reason) between 1 and 500),
    corrected_by uuid not null references users(id),
    corrected_at timestamptz not null
  )`.execute(db);
  await sql`create index attendance_corrections_reservation on attendance_corrections (reservation_id, corrected_at)`.execute(db);

  // 'guide': L minutes late → nothing under 30, else 1 + floor((L − 30) / 60) extra hours;
  // 'actual': the minutes late, rounded up to 30, are charged at the hourly rate.
  await sql`alter table municipalities
    add column late_pickup_rule text not null default 'guide' check (late_pickup_rule in ('guide', 'actual'))`.execute(db);
  // Whether the facility charges the booked hours of a same-day cancellation or a no-show.
  await sql`alter table facility_offers
    add column charges_late_cancellations boolean not null default true`.execute(db);

  // 利用料減免: the category of a child's reduction from a date (and until a date, when it ends).
  await sql`create table fee_reductions (
    id uuid primary key default gen_random_uuid(),
    child_id uuid not null references children(id),
    municipality_id uuid not null references municipalities(id),
    category text not null check (category in ('public_assistance', 'tax_exempt', 'income_tax_exempt', 'support_needed')),
    effective_from date not null,
    effective_until date,
    recorded_by uuid not null references users(id),
    recorded_at timestamptz not null,
    constraint fee_reductions_period check (effective_until is null or effective_until >= effective_from)
  )`.execute(db);
  await sql`create index fee_reductions_child on fee_reductions (child_id, effective_from)`.execute(db);

  // A fee paid at the facility for one booking, as charged at that moment, with its receipt number.
  await sql`create sequence fee_receipt_number_seq`.execute(db);
  await sql`create table fee_payments (
    reservation_id uuid primary key references reservations(id),
    municipality_id uuid not null references municipalities(id),
    facility_id uuid not null references facilities(id),
    receipt_number text not null unique,
    amount_yen integer not null check (amount_yen >= 0),
    paid_at timestamptz not null,
    recorded_by uuid not null references users(id)
  )`.execute(db);
  await sql`create index fee_payments_facility on fee_payments (facility_id, paid_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The attendance migration is not reversible');
}
