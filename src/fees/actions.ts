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

/** The guardian's own child. */
const ownChild = (db: Db, user: GuardianUser, id: string) => found(db.selectFrom('children').select('id').where('id', '=', id).where('guardian_id', '=', user.id));
/** An application (利用料減免の申請) made in the staff's municipality. */
const applicationOfMunicipality = (db: Db, user: MunicipalityStaffUser, id: string) =>
  found(db.selectFrom('fee_reduction_applications').select('id').where('id', '=', id).where('municipality_id', '=', user.municipalityId));
/** An evidence file of an application made in the staff's municipality. */
const evidenceOfMunicipality = (db: Db, user: MunicipalityStaffUser, id: string) =>
  found(db.selectFrom('fee_reduction_evidence').select('id').where('id', '=', id).where('municipality_id', '=', user.municipalityId));

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
  /** 利用料減免の申請: the guardian's own applications and children's reductions (filtered by guardian_id). */
  readOwnReductions: action<GuardianUser>('fee.readOwnReductions'),
  /** Applying for one of the guardian's own children (the target is the child). */
  applyForReduction: action<GuardianUser>('fee.applyForReduction', ownChild),
  /** An application made in the staff's municipality: reading it, approving or refusing it. */
  decideReductionApplication: action<MunicipalityStaffUser>('fee.decideReductionApplication', applicationOfMunicipality),
  /** Downloading one of its evidence files (要配慮個人情報: municipality staff only, every read logged). */
  readReductionEvidence: action<MunicipalityStaffUser>('fee.readReductionEvidence', evidenceOfMunicipality),
};
