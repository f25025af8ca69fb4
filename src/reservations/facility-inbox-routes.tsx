// Facility staff: 予約受付 (confirm or decline provisional bookings, one by one or several at once),
// one booking (and cancelling it for the facility), 日別の予約, 初回面談の結果 and 電話予約. Every
// decision mails the guardian in the transaction that makes it.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup, type FacilityStaffUser } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { parseId } from '../platform/ids.ts';
import { limit } from '../platform/rate-limits.ts';
import { CalendarDate, TimeRange, formatMinuteOfDay } from '../platform/time.ts';
import { reservationActions } from './actions.ts';
import { bookSlot, decideReservation, recordInterviewOutcome, type FacilityStaff } from './queries.ts';
import { ageClassOn } from './rules.ts';
import {
  bookingAt,
  cancelAtFacility,
  confirmInTransaction,
  dayOf,
  findChildForPhoneBooking,
  inboxOf,
  interviewRecord,
  interviewedChildren,
  offeredKinds,
  pickupPersonsFor,
  slotsOn,
} from './inbox-queries.ts';
import { queueApprovalMail, queueBookingMail } from './inbox-mails.ts';
import { checkChildKeys, checkOutcome, checkReason, checkSlotChoice, checkWhat, outcomeAnswers, phoneAnswers, type OutcomeAnswers, type PhoneAnswers } from './inbox-form.ts';
import { BookingPage, DayPage, INBOX_PATH, INTERVIEWS_PATH, InboxPage, InterviewsPage, OutcomePage, PhonePage, type BookingPageProps, type PhoneStep } from './facility-inbox-views.tsx';
import { inboxTexts } from './inbox-texts.ts';

/** At most this many bookings are confirmed by one press of まとめて確定する. */
const BULK_MAX = 100;

const emptyOutcome = (): OutcomeAnswers => ({ outcome: '', reason: '', checks: [], note: '' });

