// The guardian's 予約 tab (guide steps 6–7): STEP1 child, STEP2 type, the month calendar and the
// time, the 定期利用 dates, 予約時の注意事項, pick-up and comment, the confirm screen and the page
// after 送信. Plain forms: the GET steps carry their state in the query string (ids, dates and
// times only), the later steps in hidden fields of POST forms (the comment never enters a URL).
import type { PropsWithChildren } from '@kitajs/html';
import { aside, type Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CalendarDateField, CsrfField, ErrorSummary, Notice, RadioGroup, Refusal, SelectField, TextArea, fieldId, type FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate, DateRange, formatMinuteOfDay, type TimeRange, yearMonthOf } from '../platform/time.ts';
import { FacilityTabs } from '../facilities/components.tsx';
import { formatHours } from '../facilities/model.ts';
import { cancellationDeadline } from './rules.ts';
import type { AllowanceSummary } from './queries.ts';
import {
  COMMENT_MAX,
  FREQUENCIES,
  timeOptions,
  type BookedRow,
  type BookedSeries,
  type BookingChild,
  type BookingFacility,
  type CalendarSlot,
  type KindChoice,
  type MonthCalendar,
  type PickupPerson,
  type SeriesDate,
} from './booking-queries.ts';
import { atText, blockText, bookingTexts, clock, clockRange, deadlineRule, monthLabel } from './booking-texts.ts';
import type { ReservationKind } from './tables.ts';

/** What the GET steps carry in the query string. */
export interface BookingValues {
  child: string;
  kind: string;
  month: string;
  slot: string;
  start: string;
  end: string;
  frequency: string;
  until: string;
}

export const STATE_FIELDS = ['child', 'kind', 'month', 'slot', 'start', 'end', 'frequency', 'until'] as const satisfies ReadonlyArray<keyof BookingValues>;

export function emptyValues(): BookingValues {
  return { child: '', kind: '', month: '', slot: '', start: '', end: '', frequency: '', until: '' };
}

/** The 予約 tab's path with the given state in its query string. */
export function reservePath(facilityId: string, values: Partial<BookingValues>, step = '', hash = ''): string {
  const search = new URLSearchParams();
  for (const key of STATE_FIELDS) {
    const value = values[key];
    if (value) search.set(key, value);
  }
  const query = search.toString();
  return `/facilities/${facilityId}/reserve${step ? `/${step}` : ''}${query ? `?${query}` : ''}${hash}`;
}

function StateFields({ values, omit = [] }: { values: Partial<BookingValues>; omit?: ReadonlyArray<keyof BookingValues> }) {
  return (
    <>
      {STATE_FIELDS.filter((k) => !omit.includes(k) && values[k]).map((k) => (
        <input type="hidden" name={k} value={values[k]} />
      ))}
    </>
  );
}


function dateText(date: CalendarDate, lang: Lang): string {
  return date.format(lang, { weekday: true });
}

export function whenText(time: TimeRange, lang: Lang): string {
  return `${dateText(time.date, lang)} ${clockRange(time.startMinute, time.endMinute, lang)}`;
}

function FacilityHeader({ ctx, facility, current = 'reserve' }: { ctx: PageContext; facility: { id: string; name: string }; current?: 'reserve' | 'none' }) {
  return (
    <>
      <p>
        <a href="/facilities">
          {ctx.lang === 'ja' ? '施設を探す（探し方を選ぶ）' : 'Find a facility (choose how)'}
        </a>
      </p>
      <h1 safe>{facility.name}</h1>
      {current === 'reserve' ? <FacilityTabs lang={ctx.lang} facilityId={facility.id} current="reserve" /> : ''}
    </>
  );
}

/** The facility's phone number and hours, with the guide's words for when no slot suits. */
export function ContactFacility({ lang, facility }: { lang: Lang; facility: BookingFacility }) {
  const t = bookingTexts(lang);
  return (
    <div class="contact-facility" data-qa="contact-facility">
      <p safe>{t.contactFacility}</p>
      <dl class="summary">
        <div>
          <dt safe>{t.phone}</dt>
          <dd>
            <a href={`tel:${facility.phone.replace(/[^\d]/g, '')}`} safe>
              {facility.phone}
            </a>
          </dd>
        </div>
        <div>
          <dt safe>{t.hours}</dt>
          <dd safe>{formatHours(facility.opensAt, facility.closesAt)}</dd>
        </div>
      </dl>
    </div>
  );
}

// ---- The 予約 tab: STEP1, STEP2, the calendar and the time ----

