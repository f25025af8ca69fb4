import Fastify, { type FastifyError, type FastifyInstance, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import type { Clock } from './clock.ts';
import type { Db } from './database.ts';
import { parseLang } from './i18n.ts';
import { SESSION_COOKIE, loadSession, type SessionSettings } from './session.ts';
import { queryOf, sendMessagePage } from './http.tsx';
import { cleanFields, safeLocalPath } from './input.ts';
import { AccessRefused, collectRouteInventory, refuseOutsiders, routeGroup } from './access.ts';
import { pathParamsAreWellFormed } from './ids.ts';
import { mailboxRoutes } from './mail/mailbox.tsx';
import type { MessagePageKind } from './ui/pages.tsx';
import { sharedRateLimitStore } from './rate-limits.ts';

export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Config;
  /** The development mailbox exists only when no SMTP server is configured, never in production. */
  showMailbox: boolean;
  sessions: SessionSettings;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** The camera (the QR scanner) and location (現在地から探す) for our own pages only; every other feature off. */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'geolocation=(self)',
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'gyroscope=()',
  'interest-cohort=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

const require = createRequire(import.meta.url);
const tokensCss = readFileSync(require.resolve('@digital-go-jp/design-tokens/dist/tokens.css'), 'utf8');
const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

export function platformDeps(db: Db, clock: Clock, config: Config, termsVersion: number): AppDeps {
  return {
    db,
    clock,
    config,
    showMailbox: !config.production && !config.smtpUrl,
    sessions: {
      idleMinutes: config.sessionIdleMinutes,
      secureCookie: config.production || config.baseUrl.startsWith('https:'),
      termsVersion,
    },
  };
}

/** Fastify's own client errors, by code, and the page that answers each. */
const CLIENT_ERRORS: Record<string, MessagePageKind> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported',
  FST_ERR_CTP_BODY_TOO_LARGE: 'tooLarge',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'badRequest',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'badRequest',
  FST_ERR_CTP_INVALID_JSON_BODY: 'badRequest',
  FST_ERR_BAD_URL: 'badRequest',
  FST_ERR_ASYNC_CONSTRAINT: 'badRequest',
};

function messageFor(error: Partial<FastifyError> & { rateLimited?: boolean }): MessagePageKind {
  if (error instanceof AccessRefused) return 'notFound';
  if (error.statusCode === 429 || error.rateLimited) return 'tooMany';
  if (error.code?.startsWith('FST_CSRF')) return 'csrf';
  const known = error.code ? CLIENT_ERRORS[error.code] : undefined;
  if (known) return known;
  if (error.statusCode === 404) return 'notFound';
  if (error.statusCode === 413) return 'tooLarge';
  if (error.statusCode === 415) return 'unsupported';
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'badRequest';
  return 'error';
}

/**
 * The platform: middleware in a fixed order (health → security → parsing → static → session →
 * access → CSRF → capabilities → 404 → errors), then each capability's route groups. The
 * composition root (src/app.ts) names the capabilities, so the platform depends on none of them.
 */
export interface ServerOptions {
  logger?: boolean;
  /** Called as each response ends (tests record which actions a route named). */
  onResponse?: (req: FastifyRequest) => void;
}

