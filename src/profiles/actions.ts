// What each user may do with guardian and child profiles. A guardian acts on their own family; a
// facility's staff read a child's profile (要配慮個人情報) only under the rule in access.ts.
import { sql } from 'kysely';
import { action, found, type FacilityStaffUser, type GuardianUser } from '../platform/access.ts';
import type { Db } from '../platform/database.ts';
import { facilityMayReadChild } from './access.ts';

const ownChild = (db: Db, user: GuardianUser, id: string) =>
  found(db.selectFrom('children').select('id').where('id', '=', id).where('guardian_id', '=', user.id));
const bookedHere = (db: Db, user: FacilityStaffUser, id: string) =>
  found(db.selectFrom('children').select(sql.lit(1).as('one')).where('children.id', '=', id).where((eb) => facilityMayReadChild(eb, user.facilityId)));

export const profileActions = {
  readGuardian: action<GuardianUser>('guardian.read'),
  updateGuardian: action<GuardianUser>('guardian.update'),
  readChild: action<GuardianUser>('child.read', ownChild),
  updateChild: action<GuardianUser>('child.update', ownChild),
  /** The facility's list of children booked there (the query applies the same rule). */
  listBookedChildren: action<FacilityStaffUser>('child.listBooked'),
  readChildHealth: action<FacilityStaffUser>('child.readHealth', bookedHere),
};
