// The facility staff's booking screens: 予約受付 (inbox) and one booking, 日別の予約 (a day),
// 初回面談の結果, and 電話予約 (a booking taken by phone, step by step).
import type { PropsWithChildren } from '@kitajs/html';
import { aside, type Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import {
  ActionMessages,
  CalendarDateField,
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
  fieldId,
  type FieldErrors,
  type SummaryRow,
} from '../platform/ui/forms.tsx';
import { BackLink, Tabs } from '../platform/ui/nav.tsx';
import { Table } from '../platform/ui/table.tsx';
import { formatTokyoDateTime } from '../platform/clock.ts';
import { CalendarDate, formatMinuteOfDay, type TimeRange } from '../platform/time.ts';
import type { FormFields } from '../platform/validation.ts';
import type { BookingView, DayView, InterviewRecord, InterviewedChild, SlotView } from './inbox-queries.ts';
import { CHECKS, phoneFields, type OutcomeAnswers, type PhoneAnswers } from './inbox-form.ts';
import { COMMENT_MAX, NOTE_MAX, REASON_MAX, inboxTexts, type InboxTexts } from './inbox-texts.ts';
import { whenText } from './inbox-mails.ts';
import type { ReservationKind } from './tables.ts';

export const INBOX_PATH = '/facility/reservations';
export const DAY_PATH = '/facility/reservations/day';
export const INTERVIEWS_PATH = '/facility/reservations/interviews';
export const PHONE_PATH = '/facility/reservations/phone';

// ---- Small pieces ----

function timeText(time: TimeRange, lang: Lang): string {
  return `${formatMinuteOfDay(time.startMinute)}${lang === 'ja' ? '〜' : '–'}${formatMinuteOfDay(time.endMinute)}`;
}

export function when(time: TimeRange, lang: Lang): string {
  return lang === 'ja' ? whenText(time) : `${time.date.format('en', { weekday: true })} ${formatMinuteOfDay(time.startMinute)}–${formatMinuteOfDay(time.endMinute)}`;
}

function dateText(date: CalendarDate, lang: Lang): string {
  return date.format(lang, { weekday: true });
}

function pickupText(b: BookingView, t: InboxTexts): string {
  return b.pickup.name ? t.pickupLine(b.pickup.name, b.pickup.relationship, b.pickup.phone) : t.noPickup;
}

/** The facts of a booking, as rows of a summary list. */
function bookingRows(b: BookingView, lang: Lang, options: { full?: boolean } = {}): SummaryRow[] {
  const t = inboxTexts(lang);
  return [
    ...(options.full
      ? [
          { key: t.child, value: b.childName },
          { key: t.kana, value: b.childKana },
        ]
      : []),
    { key: t.age, value: t.ageClass(b.ageClass) },
    ...(options.full
      ? [
          { key: t.kind, value: t.kinds[b.kind] },
          { key: t.when, value: when(b.time, lang) },
          { key: t.status, value: t.statuses[b.status] },
        ]
      : []),
    ...(b.kind !== 'interview' || b.pickup.name ? [{ key: t.pickup, value: pickupText(b, t) }] : []),
    { key: t.comment, value: b.comment || t.noComment },
    ...(b.series ? [{ key: t.seriesLabel, value: t.series(t.frequencies[b.series.frequency], b.series.firstDate.format(lang), b.series.lastDate.format(lang)) }] : []),
    ...(options.full ? [{ key: t.bookedBy, value: b.bookedByFacility ? t.bookedByFacility : t.bookedByGuardian }] : []),
    { key: t.received, value: formatTokyoDateTime(b.createdAt) },
    ...(b.declineReason && (b.status === 'declined' || b.status === 'cancelled') ? [{ key: t.declineReasonLabel, value: b.declineReason }] : []),
  ];
}

type Screen = 'inbox' | 'day' | 'interviews' | 'phone';

/** The frame of every booking screen: the way back, the heading, the tabs between the four screens
 * (on those screens), what is wrong with the form and what came of the last action. */
function InboxFrame(
  props: PropsWithChildren<{
    ctx: PageContext;
    title: string;
    /** Where the way back leads: the facility's start page unless given. */
    back?: { href: string; text: string };
    current?: Screen;
    errors?: FieldErrors | undefined;
    /** Whether the page shows an error besides the form's (a refusal). */
    refused?: boolean;
    notice?: string | undefined;
    problem?: string | undefined;
  }>,
) {
  const { ctx } = props;
  const t = inboxTexts(ctx.lang);
  const errors = props.errors ?? {};
  const screens: Array<[Screen, string, string]> = [
    ['inbox', INBOX_PATH, t.inboxTitle],
    ['day', DAY_PATH, t.dayTitle],
    ['interviews', INTERVIEWS_PATH, t.interviewsTitle],
    ['phone', PHONE_PATH, t.phoneTitle],
  ];
  return (
    <Layout ctx={ctx} title={props.title} hasErrors={Object.keys(errors).length > 0 || props.refused === true}>
      <BackLink href={props.back?.href ?? '/facility'} text={props.back?.text ?? t.facilityHome} />
      <h1 safe>{props.title}</h1>
      {props.current ? <Tabs label={t.bookingsTitle} tabs={screens.map(([key, href, label]) => ({ href, label, current: key === props.current }))} /> : ''}
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <ActionMessages notice={props.notice} problem={props.problem} qa />
      {props.children}
    </Layout>
  );
}

function Status({ status, lang }: { status: BookingView['status']; lang: Lang }) {
  return (
    <span class="status" data-status={status === 'confirmed' ? 'approved' : status === 'provisional' ? 'submitted' : 'rejected'} safe>
      {inboxTexts(lang).statuses[status]}
    </span>
  );
}

// ---- 予約受付 ----

export function InboxPage(props: { ctx: PageContext; bookings: BookingView[]; notice?: string | undefined; errors?: FieldErrors }) {
  const { ctx, bookings } = props;
  const t = inboxTexts(ctx.lang);
  const errors = props.errors ?? {};
  return (
    <InboxFrame ctx={ctx} title={t.inboxTitle} current="inbox" errors={errors} notice={props.notice}>
      <p safe>{t.inboxLead}</p>
      {bookings.length === 0 ? (
        <p data-qa="inbox-empty" safe>
          {t.inboxEmpty}
        </p>
      ) : (
        <form method="post" action={`${INBOX_PATH}/confirm`}>
          <CsrfField token={ctx.csrfToken} />
          <p data-qa="inbox-count" safe>
            {t.inboxCount(bookings.length)}
          </p>
          <ul class="cards">
            {bookings.map((b, i) => (
              <li class="card" data-qa="inbox-booking">
                <h2>
                  <span safe>{b.childName}</span> <small safe>{aside(b.childKana, ctx.lang)}</small>
                </h2>
                <p class="lead">
                  <strong safe>{t.kinds[b.kind]}</strong> <span safe>{when(b.time, ctx.lang)}</span>
                </p>
                <SummaryList rows={bookingRows(b, ctx.lang)} />
                <p>
                  <a href={`${INBOX_PATH}/${b.id}`}>
                    <span safe>{t.open}</span>
                    <span class="visually-hidden" safe>
                      {t.openFor(b.childName)}
                    </span>
                  </a>
                </p>
                <div class="checkbox">
                  <input type="checkbox" id={i === 0 ? fieldId('confirm') : fieldId(`confirm.${b.id}`)} name={`confirm.${b.id}`} value="yes" />
                  <label for={i === 0 ? fieldId('confirm') : fieldId(`confirm.${b.id}`)}>
                    <span safe>{t.bulkPick}</span>
                    <span class="visually-hidden" safe>
                      {t.openFor(b.childName)}
                    </span>
                  </label>
                </div>
              </li>
            ))}
          </ul>
          <h2 safe>{t.bulkTitle}</h2>
          {errors.confirm ? (
            <p class="error-message" id={`${fieldId('confirm')}-error`} safe>
              {errors.confirm}
            </p>
          ) : (
            ''
          )}
          <p safe>{t.bulkLead}</p>
          <div class="button-row">
            <button type="submit" safe>
              {t.bulkButton}
            </button>
          </div>
        </form>
      )}
    </InboxFrame>
  );
}

// ---- One booking ----

export interface BookingPageProps {
  ctx: PageContext;
  booking: BookingView;
  notice?: string | undefined;
  /** A decision that could not be made (already decided, begun). */
  problem?: string | undefined;
  errors?: FieldErrors;
  /** What was typed, per form: 辞退 or 取り消し. */
  typed?: { form: 'decline' | 'cancel'; reason: string };
  /** Whether the booking has begun (it can no longer be cancelled). */
  begun: boolean;
}

export function BookingPage(props: BookingPageProps) {
  const { ctx, booking: b } = props;
  const t = inboxTexts(ctx.lang);
  const errors = props.errors ?? {};
  const typedFor = (form: 'decline' | 'cancel') => (props.typed?.form === form ? props.typed.reason : '');
  return (
    <InboxFrame ctx={ctx} title={t.detailTitle(b.childName)} back={{ href: INBOX_PATH, text: t.backToInbox }} errors={errors} notice={props.notice} problem={props.problem}>
      <SummaryList rows={bookingRows(b, ctx.lang, { full: true })} />
      <ul>
        <li>
          <a href={`${DAY_PATH}?date=${b.time.date.toString()}`} safe>
            {t.backToDay(dateText(b.time.date, ctx.lang))}
          </a>
        </li>
        {b.kind === 'interview' ? (
          <li>
            <a href={`${INTERVIEWS_PATH}/${b.childId}`} data-qa="interview-link" safe>
              {t.interviewLink}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
      {b.status === 'provisional' ? (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading" safe>
            {t.decideTitle}
          </h2>
          <form method="post" action={`${INBOX_PATH}/${b.id}/confirm`}>
            <CsrfField token={ctx.csrfToken} />
            <p safe>{t.confirmLead}</p>
            <div class="button-row">
              <button type="submit" data-qa="confirm" safe>
                {t.confirmButton}
              </button>
            </div>
          </form>
          <form method="post" action={`${INBOX_PATH}/${b.id}/decline`} class="spaced">
            <CsrfField token={ctx.csrfToken} />
            <TextArea name="reason" label={t.declineReason} hint={t.declineHint} required lang={ctx.lang} value={typedFor('decline')} error={errors.reason} maxlength={REASON_MAX} />
            <div class="button-row">
              <button type="submit" data-variant="secondary" data-qa="decline" safe>
                {t.declineButton}
              </button>
            </div>
          </form>
        </section>
      ) : (
        ''
      )}
      {b.status === 'confirmed' && !props.begun ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading" safe>
            {t.cancelTitle}
          </h2>
          <p safe>{t.cancelLead}</p>
          <form method="post" action={`${INBOX_PATH}/${b.id}/cancel`}>
            <CsrfField token={ctx.csrfToken} />
            <TextArea
              name="cancelReason"
              label={t.cancelReason}
              hint={t.cancelHint}
              required
              lang={ctx.lang}
              value={typedFor('cancel')}
              error={errors.cancelReason}
              maxlength={REASON_MAX}
            />
            <div class="button-row">
              <button type="submit" data-variant="secondary" data-qa="cancel" safe>
                {t.cancelButton}
              </button>
            </div>
          </form>
        </section>
      ) : (
        ''
      )}
    </InboxFrame>
  );
}

// ---- 日別の予約 ----

export function DayPage(props: { ctx: PageContext; day: DayView; today: CalendarDate; dateInput: string; error?: string | undefined }) {
  const { ctx, day } = props;
  const t = inboxTexts(ctx.lang);
  const heading = t.dayHeading(dateText(day.date, ctx.lang));
  const errors: FieldErrors = props.error ? { date: props.error } : {};
  const bookingList = (bookings: BookingView[]) => (
    <ul class="cards">
      {bookings.map((b) => (
        <li class="card" data-qa="day-booking">
          <h3>
            <span safe>{timeText(b.time, ctx.lang)}</span>{' '}
            <a href={`${INBOX_PATH}/${b.id}`} safe>
              {b.childName}
            </a>{' '}
            <small safe>{aside(b.childKana, ctx.lang)}</small>
          </h3>
          <dl class="facility-facts">
            <div>
              <dt safe>{t.age}</dt>
              <dd safe>{t.ageClass(b.ageClass)}</dd>
            </div>
            <div>
              <dt safe>{t.kind}</dt>
              <dd safe>{t.kinds[b.kind]}</dd>
            </div>
            <div>
              <dt safe>{t.status}</dt>
              <dd>
                <Status status={b.status} lang={ctx.lang} />
              </dd>
            </div>
            <div>
              <dt safe>{t.pickup}</dt>
              <dd safe>{pickupText(b, t)}</dd>
            </div>
          </dl>
          {b.kind === 'interview' ? (
            <p class="spaced-small">
              <a href={`${INTERVIEWS_PATH}/${b.childId}`}>
                <span safe>{t.interviewLink}</span>
                <span class="visually-hidden" safe>
                  {t.openFor(b.childName)}
                </span>
              </a>
            </p>
          ) : (
            ''
          )}
        </li>
      ))}
    </ul>
  );
  return (
    <InboxFrame ctx={ctx} title={heading} current="day" errors={errors}>
      <p safe>{t.dayLead}</p>
      <nav class="pager" aria-label={t.dayTitle}>
        <ul>
          <li>
            <a href={`${DAY_PATH}?date=${day.date.addDays(-1).toString()}`} safe>
              {`← ${t.prevDay}`}
            </a>
          </li>
          <li>
            <a href={`${DAY_PATH}?date=${props.today.toString()}`} aria-current={day.date.equals(props.today) ? 'date' : undefined} safe>
              {t.today}
            </a>
          </li>
          <li>
            <a href={`${DAY_PATH}?date=${day.date.addDays(1).toString()}`} safe>
              {`${t.nextDay} →`}
            </a>
          </li>
        </ul>
      </nav>
      <form method="get" action={DAY_PATH} class="spaced-small day-form">
        <CalendarDateField name="date" label={t.dateLabel} hint={t.dateHint} lang={ctx.lang} value={props.dateInput} error={props.error} unmarked />
        <button type="submit" data-variant="secondary" safe>
          {t.show}
        </button>
      </form>
      {day.slots.length === 0 && day.other.length === 0 ? (
        <p data-qa="no-slots" safe>
          {t.noSlots}
        </p>
      ) : (
        ''
      )}
      {day.slots.map((slot) => (
        <section aria-labelledby={`slot-${slot.id}`} data-qa="day-slot">
          <h2 id={`slot-${slot.id}`}>
            <span safe>{t.slotHeading(timeText(slot.time, ctx.lang))}</span>
            {slot.withdrawn ? <span safe>{t.withdrawn}</span> : ''}
          </h2>
          <p safe>{t.slotKinds(t.list(slot.kinds.map((k) => t.kinds[k])))}</p>
          <CapacityTable slot={slot} lang={ctx.lang} />
          <h3 class="visually-hidden" safe>
            {t.bookingsCaption(timeText(slot.time, ctx.lang))}
          </h3>
          {slot.bookings.length === 0 ? <p safe>{t.noBookings}</p> : bookingList(slot.bookings)}
        </section>
      ))}
      {day.other.length > 0 ? (
        <section aria-labelledby="other-heading">
          <h2 id="other-heading" safe>
            {t.otherHeading}
          </h2>
          {bookingList(day.other)}
        </section>
      ) : (
        ''
      )}
    </InboxFrame>
  );
}

function CapacityTable({ slot, lang }: { slot: SlotView; lang: Lang }) {
  const t = inboxTexts(lang);
  const rows = ([0, 1, 2] as const).map((age) => ({ age, booked: slot.taken[age], capacity: slot.capacity[age] }));
  return (
    <Table
      id={`capacity-${slot.id}`}
      caption={t.capacityCaption(timeText(slot.time, lang))}
      rows={rows}
      columns={[
        { header: t.capacityAge, text: (r) => t.ageClass(r.age) },
        { header: t.capacityBooked, text: (r) => String(r.booked) },
        { header: t.capacityLimit, text: (r) => String(r.capacity) },
        { header: t.capacityLeft, text: (r) => String(Math.max(0, r.capacity - r.booked)) },
      ]}
    />
  );
}

// ---- 初回面談の結果 ----

function decisionText(decision: InterviewedChild['decision'], t: InboxTexts): string {
  return decision === undefined ? t.undecided : decision.approved ? t.approved : t.notApproved;
}

export function InterviewsPage({ ctx, children }: { ctx: PageContext; children: InterviewedChild[] }) {
  const t = inboxTexts(ctx.lang);
  return (
    <InboxFrame ctx={ctx} title={t.interviewsTitle} current="interviews">
      <p safe>{t.interviewsLead}</p>
      {children.length === 0 ? (
        <p safe>{t.interviewsEmpty}</p>
      ) : (
        <Table
          id="interviews"
          caption={t.interviewsTitle}
          rows={children}
          columns={[
            {
              header: t.child,
              cell: (c) => (
                <>
                  <a href={`${INTERVIEWS_PATH}/${c.childId}`} safe>
                    {c.childName}
                  </a>
                  <br />
                  <small safe>{c.childKana}</small>
                </>
              ),
            },
            {
              header: t.interviewDate,
              cell: (c) => (
                <>
                  <span safe>{when(c.interview.time, ctx.lang)}</span>
                  <br />
                  <Status status={c.interview.status} lang={ctx.lang} />
                </>
              ),
            },
            {
              header: t.decision,
              cell: (c) => (
                <>
                  <strong data-qa="decision" safe>
                    {decisionText(c.decision, t)}
                  </strong>
                  {c.decision ? (
                    <>
                      <br />
                      <small safe>{formatTokyoDateTime(c.decision.decidedAt)}</small>
                    </>
                  ) : (
                    ''
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </InboxFrame>
  );
}

export function OutcomePage(props: { ctx: PageContext; record: InterviewRecord; answers: OutcomeAnswers; errors: FieldErrors; notice?: string | undefined; problem?: string | undefined }) {
  const { ctx, record, answers, errors } = props;
  const t = inboxTexts(ctx.lang);
  const title = t.outcomeTitle(record.childName);
  return (
    <InboxFrame ctx={ctx} title={title} back={{ href: INTERVIEWS_PATH, text: t.backToInterviews }} errors={errors} notice={props.notice} problem={props.problem}>
      <p class="lead" safe>{`${record.childName}${aside(record.childKana, ctx.lang)}`}</p>
      <h2 safe>{t.interviewsHeading}</h2>
      <ul>
        {record.interviews.map((i) => (
          <li>
            <a href={`${INBOX_PATH}/${i.id}`} safe>
              {when(i.time, ctx.lang)}
            </a>{' '}
            <Status status={i.status} lang={ctx.lang} />
          </li>
        ))}
      </ul>
      <h2 safe>{t.currentDecision}</h2>
      <SummaryList
        rows={[
          { key: t.decision, value: decisionText(record.decision, t) },
          ...(record.decision
            ? [
                { key: t.decidedAt, value: formatTokyoDateTime(record.decision.decidedAt) },
                ...(record.decision.reason ? [{ key: t.reasonForFamily, value: record.decision.reason }] : []),
                ...(record.decision.note ? [{ key: t.noteLabel, value: record.decision.note }] : []),
              ]
            : []),
        ]}
      />
      <h2 safe>{t.outcomeFormTitle}</h2>
      <p safe>{t.outcomeFormLead}</p>
      <form method="post" action={`${INTERVIEWS_PATH}/${record.childId}`}>
        <CsrfField token={ctx.csrfToken} />
        <RadioGroup
          name="outcome"
          label={t.outcome}
          required
          lang={ctx.lang}
          value={answers.outcome}
          error={errors.outcome}
          options={[
            { value: 'approved', label: t.approve, hint: t.approveHint },
            { value: 'rejected', label: t.reject, hint: t.rejectHint },
          ]}
        />
        <TextArea name="reason" label={t.reason} hint={t.reasonHint} lang={ctx.lang} value={answers.reason} error={errors.reason} maxlength={REASON_MAX} />
        <CheckboxGroup name="checks" label={t.checked} lang={ctx.lang} error={errors.checks} options={CHECKS.map((c) => ({ value: c, label: t.checks[c] }))} checked={answers.checks} />
        <TextArea name="note" label={t.note} hint={t.noteHint} lang={ctx.lang} value={answers.note} error={errors.note} maxlength={NOTE_MAX} />
        <div class="button-row">
          <button type="submit" data-qa="save-outcome" safe>
            {t.save}
          </button>
        </div>
      </form>
    </InboxFrame>
  );
}

// ---- 電話予約 ----

function Hidden({ fields }: { fields: FormFields }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export type PhoneStep =
  | { step: 'find' }
  | { step: 'what'; childName: string; kinds: readonly ReservationKind[] }
  | {
      step: 'slot';
      childName: string;
      kind: ReservationKind;
      useDate: CalendarDate;
      ageClass: number | undefined;
      slots: SlotView[];
      times: string[];
      pickups: Array<{ id: string; name: string; relationship: string; phone: string }>;
      refusal?: string | undefined;
    }
  | { step: 'check'; childName: string; kind: ReservationKind; time: TimeRange; pickup: string; comment: string; idempotencyKey: string };

export function PhonePage(props: { ctx: PageContext; answers: PhoneAnswers; errors: FieldErrors; state: PhoneStep }) {
  const { ctx, answers, errors, state } = props;
  const t = inboxTexts(ctx.lang);
  const title = state.step === 'check' ? t.checkTitle : t.phoneTitle;
  return (
    <InboxFrame ctx={ctx} title={title} current="phone" errors={errors} refused={state.step === 'slot' && state.refusal !== undefined}>
      {state.step === 'slot' && state.refusal ? (
        <Refusal title={t.refusedTitle} qa="refusal">
          <p safe>{state.refusal}</p>
        </Refusal>
      ) : (
        ''
      )}
      {state.step === 'find' ? <p safe>{t.phoneLead}</p> : ''}
      {state.step === 'find' ? (
        <form method="post" action={PHONE_PATH}>
          <CsrfField token={ctx.csrfToken} />
          <h2 safe>{t.findTitle}</h2>
          <p safe>{t.findLead}</p>
          <TextField
            name="certificationNumber"
            label={t.certificationNumber}
            hint={t.certificationHint}
            required
            lang={ctx.lang}
            value={answers.certificationNumber}
            error={errors.certificationNumber}
            inputmode="numeric"
            autocomplete="off"
            maxlength={40}
          />
          <DateField name="birth" label={t.birthDate} required lang={ctx.lang} value={answers.birth} error={errors.birth} />
          <div class="button-row">
            <button type="submit" name="action" value="find" safe>
              {t.find}
            </button>
          </div>
        </form>
      ) : (
        <>
          <SummaryList rows={[{ key: t.foundChild, value: state.childName }]} />
          {state.step === 'what' ? <p safe>{t.foundLead}</p> : ''}
        </>
      )}
      {state.step === 'what' ? (
        <form method="post" action={PHONE_PATH}>
          <CsrfField token={ctx.csrfToken} />
          <Hidden fields={phoneFields(answers, 'child')} />
          <h2 safe>{t.whatTitle}</h2>
          <RadioGroup name="kind" label={t.kind} required lang={ctx.lang} value={answers.kind} error={errors.kind} options={state.kinds.map((k) => ({ value: k, label: t.kinds[k] }))} />
          <CalendarDateField name="useDate" label={t.useDate} hint={t.useDateHint} required lang={ctx.lang} value={answers.useDate} error={errors.useDate} />
          <div class="button-row">
            <button type="submit" name="action" value="slots" safe>
              {t.showSlots}
            </button>
            <a href={PHONE_PATH} safe>
              {t.otherChild}
            </a>
          </div>
        </form>
      ) : (
        ''
      )}
      {state.step === 'slot' ? <SlotStep ctx={ctx} answers={answers} errors={errors} state={state} /> : ''}
      {state.step === 'check' ? (
        <>
          <p safe>{t.checkLead}</p>
          <SummaryList
            rows={[
              { key: t.kind, value: t.kinds[state.kind] },
              { key: t.when, value: when(state.time, ctx.lang) },
              ...(state.kind !== 'interview' ? [{ key: t.pickup, value: state.pickup }] : []),
              { key: t.comment, value: state.comment || t.noComment },
            ]}
          />
          <form method="post" action={PHONE_PATH}>
            <CsrfField token={ctx.csrfToken} />
            <Hidden fields={{ ...phoneFields(answers, 'slot'), key: state.idempotencyKey }} />
            <div class="button-row">
              <button type="submit" name="action" value="submit" data-qa="phone-submit" safe>
                {t.submit}
              </button>
              <button type="submit" name="action" value="slots" data-variant="secondary" safe>
                {t.fix}
              </button>
            </div>
          </form>
        </>
      ) : (
        ''
      )}
    </InboxFrame>
  );
}

function SlotStep(props: { ctx: PageContext; answers: PhoneAnswers; errors: FieldErrors; state: Extract<PhoneStep, { step: 'slot' }> }) {
  const { ctx, answers, errors, state } = props;
  const t = inboxTexts(ctx.lang);
  const age = state.ageClass;
  return (
    <form method="post" action={PHONE_PATH}>
      <CsrfField token={ctx.csrfToken} />
      <Hidden fields={phoneFields(answers, 'what')} />
      <SummaryList
        rows={[
          { key: t.kind, value: t.kinds[state.kind] },
          { key: t.useDate, value: dateText(state.useDate, ctx.lang) },
        ]}
      />
      <h2 safe>{t.slotTitle}</h2>
      {age === undefined ? (
        <Notice type="warning">
          <p safe>{t.noAgeClass}</p>
        </Notice>
      ) : (
        ''
      )}
      {state.slots.length === 0 ? (
        <p id={fieldId('slotId')} data-qa="no-slots" safe>
          {t.noSlotsOnDay}
        </p>
      ) : (
        <>
          <RadioGroup
            name="slotId"
            label={t.slot}
            required
            lang={ctx.lang}
            value={answers.slotId}
            error={errors.slotId}
            options={state.slots.map((s) => ({
              value: s.id,
              label: age === undefined ? timeText(s.time, ctx.lang) : t.slotOption(timeText(s.time, ctx.lang), t.ageClass(age), Math.max(0, s.capacity[age as 0 | 1 | 2] - s.taken[age as 0 | 1 | 2])),
              hint: t.slotOptionHint(t.list(s.kinds.map((k) => t.kinds[k]))),
            }))}
          />
          <div class="filter-row">
            <SelectField name="start" label={t.startTime} hint={t.timeHint} lang={ctx.lang} value={answers.start} error={errors.start} options={state.times.map((v) => ({ value: v, label: v }))} />
            <SelectField name="end" label={t.endTime} hint={t.timeHint} lang={ctx.lang} value={answers.end} error={errors.end} options={state.times.map((v) => ({ value: v, label: v }))} />
          </div>
          {state.kind === 'interview' ? (
            ''
          ) : state.pickups.length > 0 ? (
            <RadioGroup
              name="pickupId"
              label={t.pickup}
              hint={t.pickupHint}
              required
              lang={ctx.lang}
              value={answers.pickupId}
              error={errors.pickupId}
              options={state.pickups.map((p) => ({ value: p.id, label: t.pickupLine(p.name, p.relationship, p.phone) }))}
            />
          ) : (
            <div class="field" id={fieldId('pickupId')}>
              <p class="label" safe>
                {t.pickup}
              </p>
              <Notice type="warning">
                <p safe>{t.pickupUnavailable}</p>
              </Notice>
            </div>
          )}
          <TextArea name="comment" label={t.commentLabel} lang={ctx.lang} value={answers.comment} error={errors.comment} maxlength={COMMENT_MAX} />
        </>
      )}
      <div class="button-row">
        {state.slots.length > 0 ? (
          <button type="submit" name="action" value="check" safe>
            {t.toCheck}
          </button>
        ) : (
          ''
        )}
        <button type="submit" name="action" value="what" data-variant="secondary" safe>
          {t.changeWhat}
        </button>
      </div>
    </form>
  );
}
