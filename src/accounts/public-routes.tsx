import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup } from '../platform/access.ts';
import { deviceActions } from './actions.ts';
import { formBody, pageContext, safeLocalPath, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { limit, subjectLimit } from '../platform/rate-limits.ts';
import { endSession, startSession } from '../platform/session.ts';
import { homePathFor } from '../platform/ui/layout.tsx';
import { isEmail, normaliseEmail } from '../platform/validation.ts';
import { passwordProblem } from './rules.ts';
import { checkRememberedDevice, rememberDevice, revokeRememberedDevices } from './remembered-devices.ts';
import {
  acceptTerms,
  checkOneTimePassword,
  checkPassword,
  issueOneTimePassword,
  needsTermsConsent,
  requestPasswordReset,
  resetPassword,
  resetTokenState,
  type ResetTokenState,
} from './queries.ts';
import { LoginPage, OtpPage, ResetPasswordPage, ResetRequestPage, SimpleMessagePage, TermsPage, accountTexts } from './public-views.tsx';
import type { Role } from '../platform/database.ts';

const NEXT_COOKIE = 'tsuen_next';

/** Guide steps 2 (password) and 3 (login: password, one-time password, terms). */
export const accountRoutes = routeGroup('public', async (routes) => {
  const { db, clock, config, sessions } = routes.app.deps;
  // Per client address the limits are generous (a help desk or a carrier's shared address carries
  // many families); these, per login ID, e-mail address or account, do the protecting. Wrong
  // passwords also lock a login ID (checkPassword) and each code allows five tries.
  const loginIdLimit = subjectLimit(routes.app, 'login-id', 10, '10 minutes');
  const otpAccountLimit = subjectLimit(routes.app, 'otp-account', 10, '10 minutes');
  const otpResendAccountLimit = subjectLimit(routes.app, 'otp-resend-account', 3, '10 minutes');
  const resetMailLimit = subjectLimit(routes.app, 'reset-mail', 5, '1 hour');

  // ---- Step 2: パスワードリセット申請 → mail → パスワードリセット ----

  routes.get('/password-reset', async (req, reply) =>
    sendHtml(reply, <ResetRequestPage ctx={pageContext(req, reply)} email="" errors={{}} />),
  );

  routes.post('/password-reset', { config: limit(routes.app.deps, 100, '10 minutes') }, async (req, reply) => {
    const body = formBody(req);
    const email = normaliseEmail(body.email);
    if (!isEmail(email)) {
      const errors = { email: accountTexts(req.lang).emailInvalid };
      return sendHtml(reply, <ResetRequestPage ctx={pageContext(req, reply)} email={body.email ?? ''} errors={errors} />, 400);
    }
    await resetMailLimit(req, reply, email.toLowerCase());
    await requestPasswordReset(db, clock, config.baseUrl, email, config.passwordResetFloorMs);
    return seeOther(reply, '/password-reset/sent');
  });

  routes.get('/password-reset/sent', async (req, reply) => {
    const t = accountTexts(req.lang);
    return sendHtml(reply, <SimpleMessagePage ctx={pageContext(req, reply)} title={t.resetSentTitle} body={t.resetSentBody} tone="success" extra={t.resetSentHint} />);
  });

  routes.get('/password-reset/done', async (req, reply) => {
    const t = accountTexts(req.lang);
    return sendHtml(reply, <SimpleMessagePage ctx={pageContext(req, reply)} title={t.resetDoneTitle} body={t.resetDoneBody} tone="success" link={{ href: '/login', label: t.toLogin }} />);
  });

  function linkProblem(req: FastifyRequest, reply: FastifyReply, state: Exclude<ResetTokenState, 'valid'>) {
    const t = accountTexts(req.lang);
    const [title, body, status] =
      state === 'unknown' ? [t.linkUnknownTitle, t.linkUnknownBody, 404] : state === 'used' ? [t.linkUsedTitle, t.linkUsedBody, 410] : [t.linkExpiredTitle, t.linkExpiredBody, 410];
    return sendHtml(reply, <SimpleMessagePage ctx={pageContext(req, reply)} title={title} body={body} link={{ href: '/password-reset', label: t.requestAgain }} />, status);
  }

  routes.get('/password-reset/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const { state, email } = await resetTokenState(db, clock, token);
    if (state !== 'valid') return linkProblem(req, reply, state);
    return sendHtml(reply, <ResetPasswordPage ctx={pageContext(req, reply)} token={token} email={email ?? ''} errors={{}} />);
  });

  routes.post('/password-reset/:token', { config: limit(routes.app.deps, 100, '10 minutes') }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const { state, email } = await resetTokenState(db, clock, token);
    if (state !== 'valid') return linkProblem(req, reply, state);
    const body = formBody(req);
    const password = body.password ?? '';
    const t = accountTexts(req.lang);
    const errors: Record<string, string> = {};
    const problem = password === '' ? t.passwordRequired : passwordProblem(password, email ?? '', req.lang);
    if (problem) errors.password = problem;
    else if (password !== body.passwordConfirm) errors.passwordConfirm = t.confirmMismatch;
    if (Object.keys(errors).length > 0) {
      return sendHtml(reply, <ResetPasswordPage ctx={pageContext(req, reply)} token={token} email={email ?? ''} errors={errors} />, 400);
    }
    const result = await resetPassword(db, clock, token, password);
    if (result !== 'valid') return linkProblem(req, reply, result);
    await endSession(db, req, reply);
    return seeOther(reply, '/password-reset/done');
  });

  // ---- Step 3: ログイン → ワンタイムパスワード → 利用規約・プライバシーポリシーに関する同意 ----

  routes.get('/login', async (req, reply) => {
    if (req.user) return seeOther(reply, homePathFor(req.user.role));
    const query = req.query as Record<string, string | undefined>;
    const banner = query.loggedOut ? (req.lang === 'ja' ? 'ログアウトしました。' : 'You have logged out.') : undefined;
    return sendHtml(reply, <LoginPage ctx={pageContext(req, reply)} email="" next={safeLocalPath(query.next, '')} errors={{}} banner={banner} />);
  });

  routes.post('/login', { config: limit(routes.app.deps, 300, '10 minutes') }, async (req, reply) => {
    const body = formBody(req);
    const t = accountTexts(req.lang);
    const email = normaliseEmail(body.email);
    const password = body.password ?? '';
    const next = safeLocalPath(body.next, '');
    const errors: Record<string, string> = {};
    if (!isEmail(email)) errors.email = t.emailInvalid;
    if (password === '') errors.password = t.passwordRequired;
    if (Object.keys(errors).length === 0) {
      await loginIdLimit(req, reply, email.toLowerCase());
      const check = await checkPassword(db, clock, email, password);
      if (check.kind === 'ok') {
        if (next) reply.setCookie(NEXT_COOKIE, next, { path: '/', httpOnly: true, sameSite: 'lax', secure: sessions.secureCookie });
        // A browser remembered for this user skips the one-time password, never the password.
        if (check.user.two_factor_enabled && !(await checkRememberedDevice(db, clock, req, reply, check.user.id))) {
          const challengeId = await issueOneTimePassword(db, clock, check.user.id);
          await startSession(db, clock, sessions, req, reply, { userId: check.user.id, stage: 'otp', challengeId });
          return seeOther(reply, '/login/otp');
        }
        const stage = needsTermsConsent(check.user) ? 'terms' : 'active';
        await startSession(db, clock, sessions, req, reply, { userId: check.user.id, stage, challengeId: null });
        return seeOther(reply, stage === 'terms' ? '/terms' : landingFor(req, reply, check.user.role));
      }
      // Each further failure waits a little longer before answering, up to two seconds.
      if (check.kind === 'rejected' && config.loginFailureDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(config.loginFailureDelayMs * 2 ** (check.failures - 1), 2000)));
      }
      errors.email = check.kind === 'locked' ? t.loginLocked : t.loginFailed;
    }
    return sendHtml(reply, <LoginPage ctx={pageContext(req, reply)} email={body.email ?? ''} next={next} errors={errors} />, 400);
  });

  function landingFor(req: FastifyRequest, reply: FastifyReply, role: Role): string {
    const next = req.cookies[NEXT_COOKIE];
    reply.clearCookie(NEXT_COOKIE, { path: '/' });
    return safeLocalPath(next, '') || homePathFor(role);
  }

  routes.get('/login/otp', async (req, reply) => {
    if (req.session?.stage !== 'otp') return seeOther(reply, req.user ? homePathFor(req.user.role) : '/login');
    return sendHtml(reply, <OtpPage ctx={pageContext(req, reply)} errors={{}} canRetry remember={false} />);
  });

  routes.post('/login/otp', { config: limit(routes.app.deps, 300, '10 minutes') }, async (req, reply) => {
    const session = req.session;
    if (session?.stage !== 'otp' || !session.challengeId) return seeOther(reply, '/login');
    await otpAccountLimit(req, reply, session.user.id);
    const t = accountTexts(req.lang);
    const body = formBody(req);
    const remember = body.remember === 'yes';
    const code = (body.code ?? '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
    if (!/^\d{6}$/.test(code)) {
      return sendHtml(reply, <OtpPage ctx={pageContext(req, reply)} errors={{ code: t.otpInvalidFormat }} canRetry remember={remember} />, 400);
    }
    const { result, attemptsLeft } = await checkOneTimePassword(db, clock, session.challengeId, session.user.id, code);
    if (result === 'ok') {
      if (remember) await rememberDevice(db, clock, sessions, req, reply, session.user.id);
      const user = await db.selectFrom('users').select(['terms_version_accepted', 'role']).where('id', '=', session.user.id).executeTakeFirstOrThrow();
      const stage = needsTermsConsent(user) ? 'terms' : 'active';
      await startSession(db, clock, sessions, req, reply, { userId: session.user.id, stage, challengeId: null });
      return seeOther(reply, stage === 'terms' ? '/terms' : landingFor(req, reply, user.role));
    }
    const message = result === 'wrong' ? t.otpWrong(attemptsLeft) : result === 'exhausted' ? t.otpExhausted : t.otpExpired;
    return sendHtml(reply, <OtpPage ctx={pageContext(req, reply)} errors={{ code: message }} canRetry={result === 'wrong'} remember={remember} />, 400);
  });

  routes.post('/login/otp/resend', { config: limit(routes.app.deps, 100, '10 minutes') }, async (req, reply) => {
    const session = req.session;
    if (session?.stage !== 'otp') return seeOther(reply, '/login');
    await otpResendAccountLimit(req, reply, session.user.id);
    const challengeId = await issueOneTimePassword(db, clock, session.user.id);
    await db.updateTable('sessions').set({ challenge_id: challengeId }).where('id_hash', '=', session.idHash).execute();
    return sendHtml(reply, <OtpPage ctx={pageContext(req, reply)} errors={{}} notice={accountTexts(req.lang).otpResent} canRetry remember={false} />);
  });

  routes.get('/terms', async (req, reply) => {
    if (req.session?.stage !== 'terms') return seeOther(reply, req.user ? homePathFor(req.user.role) : '/login');
    return sendHtml(reply, <TermsPage ctx={pageContext(req, reply)} errors={{}} />);
  });

  routes.post('/terms', async (req, reply) => {
    const session = req.session;
    if (session?.stage !== 'terms') return seeOther(reply, '/login');
    if (formBody(req).agree !== 'yes') {
      return sendHtml(reply, <TermsPage ctx={pageContext(req, reply)} errors={{ agree: accountTexts(req.lang).agreeRequired }} />, 400);
    }
    await acceptTerms(db, clock, session.user.id);
    await db.updateTable('sessions').set({ stage: 'active' }).where('id_hash', '=', session.idHash).execute();
    return seeOther(reply, landingFor(req, reply, session.user.role));
  });

  routes.post('/logout', async (req, reply) => {
    await endSession(db, req, reply);
    return seeOther(reply, '/login?loggedOut=1');
  });
});
