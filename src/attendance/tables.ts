// Using the facility (guide step 8): attendance, staff corrections, fee reductions and payments
// (migrations/0011_attendance.ts).
import type { Generated } from 'kysely';
import type { DateString, Timestamp } from '../platform/database.ts';

export type CheckVia = 'qr' | 'staff';
export type CorrectionField = 'checked_in_at' | 'checked_out_at' | 'no_show' | 'same_day_cancel';
/** 生活保護 / 住民税非課税 / 所得割非課税 (所得割) / 要支援 */
export type ReductionCategory = 'public_assistance' | 'tax_exempt' | 'income_tax_exempt' | 'support_needed';

declare module '../platform/database.ts' {
  interface Database {
    attendances: {
      reservation_id: string;
      municipality_id: string;
      facility_id: string;
      child_id: string;
      checked_in_at: Timestamp | null;
      checked_in_by: string | null;
      checked_in_via: CheckVia | null;
      checked_out_at: Timestamp | null;
      checked_out_by: string | null;
      checked_out_via: CheckVia | null;
      no_show_at: Timestamp | null;
      no_show_by: string | null;
      updated_at: Timestamp;
    };
    attendance_corrections: {
      id: Generated<string>;
      reservation_id: string;
      municipality_id: string;
      facility_id: string;
      field: CorrectionField;
      old_value: Timestamp | null;
      new_value: Timestamp | null;
      reason: string;
      corrected_by: string;
      corrected_at: Timestamp;
    };
    fee_reductions: {
      id: Generated<string>;
      child_id: string;
      municipality_id: string;
      category: ReductionCategory;
      effective_from: DateString;
      effective_until: DateString | null;
      recorded_by: string;
      recorded_at: Timestamp;
    };
    fee_payments: {
      reservation_id: string;
      municipality_id: string;
      facility_id: string;
      receipt_number: string;
      amount_yen: number;
      paid_at: Timestamp;
      recorded_by: string;
    };
  }
}
