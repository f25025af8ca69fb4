// The words of 予約一覧 (the guardian's bookings), its cancellation and pick-up time change screens,
// and what both sides say about a booking (status, kind, hours).
import { defineTexts, type Lang } from '../platform/i18n.ts';
import { CalendarDate, type TimeRange } from '../platform/time.ts';
import type { ReservationKind, ReservationStatus } from './tables.ts';

/** 180 → 3時間, 210 → 3時間30分, 30 → 30分 (en: 3 h, 3 h 30 min, 30 min). */
export function hoursText(minutes: number, lang: Lang): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.abs(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (lang === 'ja') return `${sign}${h > 0 || m === 0 ? `${h}時間` : ''}${m > 0 ? `${m}分` : ''}`;
  return `${sign}${[h > 0 || m === 0 ? `${h} h` : '', m > 0 ? `${m} min` : ''].filter(Boolean).join(' ')}`;
}

export const listTexts = defineTexts({
  ja: {
    title: '予約一覧',
    lead: 'お子さまの予約の状況と、利用可能時間の使い方です。予約のキャンセルや、お迎え時間の変更の申請もここから行えます。',
    noChildren: '登録されているお子さまはいません。',
    childTabs: 'お子さま',
    childHeading: (name: string) => `${name}さんの予約`,
    // The allowance meter
    allowanceHeading: (month: string) => `${month}の利用可能時間`,
    thisMonth: '今月',
    nextMonth: '来月',
    allowanceLine: (which: string, total: string, used: string, left: string) => `${which}の利用可能時間 ${total} のうち ${used} 使用・残り ${left}`,
    meterLabel: (which: string) => `${which}の利用可能時間の使用状況`,
    bucketLine: (name: string, total: string, used: string, left: string) => `${name}：${total} のうち ${used} 使用・残り ${left}`,
    nationalBucket: '国の制度による時間',
    bucketScope: (kinds: string, ownOnly: boolean) => `（${kinds}${ownOnly ? '・市内の施設のみ' : ''}）`,
    allowanceHow: '利用可能時間の数え方',
    allowanceCounts:
      '仮予約・予約確定の予約と、キャンセル期限を過ぎてからのキャンセル（当日扱い）の時間を数えています。施設が辞退した予約と、期限までにキャンセルした予約の時間は数えません。初回面談は利用時間を使いません。利用可能時間は毎月1日に戻り、余った時間は翌月に繰り越せません。',
    allowanceShared: '利用可能時間は、お子さまが利用するすべての施設で共通です。',
    // The lists
    upcoming: '今後の予約',
    past: '過去の予約',
    showLabel: '表示する予約',
    noUpcoming: '今後の予約はありません。',
    noPast: '過去の予約はありません。',
    pastLimit: (n: number) => `新しいものから${n}件まで表示しています。`,
    findFacility: '施設を探して予約する',
    facility: '施設',
    kind: '予約種別',
    date: '利用日',
    time: '時間',
    status: '状況',
    pickup: 'お迎えに来られる方',
    comment: '施設への連絡事項',
    series: '定期利用',
    seriesWeekly: '毎週',
    seriesBiweekly: '隔週',
    child: 'お子さま',
    noPickup: '（指定なし）',
    pickupValue: (name: string, relationship: string, phone: string) => `${name}（${relationship}）${phone}`,
    declinedBecause: (reason: string) => `施設からの理由：${reason}`,
    changeOpen: (end: string) => `お迎え時間の変更を申請中です（${end} に変更）。施設の回答をお待ちください。`,
    cancel: 'キャンセルする',
    changePickup: 'お迎え時間の変更',
    actionsFor: (what: string) => `${what}の操作`,
    backToList: '予約一覧に戻る',
    // Cancellation
    cancelTitle: '予約のキャンセル',
    cancelLead: '次の予約をキャンセルします。内容を確かめてから「キャンセルする」を押してください。',
    notCancellable: 'この予約はキャンセルできません',
    notCancellableWhy: {
      status: 'この予約はすでにキャンセルされたか、施設が辞退したため、キャンセルする必要はありません。',
      started: 'この予約の利用時間はすでに始まっているか、終わっています。変更がある場合は施設に直接ご連絡ください。',
    },
    freedTitle: '今キャンセルすると、利用時間は消費されません',
    freedText: (deadline: string) => `キャンセル期限は ${deadline} です。期限までのキャンセルでは、この予約の時間は利用可能時間に戻ります。期限を過ぎてからのキャンセルは当日キャンセルとなり、利用時間が消費されます。`,
    lateTitle: '当日キャンセルは利用時間が消費されます',
    lateText: (deadline: string, hours: string) => `この予約のキャンセル期限（${deadline}）を過ぎています。キャンセルしても、予約した ${hours} は今月の利用可能時間から差し引かれたままになります。`,
    interviewNoHours: '初回面談は利用可能時間を使わないため、いつキャンセルしても利用時間には影響しません。',
    facilityMailed: 'キャンセルすると、施設にメールでお知らせし、あなたにも受付のメールをお送りします。',
    scope: 'キャンセルする日',
    scopeOne: (date: string) => `この日（${date}）だけキャンセルする`,
    scopeLater: (n: number) => `この日以降の定期利用（${n}回）をすべてキャンセルする`,
    scopeLaterHint: 'それぞれの日のキャンセル期限で、利用時間が消費されるかどうかが決まります。',
    scopeRequired: 'キャンセルする日を選んでください',
    laterDatesCaption: 'この日以降の定期利用の予約',
    hoursEffect: '利用時間',
    effectFreed: '消費されません',
    effectKept: '当日扱い（時間を消費）',
    effectNone: '利用時間を使いません',
    deadlineColumn: 'キャンセル期限',
    confirmCancel: 'キャンセルする',
    keep: 'キャンセルしないで戻る',
    // Cancellation result
    cancelledTitle: 'キャンセルしました',
    cancelledLead: '次の予約をキャンセルしました。施設にはメールでお知らせしました。受付のメールもお送りしました。',
    cancelledCaption: 'キャンセルした予約',
    resultFreed: 'キャンセル（利用時間は消費されません）',
    resultKept: 'キャンセル（当日扱い・時間を消費）',
    deadlinePassedTitle: 'キャンセル期限を過ぎていたため、当日キャンセルになりました',
    deadlinePassedText: (deadline: string) => `確認画面を表示したあと、お手続きの途中でキャンセル期限（${deadline}）を過ぎました。このため、この予約は当日キャンセルとなり、予約した時間は利用可能時間から差し引かれます。`,
    nothingCancelled: 'キャンセルされた予約はありません。',
    // Pick-up time change
    changeTitle: 'お迎え時間の変更',
    changeLead: 'お迎えの時刻（利用の終了時刻）の変更を施設に申請します。施設が承認すると、予約の終了時刻が変わります。',
    currentBooking: '現在の予約',
    newEnd: '新しいお迎え時間（終了時刻）',
    newEndHint: (slot: string, current: string) => `この利用枠は ${slot} です。利用は開始から1時間以上、30分単位です。現在の終了時刻は ${current} です。`,
    newEndRequired: '新しいお迎え時間を選んでください',
    newEndInvalid: '選べるお迎え時間の中から選んでください',
    newEndOverAllowance: (left: string) => `この時間まで延長すると、利用可能時間（残り ${left}）を超えます。短い時間を選んでください`,
    message: '施設への連絡事項',
    messageHint: '変更の理由など（500文字まで）',
    messageTooLong: '連絡事項は500文字以内で入力してください',
    changeRules: '施設が承認すると、延長した分は利用可能時間から差し引かれ、早めた分は戻ります。ただし、キャンセル期限を過ぎてからお迎えを早めても、利用時間は予約どおり消費されます。',
    changeRulesDeadline: (deadline: string) => `この予約のキャンセル期限：${deadline}`,
    submitChange: '変更を申請する',
    changeSent: '変更を申請しました。施設にメールでお知らせしました。施設の回答はメールでお知らせします。',
    changeWithdrawn: '変更の申請を取り下げました。',
    openRequestTitle: 'お迎え時間の変更を申請中です',
    openRequestText: (end: string, at: string) => `${at} に、お迎え時間を ${end} に変更するよう申請しました。施設の回答をお待ちください。`,
    openRequestMessage: (message: string) => `連絡事項：${message}`,
    withdraw: '申請を取り下げる',
    alreadyOpen: 'この予約には、回答待ちの変更申請がすでにあります。取り下げてから、もう一度申請してください。',
    lastDecision: '前回の申請',
    lastAccepted: (end: string) => `お迎え時間を ${end} に変更する申請は承認されました。`,
    lastRefused: (end: string) => `お迎え時間を ${end} に変更する申請はお受けできませんでした。`,
    reply: (text: string) => `施設からの回答：${text}`,
    notChangeableTitle: 'この予約のお迎え時間は変更できません',
    notChangeable: {
      status: 'この予約はキャンセルされたか、施設が辞退しています。',
      ended: 'この予約の利用時間は終わっています。',
      interview: '初回面談には保護者が同席するため、お迎え時間の変更はありません。時間の変更は施設に直接ご連絡ください。',
      noSlot: 'この予約は利用枠に結びついていないため、画面からは変更できません。施設に直接ご連絡ください。',
      blocks: 'この施設は時間帯（ブロック）ごとの予約のため、お迎え時間は変えられません。早めのお迎えなどは施設に直接ご連絡ください。',
      noChoice: '変更できるお迎え時間がありません（利用枠の終わりまで、または開始から1時間で予約しています）。施設に直接ご連絡ください。',
    },
  },
  en: {
    title: 'My bookings',
    lead: "Your children's bookings and how much of their monthly allowance is used. You can cancel a booking or ask for a different pick-up time here.",
    noChildren: 'No children are registered.',
    childTabs: 'Children',
    childHeading: (name: string) => `Bookings for ${name}`,
    allowanceHeading: (month: string) => `Allowance for ${month}`,
    thisMonth: 'This month',
    nextMonth: 'Next month',
    allowanceLine: (which: string, total: string, used: string, left: string) => `${which}: ${used} used of ${total}, ${left} left`,
    meterLabel: (which: string) => `${which}: allowance used`,
    bucketLine: (name: string, total: string, used: string, left: string) => `${name}: ${used} used of ${total}, ${left} left`,
    nationalBucket: 'National scheme',
    bucketScope: (kinds: string, ownOnly: boolean) => ` (${kinds}${ownOnly ? '; facilities in the municipality only' : ''})`,
    allowanceHow: 'How the allowance is counted',
    allowanceCounts:
      "Provisional and confirmed bookings count, and so do cancellations after the deadline (same-day cancellations). Bookings the facility declined and bookings cancelled in time do not. First interviews use no allowance. The allowance starts again on the 1st of each month; unused hours do not carry over.",
    allowanceShared: 'The allowance is shared by every facility your child uses.',
    upcoming: 'Upcoming',
    past: 'Past',
    showLabel: 'Bookings shown',
    noUpcoming: 'No upcoming bookings.',
    noPast: 'No past bookings.',
    pastLimit: (n: number) => `The latest ${n} are shown.`,
    findFacility: 'Find a facility and book',
    facility: 'Facility',
    kind: 'Type',
    date: 'Date',
    time: 'Time',
    status: 'Status',
    pickup: 'Picked up by',
    comment: 'Message to the facility',
    series: 'Regular use',
    seriesWeekly: 'weekly',
    seriesBiweekly: 'every other week',
    child: 'Child',
    noPickup: '(not given)',
    pickupValue: (name: string, relationship: string, phone: string) => `${name} (${relationship}) ${phone}`,
    declinedBecause: (reason: string) => `The facility's reason: ${reason}`,
    changeOpen: (end: string) => `You asked to change the pick-up time to ${end}. Waiting for the facility's answer.`,
    cancel: 'Cancel',
    changePickup: 'Change pick-up time',
    actionsFor: (what: string) => `Actions for ${what}`,
    backToList: 'Back to my bookings',
    cancelTitle: 'Cancel a booking',
    cancelLead: 'You are about to cancel this booking. Check it, then press "Cancel".',
    notCancellable: 'This booking cannot be cancelled',
    notCancellableWhy: {
      status: 'This booking has already been cancelled, or the facility declined it.',
      started: 'This booking has already begun or ended. Please contact the facility directly.',
    },
    freedTitle: 'If you cancel now, no hours are used',
    freedText: (deadline: string) => `The cancellation deadline is ${deadline}. Cancelling before it gives the hours back to the allowance. A cancellation after the deadline counts as same-day and uses the hours.`,
    lateTitle: 'A same-day cancellation uses the hours',
    lateText: (deadline: string, hours: string) => `The deadline for this booking (${deadline}) has passed. If you cancel, the ${hours} booked stay deducted from this month's allowance.`,
    interviewNoHours: 'A first interview uses no allowance, so cancelling it never affects your hours.',
    facilityMailed: 'The facility is told by mail, and you receive a receipt by mail.',
    scope: 'Which dates',
    scopeOne: (date: string) => `Only this date (${date})`,
    scopeLater: (n: number) => `This date and every later date of the regular booking (${n})`,
    scopeLaterHint: "Each date's own deadline decides whether its hours are used.",
    scopeRequired: 'Choose which dates to cancel',
    laterDatesCaption: 'This and later dates of the regular booking',
    hoursEffect: 'Hours',
    effectFreed: 'Not used',
    effectKept: 'Same-day (hours used)',
    effectNone: 'Uses no allowance',
    deadlineColumn: 'Deadline',
    confirmCancel: 'Cancel',
    keep: 'Go back without cancelling',
    cancelledTitle: 'Cancelled',
    cancelledLead: 'These bookings are cancelled. The facility has been told by mail, and a receipt was mailed to you.',
    cancelledCaption: 'Cancelled bookings',
    resultFreed: 'Cancelled (no hours used)',
    resultKept: 'Cancelled (same-day, hours used)',
    deadlinePassedTitle: 'The deadline passed, so this is a same-day cancellation',
    deadlinePassedText: (deadline: string) => `The cancellation deadline (${deadline}) passed while you were confirming. The booking is cancelled as same-day, and its hours are deducted from the allowance.`,
    nothingCancelled: 'No booking was cancelled.',
    changeTitle: 'Change the pick-up time',
    changeLead: 'Ask the facility for a different pick-up time (the end of the booking). When the facility accepts, the booking ends at the new time.',
    currentBooking: 'The booking now',
    newEnd: 'New pick-up time (end)',
    newEndHint: (slot: string, current: string) => `This slot is ${slot}. A booking is at least one hour, then in 30-minute steps. It ends at ${current} now.`,
    newEndRequired: 'Choose the new pick-up time',
    newEndInvalid: 'Choose one of the pick-up times offered',
    newEndOverAllowance: (left: string) => `That would exceed the allowance (${left} left). Choose an earlier time`,
    message: 'Message to the facility',
    messageHint: 'Why, for example (up to 500 characters)',
    messageTooLong: 'Keep the message to 500 characters',
    changeRules: 'When the facility accepts, extra time is deducted from the allowance and time given up goes back to it. But picking up earlier after the cancellation deadline still uses the hours as booked.',
    changeRulesDeadline: (deadline: string) => `Cancellation deadline of this booking: ${deadline}`,
    submitChange: 'Send the request',
    changeSent: 'Your request was sent and the facility has been mailed. You will be told the answer by mail.',
    changeWithdrawn: 'Your request was withdrawn.',
    openRequestTitle: 'A pick-up time change is waiting for an answer',
    openRequestText: (end: string, at: string) => `On ${at} you asked to change the pick-up time to ${end}. Please wait for the facility's answer.`,
    openRequestMessage: (message: string) => `Message: ${message}`,
    withdraw: 'Withdraw the request',
    alreadyOpen: 'This booking already has a request waiting for an answer. Withdraw it before asking again.',
    lastDecision: 'Your last request',
    lastAccepted: (end: string) => `Your request to change the pick-up time to ${end} was accepted.`,
    lastRefused: (end: string) => `Your request to change the pick-up time to ${end} could not be accepted.`,
    reply: (text: string) => `The facility's answer: ${text}`,
    notChangeableTitle: 'The pick-up time of this booking cannot be changed',
    notChangeable: {
      status: 'This booking was cancelled, or the facility declined it.',
      ended: 'This booking has ended.',
      interview: 'A guardian attends the first interview, so there is no pick-up time to change. Contact the facility directly to change the time.',
      noSlot: 'This booking is not tied to a slot, so it cannot be changed here. Please contact the facility directly.',
      blocks: 'This facility books fixed blocks, so the pick-up time cannot change. Contact the facility directly to pick up early.',
      noChoice: 'There is no other pick-up time to choose (the booking already runs to the end of the slot, or is one hour long). Please contact the facility directly.',
    },
  },
});

