import { permit, routeGroup } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { CalendarDate } from '../platform/time.ts';
import { certificationActions } from './actions.ts';
import { terminationAnswersFromBody, validateTermination, type TerminationAnswers } from './certification-form.ts';
import { bookingsAfter, certificationChangesOf, certificationOf, certifiedChildren, recordCertificationChange, terminateCertification, withdrawCertificationChange, type CertificationOf } from './certification-queries.ts';
import { CertificationPage, ChildrenListPage, TerminationConfirmPage, certificationTexts, type ChangeFormState } from './municipality-certification-views.tsx';
import { changeAnswersFromBody, changeAnswersOf, validateChange } from './certification-change-form.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';

const emptyAnswers: TerminationAnswers = { reason: '', reasonNote: '', lastDay: { year: '', month: '', day: '' } };

/** 認定者の管理: a municipality's staff see and end their own municipality's certifications only. */
export const certificationRoutes = routeGroup('municipality_staff', async (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get('/municipality/children', async (req, reply, user) => {
    await permit(req, user, certificationActions.list);
    const query = queryOf(req);
    const search = (query.q ?? '').trim().slice(0, 100);
    const page = Math.min(Math.max(Number.parseInt(query.page ?? '1', 10) || 1, 1), 10_000);
    const { rows, total } = await certifiedChildren(db, user.municipalityId, search, page);
    return sendHtml(reply, <ChildrenListPage ctx={pageContext(req, reply)} search={search} page={page} rows={rows} total={total} today={CalendarDate.today(clock)} />);
  });

  /** The change form as first shown, with the child's changes. */
  const freshChange = async (detail: CertificationOf, today: CalendarDate): Promise<ChangeFormState> => ({
    changes: await certificationChangesOf(db, detail.child.id),
    answers: changeAnswersOf(detail.child, today),
    errors: {},
  });

  routes.get('/municipality/children/:id', async (req, reply, user) => {
    const id = await permit(req, user, certificationActions.read, (req.params as { id: string }).id);
    const detail = await certificationOf(db, user.municipalityId, id);
    if (!detail) return sendMessagePage(req, reply, 'notFound');
    const query = queryOf(req);
    const t = certificationTexts(req.lang);
    const today = CalendarDate.today(clock);
    const cancelled = Number(query.cancelled);
    const changedFrom = CalendarDate.parse(query.from ?? '');
    const notice =
      query.done === 'terminated'
        ? t.terminated(Number.isSafeInteger(cancelled) ? cancelled : 0)
        : query.done === 'changed' && changedFrom
          ? t.changeRecorded(changedFrom.format(req.lang))
          : query.done === 'withdrawn'
            ? t.changeWithdrawn
            : undefined;
    const problem = query.problem === 'gone' ? t.withdrawGone : undefined;
    return sendHtml(reply, <CertificationPage ctx={pageContext(req, reply)} detail={detail} answers={emptyAnswers} errors={{}} change={await freshChange(detail, today)} notice={notice} problem={problem} today={today} />);
  });

  // 変更認定: recorded now, applied on the first day of the chosen month by the daily job.
  routes.post('/municipality/children/:id/changes', async (req, reply, user) => {
    const id = await permit(req, user, certificationActions.change, (req.params as { id: string }).id);
    const detail = await certificationOf(db, user.municipalityId, id);
    if (!detail) return sendMessagePage(req, reply, 'notFound');
    const today = CalendarDate.today(clock);
    const answers = changeAnswersFromBody(formBody(req));
    const again = async (errors: FieldErrors) =>
      sendHtml(
        reply,
        <CertificationPage ctx={pageContext(req, reply)} detail={detail} answers={emptyAnswers} errors={{}} change={{ changes: await certificationChangesOf(db, id), answers, errors }} today={today} />,
        400,
      );
    const checked = validateChange(answers, req.lang, today, detail.child);
    if (checked.errors) return again(checked.errors);
    const result = await recordCertificationChange(db, clock, user, id, checked.value);
    if (result.kind === 'not-found') return sendMessagePage(req, reply, 'notFound');
    if (result.kind === 'month-taken') return again({ changeFrom: certificationTexts(req.lang).monthTaken });
    return seeOther(reply, `/municipality/children/${id}?done=changed&from=${checked.value.from.toString()}`);
  });

  routes.post('/municipality/children/:id/changes/:changeId/withdraw', async (req, reply, user) => {
    const params = req.params as { id: string; changeId: string };
    const id = await permit(req, user, certificationActions.change, params.id);
    const detail = await certificationOf(db, user.municipalityId, id);
    if (!detail) return sendMessagePage(req, reply, 'notFound');
    const withdrawn = await withdrawCertificationChange(db, clock, user, id, params.changeId);
    return seeOther(reply, `/municipality/children/${id}?${withdrawn ? 'done=withdrawn' : 'problem=gone'}`);
  });

  // The bookings that would be cancelled are shown first; only the confirmed form ends it.
  routes.post('/municipality/children/:id/terminate', async (req, reply, user) => {
    const id = await permit(req, user, certificationActions.terminate, (req.params as { id: string }).id);
    const detail = await certificationOf(db, user.municipalityId, id);
    if (!detail) return sendMessagePage(req, reply, 'notFound');
    const body = formBody(req);
    const answers = terminationAnswersFromBody(body);
    const today = CalendarDate.today(clock);
    const again = async (errors: FieldErrors, detailNow: CertificationOf = detail) =>
      sendHtml(reply, <CertificationPage ctx={pageContext(req, reply)} detail={detailNow} answers={answers} errors={errors} change={await freshChange(detailNow, today)} today={today} />, 400);
    const checked = validateTermination(answers, req.lang, today, CalendarDate.from(detail.child.certification_valid_until));
    if (checked.errors) return again(checked.errors);
    if (body.confirmed !== 'yes') {
      const bookings = await bookingsAfter(db, id, checked.value.lastDay);
      return sendHtml(reply, <TerminationConfirmPage ctx={pageContext(req, reply)} childId={id} childName={detail.child.name} lastDay={checked.value.lastDay} answers={answers} bookings={bookings} />);
    }
    const result = await terminateCertification(db, clock, user, id, checked.value);
    if (result.kind === 'not-found') return sendMessagePage(req, reply, 'notFound');
    if (result.kind === 'not-earlier') {
      const fresh = (await certificationOf(db, user.municipalityId, id)) ?? detail;
      const recheck = validateTermination(answers, req.lang, today, CalendarDate.from(result.validUntil));
      return again(recheck.errors ?? {}, fresh);
    }
    return seeOther(reply, `/municipality/children/${id}?done=terminated&cancelled=${result.cancelled}`);
  });
});
