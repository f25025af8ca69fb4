// 予約一覧 (the guardian's bookings): each child's bookings and monthly allowance meter, the
// cancellation screen (which says before the guardian confirms whether the hours will be freed)
// and its result, and the request for a different pick-up time.
import { aside, type Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Notice, RadioGroup, SelectField, SummaryList, TextArea, type FieldErrors, type SummaryRow } from '../platform/ui/forms.tsx';
import { Table } from '../platform/ui/table.tsx';
import type { CalendarDate, TimeRange } from '../platform/time.ts';
import { GuardianHistoryLink } from '../fees/cards.tsx';
import { Tabs } from '../platform/ui/nav.tsx';
import type { AllowanceSummary } from './queries.ts';
import { cancellationDeadline, cancellationStatus } from './rules.ts';
import type { Booking, FacilityTerms } from './list-queries.ts';
import { MESSAGE_MAX, type ChangeProblem, type CancelScope } from './change-queries.ts';
import { bookingTimeText, clockText, hoursOfDayText, hoursText, kindLabels, listTexts, momentText, statusLabels } from './list-texts.ts';

export const LIST_PATH = '/reservations';
export const cancelPath = (id: string) => `/reservations/${id}/cancel`;
export const cancelledPath = (id: string) => `/reservations/${id}/cancelled`;
export const pickupChangePath = (id: string) => `/reservations/${id}/pickup-change`;

export function listPath(childId: string | undefined, show: 'upcoming' | 'past'): string {
  const params = new URLSearchParams();
  if (childId) params.set('child', childId);
  if (show === 'past') params.set('show', 'past');
  const query = params.toString();
  return query ? `${LIST_PATH}?${query}` : LIST_PATH;
}

function monthText(month: CalendarDate, lang: Lang): string {
  return lang === 'ja' ? `${month.year}年${month.month}月` : month.format('en').replace(/^\d+ /, '');
}

const LIVE = new Set(['provisional', 'confirmed']);

/** The status in words, never by colour alone; a declined booking carries the facility's reason. */
export function StatusText({ booking, lang }: { booking: Pick<Booking, 'status' | 'declineReason'>; lang: Lang }) {
  const t = listTexts(lang);
  return (
    <>
      <span class="status" data-status={booking.status} safe>
        {statusLabels[lang][booking.status]}
      </span>
      {booking.status === 'declined' && booking.declineReason ? (
        <span class="status-reason" safe>
          {t.declinedBecause(booking.declineReason)}
        </span>
      ) : (
        ''
      )}
    </>
  );
}

function kindText(booking: Booking, lang: Lang): string {
  const t = listTexts(lang);
  const kind = kindLabels[lang][booking.kind];
  if (!booking.seriesFrequency) return kind;
  const frequency = booking.seriesFrequency === 'weekly' ? t.seriesWeekly : t.seriesBiweekly;
  return lang === 'ja' ? `${kind}（${frequency}）` : `${kind} (${frequency})`;
}

/** Who picks up, the phone number kept on one line (a narrow card would break it at a hyphen). */
function PickupValue({ booking, lang }: { booking: Booking; lang: Lang }) {
  const t = listTexts(lang);
  if (!booking.pickup.name) return <span safe>{t.noPickup}</span>;
  const { name, relationship, phone } = booking.pickup;
  return (
    <>
      <span safe>{t.pickupValue(name, relationship, '')}</span>
      <span class="nowrap" safe>
        {phone}
      </span>
    </>
  );
}

function pickupText(booking: Booking, lang: Lang): string {
  const t = listTexts(lang);
  return booking.pickup.name ? t.pickupValue(booking.pickup.name, booking.pickup.relationship, booking.pickup.phone) : t.noPickup;
}

/** What a booking is, as question-and-answer rows (the cancellation and pick-up change screens). */
function bookingRows(booking: Booking, lang: Lang): SummaryRow[] {
  const t = listTexts(lang);
  return [
    { key: t.child, value: booking.childName },
    { key: t.facility, value: booking.facilityName },
    { key: t.kind, value: kindText(booking, lang) },
    { key: t.date, value: bookingTimeText(booking.time, lang) },
    { key: t.status, value: statusLabels[lang][booking.status] + (booking.status === 'declined' && booking.declineReason ? `\n${t.declinedBecause(booking.declineReason)}` : '') },
    ...(booking.kind === 'interview' ? [] : [{ key: t.pickup, value: pickupText(booking, lang) }]),
  ];
}