export type ListTexts = ReturnType<typeof listTexts>;

export const kindLabels: Record<'ja' | 'en', Record<ReservationKind, string>> = {
  ja: { interview: '初回面談', regular: '定期利用', flexible: '柔軟利用' },
  en: { interview: 'First interview', regular: 'Regular use', flexible: 'Flexible use' },
};

export const statusLabels: Record<'ja' | 'en', Record<ReservationStatus, string>> = {
  ja: { provisional: '仮予約', confirmed: '予約確定', declined: '辞退', cancelled: 'キャンセル', late_cancelled: 'キャンセル（当日扱い・時間を消費）' },
  en: { provisional: 'Provisional', confirmed: 'Confirmed', declined: 'Declined', cancelled: 'Cancelled', late_cancelled: 'Cancelled (same-day, hours used)' },
};

/** 540 → 9:00 (a time of day as people write it). */
export function clockText(minute: number): string {
  return `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`;
}

/** 2026年12月1日(火) 9:00〜12:00 (en: Tue 1 Dec 2026 9:00–12:00). */
export function bookingTimeText(time: TimeRange, lang: Lang): string {
  return `${time.date.format(lang, { weekday: true })} ${clockText(time.startMinute)}${lang === 'ja' ? '〜' : '–'}${clockText(time.endMinute)}`;
}

/** 9:00〜12:00 */
export function hoursOfDayText(time: TimeRange, lang: Lang): string {
  return `${clockText(time.startMinute)}${lang === 'ja' ? '〜' : '–'}${clockText(time.endMinute)}`;
}

/** An instant in Tokyo as a date with weekday and time: 2026年12月1日(火) 0:00. */
export function momentText(at: Date, lang: Lang): string {
  const date = CalendarDate.inTokyo(at);
  const minute = Math.round((at.getTime() - date.startOfDay().getTime()) / 60_000);
  return `${date.format(lang, { weekday: true })} ${clockText(minute)}`;
}
