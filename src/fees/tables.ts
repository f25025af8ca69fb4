// 利用料減免の申請 (migrations/0020_reduction_applications.ts): guardians' applications, their
// evidence files, and the September reminders to re-apply.
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/database.ts';
import type { ReductionCategory } from '../attendance/tables.ts';

export type ApplicationStatus = 'pending' | 'approved' | 'rejected';
export type EvidenceType = 'image/jpeg' | 'image/png' | 'application/pdf';

declare module '../platform/database.ts' {
  interface Database {
    fee_reduction_applications: {
      id: Generated<string>;
      municipality_id: string;
      child_id: string;
      guardian_id: string;
      category: ReductionCategory;
      note: string;
      submission_key: string;
      status: Generated<ApplicationStatus>;
      submitted_at: Timestamp;
      decided_by: string | null;
      decided_at: Timestamp | null;
      reduction_id: string | null;
      reason: string | null;
    };
    fee_reduction_evidence: {
      id: Generated<string>;
      application_id: string;
      municipality_id: string;
      child_id: string;
      position: number;
      file_name: string;
      content_type: EvidenceType;
      size_bytes: number;
      content: Uint8Array;
      uploaded_at: Timestamp;
    };
    fee_reduction_reminders: {
      child_id: string;
      municipality_id: string;
      year: number;
      sent_at: Timestamp;
    };
  }
}

