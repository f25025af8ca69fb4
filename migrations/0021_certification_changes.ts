import { type Kysely, sql } from 'kysely';

// Changes to a certification (変更認定) take effect from the first day of a later month
// (operations.md: "changes effective from the next month"). A change is recorded as pending and a
// daily job applies it on its month's first day; what the certification said before is kept on
// the row. A pending change may be withdrawn before it applies.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table certification_changes (
    id uuid primary key default gen_random_uuid(),
    child_id uuid not null references children(id),
    municipality_id uuid not null references municipalities(id),
    effective_from date not null check (extract(day from effective_from) = 1),
    -- null: unchanged.
    new_name text check (char_length(new_name) between 1 and 100),
    new_name_kana text check (char_length(new_name_kana) between 1 and 100),
    new_valid_until date,
    reason text not null check (char_length(reason) between 1 and 500),
    recorded_by uuid not null references users(id),
    recorded_at timestamptz not null,
    withdrawn_by uuid references users(id),
    withdrawn_at timestamptz,
    applied_at timestamptz,
    previous_name text,
    previous_name_kana text,
    previous_valid_until date,
    constraint certification_changes_something check (new_name is not null or new_name_kana is not null or new_valid_until is not null),
    constraint certification_changes_one_end check (withdrawn_at is null or applied_at is null)
  )`.execute(db);
  // One pending change per child and month: a second one would silently race the first.
  await sql`create unique index certification_changes_one_pending on certification_changes (child_id, effective_from)
    where applied_at is null and withdrawn_at is null`.execute(db);
  await sql`create index certification_changes_due on certification_changes (effective_from)
    where applied_at is null and withdrawn_at is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The certification changes migration is not reversible');
}
