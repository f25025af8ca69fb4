// Step 5: facilities and guardians' favourites.
import type { Generated, GeneratedAlways } from 'kysely';
import type { DateString, Timestamp } from '../platform/database.ts';

/** 一般型（専用室）/ 一般型（在園児と合同）/ 余裕活用型 */
export type BusinessType = 'general_dedicated' | 'general_mixed' | 'spare_capacity';

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
    facility_designations: {
      id: Generated<string>;
      facility_id: string;
      municipality_id: string;
      effective_from: DateString;
      business_type: BusinessType | null;
      licensed_on: DateString | null;
      confirmed_on: DateString | null;
      confirmation_ends_on: DateString | null;
      note: Generated<string>;
      recorded_by: string | null;
      recorded_at: Timestamp;
    };
    facility_favourites: {
      user_id: string;
      facility_id: string;
      municipality_id: string;
      created_at: Generated<Date>;
    };
  }
}
