import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.ts';

// Listed explicitly (not read from disk) so the same list serves tsx, tests and bundlers.
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
};