export const facilityInboxRoutes = routeGroup('facility_staff', async (routes) => {
  const { db, clock } = routes.app.deps;
  const staffOf = (user: FacilityStaffUser): FacilityStaff => ({ id: user.id, facilityId: user.facilityId });

  // ---- 予約受付 ----

  routes.get(INBOX_PATH, async (req, reply, user) => {
    await permit(req, user, reservationActions.listAtFacility);
    const query = queryOf(req);
    const t = inboxTexts(req.lang);
    const confirmed = Number(query.confirmed);
    const skipped = Number(query.skipped ?? 0);
    const notice = Number.isInteger(confirmed) && confirmed >= 0 && Number.isInteger(skipped) && skipped >= 0 && query.confirmed !== undefined ? t.bulkDone(confirmed, skipped) : undefined;
    return sendHtml(reply, <InboxPage ctx={pageContext(req, reply)} bookings={await inboxOf(db, user.facilityId)} notice={notice} />);
  });

  // まとめて確定する: each selected booking is confirmed (and its guardian mailed) in its own transaction.
  routes.post(`${INBOX_PATH}/confirm`, async (req, reply, user) => {
    await permit(req, user, reservationActions.listAtFacility);
    const body = formBody(req);
    const selected = Object.keys(body)
      .filter((name) => name.startsWith('confirm.') && body[name] === 'yes')
      .map((name) => name.slice('confirm.'.length))
      .slice(0, BULK_MAX);
    if (selected.length === 0) {
      const t = inboxTexts(req.lang);
      return sendHtml(reply, <InboxPage ctx={pageContext(req, reply)} bookings={await inboxOf(db, user.facilityId)} errors={{ confirm: t.bulkNone }} />, 400);
    }
    // Every id is checked before any is confirmed: one that is not this facility's refuses the whole request.
    const ids: string[] = [];
    for (const target of selected) ids.push(await permit(req, user, reservationActions.confirm, target));
    let confirmed = 0;
    for (const id of new Set(ids)) {
      const result = await decideReservation(db, clock, staffOf(user), id, 'confirm', { afterDecision: (tx, rid) => queueBookingMail(tx, clock, rid, 'confirmed') });
      if (result.outcome === 'confirmed') confirmed += 1;
    }
    return seeOther(reply, `${INBOX_PATH}?confirmed=${confirmed}&skipped=${new Set(ids).size - confirmed}`);
  });

  // ---- 日別の予約 (before /:reservationId only for the reader: the router prefers static paths) ----

  routes.get(`${INBOX_PATH}/day`, async (req, reply, user) => {
    await permit(req, user, reservationActions.listAtFacility);
    const input = queryOf(req).date ?? '';
    const today = CalendarDate.today(clock);
    const date = input === '' ? today : CalendarDate.parse(input);
    const t = inboxTexts(req.lang);
    const day = await dayOf(db, user.facilityId, date ?? today);
    return sendHtml(
      reply,
      <DayPage ctx={pageContext(req, reply)} day={day} today={today} dateInput={date ? day.date.toString() : input} error={date ? undefined : t.dateInvalid} />,
      date ? 200 : 400,
    );
  });

  // ---- 初回面談の結果 ----

  routes.get(INTERVIEWS_PATH, async (req, reply, user) => {
    await permit(req, user, reservationActions.listAtFacility);
    return sendHtml(reply, <InterviewsPage ctx={pageContext(req, reply)} children={await interviewedChildren(db, user.facilityId)} />);
  });

  routes.get(`${INTERVIEWS_PATH}/:childId`, async (req, reply, user) => {
    const childId = await permit(req, user, reservationActions.recordInterviewOutcome, (req.params as { childId: string }).childId);
    const record = await interviewRecord(db, user.facilityId, childId);
    if (!record) return sendMessagePage(req, reply, 'notFound');
    const t = inboxTexts(req.lang);
    const done = queryOf(req).done;
    const notice = done === 'approved' ? t.recordedApproved : done === 'rejected' ? t.recordedRejected : undefined;
    return sendHtml(reply, <OutcomePage ctx={pageContext(req, reply)} record={record} answers={emptyOutcome()} errors={{}} notice={notice} />);
  });

  routes.post(`${INTERVIEWS_PATH}/:childId`, async (req, reply, user) => {
    const childId = await permit(req, user, reservationActions.recordInterviewOutcome, (req.params as { childId: string }).childId);
    const record = await interviewRecord(db, user.facilityId, childId);
    if (!record) return sendMessagePage(req, reply, 'notFound');
    const answers = outcomeAnswers(formBody(req));
    const checked = checkOutcome(answers, req.lang);
    if (checked.errors) return sendHtml(reply, <OutcomePage ctx={pageContext(req, reply)} record={record} answers={answers} errors={checked.errors} />, 400);
    const outcome = checked.value;
    const result = await recordInterviewOutcome(db, clock, staffOf(user), { childId, ...outcome }, (tx) =>
      queueApprovalMail(tx, clock, user.facilityId, childId, outcome.approved, outcome.reason),
    );
    if (result === 'no-interview') {
      const t = inboxTexts(req.lang);
      return sendHtml(reply, <OutcomePage ctx={pageContext(req, reply)} record={record} answers={answers} errors={{}} problem={t.noLiveInterview} />, 409);
    }
    return seeOther(reply, `${INTERVIEWS_PATH}/${childId}?done=${outcome.approved ? 'approved' : 'rejected'}`);
  });

  // ---- 電話予約 ----

  routes.get(`${INBOX_PATH}/phone`, async (req, reply, user) => {
    await permit(req, user, reservationActions.findChildForPhoneBooking);
    return sendHtml(reply, <PhonePage ctx={pageContext(req, reply)} answers={phoneAnswers({})} errors={{}} state={{ step: 'find' }} />);
  });

  // Each step posts every earlier answer again (hidden fields), and the child is found again by
  // 認定番号 and birth date each time: the form never carries a child's id.
  routes.post(`${INBOX_PATH}/phone`, { config: limit(routes.app.deps, 120, '10 minutes') }, async (req, reply, user) => {
    await permit(req, user, reservationActions.findChildForPhoneBooking);
    const body = formBody(req);
    const action = body.action ?? 'find';
    const answers = phoneAnswers(body);
    const t = inboxTexts(req.lang);
    const page = (state: PhoneStep, errors: Record<string, string> = {}, status = 200) =>
      sendHtml(reply, <PhonePage ctx={pageContext(req, reply)} answers={answers} errors={errors} state={state} />, status);

    const keys = checkChildKeys(answers, req.lang);
    if (keys.errors) return page({ step: 'find' }, keys.errors, 400);
    const child = await findChildForPhoneBooking(db, keys.value.certificationNumber, keys.value.birthDate);
    if (!child) return page({ step: 'find' }, { certificationNumber: t.notFound }, 400);

    const kinds = await offeredKinds(db, user.facilityId);
    if (action === 'find' || action === 'what') return page({ step: 'what', childName: child.name, kinds });
    const what = checkWhat(answers, req.lang, CalendarDate.today(clock), kinds);
    if (what.errors) return page({ step: 'what', childName: child.name, kinds }, what.errors, 400);
    const { kind, useDate } = what.value;

    const now = clock.now().getTime();
    const slots = (await slotsOn(db, user.facilityId, useDate)).filter((s) => s.kinds.includes(kind) && s.time.end.getTime() > now);
    const pickups = kind === 'interview' ? [] : await pickupPersonsFor(db, user.facilityId, child.id);
    const first = Math.min(...slots.map((s) => s.time.startMinute));
    const last = Math.max(...slots.map((s) => s.time.endMinute));
    const times: string[] = [];
    for (let m = first; m <= last; m += 30) times.push(formatMinuteOfDay(m));
    const slotState = (refusal?: string): PhoneStep => ({
      step: 'slot',
      childName: child.name,
      kind,
      useDate,
      ageClass: ageClassOn(child.birthDate, useDate),
      slots,
      times,
      pickups,
      refusal,
    });
    if (action === 'slots') return page(slotState());
    if (slots.length === 0) return page(slotState(), { slotId: t.noSlotsOnDay }, 400);
    const choice = checkSlotChoice(answers, req.lang, kind, slots, pickups.map((p) => p.id));
    if (choice.errors) return page(slotState(), choice.errors, 400);
    const chosen = choice.value;
    const pickup = pickups.find((p) => p.id === chosen.pickupId);
    const time = TimeRange.of(useDate, chosen.startMinute, chosen.endMinute);
    const idempotencyKey = parseId(body.key);
    if (action !== 'submit' || !idempotencyKey) {
      // 確認画面: a new key for this showing of the form, so a second press of 登録 books once.
      return page({
        step: 'check',
        childName: child.name,
        kind,
        time,
        pickup: pickup ? t.pickupLine(pickup.name, pickup.relationship, pickup.phone) : '',
        comment: chosen.comment,
        idempotencyKey: randomUUID(),
      });
    }

    const slotId = await permit(req, user, reservationActions.bookForFamily, chosen.slotId);
    const staff = staffOf(user);
    const result = await bookSlot(
      db,
      clock,
      { id: user.id, role: 'facility_staff', facilityId: user.facilityId },
      {
        slotId,
        childId: child.id,
        kind,
        startMinute: chosen.startMinute,
        endMinute: chosen.endMinute,
        idempotencyKey,
        comment: chosen.comment,
        ...(pickup ? { pickup: { name: pickup.name, relationship: pickup.relationship, phone: pickup.phone } } : {}),
      },
      // Entered by the facility itself: confirmed at once, and the family mailed, in the booking's transaction.
      async (tx, reservationId) => {
        await confirmInTransaction(tx, clock, staff, reservationId);
        await queueBookingMail(tx, clock, reservationId, 'phone');
      },
    );
    if (result.outcome === 'refused') return page(slotState(t.refusals[result.reason]), {}, 409);
    return seeOther(reply, `${INBOX_PATH}/${result.reservationId}?done=phone`);
  });

  // ---- One booking ----

  async function bookingPage(req: FastifyRequest, reply: FastifyReply, user: FacilityStaffUser, id: string, props: Partial<BookingPageProps>, status = 200) {
    const booking = await bookingAt(db, user.facilityId, id);
    if (!booking) return sendMessagePage(req, reply, 'notFound');
    const begun = booking.time.start.getTime() <= clock.now().getTime();
    return sendHtml(reply, <BookingPage ctx={pageContext(req, reply)} booking={booking} begun={begun} {...props} />, status);
  }

  /** The answer to a decision that found the booking no longer waiting for it: say so, change nothing. */
  async function alreadyDecided(req: FastifyRequest, reply: FastifyReply, user: FacilityStaffUser, id: string) {
    const booking = await bookingAt(db, user.facilityId, id);
    if (!booking) return sendMessagePage(req, reply, 'notFound');
    const t = inboxTexts(req.lang);
    return bookingPage(req, reply, user, id, { problem: t.alreadyDecided(t.statuses[booking.status]) }, 409);
  }

  routes.get(`${INBOX_PATH}/:reservationId`, async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.readAtFacility, (req.params as { reservationId: string }).reservationId);
    const t = inboxTexts(req.lang);
    const done = queryOf(req).done;
    const notices: Record<string, string> = { confirmed: t.confirmedNotice, declined: t.declinedNotice, cancelled: t.cancelledNotice, phone: t.phoneNotice };
    return bookingPage(req, reply, user, id, { notice: done && Object.hasOwn(notices, done) ? notices[done] : undefined });
  });

  routes.post(`${INBOX_PATH}/:reservationId/confirm`, async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.confirm, (req.params as { reservationId: string }).reservationId);
    const result = await decideReservation(db, clock, staffOf(user), id, 'confirm', { afterDecision: (tx, rid) => queueBookingMail(tx, clock, rid, 'confirmed') });
    if (result.outcome !== 'confirmed') return alreadyDecided(req, reply, user, id);
    return seeOther(reply, `${INBOX_PATH}/${id}?done=confirmed`);
  });

  routes.post(`${INBOX_PATH}/:reservationId/decline`, async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.decline, (req.params as { reservationId: string }).reservationId);
    const t = inboxTexts(req.lang);
    const reason = checkReason(formBody(req), 'reason', req.lang, t.declineReasonRequired, t.declineReason);
    if (reason.errors) {
      const booking = await bookingAt(db, user.facilityId, id);
      // Decided meanwhile (by someone else, or by an earlier press): that is the news, not the reason.
      if (booking && booking.status !== 'provisional') return alreadyDecided(req, reply, user, id);
      return bookingPage(req, reply, user, id, { errors: reason.errors, typed: { form: 'decline', reason: reason.input } }, 400);
    }
    const result = await decideReservation(db, clock, staffOf(user), id, 'decline', {
      declineReason: reason.value,
      afterDecision: (tx, rid) => queueBookingMail(tx, clock, rid, 'declined'),
    });
    if (result.outcome !== 'declined') return alreadyDecided(req, reply, user, id);
    return seeOther(reply, `${INBOX_PATH}/${id}?done=declined`);
  });

  routes.post(`${INBOX_PATH}/:reservationId/cancel`, async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.cancelAtFacility, (req.params as { reservationId: string }).reservationId);
    const t = inboxTexts(req.lang);
    const reason = checkReason(formBody(req), 'cancelReason', req.lang, t.cancelReasonRequired, t.cancelReason);
    if (reason.errors) {
      const booking = await bookingAt(db, user.facilityId, id);
      // Only a confirmed booking that has not begun shows the form: otherwise that is the news.
      if (booking?.status === 'provisional') return bookingPage(req, reply, user, id, { problem: t.declineInstead }, 409);
      if (booking && booking.status !== 'confirmed') return alreadyDecided(req, reply, user, id);
      if (booking && booking.time.start.getTime() <= clock.now().getTime()) return bookingPage(req, reply, user, id, { problem: t.begun }, 409);
      return bookingPage(req, reply, user, id, { errors: reason.errors, typed: { form: 'cancel', reason: reason.input } }, 400);
    }
    const result = await cancelAtFacility(db, clock, staffOf(user), id, reason.value, (tx, rid) => queueBookingMail(tx, clock, rid, 'cancelled'));
    if (result.outcome === 'not-cancellable') return alreadyDecided(req, reply, user, id);
    if (result.outcome === 'provisional') return bookingPage(req, reply, user, id, { problem: t.declineInstead }, 409);
    if (result.outcome === 'begun') return bookingPage(req, reply, user, id, { problem: t.begun }, 409);
    return seeOther(reply, `${INBOX_PATH}/${id}?done=cancelled`);
  });
});
