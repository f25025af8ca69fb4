// Step 4: the guardian's and children's details (children are created when an application is approved).
import type { Generated } from 'kysely';
import type { Timestamp, DateString } from '../platform/database.ts';

declare module '../platform/database.ts' {
  interface Database {
    guardian_profiles: {
      user_id: string;
      municipality_id: string;
      name: string;
      name_kana: string;
      postal_code: string;
      address: string;
      phone: string;
      relationship: string;
      phone2: string | null;
      registered_at: Timestamp | null;
      updated_at: Timestamp | null;
    };
    children: {
      id: Generated<string>;
      municipality_id: string;
      guardian_id: string;
      name: string;
      name_kana: string;
      birth_date: DateString;
      certification_number: string;
      certification_valid_from: DateString;
      certification_valid_until: DateString;
      created_at: Generated<Date>;
    };
    // Profiles (guide step 4) and the first form of reservations: migrations/0002_profiles.ts
    child_profiles: {
      child_id: string;
      municipality_id: string;
      sex: 'female' | 'male' | null;
      meal_stage: 'milk' | 'weaning_early' | 'weaning_middle' | 'weaning_late' | 'weaning_complete' | 'toddler' | null;
      allergy_severity: 'mild' | 'moderate' | 'severe' | null;
      allergy_notes: Generated<string>;
      epinephrine_auto_injector: Generated<boolean>;
      health_conditions: Generated<string>;
      medicines: Generated<string>;
      health_notes: Generated<string>;
      revision: Generated<number>;
      updated_at: Timestamp | null;
    };
    child_allergens: { child_id: string; municipality_id: string; allergen: string };
    child_emergency_contacts: {
      id: Generated<string>;
      child_id: string;
      municipality_id: string;
      position: number;
      name: string;
      relationship: string;
      phone: string;
    };
    child_pickup_persons: {
      id: Generated<string>;
      child_id: string;
      municipality_id: string;
      position: number;
      name: string;
      relationship: string;
      phone: string;
    };
  }
}