export async function buildServer(deps: AppDeps, capabilities: FastifyPluginAsync[], options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Only the listed proxies may say who the client is; anyone else could fake X-Forwarded-For.
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    requestIdHeader: 'x-request-id',
    bodyLimit: 256 * 1024,
    // A malformed URL (bad percent-encoding) gets the same page as any other bad request.
    frameworkErrors: (error, req, reply) => {
      req.lang ??= 'ja';
      return sendMessagePage(req, reply, messageFor(error));
    },
  });
  app.decorate('deps', deps);
  collectRouteInventory(app);
  const { onResponse } = options;
  if (onResponse) app.addHook('onResponse', async (req) => onResponse(req));
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });

  await app.register(
    routeGroup('public', (routes) => {
      routes.get('/health', async (_req, reply) => {
        try {
          await sql`select 1`.execute(deps.db);
          return { status: 'ok' };
        } catch {
          return reply.status(503).send({ status: 'database unavailable' });
        }
      });
    }),
  );

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(deps.sessions.secureCookie ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: deps.sessions.secureCookie,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie, { secret: deps.config.cookieSecret });
  // Forms are the only bodies Tsuen reads: JSON and text are refused (415), not half-understood.
  app.removeAllContentTypeParsers();
  await app.register(formbody);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({ statusCode: context.statusCode, rateLimited: true, message: 'rate limited' }),
    ...sharedRateLimitStore(app),
  });
  await app.register(
    routeGroup('public', async (routes) => {
      await routes.app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1h' });
      routes.get('/assets/tokens.css', (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(tokensCss));
    }),
  );

  app.decorateRequest('lang', 'ja');
  app.decorateRequest('session', undefined);
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (req, reply) => {
    req.lang = parseLang(req.cookies.lang) ?? 'ja';
    // A path whose id or token is malformed names nothing: 404 before anything reads it.
    if (!pathParamsAreWellFormed(req.params)) return sendMessagePage(req, reply, 'notFound');
    if (req.url.startsWith('/static/') || req.url.startsWith('/assets/') || req.url === '/health') return;
    const session = await loadSession(deps.db, deps.clock, deps.sessions, req.cookies[SESSION_COOKIE]);
    req.session = session;
    if (session?.stage === 'active') req.user = session.user;
  });
  app.decorateRequest('actions', null as unknown as string[]);
  app.addHook('onRequest', refuseOutsiders(refuse));
  // Query strings are cleaned as they arrive; bodies once parsed (see input.ts).
  app.addHook('preValidation', async (req) => {
    (req as { query: unknown }).query = cleanFields(req.query);
    if (req.body !== undefined) req.body = cleanFields(req.body);
  });

  await app.register(csrf, {
    cookieKey: 'tsuen_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: deps.sessions.secureCookie },
  });
  app.addHook('preValidation', (req, reply, done) => {
    // Upload routes check it themselves once their multipart body is read (uploads.ts).
    if (req.method === 'POST' && !req.routeOptions.config.csrfAfterUploads) app.csrfProtection(req, reply, done);
    else done();
  });

  // Set before the routes are registered: each plugin keeps the handler that existed when it was added.
  app.setNotFoundHandler((req, reply) => sendMessagePage(req, reply, 'notFound'));
  app.setErrorHandler(async (error: Partial<FastifyError> & { rateLimited?: boolean }, req, reply) => {
    const kind = messageFor(error);
    if (kind === 'error') req.log.error({ err: error }, 'request failed');
    return sendMessagePage(req, reply, kind);
  });

  await app.register(
    routeGroup('public', (routes) => {
      // The language switch is a plain link: it sets a preference cookie and goes back.
      routes.get('/language', async (req, reply) => {
        const query = queryOf(req);
        const lang = parseLang(query.to) ?? 'ja';
        reply.setCookie('lang', lang, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
        return reply.redirect(safeLocalPath(query.back, '/'), 303);
      });
    }),
  );
  for (const capability of capabilities) await app.register(capability);
  if (deps.showMailbox) await app.register(mailboxRoutes);

  return app;
}

/** Someone outside a route's audience: the login page for a GET without a session, else 403. */
/** The path of the page a form was sent from, when it is a page of this site. */
function refererPath(req: FastifyRequest): string | undefined {
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    if (url.hostname !== req.hostname) return undefined;
    return safeLocalPath(url.pathname + url.search, '/');
  } catch {
    return undefined;
  }
}

async function refuse(req: FastifyRequest, reply: FastifyReply, kind: 'login' | 'forbidden'): Promise<unknown> {
  if (kind === 'login') {
    // Half-way through login: the next step of login comes first.
    if (req.session) return reply.redirect(req.session.stage === 'otp' ? '/login/otp' : '/terms', 303);
    if (req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(safeLocalPath(req.url, '/'))}`, 303);
    // A form sent after the session ended: say so, and lead back through login to the form's page.
    return sendMessagePage(req, reply, 'signedOut', `/login?next=${encodeURIComponent(refererPath(req) ?? '/')}`);
  }
  return sendMessagePage(req, reply, 'forbidden');
}
