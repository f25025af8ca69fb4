import { composeMail } from '../platform/mail/compose.ts';
import { formatJapaneseDate } from '../platform/clock.ts';
import { TimeRange, type CalendarDate } from '../platform/time.ts';
import { formatMinutes, kindLabels } from '../reservations/setup-texts.ts';
import type { ReservationKind } from '../reservations/tables.ts';

export function applicationLinkMail(to: string, municipalityName: string, link: string) {
  return composeMail(to, '【つうえん】利用申請のご案内', [
    `${municipalityName}への「こども誰でも通園制度」の利用申請を受け付けるため、申請用のURLをお送りします。`,
    { label: '次のURLを開いて、申請画面から保護者とお子さまの情報を入力してください。', link },
    'このURLの有効期限は24時間です。一度申請を送信すると、同じURLは使えなくなります。',
    '有効期限が切れた場合は、もう一度「まずは利用申請から！」からメールアドレスを入力してください。',
  ]);
}

export function applicationReceivedMail(to: string, municipalityName: string, reference: string) {
  return composeMail(to, '【つうえん】利用申請を受け付けました', [
    `${municipalityName}への利用申請を受け付けました。`,
    `受付番号：${reference}`,
    `これから${municipalityName}で審査を行います。審査が終わると、このメールアドレスに「アカウント発行のお知らせ」が届きます。お問い合わせの際は、受付番号をお伝えください。`,
  ]);
}

export function accountIssuedMail(
  to: string,
  municipalityName: string,
  children: Array<{ name: string; certificationNumber: string; validFrom: string; validUntil: string }>,
  passwordResetLink: string,
  loginLink: string,
) {
  return composeMail(to, '【つうえん】アカウント発行のお知らせ', [
    `${municipalityName}での審査が完了し、こども誰でも通園制度の利用認定（乳児等支援給付認定）を行いました。つうえんのアカウントを発行しました。`,
    `ログインID：${to}`,
    ...children.map(
      (c) =>
        `お子さま：${c.name}\n認定番号：${c.certificationNumber}\n認定の有効期間：${formatJapaneseDate(c.validFrom)}～${formatJapaneseDate(c.validUntil)}`,
    ),
    { label: 'はじめに、次の「パスワードリセット申請」画面でこのメールアドレスを入力し、パスワードを登録してください。', link: passwordResetLink },
    { label: 'パスワードの登録後は、次のログイン画面からログインできます。', link: loginLink },
  ]);
}

export function applicationRejectedMail(to: string, municipalityName: string, reference: string, reason: string) {
  return composeMail(to, '【つうえん】利用申請の審査結果のお知らせ', [
    `受付番号 ${reference} の利用申請について、${municipalityName}で審査を行いましたが、今回は認定できませんでした。`,
    `理由：\n${reason}`,
    `ご不明な点は${municipalityName}の担当窓口へお問い合わせください。`,
  ]);
}

export interface CertificationEndedNotice {
  childName: string;
  lastDay: CalendarDate;
  bookings: Array<{ facilityName: string; kind: ReservationKind; startsAt: Date; endsAt: Date }>;
}

/** To the guardian: the child's certification ends earlier than its term, and the bookings after it are cancelled. */
export function certificationEndedMail(to: string, notice: CertificationEndedNotice) {
  const lastDay = notice.lastDay.format('ja', { weekday: true });
  const lines = notice.bookings.map((b) => {
    const time = TimeRange.fromInstants(b.startsAt, b.endsAt);
    return `・${time.date.format('ja', { weekday: true })} ${formatMinutes(time.startMinute, time.endMinute, 'ja')} ${b.facilityName}（${kindLabels.ja[b.kind]}）`;
  });
  return composeMail(to, '【つうえん】乳児等支援給付認定の終了のお知らせ', [
    `${notice.childName}さんの乳児等支援給付認定は、${lastDay}で終了します。`,
    lines.length > 0
      ? `そのため、${lastDay}より後の次の予約を取り消しました。取り消した時間は、お子さまの利用可能時間に数えません。\n${lines.join('\n')}`
      : `${lastDay}より後の予約はありませんでした。`,
    `${lastDay}までは、これまでどおり予約・利用できます。`,
    'お心当たりのない場合や、ご不明な点は、お住まいの市区町村の担当窓口にお問い合わせください。',
  ]);
}

export interface CertificationChangeNotice {
  childName: string;
  from: CalendarDate;
  name?: string | undefined;
  nameKana?: string | undefined;
  validUntil?: CalendarDate | undefined;
}

/** To the guardian: a change to the child's certification, and the month it applies from. */
export function certificationChangeMail(to: string, notice: CertificationChangeNotice) {
  const from = `${notice.from.year}年${notice.from.month}月1日`;
  const lines = [
    notice.name !== undefined ? `・お子さまの氏名：${notice.name}` : '',
    notice.nameKana !== undefined ? `・フリガナ：${notice.nameKana}` : '',
    notice.validUntil !== undefined ? `・認定の最後の日：${notice.validUntil.format('ja', { weekday: true })}` : '',
  ].filter(Boolean);
  return composeMail(to, '【つうえん】乳児等支援給付認定の変更のお知らせ', [
    `${notice.childName}さんの乳児等支援給付認定の内容を、${from}から次のとおり変更します。\n${lines.join('\n')}`,
    `${from}より前は、これまでの内容のままです。予約や利用はこれまでどおりできます。`,
    'お心当たりのない場合や、ご不明な点は、お住まいの市区町村の担当窓口にお問い合わせください。',
  ]);
}
