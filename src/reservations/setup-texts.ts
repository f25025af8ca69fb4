// The words of the facility staff's booking setup: 予約の設定, 利用枠のテンプレート, 休園日 and 利用枠一覧.
import { defineTexts, type Lang } from '../platform/i18n.ts';
import type { BookingStyle, ReservationKind } from './tables.ts';

export const KINDS = ['interview', 'regular', 'flexible'] as const satisfies readonly ReservationKind[];

export const kindLabels: Record<Lang, Record<ReservationKind, string>> = {
  ja: { interview: '初回面談', regular: '定期利用', flexible: '柔軟利用' },
  en: { interview: 'First interview', regular: 'Regular use', flexible: 'Flexible use' },
};

/** 0歳 / 1歳 / 2歳 (the child's age on the day of use). */
export const ageClassLabels: Record<Lang, readonly [string, string, string]> = {
  ja: ['0歳', '1歳', '2歳'],
  en: ['Age 0', 'Age 1', 'Age 2'],
};

/**
 * The cancellation deadlines a facility may choose, as minutes before 0:00 on the day of use
 * (facility_offers.cancel_minutes_before_day).
 */
export const CANCEL_DEADLINES = [0, 7 * 60, 12 * 60, 24 * 60, 48 * 60] as const;

export function cancelDeadlineLabel(minutes: number, lang: Lang): string {
  const ja: Record<number, string> = { 0: '利用日の当日0:00まで', 420: '利用日の前日17:00まで', 720: '利用日の前日12:00まで', 1440: '利用日の前日0:00まで', 2880: '利用日の2日前0:00まで' };
  const en: Record<number, string> = { 0: 'Until 0:00 on the day', 420: 'Until 17:00 the day before', 720: 'Until 12:00 the day before', 1440: 'Until 0:00 the day before', 2880: 'Until 0:00 two days before' };
  const known = (lang === 'ja' ? ja : en)[minutes];
  if (known) return known;
  const hours = Math.round((minutes / 60) * 10) / 10;
  return lang === 'ja' ? `利用日の当日0:00の${hours}時間前まで` : `Until ${hours} hours before 0:00 on the day`;
}

export const bookingStyleLabels: Record<Lang, Record<BookingStyle, { label: string; hint: string }>> = {
  ja: {
    free: { label: '時間を選んで予約（1時間以上、30分単位）', hint: '利用枠の中で、保護者が開始と終了の時刻を選びます。' },
    blocks: { label: '利用枠ごとに予約（枠の時間どおり）', hint: '例：9:00～12:00 の枠は、その3時間をまとめて予約します。' },
  },
  en: {
    free: { label: 'Any length (1 hour or more, in 30-minute steps)', hint: 'Guardians choose a start and an end within a slot.' },
    blocks: { label: 'Whole slots only', hint: 'For example, a 9:00–12:00 slot is booked as those three hours.' },
  },
};

export const youngestAgeLabels: Record<Lang, Record<6 | 12, string>> = {
  ja: { 6: '生後6か月から', 12: '1歳から' },
  en: { 6: 'From 6 months', 12: 'From 1 year' },
};

/** 'H:MM' from minutes since midnight (540 → 9:00). */
export function formatMinute(minute: number): string {
  return `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`;
}

export function formatMinutes(start: number, end: number, lang: Lang): string {
  return `${formatMinute(start)}${lang === 'ja' ? '～' : '–'}${formatMinute(end)}`;
}

