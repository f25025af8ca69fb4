// 利用料減免の申請 for the municipality's staff: the applications waiting (on 利用料減免), and one
// application with its evidence files to download, the child's reductions so far, and the decision
// (認定する from a date / 却下する with a reason).
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ActionMessages, CsrfField, DateField, ErrorSummary, SummaryList, TextArea, type FieldErrors } from '../platform/ui/forms.tsx';
import { Table, type Column } from '../platform/ui/table.tsx';
import { formatTokyoDateTime } from '../platform/clock.ts';
import type { Lang } from '../platform/i18n.ts';
import { CalendarDate } from '../platform/time.ts';
import type { DateParts } from '../platform/validation.ts';
import type { ApplicationDetail, ApplicationSummary } from './application-queries.ts';
import { applicationTexts, sizeText, statusLabels } from './application-texts.ts';
import type { Reduction } from './reduction-queries.ts';
import { isTaxBased, taxYearEnd } from './rules.ts';
import { categoryLabels, feeTexts } from './texts.ts';
import { FeeStyles } from './facility-views.tsx';

const BASE = '/municipality/fee-reductions';
export const applicationPath = (id: string) => `${BASE}/applications/${id}`;
export const approvePath = (id: string) => `${BASE}/applications/${id}/approve`;
export const rejectPath = (id: string) => `${BASE}/applications/${id}/reject`;
export const evidencePath = (id: string) => `${BASE}/evidence/${id}`;

/** The applications waiting, on the 利用料減免 page. */
export function PendingApplications({ pending, lang }: { pending: ApplicationSummary[]; lang: Lang }) {
  const t = applicationTexts(lang);
  const columns: Column<ApplicationSummary>[] = [
    {
      header: t.child,
      cell: (a) => (
        <a href={applicationPath(a.id)} data-qa="pending-application" safe>
          {a.childName}
        </a>
      ),
    },
    { header: t.category, text: (a) => categoryLabels[lang][a.category] },
    { header: t.submittedAt, text: (a) => formatTokyoDateTime(a.submittedAt) },
  ];
  return (
    <>
      <h2 safe>{t.pendingHeading}</h2>
      {pending.length === 0 ? <p safe>{t.noPending}</p> : <Table id="pending-applications" caption={t.pendingHeading} columns={columns} rows={pending} />}
    </>
  );
}

export interface ApproveAnswers {
  from: DateParts;
}

export function ApplicationPage(props: {
  ctx: PageContext;
  application: ApplicationDetail;
  reductions: Reduction[];
  approve: ApproveAnswers;
  reason: string;
  approveErrors: FieldErrors;
  rejectErrors: FieldErrors;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { ctx, application: a, reductions } = props;
  const lang = ctx.lang;
  const t = applicationTexts(lang);
  const f = feeTexts(lang);
  const status =
    a.status === 'pending' ? statusLabels[lang].pending : t.decisionValue(statusLabels[lang][a.status], a.decidedBy ?? '', a.decidedAt ? formatTokyoDateTime(a.decidedAt) : '');
  const history: Column<Reduction>[] = [
    { header: f.category, text: (r) => categoryLabels[lang][r.category] },
    { header: f.period, text: (r) => f.periodValue(r.effectiveFrom.format(lang), r.effectiveUntil?.format(lang)) },
  ];
  const tax = isTaxBased(a.category);
  const shownFrom = CalendarDate.fromParts(Number(props.approve.from.year), Number(props.approve.from.month), Number(props.approve.from.day));
  return (
    <Layout ctx={ctx} title={t.applicationTitle(a.childName)} hasErrors={Object.keys(props.approveErrors).length + Object.keys(props.rejectErrors).length > 0}>
      <FeeStyles />
      <ErrorSummary errors={{ ...props.approveErrors, ...props.rejectErrors }} lang={lang} />
      <h1 safe>{t.applicationTitle(a.childName)}</h1>
      <ActionMessages notice={props.notice} problem={props.problem} qa />
      <SummaryList
        rows={[
          { key: t.status, value: a.status === 'rejected' ? [status, `${t.reason}：${a.reason ?? ''}`] : status },
          { key: t.category, value: categoryLabels[lang][a.category] },
          ...(a.status === 'approved' && a.effectiveFrom ? [{ key: f.period, value: f.periodValue(a.effectiveFrom.format(lang), a.effectiveUntil?.format(lang)) }] : []),
          { key: f.kana, value: a.childKana },
          { key: f.birthDate, value: CalendarDate.from(a.birthDate).format(lang) },
          { key: f.certification, value: a.certificationNumber },
          { key: t.guardian, value: a.guardianName },
          { key: t.submittedAt, value: formatTokyoDateTime(a.submittedAt) },
          { key: t.noteShown, value: a.note || t.noNote },
        ]}
      />
      <h2 safe>{t.evidenceHeading}</h2>
      <p safe>{t.evidenceLead}</p>
      {a.evidence.length === 0 ? (
        <p safe>{t.noEvidence}</p>
      ) : (
        <ul>
          {a.evidence.map((e) => (
            <li>
              <a href={evidencePath(e.id)} download="" data-qa="evidence-link" safe>
                {t.download(e.position)}
              </a>{' '}
              <span safe>{`${e.fileName}（${t.evidenceLine(t.typeLabel[e.type] ?? e.type, sizeText(e.sizeBytes))}）`}</span>
            </li>
          ))}
        </ul>
      )}
      <h2 safe>{t.currentReductions}</h2>
      {reductions.length === 0 ? <p safe>{f.noHistory}</p> : <Table id="reductions" caption={t.currentReductions} columns={history} rows={reductions} />}
      {a.status === 'pending' ? (
        <div class="decision-forms">
          <section class="card spaced" aria-labelledby="approve-heading">
            <h2 id="approve-heading" safe>{t.approveHeading}</h2>
            <form method="post" action={approvePath(a.id)} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <DateField name="from" label={t.approveFrom} hint={t.approveHint} lang={lang} required value={props.approve.from} error={props.approveErrors.from} />
              {tax ? (
                <p data-qa="tax-until" safe>
                  {t.approveTaxUntil(taxYearEnd(shownFrom ?? CalendarDate.inTokyo(a.submittedAt)).format(lang))}
                </p>
              ) : (
                ''
              )}
              <button type="submit" data-qa="approve-application" safe>
                {t.approveButton}
              </button>
            </form>
          </section>
          <section class="card spaced" aria-labelledby="reject-heading">
            <h2 id="reject-heading" safe>{t.rejectHeading}</h2>
            <form method="post" action={rejectPath(a.id)} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextArea name="reason" label={t.reason} hint={t.reasonHint} lang={lang} required value={props.reason} error={props.rejectErrors.reason} maxlength={500} />
              <button type="submit" data-variant="secondary" data-qa="reject-application" safe>
                {t.rejectButton}
              </button>
            </form>
          </section>
        </div>
      ) : (
        ''
      )}
      <p>
        <a href={BASE} safe>
          {f.backToReductions}
        </a>
      </p>
    </Layout>
  );
}
