// The facility's side of attendance (guide step 8): 「QRコード表示」 for the entrance tablet, the
// day's roster and its print view, and one booking's record — times recorded or corrected by hand
// with a reason, 欠席 and 当日キャンセル — with the history of every correction.
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { permit, routeGroup, type FacilityStaffUser } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { CalendarDate } from '../platform/time.ts';
import { normaliseLines } from '../platform/validation.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { attendanceActions } from './actions.ts';
import { attendanceAt, correctTimes, markNoShow, rosterOf, sameDayCancel, type StaffResult } from './queries.ts';
import { attendanceKey, instantOn, minuteOf, shortCode, signToken } from './rules.ts';
import { attendanceTexts } from './texts.ts';
import { ATTENDANCE_PATH, PRINT_PATH, PrintPage, QR_PATH, QrPage, RecordPage, RosterPage, formClosed, formOf, type RecordForms, recordPath, type RecordForm, type RecordPageProps } from './facility-views.tsx';
import { scanTokenPath } from './guardian-views.tsx';

export const REASON_MAX = 500;

export const attendanceFacilityRoutes = routeGroup('facility_staff', (routes) => {
  const { db, clock, config } = routes.app.deps;
  const key = attendanceKey(config.cookieSecret);
  const staffOf = (user: FacilityStaffUser) => ({ id: user.id, facilityId: user.facilityId });
  const facilityName = async (user: FacilityStaffUser) => (await db.selectFrom('facilities').select('name').where('id', '=', user.facilityId).executeTakeFirstOrThrow()).name;

  routes.get(QR_PATH, async (req, reply, user) => {
    await permit(req, user, attendanceActions.showCode);
    const now = clock.now();
    const minute = minuteOf(now);
    const url = `${config.baseUrl}${scanTokenPath(signToken(key, 'qr', user.facilityId, minute))}`;
    const image = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 4, width: 320 });
    const qr = { facilityName: await facilityName(user), image, url, code: shortCode(key, user.facilityId, minute), shownAt: now };
    return sendHtml(reply, <QrPage ctx={pageContext(req, reply)} qr={qr} />);
  });

  routes.get(ATTENDANCE_PATH, async (req, reply, user) => {
    await permit(req, user, attendanceActions.roster);
    const today = CalendarDate.today(clock);
    const rows = await rosterOf(db, clock, staffOf(user), today);
    return sendHtml(reply, <RosterPage ctx={pageContext(req, reply)} facilityName={await facilityName(user)} day={today.format(req.lang, { weekday: true })} rows={rows} />);
  });

  routes.get(PRINT_PATH, async (req, reply, user) => {
    await permit(req, user, attendanceActions.roster);
    const today = CalendarDate.today(clock);
    const rows = await rosterOf(db, clock, staffOf(user), today);
    return sendHtml(reply, <PrintPage ctx={pageContext(req, reply)} facilityName={await facilityName(user)} day={today.format(req.lang, { weekday: true })} rows={rows} />);
  });

  async function recordPage(req: FastifyRequest, reply: FastifyReply, user: FacilityStaffUser, id: string, extra: Partial<RecordPageProps> = {}, status = 200) {
    const record = await attendanceAt(db, user.facilityId, id);
    if (!record) return sendMessagePage(req, reply, 'notFound');
    const props: RecordPageProps = { ctx: pageContext(req, reply), record, now: clock.now(), today: CalendarDate.today(clock).toString(), form: formOf(record), errors: {}, ...extra };
    return sendHtml(reply, <RecordPage {...props} />, status);
  }

  const DONE = { saved: 'saved', absent: 'absentSaved', cancelled: 'cancelSaved' } as const;

  routes.get(`${ATTENDANCE_PATH}/:reservationId`, async (req, reply, user) => {
    const id = await permit(req, user, attendanceActions.recordAtFacility, (req.params as { reservationId: string }).reservationId);
    const t = attendanceTexts(req.lang);
    const done = queryOf(req).done;
    const notice = done && done in DONE ? t[DONE[done as keyof typeof DONE]] : undefined;
    return recordPage(req, reply, user, id, { notice });
  });

  function problemOf(result: Exclude<StaffResult, { outcome: 'saved' }>, lang: FastifyRequest['lang']): string {
    const t = attendanceTexts(lang);
    switch (result.outcome) {
      case 'changed-meanwhile':
        return t.changedMeanwhile;
      case 'no-change':
        return t.noChange;
      case 'not-use':
        return t.notUse;
      case 'not-begun':
        return t.notBegun;
      case 'not-today':
        return t.cancelNotToday;
      case 'cancelled':
      case 'not-found':
        return t.cancelled;
      case 'checked-in':
        return t.checkedInAlready;
      case 'absent':
        return t.absentAlready;
    }
  }

  /** The form is not on the page (not today, cancelled, already in …): that is the answer, not field errors. */
  async function closedForm(req: FastifyRequest, reply: FastifyReply, user: FacilityStaffUser, id: string, form: RecordForms) {
    const record = await attendanceAt(db, user.facilityId, id);
    if (!record) return sendMessagePage(req, reply, 'notFound');
    const closed = formClosed(record, CalendarDate.today(clock).toString(), form);
    return closed ? recordPage(req, reply, user, id, { problem: problemOf({ outcome: closed }, req.lang) }, 409) : undefined;
  }

  function checkReason(raw: string | undefined, lang: FastifyRequest['lang']): { reason: string; error?: string } {
    const t = attendanceTexts(lang);
    const reason = normaliseLines(raw);
    if (!reason) return { reason, error: t.reasonRequired };
    if ([...reason].length > REASON_MAX) return { reason, error: t.reasonTooLong };
    return { reason };
  }

  const parseShown = (value: string | undefined): Date | null | undefined => {
    if (!value) return null;
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? undefined : at;
  };

  routes.post(`${recordPath(':reservationId')}/times`, async (req, reply, user) => {
    const id = await permit(req, user, attendanceActions.recordAtFacility, (req.params as { reservationId: string }).reservationId);
    const t = attendanceTexts(req.lang);
    const body = formBody(req);
    const record = await attendanceAt(db, user.facilityId, id);
    if (!record) return sendMessagePage(req, reply, 'notFound');
    const closed = await closedForm(req, reply, user, id, 'times');
    if (closed) return closed;
    const form: RecordForm = { checkedIn: (body.checkedIn ?? '').trim(), checkedOut: (body.checkedOut ?? '').trim(), reason: body.reason ?? '', shownIn: body.shownIn ?? '', shownOut: body.shownOut ?? '' };
    const errors: FieldErrors = {};
    const now = clock.now();
    const day = record.time.date;
    const read = (field: 'checkedIn' | 'checkedOut'): Date | null => {
      const text = form[field];
      if (text === '') return null;
      const at = instantOn(day, text.replace(/[０-９：]/g, (c) => (c === '：' ? ':' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))));
      if (!at) errors[field] = t.timeInvalid;
      else if (at.getTime() > now.getTime()) errors[field] = t.timeFuture;
      return at ?? null;
    };
    const checkedInAt = read('checkedIn');
    const checkedOutAt = read('checkedOut');
    if (!errors.checkedOut && checkedOutAt && !checkedInAt && !errors.checkedIn) errors.checkedOut = t.outWithoutIn;
    else if (!errors.checkedOut && checkedOutAt && checkedInAt && checkedOutAt.getTime() < checkedInAt.getTime()) errors.checkedOut = t.outBeforeIn;
    const reason = checkReason(body.reason, req.lang);
    if (reason.error) errors.reason = reason.error;
    const shownIn = parseShown(form.shownIn);
    const shownOut = parseShown(form.shownOut);
    if (Object.keys(errors).length > 0) return recordPage(req, reply, user, id, { form, errors, errorsFor: 'times' }, 400);
    if (shownIn === undefined || shownOut === undefined) return recordPage(req, reply, user, id, { problem: t.changedMeanwhile }, 409);
    const result = await correctTimes(db, clock, staffOf(user), id, { checkedInAt, checkedOutAt, shownIn, shownOut, reason: reason.reason });
    if (result.outcome === 'saved') return seeOther(reply, `${recordPath(id)}?done=saved`);
    if (result.outcome === 'no-change') return recordPage(req, reply, user, id, { form, problem: problemOf(result, req.lang) }, 409);
    return recordPage(req, reply, user, id, { problem: problemOf(result, req.lang) }, 409);
  });

  routes.post(`${recordPath(':reservationId')}/absent`, async (req, reply, user) => {
    const id = await permit(req, user, attendanceActions.recordAtFacility, (req.params as { reservationId: string }).reservationId);
    const closed = await closedForm(req, reply, user, id, 'absent');
    if (closed) return closed;
    const body = formBody(req);
    const reason = checkReason(body.absentReason, req.lang);
    if (reason.error) return recordPage(req, reply, user, id, { errors: { absentReason: reason.error }, errorsFor: 'absent', absentReason: reason.reason }, 400);
    const result = await markNoShow(db, clock, staffOf(user), id, reason.reason);
    if (result.outcome === 'saved') return seeOther(reply, `${recordPath(id)}?done=absent`);
    return recordPage(req, reply, user, id, { problem: problemOf(result, req.lang) }, 409);
  });

  routes.post(`${recordPath(':reservationId')}/cancel`, async (req, reply, user) => {
    const id = await permit(req, user, attendanceActions.recordAtFacility, (req.params as { reservationId: string }).reservationId);
    const closed = await closedForm(req, reply, user, id, 'cancel');
    if (closed) return closed;
    const body = formBody(req);
    const reason = checkReason(body.cancelReason, req.lang);
    if (reason.error) return recordPage(req, reply, user, id, { errors: { cancelReason: reason.error }, errorsFor: 'cancel', cancelReason: reason.reason }, 400);
    const result = await sameDayCancel(db, clock, config.baseUrl, staffOf(user), id, reason.reason);
    if (result.outcome === 'saved') return seeOther(reply, `${recordPath(id)}?done=cancelled`);
    return recordPage(req, reply, user, id, { problem: problemOf(result, req.lang) }, 409);
  });
});

