// 法定代理受領の通知 (issue 10): on the guardian's 利用実績 (/usage), per month and child, what each
// facility claimed from the municipality on the family's behalf, and whether it has been paid.
import type { Lang } from '../platform/i18n.ts';
import type { CalendarDate } from '../platform/time.ts';
import { hoursText, monthText, yenText } from '../fees/texts.ts';
import type { ReceiptNotice } from './queries.ts';
import { claimTexts, inParens } from './texts.ts';

export function ReceiptNoticeSection(props: { notices: ReceiptNotice[]; month: CalendarDate; lang: Lang }) {
  const { lang } = props;
  const t = claimTexts(lang);
  return (
    <section class="card spaced" aria-labelledby="receipt-notice" data-qa="receipt-notice">
      <h2 id="receipt-notice" safe>{t.noticeHeading + inParens(monthText(props.month, lang), lang)}</h2>
      <p class="hint" safe>{t.noticeLead}</p>
      {props.notices.length === 0 ? (
        <p safe>{t.noticeNone}</p>
      ) : (
        <ul class="receipt-notices">
          {props.notices.map((n) => (
            <li>
              <strong safe>{n.facilityName}</strong>
              <br />
              <span class="nowrap" safe>{`${t.hours}：${hoursText(n.billedMinutes, lang)}`}</span>{' '}
              <span class="nowrap" safe>{`${t.amount}：${yenText(n.amountYen, lang)}`}</span>{' '}
              <span class="nowrap" safe>{t.noticeStatus(n.status) + (n.paidOn ? inParens(n.paidOn.format(lang), lang) : '')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
