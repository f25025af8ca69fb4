import { type Kysely, sql } from 'kysely';

// Fees and records (guide step 8): a child has at most one fee reduction on any day. The periods
// of one child may not overlap (an open end reaches forever); two staff recording at once are
// decided here, not by a check before the insert. btree_gist is created in 0008_reservations.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table fee_reductions add constraint fee_reductions_no_overlap
    exclude using gist (child_id with =, daterange(effective_from, effective_until, '[]') with &&)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The fees migration is not reversible');
}
