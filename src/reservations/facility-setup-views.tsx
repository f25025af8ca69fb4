// The facility staff's booking setup screens: 予約の設定 (view and edit), 利用枠のテンプレート (list,
// add), 休園日 (list, add, the confirmation when the day has bookings) and 利用枠一覧.
import type { PropsWithChildren } from '@kitajs/html';
import { aside, type Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import {
  ActionMessages,
  CheckboxGroup,
  CsrfField,
  DateField,
  ErrorSummary,
  Notice,
  RadioGroup,
  Refusal,
  SelectField,
  SummaryList,
  TextArea,
  TextField,
  type FieldErrors,
} from '../platform/ui/forms.tsx';
import { BackLink, Tabs } from '../platform/ui/nav.tsx';
import { Lines, Table } from '../platform/ui/table.tsx';
import { CalendarDate } from '../platform/time.ts';
import { WEEKDAYS, weekdayLongLabels } from '../facilities/model.ts';
import {
  EARLIEST_MINUTE,
  LATEST_MINUTE,
  SETUP_LIMITS,
  SHORTEST_TEMPLATE_MINUTES,
  gridTimes,
  type ClosedDayAnswers,
  type OfferAnswers,
  type TemplateAnswers,
  type ValidOffer,
} from './setup-form.ts';
import type { DayBooking, SlotRow } from './setup-queries.ts';
import {
  CANCEL_DEADLINES,
  KINDS,
  ageClassLabels,
  bookingStyleLabels,
  cancelDeadlineLabel,
  formatMinute,
  formatMinutes,
  kindLabels,
  setupTexts,
  youngestAgeLabels,
} from './setup-texts.ts';
import type { ReservationKind } from './tables.ts';

export const SETUP_PATH = '/facility/booking-setup';
export const setupPaths = {
  offer: SETUP_PATH,
  offerEdit: `${SETUP_PATH}/offer/edit`,
  offerSave: `${SETUP_PATH}/offer`,
  templates: `${SETUP_PATH}/templates`,
  templateNew: `${SETUP_PATH}/templates/new`,
  templateDelete: (id: string) => `${SETUP_PATH}/templates/${id}/delete`,
  generate: `${SETUP_PATH}/slots/generate`,
  closedDays: `${SETUP_PATH}/closed-days`,
  closedDayRemove: `${SETUP_PATH}/closed-days/remove`,
  slots: `${SETUP_PATH}/slots`,
  slotWithdraw: (id: string) => `${SETUP_PATH}/slots/${id}/withdraw`,
};

type Tab = 'offer' | 'templates' | 'closedDays' | 'slots';
const TAB_PATHS: Record<Tab, string> = { offer: setupPaths.offer, templates: setupPaths.templates, closedDays: setupPaths.closedDays, slots: setupPaths.slots };

/** The frame of each tab: the way back, the heading, the tabs and a notice. */
function SetupPage(props: PropsWithChildren<{ ctx: PageContext; tab: Tab; title?: string; notice?: string | undefined; refusal?: string | undefined; errors?: FieldErrors }>) {
  const { ctx } = props;
  const t = setupTexts(ctx.lang);
  const errors = props.errors ?? {};
  return (
    <Layout ctx={ctx} title={`${props.title ?? t.tabs[props.tab]} - ${t.title}`} hasErrors={Object.keys(errors).length > 0 || props.refusal !== undefined}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <BackLink href="/facility" text={t.backToFacility} />
      <h1 safe>{t.title}</h1>
      <Tabs label={t.tabsLabel} tabs={(Object.keys(TAB_PATHS) as Tab[]).map((tab) => ({ href: TAB_PATHS[tab], label: t.tabs[tab], current: tab === props.tab }))} />
      {props.refusal ? (
        <Refusal>
          <p safe>{props.refusal}</p>
        </Refusal>
      ) : (
        ''
      )}
      <ActionMessages notice={props.notice} />
      {props.children}
    </Layout>
  );
}

function kindItems(kinds: readonly ReservationKind[], lang: Lang): string[] {
  return KINDS.filter((k) => kinds.includes(k)).map((k) => kindLabels[lang][k]);
}

function capacityItems(capacity: readonly number[], lang: Lang): string[] {
  const labels = ageClassLabels[lang];
  return capacity.map((n, age) => (lang === 'ja' ? `${labels[age]} ${n}人` : `${labels[age]}: ${n}`));
}

function kindsText(kinds: readonly ReservationKind[], lang: Lang): string {
  return KINDS.filter((k) => kinds.includes(k))
    .map((k) => kindLabels[lang][k])
    .join(lang === 'ja' ? '・' : ', ');
}

// ---- 予約の設定 ----

export function OfferPage(props: { ctx: PageContext; saved: boolean; offer: ValidOffer; notice?: string | undefined }) {
  const { ctx, offer } = props;
  const lang = ctx.lang;
  const t = setupTexts(lang);
  const change = (field: string) => ({ href: `${setupPaths.offerEdit}#f-${field}`, label: t.change });
  return (
    <SetupPage ctx={ctx} tab="offer" notice={props.notice}>
      <p safe>{t.lead}</p>
      <h2 safe>{t.offerTitle}</h2>
      {props.saved ? '' : <p class="hint" safe>{t.offerNotSaved}</p>}
      <SummaryList
        rows={[
          { key: t.kinds, value: kindsText(KINDS.filter((k) => offer.kinds[k]), lang), change: change('kinds') },
          { key: t.youngestAge, value: youngestAgeLabels[lang][offer.youngestAgeMonths], change: change('youngestAge') },
          { key: t.bookingStyle, value: bookingStyleLabels[lang][offer.bookingStyle].label, change: change('bookingStyle') },
          { key: t.cancelDeadline, value: cancelDeadlineLabel(offer.cancelMinutesBeforeDay, lang), change: change('cancelDeadline') },
          { key: t.bookingNotes, value: offer.bookingNotes || t.bookingNotesNone, change: change('bookingNotes') },
          { key: t.weeksAhead, value: t.weeksValue(offer.weeksAhead), change: change('weeksAhead') },
        ]}
      />
      <p class="button-row">
        <a class="button" href={setupPaths.offerEdit} safe>
          {t.changeOffer}
        </a>
      </p>
    </SetupPage>
  );
}

export function OfferEditPage(props: { ctx: PageContext; answers: OfferAnswers; errors: FieldErrors }) {
  const { ctx, answers: a, errors } = props;
  const lang = ctx.lang;
  const t = setupTexts(lang);
  return (
    <SetupPage ctx={ctx} tab="offer" title={t.offerEditTitle} errors={errors}>
      <h2 safe>{t.offerEditTitle}</h2>
      <form method="post" action={setupPaths.offerSave} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <CheckboxGroup
          name="kinds"
          label={t.kinds}
          hint={t.kindsHint}
          lang={lang}
          required
          error={errors.kinds}
          checked={a.kinds}
          options={KINDS.map((k) => ({ value: k, label: kindLabels[lang][k] }))}
        />
        <RadioGroup
          name="youngestAge"
          label={t.youngestAge}
          hint={t.youngestAgeHint}
          lang={lang}
          required
          error={errors.youngestAge}
          value={a.youngestAge}
          options={([6, 12] as const).map((m) => ({ value: String(m), label: youngestAgeLabels[lang][m] }))}
        />
        <RadioGroup
          name="bookingStyle"
          label={t.bookingStyle}
          lang={lang}
          required
          error={errors.bookingStyle}
          value={a.bookingStyle}
          options={(['free', 'blocks'] as const).map((s) => ({ value: s, ...bookingStyleLabels[lang][s] }))}
        />
        <RadioGroup
          name="cancelDeadline"
          label={t.cancelDeadline}
          hint={t.cancelDeadlineHint}
          lang={lang}
          required
          error={errors.cancelDeadline}
          value={a.cancelDeadline}
          options={CANCEL_DEADLINES.map((m) => ({ value: String(m), label: cancelDeadlineLabel(m, lang) }))}
        />
        <TextArea name="bookingNotes" label={t.bookingNotes} hint={t.bookingNotesHint(SETUP_LIMITS.bookingNotes)} lang={lang} value={a.bookingNotes} error={errors.bookingNotes} maxlength={SETUP_LIMITS.bookingNotes} />
        <TextField name="weeksAhead" label={t.weeksAhead} hint={t.weeksAheadHint} lang={lang} required value={a.weeksAhead} error={errors.weeksAhead} width="short" inputmode="numeric" autocomplete="off" />
        <div class="button-row">
          <button type="submit" data-size="large" safe>
            {t.save}
          </button>
          <a href={setupPaths.offer} safe>
            {t.cancel}
          </a>
        </div>
      </form>
    </SetupPage>
  );
}

// ---- 利用枠のテンプレート ----

export interface TemplateRow {
  id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
  capacity_age0: number;
  capacity_age1: number;
  capacity_age2: number;
  kinds: ReservationKind[];
}

export function TemplatesPage(props: { ctx: PageContext; templates: readonly TemplateRow[]; weeksAhead: number; notice?: string | undefined; designated: boolean }) {
  const { ctx } = props;
  const lang = ctx.lang;
  const t = setupTexts(lang);
  const labelOf = (row: TemplateRow) => `${weekdayLongLabels[lang][row.weekday] ?? ''} ${formatMinutes(row.start_minute, row.end_minute, lang)}`;
  return (
    <SetupPage ctx={ctx} tab="templates" notice={props.notice}>
      {props.designated ? (
        ''
      ) : (
        <Notice type="warning">
          <p data-qa="not-designated" safe>
            {t.notDesignated}
          </p>
        </Notice>
      )}
      <h2 safe>{t.templatesTitle}</h2>
      <p safe>{t.templatesLead}</p>
      <p class="button-row">
        <a class="button" href={setupPaths.templateNew} safe>
          {t.addTemplate}
        </a>
      </p>
      {props.templates.length === 0 ? (
        <p safe>{t.templatesEmpty}</p>
      ) : (
        <Table
          id="templates"
          caption={t.templatesTitle}
          rows={props.templates}
          columns={[
            { header: t.weekdayAndTime, cell: (r) => <Lines items={[weekdayLongLabels[lang][r.weekday] ?? '', formatMinutes(r.start_minute, r.end_minute, lang)]} /> },
            { header: t.capacity, cell: (r) => <Lines items={capacityItems([r.capacity_age0, r.capacity_age1, r.capacity_age2], lang)} /> },
            { header: t.kindsServed, cell: (r) => <Lines items={kindItems(r.kinds, lang)} /> },
            {
              header: t.actions,
              cell: (r) => (
                <form method="post" action={setupPaths.templateDelete(r.id)}>
                  <CsrfField token={ctx.csrfToken} />
                  <button type="submit" data-variant="link" aria-label={t.deleteTemplateFor(labelOf(r))} safe>
                    {t.deleteTemplate}
                  </button>
                </form>
              ),
            },
          ]}
        />
      )}
      <p class="hint" safe>{t.deleteNote}</p>
      <section class="card">
        <h2 safe>{t.generateTitle}</h2>
        <p safe>{t.generateLead(props.weeksAhead)}</p>
        <form method="post" action={setupPaths.generate}>
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" data-variant="secondary" safe>
            {t.generate}
          </button>
        </form>
      </section>
    </SetupPage>
  );
}

export function TemplateFormPage(props: { ctx: PageContext; answers: TemplateAnswers; errors: FieldErrors; offered: readonly ReservationKind[] }) {
  const { ctx, answers: a, errors } = props;
  const lang = ctx.lang;
  const t = setupTexts(lang);
  const times = (from: number, to: number) => gridTimes(from, to).map((v) => ({ value: v, label: formatMinute(Number(v.slice(0, 2)) * 60 + Number(v.slice(3))) }));
  return (
    <SetupPage ctx={ctx} tab="templates" title={t.addTemplateTitle} errors={errors}>
      <h2 safe>{t.addTemplateTitle}</h2>
      <form method="post" action={setupPaths.templates} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          name="weekday"
          label={t.weekday}
          lang={lang}
          required
          value={a.weekday}
          error={errors.weekday}
          options={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLongLabels[lang][d] ?? String(d) }))}
        />
        <div class="field-row">
          <SelectField name="start" label={t.startTime} hint={t.timeHint} lang={lang} required value={a.start} error={errors.start} options={times(EARLIEST_MINUTE, LATEST_MINUTE - SHORTEST_TEMPLATE_MINUTES)} />
          <SelectField name="end" label={t.endTime} hint={t.timeHint} lang={lang} required value={a.end} error={errors.end} options={times(EARLIEST_MINUTE + SHORTEST_TEMPLATE_MINUTES, LATEST_MINUTE)} />
        </div>
        <fieldset class="group">
          <legend safe>{t.capacity}</legend>
          <p class="hint" safe>{t.capacityHint}</p>
          <div class="field-row">
            {([0, 1, 2] as const).map((age) => (
              <TextField
                name={`capacity${age}`}
                label={t.capacityOf(ageClassLabels[lang][age])}
                lang={lang}
                required
                value={a[`capacity${age}`]}
                error={errors[`capacity${age}`]}
                width="short"
                inputmode="numeric"
                autocomplete="off"
              />
            ))}
          </div>
        </fieldset>
        <CheckboxGroup
          name="kinds"
          label={t.kindsServed}
          hint={t.kindsServedHint}
          lang={lang}
          required
          error={errors.kinds}
          checked={a.kinds}
          options={props.offered.map((k) => ({ value: k, label: kindLabels[lang][k] }))}
        />
        <div class="button-row">
          <button type="submit" data-size="large" safe>
            {t.add}
          </button>
          <a href={setupPaths.templates} safe>
            {t.cancelAdd}
          </a>
        </div>
      </form>
    </SetupPage>
  );
}

