import { type Kysely, sql } from 'kysely';

// 認可 (児童福祉法) and 確認 (子ども・子育て支援法): the municipality's record of each facility's
// licence and confirmation, its business type, and later changes with the date they take effect.
// Only a facility licensed and confirmed on a day may publish slots for it (operations.md).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table facility_designations (
    id uuid primary key default gen_random_uuid(),
    facility_id uuid not null references facilities(id),
    municipality_id uuid not null references municipalities(id),
    -- The record in effect on a day is the latest one effective on or before it.
    effective_from date not null,
    -- 一般型（専用室）/ 一般型（在園児と合同）/ 余裕活用型; null: not recorded (facilities from before this record).
    business_type text check (business_type in ('general_dedicated', 'general_mixed', 'spare_capacity')),
    licensed_on date,
    confirmed_on date,
    -- The last day the confirmation holds; slots after it are withdrawn when this is recorded.
    confirmation_ends_on date,
    note text not null default '' check (char_length(note) <= 500),
    -- Null only for the rows this migration wrote for facilities that already existed.
    recorded_by uuid references users(id),
    recorded_at timestamptz not null,
    constraint facility_designations_end_after_confirmation check (
      confirmation_ends_on is null or (confirmed_on is not null and confirmation_ends_on >= confirmed_on))
  )`.execute(db);
  await sql`create index facility_designations_facility on facility_designations (facility_id, effective_from, recorded_at)`.execute(db);

  // Facilities already taking bookings keep doing so: they are recorded as licensed and confirmed
  // from the day they were registered, with a note asking the municipality to enter the real dates.
  await sql`insert into facility_designations (facility_id, municipality_id, effective_from, licensed_on, confirmed_on, note, recorded_at)
    select id, municipality_id, (created_at at time zone 'Asia/Tokyo')::date, (created_at at time zone 'Asia/Tokyo')::date,
      (created_at at time zone 'Asia/Tokyo')::date, '導入時の記録（日付は施設の登録日です。認可・確認の正しい日付を記録してください）', now()
    from facilities`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The facility designations migration is not reversible');
}
