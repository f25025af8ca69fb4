// 利用料減免 for the municipality's staff: find a child, see the reduction periods, record a category
// from a date, end the running one; the guardians' applications waiting are listed first
// (municipality-application-views.tsx).
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ActionMessages, CsrfField, DateField, ErrorSummary, RadioGroup, SummaryList, type FieldErrors } from '../platform/ui/forms.tsx';
import { Table, type Column } from '../platform/ui/table.tsx';
import { formatTokyoDateTime } from '../platform/clock.ts';
import type { DateParts } from '../platform/validation.ts';
import type { ReductionCategory } from '../attendance/tables.ts';
import { REDUCTION_CATEGORIES, REDUCTION_PER_HOUR } from './rules.ts';
import type { Reduction, ReductionChild, ReductionListRow } from './reduction-queries.ts';
import { categoryLabels, feeTexts, yenText } from './texts.ts';
import { FeeStyles } from './facility-views.tsx';
import { CalendarDate } from '../platform/time.ts';
import type { ApplicationSummary } from './application-queries.ts';
import { PendingApplications } from './municipality-application-views.tsx';

export const REDUCTIONS_PATH = '/municipality/fee-reductions';
export const childReductionsPath = (childId: string) => `${REDUCTIONS_PATH}/${childId}`;
export const endReductionPath = (childId: string) => `${REDUCTIONS_PATH}/${childId}/end`;

export function ReductionListPage(props: { ctx: PageContext; search: string; rows: ReductionListRow[]; pending: ApplicationSummary[] }) {
  const { ctx, search, rows } = props;
  const lang = ctx.lang;
  const t = feeTexts(lang);
  const columns: Column<ReductionListRow>[] = [
    {
      header: t.child,
      cell: (r) => (
        <a href={childReductionsPath(r.id)} safe>
          {r.name}
        </a>
      ),
    },
    { header: t.kana, text: (r) => r.nameKana },
    { header: t.birthDate, text: (r) => CalendarDate.from(r.birthDate).format(lang) },
    { header: t.certification, text: (r) => r.certificationNumber },
    { header: t.currentCategory, text: (r) => (r.current ? categoryLabels[lang][r.current] : t.noReduction) },
  ];
  const heading = search ? t.searchResults(search) : t.withReductions;
  return (
    <Layout ctx={ctx} title={t.reductionsTitle}>
      <FeeStyles />
      <h1 safe>{t.reductionsTitle}</h1>
      <p class="lead" safe>{t.reductionsLead}</p>
      <PendingApplications pending={props.pending} lang={lang} />
      <h2 safe>{t.findChild}</h2>
      <form method="get" action={REDUCTIONS_PATH} class="day-form" role="search">
        <div class="field">
          <label for="reduction-search" safe>{t.search}</label>
          <span class="hint" id="reduction-search-hint" safe>{t.searchHint}</span>
          <input type="search" id="reduction-search" name="q" value={search} maxlength="100" aria-describedby="reduction-search-hint" />
        </div>
        <button type="submit" data-variant="secondary" safe>
          {t.searchButton}
        </button>
      </form>
      <h2 safe>{heading}</h2>
      {rows.length === 0 ? <p safe>{t.noResults}</p> : <Table id="reduction-children" caption={heading} columns={columns} rows={rows} />}
    </Layout>
  );
}

export interface RecordAnswers {
  category: string;
  from: DateParts;
}

export interface EndAnswers {
  until: DateParts;
}

export function ChildReductionsPage(props: {
  ctx: PageContext;
  child: ReductionChild;
  reductions: Reduction[];
  record: RecordAnswers;
  end: EndAnswers;
  recordErrors: FieldErrors;
  endErrors: FieldErrors;
  notice?: string | undefined;
  /** The reduction the end form was posted for (shown again with its message); else the running one. */
  endFor?: string | undefined;
}) {
  const { ctx, child, reductions } = props;
  const lang = ctx.lang;
  const t = feeTexts(lang);
  const open = reductions.find((r) => r.id === props.endFor) ?? reductions.find((r) => r.effectiveUntil === undefined);
  const columns: Column<Reduction>[] = [
    { header: t.category, text: (r) => categoryLabels[lang][r.category] },
    { header: t.period, text: (r) => t.periodValue(r.effectiveFrom.format(lang), r.effectiveUntil?.format(lang)) },
    { header: t.recordedBy, text: (r) => `${r.recordedBy}（${formatTokyoDateTime(r.recordedAt)}）` },
  ];
  const hasErrors = Object.keys(props.recordErrors).length > 0 || Object.keys(props.endErrors).length > 0;
  return (
    <Layout ctx={ctx} title={t.childReductions(child.name)} hasErrors={hasErrors}>
      <ErrorSummary errors={{ ...props.recordErrors, ...props.endErrors }} lang={lang} />
      <h1 safe>{t.childReductions(child.name)}</h1>
      <ActionMessages notice={props.notice} qa />
      <SummaryList
        rows={[
          { key: t.kana, value: child.nameKana },
          { key: t.birthDate, value: CalendarDate.from(child.birthDate).format(lang) },
          { key: t.certification, value: child.certificationNumber },
        ]}
      />
      <h2 safe>{t.history}</h2>
      {reductions.length === 0 ? <p safe>{t.noHistory}</p> : <Table id="reductions" caption={t.history} columns={columns} rows={reductions} />}
      <section class="card spaced" aria-labelledby="record-heading">
        <h2 id="record-heading" safe>{t.recordHeading}</h2>
        <form method="post" action={childReductionsPath(child.id)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <RadioGroup
            name="category"
            label={t.category}
            lang={lang}
            required
            value={props.record.category}
            error={props.recordErrors.category}
            options={REDUCTION_CATEGORIES.map((c: ReductionCategory) => ({ value: c, label: categoryLabels[lang][c], hint: t.perHourReduction(yenText(REDUCTION_PER_HOUR[c], lang)) }))}
          />
          <DateField name="from" label={t.effectiveFrom} hint={t.recordHint} lang={lang} required value={props.record.from} error={props.recordErrors.from} />
          <button type="submit" data-qa="record-reduction" safe>
            {t.recordButton}
          </button>
        </form>
      </section>
      {open ? (
        <section class="card spaced" aria-labelledby="end-heading">
          <h2 id="end-heading" safe>{t.endHeading}</h2>
          <p data-qa="open-reduction" safe>{`${categoryLabels[lang][open.category]}${lang === 'ja' ? '：' : ': '}${t.periodValue(open.effectiveFrom.format(lang), open.effectiveUntil?.format(lang))}`}</p>
          <form method="post" action={endReductionPath(child.id)} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="reduction" value={open.id} />
            <DateField name="until" label={t.effectiveUntil} hint={t.endHint} lang={lang} required value={props.end.until} error={props.endErrors.until} />
            <button type="submit" data-variant="secondary" data-qa="end-reduction" safe>
              {t.endButton}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      <p>
        <a href={REDUCTIONS_PATH} safe>
          {t.backToReductions}
        </a>
      </p>
    </Layout>
  );
}
