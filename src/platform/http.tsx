import type { FastifyReply, FastifyRequest } from 'fastify';
import { lastValues, safeLocalPath, type CleanFields } from './input.ts';
import type { Lang } from './i18n.ts';
import type { LoadedSession } from './session.ts';
import type { PageContext, SignedInUser } from './ui/layout.tsx';
import { MessagePage, type MessagePageKind } from './ui/pages.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    /** The session, at whatever stage of login it is. */
    session: LoadedSession | undefined;
    /** Set only when login is complete (password, one-time password, terms). */
    user: SignedInUser | undefined;
  }
}

export { safeLocalPath };

export function pageContext(req: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    lang: req.lang,
    path: req.url.split('?')[0] ?? '/',
    // A malformed URL is answered before any plugin has decorated the reply.
    csrfToken: typeof reply.generateCsrf === 'function' ? reply.generateCsrf() : '',
    user: req.user,
    showMailbox: req.server.deps.showMailbox,
  };
}

export async function sendHtml(reply: FastifyReply, html: string | Promise<string>, status = 200): Promise<FastifyReply> {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await html);
}

const statusOf: Record<MessagePageKind, number> = { notFound: 404, forbidden: 403, signedOut: 403, error: 500, csrf: 403, tooMany: 429, badRequest: 400, tooLarge: 413, unsupported: 415 };

export function sendMessagePage(req: FastifyRequest, reply: FastifyReply, kind: MessagePageKind, loginLink?: string): Promise<FastifyReply> {
  return sendHtml(reply, <MessagePage ctx={pageContext(req, reply)} kind={kind} {...(loginLink === undefined ? {} : { loginLink })} />, statusOf[kind]);
}

/** Redirect after a successful POST (303, so the browser follows with GET). */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  // Every redirect goes through the one safe-path check: a Location that could leave the site or
  // break the header is a programming error, answered with the start page rather than a crash.
  return reply.redirect(safeLocalPath(location, '/'), 303);
}

/** A form body as a flat record of strings (cleaned; the last value wins for repeated fields). */
export function formBody(req: FastifyRequest): Record<string, string> {
  // Cleaned once as it arrived (the preValidation hook in server.ts); a GET has no body.
  return lastValues((req.body ?? {}) as CleanFields);
}

/** The query string as a flat record of strings (cleaned; the last value wins). */
export function queryOf(req: FastifyRequest): Record<string, string | undefined> {
  return lastValues((req.query ?? {}) as CleanFields);
}
