// The facility's screens of attendance: 「QRコード表示」 for the entrance tablet, the day's roster
// (and its print view), and one booking's record with the staff's corrections.
import type { Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ActionMessages, CsrfField, ErrorSummary, SummaryList, TextArea, TextField, type FieldErrors } from '../platform/ui/forms.tsx';
import { Table } from '../platform/ui/table.tsx';
import { allergenLabels, type Allergen } from '../profiles/form.ts';
import { hoursOfDayText, momentText } from '../reservations/list-texts.ts';
import type { AttendanceRecord, Correction, RosterRow } from './queries.ts';
import { rosterStatus, tokyoTime, type RosterStatus } from './rules.ts';
import type { CheckVia } from './tables.ts';
import { attendanceTexts } from './texts.ts';

export const ATTENDANCE_PATH = '/facility/attendance';
export const QR_PATH = `${ATTENDANCE_PATH}/qr`;
export const PRINT_PATH = `${ATTENDANCE_PATH}/print`;
export const recordPath = (reservationId: string) => `${ATTENDANCE_PATH}/${reservationId}`;

/** Seconds between reloads of the QR page when JavaScript is off (the script swaps the code in place). */
export const QR_RELOAD_SECONDS = 15;

const styles = <link rel="stylesheet" href="/static/attendance.css" />;

/** The card on the facility's start page. */
export interface QrView {
  facilityName: string;
  /** data:image/png;base64,… of the URL with this minute's token. */
  image: string;
  url: string;
  code: string;
  shownAt: Date;
}

export function QrFigure({ ctx, qr }: { ctx: PageContext; qr: QrView }) {
  const t = attendanceTexts(ctx.lang);
  return (
    <figure class="qr" data-qr>
      <img src={qr.image} alt={t.qrAlt(qr.facilityName)} width="320" height="320" data-qa="qr-image" data-url={qr.url} />
      <figcaption>
        <span class="qr-code-label" safe>
          {t.qrCode}
        </span>
        <strong class="qr-short-code" data-qa="short-code" safe>
          {`${qr.code.slice(0, 3)} ${qr.code.slice(3)}`}
        </strong>
        <span class="qr-shown-at" safe>
          {t.qrShownAt(tokyoTime(qr.shownAt))}
        </span>
      </figcaption>
    </figure>
  );
}

export function QrPage({ ctx, qr }: { ctx: PageContext; qr: QrView }) {
  const t = attendanceTexts(ctx.lang);
  return (
    <Layout
      ctx={ctx}
      title={t.qrTitle}
      safeHead={
        <>
          <noscript>
            <meta http-equiv="refresh" content={String(QR_RELOAD_SECONDS)} />
          </noscript>
          {styles}
        </>
      }
    >
      <p class="no-print">
        <a href={ATTENDANCE_PATH} safe>
          {t.rosterTitle}
        </a>
      </p>
      <h1 safe>{t.qrTitle}</h1>
      <p class="lead" safe>{qr.facilityName}</p>
      <p safe>{t.qrLead}</p>
      <div data-qr-slot>
        <QrFigure ctx={ctx} qr={qr} />
      </div>
      <p safe>{t.qrRefresh}</p>
      <script type="module" src="/static/attendance-qr.js"></script>
    </Layout>
  );
}

function allergyText(row: Pick<RosterRow, 'allergens' | 'allergySeverity' | 'allergyNotes'>, lang: Lang): string {
  const t = attendanceTexts(lang);
  if (row.allergens.length === 0 && !row.allergyNotes) return t.none;
  const names = row.allergens.map((a) => allergenLabels[lang][a as Allergen] ?? a).join(lang === 'ja' ? '、' : ', ');
  const severity = row.allergySeverity ? (lang === 'ja' ? `（${t.severity[row.allergySeverity]}）` : ` (${t.severity[row.allergySeverity]})`) : '';
  return [names + severity, row.allergyNotes].filter(Boolean).join('\n');
}

function viaText(via: CheckVia | null, lang: Lang): string {
  const t = attendanceTexts(lang);
  return via === 'qr' ? t.viaQr : via === 'staff' ? t.viaStaff : '';
}

