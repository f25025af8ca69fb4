import type { FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { limit, subjectLimit } from '../platform/rate-limits.ts';
import { newToken } from '../platform/tokens.ts';
import type { SignedInUser } from '../platform/ui/layout.tsx';
import { listPrefectures, municipalitiesIn } from '../applications/queries.ts';
import { supportActions } from './actions.ts';
import { inquiryAnswersFromBody, validateInquiry, type InquiryAnswers } from './form.ts';
import { guardianStep, manualTexts } from './manual.ts';
import { inquiryByReference, inquiryMunicipality, isSubmissionKey, submitInquiry, type InquiryMunicipality } from './queries.ts';
import { supportTexts } from './texts.ts';
import {
  GuardianManualPage,
  GuardianStepPage,
  InquiryCheckPage,
  InquiryChoosePage,
  InquiryDonePage,
  InquiryFormPage,
  ManualIndexPage,
  StaffManualPage,
  SupportPage,
} from './public-views.tsx';

/** Guide step 9: お客さまサポート, 利用マニュアル and the inquiry form, for everyone, logged in or not. */
export const supportRoutes = routeGroup('public', async (routes) => {
  const { db, clock, config } = routes.app.deps;
  // A few inquiries from one address an hour, however many client addresses send them.
  const inquiryMailLimit = subjectLimit(routes.app, 'support-inquiry', 5, '1 hour');

  routes.get('/support', async (req, reply) => sendHtml(reply, <SupportPage ctx={pageContext(req, reply)} />));

  routes.get('/support/manual', async (req, reply) => sendHtml(reply, <ManualIndexPage ctx={pageContext(req, reply)} />));

  routes.get('/support/manual/:role', async (req, reply) => {
    const { role } = req.params as { role: string };
    const ctx = pageContext(req, reply);
    if (role === 'guardian') return sendHtml(reply, <GuardianManualPage ctx={ctx} />);
    if (role === 'facility' || role === 'municipality') return sendHtml(reply, <StaffManualPage ctx={ctx} page={manualTexts(ctx.lang)[role]} />);
    return sendMessagePage(req, reply, 'notFound');
  });

  routes.get('/support/manual/guardian/:step', async (req, reply) => {
    const { step } = req.params as { step: string };
    const number = /^[1-9]$/.test(step) ? Number(step) : NaN;
    const page = guardianStep(req.lang, number);
    if (!page) return sendMessagePage(req, reply, 'notFound');
    return sendHtml(reply, <GuardianStepPage ctx={pageContext(req, reply)} step={number} page={page} />);
  });

  /** Signed in: the user's own municipality. Otherwise the one chosen (its code in the form). */
  async function municipalityFor(user: SignedInUser | undefined, code: string | undefined): Promise<InquiryMunicipality | undefined> {
    if (user) return inquiryMunicipality(db, { id: user.municipalityId });
    return code ? inquiryMunicipality(db, { code }) : undefined;
  }

  async function choosePage(req: FastifyRequest, reply: FastifyReply, prefectureCode: string, municipalityAsked: boolean) {
    const prefectures = await listPrefectures(db);
    const prefecture = prefectures.find((p) => String(p.code) === prefectureCode);
    const t = supportTexts(req.lang);
    const errors: Record<string, string> =
      prefectureCode !== '' && !prefecture ? { prefecture: t.choosePrefecture } : municipalityAsked && prefecture ? { municipality: t.chooseMunicipality } : {};
    return sendHtml(
      reply,
      <InquiryChoosePage
        ctx={pageContext(req, reply)}
        prefectures={prefectures}
        prefectureCode={prefecture ? prefectureCode : ''}
        municipalities={prefecture ? await municipalitiesIn(db, prefecture.code) : undefined}
        errors={errors}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }

  routes.get('/support/inquiry', async (req, reply, user) => {
    await permit(req, user, supportActions.send);
    const query = queryOf(req);
    const municipality = await municipalityFor(user, query.municipality);
    if (!municipality) return choosePage(req, reply, query.prefecture ?? '', query.municipality !== undefined);
    const answers: InquiryAnswers = { category: '', message: '', contactName: user?.displayName ?? '', email: user?.email ?? '', phone: '' };
    return sendHtml(reply, <InquiryFormPage ctx={pageContext(req, reply)} municipality={municipality} answers={answers} errors={{}} />);
  });

  // 確認画面へ進む (and 入力画面に戻る from the confirmation screen, with the answers as they were).
  routes.post('/support/inquiry', { config: limit(routes.app.deps, 60, '10 minutes') }, async (req, reply, user) => {
    await permit(req, user, supportActions.send);
    const body = formBody(req);
    const municipality = await municipalityFor(user, body.municipality);
    if (!municipality) return seeOther(reply, '/support/inquiry');
    const answers = inquiryAnswersFromBody(body);
    const ctx = pageContext(req, reply);
    if (body.action === 'edit') return sendHtml(reply, <InquiryFormPage ctx={ctx} municipality={municipality} answers={answers} errors={{}} />);
    const checked = validateInquiry(answers, req.lang);
    if (checked.errors) return sendHtml(reply, <InquiryFormPage ctx={ctx} municipality={municipality} answers={answers} errors={checked.errors} />, 400);
    return sendHtml(reply, <InquiryCheckPage ctx={ctx} municipality={municipality} answers={answers} inquiry={checked.value} submissionKey={newToken()} />);
  });

  // 送信する: stored and mailed once per confirmation screen.
  routes.post('/support/inquiry/send', { config: limit(routes.app.deps, 20, '10 minutes') }, async (req, reply, user) => {
    await permit(req, user, supportActions.send);
    const body = formBody(req);
    const municipality = await municipalityFor(user, body.municipality);
    if (!municipality) return seeOther(reply, '/support/inquiry');
    const answers = inquiryAnswersFromBody(body);
    const ctx = pageContext(req, reply);
    const checked = validateInquiry(answers, req.lang);
    if (checked.errors) return sendHtml(reply, <InquiryFormPage ctx={ctx} municipality={municipality} answers={answers} errors={checked.errors} />, 400);
    // Not from a confirmation screen: show one, rather than store what nobody has looked at.
    if (!isSubmissionKey(body.submission)) {
      return sendHtml(reply, <InquiryCheckPage ctx={ctx} municipality={municipality} answers={answers} inquiry={checked.value} submissionKey={newToken()} />);
    }
    await inquiryMailLimit(req, reply, checked.value.email);
    const sender = { userId: user?.id, accountName: user ? `${user.displayName}（${user.email}）` : undefined };
    const { reference } = await submitInquiry(db, clock, config.baseUrl, municipality, sender, body.submission, checked.value);
    return seeOther(reply, `/support/inquiry/done?reference=${encodeURIComponent(reference)}`);
  });

  routes.get('/support/inquiry/done', async (req, reply) => {
    const reference = queryOf(req).reference ?? '';
    const inquiry = /^Q\d{5,6}-\d{4}-\d{6,}$/.test(reference) ? await inquiryByReference(db, reference) : undefined;
    if (!inquiry) return seeOther(reply, '/support');
    const name = req.lang === 'ja' ? inquiry.municipality_name : inquiry.municipality_name_en;
    return sendHtml(reply, <InquiryDonePage ctx={pageContext(req, reply)} reference={inquiry.reference} municipalityName={name} />);
  });
});
