// What each user may do with facilities. A facility's public details are for every guardian (a
// family may use facilities outside its municipality unless a rule says otherwise); managing a
// facility is for its own municipality's staff only.
import { action, found, type FacilityStaffUser, type GuardianUser, type MunicipalityStaffUser } from '../platform/access.ts';
import type { Db } from '../platform/database.ts';

const exists = (db: Db, _user: unknown, id: string) => found(db.selectFrom('facilities').select('id').where('id', '=', id));
const ownMunicipality = (db: Db, user: MunicipalityStaffUser, id: string) =>
  found(db.selectFrom('facilities').select('id').where('id', '=', id).where('municipality_id', '=', user.municipalityId));

export const facilityActions = {
  /** Searching, favourites and history: the guardian's own lists. */
  search: action<GuardianUser>('facility.search'),
  read: action<GuardianUser>('facility.read', exists),
  favourite: action<GuardianUser>('facility.favourite', exists),
  /** A facility's staff reading their own facility. */
  readOwn: action<FacilityStaffUser>('facility.readOwn'),
  /** The municipality's list and creating a facility in it. */
  listManaged: action<MunicipalityStaffUser>('facility.listManaged'),
  create: action<MunicipalityStaffUser>('facility.create'),
  manage: action<MunicipalityStaffUser>('facility.manage', ownMunicipality),
  issueStaffLogin: action<MunicipalityStaffUser>('facility.issueStaffLogin', ownMunicipality),
  /** 認可・確認: reading the record and recording a change. */
  recordDesignation: action<MunicipalityStaffUser>('facility.recordDesignation', ownMunicipality),
};
