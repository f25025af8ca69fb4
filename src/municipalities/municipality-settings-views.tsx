// 設定: the settings in effect now, the upcoming changes, the form for a change from a chosen
// month (opened with that month's settings), and the history of changes.
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ActionMessages, Checkbox, CheckboxGroup, CsrfField, ErrorSummary, RadioGroup, SelectField, SummaryList, TextField, type FieldErrors } from '../platform/ui/forms.tsx';
import { Lines, Table } from '../platform/ui/table.tsx';
import { formatTokyoDateTime } from '../platform/clock.ts';
import type { Lang } from '../platform/i18n.ts';
import type { CalendarDate } from '../platform/time.ts';
import { CANCEL_DEADLINES, cancelDeadlineLabel, kindLabels } from '../reservations/setup-texts.ts';
import { BUCKET_KINDS, BUCKET_NAME_MAX, type SettingsAnswers } from './settings-form.ts';
import { SETTING_KEYS, type MunicipalitySettings, type SettingsBucket, type SettingsChanges } from './rules.ts';
import type { SettingsChangeRow } from './settings-queries.ts';
import { latePickupLabels, monthLabel, settingsTexts } from './settings-texts.ts';
import { parseYearMonth, yearMonthOf } from '../platform/time.ts';

/** How many months ahead a change may be dated. */
const MONTHS_AHEAD = 12;

function hours(minutes: number, lang: Lang): string {
  return settingsTexts(lang).hours(minutes / 60);
}

function bucketLine(b: SettingsBucket, lang: Lang): string {
  const kinds = b.kinds.map((k) => kindLabels[lang][k]).join(lang === 'ja' ? '・' : ', ');
  return settingsTexts(lang).bucketSummary(b.name, hours(b.minutesPerMonth, lang), kinds, b.ownFacilitiesOnly);
}

/** Each setting's value in words, by column name. */
function valueText(key: (typeof SETTING_KEYS)[number], value: unknown, lang: Lang): string[] {
  const t = settingsTexts(lang);
  switch (key) {
    case 'monthly_allowance_minutes':
      return [hours(value as number, lang)];
    case 'buckets': {
      const buckets = value as SettingsBucket[];
      return buckets.length === 0 ? [t.none] : buckets.map((b) => bucketLine(b, lang));
    }
    case 'named_facility_only':
      return [value ? t.namedFacilityYes : t.namedFacilityNo];
    case 'late_pickup_rule':
      return [latePickupLabels[lang][value as 'guide' | 'actual'].label];
    case 'default_cancel_minutes_before_day':
      return [cancelDeadlineLabel(value as number, lang)];
    case 'support_email':
      return [(value as string | null) ?? t.toStaff];
  }
}

function changeLines(changes: SettingsChanges, lang: Lang): string[] {
  const t = settingsTexts(lang);
  return SETTING_KEYS.filter((k) => Object.hasOwn(changes, k)).flatMap((k) => valueText(k, changes[k], lang).map((v, i) => (i === 0 ? `${t.keys[k]}${lang === 'ja' ? '：' : ': '}${v}` : `${lang === 'ja' ? '　' : '  '}${v}`)));
}

function ChangesTable({ id, caption, rows, lang }: { id: string; caption: string; rows: SettingsChangeRow[]; lang: Lang }) {
  const t = settingsTexts(lang);
  return (
    <Table
      id={id}
      caption={caption}
      rows={rows}
      columns={[
        { header: t.effectiveFrom, text: (r) => monthLabel(r.effectiveFrom.year, r.effectiveFrom.month, lang) },
        { header: t.changesCol, cell: (r) => <Lines items={changeLines(r.changes, lang)} wrap /> },
        { header: t.changedBy, text: (r) => r.changedBy ?? t.operator },
        { header: t.changedAt, text: (r) => formatTokyoDateTime(r.changedAt) },
      ]}
    />
  );
}