// ---- The allowance meter ----

export function AllowanceMeter({ summary, which, lang }: { summary: AllowanceSummary; which: 'this' | 'next'; lang: Lang }) {
  const t = listTexts(lang);
  const label = which === 'this' ? t.thisMonth : t.nextMonth;
  const id = `allowance-${summary.month.toString()}`;
  const left = Math.max(0, summary.totalMinutes - summary.usedMinutes);
  const line = t.allowanceLine(label, hoursText(summary.totalMinutes, lang), hoursText(summary.usedMinutes, lang), hoursText(left, lang));
  return (
    <section class="allowance" aria-labelledby={`${id}-heading`} data-qa={`allowance-${which}`}>
      <h3 id={`${id}-heading`} safe>
        {t.allowanceHeading(monthText(summary.month, lang))}
      </h3>
      <p id={`${id}-line`} class="allowance-line" data-qa={`allowance-line-${which}`} safe>
        {line}
      </p>
      {/* The meter repeats the line above for eyes; its accessible name and description say it in words. */}
      <meter
        class="allowance-meter"
        min="0"
        max={String(Math.max(summary.totalMinutes, 1))}
        value={String(Math.min(summary.usedMinutes, Math.max(summary.totalMinutes, 1)))}
        high={String(Math.max(summary.totalMinutes, 1) * 0.8)}
        optimum="0"
        aria-label={t.meterLabel(label)}
        aria-describedby={`${id}-line`}
        safe
      >
        {`${hoursText(summary.usedMinutes, lang)} / ${hoursText(summary.totalMinutes, lang)}`}
      </meter>
      {summary.buckets.length > 1 ? (
        <ul class="allowance-buckets">
          {summary.buckets.map((b) => {
            const name =
              b.key === 'national'
                ? t.nationalBucket
                : `${b.name ?? ''}${t.bucketScope((b.bucket.kinds ?? []).map((k) => kindLabels[lang][k]).join(lang === 'ja' ? '・' : ', '), b.bucket.facilityMunicipalityId !== undefined)}`;
            return (
              <li safe>
                {t.bucketLine(name, hoursText(b.minutesPerMonth, lang), hoursText(b.usedMinutes, lang), hoursText(Math.max(0, b.minutesPerMonth - b.usedMinutes), lang))}
              </li>
            );
          })}
        </ul>
      ) : (
        ''
      )}
    </section>
  );
}

// ---- 予約一覧 ----

function BookingCard({ booking, lang, now }: { booking: Booking; lang: Lang; now: Date }) {
  const t = listTexts(lang);
  const when = bookingTimeText(booking.time, lang);
  const live = LIVE.has(booking.status);
  const cancellable = live && booking.startsAt.getTime() > now.getTime();
  const changeable = live && booking.kind !== 'interview' && booking.endsAt.getTime() > now.getTime() && booking.slotId !== null;
  return (
    <li class="card booking-card" data-qa="booking" data-id={booking.id}>
      <h3 safe>{when}</h3>
      <p class="booking-status" data-qa="booking-status">
        <StatusText booking={booking} lang={lang} />
      </p>
      <dl class="facility-facts">
        <div>
          <dt safe>{t.facility}</dt>
          <dd safe>{booking.facilityName}</dd>
        </div>
        <div>
          <dt safe>{t.kind}</dt>
          <dd safe>{kindText(booking, lang)}</dd>
        </div>
        {booking.kind === 'interview' ? (
          ''
        ) : (
          <div>
            <dt safe>{t.pickup}</dt>
            <dd>
              <PickupValue booking={booking} lang={lang} />
            </dd>
          </div>
        )}
      </dl>
      {booking.openChange && live && booking.endsAt.getTime() > now.getTime() ? (
        <p class="booking-change" data-qa="booking-change-open" safe>
          {t.changeOpen(clockText(booking.openChange.endMinute))}
        </p>
      ) : (
        ''
      )}
      {cancellable || changeable ? (
        <ul class="booking-actions" aria-label={t.actionsFor(when)}>
          {changeable ? (
            <li>
              <a href={pickupChangePath(booking.id)}>
                <span safe>{t.changePickup}</span>
                <span class="visually-hidden" safe>{aside(when, lang)}</span>
              </a>
            </li>
          ) : (
            ''
          )}
          {cancellable ? (
            <li>
              <a href={cancelPath(booking.id)} data-qa="cancel-link">
                <span safe>{t.cancel}</span>
                <span class="visually-hidden" safe>{aside(when, lang)}</span>
              </a>
            </li>
          ) : (
            ''
          )}
        </ul>
      ) : (
        ''
      )}
    </li>
  );
}

