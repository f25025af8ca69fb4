// What each user may do with support inquiries. Anyone may send one (signed in or not); a
// municipality's staff read and answer their own municipality's only.
import { action, found, type MunicipalityStaffUser } from '../platform/access.ts';
import type { Db } from '../platform/database.ts';
import type { SignedInUser } from '../platform/ui/layout.tsx';

const ownMunicipality = (db: Db, user: MunicipalityStaffUser, id: string) =>
  found(db.selectFrom('support_inquiries').select('id').where('id', '=', id).where('municipality_id', '=', user.municipalityId));

export const supportActions = {
  /** Sending an inquiry: to the signed-in user's municipality, or the one chosen. */
  send: action<SignedInUser | undefined>('support.inquiry.send'),
  /** The list and its counts (the query filters by the staff member's municipality). */
  list: action<MunicipalityStaffUser>('support.inquiry.list'),
  read: action<MunicipalityStaffUser>('support.inquiry.read', ownMunicipality),
  reply: action<MunicipalityStaffUser>('support.inquiry.reply', ownMunicipality),
  answer: action<MunicipalityStaffUser>('support.inquiry.answer', ownMunicipality),
};
