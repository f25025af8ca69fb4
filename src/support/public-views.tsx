// お客さまサポート for everyone: the support page, the manual, and the inquiry form with its
// confirmation and done pages.
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, SummaryList, TextArea, TextField, type FieldErrors } from '../platform/ui/forms.tsx';
import { PrefectureThenMunicipality } from '../platform/ui/places.tsx';
import { municipalityLabel } from '../applications/public-views.tsx';
import { CATEGORIES, supportTexts } from './texts.ts';
import { LIMITS, inquiryFields, type InquiryAnswers, type ValidInquiry } from './form.ts';
import { GUARDIAN_STEPS, MANUAL_FIGURES, ROLES, figureSrc, manualTexts, type ManualPage, type ManualRole } from './manual.ts';
import type { InquiryMunicipality } from './queries.ts';
import { figureSize } from './figures.ts';

export function SupportPage({ ctx }: { ctx: PageContext }) {
  const t = supportTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.supportTitle}>
      <h1 safe>{t.supportTitle}</h1>
      <p class="lead" safe>{t.supportLead}</p>
      <ul class="cards">
        <li class="card">
          <h2 safe>{t.manualTitle}</h2>
          <p safe>{t.manualLead}</p>
          <a class="button" href="/support/manual" safe>
            {t.manualOpen}
          </a>
        </li>
        <li class="card">
          <h2 safe>{t.inquiryTitle}</h2>
          <p safe>{t.inquiryLead}</p>
          <p safe>{t.inquiryNote}</p>
          <a class="button" href="/support/inquiry" safe>
            {t.inquiryOpen}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

// ---- 利用マニュアル ----

export const manualPath = (role: ManualRole) => `/support/manual/${role}`;
export const stepPath = (step: number) => `/support/manual/guardian/${step}`;

