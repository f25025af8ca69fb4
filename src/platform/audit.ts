// The audit log: who did what to which record, and when. An entry is written with the transaction
// that makes the change (pass `tx`), so a change never lacks its entry and a rolled-back change
// leaves none. Every action is named here with the kind of record it acts on; a name that is not
// listed does not compile, and the stored names are what reports and tests search for.
import type { Db } from './database.ts';

/** Each action → the kind of record its subject id names (stored as subject_type). */
export const AUDIT_ACTIONS = {
  /** A facility's staff opened a child's allergies and health. */
  'child.sensitive.read': 'child',
  'application.approve': 'application',
  'application.reject': 'application',
  'facility.create': 'facility',
  'facility.update': 'facility',
  /** A municipality's staff issued a login for a facility's staff. */
  'facility.staff.create': 'user',
  /** A user switched the mailed one-time password at login on, or off. */
  'account.two_factor.enable': 'user',
  'account.two_factor.disable': 'user',
  /** Reservations (guide steps 6–7): a booking made, cancelled (in time or late), confirmed or declined. */
  'reservation.book': 'reservation',
  'reservation.cancel': 'reservation',
  'reservation.confirm': 'reservation',
  'reservation.decline': 'reservation',
  /** 予約一覧: a guardian asked for a different pick-up time, or withdrew the request; the facility accepted (the end moved) or refused it. */
  'reservation.pickup_change.request': 'reservation',
  'reservation.pickup_change.withdraw': 'reservation',
  'reservation.pickup_change.accept': 'reservation',
  'reservation.pickup_change.refuse': 'reservation',
  /** A 定期利用 series booked in one submit (its dates are booked one by one, each with reservation.book). */
  'reservation.series.book': 'reservation_series',
  /** A facility's decision after a first interview: approved for use there, or not. */
  'child.facility_approval.record': 'child',
  /** A facility's booking setup: its offer (予約の設定), slot templates, closed days, withdrawn slots. */
  'facility.offer.update': 'facility',
  'facility.slot_template.create': 'slot_template',
  'facility.slot_template.delete': 'slot_template',
  'facility.closed_day.add': 'facility',
  'facility.closed_day.remove': 'facility',
  'slot.withdraw': 'slot',
  /** A booking cancelled by the facility because it closed that day (its hours freed). */
  'reservation.cancel.facility_closed': 'reservation',
  /** A municipality recorded a change of a facility's 認可・確認 (licence, confirmation, business type). */
  'facility.designation.record': 'facility',
  /** A booking cancelled because the facility's 確認 ended before its day (its hours freed). */
  'reservation.cancel.facility_unconfirmed': 'reservation',
  /** A municipality ended a child's certification before its term (its last day moved earlier). */
  'child.certification.terminate': 'child',
  /** A change to a certification (変更認定) recorded from a later month, withdrawn before it applied, or applied on its month's first day. */
  'child.certification.change': 'child',
  'child.certification.change.withdraw': 'child',
  'child.certification.change.apply': 'child',
  /** A booking cancelled because the child's certification ended before its day (its hours freed). */
  'reservation.cancel.certification_ended': 'reservation',
  /** Support (guide step 9): a municipality's staff replied to an inquiry (mailed to its sender), or marked it answered. */
  'support.inquiry.reply': 'support_inquiry',
  'support.inquiry.answer': 'support_inquiry',
  /** Operators (npm run admin): a municipality added with its first staff login, a reset mail issued for a staff login. */
  'municipality.create': 'municipality',
  'municipality.staff.create': 'user',
  'account.password_reset.issue': 'user',
  /** A municipality's staff changed its settings from a month on (municipality_settings_changes). */
  'municipality.settings.change': 'municipality_settings_change',
  /** Fees (guide step 8): a facility's staff marked a use paid (amount and receipt number fixed). */
  'fee.payment.record': 'reservation',
  /** A municipality's staff recorded a child's fee reduction (利用料減免) from a date, or ended one. */
  'child.fee_reduction.record': 'child',
  'child.fee_reduction.end': 'child',
  /** 利用料減免の申請: a guardian applied with evidence files; the municipality approved (its fee_reductions row) or refused it. */
  'fee_reduction.application.submit': 'fee_reduction_application',
  'fee_reduction.application.approve': 'fee_reduction_application',
  'fee_reduction.application.reject': 'fee_reduction_application',
  /** A municipality's staff downloaded an evidence file (要配慮個人情報): every read is logged. */
  'fee_reduction.evidence.read': 'fee_reduction_evidence',
  /** Attendance (guide step 8): 利用開始 / 利用終了 by QR code, a time recorded or corrected by staff (the reason is in attendance_corrections), 欠席. */
  'attendance.check_in': 'reservation',
  'attendance.check_out': 'reservation',
  'attendance.correct': 'reservation',
  'attendance.no_show': 'reservation',
  /** Claims (給付費請求): a facility submitted or resubmitted a month's claim (lines frozen); the addressed municipality returned it, approved it or recorded its payment. */
  'claim.submit': 'claim',
  'claim.return': 'claim',
  'claim.approve': 'claim',
  'claim.payment.record': 'claim',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** What an action records besides its subject; actions not listed record nothing more. */
interface AuditDetails {
  /** The facility through which the child was read. */
  'child.sensitive.read': { facility_id: string };
  /** The facility the login belongs to. */
  'facility.staff.create': { facility_id: string };
  'facility.designation.record': { designation_id: string };
  'child.certification.terminate': { last_day: string; previous_valid_until: string; reason: 'nursery' | 'moved' | 'other' };
  'reservation.cancel.facility_unconfirmed': { facility_id: string };
  /** The change (certification_changes) and the month it applies from; on apply, the fields it changed. */
  'child.certification.change': { change_id: string; effective_from: string };
  'child.certification.change.withdraw': { change_id: string };
  'child.certification.change.apply': { change_id: string; fields: string[] };
  'reservation.book': { facility_id: string; kind: 'interview' | 'regular' | 'flexible' };
  /** cancelled: the hours were freed; late_cancelled: they were kept. */
  'reservation.cancel': { status: 'cancelled' | 'late_cancelled' };
  /** How many of the series' dates were booked, and how many were refused. */
  'reservation.series.book': { facility_id: string; booked: number; refused: number };
  'child.facility_approval.record': { facility_id: string; approved: boolean };
  'facility.closed_day.add': { date: string };
  'facility.closed_day.remove': { date: string };
  'reservation.cancel.facility_closed': { facility_id: string; date: string };
  /** The request (pickup_change_requests) and the end asked for / given (minutes of the day). */
  'reservation.pickup_change.request': { request_id: string; end_minute: number };
  'reservation.pickup_change.withdraw': { request_id: string };
  'reservation.pickup_change.accept': { request_id: string; end_minute: number };
  'reservation.pickup_change.refuse': { request_id: string };
  /** The 6-digit code, and the first staff login's id. */
  'municipality.create': { code: string; staff_user_id: string };
  /** The month the change takes effect from, and the settings it changes (column names). */
  'municipality.settings.change': { effective_from: string; settings: string[] };
  'fee.payment.record': { facility_id: string; amount_yen: number; receipt_number: string };
  'child.fee_reduction.record': { reduction_id: string; category: string; effective_from: string };
  'child.fee_reduction.end': { reduction_id: string; effective_until: string };
  'fee_reduction.application.submit': { child_id: string; category: string; files: number };
  /** effective_until: the coming 31 August for a tax-based category, else null (open-ended). */
  'fee_reduction.application.approve': { reduction_id: string; category: string; effective_from: string; effective_until: string | null };
  'fee_reduction.evidence.read': { application_id: string };
  'attendance.check_in': { facility_id: string; via: 'qr' };
  'attendance.check_out': { facility_id: string; via: 'qr' };
  'attendance.correct': { facility_id: string };
  'attendance.no_show': { facility_id: string };
  'claim.submit': { facility_id: string; submission: number; total_yen: number };
  'claim.return': { facility_id: string; submission: number };
  'claim.approve': { facility_id: string; submission: number };
  'claim.payment.record': { facility_id: string; paid_on: string; paid_yen: number };
}

type DetailOf<A extends AuditAction> = A extends keyof AuditDetails ? { detail: AuditDetails[A] } : { detail?: undefined };

export type AuditEntry<A extends AuditAction> = {
  action: A;
  /** The user who acted; null for the system itself. */
  actorId: string | null;
  /** Whose log this is: the municipality the subject belongs to. */
  municipalityId: string;
  subjectId: string;
  /** The same moment the change records (decided_at, updated_at …). */
  at: Date;
} & DetailOf<A>;

/** The audit_log row of an entry, for a statement that writes it beside its change. */
export function auditRow<A extends AuditAction>(entry: AuditEntry<A>) {
  // Types stop unknown names at compile time; this stops a cast or a string from elsewhere.
  if (!Object.hasOwn(AUDIT_ACTIONS, entry.action)) throw new Error(`unknown audit action: ${entry.action}`);
  return {
    municipality_id: entry.municipalityId,
    actor_user_id: entry.actorId,
    action: entry.action,
    subject_type: AUDIT_ACTIONS[entry.action],
    subject_id: entry.subjectId,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    at: entry.at,
  };
}

/** Writes one audit entry; call it with the transaction that makes the change. */
export async function audit<A extends AuditAction>(tx: Db, entry: AuditEntry<A>): Promise<void> {
  await tx.insertInto('audit_log').values(auditRow(entry)).execute();
}
