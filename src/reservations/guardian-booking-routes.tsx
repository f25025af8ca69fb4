// The guardian's 予約 tab (guide steps 6–7): facility detail → 予約 → STEP1 child → STEP2 type →
// calendar and time (and, for 定期利用, every week or every other week until a date) → 予約時の注意事項
// → お迎えに来られる方 and comment → 確認画面 → 予約内容を送信する → 仮予約. Each step checks the
// whole state again; bookSlot decides the booking itself, in one transaction per date.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessRefused, permit, permitRead, routeGroup, type GuardianUser } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { allValues, type CleanFields } from '../platform/input.ts';
import { parseId } from '../platform/ids.ts';
import { normaliseLines } from '../platform/validation.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate, TimeRange, parseYearMonth, yearMonthOf } from '../platform/time.ts';
import type { Db } from '../platform/database.ts';
import { reservationActions } from './actions.ts';
import { allowanceOf, bookSlot, type BookingResult, type RefusalReason } from './queries.ts';
import { PLACE_HOLDING_STATUSES, cancellationDeadline } from './rules.ts';
import {
  COMMENT_MAX,
  FREQUENCIES,
  KINDS,
  bookableSlot,
  bookedReservation,
  bookedSeries,
  childrenForBooking,
  chosenTime,
  defaultUntil,
  dropEmptySeries,
  ensureSeries,
  facilityForBooking,
  kindChoices,
  latestUntil,
  monthCalendar,
  pickupPersonsOf,
  previewSeries,
  recordSeriesBooked,
  seriesIdFor,
  submitContext,
  type BookingChild,
  type BookingFacility,
  type CalendarSlot,
  type Frequency,
  type KindChoice,
  type PickupPerson,
  type SeriesDate,
  type SeriesProblem,
  type SubmitContext,
} from './booking-queries.ts';
import { queueBookingMails } from './booking-mails.ts';
import { atText, blockText, bookingTexts } from './booking-texts.ts';
import {
  ConfirmPage,
  DetailsPage,
  DonePage,
  NotesPage,
  ReservePage,
  STATE_FIELDS,
  SeriesDonePage,
  consentsFor,
  emptyValues,
  problemText,
  type BookingValues,
  type DetailsValues,
  type Draft,
} from './guardian-booking-views.tsx';
import type { ReservationKind } from './tables.ts';

/** The state of the steps, from a query string or a form body: strings, each of a sensible length. */
function valuesFrom(fields: Record<string, string | undefined>): BookingValues {
  const values = emptyValues();
  for (const key of STATE_FIELDS) values[key] = (fields[key] ?? '').trim().slice(0, 100);
  return values;
}

function detailsFrom(fields: Record<string, string | undefined>): DetailsValues {
  return { pickup: (fields.pickup ?? '').trim().slice(0, 100), comment: normaliseLines(fields.comment).slice(0, COMMENT_MAX + 1000) };
}

/** Everything the steps have chosen so far, each checked; `errors` for what was given and is wrong. */
interface Resolved {
  facility: BookingFacility;
  children: BookingChild[];
  values: BookingValues;
  today: CalendarDate;
  child?: BookingChild;
  choices?: KindChoice[];
  kind?: ReservationKind;
  /** The chosen slot as the calendar shows it (not looked up for the final submit). */
  chosen?: CalendarSlot;
  slotTime?: TimeRange;
  time?: TimeRange;
  frequency?: Frequency;
  until?: CalendarDate;
  untilRange?: { first: CalendarDate; max: CalendarDate };
  preview?: SeriesDate[];
  errors: FieldErrors;
}

/**
 * How much must be there: `tab` while choosing (nothing is missing yet), `full` from the notes on,
 * and at 送信 the rows submitContext read in one statement (the kind's availability and the slot's
 * places are bookSlot's to judge then).
 */
type Level = 'tab' | 'full' | SubmitContext;

