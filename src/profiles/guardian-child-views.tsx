// The child's tabs: what is shown (to the guardian, and to facility staff allowed to see it), the
// edit forms, and the confirmation screen.
import type { PropsWithChildren } from '@kitajs/html';
import type { Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { Checkbox, CheckboxGroup, Notice, SelectField, SummaryList, TextArea, TextField, type FieldErrors, type SummaryRow } from '../platform/ui/forms.tsx';
import { EditButton, SavedNotice, SectionConfirmPage, SectionEditPage } from '../platform/ui/section.tsx';
import type { FormFields } from '../platform/validation.ts';
import { formatJapaneseDate } from '../platform/clock.ts';
import {
  MANDATORY_ALLERGENS,
  MAX_PEOPLE,
  MEAL_STAGES,
  RECOMMENDED_ALLERGENS,
  SEVERITIES,
  SEXES,
  allergenLabels,
  mealStageLabels,
  severityLabels,
  sexLabels,
  type Allergen,
  type BasicAnswers,
  type HealthAnswers,
  type MealsAnswers,
  type PeopleAnswers,
  type PeopleKind,
} from './form.ts';
import type { ChildRecord, Person } from './queries.ts';
import { Tabs } from './ui.tsx';
import { TABS, profileTexts, type Tab } from './texts.ts';

export function childPath(childId: string, tab: Tab = 'basic'): string {
  return tab === 'basic' ? `/profile/children/${childId}` : `/profile/children/${childId}/${tab}`;
}

/** The form of a tab posts here, from the edit page and from the confirmation screen. */
export function childFormAction(childId: string, tab: Tab): string {
  return `/profile/children/${childId}/${tab}`;
}

export function childEditPath(childId: string, tab: Tab): string {
  return `/profile/children/${childId}/${tab}/edit`;
}

function dateRange(from: string, until: string, lang: Lang): string {
  return lang === 'ja' ? `${formatJapaneseDate(from)}～${formatJapaneseDate(until)}` : `${from} to ${until}`;
}

function dateLabel(date: string, lang: Lang): string {
  return lang === 'ja' ? formatJapaneseDate(date) : date;
}

/** The rows of a tab that is a list of questions (basic, meals, health). */
export function tabRows(child: ChildRecord, tab: 'basic' | 'meals' | 'health', lang: Lang): SummaryRow[] {
  const t = profileTexts(lang);
  const orNone = (text: string) => (text === '' ? t.none : text);
  if (tab === 'basic') {
    return [
      { key: t.name, value: child.name },
      { key: t.kana, value: child.kana },
      { key: t.birthDate, value: dateLabel(child.birthDate, lang) },
      { key: t.sex, value: child.sex ? sexLabels[lang][child.sex] : t.notEntered },
      { key: t.certificationNumber, value: child.certificationNumber },
      { key: t.certificationValidity, value: dateRange(child.certificationValidFrom, child.certificationValidUntil, lang) },
    ];
  }
  if (tab === 'meals') {
    return [
      { key: t.allergens, value: child.allergens.length > 0 ? child.allergens.map((a) => allergenLabels[lang][a]).join(lang === 'ja' ? '、' : ', ') : t.none },
      ...(child.allergens.length > 0 ? [{ key: t.severity, value: child.allergySeverity ? severityLabels[lang][child.allergySeverity] : t.notEntered }] : []),
      { key: t.allergyNotes, value: orNone(child.allergyNotes) },
      { key: t.mealStage, value: child.mealStage ? mealStageLabels[lang][child.mealStage] : t.notEntered },
      { key: t.epinephrine, value: child.epinephrine ? t.held : t.notHeld },
    ];
  }
  return [
    { key: t.conditions, value: orNone(child.healthConditions) },
    { key: t.medicines, value: orNone(child.medicines) },
    { key: t.healthNotes, value: orNone(child.healthNotes) },
  ];
}

function PeopleList({ people, kind, lang, headingLevel }: { people: Person[]; kind: PeopleKind; lang: Lang; headingLevel: 2 | 3 }) {
  const t = profileTexts(lang);
  if (people.length === 0) {
    return kind === 'emergency' ? (
      <Notice type="warning">
        <p safe>{t.noEmergency}</p>
      </Notice>
    ) : (
      <p safe>{t.noPickup}</p>
    );
  }
  return (
    <>
      {people.map((p, i) => {
        const heading = kind === 'emergency' ? t.emergencyPerson(i + 1) : t.pickupPerson(i + 1);
        return (
          <>
            {headingLevel === 2 ? <h2 safe>{heading}</h2> : <h3 safe>{heading}</h3>}
            <SummaryList
              rows={[
                { key: t.name, value: p.name },
                { key: t.personRelationship, value: p.relationship },
                { key: t.phone, value: p.phone },
              ]}
            />
          </>
        );
      })}
    </>
  );
}

/** What a tab shows: the same on the guardian's page, the confirmation screen and the staff page. */
export function TabContent({ child, tab, lang, headingLevel = 3 }: { child: ChildRecord; tab: Tab; lang: Lang; headingLevel?: 2 | 3 }) {
  if (tab === 'emergency') return <PeopleList people={child.emergencyContacts} kind="emergency" lang={lang} headingLevel={headingLevel} />;
  if (tab === 'pickup') return <PeopleList people={child.pickupPersons} kind="pickup" lang={lang} headingLevel={headingLevel} />;
  return <SummaryList rows={tabRows(child, tab, lang)} />;
}

function ChildTabs({ child, tab, lang }: { child: ChildRecord; tab: Tab; lang: Lang }) {
  const t = profileTexts(lang);
  return <Tabs label={t.tabsLabel} tabs={TABS.map((k) => ({ href: childPath(child.id, k), label: t.tabs[k], current: k === tab }))} />;
}

function BackToIndex({ lang }: { lang: Lang }) {
  return (
    <p>
      <a href="/profile" safe>
        {profileTexts(lang).backToIndex}
      </a>
    </p>
  );
}

export function ChildTabPage(props: { ctx: PageContext; child: ChildRecord; tab: Tab; saved: boolean }) {
  const { ctx, child, tab } = props;
  const t = profileTexts(ctx.lang);
  const title = t.childTitle(child.name);
  return (
    <Layout ctx={ctx} title={`${t.tabs[tab]} - ${title}`}>
      <BackToIndex lang={ctx.lang} />
      <h1 safe>{title}</h1>
      <ChildTabs child={child} tab={tab} lang={ctx.lang} />
      {props.saved ? <SavedNotice lang={ctx.lang} /> : ''}
      <h2 safe>{t.tabs[tab]}</h2>
      {tab === 'emergency' ? <p safe>{t.emergencyLead}</p> : tab === 'pickup' ? <p safe>{t.pickupLead}</p> : tab === 'health' ? <p safe>{t.healthLead}</p> : ''}
      <TabContent child={child} tab={tab} lang={ctx.lang} />
      {tab === 'basic' ? <p class="hint" safe>{t.readOnlyNote}</p> : ''}
      <EditButton href={childEditPath(child.id, tab)} lang={ctx.lang} />
    </Layout>
  );
}

// ---- Edit forms: the fields of each tab ----

export function BasicFields({ answers: a, errors, lang, child }: { answers: BasicAnswers; errors: FieldErrors; lang: Lang; child: ChildRecord }) {
  const t = profileTexts(lang);
  return (
    <>
      <TextField name="name" label={t.name} hint={t.childNameHint} lang={lang} required value={a.name} error={errors.name} maxlength={50} />
      <TextField name="kana" label={t.kana} hint={t.childKanaHint} lang={lang} required value={a.kana} error={errors.kana} />
      <SelectField name="sex" label={t.sex} lang={lang} value={a.sex} error={errors.sex} options={SEXES.map((s) => ({ value: s, label: sexLabels[lang][s] }))} />
      <SummaryList
        rows={[
          { key: t.birthDate, value: dateLabel(child.birthDate, lang) },
          { key: t.certificationNumber, value: child.certificationNumber },
          { key: t.certificationValidity, value: dateRange(child.certificationValidFrom, child.certificationValidUntil, lang) },
        ]}
      />
      <p class="hint" safe>{t.readOnlyNote}</p>
    </>
  );
}

export function MealsFields({ answers: a, errors, lang }: { answers: MealsAnswers; errors: FieldErrors; lang: Lang }) {
  const t = profileTexts(lang);
  const options = (codes: readonly Allergen[]) => codes.map((code) => ({ value: code, label: allergenLabels[lang][code] }));
  // Both groups post `allergen.<code>` = yes (read by mealsFromBody).
  return (
    <>
      <CheckboxGroup name="allergens-mandatory" prefix="allergen" label={t.mandatoryAllergens} hint={t.allergensHint} lang={lang} options={options(MANDATORY_ALLERGENS)} checked={a.allergens} />
      <CheckboxGroup name="allergens-recommended" prefix="allergen" label={t.recommendedAllergens} lang={lang} options={options(RECOMMENDED_ALLERGENS)} checked={a.allergens} />
      <SelectField
        name="severity"
        label={t.severity}
        hint={t.severityHint}
        lang={lang}
        value={a.severity}
        error={errors.severity}
        options={SEVERITIES.map((s) => ({ value: s, label: severityLabels[lang][s] }))}
      />
      <TextArea name="allergyNotes" label={t.allergyNotes} hint={t.allergyNotesHint} lang={lang} value={a.allergyNotes} error={errors.allergyNotes} maxlength={1000} />
      <Checkbox name="epinephrine" label={t.epinephrineHeld} lang={lang} checked={a.epinephrine} />
      <SelectField
        name="mealStage"
        label={t.mealStage}
        lang={lang}
        required
        value={a.mealStage}
        error={errors.mealStage}
        options={MEAL_STAGES.map((s) => ({ value: s, label: mealStageLabels[lang][s] }))}
      />
    </>
  );
}

export function HealthFields({ answers: a, errors, lang }: { answers: HealthAnswers; errors: FieldErrors; lang: Lang }) {
  const t = profileTexts(lang);
  return (
    <>
      <p safe>{t.healthLead}</p>
      <TextArea name="conditions" label={t.conditions} hint={t.conditionsHint} lang={lang} value={a.conditions} error={errors.conditions} maxlength={1000} />
      <TextArea name="medicines" label={t.medicines} hint={t.medicinesHint} lang={lang} value={a.medicines} error={errors.medicines} maxlength={1000} />
      <TextArea name="notes" label={t.healthNotes} hint={t.healthNotesHint} lang={lang} value={a.notes} error={errors.notes} maxlength={1000} />
    </>
  );
}

export function PeopleFields({ answers: a, errors, lang, kind, prefilled }: { answers: PeopleAnswers; errors: FieldErrors; lang: Lang; kind: PeopleKind; prefilled?: boolean }) {
  const t = profileTexts(lang);
  const heading = (i: number) => (kind === 'emergency' ? t.emergencyPerson(i + 1) : t.pickupPerson(i + 1));
  return (
    <>
      <p safe>{kind === 'emergency' ? t.emergencyLead : t.pickupLead}</p>
      {prefilled ? (
        <Notice>
          <p safe>{t.prefilled}</p>
        </Notice>
      ) : (
        ''
      )}
      <input type="hidden" name="count" value={String(a.people.length)} />
      {a.people.map((p, i) => (
        <fieldset class="group" id={`person${i}`}>
          <legend safe>{heading(i)}</legend>
          <input type="hidden" name={`person${i}.id`} value={p.id} />
          <TextField name={`person${i}.name`} label={t.name} lang={lang} required value={p.name} error={errors[`person${i}.name`]} maxlength={50} />
          <TextField
            name={`person${i}.relationship`}
            label={t.personRelationship}
            hint={t.personRelationshipHint}
            lang={lang}
            required
            value={p.relationship}
            error={errors[`person${i}.relationship`]}
            maxlength={20}
          />
          <TextField
            name={`person${i}.phone`}
            type="tel"
            label={t.phone}
            hint={t.personPhoneHint}
            lang={lang}
            required
            value={p.phone}
            error={errors[`person${i}.phone`]}
            autocomplete="off"
          />
          {a.people.length > 1 ? (
            <p>
              <button type="submit" name="action" value={`remove-${i}`} data-variant="link" safe>
                {t.remove(heading(i))}
              </button>
            </p>
          ) : (
            ''
          )}
        </fieldset>
      ))}
      {a.people.length < MAX_PEOPLE ? (
        <p>
          <button type="submit" name="action" value="add" data-variant="secondary" safe>
            {kind === 'emergency' ? t.addEmergency : t.addPickup}
          </button>
        </p>
      ) : (
        ''
      )}
      <p class="hint" safe>{t.removeHint}</p>
    </>
  );
}

export function ChildEditPage(
  props: PropsWithChildren<{
    ctx: PageContext;
    child: ChildRecord;
    tab: Tab;
    revision: number;
    errors: FieldErrors;
    /** Set when someone saved this child's details after the form was opened. */
    conflict?: boolean | undefined;
  }>,
) {
  const { ctx, child, tab } = props;
  const t = profileTexts(ctx.lang);
  return (
    <SectionEditPage
      ctx={ctx}
      section={t.tabs[tab]}
      lead={t.childTitle(child.name)}
      action={childFormAction(child.id, tab)}
      cancelHref={childPath(child.id, tab)}
      revision={props.revision}
      errors={props.errors}
      conflict={props.conflict}
      hasLineButtons={tab === 'emergency' || tab === 'pickup'}
    >
      {props.children}
    </SectionEditPage>
  );
}

/** 確定 → this screen → OK, showing the tab as it will be. */
export function ChildConfirmPage(props: { ctx: PageContext; preview: ChildRecord; tab: Tab; revision: number; fields: FormFields }) {
  const { ctx, preview, tab } = props;
  const t = profileTexts(ctx.lang);
  return (
    <SectionConfirmPage ctx={ctx} section={t.tabs[tab]} lead={t.childTitle(preview.name)} action={childFormAction(preview.id, tab)} revision={props.revision} fields={props.fields}>
      <TabContent child={preview} tab={tab} lang={ctx.lang} headingLevel={2} />
    </SectionConfirmPage>
  );
}
