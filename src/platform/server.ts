import Fastify, { type FastifyInstance } from 'fastify';
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
import { sendMessagePage, safeLocalPath } from './http.tsx';
import { homeRoutes } from '../home/routes.tsx';
import { applicationRoutes } from '../applications/routes.tsx';
import { reviewRoutes } from '../applications/review-routes.tsx';
import { accountRoutes } from '../accounts/routes.tsx';
import { mailboxRoutes } from './mail/mailbox.tsx';
import { profileRoutes } from '../profiles/routes.tsx';
import { facilityRoutes } from '../facilities/routes.tsx';
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

export function appDeps(db: Db, clock: Clock, config: Config): AppDeps {
  return {
    db,
    clock,
    config,
    showMailbox: !config.production && !config.smtpUrl,
    sessions: {
      idleMinutes: config.sessionIdleMinutes,
      secureCookie: config.production || config.baseUrl.startsWith('https:'),
    },
  };
}

/** Middleware in a fixed order: health → security → parsing → static → session → CSRF → routes → 404 → errors. */
export async function buildApp(deps: AppDeps, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Only the listed proxies may say who the client is; anyone else could fake X-Forwarded-For.
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    requestIdHeader: 'x-request-id',
    bodyLimit: 256 * 1024,
  });
  app.decorate('deps', deps);
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });

  app.get('/health', async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
  });

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
  await app.register(formbody);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({ statusCode: context.statusCode, rateLimited: true, message: 'rate limited' }),
    ...sharedRateLimitStore(app),
  });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1h' });
  app.get('/assets/tokens.css', (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(tokensCss));

  app.decorateRequest('lang', 'ja');
  app.decorateRequest('session', undefined);
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (req) => {
    req.lang = parseLang(req.cookies.lang) ?? 'ja';
    if (req.url.startsWith('/static/') || req.url.startsWith('/assets/') || req.url === '/health') return;
    const session = await loadSession(deps.db, deps.clock, deps.sessions, req.cookies[SESSION_COOKIE]);
    req.session = session;
    if (session?.stage === 'active') req.user = session.user;
  });

  await app.register(csrf, {
    cookieKey: 'tsuen_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: deps.sessions.secureCookie },
  });
  app.addHook('preValidation', (req, reply, done) => {
    if (req.method === 'POST') app.csrfProtection(req, reply, done);
    else done();
  });

  // The language switch is a plain link: it sets a preference cookie and goes back.
  app.get('/language', async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const lang = parseLang(query.to) ?? 'ja';
    reply.setCookie('lang', lang, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
    return reply.redirect(safeLocalPath(query.back, '/'), 303);
  });

  // Set before the routes are registered: each plugin keeps the handler that existed when it was added.
  app.setNotFoundHandler((req, reply) => sendMessagePage(req, reply, 'notFound'));
  app.setErrorHandler(async (error: { statusCode?: number; code?: string; rateLimited?: boolean; message?: string }, req, reply) => {
    if (error.statusCode === 429 || error.rateLimited) return sendMessagePage(req, reply, 'tooMany');
    if (error.code?.startsWith('FST_CSRF')) return sendMessagePage(req, reply, 'csrf');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendMessagePage(req, reply, error.statusCode === 404 ? 'notFound' : 'error').then((r) => r.status(error.statusCode ?? 400));
    }
    req.log.error({ err: error }, 'request failed');
    return sendMessagePage(req, reply, 'error');
  });
  await app.register(homeRoutes);
  await app.register(applicationRoutes);
  await app.register(reviewRoutes);
  await app.register(accountRoutes);
  await app.register(profileRoutes);
  await app.register(facilityRoutes);
  if (deps.showMailbox) await app.register(mailboxRoutes);

  return app;
}

/** A rate limit scaled by the configuration (tests that are not about limits raise the factor). */
export function limit(deps: AppDeps, max: number, timeWindow: string) {
  return { rateLimit: { max: Math.ceil(max * deps.config.rateLimitFactor), timeWindow } };
}