/** 9:02（QR） / 9:02 (QR) */
function withVia(at: Date, via: CheckVia | null, lang: Lang): string {
  return lang === 'ja' ? `${tokyoTime(at)}（${viaText(via, lang)}）` : `${tokyoTime(at)} (${viaText(via, lang)})`;
}

function inOutText(row: Pick<RosterRow, 'checkedInAt' | 'checkedOutAt' | 'checkedInVia' | 'checkedOutVia'>, lang: Lang): string {
  const part = (at: Date | null, via: CheckVia | null) => (at ? withVia(at, via, lang) : '—');
  return `${part(row.checkedInAt, row.checkedInVia)} / ${part(row.checkedOutAt, row.checkedOutVia)}`;
}

function StatusTag({ status, provisional, lang }: { status: RosterStatus; provisional: boolean; lang: Lang }) {
  const t = attendanceTexts(lang);
  return (
    <>
      <span class="status" data-status={status} data-qa="roster-status" safe>
        {t.statuses[status]}
      </span>
      {provisional ? <span class="status-reason" safe>{t.provisional}</span> : ''}
    </>
  );
}

function MultiLine({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, i) => (
        <>
          {i > 0 ? <br /> : ''}
          <span safe>{line}</span>
        </>
      ))}
    </>
  );
}

function rosterColumns(lang: Lang, withLinks: boolean) {
  const t = attendanceTexts(lang);
  return [
    {
      header: t.colChild,
      cell: (r: RosterRow) =>
        withLinks ? (
          <a href={recordPath(r.reservationId)} data-qa="roster-child">
            <span safe>{r.childName}</span>
            <span class="visually-hidden" safe>{`（${t.open}）`}</span>
          </a>
        ) : (
          <span safe>{r.childName}</span>
        ),
    },
    { header: t.colTime, text: (r: RosterRow) => hoursOfDayText(r.time, lang) },
    { header: t.colAge, text: (r: RosterRow) => (r.ageClass === null ? '' : t.ageClass(r.ageClass)) },
    { header: t.colAllergy, cell: (r: RosterRow) => <MultiLine text={allergyText(r, lang)} /> },
    {
      header: t.colEpipen,
      cell: (r: RosterRow) => (
        <span class={r.epinephrine ? 'epipen-held' : ''} safe>
          {r.epinephrine ? t.epipenHeld : t.epipenNone}
        </span>
      ),
    },
    { header: t.colPickup, text: (r: RosterRow) => t.pickupOf(r.pickup) },
    { header: t.colStatus, cell: (r: RosterRow) => <StatusTag status={r.status} provisional={r.reservationStatus === 'provisional'} lang={lang} /> },
    { header: t.colInOut, text: (r: RosterRow) => inOutText(r, lang) },
  ];
}

export function RosterPage(props: { ctx: PageContext; facilityName: string; day: string; rows: RosterRow[] }) {
  const { ctx } = props;
  const t = attendanceTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.rosterTitle} safeHead={styles}>
      <p>
        <a href="/facility" safe>
          {t.backToFacility}
        </a>
      </p>
      <h1 safe>{t.rosterTitle}</h1>
      <p class="lead" safe>{`${props.facilityName}　${t.rosterDate(props.day)}`}</p>
      <p safe>{t.rosterLead}</p>
      <ul class="inline-links">
        <li>
          <a href={QR_PATH} safe>
            {t.qrTitle}
          </a>
        </li>
        <li>
          <a href={PRINT_PATH} data-qa="roster-print" safe>
            {t.print}
          </a>
        </li>
      </ul>
      {props.rows.length === 0 ? (
        <p data-qa="roster-empty" safe>{t.rosterNone}</p>
      ) : (
        <Table id="roster" caption={t.rosterDate(props.day)} rows={props.rows} columns={rosterColumns(ctx.lang, true)} />
      )}
    </Layout>
  );
}

