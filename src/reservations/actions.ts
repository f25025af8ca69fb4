// What each user may do with bookings. A guardian books and cancels for their own children; a
// facility's staff take bookings by phone, confirm, decline or cancel bookings at their facility,
// and record the outcome of a first interview there.
import { action, found, type FacilityStaffUser, type GuardianUser } from '../platform/access.ts';
import type { Db } from '../platform/database.ts';

const ownChild = (db: Db, user: GuardianUser, id: string) =>
  found(db.selectFrom('children').select('id').where('id', '=', id).where('guardian_id', '=', user.id));
const ownChildsReservation = (db: Db, user: GuardianUser, id: string) =>
  found(db.selectFrom('reservations as r').innerJoin('children as c', 'c.id', 'r.child_id').select('r.id').where('r.id', '=', id).where('c.guardian_id', '=', user.id));
const reservationHere = (db: Db, user: FacilityStaffUser, id: string) =>
  found(db.selectFrom('reservations').select('id').where('id', '=', id).where('facility_id', '=', user.facilityId));
/** A child with a first interview booked at the staff's facility. */
const interviewedHere = (db: Db, user: FacilityStaffUser, id: string) =>
  found(db.selectFrom('reservations').select('id').where('child_id', '=', id).where('facility_id', '=', user.facilityId).where('kind', '=', 'interview'));
const anyFacility = (db: Db, _user: GuardianUser, id: string) => found(db.selectFrom('facilities').select('id').where('id', '=', id));
const ownChildsSeries = (db: Db, user: GuardianUser, id: string) =>
  found(db.selectFrom('reservation_series as s').innerJoin('children as c', 'c.id', 's.child_id').select('s.id').where('s.id', '=', id).where('c.guardian_id', '=', user.id));
const ownSlot = (db: Db, user: FacilityStaffUser, id: string) =>
  found(db.selectFrom('slots').select('id').where('id', '=', id).where('facility_id', '=', user.facilityId));
const ownTemplate = (db: Db, user: FacilityStaffUser, id: string) =>
  found(db.selectFrom('slot_templates').select('id').where('id', '=', id).where('facility_id', '=', user.facilityId));

export const reservationActions = {
  /** The target is the child; bookSlot checks the slot itself in its transaction. */
  book: action<GuardianUser>('reservation.book', ownChild),
  cancel: action<GuardianUser>('reservation.cancel', ownChildsReservation),
  /** The 予約 tab of any facility (whether this family may book there is said on the tab itself). */
  bookingTab: action<GuardianUser>('reservation.bookingTab', anyFacility),
  /** The page after booking: one booking, or a 定期利用 series, of the guardian's own children. */
  readBooking: action<GuardianUser>('reservation.readBooking', ownChildsReservation),
  readSeries: action<GuardianUser>('reservation.readSeries', ownChildsSeries),
  /** Taking a booking by phone into one of the facility's slots (the target is the slot). */
  bookForFamily: action<FacilityStaffUser>('reservation.bookForFamily', ownSlot),
  cancelAtFacility: action<FacilityStaffUser>('reservation.cancelAtFacility', reservationHere),
  confirm: action<FacilityStaffUser>('reservation.confirm', reservationHere),
  decline: action<FacilityStaffUser>('reservation.decline', reservationHere),
  recordInterviewOutcome: action<FacilityStaffUser>('reservation.recordInterviewOutcome', interviewedHere),
  /**
   * The facility's booking setup (予約の設定, templates, closed days, slot list): its own
   * facility's rows only, by user.facilityId in every query. A closed day is named by its date
   * within the facility, so it needs no target of its own.
   */
  setupAtFacility: action<FacilityStaffUser>('reservation.setupAtFacility'),
  deleteTemplate: action<FacilityStaffUser>('reservation.deleteTemplate', ownTemplate),
  withdrawSlot: action<FacilityStaffUser>('reservation.withdrawSlot', ownSlot),
};
