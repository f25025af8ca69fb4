// 利用料減免の申請 for the guardian (linked from マイページ): each child's reduction now, the
// applications and their state (審査中 / 認定 / 却下 with the reason), and the form to apply with
// evidence files.
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ActionMessages, Checkbox, CsrfField, ErrorSummary, FileField, RadioGroup, TextArea, type FieldErrors } from '../platform/ui/forms.tsx';
import { Table, type Column } from '../platform/ui/table.tsx';
import type { Lang } from '../platform/i18n.ts';
import { CalendarDate } from '../platform/time.ts';
import type { ReductionCategory } from '../attendance/tables.ts';
import { APPLY_PATH, type ApplicationSummary, type GuardianChild } from './application-queries.ts';
import { applicationTexts, statusLabels } from './application-texts.ts';
import { REDUCTION_CATEGORIES, REDUCTION_PER_HOUR, isTaxBased } from './rules.ts';
import { categoryLabels, feeTexts, yenText } from './texts.ts';
import { FeeStyles } from './facility-views.tsx';

export const EVIDENCE_MAX_MB = 5;
export const EVIDENCE_MAX_FILES = 3;
export const EVIDENCE_ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';

export interface ApplyAnswers {
  child: string;
  category: string;
  note: string;
  declared: boolean;
  /** The form's one-time key (a double submit finds the first application). */
  key: string;
}

function periodText(from: CalendarDate, until: CalendarDate | undefined, lang: Lang): string {
  return feeTexts(lang).periodValue(from.format(lang), until?.format(lang));
}

function ChildReductions({ child, today, lang }: { child: GuardianChild; today: CalendarDate; lang: Lang }) {
  const t = applicationTexts(lang);
  const current = child.reductions.find((r) => !today.isBefore(r.effectiveFrom) && (r.effectiveUntil === undefined || !today.isAfter(r.effectiveUntil)));
  const coming = child.reductions.filter((r) => r.effectiveFrom.isAfter(today));
  return (
    <div>
      <dt safe>{child.name}</dt>
      <dd data-qa="current-reduction" safe>
        {current ? t.currentValue(categoryLabels[lang][current.category], periodText(current.effectiveFrom, current.effectiveUntil, lang)) : t.currentNone}
      </dd>
      {coming.map((r) => (
        <dd safe>{t.upcoming(categoryLabels[lang][r.category], periodText(r.effectiveFrom, r.effectiveUntil, lang))}</dd>
      ))}
    </div>
  );
}

export function ApplyPage(props: {
  ctx: PageContext;
  today: CalendarDate;
  children: GuardianChild[];
  applications: ApplicationSummary[];
  answers: ApplyAnswers;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const { ctx, today, children, applications, answers, errors } = props;
  const lang = ctx.lang;
  const t = applicationTexts(lang);
  const f = feeTexts(lang);
  const hasErrors = Object.keys(errors).length > 0;
  const columns: Column<ApplicationSummary>[] = [
    { header: t.submittedOn, text: (a) => CalendarDate.inTokyo(a.submittedAt).format(lang) },
    { header: t.child, text: (a) => a.childName },
    { header: t.category, text: (a) => categoryLabels[lang][a.category] },
    {
      header: t.status,
      cell: (a) => (
        <span class="application-status" data-qa="application-status" data-status={a.status} safe>
          {a.status === 'approved' && a.effectiveFrom
            ? t.approvedValue(periodText(a.effectiveFrom, a.effectiveUntil, lang))
            : a.status === 'rejected'
              ? t.rejectedValue(a.reason ?? '')
              : statusLabels[lang][a.status]}
        </span>
      ),
    },
  ];
  const categoryOption = (c: ReductionCategory) => ({
    value: c,
    label: categoryLabels[lang][c],
    hint: isTaxBased(c) ? t.taxHint(yenText(REDUCTION_PER_HOUR[c], lang)) : f.perHourReduction(yenText(REDUCTION_PER_HOUR[c], lang)),
  });
  return (
    <Layout ctx={ctx} title={t.applyTitle} hasErrors={hasErrors}>
      <FeeStyles />
      <ErrorSummary errors={errors} lang={lang} />
      <h1 safe>{t.applyTitle}</h1>
      <ActionMessages notice={props.notice} qa />
      <p class="lead" safe>{t.applyLead}</p>
      <p safe>{t.taxNote}</p>
      <h2 safe>{t.childrenHeading}</h2>
      {children.length === 0 ? (
        <p safe>{t.noChildren}</p>
      ) : (
        <dl class="summary">
          {children.map((c) => (
            <ChildReductions child={c} today={today} lang={lang} />
          ))}
        </dl>
      )}
      <h2 safe>{t.applicationsHeading}</h2>
      {applications.length === 0 ? <p safe>{t.noApplications}</p> : <Table id="reduction-applications" caption={t.applicationsHeading} columns={columns} rows={applications} />}
      {children.length > 0 ? (
        <section class="card spaced" aria-labelledby="apply-heading">
          <h2 id="apply-heading" safe>{t.formHeading}</h2>
          <form method="post" action={APPLY_PATH} enctype="multipart/form-data" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="key" value={answers.key} />
            <RadioGroup name="child" label={t.child} lang={lang} required value={answers.child} error={errors.child} options={children.map((c) => ({ value: c.id, label: c.name }))} />
            <RadioGroup name="category" label={t.category} lang={lang} required value={answers.category} error={errors.category} options={REDUCTION_CATEGORIES.map(categoryOption)} />
            <TextArea name="note" label={t.note} hint={t.noteHint} lang={lang} value={answers.note} error={errors.note} maxlength={1000} />
            {/* After the typed fields: the parts after too many files are not read, and only the box below follows. */}
            <FileField
              name="evidence"
              label={t.evidence}
              hint={t.evidenceHint(EVIDENCE_MAX_MB, EVIDENCE_MAX_FILES)}
              lang={lang}
              required
              accept={EVIDENCE_ACCEPT}
              multiple
              error={errors.evidence}
              chooseAgain={hasErrors ? t.chooseAgain : undefined}
            />
            <Checkbox name="declared" label={t.declaration} lang={lang} required checked={answers.declared} error={errors.declared} />
            <button type="submit" data-qa="apply-reduction" safe>
              {t.submitButton}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      <p>
        <a href="/mypage" safe>
          {t.backToMypage}
        </a>
      </p>
    </Layout>
  );
}
