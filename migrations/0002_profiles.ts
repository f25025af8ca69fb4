import type { Kysely } from 'kysely';

// Guardian and child profiles (guide step 4). Filled in by the profiles work.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(): Promise<void> {}
