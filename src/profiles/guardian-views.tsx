// 利用者情報管理 for the guardian: the overview, the guardian's details (view, edit, confirm) and
// the 2-step verification setting.
import type { Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Notice, RadioGroup, SelectField, SummaryList, TextField, type FieldErrors } from '../platform/ui/forms.tsx';
import { EditButton, SavedNotice, SectionConfirmPage, SectionEditPage } from '../platform/ui/section.tsx';
import type { FormFields } from '../platform/validation.ts';
import { formatJapaneseDate } from '../platform/clock.ts';
import { RELATIONSHIPS, relationshipLabels, type Relationship } from '../applications/form.ts';
import type { GuardianAnswers, GuardianValue } from './form.ts';
import type { ChildSummary, EmergencyGap, GuardianRecord } from './queries.ts';
import { profileTexts } from './texts.ts';
import { childEditPath, childPath } from './guardian-child-views.tsx';

function relationshipLabel(value: string, lang: Lang): string {
  return relationshipLabels[lang][value as Relationship] ?? value;
}

/** Which child lacks which emergency-contact field, each line a link to where it is entered. */
function EmergencyGaps({ gaps, lang, title, lead, type }: { gaps: EmergencyGap[]; lang: Lang; title: string; lead?: string; type: 'warning' | 'error' }) {
  const t = profileTexts(lang);
  return (
    <Notice type={type} title={title}>
      {lead ? <p safe>{lead}</p> : ''}
      <ul>
        {gaps.map((g) => (
          <li>
            <a href={childEditPath(g.childId, 'emergency')} data-qa="emergency-gap" safe>
              {t.gap(g.childName, g.position, g.missing.map((f) => t.fieldNames[f]).join(t.fieldSeparator))}
            </a>
          </li>
        ))}
      </ul>
    </Notice>
  );
}

