// Rate limits that hold when several processes serve the same site: the counters live in the
// database, or in Redis when REDIS_URL is set — never in one process's memory.
//
// Two kinds of limit use them. Per client address (`limit()` in a route's config): generous,
// because a city hall's help desk or a mobile carrier puts many families behind one address. Per
// subject (`subjectLimit()`): a login ID, an e-mail address or an account; these do the protecting.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { MINUTE, type Clock } from './clock.ts';
import type { Db } from './database.ts';
import type { Config } from './config.ts';
import { hashToken } from './tokens.ts';

/** A per-address rate limit for a route, scaled by the configuration (tests not about limits raise the factor). */
export function limit(deps: { config: Config }, max: number, timeWindow: string) {
  return { rateLimit: { max: Math.ceil(max * deps.config.rateLimitFactor), timeWindow } };
}

/** Expired counters are deleted at most this often by each process. */
export const SWEEP_INTERVAL_MS = 10 * MINUTE;

/**
 * Counts one hit on `key` in one statement: a new or expired counter starts a fresh window at 1,
 * a live one goes up by 1. The row lock taken by `on conflict do update` keeps concurrent hits from
 * several processes from losing counts.
 */
export async function countHit(db: Db, clock: Clock, key: string, windowMs: number): Promise<{ hits: number; resetsAt: Date }> {
  const now = clock.now();
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ key, hits: 1, resets_at: new Date(now.getTime() + windowMs) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`case when rate_limit_counters.resets_at <= ${now} then 1 else rate_limit_counters.hits + 1 end`,
        resets_at: sql`case when rate_limit_counters.resets_at <= ${now} then excluded.resets_at else rate_limit_counters.resets_at end`,
      }),
    )
    .returning(['hits', 'resets_at'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, resetsAt: row.resets_at };
}

/** Deletes counters whose window has ended; `countHit` would start them afresh anyway. */
export async function sweepRateLimitCounters(db: Db, clock: Clock): Promise<number> {
  const result = await db.deleteFrom('rate_limit_counters').where('resets_at', '<=', clock.now()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

type StoreCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit's `store` option, counting in the `rate_limit_counters` table.
 * Each route gets a child store whose keys start with the route; limits made with
 * `createRateLimit` (the per-subject ones) carry their own name in the key instead.
 */
export function postgresRateLimitStore(db: Db, clock: Clock) {
  let lastSweep = -Infinity;
  class PostgresRateLimitStore {
    constructor(
      _pluginOptions: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: StoreCallback, timeWindow: number): void {
      this.hit(key, timeWindow).then((result) => callback(null, result), (error: Error) => callback(error));
    }

    child(routeOptions: { routeInfo?: { method?: unknown; url?: unknown } }): PostgresRateLimitStore {
      const { method, url } = routeOptions.routeInfo ?? {};
      return new PostgresRateLimitStore(undefined, typeof method === 'string' && typeof url === 'string' ? `${method} ${url} ` : '');
    }

    private async hit(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
      const { hits, resetsAt } = await countHit(db, clock, this.prefix + key, timeWindow);
      const now = clock.now().getTime();
      if (now - lastSweep >= SWEEP_INTERVAL_MS) {
        lastSweep = now;
        await sweepRateLimitCounters(db, clock);
      }
      return { current: hits, ttl: Math.max(0, resetsAt.getTime() - now) };
    }
  }
  return PostgresRateLimitStore;
}

/** Where @fastify/rate-limit keeps its counters: Redis when REDIS_URL is set, else the database. */
export function sharedRateLimitStore(app: FastifyInstance): Pick<RateLimitPluginOptions, 'store' | 'redis' | 'nameSpace'> {
  const { db, clock, config } = app.deps;
  if (!config.redisUrl) return { store: postgresRateLimitStore(db, clock) as unknown as RateLimitPluginOptions['store'] };
  // Short timeouts, as the plugin's README advises: a request waits at most about a second for Redis.
  const redis = new Redis(config.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 });
  redis.on('error', (error) => app.log.warn({ err: error }, 'Redis (rate limits) is not reachable'));
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  return { redis, nameSpace: config.redisKeyPrefix };
}

/**
 * A limit on what a request is about rather than where it comes from, counted in the same shared
 * store as the per-address limits. Subjects are hashed, so no counter holds an e-mail address.
 * The returned check counts one request; over the limit it throws the error that becomes the
 * 429 page.
 */
export function subjectLimit(app: FastifyInstance, name: string, max: number, timeWindow: string) {
  const subjects = new WeakMap<FastifyRequest, string>();
  const check = app.createRateLimit({
    ...limit(app.deps, max, timeWindow).rateLimit,
    keyGenerator: (req) => `${name}:${subjects.get(req)}`,
  });
  return async (req: FastifyRequest, reply: FastifyReply, subject: string): Promise<void> => {
    subjects.set(req, hashToken(subject));
    const result = await check(req);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header('retry-after', result.ttlInSeconds);
    throw Object.assign(new Error(`too many requests for one ${name}`), { statusCode: 429 });
  };
}
