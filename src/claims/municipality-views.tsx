// The municipality's claims (給付費請求の審査): claims addressed to it from any facility, by month
// and status; one claim line by line with 差し戻す (comment required), 承認する, 支払を記録; CSV.
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ActionMessages, CsrfField, DateField, ErrorSummary, TextArea, TextField, type FieldErrors } from '../platform/ui/forms.tsx';
import { Table, type Column } from '../platform/ui/table.tsx';
import type { CalendarDate } from '../platform/time.ts';
import type { DateParts } from '../platform/validation.ts';
import { monthText, yenText } from '../fees/texts.ts';
import { CsvDownload } from '../fees/facility-views.tsx';
import type { ClaimEvent, ClaimHead, StoredLine } from './queries.ts';
import { CLAIM_STATUSES, UNDER_REVIEW } from './rules.ts';
import type { ClaimStatus } from './tables.ts';
import { ClaimStyles, ClaimSummary, History, LinesTable } from './shared-views.tsx';
import { claimTexts, inParens, statusLabels } from './texts.ts';
import { yearMonthOf } from '../platform/time.ts';

export const MUNICIPALITY_CLAIMS_PATH = '/municipality/claims';
export const municipalityClaimPath = (id: string) => `${MUNICIPALITY_CLAIMS_PATH}/${id}`;

export function MunicipalityClaimsPage(props: { ctx: PageContext; month: CalendarDate | undefined; status: ClaimStatus | undefined; claims: ClaimHead[] }) {
  const { ctx, month, status } = props;
  const lang = ctx.lang;
  const t = claimTexts(lang);
  const columns: Column<ClaimHead>[] = [
    { header: t.month, text: (c) => monthText(c.month, lang) },
    {
      header: t.facility,
      cell: (c) => (
        <a href={municipalityClaimPath(c.id)} data-qa="claim-link" safe>
          {c.facilityName}
        </a>
      ),
    },
    { header: t.status, cell: (c) => <span class="claim-status" safe>{statusLabels[lang][c.status]}</span> },
    { header: t.total, text: (c) => yenText(c.totalYen ?? 0, lang) },
    { header: t.paid, text: (c) => (c.paidOn && c.paidYen !== null ? t.paidText(c.paidOn.format(lang), yenText(c.paidYen, lang)) : '') },
  ];
  const statuses = CLAIM_STATUSES.filter((s) => s !== 'draft');
  return (
    <Layout ctx={ctx} title={t.municipalityTitle}>
      <ClaimStyles />
      <h1 safe>{t.municipalityTitle}</h1>
      <p class="lead" safe>{t.municipalityLead}</p>
      <form method="get" action={MUNICIPALITY_CLAIMS_PATH} class="day-form">
        <div class="field">
          <label for="claims-month" safe>{t.month}</label>
          <input type="month" id="claims-month" name="month" value={month ? yearMonthOf(month) : ''} placeholder="2026-10" />
        </div>
        <div class="field">
          <label for="claims-status" safe>{t.status}</label>
          <select id="claims-status" name="status">
            <option value="" selected={!status} safe>{t.allStatuses}</option>
            {statuses.map((s) => (
              <option value={s} selected={s === status} safe>{statusLabels[lang][s]}</option>
            ))}
          </select>
        </div>
        <button type="submit" data-variant="secondary" safe>
          {t.show}
        </button>
      </form>
      {props.claims.length === 0 ? <p safe>{t.noClaimsMunicipality}</p> : <Table id="claims" caption={t.municipalityTitle} columns={columns} rows={props.claims} />}
      {month ? (
        <CsvDownload action={`${MUNICIPALITY_CLAIMS_PATH}/csv`} month={month} lang={lang} heading={t.csvHeading + inParens(monthText(month, lang), lang)} lead={t.csvLead} />
      ) : (
        ''
      )}
    </Layout>
  );
}

export interface ReviewAnswers {
  comment: string;
  paidOn: DateParts;
  paidYen: string;
}

export function MunicipalityClaimPage(props: {
  ctx: PageContext;
  claim: ClaimHead;
  lines: StoredLine[];
  events: ClaimEvent[];
  answers: ReviewAnswers;
  errors: FieldErrors;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { ctx, claim } = props;
  const lang = ctx.lang;
  const t = claimTexts(lang);
  const what = monthText(claim.month, lang);
  const path = municipalityClaimPath(claim.id);
  const reviewing = UNDER_REVIEW.includes(claim.status);
  return (
    <Layout ctx={ctx} title={t.claimTitle(claim.facilityName, what)} hasErrors={Object.keys(props.errors).length > 0}>
      <ClaimStyles />
      <h1 safe>{t.claimTitle(claim.facilityName, what)}</h1>
      <ErrorSummary errors={props.errors} lang={lang} />
      <ActionMessages notice={props.notice} problem={props.problem} qa />
      <ClaimSummary claim={claim} totalYen={claim.totalYen ?? 0} lang={lang} />
      <h2 safe>{t.linesHeading}</h2>
      <p class="hint" safe>{t.frozenNote}</p>
      <LinesTable lines={props.lines} lang={lang} />
      {reviewing ? (
        <div class="claim-forms">
          <section class="card" aria-labelledby="claim-approve">
            <h2 id="claim-approve" safe>{t.approveHeading}</h2>
            <form method="post" action={`${path}/approve`}>
              <CsrfField token={ctx.csrfToken} />
              <p safe>{t.approveLead}</p>
              <button type="submit" data-qa="claim-approve" safe>{t.approveButton}</button>
            </form>
          </section>
          <section class="card" aria-labelledby="claim-return">
            <h2 id="claim-return" safe>{t.returnHeading}</h2>
            <form method="post" action={`${path}/return`}>
              <CsrfField token={ctx.csrfToken} />
              <TextArea name="comment" label={t.comment} lang={lang} required value={props.answers.comment} error={props.errors.comment} maxlength={1000} />
              <button type="submit" data-variant="secondary" data-qa="claim-return" safe>{t.returnButton}</button>
            </form>
          </section>
        </div>
      ) : (
        ''
      )}
      {claim.status === 'approved' ? (
        <section class="card spaced" aria-labelledby="claim-payment">
          <h2 id="claim-payment" safe>{t.paymentHeading}</h2>
          <form method="post" action={`${path}/payment`}>
            <CsrfField token={ctx.csrfToken} />
            <DateField name="paidOn" label={t.paidOn} lang={lang} required value={props.answers.paidOn} error={props.errors.paidOn} />
            <TextField name="paidYen" label={t.paidAmount} lang={lang} required inputmode="numeric" width="short" value={props.answers.paidYen} error={props.errors.paidYen} maxlength={10} />
            <button type="submit" data-qa="claim-pay" safe>{t.recordPayment}</button>
          </form>
        </section>
      ) : (
        ''
      )}
      <History events={props.events} lang={lang} />
      <p>
        <a href={`${MUNICIPALITY_CLAIMS_PATH}?month=${yearMonthOf(claim.month)}`} safe>
          {t.back}
        </a>
      </p>
    </Layout>
  );
}

/** On the municipality's start page: how many claims wait for review. */
export function MunicipalityClaimsCard({ ctx, waiting }: { ctx: PageContext; waiting: number }) {
  const t = claimTexts(ctx.lang);
  return (
    <section class="card">
      <h2 safe>{t.municipalityTitle}</h2>
      <p data-qa="waiting-claims" safe>
        {t.waitingClaims(waiting)}
      </p>
      <a class="button" href="/municipality/claims" safe>
        {t.openClaims}
      </a>
    </section>
  );
}
