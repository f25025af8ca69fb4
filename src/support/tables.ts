// Step 9: inquiries sent through the support form and the staff's replies (migrations/0010_support.ts).
// The municipality's support address (municipalities.support_email) is in the platform's table.
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/database.ts';

export type InquiryCategory = 'login' | 'application' | 'reservation' | 'attendance' | 'other';
export type InquiryStatus = 'open' | 'answered';

declare module '../platform/database.ts' {
  interface Database {
    support_inquiries: {
      id: Generated<string>;
      municipality_id: string;
      reference: string;
      submission_key: string;
      user_id: string | null;
      category: InquiryCategory;
      message: string;
      contact_name: string;
      email: string;
      phone: string;
      status: Generated<InquiryStatus>;
      created_at: Timestamp;
      answered_by: string | null;
      answered_at: Timestamp | null;
    };
    support_inquiry_replies: {
      id: Generated<string>;
      inquiry_id: string;
      municipality_id: string;
      body: string;
      replied_by: string;
      replied_at: Timestamp;
    };
  }
}
