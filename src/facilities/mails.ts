import { composeMail } from '../platform/mail/compose.ts';
import { TimeRange } from '../platform/time.ts';
import { formatMinutes, kindLabels } from '../reservations/setup-texts.ts';
import type { ReservationKind } from '../reservations/tables.ts';

/** To a facility's new staff member: the login ID, and the way to set a first password. */
export function facilityStaffAccountMail(to: string, municipalityName: string, facilityName: string, passwordResetLink: string, loginLink: string) {
  return composeMail(to, '【つうえん】施設職員アカウント発行のお知らせ', [
    `${municipalityName}が、${facilityName}の職員として、つうえんのアカウントを発行しました。`,
    `ログインID：${to}`,
    { label: 'はじめに、次の「パスワードリセット申請」画面でこのメールアドレスを入力し、パスワードを登録してください。', link: passwordResetLink },
    'パスワードは、10文字以上で、大文字・小文字・数字・記号のうち3種類以上を含めてください。',
    { label: 'パスワードの登録後は、次のログイン画面からログインできます。', link: loginLink },
    `お心当たりのない場合は、${municipalityName}の担当窓口へお問い合わせください。`,
  ]);
}

export interface DesignationCancelNotice {
  facilityName: string;
  facilityPhone: string;
  bookings: Array<{ childName: string; kind: ReservationKind; startsAt: Date; endsAt: Date }>;
}

/** To a guardian whose bookings fell after the end of the facility's 確認 and were cancelled. */
export function designationCancelMail(to: string, notice: DesignationCancelNotice) {
  const lines = notice.bookings.map((b) => {
    const time = TimeRange.fromInstants(b.startsAt, b.endsAt);
    return `・${b.childName}さん ${time.date.format('ja', { weekday: true })} ${formatMinutes(time.startMinute, time.endMinute)}（${kindLabels.ja[b.kind]}）`;
  });
  return composeMail(to, `【つうえん】${notice.facilityName}の予約を取り消しました`, [
    `${notice.facilityName}は、こども誰でも通園制度の施設としての確認が終了するため、終了後の日の予約を受け付けられなくなりました。`,
    `そのため、次の予約を取り消しました。\n${lines.join('\n')}`,
    '施設の事情による取消のため、取り消した予約の時間は、お子さまの利用可能時間に数えません。',
    'ほかの施設の予約は、つうえんの「施設をさがす」からお申し込みください。',
    `ご不明な点は、${notice.facilityName}（電話：${notice.facilityPhone}）またはお住まいの市区町村にお問い合わせください。`,
  ]);
}
