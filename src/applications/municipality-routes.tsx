import type { FastifyRequest } from 'fastify';
import { permit, routeGroup, type MunicipalityStaffUser } from '../platform/access.ts';
import { applicationActions } from './actions.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { rememberedDevicesOf } from '../accounts/remembered-devices.ts';
import { devicesJustRevoked } from '../accounts/account-views.tsx';
import { STATUSES, applicationDetail, applicationQueue, approveApplication, rejectApplication, statusCounts, type DecisionResult } from './review-queries.ts';
import { DetailPage, MunicipalityHomePage, QueuePage, texts } from './municipality-views.tsx';
import { claimsWaitingFor } from '../claims/queries.ts';
import { pendingApplicationCount } from '../fees/application-queries.ts';

/** Municipality review (審査): staff see and decide their own municipality's applications only. */
export const reviewRoutes = routeGroup('municipality_staff', async (routes) => {
  const { db, clock, config } = routes.app.deps;

  routes.get('/municipality', async (req, reply, user) => {
    const ctx = pageContext(req, reply);
    await permit(req, user, applicationActions.list);
    const counts = await statusCounts(db, user.municipalityId);
    const devices = await rememberedDevicesOf(db, clock, req, user.id);
    const claimsWaiting = await claimsWaitingFor(db, user.municipalityId);
    const reductionsWaiting = await pendingApplicationCount(db, user.municipalityId);
    return sendHtml(
      reply,
      <MunicipalityHomePage ctx={ctx} user={user} waiting={counts.submitted} claimsWaiting={claimsWaiting} reductionsWaiting={reductionsWaiting} devices={devices} revoked={devicesJustRevoked(req)} />,
    );
  });

  routes.get('/municipality/applications', async (req, reply, user) => {
    await permit(req, user, applicationActions.list);
    const query = queryOf(req);
    const status = ([...STATUSES, 'all'] as const).find((s) => s === query.status) ?? 'submitted';
    const rows = await applicationQueue(db, user.municipalityId, status);
    const ctx = pageContext(req, reply);
    return sendHtml(reply, <QueuePage ctx={ctx} status={status} rows={rows} />);
  });

  routes.get('/municipality/applications/:id', async (req, reply, user) => {
    const id = await permit(req, user, applicationActions.read, (req.params as { id: string }).id);
    const detail = await applicationDetail(db, user.municipalityId, id);
    if (!detail) return sendMessagePage(req, reply, 'notFound');
    const query = queryOf(req);
    const t = texts(req.lang);
    const notice = query.done === 'approved' ? t.approved : query.done === 'rejected' ? t.rejected : undefined;
    return sendHtml(reply, <DetailPage ctx={pageContext(req, reply)} detail={detail} errors={{}} reason="" notice={notice} />);
  });

  async function answer(req: FastifyRequest, reply: Parameters<typeof sendHtml>[0], user: MunicipalityStaffUser, id: string, result: DecisionResult, done: string) {
    if (result.kind === 'not-found') return sendMessagePage(req, reply, 'notFound');
    if (result.kind === 'done') return seeOther(reply, `/municipality/applications/${id}?done=${done}`);
    const t = texts(req.lang);
    const problem = result.kind === 'already-decided' ? t.alreadyDecided : result.kind === 'email-taken' ? t.emailTaken : t.agedOut(result.childNames.join('、'));
    const detail = await applicationDetail(db, user.municipalityId, id);
    if (!detail) return sendMessagePage(req, reply, 'notFound');
    return sendHtml(reply, <DetailPage ctx={pageContext(req, reply)} detail={detail} errors={{}} reason="" problem={problem} />, 409);
  }

  routes.post('/municipality/applications/:id/approve', async (req, reply, user) => {
    const id = await permit(req, user, applicationActions.decide, (req.params as { id: string }).id);
    const result = await approveApplication(db, clock, config.baseUrl, user, id);
    return answer(req, reply, user, id, result, 'approved');
  });

  routes.post('/municipality/applications/:id/reject', async (req, reply, user) => {
    const id = await permit(req, user, applicationActions.decide, (req.params as { id: string }).id);
    const reason = (formBody(req).reason ?? '').trim();
    const t = texts(req.lang);
    const error = reason === '' ? t.reasonRequired : reason.length > 1000 ? t.reasonTooLong : undefined;
    if (error) {
      const detail = await applicationDetail(db, user.municipalityId, id);
      if (!detail) return sendMessagePage(req, reply, 'notFound');
      // Decided meanwhile (by someone else, or by an earlier press): that is the news, not the reason.
      if (detail.application.status !== 'submitted') return answer(req, reply, user, id, { kind: 'already-decided' }, 'rejected');
      return sendHtml(reply, <DetailPage ctx={pageContext(req, reply)} detail={detail} errors={{ reason: error }} reason={reason} />, 400);
    }
    const result = await rejectApplication(db, clock, user, id, reason);
    return answer(req, reply, user, id, result, 'rejected');
  });
});
