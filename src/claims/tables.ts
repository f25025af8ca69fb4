// The monthly claim (給付費請求, issue 10): unit prices per fiscal year, claims with their frozen
// lines and their events, and the add-ons a facility sets per child and month
// (migrations/0019_claims.ts).
import type { Generated, GeneratedAlways } from 'kysely';
import type { DateString, Timestamp } from '../platform/database.ts';

export type PriceKind = 'age0' | 'age1_2' | AddonKind;
/** 加算: 障害児 / 医療的ケア児 / 要支援 */
export type AddonKind = 'disability' | 'medical_care' | 'support_needed';
export type ClaimStatus = 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'approved' | 'paid';
export type ClaimLineKind = 'use' | 'late_cancel' | 'no_show';
export type ClaimEventAction = 'submit' | 'resubmit' | 'return' | 'approve' | 'pay';

declare module '../platform/database.ts' {
  interface Database {
    claim_unit_prices: { fiscal_year: number; kind: PriceKind; yen_per_hour: number };
    claims: {
      id: Generated<string>;
      municipality_id: string;
      facility_id: string;
      month: DateString;
      status: Generated<ClaimStatus>;
      submission: Generated<number>;
      total_yen: number | null;
      paid_on: DateString | null;
      paid_yen: number | null;
      created_at: Timestamp;
      updated_at: Timestamp;
    };
    claim_lines: {
      id: Generated<string>;
      claim_id: string;
      municipality_id: string;
      facility_id: string;
      submission: number;
      position: number;
      reservation_id: string;
      child_id: string;
      child_name: string;
      child_kana: string;
      use_date: DateString;
      kind: ClaimLineKind;
      age_class: number;
      billed_minutes: number;
      yen_per_hour: number;
      addons: string[];
      addon_yen_per_hour: number;
      amount_yen: number;
    };
    claim_events: {
      id: GeneratedAlways<number>;
      claim_id: string;
      municipality_id: string;
      action: ClaimEventAction;
      actor_id: string;
      at: Timestamp;
      comment: string | null;
      total_yen: number | null;
      paid_on: DateString | null;
      paid_yen: number | null;
    };
    claim_addons: {
      facility_id: string;
      child_id: string;
      municipality_id: string;
      month: DateString;
      addons: string[];
    };
  }
}