export function SettingsPage(props: {
  ctx: PageContext;
  today: CalendarDate;
  current: MunicipalitySettings;
  changes: SettingsChangeRow[];
  earliest: CalendarDate;
  form: SettingsAnswers;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const { ctx, form, errors, current } = props;
  const lang = ctx.lang;
  const t = settingsTexts(lang);
  const thisMonth = props.today.firstOfMonth();
  const upcoming = props.changes.filter((c) => c.effectiveFrom.isAfter(thisMonth)).reverse();
  const past = props.changes.filter((c) => !c.effectiveFrom.isAfter(thisMonth));
  const months = Array.from({ length: MONTHS_AHEAD + 1 }, (_, i) => props.earliest.addMonths(i));
  const from = parseYearMonth(form.from);
  const fromLabel = from ? monthLabel(from.year, from.month, lang) : '';
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title={t.title} hasErrors={hasErrors}>
      <ErrorSummary errors={errors} lang={lang} />
      <h1 safe>{t.title}</h1>
      <p safe>{t.lead}</p>
      <ActionMessages notice={props.notice} qa />

      <h2 safe>{t.current(monthLabel(thisMonth.year, thisMonth.month, lang))}</h2>
      <SummaryList rows={SETTING_KEYS.map((k) => ({ key: t.keys[k], value: valueText(k, settingValue(current, k), lang) }))} />

      <h2 safe>{t.upcoming}</h2>
      {upcoming.length === 0 ? <p data-qa="no-upcoming" safe>{t.noUpcoming}</p> : <ChangesTable id="upcoming" caption={t.upcoming} rows={upcoming} lang={lang} />}

      <h2 safe>{t.chooseTitle}</h2>
      <p safe>{t.chooseLead}</p>
      <form method="get" action="/municipality/settings">
        <SelectField
          name="from"
          label={t.effectiveFrom}
          lang={lang}
          required
          value={form.from}
          error={errors.from}
          options={months.map((m) => ({ value: yearMonthOf(m), label: monthLabel(m.year, m.month, lang) }))}
        />
        <button type="submit" data-variant="secondary" safe>
          {t.choose}
        </button>
      </form>

      <section aria-labelledby="edit-title" class="card">
        <h2 id="edit-title" safe>{from ? t.editTitle(fromLabel) : t.chooseTitle}</h2>
        {from ? <p safe>{t.editLead(fromLabel)}</p> : ''}
        <form method="post" action="/municipality/settings" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="from" value={form.from} />
          <input type="hidden" name="bucketCount" value={String(form.buckets.length)} />
          <TextField name="allowanceHours" label={t.allowance} hint={t.allowanceHint} lang={lang} required value={form.allowanceHours} error={errors.allowanceHours} inputmode="text" width="short" />

          <fieldset class="field">
            <legend safe>{t.buckets}</legend>
            <p class="hint" safe>{t.bucketsLead}</p>
            {form.buckets.map((b, i) => {
              const isNewRow = i === form.buckets.length - 1 && !current.buckets.some((c) => c.id === b.id) && !props.changes.some((c) => c.changes.buckets?.some((x) => x.id === b.id));
              const name = `bucket.${i}`;
              return (
                <fieldset class="field card">
                  <legend safe>{isNewRow ? t.newBucket : t.bucket(i + 1)}</legend>
                  <input type="hidden" name={`${name}.id`} value={b.id} />
                  <TextField name={`${name}.name`} label={t.bucketName} hint={t.bucketNameHint} lang={lang} required={!isNewRow} value={b.name} error={errors[`${name}.name`]} maxlength={BUCKET_NAME_MAX} />
                  <TextField name={`${name}.hours`} label={t.bucketHours} hint={t.bucketHoursHint} lang={lang} required={!isNewRow} value={b.hours} error={errors[`${name}.hours`]} width="short" />
                  <CheckboxGroup
                    name={`${name}.kinds`}
                    label={t.bucketKinds}
                    lang={lang}
                    required
                    options={BUCKET_KINDS.map((k) => ({ value: k, label: kindLabels[lang][k] }))}
                    checked={b.kinds}
                    error={errors[`${name}.kinds`]}
                  />
                  <Checkbox name={`${name}.own`} label={t.bucketOwn} lang={lang} checked={b.own} />
                  {isNewRow ? '' : <Checkbox name={`${name}.remove`} label={t.bucketRemove} lang={lang} checked={b.remove} />}
                </fieldset>
              );
            })}
          </fieldset>

          <RadioGroup
            name="namedFacilityOnly"
            label={t.namedFacility}
            lang={lang}
            required
            value={form.namedFacilityOnly}
            error={errors.namedFacilityOnly}
            options={[
              { value: 'yes', label: t.namedFacilityYes, hint: t.namedFacilityYesHint },
              { value: 'no', label: t.namedFacilityNo, hint: t.namedFacilityNoHint },
            ]}
          />
          <RadioGroup
            name="latePickupRule"
            label={t.latePickup}
            lang={lang}
            required
            value={form.latePickupRule}
            error={errors.latePickupRule}
            options={(['guide', 'actual'] as const).map((r) => ({ value: r, ...latePickupLabels[lang][r] }))}
          />
          <SelectField
            name="cancelDefault"
            label={t.cancelDefault}
            hint={t.cancelDefaultHint}
            lang={lang}
            required
            value={form.cancelDefault}
            error={errors.cancelDefault}
            options={CANCEL_DEADLINES.map((d) => ({ value: String(d), label: cancelDeadlineLabel(d, lang) }))}
          />
          <TextField name="supportEmail" label={t.supportEmail} hint={t.supportEmailHint} lang={lang} type="email" autocomplete="off" value={form.supportEmail} error={errors.supportEmail} />
          <div class="button-row">
            <button type="submit" data-size="large" safe>
              {t.save}
            </button>
            <a href="/municipality/settings" safe>
              {t.back}
            </a>
          </div>
        </form>
      </section>

      <h2 safe>{t.history}</h2>
      {past.length === 0 ? <p data-qa="no-history" safe>{t.noHistory}</p> : <ChangesTable id="history" caption={t.history} rows={past} lang={lang} />}
    </Layout>
  );
}

function settingValue(s: MunicipalitySettings, key: (typeof SETTING_KEYS)[number]): unknown {
  return {
    monthly_allowance_minutes: s.monthlyAllowanceMinutes,
    buckets: s.buckets,
    named_facility_only: s.namedFacilityOnly,
    late_pickup_rule: s.latePickupRule,
    default_cancel_minutes_before_day: s.defaultCancelMinutesBeforeDay,
    support_email: s.supportEmail,
  }[key];
}
