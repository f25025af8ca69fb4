// Step 5: facilities and guardians' favourites.
import type { Generated, GeneratedAlways } from 'kysely';
import type { Timestamp } from '../platform/database.ts';

export type FacilityType = 'nursery' | 'certified_centre' | 'small_scale' | 'kindergarten' | 'home_based' | 'other';

declare module '../platform/database.ts' {
  interface Database {
    facilities: {
      id: Generated<string>;
      municipality_id: string;
      name: string;
      name_kana: string;
      address: string;
      phone: string;
      latitude: number;
      longitude: number;
      created_at: Generated<Date>;
      // 0003_facilities (guide step 5)
      facility_type: Generated<FacilityType>;
      /** 'HH:MM:SS' (PostgreSQL time). */
      opens_at: Generated<string>;
      closes_at: Generated<string>;
      /** ISO weekdays, 1 = Monday … 7 = Sunday. */
      open_days: Generated<number[]>;
      /** Age classes accepted: 0, 1 and/or 2 (years). */
      ages_accepted: Generated<number[]>;
      daily_capacity: Generated<number>;
      fee_per_hour: Generated<number>;
      introduction: Generated<string>;
      notes: Generated<string>;
      updated_at: Timestamp | null;
      /** 0005: the point on the earth (earthdistance), from latitude and longitude; indexed. */
      location: GeneratedAlways<string>;
    };
    facility_favourites: {
      user_id: string;
      facility_id: string;
      municipality_id: string;
      created_at: Generated<Date>;
    };
  }
}
