// The words of the guardian's 予約 tab (guide steps 6–7), from STEP1 to the page after 送信.
// Button labels are the guide's own: 適用する, 予約に進む, 了承して先に進む, 確認画面に進む, 予約内容を送信する.
import { defineTexts, type Lang } from '../platform/i18n.ts';
import { CalendarDate, formatMinuteOfDay } from '../platform/time.ts';
import type { Frequency, KindBlock, SeriesProblem } from './booking-queries.ts';
import type { RefusalReason } from './queries.ts';
import type { ReservationKind, ReservationStatus } from './tables.ts';

/** 540 → 9:00 */
export function clock(minute: number): string {
  const text = formatMinuteOfDay(minute);
  return text.startsWith('0') ? text.slice(1) : text;
}

/** 9:00〜12:00 (ja) / 9:00–12:00 (en) */
export function clockRange(start: number, end: number, lang: Lang): string {
  return `${clock(start)}${lang === 'ja' ? '〜' : '–'}${clock(end)}`;
}

/** An instant as a day and a time in Tokyo: 2026年12月3日(木) 9:30 */
export function atText(at: Date, lang: Lang): string {
  const date = CalendarDate.inTokyo(at);
  return `${date.format(lang, { weekday: true })} ${clock(Math.round((at.getTime() - date.startOfDay().getTime()) / 60_000))}`;
}

/** 2026年12月 / Dec 2026 */
export function monthLabel(month: CalendarDate, lang: Lang): string {
  return lang === 'ja' ? `${month.year}年${month.month}月` : `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month.month - 1]} ${month.year}`;
}

/** The cancellation deadline as a rule: 利用日の前日24:00まで, 利用日の2日前の18:00まで … */
export function deadlineRule(minutesBeforeDay: number, lang: Lang): string {
  if (minutesBeforeDay === 0) return lang === 'ja' ? '利用日の前日の24:00（当日0:00）まで' : 'midnight at the start of the day of use';
  const daysBefore = Math.ceil(minutesBeforeDay / 1440);
  const at = clock(daysBefore * 1440 - minutesBeforeDay);
  if (lang === 'en') return `${at} ${daysBefore === 1 ? 'the day before' : `${daysBefore} days before`} the day of use`;
  return `利用日の${daysBefore === 1 ? '前日' : `${daysBefore}日前`}の${at}まで`;
}

