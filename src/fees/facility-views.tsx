// The facility's fee screens (guide step 8): 利用料 by day or month with 支払済にする, the 領収書
// (print view), and the monthly usage per child with its CSV download.
import type { Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ActionMessages, CsrfField, RadioGroup, SummaryList } from '../platform/ui/forms.tsx';
import { Table, type Column } from '../platform/ui/table.tsx';
import { CalendarDate, yearMonthOf } from '../platform/time.ts';
import { feeDue, type ChildMonth, type Use } from './queries.ts';
import type { LatePickupRule, UseCharge } from './rules.ts';
import { categoryLabels, categoryShortLabels, clockText, feeTexts, hoursText, monthText, stateLabels, timeOfDayText, yenText } from './texts.ts';

export const FEES_PATH = '/facility/fees';
export const USAGE_PATH = '/facility/usage';
export const USAGE_CSV_PATH = '/facility/usage/csv';
export const payPath = (id: string) => `/facility/fees/${id}/pay`;
export const receiptPath = (id: string) => `/facility/fees/${id}/receipt`;

export type FeeView = { kind: 'day'; date: CalendarDate } | { kind: 'month'; month: CalendarDate };

/** The query string of a view: date=YYYY-MM-DD or month=YYYY-MM. */
export function viewQuery(view: FeeView): string {
  return view.kind === 'day' ? `date=${view.date.toString()}` : `month=${yearMonthOf(view.month)}`;
}

/** The page's own stylesheet (print rules for the receipt); a body link, so the shared layout stays as it is. */
export function FeeStyles() {
  return <link rel="stylesheet" href="/static/fees.css" />;
}

export function inOutText(use: Pick<Use, 'checkedInAt' | 'checkedOutAt'>, lang: Lang): string {
  if (!use.checkedInAt) return '—';
  return `${timeOfDayText(use.checkedInAt)}${lang === 'ja' ? '〜' : '–'}${use.checkedOutAt ? timeOfDayText(use.checkedOutAt) : ''}`;
}

export function lateText(charge: UseCharge, lang: Lang): string {
  const t = feeTexts(lang);
  if (charge.lateMinutes <= 0) return '—';
  return charge.extraMinutes > 0 ? t.lateValue(hoursText(charge.lateMinutes, lang), hoursText(charge.extraMinutes, lang)) : t.lateNoCharge(hoursText(charge.lateMinutes, lang));
}

/** The fee in words: the amount paid, the amount due, or why there is none yet. */
export function feeText(use: Use, lang: Lang): string {
  const t = feeTexts(lang);
  const c = use.charge;
  if (use.payment) return yenText(use.payment.amountYen, lang);
  if (c.state === 'in_care') return t.notYet;
  if (c.state === 'not_recorded') return '—';
  if ((c.state === 'no_show' || c.state === 'late_cancelled') && c.chargedMinutes === 0) return t.notCharged;
  return yenText(c.feeYen, lang);
}

export function billedText(use: Use, lang: Lang): string {
  return use.charge.billedMinutes > 0 ? hoursText(use.charge.billedMinutes, lang) : '—';
}

/** 11/24(火) (en: Tue 24 Nov). */
export function shortDate(date: CalendarDate, lang: Lang): string {
  return lang === 'ja' ? date.format('ja', { weekday: true }).replace(/^\d+年/, '') : date.format('en', { weekday: true }).replace(/ \d{4}$/, '');
}

/** The booked time, and under it what happened: the recorded times, or 欠席 / 当日キャンセル / …. */
function TimesCell({ use, lang }: { use: Use; lang: Lang }) {
  const t = feeTexts(lang);
  const c = use.charge;
  const booked = `${clockText(use.booked.startMinute)}${lang === 'ja' ? '〜' : '–'}${clockText(use.booked.endMinute)}`;
  const actual = c.state === 'attended' ? `${t.actualShort} ${inOutText(use, lang)}` : c.state === 'in_care' ? `${stateLabels[lang][c.state]} ${inOutText(use, lang)}` : stateLabels[lang][c.state];
  return (
    <>
      <span class="nowrap" safe>{`${t.bookedShort} ${booked}`}</span>
      <br />
      <span class="nowrap fee-actual" data-state={c.state} safe>
        {actual}
      </span>
    </>
  );
}

