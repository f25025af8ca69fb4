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

const ownChild = (db: import('../platform/database.ts').Db, user: MunicipalityStaffUser, id: string) =>
  found(db.selectFrom('children').select('id').where('id', '=', id).where('municipality_id', '=', user.municipalityId));

/** The municipality's certified children (認定者): listing, reading one, ending a certification. */
export const certificationActions = {
  list: action<MunicipalityStaffUser>('certification.list'),
  read: action<MunicipalityStaffUser>('certification.read', ownChild),
  terminate: action<MunicipalityStaffUser>('certification.terminate', ownChild),
  change: action<MunicipalityStaffUser>('certification.change', ownChild),
};
