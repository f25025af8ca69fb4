// The mails the facility's booking decisions send the guardian, each queued in the transaction that
// makes the decision (so a mail goes out if and only if the decision is committed). Mails are
// Japanese, as every mail of the service.
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { composeMail } from '../platform/mail/compose.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { CalendarDate, TimeRange, formatMinuteOfDay } from '../platform/time.ts';
import { offerOf } from './queries.ts';
import { cancellationDeadline } from './rules.ts';
import type { ReservationKind } from './tables.ts';

const KIND: Record<ReservationKind, string> = { interview: '初回面談', regular: '定期利用', flexible: '柔軟利用' };

/** 2026年12月1日(火) 09:00〜12:00 */
export function whenText(time: TimeRange): string {
  return `${time.date.format('ja', { weekday: true })} ${formatMinuteOfDay(time.startMinute)}〜${formatMinuteOfDay(time.endMinute)}`;
}

/** An instant as 2026年11月30日(月) 23:59 style, in Tokyo. */
export function instantText(at: Date): string {
  const date = CalendarDate.inTokyo(at);
  return `${date.format('ja', { weekday: true })} ${formatMinuteOfDay(Math.round((at.getTime() - date.startOfDay().getTime()) / 60_000))}`;
}

interface BookingForMail {
  to: string;
  municipalityId: string;
  facility: { name: string; phone: string };
  child: string;
  kind: ReservationKind;
  time: TimeRange;
  pickup: string;
  reason: string;
  deadline: Date;
}

async function bookingForMail(tx: Db, reservationId: string): Promise<BookingForMail> {
  const row = await tx
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .innerJoin('users as g', 'g.id', 'c.guardian_id')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .select(['g.email', 'r.municipality_id', 'f.id as facility_id', 'f.name as facility_name', 'f.phone as facility_phone', 'c.name as child_name', 'r.kind', 'r.starts_at', 'r.ends_at'])
    .select(['r.pickup_name', 'r.pickup_relationship', 'r.pickup_phone', 'r.decline_reason'])
    .where('r.id', '=', reservationId)
    .executeTakeFirstOrThrow();
  const time = TimeRange.fromInstants(row.starts_at, row.ends_at);
  const offer = await offerOf(tx, row.facility_id);
  return {
    to: row.email,
    municipalityId: row.municipality_id,
    facility: { name: row.facility_name, phone: row.facility_phone },
    child: row.child_name,
    kind: row.kind,
    time,
    pickup: row.pickup_name ? `${row.pickup_name}${row.pickup_relationship ? `（${row.pickup_relationship}）` : ''}${row.pickup_phone ? ` ${row.pickup_phone}` : ''}` : '',
    reason: row.decline_reason,
    deadline: cancellationDeadline(time.date, offer.cancelMinutesBeforeDay),
  };
}

function details(b: BookingForMail): string {
  return [
    `施設：${b.facility.name}`,
    `お子さま：${b.child}さん`,
    `予約種別：${KIND[b.kind]}`,
    `日時：${whenText(b.time)}`,
    ...(b.pickup ? [`お迎えに来られる方：${b.pickup}`] : []),
    `施設の電話番号：${b.facility.phone}`,
  ].join('\n');
}

function deadlineParts(b: BookingForMail): string[] {
  return [
    `キャンセルの期限：${instantText(b.deadline)}まで`,
    '期限までにキャンセルすると、利用可能時間は戻ります。期限を過ぎてからのキャンセルや連絡のないお休みは、利用した時間として数えられます。キャンセルやお迎えの時間の変更は、つうえんの予約一覧から、または施設へお電話でお知らせください。',
  ];
}

export type DecisionMailKind = 'confirmed' | 'declined' | 'cancelled' | 'phone';

