// What each user may do with applications. Staff act on their own municipality's only.
import { action, found, type MunicipalityStaffUser } from '../platform/access.ts';

const ownMunicipality = (db: import('../platform/database.ts').Db, user: MunicipalityStaffUser, id: string) =>
  found(db.selectFrom('applications').select('id').where('id', '=', id).where('municipality_id', '=', user.municipalityId));

export const applicationActions = {
  /** The queue and its counts (the query filters by the staff member's municipality). */
  list: action<MunicipalityStaffUser>('application.list'),
  read: action<MunicipalityStaffUser>('application.read', ownMunicipality),
  decide: action<MunicipalityStaffUser>('application.decide', ownMunicipality),
};
