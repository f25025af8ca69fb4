// Who may do what with claims (issue 10). A facility's staff see and submit only their facility's
// claims; a municipality's staff see only the claims addressed to it, once submitted (a draft is
// still the facility's); guardians read what was claimed for their own children (on /usage).
import { action, found, type FacilityStaffUser, type MunicipalityStaffUser } from '../platform/access.ts';
import type { Db } from '../platform/database.ts';

const facilityClaim = (db: Db, user: FacilityStaffUser, id: string) =>
  found(db.selectFrom('claims').select('id').where('id', '=', id).where('facility_id', '=', user.facilityId));
const addressedClaim = (db: Db, user: MunicipalityStaffUser, id: string) =>
  found(db.selectFrom('claims').select('id').where('id', '=', id).where('municipality_id', '=', user.municipalityId).where('status', '!=', 'draft'));

export const claimActions = {
  /** The facility's claims of a month (filtered by facility_id). */
  listAtFacility: action<FacilityStaffUser>('claim.listAtFacility'),
  /** One claim of the facility: its lines, history, submitting it (the target is the claim). */
  manageAtFacility: action<FacilityStaffUser>('claim.manageAtFacility', facilityClaim),
  /** The claims addressed to the municipality, and their CSV (filtered by municipality_id). */
  listForMunicipality: action<MunicipalityStaffUser>('claim.listForMunicipality'),
  /** One claim addressed to it: review, return, approve, record payment (the target is the claim). */
  review: action<MunicipalityStaffUser>('claim.review', addressedClaim),
};
