import { permit, routeGroup } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { supportActions } from './actions.ts';
import { validateReply } from './form.ts';
import { INQUIRY_STATUSES, inquiryDetail, inquiryList, markInquiryAnswered, replyToInquiry } from './queries.ts';
import { supportTexts } from './texts.ts';
import { InquiryDetailPage, InquiryListPage } from './municipality-views.tsx';

/** The inquiries of step 9, for the municipality's staff: their own municipality's only. */
export const inquiryRoutes = routeGroup('municipality_staff', async (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get('/municipality/inquiries', async (req, reply, user) => {
    await permit(req, user, supportActions.list);
    const query = queryOf(req);
    const status = ([...INQUIRY_STATUSES, 'all'] as const).find((s) => s === query.status) ?? 'open';
    const rows = await inquiryList(db, user.municipalityId, status);
    return sendHtml(reply, <InquiryListPage ctx={pageContext(req, reply)} status={status} rows={rows} />);
  });

  routes.get('/municipality/inquiries/:id', async (req, reply, user) => {
    const id = await permit(req, user, supportActions.read, (req.params as { id: string }).id);
    const detail = await inquiryDetail(db, user.municipalityId, id);
    if (!detail) return sendMessagePage(req, reply, 'notFound');
    const t = supportTexts(req.lang);
    const done = queryOf(req).done;
    const notice = done === 'replied' ? t.replied : done === 'answered' ? t.answered : undefined;
    return sendHtml(reply, <InquiryDetailPage ctx={pageContext(req, reply)} detail={detail} reply="" errors={{}} notice={notice} />);
  });

  routes.post('/municipality/inquiries/:id/reply', async (req, reply, user) => {
    const id = await permit(req, user, supportActions.reply, (req.params as { id: string }).id);
    const body = formBody(req);
    const checked = validateReply(body.reply, req.lang);
    if (checked.errors) {
      const detail = await inquiryDetail(db, user.municipalityId, id);
      if (!detail) return sendMessagePage(req, reply, 'notFound');
      return sendHtml(reply, <InquiryDetailPage ctx={pageContext(req, reply)} detail={detail} reply={body.reply ?? ''} errors={checked.errors} />, 400);
    }
    if (!(await replyToInquiry(db, clock, user, id, checked.value))) return sendMessagePage(req, reply, 'notFound');
    return seeOther(reply, `/municipality/inquiries/${id}?done=replied`);
  });

  routes.post('/municipality/inquiries/:id/answered', async (req, reply, user) => {
    const id = await permit(req, user, supportActions.answer, (req.params as { id: string }).id);
    await markInquiryAnswered(db, clock, user, id);
    return seeOther(reply, `/municipality/inquiries/${id}?done=answered`);
  });
});
