// The facility's monthly usage as CSV: one line per use, Japanese headers, CRLF, every field
// quoted. UTF-8 with a BOM by default (Excel then reads it as UTF-8); Shift_JIS (Windows-31J, as
// Excel on Windows and LGWAN terminals expect) on request. Characters Shift_JIS cannot hold (some
// variant kanji, variation selectors) become "?" there — the page says so; UTF-8 keeps every one.
import { csvBytes, csvText, type CsvEncoding } from '../platform/csv.ts';
import { CalendarDate } from '../platform/time.ts';
import type { Use } from './queries.ts';
import { categoryLabels, clockText, stateLabels, timeOfDayText } from './texts.ts';

const HEADER = [
  '利用日',
  '予約開始',
  '予約終了',
  'お子さま',
  'ふりがな',
  '年齢クラス',
  '利用種別',
  '区分',
  '登園',
  '退園',
  '利用時間（時間）',
  'お迎え遅れ（分）',
  'お迎え遅れの追加（時間）',
  '利用可能時間の使用（時間）',
  '減免区分',
  '1時間あたり（円）',
  '利用料（円）',
  '支払済（円）',
  '領収書番号',
  'お支払い日',
];

const hours = (minutes: number) => String(minutes / 60);

export function usageCsvText(uses: readonly Use[]): string {
  const lines = [HEADER];
  for (const use of uses) {
    const c = use.charge;
    lines.push([
      use.booked.date.toString(),
      clockText(use.booked.startMinute),
      clockText(use.booked.endMinute),
      use.childName,
      use.childKana,
      use.ageClass === null ? '' : `${use.ageClass}歳`,
      use.kind === 'regular' ? '定期利用' : '柔軟利用',
      stateLabels.ja[c.state],
      use.checkedInAt ? timeOfDayText(use.checkedInAt) : '',
      use.checkedOutAt ? timeOfDayText(use.checkedOutAt) : '',
      hours(c.billedMinutes),
      String(c.lateMinutes),
      hours(c.extraMinutes),
      hours(use.allowanceMinutes),
      use.reduction ? categoryLabels.ja[use.reduction] : '',
      String(c.perHourYen),
      String(c.feeYen),
      use.payment ? String(use.payment.amountYen) : '',
      use.payment?.receiptNumber ?? '',
      use.payment ? CalendarDate.inTokyo(use.payment.paidAt).toString() : '',
    ]);
  }
  return csvText(lines, { quoteAll: true });
}

/** The file's bytes: UTF-8 with a BOM, or Shift_JIS. */
export function usageCsvBytes(uses: readonly Use[], encoding: CsvEncoding): Buffer {
  return csvBytes(usageCsvText(uses), encoding);
}
