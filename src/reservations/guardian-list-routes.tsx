// 予約一覧 (guide steps 6–7, "my bookings"): the guardian's children's bookings with the monthly
// allowance meter, cancelling (one date, or the later dates of a series), and asking the facility
// for a different pick-up time.
import { permit, routeGroup } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { normaliseLines } from '../platform/validation.ts';
import { CalendarDate, minuteOfDay } from '../platform/time.ts';
import { reservationActions } from './actions.ts';
import { allowanceOf } from './queries.ts';
import {
  PAST_LIMIT,
  bookingById,
  bookingsOfChild,
  cancellationOf,
  cancelledWith,
  childrenOfGuardian,
  lastDecidedChange,
  seriesFrom,
  slotTimeOf,
  termsOf,
  type Booking,
} from './list-queries.ts';
import { MESSAGE_MAX, cancelBookings, changeProblem, pickupEndChoices, previewChange, requestPickupChange, withdrawPickupChange, type CancelScope } from './change-queries.ts';
import { CancelPage, CancelledPage, ListPage, PickupChangePage, cancelledPath, pickupChangePath, type ChangeAnswers } from './guardian-list-views.tsx';
import { hoursText, listTexts } from './list-texts.ts';

const idOf = (params: unknown) => (params as { id: string }).id;

