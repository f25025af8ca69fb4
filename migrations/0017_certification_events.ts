import { type Kysely, sql } from 'kysely';

// The end of a child's certification (乳児等支援給付認定) before its term: enrolment in a nursery,
// moving away, or another reason. The certification's last day moves earlier; the event keeps
// what it was, who ended it, when and why.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table certification_terminations (
    id uuid primary key default gen_random_uuid(),
    child_id uuid not null references children(id),
    municipality_id uuid not null references municipalities(id),
    reason text not null check (reason in ('nursery', 'moved', 'other')),
    reason_note text not null default '' check (char_length(reason_note) <= 500),
    last_day date not null,
    previous_valid_until date not null,
    recorded_by uuid not null references users(id),
    recorded_at timestamptz not null,
    constraint certification_terminations_earlier check (last_day < previous_valid_until)
  )`.execute(db);
  await sql`create index certification_terminations_child on certification_terminations (child_id, recorded_at)`.execute(db);
  // The municipality's list of certified children, searched by name, reading or number.
  await sql`create index children_municipality_kana on children (municipality_id, name_kana)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The certification events migration is not reversible');
}