// ---- 休園日 ----

export function ClosedDaysPage(props: {
  ctx: PageContext;
  closedDays: ReadonlyArray<{ date: string; reason: string }>;
  answers: ClosedDayAnswers;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const { ctx, answers: a, errors } = props;
  const lang = ctx.lang;
  const t = setupTexts(lang);
  const dateText = (date: string) => CalendarDate.from(date).format(lang, { weekday: true });
  return (
    <SetupPage ctx={ctx} tab="closedDays" notice={props.notice} errors={errors}>
      <h2 safe>{t.closedTitle}</h2>
      <p safe>{t.closedLead}</p>
      {props.closedDays.length === 0 ? (
        <p safe>{t.closedEmpty}</p>
      ) : (
        <Table
          id="closed-days"
          caption={t.closedTitle}
          rows={props.closedDays}
          columns={[
            { header: t.date, text: (d) => dateText(d.date) },
            { header: t.reason, text: (d) => d.reason },
            {
              header: t.actions,
              cell: (d) => (
                <form method="post" action={setupPaths.closedDayRemove}>
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="date" value={d.date} />
                  <button type="submit" data-variant="link" aria-label={t.removeClosedFor(dateText(d.date))} safe>
                    {t.removeClosed}
                  </button>
                </form>
              ),
            },
          ]}
        />
      )}
      {props.closedDays.length > 0 ? <p class="hint" safe>{t.removeNote}</p> : ''}
      <form method="post" action={setupPaths.closedDays} novalidate class="card">
        <h2 safe>{t.addClosedTitle}</h2>
        <CsrfField token={ctx.csrfToken} />
        <DateField name="date" label={t.date} lang={lang} required value={a.date} error={errors.date} />
        <TextField name="reason" label={t.reason} hint={t.reasonHint} lang={lang} required value={a.reason} error={errors.reason} maxlength={SETUP_LIMITS.reason} autocomplete="off" />
        <button type="submit" safe>
          {t.addClosed}
        </button>
      </form>
    </SetupPage>
  );
}

/** Closing a day with bookings: what will be cancelled, before the staff confirm. */
export function CloseDayConfirmPage(props: { ctx: PageContext; date: CalendarDate; answers: ClosedDayAnswers; bookings: readonly DayBooking[] }) {
  const { ctx, answers: a } = props;
  const lang = ctx.lang;
  const t = setupTexts(lang);
  const dateText = props.date.format(lang, { weekday: true });
  return (
    <Layout ctx={ctx} title={`${t.confirmTitle} - ${t.title}`}>
      <BackLink href={setupPaths.closedDays} text={t.confirmBack} />
      <h1 safe>{t.confirmTitle}</h1>
      <Notice type="warning">
        <p safe>{t.confirmLead(dateText, props.bookings.length)}</p>
        <p safe>{t.confirmHours}</p>
      </Notice>
      <SummaryList
        rows={[
          { key: t.date, value: dateText },
          { key: t.reason, value: a.reason },
        ]}
      />
      <Table
        id="affected"
        caption={t.confirmLead(dateText, props.bookings.length)}
        rows={props.bookings}
        columns={[
          { header: t.child, text: (b) => b.childName },
          { header: t.time, cell: (b) => <Lines items={[formatMinutes(b.startMinute, b.endMinute, lang)]} /> },
          { header: t.kindAndStatus, cell: (b) => <Lines items={[kindLabels[lang][b.kind], t.statusLabels[b.status] ?? b.status]} /> },
        ]}
      />
      <form method="post" action={setupPaths.closedDays}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="date.year" value={a.date.year} />
        <input type="hidden" name="date.month" value={a.date.month} />
        <input type="hidden" name="date.day" value={a.date.day} />
        <input type="hidden" name="reason" value={a.reason} />
        <input type="hidden" name="confirmed" value="yes" />
        <div class="button-row">
          <button type="submit" data-size="large" safe>
            {t.confirmButton}
          </button>
          <a href={setupPaths.closedDays} safe>
            {t.confirmBack}
          </a>
        </div>
      </form>
    </Layout>
  );
}

// ---- 利用枠一覧 ----

export interface SlotDay {
  date: CalendarDate;
  closedReason: string | undefined;
  holiday: string | undefined;
  slots: SlotRow[];
}

export function SlotsPage(props: {
  ctx: PageContext;
  from: CalendarDate;
  to: CalendarDate;
  days: readonly SlotDay[];
  previous: CalendarDate | undefined;
  next: CalendarDate;
  notice?: string | undefined;
  refusal?: string | undefined;
}) {
  const { ctx } = props;
  const lang = ctx.lang;
  const t = setupTexts(lang);
  const labels = ageClassLabels[lang];
  const Pager = () => (
    <nav class="button-row" aria-label={t.slotsRange(props.from.format(lang), props.to.format(lang))}>
      {props.previous ? (
        <a href={`${setupPaths.slots}?from=${props.previous.toString()}`} safe>
          {t.previous}
        </a>
      ) : (
        ''
      )}
      <a href={`${setupPaths.slots}?from=${props.next.toString()}`} safe>
        {t.next}
      </a>
    </nav>
  );
  return (
    <SetupPage ctx={ctx} tab="slots" notice={props.notice} refusal={props.refusal}>
      <h2 safe>{`${t.slotsTitle}${aside(t.slotsRange(props.from.format(lang, { weekday: true }), props.to.format(lang, { weekday: true })), lang)}`}</h2>
      <p safe>{t.slotsLead}</p>
      <Pager />
      {props.days.map((day) => {
        const heading = day.date.format(lang, { weekday: true });
        const note = day.closedReason !== undefined ? t.closedDay(day.closedReason) : day.holiday !== undefined ? t.holiday(day.holiday) : undefined;
        return (
          <section id={`day-${day.date.toString()}`}>
            <h3 safe>{heading}</h3>
            {note ? <p safe>{note}</p> : ''}
            {day.slots.length === 0 ? (
              note ? '' : <p safe>{t.noSlots}</p>
            ) : (
              <Table
                id={`slots-${day.date.toString()}`}
                caption={t.slotsCaption(heading)}
                rows={day.slots}
                columns={[
                  { header: t.time, text: (s) => formatMinutes(s.startMinute, s.endMinute, lang) },
                  {
                    header: t.placesTaken,
                    cell: (s) => <Lines items={s.capacity.map((total, age) => `${labels[age]}${lang === 'ja' ? ' ' : ': '}${t.taken(s.taken[age] ?? 0, total)}`)} />,
                  },
                  { header: t.kindsServed, cell: (s) => <Lines items={kindItems(s.kinds, lang)} /> },
                  {
                    header: t.status,
                    cell: (s) =>
                      s.withdrawn ? (
                        <span safe>{t.withdrawn}</span>
                      ) : s.begun ? (
                        <span safe>{t.past}</span>
                      ) : (
                        <form method="post" action={setupPaths.slotWithdraw(s.id)}>
                          <CsrfField token={ctx.csrfToken} />
                          <span safe>{t.open}</span>
                          <br />
                          <button type="submit" data-variant="link" class="nowrap" aria-label={t.withdrawFor(`${heading} ${formatMinutes(s.startMinute, s.endMinute, lang)}`)} safe>
                            {t.withdraw}
                          </button>
                        </form>
                      ),
                  },
                ]}
              />
            )}
          </section>
        );
      })}
      <Pager />
    </SetupPage>
  );
}
