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
/** A request for a different pick-up time at the staff's facility. */
const changeRequestHere = (db: Db, user: FacilityStaffUser, id: string) =>
  found(db.selectFrom('pickup_change_requests').select('id').where('id', '=', id).where('facility_id', '=', user.facilityId));
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
  /** 予約一覧: the guardian's own children's bookings (the list filters by guardian_id). */
  listOwn: action<GuardianUser>('reservation.listOwn'),
  /** Asking for a different pick-up time, or withdrawing the request (the target is the booking). */
  requestPickupChange: action<GuardianUser>('reservation.requestPickupChange', ownChildsReservation),
  /** The facility's open pick-up change requests (the list filters by facility_id). */
  listPickupChanges: action<FacilityStaffUser>('reservation.listPickupChanges'),
  /** Accepting or refusing one (the target is the request). */
  decidePickupChange: action<FacilityStaffUser>('reservation.decidePickupChange', changeRequestHere),
  /** 予約受付, 日別の予約, the children interviewed here: lists filtered by the staff's facility in their queries. */
  listAtFacility: action<FacilityStaffUser>('reservation.listAtFacility'),
  /** One booking at the staff's facility. */
  readAtFacility: action<FacilityStaffUser>('reservation.readAtFacility', reservationHere),
  /**
   * 電話予約: finding a child by 認定番号 and birth date (both must match; only the name is shown),
   * before any booking exists at the facility. The booking itself is bookForFamily.
   */
  findChildForPhoneBooking: action<FacilityStaffUser>('reservation.findChildForPhoneBooking'),
};
