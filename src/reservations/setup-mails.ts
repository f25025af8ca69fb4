// Mails of the facility's booking setup, queued in the transaction that makes the change.
import { composeMail } from '../platform/mail/compose.ts';
import type { CalendarDate } from '../platform/time.ts';
import { formatMinutes, kindLabels } from './setup-texts.ts';
import type { ReservationKind } from './tables.ts';

export interface ClosedDayNotice {
  facilityName: string;
  facilityPhone: string;
  date: CalendarDate;
  reason: string;
  bookings: Array<{ childName: string; kind: ReservationKind; startMinute: number; endMinute: number }>;
}

/** To a guardian whose bookings on a day the facility closed were cancelled by the facility. */
export function closedDayMail(to: string, notice: ClosedDayNotice) {
  const date = notice.date.format('ja', { weekday: true });
  return composeMail(to, `【つうえん】休園のため予約を取り消しました（${date}）`, [
    `${notice.facilityName}は、${date}を休園日にしました。`,
    `休園の理由：${notice.reason}`,
    `そのため、次の予約を取り消しました。\n${notice.bookings.map((b) => `・${b.childName}さん ${date} ${formatMinutes(b.startMinute, b.endMinute, 'ja')}（${kindLabels.ja[b.kind]}）`).join('\n')}`,
    '施設の都合による取消のため、取り消した予約の時間は、お子さまの利用可能時間に数えません。',
    '別の日の予約は、つうえんの施設の「予約」からお申し込みください。',
    `ご不明な点は、${notice.facilityName}（電話：${notice.facilityPhone}）にお問い合わせください。`,
  ]);
}