export function ListPage(props: {
  ctx: PageContext;
  children: Array<{ id: string; name: string }>;
  childId: string | undefined;
  show: 'upcoming' | 'past';
  bookings: Booking[];
  meters: Array<{ which: 'this' | 'next'; summary: AllowanceSummary }>;
  now: Date;
  pastLimit: number;
}) {
  const { ctx } = props;
  const t = listTexts(ctx.lang);
  const child = props.children.find((c) => c.id === props.childId);
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1 safe>{t.title}</h1>
      <p class="lead" safe>{t.lead}</p>
      {!child ? (
        <p safe>{t.noChildren}</p>
      ) : (
        <>
          {props.children.length > 1 ? (
            <Tabs label={t.childTabs} tabs={props.children.map((c) => ({ href: listPath(c.id, props.show), label: c.name, current: c.id === child.id }))} />
          ) : (
            ''
          )}
          <h2 safe>{t.childHeading(child.name)}</h2>
          <div class="allowance-group">
            {props.meters.map((m) => (
              <AllowanceMeter summary={m.summary} which={m.which} lang={ctx.lang} />
            ))}
          </div>
          <details class="allowance-explained">
            <summary safe>{t.allowanceHow}</summary>
            <p safe>{t.allowanceCounts}</p>
            <p safe>{t.allowanceShared}</p>
          </details>
          <p class="usage-link">
            <GuardianHistoryLink ctx={ctx} childId={child.id} />
          </p>
          <nav aria-label={t.showLabel}>
            <ul class="filters">
              <li>
                <a href={listPath(child.id, 'upcoming')} aria-current={props.show === 'upcoming' ? 'page' : undefined} safe>
                  {t.upcoming}
                </a>
              </li>
              <li>
                <a href={listPath(child.id, 'past')} aria-current={props.show === 'past' ? 'page' : undefined} safe>
                  {t.past}
                </a>
              </li>
            </ul>
          </nav>
          <h3 class="visually-hidden" safe>
            {props.show === 'upcoming' ? t.upcoming : t.past}
          </h3>
          {props.bookings.length === 0 ? (
            <p data-qa="no-bookings" safe>
              {props.show === 'upcoming' ? t.noUpcoming : t.noPast}
            </p>
          ) : (
            <ul class="cards booking-list">
              {props.bookings.map((b) => (
                <BookingCard booking={b} lang={ctx.lang} now={props.now} />
              ))}
            </ul>
          )}
          {props.show === 'past' && props.bookings.length >= props.pastLimit ? <p safe>{t.pastLimit(props.pastLimit)}</p> : ''}
          <p class="spaced">
            <a href="/facilities" safe>
              {t.findFacility}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

// ---- Cancelling ----

function BackToList({ lang }: { lang: Lang }) {
  return (
    <p>
      <a href={LIST_PATH} safe>
        {listTexts(lang).backToList}
      </a>
    </p>
  );
}

/** Whether cancelling now frees the hours, and until when: said before the guardian confirms. */
function CancelEffect({ booking, terms, now, lang }: { booking: Booking; terms: FacilityTerms; now: Date; lang: Lang }) {
  const t = listTexts(lang);
  const deadline = momentText(cancellationDeadline(booking.time.date, terms.cancelMinutesBeforeDay), lang);
  if (booking.kind === 'interview') {
    return (
      <Notice type="info">
        <p data-qa="cancel-effect" safe>{t.interviewNoHours}</p>
      </Notice>
    );
  }
  return cancellationStatus(now, booking.time.date, terms.cancelMinutesBeforeDay) === 'cancelled' ? (
    <Notice type="info" title={t.freedTitle}>
      <p data-qa="cancel-effect" safe>{t.freedText(deadline)}</p>
    </Notice>
  ) : (
    <Notice type="warning" title={t.lateTitle}>
      <p data-qa="cancel-effect" safe>{t.lateText(deadline, hoursText(booking.time.durationMinutes, lang))}</p>
    </Notice>
  );
}

function effectText(booking: Booking, terms: FacilityTerms, now: Date, lang: Lang): string {
  const t = listTexts(lang);
  if (booking.kind === 'interview') return t.effectNone;
  return cancellationStatus(now, booking.time.date, terms.cancelMinutesBeforeDay) === 'cancelled' ? t.effectFreed : t.effectKept;
}

export function CancelPage(props: {
  ctx: PageContext;
  booking: Booking;
  terms: FacilityTerms;
  /** This date and the later live dates of its series (just this one if it has none). */
  series: Booking[];
  now: Date;
  problem: 'status' | 'started' | undefined;
  scope: CancelScope | '';
  errors: FieldErrors;
}) {
  const { ctx, booking, terms, now } = props;
  const t = listTexts(ctx.lang);
  const told = cancellationStatus(now, booking.time.date, terms.cancelMinutesBeforeDay);
  return (
    <Layout ctx={ctx} title={t.cancelTitle} hasErrors={Object.keys(props.errors).length > 0}>
      <BackToList lang={ctx.lang} />
      <h1 safe>{t.cancelTitle}</h1>
      <ErrorSummary errors={props.errors} lang={ctx.lang} />
      {props.problem ? (
        <>
          <Notice type="warning" title={t.notCancellable}>
            <p safe>{t.notCancellableWhy[props.problem]}</p>
          </Notice>
          <SummaryList rows={bookingRows(booking, ctx.lang)} />
        </>
      ) : (
        <>
          <p safe>{t.cancelLead}</p>
          <SummaryList rows={bookingRows(booking, ctx.lang)} />
          <CancelEffect booking={booking} terms={terms} now={now} lang={ctx.lang} />
          <form method="post" action={cancelPath(booking.id)} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="told" value={told} />
            {props.series.length > 1 ? (
              <>
                <RadioGroup
                  name="scope"
                  label={t.scope}
                  lang={ctx.lang}
                  required
                  value={props.scope}
                  error={props.errors.scope}
                  options={[
                    { value: 'one', label: t.scopeOne(booking.time.date.format(ctx.lang, { weekday: true })) },
                    { value: 'later', label: t.scopeLater(props.series.length), hint: t.scopeLaterHint },
                  ]}
                />
                <Table
                  id="later-dates"
                  caption={t.laterDatesCaption}
                  rows={props.series}
                  columns={[
                    { header: t.date, text: (b) => bookingTimeText(b.time, ctx.lang) },
                    { header: t.deadlineColumn, text: (b) => momentText(cancellationDeadline(b.time.date, terms.cancelMinutesBeforeDay), ctx.lang) },
                    { header: t.hoursEffect, text: (b) => effectText(b, terms, now, ctx.lang) },
                  ]}
                />
              </>
            ) : (
              <input type="hidden" name="scope" value="one" />
            )}
            <p safe>{t.facilityMailed}</p>
            <div class="button-row">
              <button type="submit" data-qa="confirm-cancel" safe>
                {t.confirmCancel}
              </button>
              <a href={LIST_PATH} safe>
                {t.keep}
              </a>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}

export function CancelledPage(props: { ctx: PageContext; bookings: Booking[]; terms: FacilityTerms; /** The guardian was told the hours would be freed, and they were not. */ deadlinePassed: Booking | undefined }) {
  const { ctx } = props;
  const t = listTexts(ctx.lang);
  const lang = ctx.lang;
  return (
    <Layout ctx={ctx} title={t.cancelledTitle}>
      <h1 safe>{t.cancelledTitle}</h1>
      {props.deadlinePassed ? (
        <Notice type="warning" title={t.deadlinePassedTitle}>
          <p data-qa="deadline-passed" safe>
            {t.deadlinePassedText(momentText(cancellationDeadline(props.deadlinePassed.time.date, props.terms.cancelMinutesBeforeDay), lang))}
          </p>
        </Notice>
      ) : (
        ''
      )}
      {props.bookings.length === 0 ? (
        <p safe>{t.nothingCancelled}</p>
      ) : (
        <>
          <Notice type="success">
            <p safe>{t.cancelledLead}</p>
          </Notice>
          <Table
            id="cancelled"
            caption={t.cancelledCaption}
            rows={props.bookings}
            columns={[
              { header: t.date, text: (b) => bookingTimeText(b.time, lang) },
              { header: t.facility, text: (b) => b.facilityName },
              { header: t.kind, text: (b) => kindLabels[lang][b.kind] },
              {
                header: t.status,
                cell: (b) => (
                  <span data-qa="cancelled-status" safe>
                    {b.kind === 'interview' ? statusLabels[lang][b.status] : b.status === 'late_cancelled' ? t.resultKept : b.status === 'cancelled' ? t.resultFreed : statusLabels[lang][b.status]}
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
      <BackToList lang={lang} />
    </Layout>
  );
}

// ---- A different pick-up time ----

export interface ChangeAnswers {
  end: string;
  message: string;
}

export function PickupChangePage(props: {
  ctx: PageContext;
  booking: Booking;
  slot: TimeRange | undefined;
  terms: FacilityTerms;
  choices: number[];
  problem: ChangeProblem | undefined;
  answers: ChangeAnswers;
  errors: FieldErrors;
  notice: 'sent' | 'withdrawn' | 'already-open' | undefined;
  lastDecision: { status: 'requested' | 'accepted' | 'refused' | 'withdrawn'; requested_end_minute: number; reply: string } | undefined;
}) {
  const { ctx, booking } = props;
  const t = listTexts(ctx.lang);
  const lang = ctx.lang;
  const open = booking.openChange;
  const deadline = momentText(cancellationDeadline(booking.time.date, props.terms.cancelMinutesBeforeDay), lang);
  return (
    <Layout ctx={ctx} title={t.changeTitle} hasErrors={Object.keys(props.errors).length > 0}>
      <BackToList lang={lang} />
      <h1 safe>{t.changeTitle}</h1>
      <ErrorSummary errors={props.errors} lang={lang} />
      {props.notice === 'sent' ? (
        <Notice type="success">
          <p safe>{t.changeSent}</p>
        </Notice>
      ) : props.notice === 'withdrawn' ? (
        <Notice type="success">
          <p safe>{t.changeWithdrawn}</p>
        </Notice>
      ) : props.notice === 'already-open' ? (
        <Notice type="error">
          <p data-qa="already-open" safe>{t.alreadyOpen}</p>
        </Notice>
      ) : (
        ''
      )}
      <p safe>{t.changeLead}</p>
      <h2 safe>{t.currentBooking}</h2>
      <SummaryList rows={bookingRows(booking, lang)} />
      {props.lastDecision && !open ? (
        <section class="card" data-qa="last-decision">
          <h2 safe>{t.lastDecision}</h2>
          <p safe>{props.lastDecision.status === 'accepted' ? t.lastAccepted(clockText(props.lastDecision.requested_end_minute)) : t.lastRefused(clockText(props.lastDecision.requested_end_minute))}</p>
          {props.lastDecision.reply ? <p class="multiline" safe>{t.reply(props.lastDecision.reply)}</p> : ''}
        </section>
      ) : (
        ''
      )}
      {open && !props.problem ? (
        <>
          <Notice type="info" title={t.openRequestTitle}>
            <p data-qa="open-request" safe>{t.openRequestText(clockText(open.endMinute), momentText(open.requestedAt, lang))}</p>
            {open.message ? <p class="multiline" safe>{t.openRequestMessage(open.message)}</p> : ''}
          </Notice>
          <form method="post" action={`${pickupChangePath(booking.id)}/withdraw`}>
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" data-variant="secondary" data-qa="withdraw" safe>
              {t.withdraw}
            </button>
          </form>
        </>
      ) : props.problem ? (
        <Notice type="warning" title={t.notChangeableTitle}>
          <p data-qa="not-changeable" safe>{t.notChangeable[props.problem]}</p>
        </Notice>
      ) : (
        <form method="post" action={pickupChangePath(booking.id)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectField
            name="end"
            label={t.newEnd}
            lang={lang}
            required
            hint={props.slot ? t.newEndHint(hoursOfDayText(props.slot, lang), clockText(booking.time.endMinute)) : undefined}
            error={props.errors.end}
            value={props.answers.end}
            options={props.choices.map((m) => ({ value: clockText(m).padStart(5, '0'), label: clockText(m) }))}
          />
          <TextArea name="message" label={t.message} lang={lang} hint={t.messageHint} error={props.errors.message} value={props.answers.message} maxlength={MESSAGE_MAX} />
          <Notice type="info">
            <p safe>{t.changeRules}</p>
            <p safe>{t.changeRulesDeadline(deadline)}</p>
          </Notice>
          <div class="button-row">
            <button type="submit" data-qa="submit-change" safe>
              {t.submitChange}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
