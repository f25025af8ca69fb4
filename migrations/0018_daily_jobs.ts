import { type Kysely, sql } from 'kysely';

// Jobs that run once a day whichever of the app processes gets there first (the retention of
// personal data, reminders): the row for (job, day) is the claim, written in the same
// transaction as the job's work, so a crash leaves the day unclaimed for another process.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table daily_job_runs (
    job text not null,
    day date not null,
    finished_at timestamptz not null,
    result jsonb not null,
    primary key (job, day)
  )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The daily jobs migration is not reversible');
}
