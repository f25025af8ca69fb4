// The CSV of a month's claims and payments for a municipality: one line per child and use (the
// exchange format operations.md suggests), with its claim's facility, status and payment.
// UTF-8 with a BOM by default, Shift_JIS on request (src/platform/csv.ts).
import { csvBytes, csvText, type CsvEncoding } from '../platform/csv.ts';
import { yearMonthOf } from '../platform/time.ts';
import type { ClaimHead, StoredLine } from './queries.ts';
import { addonLabels, lineKindLabels, statusLabels } from './texts.ts';

const HEADER = ['請求月', '施設', '請求先', '状態', '利用日', 'お子さま', 'ふりがな', '区分', '年齢クラス', '請求時間（時間）', '単価（円/時間）', '加算', '加算単価（円/時間）', '金額（円）', '請求額（円）', '支払日', '支払額（円）'];

export function claimsCsvText(claims: ReadonlyArray<{ head: ClaimHead; lines: readonly StoredLine[] }>): string {
  const rows: string[][] = [HEADER];
  for (const { head, lines } of claims) {
    for (const l of lines) {
      rows.push([
        yearMonthOf(head.month),
        head.facilityName,
        head.municipalityName,
        statusLabels.ja[head.status],
        l.date.toString(),
        l.childName,
        l.childKana,
        lineKindLabels.ja[l.kind],
        `${l.ageClass}歳`,
        String(l.billedMinutes / 60),
        String(l.yenPerHour),
        l.addons.map((a) => addonLabels.ja[a]).join('・'),
        String(l.addonYenPerHour),
        String(l.amountYen),
        String(head.totalYen ?? ''),
        head.paidOn?.toString() ?? '',
        head.paidYen === null ? '' : String(head.paidYen),
      ]);
    }
  }
  return csvText(rows, { quoteAll: true });
}

export function claimsCsvBytes(claims: ReadonlyArray<{ head: ClaimHead; lines: readonly StoredLine[] }>, encoding: CsvEncoding): Buffer {
  return csvBytes(claimsCsvText(claims), encoding);
}
