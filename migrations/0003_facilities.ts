import type { Kysely } from 'kysely';

// Facility details, favourites and the nearest-facility index (guide step 5). Filled in by the facilities work.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(): Promise<void> {}