export function PrintPage(props: { ctx: PageContext; facilityName: string; day: string; rows: RosterRow[] }) {
  const { ctx } = props;
  const t = attendanceTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={`${t.rosterTitle}（${t.print}）`} safeHead={styles}>
      <div class="print-view">
        <p class="no-print">
          <a href={ATTENDANCE_PATH} safe>
            {t.backToRoster}
          </a>
        </p>
        <p class="no-print" safe>{t.printLead}</p>
        <h1 safe>{`${props.facilityName}　${t.rosterDate(props.day)}`}</h1>
        {props.rows.length === 0 ? (
          <p safe>{t.rosterNone}</p>
        ) : (
          <Table id="roster-print" caption={t.rosterDate(props.day)} rows={props.rows} columns={rosterColumns(ctx.lang, false)} />
        )}
      </div>
    </Layout>
  );
}

export interface RecordForm {
  checkedIn: string;
  checkedOut: string;
  reason: string;
  /** What the form showed (ISO instants or ''), for compare-and-set. */
  shownIn: string;
  shownOut: string;
}

export const formOf = (record: AttendanceRecord): RecordForm => ({
  checkedIn: record.checkedInAt ? tokyoTime(record.checkedInAt) : '',
  checkedOut: record.checkedOutAt ? tokyoTime(record.checkedOutAt) : '',
  reason: '',
  shownIn: record.checkedInAt?.toISOString() ?? '',
  shownOut: record.checkedOutAt?.toISOString() ?? '',
});

function correctionText(c: Correction, lang: Lang): string {
  const t = attendanceTexts(lang);
  const field = t.fields[c.field];
  if (c.field === 'no_show' || c.field === 'same_day_cancel') return c.newValue ? field : `${field}${lang === 'ja' ? 'を取り消し' : ' taken back'}`;
  const value = (at: Date | null) => (at ? tokyoTime(at) : t.empty);
  return t.change(field, value(c.oldValue), value(c.newValue));
}

export type RecordForms = 'times' | 'absent' | 'cancel';

/**
 * Why a form of the record page is not shown (the same reasons its transaction refuses with), or
 * undefined when it is: a first interview, a day still to come, a booking not confirmed, a child
 * who has come or been marked 欠席, a cancellation on another day than the day of use.
 */
export function formClosed(record: AttendanceRecord, today: string, form: RecordForms): StaffProblem | undefined {
  const day = record.time.date.toString();
  if (record.kind === 'interview') return 'not-use';
  if (day > today) return 'not-begun';
  if (record.reservationStatus !== 'confirmed') return 'cancelled';
  if (form === 'times') return undefined;
  if (record.checkedInAt) return 'checked-in';
  if (record.noShowAt) return 'absent';
  if (form === 'cancel' && day !== today) return 'not-today';
  return undefined;
}

export type StaffProblem = 'not-use' | 'not-begun' | 'cancelled' | 'checked-in' | 'absent' | 'not-today';

export interface RecordPageProps {
  ctx: PageContext;
  record: AttendanceRecord;
  now: Date;
  today: string;
  form: RecordForm;
  errors: FieldErrors;
  /** Which form the errors belong to. */
  errorsFor?: 'times' | 'absent' | 'cancel';
  absentReason?: string;
  cancelReason?: string;
  notice?: string | undefined;
  problem?: string | undefined;
}

