// What each user may do with fees and records (guide step 8). A guardian reads their own children's
// usage; a facility's staff read the uses at their facility, mark them paid and print receipts;
// a municipality's staff record the fee reductions of their own municipality's children.
import { action, found, type FacilityStaffUser, type GuardianUser, type MunicipalityStaffUser } from '../platform/access.ts';
import type { Db } from '../platform/database.ts';

/** A use (regular or flexible booking, not a first interview) at the staff's facility. */
const useHere = (db: Db, user: FacilityStaffUser, id: string) =>
  found(db.selectFrom('reservations').select('id').where('id', '=', id).where('facility_id', '=', user.facilityId).where('kind', '!=', 'interview'));
/** A child of the staff's municipality (certified there). */
const childOfMunicipality = (db: Db, user: MunicipalityStaffUser, id: string) =>
  found(db.selectFrom('children').select('id').where('id', '=', id).where('municipality_id', '=', user.municipalityId));

export const feeActions = {
  /** 利用実績: the guardian's own children's uses and fees (the query filters by guardian_id). */
  readOwnUsage: action<GuardianUser>('fee.readOwnUsage'),
  /** 利用料: the uses at the staff's facility by day or month, and the monthly usage per child and its CSV (filtered by facility_id). */
  listAtFacility: action<FacilityStaffUser>('fee.listAtFacility'),
  /** Marking one use paid (the target is the booking). */
  recordPayment: action<FacilityStaffUser>('fee.recordPayment', useHere),
  /** Its 領収書. */
  readReceipt: action<FacilityStaffUser>('fee.readReceipt', useHere),
  /** 利用料減免: finding the municipality's children and their reductions (filtered by municipality_id). */
  listReductions: action<MunicipalityStaffUser>('fee.listReductions'),
  /** One child's reductions, recording a new one or ending one (the target is the child). */
  manageReductions: action<MunicipalityStaffUser>('fee.manageReductions', childOfMunicipality),
};
