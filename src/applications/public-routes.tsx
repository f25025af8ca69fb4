import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeGroup } from '../platform/access.ts';
import { formBody, pageContext, seeOther, sendHtml } from '../platform/http.tsx';
import { limit, subjectLimit } from '../platform/rate-limits.ts';
import { CalendarDate } from '../platform/time.ts';
import { isEmail, normaliseEmail } from '../platform/validation.ts';
import {
  facilitiesOf,
  findMunicipalityByCode,
  invitationState,
  inviteToApply,
  listPrefectures,
  municipalitiesIn,
  saveDraft,
  submitApplication,
  type Municipality,
} from './queries.ts';
import { answersFromBody, emptyAnswers, validateApplication, type ApplicationAnswers } from './form.ts';
import {
  ApplicationFormPage,
  CheckAnswersPage,
  ChooseMunicipalityPage,
  CompletePage,
  EmailPage,
  LinkProblemPage,
  SentPage,
  chooseErrors,
  emailError,
} from './public-views.tsx';

/** Guide step 1: 利用申請. Anyone may apply; the mailed link is the only credential. */
export const applicationRoutes = routeGroup('public', async (routes) => {
  const { db, clock, config } = routes.app.deps;
  // Few mails to one address, however many addresses the senders use (the per-address limit is generous).
  const applicationMailLimit = subjectLimit(routes.app, 'application-mail', 5, '1 hour');

  routes.get('/apply', async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    const prefectures = await listPrefectures(db);
    const prefectureCode = query.prefecture ?? '';
    const prefecture = prefectures.find((p) => String(p.code) === prefectureCode);
    const errors: Record<string, string> = prefectureCode !== '' && !prefecture ? { prefecture: chooseErrors(req.lang).prefecture } : {};
    const municipalities = prefecture ? await municipalitiesIn(db, prefecture.code) : undefined;
    return sendHtml(
      reply,
      <ChooseMunicipalityPage
        ctx={pageContext(req, reply)}
        prefectures={prefectures}
        prefectureCode={prefectureCode}
        municipalities={municipalities}
        municipalityCode=""
        errors={errors}
      />,
      prefectureCode !== '' && !prefecture ? 400 : 200,
    );
  });

  // 確認する: the chosen municipality is confirmed and the e-mail address asked for.
  routes.get('/apply/email', async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    const municipality = query.municipality ? await findMunicipalityByCode(db, query.municipality) : undefined;
    if (!municipality) {
      const prefectures = await listPrefectures(db);
      const prefectureCode = query.prefecture ?? '';
      const prefecture = prefectures.find((p) => String(p.code) === prefectureCode);
      return sendHtml(
        reply,
        <ChooseMunicipalityPage
          ctx={pageContext(req, reply)}
          prefectures={prefectures}
          prefectureCode={prefectureCode}
          municipalities={prefecture ? await municipalitiesIn(db, prefecture.code) : undefined}
          municipalityCode=""
          errors={prefecture ? { municipality: chooseErrors(req.lang).municipality } : { prefecture: chooseErrors(req.lang).prefecture }}
        />,
        400,
      );
    }
    return sendHtml(reply, <EmailPage ctx={pageContext(req, reply)} municipality={municipality} email="" errors={{}} />);
  });

  routes.post('/apply/email', { config: limit(routes.app.deps, 100, '10 minutes') }, async (req, reply) => {
    const body = formBody(req);
    const municipality = body.municipality ? await findMunicipalityByCode(db, body.municipality) : undefined;
    if (!municipality) return seeOther(reply, '/apply');
    const email = normaliseEmail(body.email);
    if (!isEmail(email)) {
      return sendHtml(
        reply,
        <EmailPage ctx={pageContext(req, reply)} municipality={municipality} email={body.email ?? ''} errors={{ email: emailError(req.lang) }} />,
        400,
      );
    }
    await applicationMailLimit(req, reply, email.toLowerCase());
    await inviteToApply(db, clock, config.baseUrl, municipality, email);
    return seeOther(reply, '/apply/sent');
  });

  routes.get('/apply/sent', async (req, reply) => sendHtml(reply, <SentPage ctx={pageContext(req, reply)} />));

  /** Resolves the token to an open invitation, or answers with the page that explains why not. */
  /**
   * The invitation behind the path's token, or the page that says why it cannot be used. With
   * `afterSubmit`, a link already used goes to the completion page: a second press of 送信 (even
   * one that raced the first) lands where the first did.
   */
  async function openInvitation(req: FastifyRequest, reply: FastifyReply, options: { afterSubmit?: boolean } = {}) {
    const { token } = req.params as { token: string };
    const state = await invitationState(db, clock, token);
    const ctx = pageContext(req, reply);
    if (state.kind === 'unknown') {
      await sendHtml(reply, <LinkProblemPage ctx={ctx} kind="unknown" />, 404);
      return undefined;
    }
    if (state.kind === 'submitted' && options.afterSubmit) {
      await seeOther(reply, `/apply/form/${token}/complete`);
      return undefined;
    }
    if (state.kind === 'submitted') {
      await sendHtml(reply, <LinkProblemPage ctx={ctx} kind="submitted" reference={state.reference} />, 410);
      return undefined;
    }
    if (state.kind === 'expired') {
      const resend = { municipalityCode: state.invitation.municipality_code, email: state.invitation.email };
      await sendHtml(reply, <LinkProblemPage ctx={ctx} kind="expired" resend={resend} />, 410);
      return undefined;
    }
    const municipality = (await findMunicipalityByCode(db, state.invitation.municipality_code)) as Municipality;
    const facilities = municipality.named_facility_only ? await facilitiesOf(db, municipality.id) : undefined;
    return { token, invitation: state.invitation, municipality, facilities, ctx };
  }

  routes.get('/apply/form/:token', async (req, reply) => {
    const open = await openInvitation(req, reply);
    if (!open) return reply;
    const answers = (open.invitation.draft as ApplicationAnswers | null) ?? emptyAnswers();
    return sendHtml(reply, <ApplicationFormPage {...open} answers={answers} errors={{}} />);
  });

  routes.post('/apply/form/:token', async (req, reply) => {
    const open = await openInvitation(req, reply);
    if (!open) return reply;
    const body = formBody(req);
    const answers = answersFromBody(body);
    const action = body.action ?? 'continue';
    if (action === 'add-child' || action.startsWith('remove-child-')) {
      // Adding or removing a child keeps every answer typed so far, without judging them yet.
      if (action === 'add-child') answers.children.push({ name: '', kana: '', birth: { year: '', month: '', day: '' } });
      else answers.children.splice(Number(action.slice('remove-child-'.length)), 1);
      if (answers.children.length === 0) answers.children.push(emptyAnswers().children[0]!);
      await saveDraft(db, open.invitation.id, answers);
      return sendHtml(reply, <ApplicationFormPage {...open} answers={answers} errors={{}} />);
    }
    const today = CalendarDate.today(clock).toString();
    const checked = validateApplication(answers, today, open.facilities?.map((f) => f.id), req.lang);
    await saveDraft(db, open.invitation.id, answers);
    if (checked.errors) {
      return sendHtml(reply, <ApplicationFormPage {...open} answers={answers} errors={checked.errors} />, 400);
    }
    return seeOther(reply, `/apply/form/${open.token}/check`);
  });

  routes.get('/apply/form/:token/check', async (req, reply) => {
    const open = await openInvitation(req, reply);
    if (!open) return reply;
    const answers = open.invitation.draft as ApplicationAnswers | null;
    const checked = answers && validateApplication(answers, CalendarDate.today(clock).toString(), open.facilities?.map((f) => f.id), req.lang);
    if (!checked?.value) return seeOther(reply, `/apply/form/${open.token}`);
    const facilityName = open.facilities?.find((f) => f.id === checked.value?.desiredFacilityId)?.name;
    return sendHtml(
      reply,
      <CheckAnswersPage ctx={open.ctx} token={open.token} municipality={open.municipality} application={checked.value} facilityName={facilityName} />,
    );
  });

  routes.post('/apply/form/:token/submit', async (req, reply) => {
    const { token } = req.params as { token: string };
    const open = await openInvitation(req, reply, { afterSubmit: true });
    if (!open) return reply;
    const answers = open.invitation.draft as ApplicationAnswers | null;
    const checked = answers && validateApplication(answers, CalendarDate.today(clock).toString(), open.facilities?.map((f) => f.id), req.lang);
    if (!checked?.value) return seeOther(reply, `/apply/form/${token}`);
    const result = await submitApplication(db, clock, open.invitation.id, open.municipality.name, open.municipality.code, checked.value);
    if (result.kind !== 'submitted') return seeOther(reply, `/apply/form/${token}`);
    return seeOther(reply, `/apply/form/${token}/complete`);
  });

  routes.get('/apply/form/:token/complete', async (req, reply) => {
    const { token } = req.params as { token: string };
    const state = await invitationState(db, clock, token);
    if (state.kind !== 'submitted') return seeOther(reply, `/apply/form/${token}`);
    const municipality = await findMunicipalityByCode(db, state.invitation.municipality_code);
    return sendHtml(
      reply,
      <CompletePage ctx={pageContext(req, reply)} reference={state.reference} municipalityName={municipality?.name ?? ''} />,
    );
  });
});