export function RecordPage(props: RecordPageProps) {
  const { ctx, record } = props;
  const lang = ctx.lang;
  const t = attendanceTexts(lang);
  const status = rosterStatus(record, props.now);
  const closed = (form: RecordForms) => formClosed(record, props.today, form);
  const errorsFor = props.errorsFor ?? 'times';
  const errorsOf = (form: 'times' | 'absent' | 'cancel') => (errorsFor === form ? props.errors : {});
  return (
    <Layout ctx={ctx} title={t.recordOf(record.childName)} hasErrors={Object.keys(props.errors).length > 0} safeHead={styles}>
      <p>
        <a href={ATTENDANCE_PATH} safe>
          {t.backToRoster}
        </a>
      </p>
      <ErrorSummary errors={props.errors} lang={lang} />
      <h1 safe>{t.recordOf(record.childName)}</h1>
      <ActionMessages notice={props.notice} problem={props.problem} qa />
      <SummaryList
        rows={[
          { key: t.colTime, value: `${record.time.date.format(lang, { weekday: true })} ${hoursOfDayText(record.time, lang)}` },
          { key: t.colAge, value: record.ageClass === null ? '' : t.ageClass(record.ageClass) },
          { key: t.colPickup, value: t.pickupOf(record.pickup) },
          { key: t.colStatus, value: t.statuses[status] + (record.reservationStatus === 'provisional' ? t.provisional : '') },
          { key: t.checkedIn, value: record.checkedInAt ? withVia(record.checkedInAt, record.checkedInVia, lang) : t.notRecorded },
          { key: t.checkedOut, value: record.checkedOutAt ? withVia(record.checkedOutAt, record.checkedOutVia, lang) : t.notRecorded },
        ]}
      />
      {closed('times') === 'not-use' ? (
        <p safe>{t.notUse}</p>
      ) : closed('times') === 'not-begun' ? (
        <p data-qa="not-begun" safe>{t.notBegun}</p>
      ) : closed('times') === 'cancelled' ? (
        <p safe>{t.cancelled}</p>
      ) : (
        <>
          <section class="card" aria-labelledby="times-heading">
            <h2 id="times-heading" safe>
              {t.timesTitle}
            </h2>
            <p safe>{t.timesLead}</p>
            <form method="post" action={`${recordPath(record.reservationId)}/times`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="shownIn" value={props.form.shownIn} />
              <input type="hidden" name="shownOut" value={props.form.shownOut} />
              <TextField name="checkedIn" label={t.inLabel} hint={t.timeHint} value={props.form.checkedIn} error={errorsOf('times').checkedIn} lang={lang} inputmode="numeric" width="short" maxlength={5} />
              <TextField name="checkedOut" label={t.outLabel} hint={t.timeHint} value={props.form.checkedOut} error={errorsOf('times').checkedOut} lang={lang} inputmode="numeric" width="short" maxlength={5} />
              <TextArea name="reason" label={t.reasonLabel} hint={t.reasonHint} value={props.form.reason} error={errorsOf('times').reason} lang={lang} maxlength={500} required />
              <button type="submit" data-qa="save-times" safe>
                {t.save}
              </button>
            </form>
          </section>
          {!closed('absent') ? (
            <section class="card" aria-labelledby="absent-heading">
              <h2 id="absent-heading" safe>
                {t.absentTitle}
              </h2>
              <p safe>{t.absentLead}</p>
              <form method="post" action={`${recordPath(record.reservationId)}/absent`} novalidate>
                <CsrfField token={ctx.csrfToken} />
                <TextArea name="absentReason" label={t.reasonLabel} value={props.absentReason ?? ''} error={errorsOf('absent').absentReason} lang={lang} maxlength={500} required />
                <button type="submit" data-variant="secondary" data-qa="mark-absent" safe>
                  {t.absentSubmit}
                </button>
              </form>
            </section>
          ) : (
            ''
          )}
          {!closed('cancel') ? (
            <section class="card" aria-labelledby="cancel-heading">
              <h2 id="cancel-heading" safe>
                {t.cancelTitle}
              </h2>
              <p safe>{t.cancelLead}</p>
              <form method="post" action={`${recordPath(record.reservationId)}/cancel`} novalidate>
                <CsrfField token={ctx.csrfToken} />
                <TextArea name="cancelReason" label={t.reasonLabel} value={props.cancelReason ?? ''} error={errorsOf('cancel').cancelReason} lang={lang} maxlength={500} required />
                <button type="submit" data-variant="secondary" data-qa="same-day-cancel" safe>
                  {t.cancelSubmit}
                </button>
              </form>
            </section>
          ) : (
            ''
          )}
        </>
      )}
      <h2 safe>{t.historyTitle}</h2>
      {record.corrections.length === 0 ? (
        <p data-qa="history-empty" safe>{t.historyNone}</p>
      ) : (
        <Table
          id="corrections"
          caption={t.historyTitle}
          rows={record.corrections}
          columns={[
            { header: t.colWhen, text: (c) => momentText(c.at, lang) },
            { header: t.colWho, text: (c) => c.by },
            { header: t.colWhat, text: (c) => correctionText(c, lang) },
            { header: t.colReason, text: (c) => c.reason },
          ]}
        />
      )}
    </Layout>
  );
}
