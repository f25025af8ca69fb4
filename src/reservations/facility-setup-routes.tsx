// The facility staff's booking setup (/facility/booking-setup): 予約の設定, 利用枠のテンプレート, 休園日
// and 利用枠一覧. Every query names the staff member's facility; a template or slot of another
// facility is refused by its action (404), and a closed day is looked up by date within the facility.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup, type FacilityStaffUser } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate, DateRange } from '../platform/time.ts';
import { datePartsOf } from '../platform/validation.ts';
import { reservationActions } from './actions.ts';
import {
  closedDayAnswersFromBody,
  emptyTemplateAnswers,
  offerAnswersFromBody,
  offerAnswersOf,
  setupMessages,
  templateAnswersFromBody,
  validateClosedDay,
  validateOffer,
  validateTemplate,
  type ClosedDayAnswers,
} from './setup-form.ts';
import {
  addTemplate,
  closeDay,
  closedDaysFrom,
  deleteTemplate,
  generateSlotsNow,
  isClosed,
  liveBookingsOn,
  offerSettings,
  offeredKinds,
  reopenDay,
  saveOffer,
  slotsBetween,
  templatesOf,
  withdrawSlot,
} from './setup-queries.ts';
import { ageClassLabels, formatMinutes, setupTexts } from './setup-texts.ts';
import { designationsOf } from '../facilities/designation-queries.ts';
import { mayPublishOn } from '../facilities/designation-rules.ts';
import { ClosedDaysPage, CloseDayConfirmPage, OfferEditPage, OfferPage, SlotsPage, TemplateFormPage, TemplatesPage, setupPaths, type SlotDay } from './facility-setup-views.tsx';

/** A count carried in the query string after a redirect; anything else shows as none. */
function countOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,6}$/.test(value)) return undefined;
  return Number(value);
}

const SLOT_PAGE_DAYS = 14;

