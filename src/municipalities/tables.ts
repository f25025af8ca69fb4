// Issue 10: a municipality's dated settings changes (migrations/0012_municipality_settings.ts).
// The settings before any change are columns of `municipalities` (platform) and rows of
// `allowance_buckets` (reservations).
import type { Generated } from 'kysely';
import type { DateString, Json, Timestamp } from '../platform/database.ts';
import type { SettingsChanges } from './rules.ts';

declare module '../platform/database.ts' {
  interface Database {
    municipality_settings_changes: {
      id: Generated<string>;
      municipality_id: string;
      /** The first of the month it takes effect from. */
      effective_from: DateString;
      changes: Json<SettingsChanges>;
      changed_by: string | null;
      changed_at: Timestamp;
    };
  }
}