export const setupTexts = defineTexts({
  ja: {
    title: '予約の受け付けの設定',
    lead: '保護者が予約できる内容（予約の種類、受け入れる年齢、予約の方法、取消の期限）と、利用枠を設定します。',
    tabsLabel: '予約の受け付けの設定',
    tabs: { offer: '予約の設定', templates: '利用枠のテンプレート', closedDays: '休園日', slots: '利用枠一覧' },
    backToFacility: '施設の業務に戻る',
    // 予約の設定
    offerTitle: '予約の設定',
    offerEditTitle: '予約の設定の変更',
    offerNotSaved: 'まだ保存されていません。下の内容は、設定するまでの初期値です。',
    offerSaved: '予約の設定を保存しました。',
    offerSavedSlots: (n: number) => `予約の設定を保存し、利用枠を${n}件作成しました。`,
    change: '変更',
    changeOffer: '予約の設定を変更する',
    kinds: '受け付ける予約の種類',
    kindsHint: '定期利用と柔軟利用は、初回面談のあと施設が利用承認したお子さまだけが予約できます。',
    youngestAge: '受け入れる年齢',
    youngestAgeHint: 'こども誰でも通園制度の対象は、生後6か月から3歳未満のお子さまです。',
    bookingStyle: '予約の方法',
    cancelDeadline: '取消の期限',
    cancelDeadlineHint: 'この期限までの取消は、お子さまの利用可能時間に数えません。期限を過ぎた取消は、利用した時間として数えます。',
    bookingNotes: '予約時の注意事項',
    bookingNotesHint: (max: number) => `保護者が予約するときに表示し、了承してもらう内容です（${max}文字以内）。持ち物、初回面談の所要時間など。`,
    bookingNotesNone: 'なし',
    weeksAhead: '利用枠を作成する期間（週）',
    weeksAheadHint: '明日から何週間先までの利用枠を、テンプレートから作成するか。1から26までの数字。例：4',
    weeksValue: (n: number) => `明日から${n}週間先まで`,
    save: '保存する',
    cancel: '保存せずに戻る',
    // テンプレート
    templatesTitle: '利用枠のテンプレート',
    notDesignated: 'この施設には明日以降の認可・確認の記録がない（または確認が終了した）ため、新しい利用枠は作られません。市区町村の担当窓口にお問い合わせください。',
    templatesLead: '曜日ごとの利用枠のひな形です。テンプレートから、明日以降の利用枠を作成します。祝日と休園日には利用枠を作りません。',
    templatesEmpty: 'テンプレートはまだありません。「テンプレートを追加する」から登録してください。',
    deleteNote: 'テンプレートを削除しても、すでに作成した利用枠は消えません。不要な利用枠は「利用枠一覧」から取り下げてください。',
    weekday: '曜日',
    weekdayAndTime: '曜日と時間',
    placesTaken: '予約／定員',
    time: '時間',
    capacity: '定員',
    capacityOf: (label: string) => `${label}の定員（人）`,
    capacityHint: '年齢ごとに、この枠で受け入れる人数。受け入れない年齢は0にします。',
    kindsServed: '予約の種類',
    kindsServedHint: '「予約の設定」で受け付けている種類から選びます。',
    actions: '操作',
    deleteTemplate: '削除',
    deleteTemplateFor: (label: string) => `${label}のテンプレートを削除`,
    addTemplate: 'テンプレートを追加する',
    addTemplateTitle: '利用枠のテンプレートの追加',
    startTime: '開始時刻',
    endTime: '終了時刻',
    timeHint: '6:00から22:00までの30分単位',
    add: '追加する',
    cancelAdd: '追加せずに戻る',
    templateAdded: (n: number) => `テンプレートを追加し、利用枠を${n}件作成しました。`,
    templateDeleted: 'テンプレートを削除しました。作成済みの利用枠は残っています。',
    generateTitle: '利用枠の作成',
    generateLead: (weeks: number) => `テンプレートから、明日から${weeks}週間先までの利用枠を作成します。すでにある利用枠は作り直しません。`,
    generate: '利用枠を作成する',
    generated: (n: number) => (n === 0 ? '新しく作成する利用枠はありませんでした。' : `利用枠を${n}件作成しました。`),
    // 休園日
    closedTitle: '休園日',
    closedLead: '行事などで休園する日です。休園日には利用枠を作らず、すでにある利用枠は取り下げます。予約がある日を休園日にすると、その予約を取り消し、保護者にメールでお知らせします。',
    closedEmpty: '今日以降の休園日はありません。',
    date: '日付',
    reason: '理由',
    reasonHint: '保護者へのお知らせにも書きます。例：運動会のため',
    addClosedTitle: '休園日を追加する',
    addClosed: '休園日にする',
    removeClosed: '休園日を取り消す',
    removeClosedFor: (date: string) => `${date}の休園日を取り消す`,
    removeNote: '休園日を取り消すと、その日の利用枠をテンプレートのとおり作り直します（取り消された予約は元に戻りません）。',
    closedDone: (date: string, slots: number, bookings: number) =>
      `${date}を休園日にしました。` + (slots > 0 ? `利用枠${slots}件を取り下げました。` : '') + (bookings > 0 ? `予約${bookings}件を取り消し、保護者にメールでお知らせしました。` : ''),
    removedDone: (date: string, slots: number) => `${date}の休園日を取り消しました。` + (slots > 0 ? `利用枠${slots}件を予約できるようにしました。` : ''),
    confirmTitle: '休園日にして予約を取り消しますか',
    confirmLead: (date: string, n: number) => `${date}には、次の${n}件の予約があります。休園日にすると、これらの予約を取り消し、保護者にメールでお知らせします。`,
    confirmHours: '取り消した予約の時間は、お子さまの利用可能時間に数えません（施設の都合による取消のため）。',
    confirmButton: '休園日にして予約を取り消す',
    confirmBack: '取り消さずに戻る',
    child: 'お子さま',
    kindAndStatus: '種類・状態',
    status: '状態',
    statusLabels: { provisional: '仮予約', confirmed: '予約確定' } as Record<string, string>,
    // 利用枠一覧
    slotsTitle: '利用枠一覧',
    slotsLead: '予約数と定員です（仮予約と予約確定を数えます）。予約のない利用枠は取り下げることができます。',
    slotsRange: (from: string, to: string) => `${from}～${to}`,
    previous: '前の2週間',
    next: '次の2週間',
    noSlots: '利用枠はありません。',
    closedDay: (reason: string) => (reason ? `休園日（${reason}）` : '休園日'),
    holiday: (name: string) => `祝日（${name}）`,
    taken: (taken: number, total: number) => `${taken}/${total}`,
    open: '受付中',
    withdrawn: '取り下げ済み',
    past: '終了',
    withdraw: '取り下げる',
    withdrawFor: (label: string) => `${label}の利用枠を取り下げる`,
    slotsCaption: (date: string) => `${date}の利用枠`,
    withdrawnDone: '利用枠を取り下げました。',
    withdrawRefused: 'この利用枠には予約があるため、取り下げられません。予約を取り消してから取り下げるか、その日を休園日にしてください。',
  },
  en: {
    title: 'Booking setup',
    lead: 'What guardians can book here (kinds of booking, ages, how they book, the cancellation deadline), and the slots.',
    tabsLabel: 'Booking setup',
    tabs: { offer: 'Booking settings', templates: 'Slot templates', closedDays: 'Closed days', slots: 'Slots' },
    backToFacility: 'Back to facility work',
    offerTitle: 'Booking settings',
    offerEditTitle: 'Change the booking settings',
    offerNotSaved: 'Not saved yet. What is shown are the defaults until you save.',
    offerSaved: 'The booking settings have been saved.',
    offerSavedSlots: (n: number) => `The booking settings have been saved and ${n} slots created.`,
    change: 'Change',
    changeOffer: 'Change the booking settings',
    kinds: 'Kinds of booking accepted',
    kindsHint: 'Regular and flexible use can only be booked for children the facility approved after a first interview.',
    youngestAge: 'Youngest age accepted',
    youngestAgeHint: 'The scheme is for children from 6 months to under 3 years.',
    bookingStyle: 'How bookings are made',
    cancelDeadline: 'Cancellation deadline',
    cancelDeadlineHint: 'A cancellation before the deadline does not count against the monthly allowance; one after it counts as used.',
    bookingNotes: 'Notes shown when booking',
    bookingNotesHint: (max: number) => `Shown to guardians before they book, for them to accept (up to ${max} characters).`,
    bookingNotesNone: 'None',
    weeksAhead: 'Weeks of slots to create',
    weeksAheadHint: 'How many weeks ahead, from tomorrow, slots are created from the templates. 1 to 26, for example 4',
    weeksValue: (n: number) => `${n} weeks from tomorrow`,
    save: 'Save',
    cancel: 'Go back without saving',
    templatesTitle: 'Slot templates',
    notDesignated: 'No new slots are created: this facility has no licence and confirmation recorded from tomorrow on (or its confirmation has ended). Please contact the municipality.',
    templatesLead: 'The weekly pattern of slots. Slots from tomorrow on are created from it; none on public holidays or closed days.',
    templatesEmpty: 'No templates yet. Add one with "Add a template".',
    deleteNote: 'Deleting a template does not delete the slots already created. Withdraw slots you do not want in "Slots".',
    weekday: 'Day',
    weekdayAndTime: 'Day and time',
    placesTaken: 'Taken / places',
    time: 'Time',
    capacity: 'Places',
    capacityOf: (label: string) => `Places for ${label}`,
    capacityHint: 'How many children of each age this slot takes. 0 for an age you do not take.',
    kindsServed: 'Kinds of booking',
    kindsServedHint: 'From the kinds accepted in "Booking settings".',
    actions: 'Actions',
    deleteTemplate: 'Delete',
    deleteTemplateFor: (label: string) => `Delete the template ${label}`,
    addTemplate: 'Add a template',
    addTemplateTitle: 'Add a slot template',
    startTime: 'Start',
    endTime: 'End',
    timeHint: 'From 6:00 to 22:00, in 30-minute steps',
    add: 'Add',
    cancelAdd: 'Go back without adding',
    templateAdded: (n: number) => `The template has been added and ${n} slots created.`,
    templateDeleted: 'The template has been deleted. Slots already created remain.',
    generateTitle: 'Create slots',
    generateLead: (weeks: number) => `Creates the slots of the templates from tomorrow for ${weeks} weeks. Slots that exist are not created again.`,
    generate: 'Create slots',
    generated: (n: number) => (n === 0 ? 'There were no new slots to create.' : `${n} slots have been created.`),
    closedTitle: 'Closed days',
    closedLead: 'Days the facility is closed (events and the like). No slots are created on them, and existing ones are withdrawn. Closing a day with bookings cancels them and mails the families.',
    closedEmpty: 'No closed days from today on.',
    date: 'Date',
    reason: 'Reason',
    reasonHint: 'Written into the mail to families, which is in Japanese: for example 運動会のため (sports day)',
    addClosedTitle: 'Add a closed day',
    addClosed: 'Close this day',
    removeClosed: 'Open again',
    removeClosedFor: (date: string) => `Open again: ${date}`,
    removeNote: 'Opening a day again creates its slots from the templates again (cancelled bookings stay cancelled).',
    closedDone: (date: string, slots: number, bookings: number) =>
      `${date} is now a closed day.` + (slots > 0 ? ` ${slots} slots were withdrawn.` : '') + (bookings > 0 ? ` ${bookings} bookings were cancelled and the families mailed.` : ''),
    removedDone: (date: string, slots: number) => `${date} is open again.` + (slots > 0 ? ` ${slots} slots can be booked.` : ''),
    confirmTitle: 'Close the day and cancel its bookings?',
    confirmLead: (date: string, n: number) => `There are ${n} bookings on ${date}. Closing the day cancels them and mails the families.`,
    confirmHours: 'The hours of these bookings will not count against the children’s allowance (the facility cancelled them).',
    confirmButton: 'Close the day and cancel the bookings',
    confirmBack: 'Go back without cancelling',
    child: 'Child',
    kindAndStatus: 'Kind and status',
    status: 'Status',
    statusLabels: { provisional: 'Provisional', confirmed: 'Confirmed' } as Record<string, string>,
    slotsTitle: 'Slots',
    slotsLead: 'Places taken and places in all (provisional and confirmed bookings count). A slot without bookings can be withdrawn.',
    slotsRange: (from: string, to: string) => `${from} – ${to}`,
    previous: 'Previous two weeks',
    next: 'Next two weeks',
    noSlots: 'No slots.',
    closedDay: (reason: string) => (reason ? `Closed (${reason})` : 'Closed'),
    holiday: (name: string) => `Public holiday (${name})`,
    taken: (taken: number, total: number) => `${taken} of ${total}`,
    open: 'Open',
    withdrawn: 'Withdrawn',
    past: 'Over',
    withdraw: 'Withdraw',
    withdrawFor: (label: string) => `Withdraw the slot ${label}`,
    slotsCaption: (date: string) => `Slots on ${date}`,
    withdrawnDone: 'The slot has been withdrawn.',
    withdrawRefused: 'This slot has bookings, so it cannot be withdrawn. Cancel them first, or close the day.',
  },
});
