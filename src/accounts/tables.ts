// Steps 2–3: password reset, one-time passwords, login throttles, remembered devices.
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/database.ts';

declare module '../platform/database.ts' {
  interface Database {
    password_reset_tokens: {
      id: Generated<string>;
      user_id: string;
      municipality_id: string;
      token_hash: string;
      expires_at: Timestamp;
      used_at: Timestamp | null;
      created_at: Timestamp;
    };
    login_challenges: {
      id: Generated<string>;
      user_id: string;
      municipality_id: string;
      code_hash: string;
      attempts: Generated<number>;
      expires_at: Timestamp;
      consumed_at: Timestamp | null;
      created_at: Timestamp;
    };
    login_throttles: {
      login_key: string;
      failures: number;
      locked_until: Timestamp | null;
      updated_at: Timestamp;
    };
    // 0007_remembered_devices: browsers that may skip the one-time password for 30 days
    remembered_devices: {
      id: Generated<string>;
      user_id: string;
      municipality_id: string;
      token_hash: string;
      label: string;
      created_at: Timestamp;
      last_used_at: Timestamp;
      expires_at: Timestamp;
    };
  }
}
