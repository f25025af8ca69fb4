// The mails of the 予約 tab, queued in the booking's own transaction: to the guardian 「仮予約を
// 受け付けました」, to the facility's staff 「新しい予約（仮予約）があります」 (no health data, and
// no name of the child: the staff read the booking on their own screens).
import { sql, type RawBuilder } from 'kysely';
import { composeMail, type Mail } from '../platform/mail/compose.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import type { TimeRange } from '../platform/time.ts';
import { cancellationDeadline } from './rules.ts';
import { atText, bookingTexts, clockRange, deadlineRule } from './booking-texts.ts';
import type { ReservationKind } from './tables.ts';

const t = bookingTexts('ja');

export function when(time: TimeRange): string {
  return `${time.date.format('ja', { weekday: true })} ${clockRange(time.startMinute, time.endMinute, 'ja')}`;
}

export interface BookingMailFacts {
  facilityName: string;
  childName: string;
  kind: ReservationKind;
  /** The booked dates and times (one, or a series' dates). */
  times: TimeRange[];
  /** Dates of a series that could not be booked, with the reason in words. */
  refused?: Array<{ time: TimeRange; reason: string }>;
  pickup?: string | undefined;
  cancelMinutesBeforeDay: number;
  /** The done page, to see the booking again. */
  link: string;
}

export function provisionalBookingMail(to: string, f: BookingMailFacts) {
  const series = f.kind === 'regular';
  const dates = series ? `予約した日程（${f.times.length}回）：\n${f.times.map(when).join('\n')}` : `日時：${when(f.times[0]!)}`;
  return composeMail(to, '【つうえん】仮予約を受け付けました', [
    `${f.facilityName}の${t.kinds[f.kind]}の仮予約を受け付けました。`,
    `施設：${f.facilityName}\nお子さま：${f.childName}\n予約種別：${t.kinds[f.kind]}\n${dates}${f.pickup ? `\nお迎えに来られる方：${f.pickup}` : ''}`,
    ...(f.refused && f.refused.length > 0 ? [`予約できなかった日：\n${f.refused.map((r) => `${when(r.time)}（${r.reason}）`).join('\n')}`] : []),
    'この段階では「仮予約」です。施設が確認・確定すると、予約完了のメールが届きます。',
    f.kind === 'interview'
      ? '面談の日時に来られなくなったときは、早めに施設へご連絡ください。'
      : series || f.times.length !== 1
        ? `キャンセルの期限は${deadlineRule(f.cancelMinutesBeforeDay, 'ja')}です。期限を過ぎたキャンセル（当日のキャンセルを含む）や連絡のない欠席は、予約した時間が利用可能時間から消費されます。`
        : `キャンセルの期限は${atText(cancellationDeadline(f.times[0]!.date, f.cancelMinutesBeforeDay), 'ja')}です。期限を過ぎたキャンセル（当日のキャンセルを含む）や連絡のない欠席は、予約した時間が利用可能時間から消費されます。`,
    { label: '予約の内容は、次のページで確認できます。', link: f.link },
  ]);
}

export function facilityNewBookingMail(to: string, f: { kind: ReservationKind; times: TimeRange[]; link: string }) {
  return composeMail(to, '【つうえん】新しい予約（仮予約）があります', [
    `${t.kinds[f.kind]}の仮予約が入りました。確認して、確定または辞退してください。`,
    `予約種別：${t.kinds[f.kind]}\n${f.times.length === 1 ? `日時：${when(f.times[0]!)}` : `日程（${f.times.length}回）：\n${f.times.map(when).join('\n')}`}`,
    { label: 'お子さまの情報と予約の内容は、施設の画面で確認できます。', link: f.link },
  ]);
}

/** A mail's outbox columns as SQL values; `to` is a value or a column of the rows it is selected from. */
function outboxColumns(municipalityId: string, mail: Mail, to: RawBuilder<string>, now: Date) {
  return [
    sql<string>`${municipalityId}::uuid`.as('municipality_id'),
    to.as('to_address'),
    sql<string>`${mail.subject}::text`.as('subject'),
    sql<string>`${mail.text}::text`.as('text_body'),
    sql<string>`${mail.html}::text`.as('html_body'),
    sql<Date>`${now}::timestamptz`.as('next_attempt_at'),
    sql<Date>`${now}::timestamptz`.as('created_at'),
  ];
}

/**
 * Both mails, in the transaction `tx` that made the booking(s), in one statement: the staff's mail
 * is the same for each of them, so their addresses are read where it is written.
 */
export async function queueBookingMails(tx: Db, clock: Clock, municipalityId: string, guardian: string, facilityId: string, facts: BookingMailFacts, facilityLink: string): Promise<void> {
  const now = clock.now();
  const toStaff = facilityNewBookingMail('', { kind: facts.kind, times: facts.times, link: facilityLink });
  await tx
    .insertInto('mail_outbox')
    .columns(['municipality_id', 'to_address', 'subject', 'text_body', 'html_body', 'next_attempt_at', 'created_at'])
    .expression(
      tx
        .selectNoFrom(outboxColumns(municipalityId, provisionalBookingMail(guardian, facts), sql<string>`${guardian}::text`, now))
        .unionAll(
          tx
            .selectFrom('users as u')
            .select(outboxColumns(municipalityId, toStaff, sql.ref<string>('u.email'), now))
            .where('u.role', '=', 'facility_staff')
            .where('u.facility_id', '=', facilityId),
        ),
    )
    .execute();
}
