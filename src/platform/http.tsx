import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from './database.ts';
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

export function pageContext(req: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    lang: req.lang,
    path: req.url.split('?')[0] ?? '/',
    csrfToken: reply.generateCsrf(),
    user: req.user,
    showMailbox: req.server.deps.showMailbox,
  };
}

export async function sendHtml(reply: FastifyReply, html: string | Promise<string>, status = 200): Promise<FastifyReply> {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await html);
}

const statusOf: Record<MessagePageKind, number> = { notFound: 404, forbidden: 403, error: 500, csrf: 403, tooMany: 429 };

export function sendMessagePage(req: FastifyRequest, reply: FastifyReply, kind: MessagePageKind): Promise<FastifyReply> {
  return sendHtml(reply, <MessagePage ctx={pageContext(req, reply)} kind={kind} />, statusOf[kind]);
}

/** Redirect after a successful POST (303, so the browser follows with GET). */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}

/**
 * Only signed-in users with one of these roles pass. Anyone else signed in gets 403; someone not
 * signed in is sent to the login page and brought back afterwards.
 */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async function (req, reply) {
    if (!req.user) {
      // Half-way through login: the next step of login comes first.
      if (req.session) return reply.redirect(req.session.stage === 'otp' ? '/login/otp' : '/terms', 303);
      if (req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      return sendMessagePage(req, reply, 'forbidden');
    }
    if (!roles.includes(req.user.role)) return sendMessagePage(req, reply, 'forbidden');
  };
}

/** A form body as a flat record of strings (the last value wins for repeated plain fields). */
export function formBody(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const body = (req.body ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = String(value[value.length - 1] ?? '');
  }
  return out;
}

/** Only same-site paths, so a `next` parameter cannot send people elsewhere. */
export function safeLocalPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}