export interface ReserveView {
  ctx: PageContext;
  facility: BookingFacility;
  children: BookingChild[];
  values: BookingValues;
  today: CalendarDate;
  child?: BookingChild | undefined;
  choices?: KindChoice[] | undefined;
  kind?: ReservationKind | undefined;
  calendar?: MonthCalendar | undefined;
  allowance?: AllowanceSummary | undefined;
  chosen?: CalendarSlot | undefined;
  preview?: SeriesDate[] | undefined;
  previewTime?: TimeRange | undefined;
  untilRange?: { first: CalendarDate; max: CalendarDate } | undefined;
  errors: FieldErrors;
}

export function ReservePage(view: ReserveView) {
  const { ctx, facility, values, errors } = view;
  const t = bookingTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.reserveTitle(facility.name)} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <FacilityHeader ctx={ctx} facility={facility} />
      <section aria-labelledby="step1-heading" class="booking-step">
        <h2 id="step1-heading" safe>
          {t.step1}
        </h2>
        {view.children.length === 0 ? (
          <p safe>{t.noChildren}</p>
        ) : (
          <form method="get" action={`/facilities/${facility.id}/reserve`} novalidate>
            <RadioGroup
              name="child"
              label={t.step1Legend}
              lang={ctx.lang}
              required
              value={values.child || (view.children.length === 1 ? view.children[0]!.id : '')}
              error={errors.child}
              options={view.children.map((c) => ({ value: c.id, label: c.name, hint: t.birth(c.birthDate.format(ctx.lang)) }))}
            />
            <button type="submit" data-variant={view.child ? 'secondary' : undefined} safe>
              {t.apply}
            </button>
          </form>
        )}
      </section>
      {view.child && view.choices ? <KindStep {...view} child={view.child} choices={view.choices} /> : ''}
      {view.child && view.kind && view.calendar ? <CalendarStep {...view} child={view.child} kind={view.kind} calendar={view.calendar} /> : ''}
    </Layout>
  );
}