/** The hourly fee, and the reduction's category (the category only: never its evidence). */
function RateCell({ use, lang }: { use: Use; lang: Lang }) {
  return (
    <>
      <span class="nowrap" safe>{yenText(use.charge.perHourYen, lang)}</span>
      {use.reduction ? (
        <>
          <br />
          <span class="fee-reduction nowrap" title={categoryLabels[lang][use.reduction]} safe>
            {lang === 'ja' ? `（${categoryShortLabels[lang][use.reduction]}）` : `(${categoryShortLabels[lang][use.reduction]})`}
          </span>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** The fee; for a paid use the amount paid, and the fee worked out now if a later correction changed it. */
function FeeCell({ use, lang }: { use: Use; lang: Lang }) {
  const t = feeTexts(lang);
  const changed = use.payment && use.payment.amountYen !== use.charge.feeYen;
  return (
    <>
      <span class="nowrap" safe>{feeText(use, lang)}</span>
      {changed ? (
        <>
          <br />
          <span class="hint" data-qa="recalculated" safe>
            {t.recalculated(yenText(use.charge.feeYen, lang))}
          </span>
        </>
      ) : (
        ''
      )}
    </>
  );
}

function PaymentCell({ use, ctx, view }: { use: Use; ctx: PageContext; view: FeeView }) {
  const t = feeTexts(ctx.lang);
  if (use.payment) {
    return (
      <span class="fee-paid" data-qa="paid">
        <span safe>{t.paidShort}</span>
        <br />
        <span class="nowrap" safe>
          {use.payment.receiptNumber}
        </span>
        <br />
        <a href={receiptPath(use.id)} data-qa="receipt-link">
          <span safe>{t.receipt}</span>
          <span class="visually-hidden" safe>
            {t.payFor(use.childName, use.booked.date.format(ctx.lang))}
          </span>
        </a>
      </span>
    );
  }
  if (use.charge.payable) {
    return (
      <form method="post" action={payPath(use.id)} class="pay-form">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="amount" value={String(use.charge.feeYen)} />
        <input type="hidden" name="back" value={viewQuery(view)} />
        <button type="submit" data-qa="pay">
          <span safe>{t.payButton}</span>
          <span class="visually-hidden" safe>
            {t.payFor(use.childName, use.booked.date.format(ctx.lang))}
          </span>
        </button>
      </form>
    );
  }
  const c = use.charge;
  const why = c.state === 'in_care' ? t.notYet : c.state === 'not_recorded' ? '—' : c.chargedMinutes === 0 ? t.notCharged : t.nothingToPay;
  return <span safe>{why}</span>;
}

function totalsOf(uses: readonly Use[]) {
  let fee = 0;
  let paid = 0;
  let unpaid = 0;
  for (const use of uses) {
    fee += feeDue(use);
    if (use.payment) paid += use.payment.amountYen;
    else if (use.charge.payable) unpaid += use.charge.feeYen;
  }
  return { fee, paid, unpaid };
}

function Totals({ uses, lang }: { uses: readonly Use[]; lang: Lang }) {
  const t = feeTexts(lang);
  const totals = totalsOf(uses);
  return (
    <dl class="fee-totals" data-qa="fee-totals">
      <div>
        <dt safe>{t.totalFee}</dt>
        <dd safe>{yenText(totals.fee, lang)}</dd>
      </div>
      <div>
        <dt safe>{t.totalPaid}</dt>
        <dd safe>{yenText(totals.paid, lang)}</dd>
      </div>
      <div>
        <dt safe>{t.totalUnpaid}</dt>
        <dd data-qa="unpaid-total" safe>
          {yenText(totals.unpaid, lang)}
        </dd>
      </div>
    </dl>
  );
}

export function RuleNotes({ rule, lang }: { rule: LatePickupRule; lang: Lang }) {
  const t = feeTexts(lang);
  return (
    <details class="fee-rules">
      <summary safe>{t.howFees}</summary>
      <p safe>{t.billingRule}</p>
      <p safe>{rule === 'guide' ? t.lateRuleGuide : t.lateRuleActual}</p>
    </details>
  );
}

export function FeesPage(props: { ctx: PageContext; view: FeeView; uses: Use[]; rule: LatePickupRule; notice?: string | undefined; problem?: string | undefined }) {
  const { ctx, view, uses } = props;
  const lang = ctx.lang;
  const t = feeTexts(lang);
  const what = view.kind === 'day' ? view.date.format(lang, { weekday: true }) : monthText(view.month, lang);
  const prev = view.kind === 'day' ? `date=${view.date.addDays(-1)}` : `month=${yearMonthOf(view.month.addMonths(-1))}`;
  const next = view.kind === 'day' ? `date=${view.date.addDays(1)}` : `month=${yearMonthOf(view.month.addMonths(1))}`;
  const columns: Column<Use>[] = [
    ...(view.kind === 'month' ? [{ header: t.date, cell: (u: Use) => <span class="nowrap" safe>{shortDate(u.booked.date, lang)}</span> }] : []),
    { header: t.times, cell: (u) => <TimesCell use={u} lang={lang} /> },
    { header: t.child, cell: (u) => <span class="fee-child" safe>{u.childName}</span> },
    { header: t.billed, cell: (u) => <span class="nowrap" safe>{billedText(u, lang)}</span> },
    { header: t.late, text: (u) => lateText(u.charge, lang) },
    { header: t.rate, cell: (u) => <RateCell use={u} lang={lang} /> },
    { header: t.fee, cell: (u) => <FeeCell use={u} lang={lang} /> },
    { header: t.payment, cell: (u) => <PaymentCell use={u} ctx={ctx} view={view} /> },
  ];
  return (
    <Layout ctx={ctx} title={t.feesTitle}>
      <FeeStyles />
      <h1 safe>{t.feesTitle}</h1>
      <p class="lead" safe>{t.feesLead}</p>
      <ActionMessages notice={props.notice} problem={props.problem} qa />
      <div class="fee-pickers">
        <form method="get" action={FEES_PATH} class="day-form">
          <div class="field">
            <label for="fee-date" safe>{t.byDay}</label>
            <input type="date" id="fee-date" name="date" value={view.kind === 'day' ? view.date.toString() : ''} />
          </div>
          <button type="submit" data-variant="secondary" safe>
            {t.show}
          </button>
        </form>
        <form method="get" action={FEES_PATH} class="day-form">
          <div class="field">
            <label for="fee-month" safe>{t.byMonth}</label>
            <input type="month" id="fee-month" name="month" value={view.kind === 'month' ? yearMonthOf(view.month) : ''} placeholder="2026-12" />
          </div>
          <button type="submit" data-variant="secondary" safe>
            {t.show}
          </button>
        </form>
      </div>
      <nav class="pager" aria-label={t.usesOn(what)}>
        <a href={`${FEES_PATH}?${prev}`} safe>
          {view.kind === 'day' ? `← ${t.previousDay}` : `← ${t.previousMonth}`}
        </a>
        <a href={`${FEES_PATH}?${next}`} safe>
          {view.kind === 'day' ? `${t.nextDay} →` : `${t.nextMonth} →`}
        </a>
      </nav>
      <h2 safe>{t.usesOn(what)}</h2>
      {uses.length === 0 ? (
        <p safe>{t.noUses}</p>
      ) : (
        <div class="fee-table">
          <Table id="fees" caption={t.usesOn(what)} columns={columns} rows={uses} />
        </div>
      )}
      {uses.length > 0 ? <Totals uses={uses} lang={lang} /> : ''}
      <RuleNotes rule={props.rule} lang={lang} />
      <ul class="next-links">
        <li>
          <a href={`${USAGE_PATH}?month=${yearMonthOf(view.kind === 'day' ? view.date.firstOfMonth() : view.month)}`} safe>
            {t.usageLink}
          </a>
        </li>
        <li>
          <a href="/facility" safe>
            {t.backToFacilityHome}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

export interface ReceiptParties {
  guardianName: string;
  facilityAddress: string;
  facilityPhone: string;
}

export function ReceiptPage(props: { ctx: PageContext; use: Use & { payment: NonNullable<Use['payment']> }; parties: ReceiptParties; notice?: string | undefined }) {
  const { ctx, use, parties } = props;
  const lang = ctx.lang;
  const t = feeTexts(lang);
  const c = use.charge;
  const booked = `${clockText(use.booked.startMinute)}${lang === 'ja' ? '〜' : '–'}${clockText(use.booked.endMinute)}`;
  const rows = [
    { key: t.receiptNumber, value: use.payment.receiptNumber },
    { key: t.paidOn, value: CalendarDate.inTokyo(use.payment.paidAt).format(lang) },
    { key: t.child, value: use.childName },
    { key: t.useDate, value: use.booked.date.format(lang, { weekday: true }) },
    { key: t.useTime, value: `${t.bookedShort} ${booked}\n${c.state === 'attended' ? `${t.actualShort} ${inOutText(use, lang)}` : stateLabels[lang][c.state]}` },
    { key: t.billed, value: billedText(use, lang) },
    ...(c.extraMinutes > 0 ? [{ key: t.late, value: lateText(c, lang) }] : []),
    { key: t.chargedHours, value: hoursText(c.chargedMinutes, lang) },
    { key: t.perHour, value: yenText(c.perHourYen, lang) + (use.reduction ? (lang === 'ja' ? `（${t.reduction}：${categoryLabels[lang][use.reduction]}）` : ` (${t.reduction}: ${categoryLabels[lang][use.reduction]})`) : '') },
  ];
  return (
    <Layout ctx={ctx} title={`${t.receiptTitle} ${use.payment.receiptNumber}`}>
      <FeeStyles />
      <div class="no-print">
        <ActionMessages notice={props.notice} qa />
        <p class="hint" safe>{t.printHint}</p>
      </div>
      <article class="receipt" data-qa="receipt" aria-labelledby="receipt-title">
        <h1 id="receipt-title" safe>{t.receiptTitle}</h1>
        <p class="receipt-to" safe>{t.receiptFor(parties.guardianName)}</p>
        <p class="receipt-amount">
          <span safe>{t.receiptAmount}</span>{' '}
          <strong data-qa="receipt-amount" safe>
            {yenText(use.payment.amountYen, lang)}
          </strong>
        </p>
        <p safe>{t.receiptBody}</p>
        <SummaryList rows={rows} />
        <div class="receipt-issuer">
          <p class="receipt-issuer-name" safe>{use.facilityName}</p>
          <p safe>{parties.facilityAddress}</p>
          <p safe>{parties.facilityPhone}</p>
        </div>
      </article>
      <p class="no-print">
        <a href={`${FEES_PATH}?date=${use.booked.date.toString()}`} safe>
          {t.backToFees}
        </a>
      </p>
    </Layout>
  );
}

/** A month field with 表示, and links to the previous and next month, for a page at `path?month=YYYY-MM`. */
export function MonthPicker(props: { path: string; id: string; month: CalendarDate; lang: Lang }) {
  const { path, month } = props;
  const t = feeTexts(props.lang);
  return (
    <>
      <form method="get" action={path} class="day-form">
        <div class="field">
          <label for={props.id} safe>{t.monthLabel}</label>
          <input type="month" id={props.id} name="month" value={yearMonthOf(month)} placeholder="2026-12" />
        </div>
        <button type="submit" data-variant="secondary" safe>
          {t.show}
        </button>
      </form>
      <nav class="pager" aria-label={monthText(month, props.lang)}>
        <a href={`${path}?month=${yearMonthOf(month.addMonths(-1))}`} safe>{`← ${t.previousMonth}`}</a>
        <a href={`${path}?month=${yearMonthOf(month.addMonths(1))}`} safe>{`${t.nextMonth} →`}</a>
      </nav>
    </>
  );
}

/** The CSV download of a month: UTF-8 with BOM or Shift_JIS (src/platform/csv.ts csvEncodingOf). */
export function CsvDownload(props: { action: string; month: CalendarDate; lang: Lang; heading?: string; lead?: string }) {
  const t = feeTexts(props.lang);
  return (
    <section class="card spaced" aria-labelledby="csv-heading">
      <h2 id="csv-heading" safe>{props.heading ?? t.csvHeading}</h2>
      {props.lead ? <p class="hint" safe>{props.lead}</p> : ''}
      <form method="get" action={props.action}>
        <input type="hidden" name="month" value={yearMonthOf(props.month)} />
        <RadioGroup
          name="encoding"
          label={t.csvEncoding}
          lang={props.lang}
          value="utf8"
          options={[
            { value: 'utf8', label: t.csvUtf8, hint: t.csvUtf8Hint },
            { value: 'sjis', label: t.csvSjis, hint: t.csvSjisHint },
          ]}
        />
        <button type="submit" data-qa="csv-download" safe>
          {t.csvDownload}
        </button>
      </form>
    </section>
  );
}

export function UsagePage(props: { ctx: PageContext; month: CalendarDate; children: ChildMonth[] }) {
  const { ctx, month } = props;
  const lang = ctx.lang;
  const t = feeTexts(lang);
  const what = monthText(month, lang);
  const columns: Column<ChildMonth>[] = [
    { header: t.child, text: (c) => c.childName },
    { header: t.kana, text: (c) => c.childKana },
    { header: t.usesCount, text: (c) => String(c.uses.length) },
    { header: t.billedTotal, text: (c) => hoursText(c.billedMinutes, lang) },
    { header: t.extraTotal, text: (c) => hoursText(c.extraMinutes, lang) },
    { header: t.fee, text: (c) => yenText(c.feeYen, lang) },
    { header: t.totalPaid, text: (c) => yenText(c.paidYen, lang) },
    { header: t.totalUnpaid, text: (c) => yenText(c.unpaidYen, lang) },
  ];
  return (
    <Layout ctx={ctx} title={`${t.usageTitle}（${what}）`}>
      <FeeStyles />
      <h1 safe>{t.usageTitle}</h1>
      <p class="lead" safe>{t.usageLead}</p>
      <MonthPicker path={USAGE_PATH} id="usage-month" month={month} lang={lang} />
      <h2 safe>{what}</h2>
      {props.children.length === 0 ? <p safe>{t.noUses}</p> : <Table id="usage" caption={t.perChildCaption(what)} columns={columns} rows={props.children} />}
      <p>
        <a href={`${FEES_PATH}?month=${yearMonthOf(month)}`} safe>
          {`${t.feesTitle}（${t.byMonth}）`}
        </a>
      </p>
      <CsvDownload action={USAGE_CSV_PATH} month={month} lang={lang} />
      <p>
        <a href="/facility" safe>
          {t.backToFacilityHome}
        </a>
      </p>
    </Layout>
  );
}
