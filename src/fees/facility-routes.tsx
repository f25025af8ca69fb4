// The facility's fees and records (guide step 8): 利用料 by day or month, marking a use paid (one
// payment per booking; a double submit pays once), the 領収書, the monthly usage per child and its
// CSV (UTF-8 with BOM, or Shift_JIS).
import { contentTypeOf, csvEncodingOf } from '../platform/csv.ts';
import { municipalitySettingsFor } from '../municipalities/settings-queries.ts';
import { permit, routeGroup } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { CalendarDate, DateRange, parseYearMonth, yearMonthOf } from '../platform/time.ts';
import { feeActions } from './actions.ts';
import { usageCsvBytes } from './csv.ts';
import { perChild, receiptParties, recordPayment, useById, usesAtFacility } from './queries.ts';
import { FEES_PATH, FeesPage, ReceiptPage, UsagePage, type FeeView } from './facility-views.tsx';
import { feeTexts, yenText } from './texts.ts';
import type { LatePickupRule } from './rules.ts';

const idOf = (params: unknown) => (params as { reservationId: string }).reservationId;

export const facilityFeeRoutes = routeGroup('facility_staff', (routes) => {
  const { db, clock } = routes.app.deps;

  /** ?date=YYYY-MM-DD or ?month=YYYY-MM (anything else: today). */
  function viewOf(query: Record<string, string | undefined>): FeeView {
    const month = parseYearMonth(query.month);
    if (month) return { kind: 'month', month };
    const date = query.date ? CalendarDate.parse(query.date) : undefined;
    return { kind: 'day', date: date ?? CalendarDate.today(clock) };
  }

  /** The rule the page explains: the facility's municipality's, as in effect in the month shown. */
  async function ruleOf(facilityId: string, view: FeeView): Promise<LatePickupRule> {
    const facility = await db.selectFrom('facilities').select('municipality_id').where('id', '=', facilityId).executeTakeFirstOrThrow();
    const month = (view.kind === 'day' ? view.date : view.month).firstOfMonth();
    return (await municipalitySettingsFor(db, facility.municipality_id, month)).latePickupRule;
  }

  async function usesOf(facilityId: string, view: FeeView) {
    const range = view.kind === 'day' ? DateRange.of(view.date, view.date) : DateRange.monthOf(view.month);
    return usesAtFacility(db, facilityId, range);
  }

  routes.get(FEES_PATH, async (req, reply, user) => {
    await permit(req, user, feeActions.listAtFacility);
    const query = queryOf(req);
    const view = viewOf(query);
    const uses = await usesOf(user.facilityId, view);
    const t = feeTexts(req.lang);
    // After 支払済にする: the use named in the query, if it is in this list (so only this facility's).
    const paid = uses.find((u) => u.id === (query.paid ?? query.already))?.payment;
    const notice = paid ? (query.paid ? t.paidNotice(paid.receiptNumber) : t.alreadyPaidNotice(paid.receiptNumber)) : undefined;
    return sendHtml(reply, <FeesPage ctx={pageContext(req, reply)} view={view} uses={uses} rule={await ruleOf(user.facilityId, view)} notice={notice} />);
  });

  routes.post('/facility/fees/:reservationId/pay', async (req, reply, user) => {
    const id = await permit(req, user, feeActions.recordPayment, idOf(req.params));
    const body = formBody(req);
    const back = new URLSearchParams(body.back ?? '');
    const view = viewOf({ date: back.get('date') ?? undefined, month: back.get('month') ?? undefined });
    const backQuery = view.kind === 'day' ? `date=${view.date}` : `month=${yearMonthOf(view.month)}`;
    const shown = /^\d{1,9}$/.test(body.amount ?? '') ? Number(body.amount) : -1;
    const result = await recordPayment(db, clock, user, id, shown);
    if (result.outcome === 'paid') return seeOther(reply, `${FEES_PATH}?${backQuery}&paid=${id}`);
    if (result.outcome === 'already-paid') return seeOther(reply, `${FEES_PATH}?${backQuery}&already=${id}`);
    const t = feeTexts(req.lang);
    const problem = result.outcome === 'amount-changed' ? t.amountChanged(yenText(result.feeYen, req.lang)) : t.notPayable;
    const uses = await usesOf(user.facilityId, view);
    return sendHtml(reply, <FeesPage ctx={pageContext(req, reply)} view={view} uses={uses} rule={await ruleOf(user.facilityId, view)} problem={problem} />, 409);
  });

  routes.get('/facility/fees/:reservationId/receipt', async (req, reply, user) => {
    const id = await permit(req, user, feeActions.readReceipt, idOf(req.params));
    const use = await useById(db, id);
    // Only a paid use has a receipt.
    if (!use?.payment) return sendMessagePage(req, reply, 'notFound');
    return sendHtml(reply, <ReceiptPage ctx={pageContext(req, reply)} use={{ ...use, payment: use.payment }} parties={await receiptParties(db, id)} />);
  });

  routes.get('/facility/usage', async (req, reply, user) => {
    await permit(req, user, feeActions.listAtFacility);
    const month = parseYearMonth(queryOf(req).month) ?? CalendarDate.today(clock).firstOfMonth();
    const uses = await usesAtFacility(db, user.facilityId, DateRange.monthOf(month));
    return sendHtml(reply, <UsagePage ctx={pageContext(req, reply)} month={month} children={perChild(uses)} />);
  });

  routes.get('/facility/usage/csv', async (req, reply, user) => {
    await permit(req, user, feeActions.listAtFacility);
    const query = queryOf(req);
    const month = parseYearMonth(query.month) ?? CalendarDate.today(clock).firstOfMonth();
    const encoding = csvEncodingOf(query);
    const uses = await usesAtFacility(db, user.facilityId, DateRange.monthOf(month));
    const name = `usage-${yearMonthOf(month)}${encoding === 'sjis' ? '-sjis' : ''}.csv`;
    return reply
      .status(200)
      .header('content-type', contentTypeOf(encoding))
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(usageCsvBytes(uses, encoding));
  });
});
