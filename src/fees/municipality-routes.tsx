// 利用料減免 for the municipality's staff: their own municipality's children only, and the
// guardians' applications (利用料減免の申請) made there, with their evidence.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate } from '../platform/time.ts';
import { datePartsFrom, datePartsOf, isoDateFromParts, normaliseLines, normaliseSpaces } from '../platform/validation.ts';
import { EXTENSION_OF } from '../platform/uploads.ts';
import { approveReductionApplication, applicationForStaff, pendingApplications, readEvidence, rejectReductionApplication, type DecisionResult } from './application-queries.ts';
import { applicationTexts, statusLabels } from './application-texts.ts';
import { ApplicationPage, applicationPath, type ApproveAnswers } from './municipality-application-views.tsx';
import type { ReductionCategory } from '../attendance/tables.ts';
import { feeActions } from './actions.ts';
import { REDUCTION_CATEGORIES } from './rules.ts';
import { endReduction, findChildren, recordReduction, reductionChild, reductionsOf } from './reduction-queries.ts';
import { ChildReductionsPage, REDUCTIONS_PATH, ReductionListPage, childReductionsPath, type EndAnswers, type RecordAnswers } from './municipality-views.tsx';
import { feeTexts } from './texts.ts';

const childIdOf = (params: unknown) => (params as { childId: string }).childId;
const applicationIdOf = (params: unknown) => (params as { applicationId: string }).applicationId;
const EMPTY_DATE = { year: '', month: '', day: '' };

export const municipalityFeeRoutes = routeGroup('municipality_staff', (routes) => {
  const { db, clock, config } = routes.app.deps;

  routes.get(REDUCTIONS_PATH, async (req, reply, user) => {
    await permit(req, user, feeActions.listReductions);
    const search = normaliseSpaces(queryOf(req).q).slice(0, 100);
    const [rows, pending] = await Promise.all([findChildren(db, user.municipalityId, search, CalendarDate.today(clock)), pendingApplications(db, user.municipalityId)]);
    return sendHtml(reply, <ReductionListPage ctx={pageContext(req, reply)} search={search} rows={rows} pending={pending} />);
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

  // ---- 利用料減免の申請: one application, its evidence, the decision ----

  async function showApplication(
    req: FastifyRequest,
    reply: FastifyReply,
    municipalityId: string,
    id: string,
    state: { approve?: ApproveAnswers; reason?: string; approveErrors?: FieldErrors; rejectErrors?: FieldErrors; notice?: string; problem?: string },
    status = 200,
  ) {
    const application = await applicationForStaff(db, municipalityId, id);
    if (!application) return sendMessagePage(req, reply, 'notFound');
    const reductions = await reductionsOf(db, application.childId);
    return sendHtml(
      reply,
      <ApplicationPage
        ctx={pageContext(req, reply)}
        application={application}
        reductions={reductions}
        approve={state.approve ?? { from: datePartsOf(CalendarDate.today(clock).toString()) }}
        reason={state.reason ?? ''}
        approveErrors={state.approveErrors ?? {}}
        rejectErrors={state.rejectErrors ?? {}}
        notice={state.notice}
        problem={state.problem}
      />,
      status,
    );
  }

  function decisionProblem(req: FastifyRequest, result: DecisionResult): { status: number; field?: string; message: string } {
    const t = applicationTexts(req.lang);
    const f = feeTexts(req.lang);
    if (result.outcome === 'already-decided') return { status: 409, message: t.alreadyDecided(statusLabels[req.lang][result.status]) };
    if (result.outcome === 'later-exists') return { status: 409, field: 'from', message: f.laterExists(result.from.format(req.lang)) };
    return { status: 409, field: 'from', message: f.overlap };
  }

  routes.get('/municipality/fee-reductions/applications/:applicationId', async (req, reply, user) => {
    const id = await permit(req, user, feeActions.decideReductionApplication, applicationIdOf(req.params));
    const t = applicationTexts(req.lang);
    const done = queryOf(req).done;
    const notice = done === 'approved' ? t.approved : done === 'rejected' ? t.rejected : undefined;
    return showApplication(req, reply, user.municipalityId, id, notice ? { notice } : {});
  });

  /** A decided application takes no more decisions: say so before reading the form (its forms are gone). */
  async function decidedAlready(req: FastifyRequest, reply: FastifyReply, municipalityId: string, id: string): Promise<FastifyReply | undefined> {
    const current = await db.selectFrom('fee_reduction_applications').select('status').where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst();
    if (!current || current.status === 'pending') return undefined;
    return showApplication(req, reply, municipalityId, id, { problem: applicationTexts(req.lang).alreadyDecided(statusLabels[req.lang][current.status]) }, 409);
  }

  routes.post('/municipality/fee-reductions/applications/:applicationId/approve', async (req, reply, user) => {
    const id = await permit(req, user, feeActions.decideReductionApplication, applicationIdOf(req.params));
    const decided = await decidedAlready(req, reply, user.municipalityId, id);
    if (decided) return decided;
    const approve: ApproveAnswers = { from: datePartsFrom(formBody(req), 'from') };
    const fromText = isoDateFromParts(approve.from);
    if (!fromText) return showApplication(req, reply, user.municipalityId, id, { approve, approveErrors: { from: feeTexts(req.lang).dateInvalid } }, 400);
    const result = await approveReductionApplication(db, clock, config.baseUrl, user, id, CalendarDate.from(fromText));
    if (result.outcome === 'approved') return seeOther(reply, `${applicationPath(id)}?done=approved`);
    if (result.outcome === 'rejected') return seeOther(reply, applicationPath(id));
    const problem = decisionProblem(req, result);
    return showApplication(req, reply, user.municipalityId, id, problem.field ? { approve, approveErrors: { [problem.field]: problem.message } } : { problem: problem.message }, problem.status);
  });

  routes.post('/municipality/fee-reductions/applications/:applicationId/reject', async (req, reply, user) => {
    const id = await permit(req, user, feeActions.decideReductionApplication, applicationIdOf(req.params));
    const decided = await decidedAlready(req, reply, user.municipalityId, id);
    if (decided) return decided;
    const t = applicationTexts(req.lang);
    const reason = normaliseLines(formBody(req).reason);
    const error = reason === '' ? t.reasonRequired : [...reason].length > 500 ? t.reasonTooLong : undefined;
    if (error) return showApplication(req, reply, user.municipalityId, id, { reason, rejectErrors: { reason: error } }, 400);
    const result = await rejectReductionApplication(db, clock, config.baseUrl, user, id, reason);
    if (result.outcome === 'rejected') return seeOther(reply, `${applicationPath(id)}?done=rejected`);
    return showApplication(req, reply, user.municipalityId, id, { reason, problem: decisionProblem(req, result).message }, 409);
  });

  // Evidence (要配慮個人情報): the child's municipality's staff only, each read in the audit log; sent
  // as a download with the type found from its bytes, never shown inline or guessed by the browser.
  routes.get('/municipality/fee-reductions/evidence/:evidenceId', async (req, reply, user) => {
    const id = await permit(req, user, feeActions.readReductionEvidence, (req.params as { evidenceId: string }).evidenceId);
    const evidence = await readEvidence(db, clock, user, id);
    if (!evidence) return sendMessagePage(req, reply, 'notFound');
    return reply
      .type(evidence.type)
      .header('content-disposition', `attachment; filename="evidence-${evidence.position}.${EXTENSION_OF[evidence.type]}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(evidence.bytes);
  });
});