export const facilitySetupRoutes = routeGroup('facility_staff', (routes) => {
  const { db, clock } = routes.app.deps;
  const staffOf = (user: FacilityStaffUser) => ({ id: user.id, facilityId: user.facilityId });

  // ---- 予約の設定 ----

  routes.get(setupPaths.offer, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const t = setupTexts(req.lang);
    const q = queryOf(req);
    const added = countOf(q.added);
    const notice = q.done === 'offer' ? (added ? t.offerSavedSlots(added) : t.offerSaved) : undefined;
    const { saved, offer } = await offerSettings(db, user.facilityId);
    return sendHtml(reply, <OfferPage ctx={pageContext(req, reply)} saved={saved} offer={offer} notice={notice} />);
  });

  routes.get(setupPaths.offerEdit, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const { offer } = await offerSettings(db, user.facilityId);
    return sendHtml(reply, <OfferEditPage ctx={pageContext(req, reply)} answers={offerAnswersOf(offer)} errors={{}} />);
  });

  routes.post(setupPaths.offerSave, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const answers = offerAnswersFromBody(formBody(req));
    const checked = validateOffer(answers, req.lang);
    if (checked.errors) return sendHtml(reply, <OfferEditPage ctx={pageContext(req, reply)} answers={answers} errors={checked.errors} />, 400);
    const added = await saveOffer(db, clock, staffOf(user), checked.value);
    return seeOther(reply, `${setupPaths.offer}?done=offer&added=${added}`);
  });

  // ---- 利用枠のテンプレート ----

  routes.get(setupPaths.templates, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const t = setupTexts(req.lang);
    const q = queryOf(req);
    const added = countOf(q.added) ?? 0;
    const notice = q.done === 'added' ? t.templateAdded(added) : q.done === 'deleted' ? t.templateDeleted : q.done === 'generated' ? t.generated(added) : undefined;
    const [templates, { offer }, designations] = await Promise.all([templatesOf(db, user.facilityId), offerSettings(db, user.facilityId), designationsOf(db, user.facilityId)]);
    const designated = mayPublishOn(designations, CalendarDate.today(clock).addDays(1));
    return sendHtml(reply, <TemplatesPage ctx={pageContext(req, reply)} templates={templates} weeksAhead={offer.weeksAhead} notice={notice} designated={designated} />);
  });

  routes.get(setupPaths.templateNew, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const offered = offeredKinds((await offerSettings(db, user.facilityId)).offer);
    return sendHtml(reply, <TemplateFormPage ctx={pageContext(req, reply)} answers={emptyTemplateAnswers(offered)} errors={{}} offered={offered} />);
  });

  routes.post(setupPaths.templates, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const offered = offeredKinds((await offerSettings(db, user.facilityId)).offer);
    const answers = templateAnswersFromBody(formBody(req));
    const again = (errors: FieldErrors) => sendHtml(reply, <TemplateFormPage ctx={pageContext(req, reply)} answers={answers} errors={errors} offered={offered} />, 400);
    const checked = validateTemplate(answers, offered, req.lang, ageClassLabels[req.lang]);
    if (checked.errors) return again(checked.errors);
    const result = await addTemplate(db, clock, staffOf(user), checked.value);
    if (result.kind === 'overlap') return again({ start: setupMessages(req.lang).overlaps(formatMinutes(result.startMinute, result.endMinute, req.lang)) });
    return seeOther(reply, `${setupPaths.templates}?done=added&added=${result.slots}`);
  });

  routes.post('/facility/booking-setup/templates/:templateId/delete', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.deleteTemplate, (req.params as { templateId: string }).templateId);
    if (!(await deleteTemplate(db, clock, staffOf(user), id))) return sendMessagePage(req, reply, 'notFound');
    return seeOther(reply, `${setupPaths.templates}?done=deleted`);
  });

  routes.post(setupPaths.generate, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const added = await generateSlotsNow(db, clock, user.facilityId);
    return seeOther(reply, `${setupPaths.templates}?done=generated&added=${added}`);
  });

  // ---- 休園日 ----

  const closedDaysPage = async (req: FastifyRequest, reply: FastifyReply, user: FacilityStaffUser, answers: ClosedDayAnswers, errors: FieldErrors, status: number, notice?: string) => {
    const closedDays = await closedDaysFrom(db, user.facilityId, CalendarDate.today(clock));
    return sendHtml(reply, <ClosedDaysPage ctx={pageContext(req, reply)} closedDays={closedDays} answers={answers} errors={errors} notice={notice} />, status);
  };
  const emptyClosedDay = (): ClosedDayAnswers => ({ date: { year: '', month: '', day: '' }, reason: '' });

  routes.get(setupPaths.closedDays, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const t = setupTexts(req.lang);
    const q = queryOf(req);
    const date = CalendarDate.parse(q.date ?? '');
    const dateText = date?.format(req.lang, { weekday: true });
    const notice =
      dateText === undefined
        ? undefined
        : q.done === 'closed'
          ? t.closedDone(dateText, countOf(q.slots) ?? 0, countOf(q.bookings) ?? 0)
          : q.done === 'opened'
            ? t.removedDone(dateText, countOf(q.slots) ?? 0)
            : undefined;
    return closedDaysPage(req, reply, user, emptyClosedDay(), {}, 200, notice);
  });

  routes.post(setupPaths.closedDays, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const body = formBody(req);
    const answers = closedDayAnswersFromBody(body);
    const checked = validateClosedDay(answers, CalendarDate.today(clock), req.lang);
    if (checked.errors) return closedDaysPage(req, reply, user, answers, checked.errors, 400);
    const { date, reason } = checked.value;
    const alreadyClosed = () => closedDaysPage(req, reply, user, answers, { date: setupMessages(req.lang).alreadyClosed }, 400);
    if (await isClosed(db, user.facilityId, date)) return alreadyClosed();
    if (body.confirmed !== 'yes') {
      const bookings = await liveBookingsOn(db, user.facilityId, date);
      if (bookings.length > 0) {
        const shown = { date: datePartsOf(date.toString()), reason };
        return sendHtml(reply, <CloseDayConfirmPage ctx={pageContext(req, reply)} date={date} answers={shown} bookings={bookings} />);
      }
    }
    // Bookings made since the confirmation page (or since the check above) are cancelled too: the
    // transaction reads them after locking the day's slots.
    const result = await closeDay(db, clock, staffOf(user), { date, reason });
    if (result.kind === 'already-closed') return alreadyClosed();
    return seeOther(reply, `${setupPaths.closedDays}?done=closed&date=${date.toString()}&slots=${result.slots}&bookings=${result.bookings}`);
  });

  routes.post(setupPaths.closedDayRemove, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const date = CalendarDate.parse(formBody(req).date ?? '');
    if (!date) return sendMessagePage(req, reply, 'notFound');
    const result = await reopenDay(db, clock, staffOf(user), date);
    if (result.kind === 'not-found') return sendMessagePage(req, reply, 'notFound');
    return seeOther(reply, `${setupPaths.closedDays}?done=opened&date=${date.toString()}&slots=${result.slots}`);
  });

  // ---- 利用枠一覧 ----

  const slotsPage = async (req: FastifyRequest, reply: FastifyReply, user: FacilityStaffUser, requested: CalendarDate | undefined, status: number, messages: { notice?: string; refusal?: string }) => {
    const today = CalendarDate.today(clock);
    const last = today.addMonths(12);
    const from = requested === undefined || requested.isBefore(today) ? today : requested.isAfter(last) ? last : requested;
    const to = from.addDays(SLOT_PAGE_DAYS - 1);
    const [slots, closed] = await Promise.all([slotsBetween(db, clock, user.facilityId, from, to), closedDaysFrom(db, user.facilityId, from)]);
    const closedOn = new Map(closed.map((c) => [c.date, c.reason]));
    const days: SlotDay[] = [...DateRange.of(from, to).days()]
      .map((date) => ({
        date,
        closedReason: closedOn.get(date.toString()),
        holiday: date.holidayName(req.lang),
        slots: slots.filter((s) => s.date === date.toString()),
      }))
      // Days with nothing to say (a Sunday without slots) are left out.
      .filter((d) => d.slots.length > 0 || d.closedReason !== undefined || d.holiday !== undefined);
    const previous = from.equals(today) ? undefined : from.addDays(-SLOT_PAGE_DAYS).isBefore(today) ? today : from.addDays(-SLOT_PAGE_DAYS);
    return sendHtml(
      reply,
      <SlotsPage ctx={pageContext(req, reply)} from={from} to={to} days={days} previous={previous} next={to.addDays(1)} notice={messages.notice} refusal={messages.refusal} />,
      status,
    );
  };

  routes.get(setupPaths.slots, async (req, reply, user) => {
    await permit(req, user, reservationActions.setupAtFacility);
    const q = queryOf(req);
    return slotsPage(req, reply, user, CalendarDate.parse(q.from ?? ''), 200, { notice: q.done === 'withdrawn' ? setupTexts(req.lang).withdrawnDone : undefined });
  });

  routes.post('/facility/booking-setup/slots/:slotId/withdraw', async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.withdrawSlot, (req.params as { slotId: string }).slotId);
    const result = await withdrawSlot(db, clock, staffOf(user), id);
    if (result.kind === 'not-found') return sendMessagePage(req, reply, 'notFound');
    if (result.kind === 'has-bookings') return slotsPage(req, reply, user, CalendarDate.from(result.date), 409, { refusal: setupTexts(req.lang).withdrawRefused });
    return seeOther(reply, `${setupPaths.slots}?from=${result.date}&done=withdrawn#day-${result.date}`);
  });
});
