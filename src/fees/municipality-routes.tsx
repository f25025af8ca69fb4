// 利用料減免 for the municipality's staff: their own municipality's children only.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate } from '../platform/time.ts';
import { datePartsFrom, isoDateFromParts, normaliseSpaces } from '../platform/validation.ts';
import type { ReductionCategory } from '../attendance/tables.ts';
import { feeActions } from './actions.ts';
import { REDUCTION_CATEGORIES } from './rules.ts';
import { endReduction, findChildren, recordReduction, reductionChild, reductionsOf } from './reduction-queries.ts';
import { ChildReductionsPage, REDUCTIONS_PATH, ReductionListPage, childReductionsPath, type EndAnswers, type RecordAnswers } from './municipality-views.tsx';
import { feeTexts } from './texts.ts';

const childIdOf = (params: unknown) => (params as { childId: string }).childId;
const EMPTY_DATE = { year: '', month: '', day: '' };

export const municipalityFeeRoutes = routeGroup('municipality_staff', (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get(REDUCTIONS_PATH, async (req, reply, user) => {
    await permit(req, user, feeActions.listReductions);
    const search = normaliseSpaces(queryOf(req).q).slice(0, 100);
    const rows = await findChildren(db, user.municipalityId, search, CalendarDate.today(clock));
    return sendHtml(reply, <ReductionListPage ctx={pageContext(req, reply)} search={search} rows={rows} />);
  });

  async function showChild(
    req: FastifyRequest,
    reply: FastifyReply,
    municipalityId: string,
    childId: string,
    state: { record?: RecordAnswers; end?: EndAnswers; recordErrors?: FieldErrors; endErrors?: FieldErrors; notice?: string; endFor?: string },
    status = 200,
  ) {
    const child = await reductionChild(db, municipalityId, childId);
    if (!child) return sendMessagePage(req, reply, 'notFound');
    const reductions = await reductionsOf(db, childId);
    return sendHtml(
      reply,
      <ChildReductionsPage
        ctx={pageContext(req, reply)}
        child={child}
        reductions={reductions}
        record={state.record ?? { category: '', from: EMPTY_DATE }}
        end={state.end ?? { until: EMPTY_DATE }}
        recordErrors={state.recordErrors ?? {}}
        endErrors={state.endErrors ?? {}}
        notice={state.notice}
        endFor={state.endFor}
      />,
      status,
    );
  }

  routes.get('/municipality/fee-reductions/:childId', async (req, reply, user) => {
    const childId = await permit(req, user, feeActions.manageReductions, childIdOf(req.params));
    const t = feeTexts(req.lang);
    const done = queryOf(req).done;
    const notice = done === 'recorded' ? t.recorded : done === 'ended' ? t.ended : undefined;
    return showChild(req, reply, user.municipalityId, childId, notice ? { notice } : {});
  });

  routes.post('/municipality/fee-reductions/:childId', async (req, reply, user) => {
    const childId = await permit(req, user, feeActions.manageReductions, childIdOf(req.params));
    const body = formBody(req);
    const t = feeTexts(req.lang);
    const record: RecordAnswers = { category: body.category ?? '', from: datePartsFrom(body, 'from') };
    const errors: FieldErrors = {};
    const category = REDUCTION_CATEGORIES.find((c) => c === record.category) as ReductionCategory | undefined;
    if (!category) errors.category = t.categoryRequired;
    const fromText = isoDateFromParts(record.from);
    if (!fromText) errors.from = t.dateInvalid;
    if (!category || !fromText) return showChild(req, reply, user.municipalityId, childId, { record, recordErrors: errors }, 400);
    const result = await recordReduction(db, clock, user, childId, category, CalendarDate.from(fromText));
    if (result.outcome === 'recorded') return seeOther(reply, `${childReductionsPath(childId)}?done=recorded`);
    const message = result.outcome === 'later-exists' ? t.laterExists(result.from.format(req.lang)) : t.overlap;
    return showChild(req, reply, user.municipalityId, childId, { record, recordErrors: { from: message } }, 409);
  });

  routes.post('/municipality/fee-reductions/:childId/end', async (req, reply, user) => {
    const childId = await permit(req, user, feeActions.manageReductions, childIdOf(req.params));
    const body = formBody(req);
    const t = feeTexts(req.lang);
    // The reduction ended is one of this child's (anything else is not found, like a missing one).
    const target = (await reductionsOf(db, childId)).find((r) => r.id === body.reduction);
    if (!target) return sendMessagePage(req, reply, 'notFound');
    const end: EndAnswers = { until: datePartsFrom(body, 'until') };
    const untilText = isoDateFromParts(end.until);
    if (!untilText) return showChild(req, reply, user.municipalityId, childId, { end, endErrors: { until: t.dateInvalid }, endFor: target.id }, 400);
    const result = await endReduction(db, clock, user, childId, target.id, CalendarDate.from(untilText));
    if (result.outcome === 'ended') return seeOther(reply, `${childReductionsPath(childId)}?done=ended`);
    if (result.outcome === 'not-found') return sendMessagePage(req, reply, 'notFound');
    const message = result.outcome === 'before-start' ? t.beforeStart(result.from.format(req.lang)) : t.overlap;
    return showChild(req, reply, user.municipalityId, childId, { end, endErrors: { until: message }, endFor: target.id }, 409);
  });
});