export function ManualIndexPage({ ctx }: { ctx: PageContext }) {
  const t = supportTexts(ctx.lang);
  const m = manualTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.manualTitle}>
      <p>
        <a href="/support" safe>
          {t.backToSupport}
        </a>
      </p>
      <h1 safe>{t.manualTitle}</h1>
      <p class="lead" safe>{t.manualRolesLead}</p>
      <ul class="cards">
        {ROLES.map((role) => (
          <li class="card">
            <h2>
              <a href={manualPath(role)} safe>
                {m.roleTitles[role]}
              </a>
            </h2>
            <p safe>{m.roleLeads[role]}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The guardian's manual: the nine steps of the guide, each a page of its own. */
export function GuardianManualPage({ ctx }: { ctx: PageContext }) {
  const t = supportTexts(ctx.lang);
  const m = manualTexts(ctx.lang);
  const title = t.roleManualTitle(m.roleTitles.guardian);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/support/manual" safe>
          {t.backToManual}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <p class="lead" safe>{m.roleLeads.guardian}</p>
      <h2 safe>{t.stepsTitle}</h2>
      <ol class="manual-toc">
        {GUARDIAN_STEPS.map((step) => {
          const page = m.guardianSteps[step - 1]!;
          return (
            <li>
              <a href={stepPath(step)} safe>
                {page.title}
              </a>
              {page.lead ? <p safe>{page.lead}</p> : ''}
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}

export function GuardianStepPage({ ctx, step, page }: { ctx: PageContext; step: number; page: ManualPage }) {
  const t = supportTexts(ctx.lang);
  const m = manualTexts(ctx.lang);
  const title = `${t.stepLabel(step)} ${page.title}`;
  const previous = step > 1 ? m.guardianSteps[step - 2] : undefined;
  const next = step < GUARDIAN_STEPS.length ? m.guardianSteps[step] : undefined;
  return (
    <Layout ctx={ctx} title={`${title} | ${t.manualTitle}`}>
      <p>
        <a href={manualPath('guardian')} safe>
          {t.roleManualTitle(m.roleTitles.guardian)}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ManualBody ctx={ctx} page={page} />
      <nav class="manual-pager" aria-label={t.stepsNav}>
        <ul>
          {previous ? (
            <li>
              <a href={stepPath(step - 1)} rel="prev">
                <span safe>{`← ${t.prevStep}`}</span>
                <span class="hint" safe>{`${t.stepLabel(step - 1)} ${previous.title}`}</span>
              </a>
            </li>
          ) : (
            ''
          )}
          <li>
            <a href={manualPath('guardian')} safe>
              {t.stepsTitle}
            </a>
          </li>
          {next ? (
            <li>
              <a href={stepPath(step + 1)} rel="next">
                <span safe>{`${t.nextStep} →`}</span>
                <span class="hint" safe>{`${t.stepLabel(step + 1)} ${next.title}`}</span>
              </a>
            </li>
          ) : (
            ''
          )}
        </ul>
      </nav>
    </Layout>
  );
}

/** The short manuals of facility and municipality staff, on one page each. */
export function StaffManualPage({ ctx, page }: { ctx: PageContext; page: ManualPage }) {
  const t = supportTexts(ctx.lang);
  const title = t.roleManualTitle(page.title);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/support/manual" safe>
          {t.backToManual}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ManualBody ctx={ctx} page={page} />
    </Layout>
  );
}

function ManualBody({ ctx, page }: { ctx: PageContext; page: ManualPage }) {
  const t = supportTexts(ctx.lang);
  return (
    <>
      {page.lead ? (
        <p class="lead" safe>
          {page.lead}
        </p>
      ) : (
        ''
      )}
      {page.parts.map((part) => (
        <section class="manual-part">
          {part.heading ? <h2 safe>{part.heading}</h2> : ''}
          <ol class="manual-steps">
            {part.items.map((item) => (
              <li>
                <p safe>{item.text}</p>
                {(item.figures ?? []).map((f) => (
                  <figure class="manual-figure" data-device={MANUAL_FIGURES[f.name].device}>
                    <img
                      src={figureSrc(f.name)}
                      alt={t.figureAlt(f.caption)}
                      width={figureSize(f.name)?.width.toString()}
                      height={figureSize(f.name)?.height.toString()}
                      loading="lazy"
                    />
                    <figcaption safe>{f.caption}</figcaption>
                  </figure>
                ))}
              </li>
            ))}
          </ol>
          {part.notes && part.notes.length > 0 ? (
            <Notice title={t.points}>
              <ul>
                {part.notes.map((note) => (
                  <li safe>{note}</li>
                ))}
              </ul>
            </Notice>
          ) : (
            ''
          )}
        </section>
      ))}
    </>
  );
}

// ---- お問い合わせ ----

/** Without a login: the municipality the inquiry goes to is chosen first, as in step 1. */
export function InquiryChoosePage(props: {
  ctx: PageContext;
  prefectures: Array<{ code: number; name: string; name_en: string }>;
  prefectureCode: string;
  municipalities: Array<{ code: string; name: string; name_en: string }> | undefined;
  errors: FieldErrors;
}) {
  const { ctx, errors } = props;
  const t = supportTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.inquiryTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <p>
        <a href="/support" safe>
          {t.backToSupport}
        </a>
      </p>
      <h1 safe>{t.inquiryTitle}</h1>
      <p class="lead" safe>{t.chooseLead}</p>
      <p safe>{t.inquiryNote}</p>
      <PrefectureThenMunicipality
        lang={ctx.lang}
        prefectureAction="/support/inquiry"
        municipalityAction="/support/inquiry"
        prefectures={props.prefectures}
        prefectureCode={props.prefectureCode}
        municipalities={props.municipalities?.map((m) => ({ value: m.code, label: ctx.lang === 'ja' ? m.name : m.name_en }))}
        municipalityCode=""
        errors={errors}
        texts={{ prefecture: t.prefecture, municipality: t.municipality, showMunicipalities: t.showMunicipalities, noMunicipalities: t.noMunicipalities, submit: t.next }}
      />
    </Layout>
  );
}

function SendToRow(props: { ctx: PageContext; municipality: InquiryMunicipality; changeable: boolean }) {
  const t = supportTexts(props.ctx.lang);
  const m = props.municipality;
  return (
    <SummaryList
      rows={[
        {
          key: t.sendTo,
          value: municipalityLabel(m, props.ctx.lang),
          change: props.changeable ? { href: `/support/inquiry?prefecture=${m.prefecture_code}`, label: t.change } : undefined,
        },
      ]}
    />
  );
}

export function InquiryFormPage(props: { ctx: PageContext; municipality: InquiryMunicipality; answers: InquiryAnswers; errors: FieldErrors }) {
  const { ctx, answers, errors } = props;
  const t = supportTexts(ctx.lang);
  const user = ctx.user;
  return (
    <Layout ctx={ctx} title={t.inquiryTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <p>
        <a href="/support" safe>
          {t.backToSupport}
        </a>
      </p>
      <h1 safe>{t.inquiryTitle}</h1>
      <p class="lead" safe>{t.formLead}</p>
      <p safe>{t.inquiryNote}</p>
      <SendToRow ctx={ctx} municipality={props.municipality} changeable={!user} />
      {user ? <p data-qa="signed-in" safe>{t.signedInAs(user.displayName)}</p> : ''}
      <form method="post" action="/support/inquiry" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="municipality" value={props.municipality.code} />
        <SelectField
          name="category"
          label={t.category}
          lang={ctx.lang}
          required
          value={answers.category}
          error={errors.category}
          options={CATEGORIES.map((c) => ({ value: c, label: t.categories[c] }))}
        />
        <TextArea name="message" label={t.message} hint={t.messageHint(LIMITS.message)} lang={ctx.lang} required value={answers.message} error={errors.message} maxlength={LIMITS.message} />
        <TextField
          name="contactName"
          label={t.contactName}
          hint={t.contactNameHint}
          lang={ctx.lang}
          required
          value={answers.contactName}
          error={errors.contactName}
          autocomplete="name"
          maxlength={LIMITS.contactName}
        />
        <TextField name="email" type="email" label={t.email} hint={t.emailHint} lang={ctx.lang} required value={answers.email} error={errors.email} autocomplete="email" inputmode="email" />
        <TextField name="phone" type="tel" label={t.phone} hint={t.phoneHint} lang={ctx.lang} value={answers.phone} error={errors.phone} autocomplete="tel" inputmode="tel" />
        <button type="submit" name="action" value="check" safe>
          {t.toCheck}
        </button>
      </form>
    </Layout>
  );
}

/** The answers carried through the confirmation screen, unchanged. */
function HiddenAnswers({ municipality, answers }: { municipality: InquiryMunicipality; answers: InquiryAnswers }) {
  return (
    <>
      <input type="hidden" name="municipality" value={municipality.code} />
      {Object.entries(inquiryFields(answers)).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export function InquiryCheckPage(props: { ctx: PageContext; municipality: InquiryMunicipality; answers: InquiryAnswers; inquiry: ValidInquiry; submissionKey: string }) {
  const { ctx, inquiry } = props;
  const t = supportTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.checkTitle}>
      <h1 safe>{t.checkTitle}</h1>
      <p class="lead" safe>{t.checkLead}</p>
      <SendToRow ctx={ctx} municipality={props.municipality} changeable={false} />
      <SummaryList
        rows={[
          { key: t.category, value: t.categories[inquiry.category] },
          { key: t.message, value: inquiry.message },
          { key: t.contactName, value: inquiry.contactName },
          { key: t.email, value: inquiry.email },
          { key: t.phone, value: inquiry.phone || t.notGiven },
        ]}
      />
      <div class="button-row">
        <form method="post" action="/support/inquiry/send">
          <CsrfField token={ctx.csrfToken} />
          <HiddenAnswers municipality={props.municipality} answers={props.answers} />
          <input type="hidden" name="submission" value={props.submissionKey} />
          <button type="submit" safe>
            {t.send}
          </button>
        </form>
        <form method="post" action="/support/inquiry">
          <CsrfField token={ctx.csrfToken} />
          <HiddenAnswers municipality={props.municipality} answers={props.answers} />
          <button type="submit" name="action" value="edit" data-variant="secondary" safe>
            {t.back}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function InquiryDonePage({ ctx, reference, municipalityName }: { ctx: PageContext; reference: string; municipalityName: string }) {
  const t = supportTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.doneTitle}>
      <h1 safe>{t.doneTitle}</h1>
      <Notice type="success">
        <p>
          <span safe>{`${t.reference}：`}</span>
          <strong data-qa="reference" safe>
            {reference}
          </strong>
        </p>
      </Notice>
      <p safe>{t.doneBody(municipalityName)}</p>
      <p safe>{t.doneNote}</p>
      <p>
        <a href="/support" safe>
          {t.backToSupport}
        </a>
      </p>
    </Layout>
  );
}