export const guardianListRoutes = routeGroup('guardian', (routes) => {
  const { db, clock, config } = routes.app.deps;

  routes.get('/reservations', async (req, reply, user) => {
    await permit(req, user, reservationActions.listOwn);
    const query = queryOf(req);
    const children = await childrenOfGuardian(db, user.id);
    // Only the guardian's own children can be chosen: any other id shows the first child.
    const child = children.find((c) => c.id === query.child) ?? children[0];
    const show = query.show === 'past' ? 'past' : 'upcoming';
    const now = clock.now();
    let bookings: Booking[] = [];
    const meters: Parameters<typeof ListPage>[0]['meters'] = [];
    if (child) {
      const today = CalendarDate.today(clock);
      bookings = await bookingsOfChild(db, child.id, show, now);
      meters.push({ which: 'this', summary: await allowanceOf(db, child.id, today) });
      const next = await allowanceOf(db, child.id, today.firstOfMonth().addMonths(1));
      if (next.usedMinutes > 0) meters.push({ which: 'next', summary: next });
    }
    return sendHtml(reply, <ListPage ctx={pageContext(req, reply)} children={children} childId={child?.id} show={show} bookings={bookings} meters={meters} now={now} pastLimit={PAST_LIMIT} />);
  });

  // ---- Cancelling ----

  async function cancelPage(bookingId: string) {
    const booking = await bookingById(db, bookingId);
    if (!booking) return undefined;
    const now = clock.now();
    const terms = await termsOf(db, booking.facilityId);
    const problem = booking.status !== 'provisional' && booking.status !== 'confirmed' ? 'status' : booking.startsAt.getTime() <= now.getTime() ? 'started' : undefined;
    const series = problem ? [] : (await seriesFrom(db, booking)).filter((b) => b.startsAt.getTime() > now.getTime());
    return { booking, terms, now, problem, series } as const;
  }

  routes.get('/reservations/:id/cancel', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.cancel, idOf(req.params));
    const page = await cancelPage(id);
    if (!page) return sendMessagePage(req, reply, 'notFound');
    return sendHtml(reply, <CancelPage ctx={pageContext(req, reply)} {...page} scope="" errors={{}} />);
  });

  routes.post('/reservations/:id/cancel', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.cancel, idOf(req.params));
    const body = formBody(req);
    const page = await cancelPage(id);
    if (!page) return sendMessagePage(req, reply, 'notFound');
    if (page.problem) return sendHtml(reply, <CancelPage ctx={pageContext(req, reply)} {...page} scope="" errors={{}} />, 409);
    // A booking with no later dates has no choice to make (the page sends 'one').
    const scope: CancelScope | '' = page.series.length <= 1 ? 'one' : body.scope === 'one' || body.scope === 'later' ? body.scope : '';
    if (!scope) {
      const errors: FieldErrors = { scope: listTexts(req.lang).scopeRequired };
      return sendHtml(reply, <CancelPage ctx={pageContext(req, reply)} {...page} scope="" errors={errors} />, 400);
    }
    const cancelled = await cancelBookings(db, clock, config.baseUrl, user.id, id, scope);
    if (cancelled.length === 0) {
      // Cancelled or begun since the page was shown: the page says so now.
      const again = await cancelPage(id);
      return sendHtml(reply, <CancelPage ctx={pageContext(req, reply)} {...again!} scope="" errors={{}} />, 409);
    }
    // What the page told the guardian (hours freed or kept), so the result can say if the deadline passed meanwhile.
    const told = body.told === 'late_cancelled' ? 'late_cancelled' : 'cancelled';
    return seeOther(reply, `${cancelledPath(id)}?told=${told}`);
  });

  routes.get('/reservations/:id/cancelled', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.cancel, idOf(req.params));
    const booking = await bookingById(db, id);
    if (!booking) return sendMessagePage(req, reply, 'notFound');
    const terms = await termsOf(db, booking.facilityId);
    let bookings: Booking[] = [];
    if (booking.status === 'cancelled' || booking.status === 'late_cancelled') {
      const cancellation = await cancellationOf(db, id);
      bookings = cancellation?.cancelled_at && cancellation.cancelled_by === user.id ? await cancelledWith(db, booking, cancellation.cancelled_at, user.id) : [booking];
    }
    const told = queryOf(req).told;
    const deadlinePassed = told === 'cancelled' && booking.status === 'late_cancelled' && booking.kind !== 'interview' ? booking : undefined;
    return sendHtml(reply, <CancelledPage ctx={pageContext(req, reply)} bookings={bookings} terms={terms} deadlinePassed={deadlinePassed} />);
  });

  // ---- A different pick-up time ----

  async function changePage(bookingId: string) {
    const booking = await bookingById(db, bookingId);
    if (!booking) return undefined;
    const now = clock.now();
    const [terms, slot, lastDecision] = [await termsOf(db, booking.facilityId), await slotTimeOf(db, booking.slotId), await lastDecidedChange(db, booking.id)];
    const problem = changeProblem(booking, slot, terms.bookingStyle, now);
    const choices = slot && !problem ? pickupEndChoices(booking, slot, terms.bookingStyle, now) : [];
    return { booking, terms, slot, lastDecision, problem, choices, now };
  }

  routes.get('/reservations/:id/pickup-change', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.requestPickupChange, idOf(req.params));
    const page = await changePage(id);
    if (!page) return sendMessagePage(req, reply, 'notFound');
    const query = queryOf(req);
    const notice = query.sent === '1' ? 'sent' : query.withdrawn === '1' ? 'withdrawn' : undefined;
    return sendHtml(reply, <PickupChangePage ctx={pageContext(req, reply)} {...page} answers={{ end: '', message: '' }} errors={{}} notice={notice} />);
  });

  routes.post('/reservations/:id/pickup-change', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.requestPickupChange, idOf(req.params));
    const page = await changePage(id);
    if (!page) return sendMessagePage(req, reply, 'notFound');
    const t = listTexts(req.lang);
    const body = formBody(req);
    const answers: ChangeAnswers = { end: (body.end ?? '').trim(), message: normaliseLines(body.message) };
    const render = (status: number, errors: FieldErrors = {}, notice?: 'already-open') =>
      sendHtml(reply, <PickupChangePage ctx={pageContext(req, reply)} {...page} answers={answers} errors={errors} notice={notice} />, status);
    if (page.problem || page.booking.openChange) return render(409, {}, page.booking.openChange && !page.problem ? 'already-open' : undefined);

    const errors: FieldErrors = {};
    const endMinute = minuteOfDay(answers.end);
    if (!answers.end) errors.end = t.newEndRequired;
    else if (endMinute === undefined || !page.choices.includes(endMinute)) errors.end = t.newEndInvalid;
    else {
      // A preview, to say so at once; the facility's acceptance decides under the locks.
      const preview = await previewChange(db, page.now, id, endMinute);
      if (preview && !preview.fits) errors.end = t.newEndOverAllowance(hoursText(Math.max(0, preview.leftMinutesNow), req.lang));
    }
    if ([...answers.message].length > MESSAGE_MAX) errors.message = t.messageTooLong;
    if (Object.keys(errors).length > 0 || endMinute === undefined) return render(400, errors);

    const result = await requestPickupChange(db, clock, config.baseUrl, user.id, id, endMinute, answers.message);
    if (result.outcome === 'requested') return seeOther(reply, `${pickupChangePath(id)}?sent=1`);
    // Something changed since the page was read: show it as it is now.
    const now = await changePage(id);
    if (!now) return sendMessagePage(req, reply, 'notFound');
    if (result.outcome === 'already-open') return sendHtml(reply, <PickupChangePage ctx={pageContext(req, reply)} {...now} answers={answers} errors={{}} notice="already-open" />, 409);
    if (result.problem === 'bad-end') return sendHtml(reply, <PickupChangePage ctx={pageContext(req, reply)} {...now} answers={answers} errors={{ end: t.newEndInvalid }} notice={undefined} />, 400);
    return sendHtml(reply, <PickupChangePage ctx={pageContext(req, reply)} {...now} answers={answers} errors={{}} notice={undefined} />, 409);
  });

  routes.post('/reservations/:id/pickup-change/withdraw', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.requestPickupChange, idOf(req.params));
    const result = await withdrawPickupChange(db, clock, config.baseUrl, user.id, id);
    return seeOther(reply, result === 'withdrawn' ? `${pickupChangePath(id)}?withdrawn=1` : pickupChangePath(id));
  });
});
