// Step 1: invitations (mailed links), applications and the children named in them.
import type { Generated } from 'kysely';
import type { Timestamp, DateString, Json } from '../platform/database.ts';

export type TerminationReason = 'nursery' | 'moved' | 'other';

declare module '../platform/database.ts' {
  interface Database {
    /** 0017: a certification ended before its term (認定の終了). */
    certification_terminations: {
      id: Generated<string>;
      child_id: string;
      municipality_id: string;
      reason: TerminationReason;
      reason_note: Generated<string>;
      last_day: DateString;
      previous_valid_until: DateString;
      recorded_by: string;
      recorded_at: Timestamp;
    };
    /** 0021: a change to a certification (変更認定), applied on the first day of its month. */
    certification_changes: {
      id: Generated<string>;
      child_id: string;
      municipality_id: string;
      effective_from: DateString;
      new_name: string | null;
      new_name_kana: string | null;
      new_valid_until: DateString | null;
      reason: string;
      recorded_by: string;
      recorded_at: Timestamp;
      withdrawn_by: string | null;
      withdrawn_at: Timestamp | null;
      applied_at: Timestamp | null;
      previous_name: string | null;
      previous_name_kana: string | null;
      previous_valid_until: DateString | null;
    };
    application_invitations: {
      id: Generated<string>;
      municipality_id: string;
      email: string;
      token_hash: string;
      expires_at: Timestamp;
      used_at: Timestamp | null;
      draft: Json<unknown> | null;
      created_at: Timestamp;
    };
    applications: {
      id: Generated<string>;
      municipality_id: string;
      reference: string;
      invitation_id: string;
      email: string;
      guardian_name: string;
      guardian_name_kana: string;
      postal_code: string;
      address: string;
      phone: string;
      relationship: string;
      desired_facility_id: string | null;
      status: Generated<'submitted' | 'approved' | 'rejected'>;
      rejection_reason: string | null;
      submitted_at: Timestamp;
      decided_at: Timestamp | null;
      decided_by: string | null;
      guardian_user_id: string | null;
    };
    application_children: {
      id: Generated<string>;
      application_id: string;
      municipality_id: string;
      position: number;
      name: string;
      name_kana: string;
      birth_date: DateString;
      child_id: string | null;
    };
  }
}