function KindStep(view: ReserveView & { child: BookingChild; choices: KindChoice[] }) {
  const { ctx, facility, errors } = view;
  const lang = ctx.lang;
  const t = bookingTexts(lang);
  const error = errors.kind;
  return (
    <section aria-labelledby="step2-heading" class="booking-step">
      <h2 id="step2-heading" safe>
        {t.step2}
      </h2>
      <p safe>{t.chosenChild(view.child.name)}</p>
      <form method="get" action={`/facilities/${facility.id}/reserve`} novalidate>
        <input type="hidden" name="child" value={view.child.id} />
        <fieldset class="field" aria-describedby={error ? `${fieldId('kind')}-error` : undefined}>
          <legend class="visually-hidden" safe>
            {t.step2}
          </legend>
          <p class="hint" safe>
            {t.step2Lead}
          </p>
          {error ? (
            <span class="error-message" id={`${fieldId('kind')}-error`}>
              <span class="visually-hidden">{lang === 'ja' ? 'エラー：' : 'Error: '}</span>
              <span safe>{error}</span>
            </span>
          ) : (
            ''
          )}
          <ul class="kind-choices">
            {view.choices.map((choice, i) => {
              const id = i === 0 ? fieldId('kind') : `${fieldId('kind')}-${choice.kind}`;
              const reasonId = `kind-${choice.kind}-reason`;
              const current = view.kind === choice.kind;
              return (
                <li class="kind-choice" data-qa={`kind-${choice.kind}`} data-available={choice.block ? 'no' : 'yes'}>
                  <button
                    type="submit"
                    name="kind"
                    value={choice.kind}
                    id={id}
                    disabled={choice.block !== undefined}
                    data-variant={current || choice.block ? 'secondary' : undefined}
                    aria-pressed={current ? 'true' : undefined}
                    aria-describedby={reasonId}
                  >
                    <span safe>{current ? `${t.kinds[choice.kind]}${t.chosen}` : t.kinds[choice.kind]}</span>
                  </button>
                  <p class="hint" id={reasonId}>
                    {choice.block ? (
                      <span class="kind-blocked">
                        <strong safe>{t.notAvailable}</strong>
                        <span safe>{blockText(choice.block, ctx.lang, (at) => atText(at, ctx.lang))}</span>
                      </span>
                    ) : (
                      <span safe>{t.kindHints[choice.kind]}</span>
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
        </fieldset>
      </form>
    </section>
  );
}

function AllowanceLine({ lang, allowance }: { lang: Lang; allowance: AllowanceSummary }) {
  const t = bookingTexts(lang);
  const left = Math.max(0, allowance.totalMinutes - allowance.usedMinutes);
  return (
    <p class="allowance" data-qa="allowance">
      <strong safe>{t.allowanceTitle(monthLabel(allowance.month, lang))}</strong>
      <span safe>{` ${t.allowanceLine(t.hoursMinutes(left), t.hoursMinutes(allowance.totalMinutes), t.hoursMinutes(allowance.usedMinutes))}`}</span>
    </p>
  );
}

function CalendarStep(view: ReserveView & { child: BookingChild; kind: ReservationKind; calendar: MonthCalendar }) {
  const { ctx, facility, values, calendar } = view;
  const lang = ctx.lang;
  const t = bookingTexts(lang);
  const month = calendar.month;
  const previous = month.addMonths(-1);
  const next = month.addMonths(1);
  const base = { child: values.child, kind: view.kind, frequency: values.frequency, until: values.until };
  const hasOpen = [...calendar.days.values()].some((slots) => slots.some((s) => s.left > 0 && !s.mine));
  return (
    <section aria-labelledby="step3-heading" class="booking-step">
      <h2 id="step3-heading" safe>
        {t.step3}
      </h2>
      <p safe>{view.kind === 'regular' ? t.step3LeadRegular : t.step3Lead}</p>
      {view.allowance ? <AllowanceLine lang={lang} allowance={view.allowance} /> : ''}
      <nav class="month-nav" aria-label={t.calendarNav}>
        <ul>
          <li>
            {previous.isBefore(view.today.firstOfMonth()) ? (
              ''
            ) : (
              <a href={reservePath(facility.id, { ...base, month: yearMonthOf(previous) }, '', '#calendar')} safe>
                {t.previousMonth(monthLabel(previous, lang))}
              </a>
            )}
          </li>
          <li>
            <a href={reservePath(facility.id, { ...base, month: yearMonthOf(next) }, '', '#calendar')} safe>
              {t.nextMonth(monthLabel(next, lang))}
            </a>
          </li>
        </ul>
      </nav>
      <MonthTable {...view} />
      {hasOpen ? (
        ''
      ) : (
        <Notice type="info">
          <p safe>{calendar.laterMonth ? t.noSlotsMonth : t.noSlotsAtAll}</p>
          {calendar.laterMonth ? (
            <p>
              <a href={reservePath(facility.id, { ...base, month: yearMonthOf(calendar.laterMonth) }, '', '#calendar')} safe>
                {t.laterMonth(monthLabel(calendar.laterMonth, lang))}
              </a>
            </p>
          ) : (
            ''
          )}
          <ContactFacility lang={lang} facility={facility} />
        </Notice>
      )}
      {view.chosen ? <TimeChoice {...view} chosen={view.chosen} /> : ''}
      {hasOpen ? (
        <details class="contact-details">
          <summary safe>{t.contactFacility}</summary>
          <ContactFacility lang={lang} facility={facility} />
        </details>
      ) : (
        ''
      )}
    </section>
  );
}

function MonthTable(view: ReserveView & { kind: ReservationKind; calendar: MonthCalendar }) {
  const { ctx, facility, values, calendar } = view;
  const lang = ctx.lang;
  const t = bookingTexts(lang);
  const range = DateRange.monthOf(calendar.month);
  const cells: Array<CalendarDate | undefined> = [];
  for (let i = 1; i < range.start.weekday; i++) cells.push(undefined);
  for (const day of range.days()) cells.push(day);
  while (cells.length % 7 !== 0) cells.push(undefined);
  const weeks: Array<Array<CalendarDate | undefined>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const base = { child: values.child, kind: view.kind, month: yearMonthOf(calendar.month), frequency: values.frequency, until: values.until };
  return (
    <div class="table-wrap calendar-wrap" id={fieldId('slot')} role="region" aria-labelledby="calendar-caption" tabindex="0">
      <table class="calendar" id="calendar" data-qa="calendar">
        <caption id="calendar-caption" safe>
          {t.calendarCaption(monthLabel(calendar.month, lang))}
        </caption>
        <thead>
          <tr>
            {t.weekdays.map((d, i) => (
              <th scope="col">
                <span aria-hidden="true" safe>
                  {d}
                </span>
                <span class="visually-hidden" safe>
                  {t.weekdayNames[i]}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr>
              {week.map((day) => {
                if (!day) return <td class="cal-blank"></td>;
                const key = day.toString();
                const slots = calendar.days.get(key) ?? [];
                const isToday = day.equals(view.today);
                const holiday = day.holidayName(lang);
                const closed = calendar.closed.has(key);
                const dayLabel = `${t.dayLabel(day.month, day.day)}${aside(t.weekdays[day.weekday - 1]!, lang)}`;
                return (
                  <td class="cal-day" data-today={isToday ? 'yes' : undefined} data-date={key}>
                    <span class="cal-number">
                      <span aria-hidden="true" safe>
                        {String(day.day)}
                      </span>
                      <span class="visually-hidden" safe>
                        {dayLabel}
                      </span>
                    </span>
                    {isToday ? (
                      <strong class="cal-today" safe>
                        {t.today}
                      </strong>
                    ) : (
                      ''
                    )}
                    {holiday ? (
                      <span class="cal-note" safe>
                        {t.holiday(holiday)}
                      </span>
                    ) : closed ? (
                      <span class="cal-note" safe>
                        {t.closedDay}
                      </span>
                    ) : (
                      ''
                    )}
                    {slots.length > 0 ? (
                      <ul class="cal-slots">
                        {slots.map((s) => {
                          const time = clockRange(s.slot.time.startMinute, s.slot.time.endMinute, lang);
                          const selected = view.chosen?.slot.id === s.slot.id;
                          if (s.mine || s.left <= 0) {
                            return (
                              <li class="cal-slot" data-state={s.mine ? 'mine' : 'full'}>
                                <span class="visually-hidden" safe>{`${dayLabel} `}</span>
                                <span class="cal-time" safe>
                                  {time}
                                </span>
                                <span class="cal-left" safe>
                                  {s.mine ? t.yours : t.full}
                                </span>
                              </li>
                            );
                          }
                          return (
                            <li class="cal-slot" data-state={selected ? 'selected' : 'open'}>
                              <a href={reservePath(facility.id, { ...base, slot: s.slot.id }, '', '#time-choice')} aria-current={selected ? 'true' : undefined} data-qa="slot-link">
                                <span class="visually-hidden" safe>{`${dayLabel} `}</span>
                                <span class="cal-time" safe>
                                  {time}
                                </span>
                                <span class="cal-left" safe>
                                  {selected ? t.leftChosen(s.left) : t.left(s.left)}
                                </span>
                              </a>
                            </li>
                          );
                        })}
                      </ul>
                    ) : (
                      ''
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TimeChoice(view: ReserveView & { kind: ReservationKind; chosen: CalendarSlot }) {
  const { ctx, facility, values, errors, chosen } = view;
  const lang = ctx.lang;
  const t = bookingTexts(lang);
  const slot = chosen.slot.time;
  const style = facility.offer.bookingStyle;
  const options = timeOptions(slot, style);
  const regular = view.kind === 'regular';
  const action = `/facilities/${facility.id}/reserve`;
  return (
    <section id="time-choice" aria-labelledby="time-heading" class="card time-choice">
      <h3 id="time-heading" safe>
        {t.timeTitle}
      </h3>
      <p data-qa="chosen-slot" safe>
        {t.chosenSlot(dateText(slot.date, lang), clockRange(slot.startMinute, slot.endMinute, lang))}
      </p>
      <form method="get" action={`${action}/notes`} novalidate>
        <StateFields values={{ child: values.child, kind: view.kind, month: values.month, slot: chosen.slot.id }} />
        {style === 'blocks' ? '' : <p class="hint" safe>{t.timeHint}</p>}
        {style === 'blocks' ? (
          <>
            <p safe>{t.blockTime(clockRange(slot.startMinute, slot.endMinute, lang))}</p>
            <input type="hidden" name="start" value={formatMinuteOfDay(slot.startMinute)} />
            <input type="hidden" name="end" value={formatMinuteOfDay(slot.endMinute)} />
          </>
        ) : (
          <div class="field-row time-row">
            <SelectField
              name="start"
              label={t.start}
              lang={lang}
              required
              value={values.start}
              error={errors.start}
              options={options.starts.map((m) => ({ value: formatMinuteOfDay(m), label: clock(m) }))}
            />
            <SelectField
              name="end"
              label={t.end}
              lang={lang}
              required
              value={values.end}
              error={errors.end}
              options={options.ends.map((m) => ({ value: formatMinuteOfDay(m), label: clock(m) }))}
            />
          </div>
        )}
        {regular ? (
          <>
            <RadioGroup
              name="frequency"
              label={t.frequency}
              lang={lang}
              required
              value={values.frequency || 'weekly'}
              error={errors.frequency}
              options={FREQUENCIES.map((f) => ({ value: f, label: t.frequencies[f] }))}
            />
            <CalendarDateField
              name="until"
              label={t.until}
              lang={lang}
              required
              hint={view.untilRange ? t.untilHint(view.untilRange.max.format(lang)) : undefined}
              value={values.until}
              error={errors.until}
              min={view.untilRange?.first.toString()}
              max={view.untilRange?.max.toString()}
            />
          </>
        ) : (
          ''
        )}
        <div class="button-row">
          {regular ? (
            <>
              <button type="submit" formaction={`${action}#preview`} data-variant="secondary" safe>
                {t.checkDates}
              </button>
              <button type="submit" safe>
                {t.proceedRegular}
              </button>
            </>
          ) : (
            <button type="submit" safe>
              {t.apply}
            </button>
          )}
        </div>
      </form>
      {regular && view.preview && view.previewTime ? <SeriesPreview lang={lang} dates={view.preview} time={view.previewTime} id="preview" /> : ''}
    </section>
  );
}

export function SeriesPreview({ lang, dates, time, id }: { lang: Lang; dates: SeriesDate[]; time: TimeRange; id: string }) {
  const t = bookingTexts(lang);
  const fits = dates.filter((d) => !d.problem).length;
  return (
    <section id={id} aria-labelledby={`${id}-heading`} class="series-preview" data-qa="series-preview">
      <h3 id={`${id}-heading`} safe>
        {t.previewTitle}
      </h3>
      <p safe>{t.previewLead(fits, dates.length)}</p>
      <p safe>{t.timeLine(clockRange(time.startMinute, time.endMinute, lang))}</p>
      <div class="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabindex="0">
        <table>
          <caption id={`${id}-caption`} class="visually-hidden" safe>
            {t.previewCaption}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t.date}
              </th>
              <th scope="col" safe>
                {t.result}
              </th>
            </tr>
          </thead>
          <tbody>
            {dates.map((d) => (
              <tr data-qa="series-date" data-date={d.date.toString()} data-fits={d.problem ? 'no' : 'yes'}>
                <th scope="row" safe>
                  {dateText(d.date, lang)}
                </th>
                <td>
                  {d.problem ? (
                    <span class="series-result" data-fits="no">
                      <span aria-hidden="true">× </span>
                      <span safe>{problemText(d, lang)}</span>
                    </span>
                  ) : (
                    <span class="series-result" data-fits="yes">
                      <span aria-hidden="true">○ </span>
                      <span safe>{t.fits}</span>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function problemText(d: SeriesDate, lang: Lang): string {
  const t = bookingTexts(lang);
  if (!d.problem) return t.fits;
  if (d.problem === 'holiday') {
    const name = d.date.holidayName(lang);
    return name ? `${t.problems.holiday}${aside(name, lang)}` : t.problems.holiday;
  }
  if (d.problem === 'closed' && d.closedReason) return `${t.problems.closed}${aside(d.closedReason, lang)}`;
  return t.problems[d.problem];
}

// ---- 予約時の注意事項 ----

export interface Draft {
  facility: BookingFacility;
  child: BookingChild;
  kind: ReservationKind;
  time: TimeRange;
  values: BookingValues;
  preview?: SeriesDate[] | undefined;
}

type Row = { key: string; value: string | string[]; href?: string | undefined; form?: string | undefined; qa?: string };

function draftRows(lang: Lang, draft: Draft, change: boolean): Row[] {
  const t = bookingTexts(lang);
  const { facility, values } = draft;
  const rows: Row[] = [
    { key: t.facility, value: facility.name },
    { key: t.child, value: draft.child.name, href: reservePath(facility.id, { child: values.child }) },
    { key: t.kind, value: t.kinds[draft.kind], href: reservePath(facility.id, { child: values.child }, '', '#step2-heading') },
  ];
  const calendarHref = reservePath(facility.id, values, '', '#time-choice');
  if (draft.kind === 'regular' && draft.preview) {
    rows.push({ key: t.frequencyRow, value: t.frequencies[values.frequency as 'weekly'] ?? values.frequency, href: calendarHref });
    rows.push({
      key: t.datesRow,
      value: draft.preview.map((d) => t.seriesDateLine(dateText(d.date, lang), problemText(d, lang))),
      href: calendarHref,
      qa: 'confirm-dates',
    });
    rows.push({ key: t.timeRow, value: clockRange(draft.time.startMinute, draft.time.endMinute, lang), href: calendarHref });
  } else {
    rows.push({ key: t.dateRow, value: dateText(draft.time.date, lang), href: calendarHref });
    rows.push({ key: t.timeRow, value: clockRange(draft.time.startMinute, draft.time.endMinute, lang), href: calendarHref });
  }
  return rows.map((r) => ({ ...r, href: change ? r.href : undefined }));
}

function DraftSummary({ lang, draft }: { lang: Lang; draft: Draft }) {
  return <SummaryRows lang={lang} rows={draftRows(lang, draft, false)} />;
}

/** Rows like SummaryList's, whose 変更 is a link or a button of a form elsewhere on the page. */
function SummaryRows({ lang, rows }: { lang: Lang; rows: Row[] }) {
  const t = bookingTexts(lang);
  return (
    <dl class="summary">
      {rows.map((r) => {
        const lines = typeof r.value === 'string' ? r.value.split('\n') : r.value;
        return (
          <div data-qa={r.qa}>
            <dt safe>{r.key}</dt>
            <dd>
              {lines.map((line, i) => (
                <>
                  {i > 0 ? <br /> : ''}
                  <span safe>{line}</span>
                </>
              ))}
            </dd>
            {r.href ? (
              <dd>
                <a href={r.href}>
                  <span safe>{t.change}</span>
                  <span class="visually-hidden" safe>{` ${r.key}`}</span>
                </a>
              </dd>
            ) : r.form ? (
              <dd>
                <button type="submit" form={r.form} data-variant="link">
                  <span safe>{t.change}</span>
                  <span class="visually-hidden" safe>{` ${r.key}`}</span>
                </button>
              </dd>
            ) : (
              ''
            )}
          </div>
        );
      })}
    </dl>
  );
}

export function NotesPage({ ctx, draft, deadlineAt }: { ctx: PageContext; draft: Draft; deadlineAt: Date }) {
  const lang = ctx.lang;
  const t = bookingTexts(lang);
  const { facility } = draft;
  const interview = draft.kind === 'interview';
  return (
    <Layout ctx={ctx} title={t.notesTitle}>
      <FacilityHeader ctx={ctx} facility={facility} />
      <h2 safe>{t.notesTitle}</h2>
      <DraftSummary lang={lang} draft={draft} />
      <p safe>{t.notesLead}</p>
      <ul class="booking-notes" data-qa="booking-notes">
        <li safe>{t.notesProvisional}</li>
        {interview ? (
          <li safe>{t.notesInterviewCancel}</li>
        ) : (
          <>
            <li safe>{t.notesCancel(deadlineRule(facility.offer.cancelMinutesBeforeDay, lang))}</li>
            {draft.kind !== 'regular' ? <li safe>{t.notesCancelAt(atText(deadlineAt, lang))}</li> : ''}
            <li safe>{t.notesLate}</li>
            <li safe>{t.notesFee}</li>
            <li safe>{t.notesChange}</li>
          </>
        )}
      </ul>
      {facility.bookingNotes ? (
        <section class="card" aria-labelledby="facility-notes-heading">
          <h3 id="facility-notes-heading" safe>
            {t.facilityNotes}
          </h3>
          <p class="multiline" safe>
            {facility.bookingNotes}
          </p>
        </section>
      ) : (
        ''
      )}
      <form method="get" action={`/facilities/${facility.id}/reserve/details`}>
        <StateFields values={draft.values} />
        <div class="button-row">
          <button type="submit" safe>
            {t.accept}
          </button>
          <a href={reservePath(facility.id, draft.values, '', '#time-choice')} safe>
            {t.backToCalendar}
          </a>
        </div>
      </form>
    </Layout>
  );
}

// ---- お迎えに来られる方 and the comment ----

export interface DetailsValues {
  pickup: string;
  comment: string;
}

export function DetailsPage(props: { ctx: PageContext; draft: Draft; pickups: PickupPerson[]; values: DetailsValues; errors: FieldErrors }) {
  const { ctx, draft, errors } = props;
  const lang = ctx.lang;
  const t = bookingTexts(lang);
  const { facility } = draft;
  const needsPickup = draft.kind !== 'interview';
  const title = needsPickup ? t.detailsTitle : t.detailsTitleInterview;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={lang} />
      <FacilityHeader ctx={ctx} facility={facility} />
      <h2 safe>{title}</h2>
      <DraftSummary lang={lang} draft={draft} />
      <form method="post" action={`/facilities/${facility.id}/reserve/confirm`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <StateFields values={draft.values} />
        {needsPickup ? (
          props.pickups.length > 0 ? (
            <RadioGroup
              name="pickup"
              label={t.pickup}
              lang={lang}
              required
              hint={t.pickupHint}
              value={props.values.pickup}
              error={errors.pickup}
              options={props.pickups.map((p) => ({ value: p.id, label: t.pickupOption(p.name, p.relationship) }))}
            />
          ) : (
            <div class="notice" data-type="warning" id={fieldId('pickup')} tabindex="-1" data-qa="no-pickup">
              <h3 safe>{t.pickup}</h3>
              <p safe>{t.noPickup}</p>
              <p>
                <a href={`/profile/children/${draft.child.id}/pickup`} safe>
                  {t.addPickup}
                </a>
              </p>
            </div>
          )
        ) : (
          ''
        )}
        <TextArea name="comment" label={t.comment} lang={lang} hint={t.commentHint(COMMENT_MAX)} value={props.values.comment} error={errors.comment} maxlength={COMMENT_MAX} />
        <div class="button-row">
          <button type="submit" safe>
            {t.toConfirm}
          </button>
          <a href={reservePath(facility.id, draft.values, 'notes')} safe>
            {t.backToNotes}
          </a>
        </div>
      </form>
    </Layout>
  );
}

// ---- 確認画面 ----

export type Refusal = keyof ReturnType<typeof bookingTexts>['refusals'];

export function consentsFor(kind: ReservationKind, lang: Lang): string[] {
  const t = bookingTexts(lang);
  return kind === 'interview' ? [t.consentNotes, t.consentProvisional] : [t.consentNotes, t.consentLateCancel];
}

export function ConfirmPage(props: {
  ctx: PageContext;
  draft: Draft;
  pickup: PickupPerson | undefined;
  values: DetailsValues;
  idempotency: string;
  errors: FieldErrors;
  refusal?: { reason: Refusal; series?: Array<{ date: CalendarDate; reason: string }> } | undefined;
}) {
  const { ctx, draft, errors } = props;
  const lang = ctx.lang;
  const t = bookingTexts(lang);
  const { facility } = draft;
  const consents = consentsFor(draft.kind, lang);
  const detailsRows: Row[] = [];
  if (draft.kind !== 'interview') detailsRows.push({ key: t.pickupRow, value: props.pickup ? t.pickupOption(props.pickup.name, props.pickup.relationship) : t.none, form: 'change-details', qa: 'confirm-pickup' });
  detailsRows.push({ key: t.commentRow, value: props.values.comment || t.none, form: 'change-details', qa: 'confirm-comment' });
  return (
    <Layout ctx={ctx} title={props.refusal ? t.refusedTitle : t.confirmTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={lang} />
      {props.refusal ? (
        <Refusal title={t.refusedTitle} qa="refusal">
          <p safe>{t.refusals[props.refusal.reason]}</p>
          {props.refusal.series ? (
            <ul>
              {props.refusal.series.map((r) => (
                <li safe>{t.seriesDateLine(dateText(r.date, lang), r.reason)}</li>
              ))}
            </ul>
          ) : (
            ''
          )}
          <p>
            <a href={reservePath(facility.id, { child: draft.values.child, kind: draft.values.kind, month: draft.values.month }, '', '#calendar')} safe>
              {t.backToCalendarLink}
            </a>
          </p>
        </Refusal>
      ) : (
        ''
      )}
      <FacilityHeader ctx={ctx} facility={facility} />
      <h2 safe>{t.confirmTitle}</h2>
      <p safe>{t.confirmLead}</p>
      <SummaryRows lang={lang} rows={[...draftRows(lang, draft, true), ...detailsRows]} />
      <form method="post" action={`/facilities/${facility.id}/reserve/details`} id="change-details">
        <CsrfField token={ctx.csrfToken} />
        <StateFields values={draft.values} />
        <input type="hidden" name="pickup" value={props.values.pickup} />
        <input type="hidden" name="comment" value={props.values.comment} />
      </form>
      <form method="post" action={`/facilities/${facility.id}/reserve/submit`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <StateFields values={draft.values} omit={['month']} />
        {draft.kind !== 'interview' ? <input type="hidden" name="pickup" value={props.values.pickup} /> : ''}
        <input type="hidden" name="comment" value={props.values.comment} />
        <input type="hidden" name="idempotency" value={props.idempotency} />
        <fieldset class="field" aria-describedby={errors.consent ? `${fieldId('consent')}-error` : undefined}>
          <legend>
            <span safe>{t.consentLegend}</span>
            <span class="required">
              {lang === 'ja' ? '※必須' : 'Required'}
            </span>
          </legend>
          {errors.consent ? (
            <span class="error-message" id={`${fieldId('consent')}-error`}>
              <span class="visually-hidden">{lang === 'ja' ? 'エラー：' : 'Error: '}</span>
              <span safe>{errors.consent}</span>
            </span>
          ) : (
            ''
          )}
          {consents.map((label, i) => {
            const id = i === 0 ? fieldId('consent') : `${fieldId('consent')}-${i}`;
            return (
              <div class="checkbox consent">
                <input type="checkbox" id={id} name="consent" value="1" aria-invalid={errors.consent ? 'true' : undefined} />
                <label for={id} safe>
                  {label}
                </label>
              </div>
            );
          })}
        </fieldset>
        <div class="button-row">
          <button type="submit" data-size="large" class="button" safe>
            {t.submit}
          </button>
        </div>
      </form>
    </Layout>
  );
}

// ---- After 送信 ----

function DoneLayout(props: PropsWithChildren<{ ctx: PageContext; facility: { id: string; name: string } }>) {
  const t = bookingTexts(props.ctx.lang);
  return (
    <Layout ctx={props.ctx} title={t.doneTitle}>
      <div class="notice" data-type="success" role="status" data-qa="done">
        <h1 safe>{t.doneTitle}</h1>
        <p safe>{t.doneLead}</p>
        <p safe>{t.doneMail}</p>
      </div>
      {props.children}
      <ul class="next-links">
        <li>
          <a href={`/facilities/${props.facility.id}`} safe>
            {t.backToFacility}
          </a>
        </li>
        <li>
          <a href="/mypage" safe>
            {t.toMypage}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

export function DonePage({ ctx, booking }: { ctx: PageContext; booking: BookedRow }) {
  const lang = ctx.lang;
  const t = bookingTexts(lang);
  const rows = [
    { key: t.facility, value: booking.facilityName },
    { key: t.child, value: booking.childName },
    { key: t.kind, value: t.kinds[booking.kind] },
    { key: t.dateRow, value: dateText(booking.time.date, lang) },
    { key: t.timeRow, value: clockRange(booking.time.startMinute, booking.time.endMinute, lang) },
    ...(booking.kind !== 'interview' ? [{ key: t.pickupRow, value: booking.pickupName ? t.pickupOption(booking.pickupName, booking.pickupRelationship) : t.none }] : []),
    { key: t.commentRow, value: booking.comment || t.none },
    { key: t.doneStatus, value: t.statuses[booking.status] },
  ];
  return (
    <DoneLayout ctx={ctx} facility={{ id: booking.facilityId, name: booking.facilityName }}>
      <SummaryRows lang={lang} rows={rows} />
      {booking.kind !== 'interview' ? (
        <p safe>{t.notesCancelAt(atText(cancellationDeadline(booking.time.date, booking.cancelMinutesBeforeDay), lang))}</p>
      ) : (
        ''
      )}
    </DoneLayout>
  );
}

export function SeriesDonePage({ ctx, series, refused }: { ctx: PageContext; series: BookedSeries; refused: Array<{ date: CalendarDate; reason: string }> }) {
  const lang = ctx.lang;
  const t = bookingTexts(lang);
  const first = series.bookings[0];
  const rows = [
    { key: t.facility, value: series.facilityName },
    { key: t.child, value: series.childName },
    { key: t.kind, value: t.kinds.regular },
    { key: t.frequencyRow, value: t.frequencies[series.frequency] },
    { key: t.timeRow, value: clockRange(series.startMinute, series.endMinute, lang) },
    { key: t.pickupRow, value: first?.pickupName ? t.pickupOption(first.pickupName, first.pickupRelationship) : t.none },
    { key: t.commentRow, value: first?.comment || t.none },
  ];
  return (
    <DoneLayout ctx={ctx} facility={{ id: series.facilityId, name: series.facilityName }}>
      <SummaryRows lang={lang} rows={rows} />
      <h2 safe>{t.doneSeriesBooked(series.bookings.length)}</h2>
      <ul data-qa="series-booked">
        {series.bookings.map((b) => (
          <li data-date={b.time.date.toString()} safe>
            {`${whenText(b.time, lang)}${aside(t.statuses[b.status], lang)}`}
          </li>
        ))}
      </ul>
      {refused.length > 0 ? (
        <>
          <h2 safe>{t.doneSeriesRefused(refused.length)}</h2>
          <ul data-qa="series-refused">
            {refused.map((r) => (
              <li data-date={r.date.toString()} safe>
                {t.seriesDateLine(dateText(r.date, lang), r.reason)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {first ? <p safe>{t.notesCancel(deadlineRule(first.cancelMinutesBeforeDay, lang))}</p> : ''}
    </DoneLayout>
  );
}
