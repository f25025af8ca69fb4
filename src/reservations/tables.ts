// Bookings (guide steps 6–7); the reservations capability grows this table.
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/database.ts';

declare module '../platform/database.ts' {
  interface Database {
    reservations: {
      id: Generated<string>;
      municipality_id: string;
      facility_id: string;
      child_id: string;
      kind: 'interview' | 'regular' | 'flexible';
      status: 'provisional' | 'confirmed' | 'cancelled';
      starts_at: Timestamp;
      ends_at: Timestamp;
      created_at: Generated<Date>;
    };
  }
}
