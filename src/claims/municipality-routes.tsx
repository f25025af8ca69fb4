// The municipality's review of claims (給付費請求, issue 10): only claims addressed to it, never
// drafts; return with a comment, approve, record the payment; CSV of a month's claims and payments.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup } from '../platform/access.ts';
import { contentTypeOf, csvEncodingOf } from '../platform/csv.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml } from '../platform/http.tsx';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate, parseYearMonth, yearMonthOf } from '../platform/time.ts';
import { datePartsFrom, isoDateFromParts } from '../platform/validation.ts';
import { claimActions } from './actions.ts';
import { claimsCsvBytes } from './csv.ts';
import { claimHead, claimsForMunicipality, decideClaim, eventsOf, municipalityMonthLines, recordClaimPayment, storedLines } from './queries.ts';
import { CLAIM_STATUSES, UNDER_REVIEW } from './rules.ts';
import { MUNICIPALITY_CLAIMS_PATH, MunicipalityClaimPage, MunicipalityClaimsPage, municipalityClaimPath, type ReviewAnswers } from './municipality-views.tsx';
import { claimTexts, statusLabels } from './texts.ts';

const idOf = (params: unknown) => (params as { id: string }).id;

export const municipalityClaimRoutes = routeGroup('municipality_staff', (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get(MUNICIPALITY_CLAIMS_PATH, async (req, reply, user) => {
    await permit(req, user, claimActions.listForMunicipality);
    const query = queryOf(req);
    const month = parseYearMonth(query.month);
    const status = CLAIM_STATUSES.find((s) => s !== 'draft' && s === query.status);
    const claims = await claimsForMunicipality(db, user.municipalityId, { month, status });
    return sendHtml(reply, <MunicipalityClaimsPage ctx={pageContext(req, reply)} month={month} status={status} claims={claims} />);
  });

  routes.get('/municipality/claims/csv', async (req, reply, user) => {
    await permit(req, user, claimActions.listForMunicipality);
    const query = queryOf(req);
    const month = parseYearMonth(query.month) ?? CalendarDate.today(clock).firstOfMonth().addMonths(-1);
    const encoding = csvEncodingOf(query);
    const claims = await municipalityMonthLines(db, user.municipalityId, month);
    const name = `claims-${yearMonthOf(month)}${encoding === 'sjis' ? '-sjis' : ''}.csv`;
    return reply
      .status(200)
      .header('content-type', contentTypeOf(encoding))
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(claimsCsvBytes(claims, encoding));
  });

  async function show(req: FastifyRequest, reply: FastifyReply, id: string, state: { answers?: ReviewAnswers; errors?: FieldErrors; notice?: string | undefined; problem?: string | undefined }, status = 200) {
    const claim = (await claimHead(db, id))!;
    const today = CalendarDate.today(clock);
    const answers = state.answers ?? { comment: '', paidOn: { year: String(today.year), month: String(today.month), day: String(today.day) }, paidYen: String(claim.totalYen ?? 0) };
    return sendHtml(
      reply,
      <MunicipalityClaimPage
        ctx={pageContext(req, reply)}
        claim={claim}
        lines={await storedLines(db, claim)}
        events={await eventsOf(db, claim.id)}
        answers={answers}
        errors={state.errors ?? {}}
        notice={state.notice}
        problem={state.problem}
      />,
      status,
    );
  }

  routes.get('/municipality/claims/:id', async (req, reply, user) => {
    const id = await permit(req, user, claimActions.review, idOf(req.params));
    const t = claimTexts(req.lang);
    const done = queryOf(req).done;
    const notice = done === 'returned' ? t.returned : done === 'approved' ? t.approved : done === 'paid' ? t.paymentRecorded : undefined;
    return show(req, reply, id, { notice });
  });

  routes.post('/municipality/claims/:id/return', async (req, reply, user) => {
    const id = await permit(req, user, claimActions.review, idOf(req.params));
    const t = claimTexts(req.lang);
    const body = formBody(req);
    const comment = (body.comment ?? '').trim();
    const claim = (await claimHead(db, id))!;
    // The form is shown only while the claim waits for review; otherwise say where it stands (the update below decides under the lock).
    if (!UNDER_REVIEW.includes(claim.status)) return show(req, reply, id, { problem: t.already(statusLabels[req.lang][claim.status]) }, 409);
    if (comment.length === 0 || comment.length > 1000) {
      const today = CalendarDate.today(clock);
      return show(req, reply, id, { answers: { comment: body.comment ?? '', paidOn: { year: String(today.year), month: String(today.month), day: String(today.day) }, paidYen: String(claim.totalYen ?? 0) }, errors: { comment: t.commentRequired } }, 400);
    }
    const result = await decideClaim(db, clock, user, id, { kind: 'return', comment });
    if (result.outcome === 'done') return seeOther(reply, `${municipalityClaimPath(id)}?done=returned`);
    return show(req, reply, id, { problem: t.already(statusLabels[req.lang][result.status]) }, 409);
  });

  routes.post('/municipality/claims/:id/approve', async (req, reply, user) => {
    const id = await permit(req, user, claimActions.review, idOf(req.params));
    const t = claimTexts(req.lang);
    const result = await decideClaim(db, clock, user, id, { kind: 'approve' });
    if (result.outcome === 'done') return seeOther(reply, `${municipalityClaimPath(id)}?done=approved`);
    return show(req, reply, id, { problem: t.already(statusLabels[req.lang][result.status]) }, 409);
  });

  routes.post('/municipality/claims/:id/payment', async (req, reply, user) => {
    const id = await permit(req, user, claimActions.review, idOf(req.params));
    const t = claimTexts(req.lang);
    const body = formBody(req);
    const current = (await claimHead(db, id))!;
    if (current.status !== 'approved') return show(req, reply, id, { problem: t.already(statusLabels[req.lang][current.status]) }, 409);
    const answers: ReviewAnswers = { comment: '', paidOn: datePartsFrom(body, 'paidOn'), paidYen: (body.paidYen ?? '').trim() };
    const errors: FieldErrors = {};
    const dateText = isoDateFromParts(answers.paidOn);
    if (!dateText) errors.paidOn = t.dateInvalid;
    if (!/^\d{1,9}$/.test(answers.paidYen)) errors.paidYen = t.amountInvalid;
    if (!dateText || errors.paidYen) return show(req, reply, id, { answers, errors }, 400);
    const result = await recordClaimPayment(db, clock, user, id, CalendarDate.from(dateText), Number(answers.paidYen));
    if (result.outcome === 'done') return seeOther(reply, `${municipalityClaimPath(id)}?done=paid`);
    return show(req, reply, id, { answers, problem: t.already(statusLabels[req.lang][result.status]) }, 409);
  });
});