export function IndexPage(props: { ctx: PageContext; guardian: GuardianRecord; children: ChildSummary[]; gaps: EmergencyGap[] }) {
  const { ctx, guardian } = props;
  const t = profileTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.indexTitle}>
      <h1 safe>{t.indexTitle}</h1>
      <p class="lead" safe>{t.indexLead}</p>
      {props.gaps.length > 0 ? <EmergencyGaps gaps={props.gaps} lang={ctx.lang} title={t.gapsTitle} type="warning" /> : ''}
      <h2 safe>{t.guardianHeading}</h2>
      <ul class="cards">
        <li class="card">
          <h3>
            <a href="/profile/guardian" safe>
              {guardian.name}
            </a>
          </h3>
          <SummaryList
            rows={[
              { key: t.registration, value: guardian.registeredAt ? t.registrationDone : t.registrationOpen },
              { key: t.twoFactorHeading, value: guardian.twoFactorEnabled ? t.enabled : t.disabled },
            ]}
          />
          {guardian.registeredAt ? '' : <p class="hint" safe>{t.registrationOpenHint}</p>}
        </li>
      </ul>
      <h2 safe>{t.childrenHeading}</h2>
      {props.children.length === 0 ? <p safe>{t.noChildren}</p> : ''}
      <ul class="cards">
        {props.children.map((c) => (
          <li class="card">
            <h3>
              <a href={childPath(c.id)} safe>
                {c.name}
              </a>
            </h3>
            <SummaryList
              rows={[
                { key: t.birthDate, value: ctx.lang === 'ja' ? formatJapaneseDate(c.birthDate) : c.birthDate },
                { key: t.tabs.emergency, value: c.emergencyContacts > 0 ? t.emergencyCount(c.emergencyContacts) : t.notRegistered },
              ]}
            />
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function guardianRows(g: Pick<GuardianRecord, 'name' | 'kana' | 'postalCode' | 'address' | 'phone' | 'phone2' | 'relationship'>, lang: Lang) {
  const t = profileTexts(lang);
  return [
    { key: t.name, value: g.name },
    { key: t.kana, value: g.kana },
    { key: t.postalCode, value: g.postalCode },
    { key: t.address, value: g.address },
    { key: t.phone, value: g.phone },
    { key: t.phone2, value: g.phone2 ?? t.notEntered },
    { key: t.relationship, value: relationshipLabel(g.relationship, lang) },
  ];
}

export function GuardianPage(props: { ctx: PageContext; guardian: GuardianRecord; gaps: EmergencyGap[]; saved: boolean }) {
  const { ctx, guardian: g } = props;
  const t = profileTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.guardianTitle}>
      <p>
        <a href="/profile" safe>
          {t.backToIndex}
        </a>
      </p>
      <h1 safe>{t.guardianTitle}</h1>
      {props.saved ? <SavedNotice lang={ctx.lang} /> : ''}
      {props.gaps.length > 0 ? <EmergencyGaps gaps={props.gaps} lang={ctx.lang} title={t.gapsTitle} type="warning" /> : ''}
      <SummaryList rows={[...guardianRows(g, ctx.lang), { key: t.email, value: g.email }, { key: t.registration, value: g.registeredAt ? t.registrationDone : t.registrationOpen }]} />
      <p class="hint" safe>{t.emailNote}</p>
      <EditButton href="/profile/guardian/edit" lang={ctx.lang} />
      <h2 safe>{t.twoFactorHeading}</h2>
      <p safe>{t.twoFactorWhat}</p>
      <SummaryList rows={[{ key: t.currentSetting, value: g.twoFactorEnabled ? t.enabled : t.disabled }]} />
      <p>
        <a href="/profile/two-factor" safe>
          {t.changeTwoFactor}
        </a>
      </p>
    </Layout>
  );
}

export function GuardianEditPage(props: { ctx: PageContext; answers: GuardianAnswers; email: string; errors: FieldErrors; gaps: EmergencyGap[]; blocked?: boolean }) {
  const { ctx, answers: a, errors } = props;
  const t = profileTexts(ctx.lang);
  const lang = ctx.lang;
  const gaps = (blocked: boolean) =>
    blocked ? (
      <EmergencyGaps gaps={props.gaps} lang={lang} title={t.blockedTitle} lead={t.blockedLead} type="error" />
    ) : (
      <EmergencyGaps gaps={props.gaps} lang={lang} title={t.gapsTitle} type="warning" />
    );
  const hasGaps = props.gaps.length > 0;
  return (
    <SectionEditPage
      ctx={ctx}
      section={t.guardianTitle}
      action="/profile/guardian"
      cancelHref="/profile/guardian"
      errors={errors}
      refusal={hasGaps && props.blocked ? gaps(true) : undefined}
      notices={hasGaps ? gaps(false) : undefined}
    >
      <TextField name="name" label={t.name} hint={t.nameHint} lang={lang} required value={a.name} error={errors.name} autocomplete="name" maxlength={50} />
      <TextField name="kana" label={t.kana} hint={t.kanaHint} lang={lang} required value={a.kana} error={errors.kana} />
      <TextField name="postalCode" label={t.postalCode} hint={t.postalHint} lang={lang} required value={a.postalCode} error={errors.postalCode} autocomplete="postal-code" inputmode="numeric" width="short" />
      <TextField name="address" label={t.address} hint={t.addressHint} lang={lang} required value={a.address} error={errors.address} autocomplete="street-address" />
      <TextField name="phone" type="tel" label={t.phone} hint={t.phoneHint} lang={lang} required value={a.phone} error={errors.phone} autocomplete="tel" />
      <TextField name="phone2" type="tel" label={t.phone2} hint={t.phone2Hint} lang={lang} value={a.phone2} error={errors.phone2} />
      <SelectField
        name="relationship"
        label={t.relationship}
        lang={lang}
        required
        value={a.relationship}
        error={errors.relationship}
        options={RELATIONSHIPS.map((r) => ({ value: r, label: relationshipLabels[lang][r] }))}
      />
      <SummaryList rows={[{ key: t.email, value: props.email }]} />
      <p class="hint" safe>{t.emailNote}</p>
    </SectionEditPage>
  );
}

export function GuardianConfirmPage(props: { ctx: PageContext; value: GuardianValue; fields: FormFields }) {
  const { ctx } = props;
  const t = profileTexts(ctx.lang);
  return (
    <SectionConfirmPage ctx={ctx} section={t.guardianTitle} action="/profile/guardian" fields={props.fields}>
      <SummaryList rows={guardianRows(props.value, ctx.lang)} />
    </SectionConfirmPage>
  );
}

export function TwoFactorPage(props: { ctx: PageContext; enabled: boolean; choice: string; errors: FieldErrors; done?: 'on' | 'off' | 'unchanged' | undefined }) {
  const { ctx, errors } = props;
  const t = profileTexts(ctx.lang);
  const lang = ctx.lang;
  const done = props.done === 'on' ? t.turnedOn : props.done === 'off' ? t.turnedOff : props.done === 'unchanged' ? t.unchanged : undefined;
  return (
    <Layout ctx={ctx} title={t.twoFactorTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={lang} />
      <p>
        <a href="/profile/guardian" safe>
          {t.backToGuardian}
        </a>
      </p>
      <h1 safe>{t.twoFactorTitle}</h1>
      {done ? (
        <Notice type="success">
          <p safe>{done}</p>
        </Notice>
      ) : (
        ''
      )}
      <p class="lead" safe>{t.twoFactorWhat}</p>
      <p safe>{t.twoFactorDetail}</p>
      <SummaryList rows={[{ key: t.currentSetting, value: props.enabled ? t.enabled : t.disabled }]} />
      <form method="post" action="/profile/two-factor" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <RadioGroup
          name="enabled"
          label={t.twoFactorHeading}
          lang={lang}
          required
          value={props.choice}
          error={errors.enabled}
          options={[
            { value: 'yes', label: t.enableOption },
            { value: 'no', label: t.disableOption },
          ]}
        />
        <TextField name="password" type="password" label={t.currentPassword} hint={t.currentPasswordHint} lang={lang} required error={errors.password} autocomplete="current-password" />
        <div class="button-row">
          <button type="submit" safe>
            {t.changeSetting}
          </button>
        </div>
      </form>
    </Layout>
  );
}