/** Queues the guardian's mail about a booking the facility has just confirmed, declined, cancelled or entered by phone. */
export async function queueBookingMail(tx: Db, clock: Clock, reservationId: string, kind: DecisionMailKind): Promise<void> {
  const b = await bookingForMail(tx, reservationId);
  const mail = (() => {
    switch (kind) {
      case 'confirmed':
        return composeMail(b.to, '【つうえん】予約確定のお知らせ', [
          `${b.facility.name}が、${b.child}さんの${KIND[b.kind]}の予約を確定しました。`,
          details(b),
          ...deadlineParts(b),
        ]);
      case 'phone':
        return composeMail(b.to, '【つうえん】施設が予約を登録しました（予約確定のお知らせ）', [
          `お電話でのお申し込みにより、${b.facility.name}が保護者さまに代わって${b.child}さんの${KIND[b.kind]}の予約を登録し、確定しました。`,
          details(b),
          ...deadlineParts(b),
          'お申し込みに心当たりがない場合や、内容が違う場合は、施設へお電話でお知らせください。',
        ]);
      case 'declined':
        return composeMail(b.to, '【つうえん】予約をお受けできませんでした', [
          `${b.facility.name}は、${b.child}さんの${KIND[b.kind]}の予約（${whenText(b.time)}）をお受けできませんでした（辞退）。`,
          `施設からの理由：\n${b.reason}`,
          'この予約の時間は、利用可能時間に数えられません。',
          `これからのこと：つうえんの施設の「予約」タブから、別の日時を選んでもう一度予約してください。ご希望に合う枠がない場合は、施設へ直接お問い合わせください（電話：${b.facility.phone}）。`,
        ]);
      case 'cancelled':
        return composeMail(b.to, '【つうえん】施設の都合による予約取り消しのお知らせ', [
          `${b.facility.name}の都合により、${b.child}さんの${KIND[b.kind]}の予約（${whenText(b.time)}）を取り消しました。ご迷惑をおかけします。`,
          `施設からの理由：\n${b.reason}`,
          'この予約の時間は、利用可能時間に数えられません（利用可能時間は戻っています）。',
          `別の日時をご希望の場合は、つうえんの施設の「予約」タブから予約するか、施設へお問い合わせください（電話：${b.facility.phone}）。`,
        ]);
    }
  })();
  await queueMail(tx, clock, mail, b.municipalityId);
}

/** Queues 「利用承認のお知らせ」, or the reason the facility did not approve, after a first interview. */
export async function queueApprovalMail(tx: Db, clock: Clock, facilityId: string, childId: string, approved: boolean, reason: string): Promise<void> {
  const row = await tx
    .selectFrom('children as c')
    .innerJoin('users as g', 'g.id', 'c.guardian_id')
    .select(['g.email', 'c.name', 'c.municipality_id'])
    .where('c.id', '=', childId)
    .executeTakeFirstOrThrow();
  const facility = await tx.selectFrom('facilities').select(['name', 'phone']).where('id', '=', facilityId).executeTakeFirstOrThrow();
  const mail = approved
    ? composeMail(row.email, '【つうえん】利用承認のお知らせ', [
        `${facility.name}は、初回面談の結果、${row.name}さんの利用を承認しました。`,
        `これから、${facility.name}で定期利用・柔軟利用を予約できます。つうえんにログインし、「施設を探す」→「面談・利用歴からさがす」から${facility.name}を選び、「予約」タブから予約してください。`,
        ...(reason ? [`施設からのお知らせ：\n${reason}`] : []),
        `施設の電話番号：${facility.phone}`,
      ])
    : composeMail(row.email, '【つうえん】初回面談の結果のお知らせ', [
        `${facility.name}は、初回面談の結果、${row.name}さんの利用を承認しませんでした。このため、${facility.name}で定期利用・柔軟利用の予約はできません。`,
        `施設からの理由：\n${reason}`,
        `ご不明な点は、施設へお問い合わせください（電話：${facility.phone}）。ほかの施設を利用する場合は、その施設で初回面談を予約してください。`,
      ]);
  await queueMail(tx, clock, mail, row.municipality_id);
}
