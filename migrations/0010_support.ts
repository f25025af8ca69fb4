import { type Kysely, sql } from 'kysely';

// Guide step 9 (お客さまサポート): inquiries sent through the form, logged in or not, to the
// municipality chosen (or the user's own), and the staff's replies to them.
export async function up(db: Kysely<any>): Promise<void> {
  // Where a municipality's inquiries are mailed; without one, to each of its staff logins.
  await sql`alter table municipalities add column support_email text`.execute(db);

  await sql`create sequence support_inquiry_reference_seq`.execute(db);
  await sql`create table support_inquiries (
    id uuid primary key default gen_random_uuid(),
    municipality_id uuid not null references municipalities(id),
    -- お問い合わせ番号, told to the sender on the done page and in the receipt mail.
    reference text not null,
    -- One per confirmation screen: a second press of 送信する finds the first inquiry, not a copy.
    submission_key text not null,
    -- The signed-in user who sent it; null when sent without logging in.
    user_id uuid references users(id),
    category text not null check (category in ('login', 'application', 'reservation', 'attendance', 'other')),
    message text not null check (char_length(message) between 1 and 2000),
    contact_name text not null check (char_length(contact_name) between 1 and 50),
    email text not null check (char_length(email) between 3 and 254),
    phone text not null default '',
    status text not null default 'open' check (status in ('open', 'answered')),
    created_at timestamptz not null,
    answered_by uuid references users(id),
    answered_at timestamptz,
    constraint support_inquiries_reference_unique unique (reference),
    constraint support_inquiries_submission_unique unique (submission_key)
  )`.execute(db);
  await sql`create index support_inquiries_municipality on support_inquiries (municipality_id, status, created_at)`.execute(db);

  // A staff member's answer, mailed to the sender; who and when are kept.
  await sql`create table support_inquiry_replies (
    id uuid primary key default gen_random_uuid(),
    inquiry_id uuid not null references support_inquiries(id),
    municipality_id uuid not null references municipalities(id),
    body text not null check (char_length(body) between 1 and 2000),
    replied_by uuid not null references users(id),
    replied_at timestamptz not null
  )`.execute(db);
  await sql`create index support_inquiry_replies_inquiry on support_inquiry_replies (inquiry_id, replied_at)`.execute(db);
}