/** An interview already booked or decided at the facility, found inside the booking's transaction. */
class InterviewExists extends Error {}

function refusalShort(reason: RefusalReason | SeriesProblem, lang: 'ja' | 'en'): string {
  const t = bookingTexts(lang);
  const short: Partial<Record<RefusalReason | SeriesProblem, SeriesProblem>> = {
    'slot-gone': 'past',
    full: 'full',
    allowance: 'allowance',
    overlap: 'overlap',
    'not-certified': 'not-certified',
    age: 'age',
    holiday: 'holiday',
    closed: 'closed',
    'no-slot': 'no-slot',
    past: 'past',
  };
  const problem = short[reason];
  return problem ? t.problems[problem] : t.refusals[reason as RefusalReason];
}

const REFUSAL_CODES = new Set<string>(['full', 'allowance', 'overlap', 'too-short', 'bad-step', 'outside-slot', 'not-certified', 'facility-rule', 'no-interview', 'not-approved', 'age', 'kind-not-offered', 'slot-gone', 'holiday', 'closed', 'no-slot', 'past']);

export const bookingRoutes = routeGroup('guardian', async (routes) => {
  const { db, clock, config } = routes.app.deps;

  /** The facility of the address, as `read` gives it. Any facility's tab (the rule): found is permitted. */
  function facilityOf<T>(req: FastifyRequest, read: (id: string) => Promise<T | undefined>): Promise<T> {
    return permitRead(req, reservationActions.bookingTab, (req.params as { id: string }).id, read);
  }

  async function resolve(req: FastifyRequest, user: GuardianUser, facility: BookingFacility, values: BookingValues, level: Level): Promise<Resolved> {
    const submit = typeof level === 'object' ? level : undefined;
    const t = bookingTexts(req.lang);
    const today = CalendarDate.today(clock);
    const r: Resolved = { facility, children: submit ? submit.children : await childrenForBooking(db, user.id), values, today, errors: {} };
    const need = level !== 'tab';
    if (!values.child) {
      if (need && r.children.length > 0) r.errors.child = t.errors.child;
      return r;
    }
    // Another family's child (or no child at all) is not found, like any object of someone else's.
    // The family's own children (the rule) were read above.
    const child = await permitRead(req, reservationActions.book, values.child, (id) => r.children.find((c) => c.id === id));
    r.child = child;
    values.child = child.id;
    if (!submit) r.choices = await kindChoices(db, clock, facility, child, user);

    if (!values.kind) {
      if (need) r.errors.kind = t.errors.kind;
      return r;
    }
    const kind = KINDS.find((k) => k === values.kind);
    if (!kind) {
      r.errors.kind = t.errors.kind;
      return r;
    }
    const block = r.choices?.find((c) => c.kind === kind)?.block;
    if (block) {
      r.errors.kind = blockText(block, req.lang, (at) => atText(at, req.lang));
      return r;
    }
    r.kind = kind;

    if (!values.slot) {
      if (need) r.errors.slot = t.errors.slot;
      return r;
    }
    const slotId = parseId(values.slot);
    if (submit) {
      const slot = slotId ? submit.slot : undefined;
      if (!slot) {
        r.errors.slot = t.errors.slotGone;
        return r;
      }
      r.slotTime = slot.time;
    } else {
      const chosen = slotId ? await bookableSlot(db, clock, facility, child, kind, slotId) : undefined;
      if (!chosen || chosen.left <= 0 || chosen.mine) {
        r.errors.slot = t.errors.slotGone;
        return r;
      }
      r.chosen = chosen;
      r.slotTime = chosen.slot.time;
    }
    const slotTime = r.slotTime;
    values.slot = slotId!;
    if (kind === 'regular') r.untilRange = { first: slotTime.date, max: latestUntil(slotTime.date) };

    if (facility.offer.bookingStyle === 'blocks') r.time = slotTime;
    else if (!values.start && !values.end && !need) return r;
    else {
      const picked = chosenTime(slotTime, facility.offer.bookingStyle, values.start, values.end);
      if ('bad' in picked) {
        if (picked.bad === 'start') r.errors.start = t.errors.start;
        else if (picked.bad === 'end') r.errors.end = t.errors.end;
        else r.errors.end = t.errors.length;
        return r;
      }
      r.time = picked.time;
    }
    if (kind !== 'regular') return r;

    // 定期利用: every week or every other week until a date (defaults while still choosing).
    const range = r.untilRange!;
    if (!values.frequency && !need) values.frequency = 'weekly';
    if (!values.until && !need) values.until = defaultUntil(range.first).toString();
    const frequency = FREQUENCIES.find((f) => f === values.frequency);
    if (!frequency) r.errors.frequency = t.errors.frequency;
    const until = CalendarDate.parse(values.until);
    if (!until) r.errors.until = t.errors.until;
    else if (until.isBefore(range.first) || until.isAfter(range.max)) r.errors.until = t.errors.untilRange(range.first.format(req.lang), range.max.format(req.lang));
    if (!frequency || !until || r.errors.until) return r;
    r.frequency = frequency;
    r.until = until;
    r.preview = await previewSeries(db, clock, facility, child, r.time, frequency, until);
    if (level === 'full' && !r.preview.some((d) => !d.problem)) r.errors.until = t.refusals['nothing-fits'];
    return r;
  }

  /** The month the calendar shows: the one asked for (from this month on), the chosen slot's, or this one. */
  function calendarMonth(r: Resolved): CalendarDate {
    const asked = parseYearMonth(r.values.month);
    const first = r.today.firstOfMonth();
    if (asked && !asked.isBefore(first) && !asked.isAfter(first.addMonths(12))) return asked;
    return r.slotTime && !r.errors.slot ? r.slotTime.date.firstOfMonth() : first;
  }

  async function sendReserve(req: FastifyRequest, reply: FastifyReply, r: Resolved, status?: number) {
    let calendar;
    let allowance;
    if (r.child && r.kind) {
      const month = calendarMonth(r);
      r.values.month = yearMonthOf(month);
      calendar = await monthCalendar(db, clock, r.facility, r.child, r.kind, month);
      if (r.kind !== 'interview') allowance = await allowanceOf(db, r.child.id, month);
    }
    const hasErrors = Object.keys(r.errors).length > 0;
    return sendHtml(
      reply,
      <ReservePage
        ctx={pageContext(req, reply)}
        facility={r.facility}
        children={r.children}
        values={r.values}
        today={r.today}
        child={r.child}
        choices={r.choices}
        kind={r.kind}
        calendar={calendar}
        allowance={allowance}
        chosen={r.chosen}
        preview={r.preview}
        previewTime={r.time}
        untilRange={r.untilRange}
        errors={r.errors}
      />,
      status ?? (hasErrors ? 400 : 200),
    );
  }

  function draftOf(r: Resolved): Draft {
    return { facility: r.facility, child: r.child!, kind: r.kind!, time: r.time!, values: r.values, preview: r.preview };
  }

  /** The steps after the calendar need all of it; otherwise the calendar again, with what is wrong. */
  async function complete(req: FastifyRequest, reply: FastifyReply, user: GuardianUser, fields: Record<string, string | undefined>, level: 'full' | SubmitContext = 'full') {
    const facility = level === 'full' ? await facilityOf(req, (id) => facilityForBooking(db, id)) : level.facility;
    const r = await resolve(req, user, facility, valuesFrom(fields), level);
    const done = r.child && r.kind && r.time && (r.kind !== 'regular' || r.preview) && Object.keys(r.errors).length === 0;
    if (!done) {
      // Nothing chosen at all (a bookmarked later step): the tab itself, not a page of errors.
      if (!r.values.child && level === 'full') return { page: await seeOther(reply, `/facilities/${facility.id}/reserve`) };
      return { page: await sendReserve(req, reply, r, 400) };
    }
    return { r };
  }

  function checkDetails(req: FastifyRequest, kind: ReservationKind, pickups: PickupPerson[], values: DetailsValues) {
    const t = bookingTexts(req.lang);
    const errors: FieldErrors = {};
    let pickup: PickupPerson | undefined;
    if (kind !== 'interview') {
      if (pickups.length === 0) errors.pickup = t.errors.noPickup;
      else {
        pickup = pickups.find((p) => p.id === values.pickup);
        if (!pickup) errors.pickup = t.errors.pickup;
      }
    }
    if ([...values.comment].length > COMMENT_MAX) errors.comment = t.errors.comment(COMMENT_MAX);
    return { errors, pickup };
  }

  // The 予約 tab: STEP1, STEP2, the calendar, the time (and the 定期利用 dates).
  routes.get('/facilities/:id/reserve', async (req, reply, user) => {
    const facility = await facilityOf(req, (id) => facilityForBooking(db, id));
    const r = await resolve(req, user, facility, valuesFrom(queryOf(req)), 'tab');
    return sendReserve(req, reply, r);
  });

  // 予約時の注意事項 → 了承して先に進む.
  routes.get('/facilities/:id/reserve/notes', async (req, reply, user) => {
    const { r, page } = await complete(req, reply, user, queryOf(req));
    if (!r) return page;
    const draft = draftOf(r);
    return sendHtml(reply, <NotesPage ctx={pageContext(req, reply)} draft={draft} deadlineAt={cancellationDeadline(draft.time.date, r.facility.offer.cancelMinutesBeforeDay)} />);
  });

  // お迎えに来られる方 (定期利用・柔軟利用) and the comment → 確認画面に進む. Opened from the notes
  // (GET), or from the confirm screen's 変更 with what was entered (POST).
  const details = async (req: FastifyRequest, reply: FastifyReply, user: GuardianUser, fields: Record<string, string | undefined>, values: DetailsValues) => {
    const { r, page } = await complete(req, reply, user, fields);
    if (!r) return page;
    const pickups = await pickupPersonsOf(db, r.child!.id);
    return sendHtml(reply, <DetailsPage ctx={pageContext(req, reply)} draft={draftOf(r)} pickups={pickups} values={values} errors={{}} />);
  };
  routes.get('/facilities/:id/reserve/details', async (req, reply, user) => details(req, reply, user, queryOf(req), { pickup: '', comment: '' }));
  routes.post('/facilities/:id/reserve/details', async (req, reply, user) => {
    const body = formBody(req);
    return details(req, reply, user, body, detailsFrom(body));
  });

  // 確認画面: everything, with 変更 links, and the consent boxes.
  routes.post('/facilities/:id/reserve/confirm', async (req, reply, user) => {
    const body = formBody(req);
    const { r, page } = await complete(req, reply, user, body);
    if (!r) return page;
    const pickups = await pickupPersonsOf(db, r.child!.id);
    const values = detailsFrom(body);
    const { errors, pickup } = checkDetails(req, r.kind!, pickups, values);
    const ctx = pageContext(req, reply);
    if (Object.keys(errors).length > 0) return sendHtml(reply, <DetailsPage ctx={ctx} draft={draftOf(r)} pickups={pickups} values={values} errors={errors} />, 400);
    return sendHtml(reply, <ConfirmPage ctx={ctx} draft={draftOf(r)} pickup={pickup} values={values} idempotency={randomUUID()} errors={{}} />);
  });

  // 予約内容を送信する. The contract: child, kind, slot, start, end, frequency and until (定期利用),
  // pickup, comment, consent=1 once per box, idempotency (a uuid of the confirm form), _csrf.
  routes.post('/facilities/:id/reserve/submit', async (req, reply, user) => {
    const body = formBody(req);
    const chosen = valuesFrom(body);
    const context = await facilityOf(req, (id) => submitContext(db, id, user.id, parseId(chosen.slot), parseId(chosen.child)));
    const { r, page } = await complete(req, reply, user, body, context);
    if (!r) return page;
    const t = bookingTexts(req.lang);
    const draft = draftOf(r);
    const child = r.child!;
    const kind = r.kind!;
    const time = r.time!;
    const pickups = context.pickups;
    const values = detailsFrom(body);
    const checked = checkDetails(req, kind, pickups, values);
    const ctx = pageContext(req, reply);
    if (Object.keys(checked.errors).length > 0) return sendHtml(reply, <DetailsPage ctx={ctx} draft={draft} pickups={pickups} values={values} errors={checked.errors} />, 400);
    const pickup = checked.pickup;
    const key = parseId(body.idempotency);
    const consents = allValues((req.body ?? {}) as CleanFields, 'consent').filter((v) => v === '1').length;
    const confirmAgain = (errors: FieldErrors, status: number, refusal?: Parameters<typeof ConfirmPage>[0]['refusal']) =>
      sendHtml(reply, <ConfirmPage ctx={ctx} draft={draft} pickup={pickup} values={values} idempotency={key ?? randomUUID()} errors={errors} refusal={refusal} />, status);
    if (!key) return confirmAgain({ consent: t.errors.form }, 400);
    if (consents < consentsFor(kind, req.lang).length) return confirmAgain({ consent: t.errors.consent }, 400);

    const actor = { id: user.id, role: 'guardian' as const };
    const guardian = user.email;
    const pickupText = pickup ? t.pickupOption(pickup.name, pickup.relationship) : undefined;
    const pickupCopy = pickup ? { name: pickup.name, relationship: pickup.relationship, phone: pickup.phone } : undefined;
    const facts = { facilityName: r.facility.name, childName: child.name, kind, pickup: pickupText, cancelMinutesBeforeDay: r.facility.offer.cancelMinutesBeforeDay };
    const facilityLink = `${config.baseUrl}/facility`;

    if (kind !== 'regular') {
      let result: BookingResult;
      try {
        result = await bookSlot(
          db,
          clock,
          actor,
          { slotId: r.values.slot, childId: child.id, kind, startMinute: time.startMinute, endMinute: time.endMinute, idempotencyKey: key, comment: values.comment, pickup: pickupCopy },
          async (tx, reservationId) => {
            if (kind === 'interview' && (await otherInterviewOrDecision(tx, child.id, r.facility.id, reservationId))) throw new InterviewExists();
            await queueBookingMails(tx, clock, child.municipalityId, guardian, r.facility.id, { ...facts, times: [time], link: `${config.baseUrl}/reservations/${reservationId}/done` }, facilityLink);
          },
        );
      } catch (error) {
        if (error instanceof InterviewExists) return confirmAgain({}, 409, { reason: 'interview-exists' });
        throw error;
      }
      if (result.outcome === 'refused') return confirmAgain({}, 409, { reason: result.reason });
      return seeOther(reply, `/reservations/${result.reservationId}/done`);
    }

    // 定期利用: each date in its own transaction; the series row first (once per confirm form).
    const dates = r.preview!;
    const seriesId = seriesIdFor(user.id, key);
    await ensureSeries(db, clock, { id: seriesId, facility: r.facility, child, frequency: r.frequency!, time, until: r.until!, guardianId: user.id });
    const booked: TimeRange[] = [];
    const refused: Array<{ date: CalendarDate; code: RefusalReason | SeriesProblem }> = [];
    for (const date of dates) {
      if (!date.slotId || date.problem === 'holiday' || date.problem === 'closed') {
        refused.push({ date: date.date, code: date.problem ?? 'no-slot' });
        continue;
      }
      const result = await bookSlot(db, clock, actor, {
        // The first date is the slot chosen in the calendar; the others, the slot holding the time that day.
        slotId: date.date.equals(time.date) ? r.values.slot : date.slotId,
        childId: child.id,
        kind,
        startMinute: time.startMinute,
        endMinute: time.endMinute,
        idempotencyKey: `${key}:${date.date}`,
        comment: values.comment,
        pickup: pickupCopy,
        seriesId,
      });
      if (result.outcome === 'booked') booked.push(TimeRange.of(date.date, time.startMinute, time.endMinute));
      else refused.push({ date: date.date, code: result.reason });
    }
    if (booked.length === 0) {
      await dropEmptySeries(db, seriesId);
      return confirmAgain({}, 409, { reason: 'nothing-fits', series: refused.map((x) => ({ date: x.date, reason: refusalShort(x.code, req.lang) })) });
    }
    await recordSeriesBooked(db, clock, seriesId, { facility_id: r.facility.id, booked: booked.length, refused: refused.length }, user.id, (tx) =>
      queueBookingMails(
        tx,
        clock,
        child.municipalityId,
        guardian,
        r.facility.id,
        {
          ...facts,
          times: booked,
          refused: refused.map((x) => ({ time: TimeRange.of(x.date, time.startMinute, time.endMinute), reason: refusalShort(x.code, 'ja') })),
          link: `${config.baseUrl}/reservations/series/${seriesId}/done`,
        },
        facilityLink,
      ),
    );
    const query = refused.length > 0 ? `?refused=${refused.map((x) => `${x.date}.${x.code}`).join(',')}` : '';
    return seeOther(reply, `/reservations/series/${seriesId}/done${query}`);
  });

  // After 送信: 仮予約 on screen (the mail went with the booking).
  routes.get('/reservations/:reservationId/done', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.readBooking, (req.params as { reservationId: string }).reservationId);
    const booking = await bookedReservation(db, id);
    if (!booking) return sendMessagePage(req, reply, 'notFound');
    return sendHtml(reply, <DonePage ctx={pageContext(req, reply)} booking={booking} />);
  });

  routes.get('/reservations/series/:seriesId/done', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.readSeries, (req.params as { seriesId: string }).seriesId);
    const series = await bookedSeries(db, id);
    if (!series) return sendMessagePage(req, reply, 'notFound');
    // The dates refused at 送信, as the submit wrote them into the address: dates and reason codes only.
    const refused: Array<{ date: CalendarDate; reason: string }> = [];
    for (const item of (queryOf(req).refused ?? '').split(',').slice(0, 60)) {
      const [day = '', code = ''] = item.split('.');
      const date = CalendarDate.parse(day);
      if (!date || !REFUSAL_CODES.has(code) || date.isBefore(series.firstDate) || date.isAfter(series.lastDate)) continue;
      if (series.bookings.some((b) => b.time.date.equals(date)) || refused.some((x) => x.date.equals(date))) continue;
      refused.push({ date, reason: code === 'holiday' ? problemText({ date, slotId: undefined, problem: 'holiday', holidayName: undefined, closedReason: undefined }, req.lang) : refusalShort(code as RefusalReason, req.lang) });
    }
    return sendHtml(reply, <SeriesDonePage ctx={pageContext(req, reply)} series={series} refused={refused} />);
  });
});

/** Another live first interview of the child at the facility, or the facility's decision already made. */
async function otherInterviewOrDecision(tx: Db, childId: string, facilityId: string, reservationId: string): Promise<boolean> {
  const other = await tx
    .selectFrom('reservations')
    .select('id')
    .where('child_id', '=', childId)
    .where('facility_id', '=', facilityId)
    .where('kind', '=', 'interview')
    .where('status', 'in', PLACE_HOLDING_STATUSES)
    .where('id', '<>', reservationId)
    .executeTakeFirst();
  if (other) return true;
  return (await tx.selectFrom('facility_approvals').select('child_id').where('child_id', '=', childId).where('facility_id', '=', facilityId).executeTakeFirst()) !== undefined;
}

