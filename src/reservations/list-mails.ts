// The mails of 予約一覧: a cancellation (to the facility's staff, and a receipt to the guardian),
// and a request for a different pick-up time (to the facility's staff; the answer to the guardian).
// Queued in the transaction that makes the change (change-queries.ts).
import { composeMail } from '../platform/mail/compose.ts';
import type { TimeRange } from '../platform/time.ts';
import { bookingTimeText, clockText, hoursText, kindLabels } from './list-texts.ts';
import type { ReservationKind } from './tables.ts';

export interface MailedBooking {
  time: TimeRange;
  kind: ReservationKind;
}

export interface CancelledLine extends MailedBooking {
  outcome: 'cancelled' | 'late_cancelled';
}

function line(b: MailedBooking): string {
  return `${bookingTimeText(b.time, 'ja')}（${kindLabels.ja[b.kind]}）`;
}

function cancelledLine(b: CancelledLine): string {
  const effect =
    b.kind === 'interview'
      ? 'キャンセル'
      : b.outcome === 'cancelled'
        ? 'キャンセル（利用時間は消費されません）'
        : `当日扱いのキャンセル（${hoursText(b.time.durationMinutes, 'ja')}を消費）`;
  return `・${line(b)}　${effect}`;
}

export function cancelledToFacilityMail(to: string, facilityName: string, childName: string, lines: CancelledLine[], link: string) {
  return composeMail(to, '【つうえん】保護者が予約をキャンセルしました', [
    `${facilityName} ご担当者さま`,
    `${childName}さんの保護者が、次の予約をキャンセルしました。`,
    lines.map(cancelledLine).join('\n'),
    'キャンセル期限を過ぎてからのキャンセルは当日扱いとなり、お子さまの利用時間は消費されたままです。利用枠の空きは戻っています。',
    { label: '施設の業務画面', link },
  ]);
}

/** To the guardian: the cancellation made on 予約一覧, or (byFacility) the 当日キャンセル the facility recorded when told by phone. */
export function cancelReceiptMail(to: string, facilityName: string, childName: string, lines: CancelledLine[], link: string, byFacility = false) {
  const late = lines.some((l) => l.outcome === 'late_cancelled' && l.kind !== 'interview');
  return composeMail(to, '【つうえん】予約のキャンセルを受け付けました', [
    byFacility
      ? `${childName}さんの ${facilityName} の次の予約について、施設が当日キャンセルのご連絡を受け、記録しました。`
      : `${childName}さんの ${facilityName} の次の予約のキャンセルを受け付けました。施設にもお知らせしています。`,
    lines.map(cancelledLine).join('\n'),
    ...(late ? ['当日キャンセル（キャンセル期限を過ぎてからのキャンセル）は、予約した時間が利用可能時間から差し引かれます。'] : []),
    { label: '予約一覧', link },
  ]);
}

export function pickupChangeRequestedMail(to: string, facilityName: string, childName: string, booking: MailedBooking, endMinute: number, message: string, link: string) {
  return composeMail(to, '【つうえん】お迎え時間の変更の申請があります', [
    `${facilityName} ご担当者さま`,
    `${childName}さんの保護者から、お迎え時間（利用の終了時刻）の変更の申請がありました。`,
    `予約：${line(booking)}\n希望するお迎え時間：${clockText(endMinute)}`,
    ...(message ? [`保護者からの連絡事項：\n${message}`] : []),
    '次の画面から、承認またはお断りの回答をしてください。回答は保護者にメールでお知らせします。',
    { label: '変更の申請', link },
  ]);
}

export function pickupChangeWithdrawnMail(to: string, facilityName: string, childName: string, booking: MailedBooking, endMinute: number, link: string) {
  return composeMail(to, '【つうえん】お迎え時間の変更の申請が取り下げられました', [
    `${facilityName} ご担当者さま`,
    `${childName}さんの保護者が、お迎え時間を ${clockText(endMinute)} に変更する申請を取り下げました。予約は変わりません。`,
    `予約：${line(booking)}`,
    { label: '施設の業務画面', link },
  ]);
}

export function pickupChangeAcceptedMail(to: string, facilityName: string, childName: string, booking: MailedBooking, reply: string, link: string) {
  return composeMail(to, '【つうえん】お迎え時間の変更が承認されました', [
    `${facilityName} が、${childName}さんのお迎え時間の変更を承認しました。予約は次のとおりです。`,
    line(booking),
    ...(reply ? [`施設からの回答：\n${reply}`] : []),
    '利用可能時間は、変更後の時間で数え直しました（キャンセル期限を過ぎてからお迎えを早めた場合は、予約どおりの時間が消費されます）。',
    { label: '予約一覧', link },
  ]);
}

export function pickupChangeRefusedMail(to: string, facilityName: string, childName: string, booking: MailedBooking, endMinute: number, reply: string, link: string) {
  return composeMail(to, '【つうえん】お迎え時間の変更をお受けできませんでした', [
    `${facilityName} は、${childName}さんのお迎え時間を ${clockText(endMinute)} に変更する申請をお受けできませんでした。予約は変わりません。`,
    `予約：${line(booking)}`,
    `施設からの回答：\n${reply}`,
    { label: '予約一覧', link },
  ]);
}