export const bookingTexts = defineTexts({
  ja: {
    tabsLabel: '施設のページ',
    tabDetail: '施設の詳細',
    tabReserve: '予約',
    reserveTitle: (facility: string) => `${facility}：予約`,
    step1: 'STEP1 ご利用のお子さまを選択',
    step1Legend: 'ご利用のお子さま',
    apply: '適用する',
    noChildren: 'ご利用になれるお子さまが登録されていません。お住まいの市区町村の窓口にお問い合わせください。',
    birth: (date: string) => `生年月日：${date}`,
    chosenChild: (name: string) => `選択中のお子さま：${name}`,
    step2: 'STEP2 予約種別の選択',
    step2Lead: '予約の種類を押してください。選べないものには、その理由を表示しています。',
    kinds: { interview: '初回面談', regular: '定期利用', flexible: '柔軟利用' } as Record<ReservationKind, string>,
    kindHints: {
      interview: 'お子さまが初めてこの施設を利用する前に必要な面談です。',
      regular: '毎週または隔週、同じ曜日・同じ時間に利用します。',
      flexible: '空いている日時を選んで、1回ずつ利用します。',
    } as Record<ReservationKind, string>,
    chosen: '（選択中）',
    notAvailable: '選べません：',
    blocks: {
      tooYoung: (from: string) => `お子さまがこの施設の受け入れ年齢に達していません。${from}から予約できます。`,
      tooOld: 'お子さまが3歳以上のため、この制度は利用できません。',
      certificationExpired: (until: string) => `お子さまの認定（乳児等支援給付認定）の有効期間が${until}で終わっています。お住まいの市区町村の窓口にお問い合わせください。`,
      facilityRule: (names: string) => (names ? `お住まいの市区町村では、利用申請で選んだ施設（${names}）のみ利用できます。` : 'お住まいの市区町村では、利用申請で選んだ施設のみ利用できます。'),
      notOffered: 'この施設では、この種類の予約を受け付けていません。',
      interviewBooked: (at: string) => `この施設の初回面談は予約済みです（${at}）。`,
      alreadyDecided: 'この施設での初回面談は終わっています。',
      alreadyApproved: 'この施設では利用が承認されているため、初回面談は必要ありません。',
      noInterview: 'この施設を利用するには、先に初回面談を受けてください。',
      awaitingApproval: (at: string) => `初回面談（${at}）のあと、施設が利用を承認すると予約できます。`,
      notApproved: (reason: string) => (reason ? `施設から利用の承認が得られていません。施設からの理由：${reason}` : '施設から利用の承認が得られていません。'),
    },
    step3: '日時の選択',
    step3Lead: 'カレンダーから希望の日の予約枠を押してください。「残り」は、お子さまの年齢クラスで予約できる人数です。',
    step3LeadRegular: 'カレンダーの「ご利用可能枠」から、毎週（または隔週）利用したい最初の日の予約枠を押してください。「残り」は、お子さまの年齢クラスで予約できる人数です。',
    calendarCaption: (month: string) => `${month}の予約枠`,
    calendarNav: '月の切り替え',
    previousMonth: (month: string) => `前の月（${month}）`,
    nextMonth: (month: string) => `次の月（${month}）`,
    weekdays: ['月', '火', '水', '木', '金', '土', '日'],
    weekdayNames: ['月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日', '日曜日'],
    dayLabel: (month: number, day: number) => `${month}月${day}日`,
    today: '今日',
    holiday: (name: string) => `祝日（${name}）`,
    closedDay: '休園日',
    left: (n: number) => `残り${n}`,
    leftChosen: (n: number) => `残り${n}・選択中`,
    full: '満員',
    yours: '予約済み',
    selected: '選択中',
    slotLabel: (time: string, left: string) => `${time} ${left}`,
    noSlotsMonth: 'この月には、予約できる枠がありません。',
    laterMonth: (month: string) => `${month}の予約枠を見る`,
    noSlotsAtAll: '現在、予約できる枠がありません。',
    contactFacility: 'カレンダーの予約枠に希望の日時がない場合は、施設へ直接お問い合わせください。',
    phone: '電話番号',
    hours: '開所時間',
    allowanceTitle: (month: string) => `${month}の利用可能時間`,
    allowanceLine: (left: string, total: string, used: string) => `残り${left}（${total}のうち${used}を予約済み）`,
    hoursMinutes: (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60}時間` : `${Math.floor(minutes / 60)}時間${minutes % 60}分`),
    timeTitle: '利用時間の選択',
    chosenSlot: (date: string, time: string) => `選んだ予約枠：${date} ${time}`,
    start: '開始時刻',
    end: '終了時刻',
    timeHint: '1時間以上、30分単位で選んでください。',
    blockTime: (time: string) => `この施設はブロック単位の予約です。利用時間：${time}`,
    interviewTime: '面談の時間',
    frequency: '利用の間隔',
    frequencies: { weekly: '毎週', biweekly: '隔週（2週間ごと）' } as Record<Frequency, string>,
    until: '期間の終わり',
    untilHint: (max: string) => `この日までの同じ曜日を予約します。${max}まで選べます。`,
    checkDates: '日程を確認する',
    proceedRegular: '予約に進む',
    chooseAnother: 'カレンダーから選び直す',
    previewTitle: '予約される日程',
    previewLead: (fits: number, total: number) => `${total}回のうち、${fits}回を予約できます。予約できない日は、送信しても予約されません。`,
    previewCaption: '定期利用で予約される日程と、予約できるかどうか',
    date: '日付',
    time: '時間',
    timeLine: (time: string) => `時間：${time}`,
    result: '予約できるか',
    fits: '予約できます',
    problems: {
      holiday: '祝日',
      closed: '休園日',
      'no-slot': '枠なし',
      past: '受付終了',
      'not-certified': '認定期間外',
      age: '年齢が対象外',
      full: '満員',
      allowance: '利用可能時間を超える',
      overlap: '他の予約と重なる',
    } as Record<SeriesProblem, string>,
    // 予約時の注意事項
    notesTitle: '予約時の注意事項',
    notesLead: '内容を確認し、「了承して先に進む」を押してください。',
    notesProvisional: '送信した段階では「仮予約」です。施設が確認・確定すると、予約完了のメールが届きます。',
    notesCancel: (rule: string) => `この施設のキャンセル期限は${rule}です。期限を過ぎたキャンセル（当日のキャンセルを含む）や連絡のない欠席は、予約した時間が利用可能時間から消費されます。`,
    notesCancelAt: (at: string) => `この予約のキャンセル期限：${at}`,
    notesInterviewCancel: '面談の日時に来られなくなったときは、早めに施設へご連絡ください。',
    notesLate: 'お迎えが30分以上遅れた場合、1時間分の追加料金がかかります（以降1時間ごと）。',
    notesFee: '利用料は、施設が指定する方法で施設に直接お支払いください。',
    notesChange: 'キャンセルやお迎え時間の変更がある場合は、必ず施設へご連絡ください。',
    facilityNotes: '施設からの注意事項',
    accept: '了承して先に進む',
    backToCalendar: '日時の選択に戻る',
    // お迎えとコメント
    detailsTitle: 'お迎えと施設へのコメント',
    backToNotes: '予約時の注意事項に戻る',
    detailsTitleInterview: '施設へのコメント',
    pickup: 'お迎えに来られる方',
    pickupHint: '利用者情報管理の「お迎え予定者」に登録した方から選んでください。',
    pickupOption: (name: string, relationship: string) => `${name}（${relationship}）`,
    noPickup: 'お迎え予定者が登録されていません。利用者情報管理の「お迎え予定者」タブで登録してから、もう一度この画面を開いてください。',
    addPickup: 'お迎え予定者を登録する（利用者情報管理）',
    comment: '施設へのコメント',
    commentHint: (max: number) => `施設に伝えたいことがあれば入力してください（${max}文字以内）。アレルギーなどの健康情報は、利用者情報管理に登録してください。`,
    toConfirm: '確認画面に進む',
    // 確認画面
    confirmTitle: '予約内容の確認',
    confirmLead: '内容と同意事項を確認・チェックし、「予約内容を送信する」を押してください。',
    facility: '施設',
    child: 'お子さま',
    kind: '予約種別',
    dateRow: '利用日',
    datesRow: '予約される日程',
    timeRow: '時間',
    frequencyRow: '利用の間隔',
    pickupRow: 'お迎えに来られる方',
    commentRow: '施設へのコメント',
    none: 'なし',
    change: '変更',
    seriesDateLine: (date: string, result: string) => `${date}：${result}`,
    consentLegend: '同意事項',
    consentNotes: '予約時の注意事項に同意する',
    consentProvisional: '送信した段階では仮予約で、施設が確定すると予約完了となることを了承する',
    consentLateCancel: '当日キャンセルや期限後のキャンセルも、利用時間として消費されることを了承する',
    submit: '予約内容を送信する',
    // 予約できなかった
    refusedTitle: '予約できませんでした',
    refusals: {
      full: 'この予約枠は、お子さまの年齢クラスの定員に達しました（満員）。別の日時を選んでください。',
      allowance: 'この予約をすると、今月の利用可能時間を超えてしまいます。時間を短くするか、別の月を選んでください。',
      overlap: '同じ時間帯に、お子さまの別の予約があります。',
      'too-short': '利用時間は1時間以上にしてください。',
      'bad-step': '利用時間は1時間から30分単位で選んでください（ブロック単位の施設は、ブロックの時間どおり）。',
      'outside-slot': '選んだ時間が予約枠の外にあります。',
      'not-certified': '利用日が、お子さまの認定の有効期間外です。',
      'facility-rule': 'お住まいの市区町村では、利用申請で選んだ施設のみ利用できます。',
      'no-interview': 'この施設を利用するには、先に初回面談を受けてください。',
      'not-approved': 'この施設での利用の承認がまだありません。',
      age: '利用日に、お子さまの年齢が施設の受け入れ年齢に合いません。',
      'kind-not-offered': 'この施設（またはこの予約枠）は、この種類の予約を受け付けていません。',
      'slot-gone': 'この予約枠は、受付を終了しました。別の日時を選んでください。',
      'interview-exists': 'この施設の初回面談は、すでに予約されています。',
      'nothing-fits': '選んだ期間には、予約できる日がありませんでした。',
    } as Record<RefusalReason | 'interview-exists' | 'nothing-fits', string>,
    backToCalendarLink: 'カレンダーに戻って、別の日時を選ぶ',
    // 送信後
    doneTitle: '仮予約を受け付けました',
    doneLead: '送信した段階では「仮予約」です。施設が確認・確定すると、予約完了のメールが届きます。',
    doneMail: 'ご登録のメールアドレスに、受付のメールをお送りしました。',
    doneSeriesBooked: (n: number) => `仮予約した日（${n}回）`,
    doneSeriesRefused: (n: number) => `予約できなかった日（${n}回）`,
    doneStatus: '状態',
    statuses: { provisional: '仮予約', confirmed: '予約確定', declined: '施設が辞退', cancelled: 'キャンセル済み', late_cancelled: 'キャンセル済み（利用時間を消費）' } as Record<ReservationStatus, string>,
    backToFacility: '施設の詳細に戻る',
    toMypage: 'マイページへ',
    // 入力の誤り
    errors: {
      child: 'ご利用のお子さまを選んでください',
      kind: '予約種別を選んでください',
      slot: 'カレンダーから予約枠を選んでください',
      slotGone: '選んだ予約枠は予約できません。カレンダーから選び直してください',
      start: '開始時刻を選んでください',
      end: '終了時刻を選んでください',
      length: '終了時刻は、開始時刻の1時間以上あと（30分単位）にしてください',
      frequency: '「毎週」か「隔週」かを選んでください',
      until: '期間の終わりを、日付で入力してください（例：2027-01-31）',
      untilRange: (first: string, max: string) => `期間の終わりは、${first}から${max}までの日付にしてください`,
      pickup: 'お迎えに来られる方を選んでください',
      noPickup: 'お迎え予定者を登録してから、もう一度お進みください',
      comment: (max: number) => `施設へのコメントは${max}文字以内で入力してください`,
      consent: 'すべての同意事項を確認し、チェックを入れてください',
      form: 'ページの有効期限が切れました。カレンダーからやり直してください',
    },
  },
  en: {
    tabsLabel: 'Facility pages',
    tabDetail: 'Facility details',
    tabReserve: 'Book',
    reserveTitle: (facility: string) => `${facility}: book`,
    step1: 'STEP 1 Choose the child',
    step1Legend: 'Child',
    apply: 'Apply',
    noChildren: 'No child is registered for you. Please contact your municipality.',
    birth: (date: string) => `Born ${date}`,
    chosenChild: (name: string) => `Child: ${name}`,
    step2: 'STEP 2 Choose the type of booking',
    step2Lead: 'Press a type of booking. Where one cannot be chosen, the reason is shown.',
    kinds: { interview: 'First interview', regular: 'Regular use', flexible: 'Flexible use' } as Record<ReservationKind, string>,
    kindHints: {
      interview: 'Needed before your child first uses this facility.',
      regular: 'The same weekday and time, every week or every other week.',
      flexible: 'One visit at a time, on any open date.',
    } as Record<ReservationKind, string>,
    chosen: ' (chosen)',
    notAvailable: 'Not available: ',
    blocks: {
      tooYoung: (from: string) => `Your child is younger than this facility takes. You can book from ${from}.`,
      tooOld: 'Your child is 3 or older, so the scheme no longer applies.',
      certificationExpired: (until: string) => `Your child's certification ended on ${until}. Please contact your municipality.`,
      facilityRule: (names: string) => (names ? `In your municipality, only the facility named in your application (${names}) may be used.` : 'In your municipality, only the facility named in your application may be used.'),
      notOffered: 'This facility does not take this type of booking.',
      interviewBooked: (at: string) => `A first interview here is already booked (${at}).`,
      alreadyDecided: 'The first interview here has taken place.',
      alreadyApproved: 'You are approved to use this facility; no first interview is needed.',
      noInterview: 'Book a first interview here first.',
      awaitingApproval: (at: string) => `After the first interview (${at}), you can book once the facility approves.`,
      notApproved: (reason: string) => (reason ? `The facility has not approved use. Its reason: ${reason}` : 'The facility has not approved use.'),
    },
    step3: 'Choose a date and time',
    step3Lead: 'Press a slot on the day you want. "Left" is how many places are left for your child’s age class.',
    step3LeadRegular: 'Press the slot on the first day you want to come every week (or every other week). "Left" is how many places are left for your child’s age class.',
    calendarCaption: (month: string) => `Slots in ${month}`,
    calendarNav: 'Months',
    previousMonth: (month: string) => `Previous month (${month})`,
    nextMonth: (month: string) => `Next month (${month})`,
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    weekdayNames: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    dayLabel: (month: number, day: number) => `${day} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]}`,
    today: 'Today',
    holiday: (name: string) => `Holiday (${name})`,
    closedDay: 'Closed',
    left: (n: number) => `${n} left`,
    leftChosen: (n: number) => `${n} left, chosen`,
    full: 'Full',
    yours: 'Booked',
    selected: 'Chosen',
    slotLabel: (time: string, left: string) => `${time} ${left}`,
    noSlotsMonth: 'There are no open slots this month.',
    laterMonth: (month: string) => `See the slots in ${month}`,
    noSlotsAtAll: 'There are no open slots at the moment.',
    contactFacility: 'If the calendar has no slot at the time you want, please contact the facility directly.',
    phone: 'Phone',
    hours: 'Hours',
    allowanceTitle: (month: string) => `Monthly allowance, ${month}`,
    allowanceLine: (left: string, total: string, used: string) => `${left} left (${used} of ${total} booked)`,
    hoursMinutes: (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`),
    timeTitle: 'Choose the time',
    chosenSlot: (date: string, time: string) => `Slot: ${date} ${time}`,
    start: 'Start',
    end: 'End',
    timeHint: 'At least one hour, in 30-minute steps.',
    blockTime: (time: string) => `This facility books fixed blocks. Time: ${time}`,
    interviewTime: 'Interview time',
    frequency: 'How often',
    frequencies: { weekly: 'Every week', biweekly: 'Every other week' } as Record<Frequency, string>,
    until: 'Until',
    untilHint: (max: string) => `The same weekday is booked up to this date, at the latest ${max}.`,
    checkDates: 'Check the dates',
    proceedRegular: 'Continue to booking',
    chooseAnother: 'Choose another slot',
    previewTitle: 'Dates to be booked',
    previewLead: (fits: number, total: number) => `${fits} of ${total} dates can be booked. Dates that cannot are not booked when you send.`,
    previewCaption: 'The dates of this regular use and whether each can be booked',
    date: 'Date',
    time: 'Time',
    timeLine: (time: string) => `Time: ${time}`,
    result: 'Can be booked?',
    fits: 'Can be booked',
    problems: {
      holiday: 'Public holiday',
      closed: 'Facility closed',
      'no-slot': 'No slot',
      past: 'Closed for booking',
      'not-certified': 'Outside certification',
      age: 'Outside the ages taken',
      full: 'Full',
      allowance: 'Over the monthly allowance',
      overlap: 'Overlaps another booking',
    } as Record<SeriesProblem, string>,
    notesTitle: 'Before you book',
    notesLead: 'Please read this and press "Accept and continue".',
    notesProvisional: 'When you send, the booking is provisional. Once the facility confirms it, you get a confirmation e-mail.',
    notesCancel: (rule: string) => `At this facility you can cancel up to ${rule}. A later cancellation (including on the day) or a no-show still uses the booked hours of the monthly allowance.`,
    notesCancelAt: (at: string) => `Cancellation deadline for this booking: ${at}`,
    notesInterviewCancel: 'If you cannot come to the interview, please tell the facility early.',
    notesLate: 'Picking up 30 minutes or more late adds one hour’s fee (and one more for each further hour).',
    notesFee: 'Fees are paid at the facility, in the way it asks.',
    notesChange: 'Always tell the facility about a cancellation or a different pick-up time.',
    facilityNotes: 'From the facility',
    accept: 'Accept and continue',
    backToCalendar: 'Back to the date and time',
    detailsTitle: 'Who picks up, and a comment for the facility',
    backToNotes: 'Back to the notes',
    detailsTitleInterview: 'A comment for the facility',
    pickup: 'Who will pick up',
    pickupHint: 'Choose from the pick-up people registered in your profile.',
    pickupOption: (name: string, relationship: string) => `${name} (${relationship})`,
    noPickup: 'No pick-up person is registered. Add one on the pick-up tab of your profile, then open this page again.',
    addPickup: 'Add a pick-up person (profile)',
    comment: 'Comment for the facility',
    commentHint: (max: number) => `Anything the facility should know (up to ${max} characters). Allergies and health go in your profile.`,
    toConfirm: 'Continue to check',
    confirmTitle: 'Check your booking',
    confirmLead: 'Check the booking, tick the boxes and press "Send the booking".',
    facility: 'Facility',
    child: 'Child',
    kind: 'Type',
    dateRow: 'Date',
    datesRow: 'Dates to be booked',
    timeRow: 'Time',
    frequencyRow: 'How often',
    pickupRow: 'Who will pick up',
    commentRow: 'Comment for the facility',
    none: 'None',
    change: 'Change',
    seriesDateLine: (date: string, result: string) => `${date}: ${result}`,
    consentLegend: 'Agreement',
    consentNotes: 'I agree to the notes above',
    consentProvisional: 'I understand the booking is provisional until the facility confirms it',
    consentLateCancel: 'I understand a same-day or late cancellation still uses the hours',
    submit: 'Send the booking',
    refusedTitle: 'The booking could not be made',
    refusals: {
      full: 'This slot is full for your child’s age class. Please choose another.',
      allowance: 'This would go over this month’s allowance. Choose a shorter time or another month.',
      overlap: 'Your child has another booking at that time.',
      'too-short': 'A visit is at least one hour.',
      'bad-step': 'Choose at least one hour, in 30-minute steps (or exactly the block).',
      'outside-slot': 'The time is outside the slot.',
      'not-certified': 'The date is outside your child’s certification.',
      'facility-rule': 'In your municipality, only the facility named in your application may be used.',
      'no-interview': 'Book a first interview here first.',
      'not-approved': 'The facility has not approved use yet.',
      age: 'On that date your child is outside the ages this facility takes.',
      'kind-not-offered': 'This facility (or slot) does not take this type of booking.',
      'slot-gone': 'This slot is closed for booking. Please choose another.',
      'interview-exists': 'A first interview here is already booked.',
      'nothing-fits': 'No date in the period could be booked.',
    } as Record<RefusalReason | 'interview-exists' | 'nothing-fits', string>,
    backToCalendarLink: 'Back to the calendar to choose another time',
    doneTitle: 'Your provisional booking is received',
    doneLead: 'The booking is provisional. Once the facility confirms it, you get a confirmation e-mail.',
    doneMail: 'We have sent an e-mail to your registered address.',
    doneSeriesBooked: (n: number) => `Booked provisionally (${n})`,
    doneSeriesRefused: (n: number) => `Not booked (${n})`,
    doneStatus: 'Status',
    statuses: { provisional: 'Provisional', confirmed: 'Confirmed', declined: 'Declined by the facility', cancelled: 'Cancelled', late_cancelled: 'Cancelled (hours used)' } as Record<ReservationStatus, string>,
    backToFacility: 'Back to the facility',
    toMypage: 'My page',
    errors: {
      child: 'Choose the child',
      kind: 'Choose the type of booking',
      slot: 'Choose a slot in the calendar',
      slotGone: 'That slot cannot be booked. Choose again in the calendar',
      start: 'Choose the start time',
      end: 'Choose the end time',
      length: 'The end must be at least one hour after the start, in 30-minute steps',
      frequency: 'Choose every week or every other week',
      until: 'Enter the end of the period as a date (e.g. 2027-01-31)',
      untilRange: (first: string, max: string) => `The end of the period must be between ${first} and ${max}`,
      pickup: 'Choose who will pick up',
      noPickup: 'Add a pick-up person first',
      comment: (max: number) => `The comment must be ${max} characters or fewer`,
      consent: 'Tick every box to agree',
      form: 'This page has expired. Please start again from the calendar',
    },
  },
});

export type BookingTexts = ReturnType<typeof bookingTexts>;

/** A refusal of the kind choice, in plain words. */
export function blockText(block: KindBlock, lang: Lang, formatAt: (at: Date) => string): string {
  const t = bookingTexts(lang).blocks;
  switch (block.why) {
    case 'too-young':
      return t.tooYoung(block.from.format(lang));
    case 'too-old':
      return t.tooOld;
    case 'certification-expired':
      return t.certificationExpired(block.until.format(lang));
    case 'facility-rule':
      return t.facilityRule(block.facilities.join(lang === 'ja' ? '、' : ', '));
    case 'not-offered':
      return t.notOffered;
    case 'interview-booked':
      return t.interviewBooked(formatAt(block.at));
    case 'already-decided':
      return t.alreadyDecided;
    case 'already-approved':
      return t.alreadyApproved;
    case 'no-interview':
      return t.noInterview;
    case 'awaiting-approval':
      return t.awaitingApproval(formatAt(block.at));
    case 'not-approved':
      return t.notApproved(block.reason);
  }
}
