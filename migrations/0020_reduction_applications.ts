import { type Kysely, sql } from 'kysely';

// 利用料減免の申請 (issue 10): a guardian applies for a child's fee reduction with evidence files;
// the child's municipality approves it from a date (the fee_reductions row is written in the same
// transaction) or refuses it with a reason. Evidence is 要配慮個人情報: kept in the database (not in
// a folder the web server could serve), backed up with the data, and carrying municipality_id.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table fee_reduction_applications (
    id uuid primary key default gen_random_uuid(),
    municipality_id uuid not null references municipalities(id),
    child_id uuid not null references children(id),
    guardian_id uuid not null references users(id),
    category text not null check (category in ('public_assistance', 'tax_exempt', 'income_tax_exempt', 'support_needed')),
    note text not null default '' check (char_length(note) <= 1000),
    -- The form's one-time key: a double submit finds its application instead of making a second.
    submission_key text not null unique,
    status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
    submitted_at timestamptz not null,
    decided_by uuid references users(id),
    decided_at timestamptz,
    reduction_id uuid references fee_reductions(id),
    reason text check (reason is null or char_length(reason) between 1 and 500),
    constraint fee_reduction_applications_decided check (
      (status = 'pending' and decided_at is null and decided_by is null and reduction_id is null and reason is null)
      or (status = 'approved' and decided_at is not null and decided_by is not null and reduction_id is not null and reason is null)
      or (status = 'rejected' and decided_at is not null and decided_by is not null and reduction_id is null and reason is not null)
    )
  )`.execute(db);
  // One application waiting per child: a second is refused by the database, not by a check before.
  await sql`create unique index fee_reduction_applications_one_pending on fee_reduction_applications (child_id) where status = 'pending'`.execute(db);
  await sql`create index fee_reduction_applications_municipality on fee_reduction_applications (municipality_id, status, submitted_at)`.execute(db);

  await sql`create table fee_reduction_evidence (
    id uuid primary key default gen_random_uuid(),
    application_id uuid not null references fee_reduction_applications(id),
    municipality_id uuid not null references municipalities(id),
    child_id uuid not null references children(id),
    position integer not null check (position between 1 and 10),
    file_name text not null check (char_length(file_name) <= 200),
    -- Found from the bytes (magic numbers), never from the name or the browser's word.
    content_type text not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
    size_bytes integer not null check (size_bytes > 0),
    content bytea not null,
    uploaded_at timestamptz not null,
    unique (application_id, position)
  )`.execute(db);
  await sql`create index fee_reduction_evidence_child on fee_reduction_evidence (child_id)`.execute(db);

  // The September reminder to re-apply (tax-based reductions end on 31 August): one per child and
  // year, the row written with the mail, so a second run (or a second process) sends nothing.
  await sql`create table fee_reduction_reminders (
    child_id uuid not null references children(id),
    municipality_id uuid not null references municipalities(id),
    year integer not null,
    sent_at timestamptz not null,
    primary key (child_id, year)
  )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The reduction applications migration is not reversible');
}
