// What a signed-in user may do with their own account's rows.
import { action, found } from '../platform/access.ts';
import type { SignedInUser } from '../platform/ui/layout.tsx';

export const deviceActions = {
  /** All of the user's own remembered devices. */
  revoke: action<SignedInUser>('device.revoke'),
  revokeOne: action<SignedInUser>('device.revoke', (db, user, id) =>
    found(db.selectFrom('remembered_devices').select('id').where('id', '=', id).where('user_id', '=', user.id)),
  ),
};
