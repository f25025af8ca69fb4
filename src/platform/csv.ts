// CSV that opens cleanly in Excel on municipal networks (operations.md): UTF-8 with a BOM by
// default, or Shift_JIS on request; CRLF line ends; every field quoted when it needs to be.
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf8' | 'sjis';

function field(value: string | number, quoteAll: boolean): string {
  // Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice).
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return quoteAll || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV text; `quoteAll` quotes every field (so a spreadsheet keeps '0012' as text). */
export function csvText(rows: ReadonlyArray<ReadonlyArray<string | number>>, options: { quoteAll?: boolean } = {}): string {
  return rows.map((row) => row.map((value) => field(value, options.quoteAll ?? false)).join(',')).join('\r\n') + '\r\n';
}

/** The bytes to send: UTF-8 with a BOM, or Shift_JIS (characters it lacks become '?'). */
export function csvBytes(text: string, encoding: CsvEncoding): Buffer {
  return encoding === 'sjis' ? iconv.encode(text, 'Shift_JIS') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** `?encoding=sjis` asks for Shift_JIS; anything else gets UTF-8. */
export function csvEncodingOf(query: Record<string, string | undefined>): CsvEncoding {
  return query.encoding === 'sjis' ? 'sjis' : 'utf8';
}

export function contentTypeOf(encoding: CsvEncoding): string {
  return encoding === 'sjis' ? 'text/csv; charset=Shift_JIS' : 'text/csv; charset=utf-8';
}
