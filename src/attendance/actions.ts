// Who may do what with attendance. A guardian records 利用開始 / 利用終了 for their own children's
// bookings (at the facility whose QR code they scanned, checked in the transaction); a facility's
// staff show the QR code, read the day's roster and record or correct times at their facility.
import { action, found, type FacilityStaffUser, type GuardianUser } from '../platform/access.ts';
import type { Db } from '../platform/database.ts';

const ownChildsReservation = (db: Db, user: GuardianUser, id: string) =>
  found(db.selectFrom('reservations as r').innerJoin('children as c', 'c.id', 'r.child_id').select('r.id').where('r.id', '=', id).where('c.guardian_id', '=', user.id));
const reservationHere = (db: Db, user: FacilityStaffUser, id: string) =>
  found(db.selectFrom('reservations').select('id').where('id', '=', id).where('facility_id', '=', user.facilityId));

export const attendanceActions = {
  /**
   * Opening a facility's QR code, or typing its short code: lists the guardian's own children
   * booked there today (the query filters by guardian_id and the facility the code names).
   */
  scan: action<GuardianUser>('attendance.scan'),
  /** 利用開始 / 利用終了 for one of the guardian's own children's bookings. */
  checkInOut: action<GuardianUser>('attendance.checkInOut', ownChildsReservation),
  /** The page after recording, for the guardian's own child's booking. */
  readOwn: action<GuardianUser>('attendance.readOwn', ownChildsReservation),
  /** 「QRコード表示」: the staff's own facility's code (user.facilityId). */
  showCode: action<FacilityStaffUser>('attendance.showCode'),
  /** The day's roster of the staff's facility (filtered by facility_id in its query). */
  roster: action<FacilityStaffUser>('attendance.roster'),
  /** One booking at the staff's facility: its times, history, corrections, 欠席 and 当日キャンセル. */
  recordAtFacility: action<FacilityStaffUser>('attendance.recordAtFacility', reservationHere),
};
