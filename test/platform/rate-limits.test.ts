// Per-address rate limits: counted in the database (or Redis) so that several app processes share
// them, and keyed by the real client address — X-Forwarded-For counts only from TRUST_PROXY.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { MINUTE } from '../../src/platform/clock.ts';
import { readConfig, type Config } from '../../src/platform/config.ts';
import { SWEEP_INTERVAL_MS, countHit, sweepRateLimitCounters } from '../../src/platform/rate-limits.ts';
import { PERMISSIONS_POLICY } from '../../src/platform/server.ts';
import { appDeps, buildApp } from '../../src/app.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf, type TestResponse } from '../helpers/http.ts';
import { mailsTo } from '../helpers/mail.ts';
import { page } from '../helpers/page.ts';

/** POST /password-reset allows this many requests per address in 10 minutes (src/accounts/routes.tsx). */
const RESET_REQUESTS_PER_ADDRESS = 100;

let t: TestApp;
before(async () => {
  t = await startTestApp({ rateLimitFactor: 1 });
});
after(() => t.close());

/** Another app process on the same database and clock. */
async function anotherApp(config: Partial<Config>): Promise<FastifyInstance> {
  const app = await buildApp(appDeps(t.db, t.clock, { ...t.config, ...config }));
  await app.ready();
  return app;
}

/** A client that has opened the reset form (for its CSRF cookie and token). */
async function resetFormClient(app: FastifyInstance, remoteAddress?: string): Promise<TestClient> {
  const client = new TestClient(app);
  client.remoteAddress = remoteAddress;
  assert.equal((await client.get('/password-reset')).status, 200);
  return client;
}

/** Posts the reset form through `app` with `client`'s cookies and token (apps share the cookie secret). */
async function askReset(app: FastifyInstance, client: TestClient, email: string, headers: Record<string, string> = {}, remoteAddress?: string): Promise<number> {
  const response = await app.inject({
    method: 'POST',
    url: '/password-reset',
    remoteAddress: remoteAddress ?? client.remoteAddress ?? '127.0.0.1',
    headers: { cookie: client.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ email, _csrf: client.csrfToken ?? '' }).toString(),
  });
  return response.statusCode;
}

/** Uses up the reset allowance of `remoteAddress` on the test app; returns the refused next request. */
async function reachResetLimit(remoteAddress: string): Promise<TestResponse> {
  const client = await resetFormClient(t.app, remoteAddress);
  for (let i = 1; i <= RESET_REQUESTS_PER_ADDRESS; i += 1) {
    assert.equal((await client.post('/password-reset', { email: `family${i}@example.jp` })).status, 303, `request ${i}`);
  }
  return client.post('/password-reset', { email: 'nobody@example.jp' });
}

function header(response: TestResponse, name: string): string {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

describe('per-address limits', () => {
  test(`${RESET_REQUESTS_PER_ADDRESS} reset requests from one address pass (a help desk), the next is answered 429`, async () => {
    const client = await resetFormClient(t.app);
    for (let i = 1; i <= RESET_REQUESTS_PER_ADDRESS; i += 1) {
      assert.equal((await client.post('/password-reset', { email: `family${i}@example.jp` })).status, 303, `request ${i}`);
    }
    const limited = await client.post('/password-reset', { email: 'city-staff@ojiya.example.jp' });
    assert.equal(limited.status, 429);
    assert.equal((await mailsTo(t.db, 'city-staff@ojiya.example.jp')).length, 0, 'the refused request queued nothing');
    assert.ok(Number(header(limited, 'retry-after')) > 0);
    // Reading pages is not limited.
    assert.equal((await client.get('/password-reset')).status, 200);
  });

  test('the 429 answer is a friendly Japanese page with the usual headers', async () => {
    const limited = await reachResetLimit('198.51.100.10');
    assert.equal(limited.status, 429);
    assert.match(header(limited, 'content-type'), /^text\/html/);
    assert.equal(page(limited.body).lang(), 'ja');
    assert.ok(page(limited.body).text().includes('操作が続いたため、一時的に受け付けを止めています'));
    // Raw body on purpose: internals must not leak anywhere, comments and attributes included.
    assert.doesNotMatch(limited.body, /"statusCode"|node_modules|Error:/);
    assert.ok(header(limited, 'content-security-policy').includes("frame-ancestors 'none'"));
    assert.equal(header(limited, 'permissions-policy'), PERMISSIONS_POLICY);
  });

  test('without TRUST_PROXY a changed X-Forwarded-For does not reset the limit, in production either', async () => {
    const address = '198.51.100.11';
    await reachResetLimit(address);
    const client = await resetFormClient(t.app, address);
    assert.equal(await askReset(t.app, client, 'other@example.jp', { 'x-forwarded-for': '203.0.113.9' }), 429);
    const production = await anotherApp({
      ...readConfig({ NODE_ENV: 'production', BASE_URL: 'https://tsuen.example.jp', SMTP_URL: 'smtp://127.0.0.1:1', COOKIE_SECRET: t.config.cookieSecret.padEnd(32, 'x'), DATABASE_URL: 'postgres://unused' }),
      rateLimitFactor: 1,
    });
    try {
      const productionClient = await resetFormClient(production, address);
      assert.equal(await askReset(production, productionClient, 'other@example.jp', { 'x-forwarded-for': '203.0.113.9' }), 429);
    } finally {
      await production.close();
    }
    // A really different address has its own count.
    assert.equal(await askReset(t.app, client, 'other@example.jp', {}, '198.51.100.7'), 303);
  });

  test('with TRUST_PROXY=127.0.0.1 the forwarded address is counted, and only from that proxy', async () => {
    const proxied = await anotherApp({ trustProxy: readConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy, rateLimitFactor: 0.05 });
    try {
      const max = Math.ceil(RESET_REQUESTS_PER_ADDRESS * 0.05);
      const client = await resetFormClient(proxied);
      // Behind the proxy each family counts apart, whatever the proxy's own count.
      for (let i = 1; i <= max; i += 1) {
        assert.equal(await askReset(proxied, client, `proxied${i}@example.jp`, { 'x-forwarded-for': '203.0.113.20' }), 303, `request ${i}`);
      }
      assert.equal(await askReset(proxied, client, 'proxied@example.jp', { 'x-forwarded-for': '203.0.113.20' }), 429);
      assert.equal(await askReset(proxied, client, 'proxied@example.jp', { 'x-forwarded-for': '203.0.113.21' }), 303);
      // A client behind a proxy that appends the real address cannot hide behind a made-up first entry.
      assert.equal(await askReset(proxied, client, 'proxied@example.jp', { 'x-forwarded-for': '192.0.2.1, 203.0.113.20' }), 429);

      // Straight from an address that is not the proxy, the header is ignored.
      for (let i = 1; i <= max; i += 1) {
        assert.equal(await askReset(proxied, client, `direct${i}@example.jp`, { 'x-forwarded-for': `203.0.113.${100 + i}` }, '198.51.100.30'), 303);
      }
      assert.equal(await askReset(proxied, client, 'direct@example.jp', { 'x-forwarded-for': '203.0.113.99' }, '198.51.100.30'), 429);
    } finally {
      await proxied.close();
    }
  });
});

describe('counters shared by several processes (PostgreSQL)', () => {
  test('two app instances on one database share a counter', async () => {
    const first = await anotherApp({ rateLimitFactor: 0.05 });
    const second = await anotherApp({ rateLimitFactor: 0.05 });
    try {
      const max = Math.ceil(RESET_REQUESTS_PER_ADDRESS * 0.05);
      const client = await resetFormClient(first, '198.51.100.50');
      const apps = [first, second];
      for (let i = 0; i < max; i += 1) {
        assert.equal(await askReset(apps[i % 2] as FastifyInstance, client, `shared${i}@example.jp`), 303, `request ${i + 1}`);
      }
      assert.equal(await askReset(second, client, 'shared@example.jp'), 429);
      assert.equal(await askReset(first, client, 'shared@example.jp'), 429);

      // At the same moment, spread over both: no count is lost between them.
      const burst = await resetFormClient(first, '198.51.100.51');
      const answers = await Promise.all(
        Array.from({ length: 3 * max }, (_, i) => askReset(apps[i % 2] as FastifyInstance, burst, `burst${i}@example.jp`)),
      );
      assert.equal(answers.filter((status) => status === 303).length, max, `answers: ${answers.join(' ')}`);
      assert.equal(answers.filter((status) => status === 429).length, 2 * max);

      const row = await t.db.selectFrom('rate_limit_counters').selectAll().where('key', '=', 'POST /password-reset 198.51.100.51').executeTakeFirstOrThrow();
      assert.equal(row.hits, 3 * max);
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('a window ends after its time and the count starts again', async () => {
    const window = 10 * MINUTE;
    assert.equal((await countHit(t.db, t.clock, 'test:window', window)).hits, 1);
    t.clock.advance(window - 1000);
    const second = await countHit(t.db, t.clock, 'test:window', window);
    assert.equal(second.hits, 2);
    assert.equal(second.resetsAt.getTime() - t.clock.now().getTime(), 1000, 'the window is not extended by hits');
    t.clock.advance(1000);
    assert.equal((await countHit(t.db, t.clock, 'test:window', window)).hits, 1);
  });

  test('expired counters are deleted; the store does it by itself now and then', async () => {
    await countHit(t.db, t.clock, 'test:short', MINUTE);
    await countHit(t.db, t.clock, 'test:long', 60 * MINUTE);
    t.clock.advance(MINUTE);
    assert.equal(await sweepRateLimitCounters(t.db, t.clock) >= 1, true);
    const keys = (await t.db.selectFrom('rate_limit_counters').select('key').where('key', 'like', 'test:%').execute()).map((row) => row.key);
    assert.ok(!keys.includes('test:short'));
    assert.ok(keys.includes('test:long'));

    await countHit(t.db, t.clock, 'test:stale', MINUTE);
    t.clock.advance(SWEEP_INTERVAL_MS);
    const client = await resetFormClient(t.app, '198.51.100.60');
    assert.equal(await askReset(t.app, client, 'sweep@example.jp'), 303);
    const stale = await t.db.selectFrom('rate_limit_counters').select('key').where('key', '=', 'test:stale').executeTakeFirst();
    assert.equal(stale, undefined, 'a request after the sweep interval removed the expired counter');
  });
});

describe('REDIS_URL pointing at no Redis', () => {
  test('limited requests get the error page instead of going through uncounted; other pages work', async () => {
    // A port nobody listens on: taken from the system, then let go.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const app = await anotherApp({ redisUrl: `redis://127.0.0.1:${port}` });
    try {
      const client = await resetFormClient(app, '198.51.100.90');
      const refused = await client.post('/password-reset', { email: 'city-staff@ojiya.example.jp' });
      assert.equal(refused.status, 500);
      assert.ok(textOf(refused.body).includes('ただいま処理できません'));
      // Raw body on purpose: internals must not leak anywhere, comments and attributes included.
      assert.doesNotMatch(refused.body, /ECONNREFUSED|node_modules|Error:/);
      assert.equal((await mailsTo(t.db, 'city-staff@ojiya.example.jp')).length, 0, 'nothing was done uncounted');
      assert.equal((await client.get('/login')).status, 200);
    } finally {
      await app.close();
    }
  });
});

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Why the Redis tests cannot run here, or undefined when Redis answers. */
async function redisUnavailable(): Promise<string | undefined> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return `Redis is not reachable at ${REDIS_URL} (${(error as Error).message}); set REDIS_URL or start redis-server`;
  } finally {
    probe.disconnect();
  }
}

describe('counters shared by several processes (Redis, with REDIS_URL)', { skip: await redisUnavailable() }, () => {
  // Each run counts under its own prefix, so runs (and the PostgreSQL run beside this one) never meet.
  const prefix = `tsuen-test-${process.pid}-${randomBytes(4).toString('hex')}-`;
  const redis = new Redis(REDIS_URL);

  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  test('two app instances with REDIS_URL share a counter kept in Redis', async () => {
    const first = await anotherApp({ redisUrl: REDIS_URL, redisKeyPrefix: prefix, rateLimitFactor: 0.05 });
    const second = await anotherApp({ redisUrl: REDIS_URL, redisKeyPrefix: prefix, rateLimitFactor: 0.05 });
    try {
      const max = Math.ceil(RESET_REQUESTS_PER_ADDRESS * 0.05);
      const client = await resetFormClient(first, '198.51.100.70');
      const apps = [first, second];
      for (let i = 0; i < max; i += 1) {
        assert.equal(await askReset(apps[i % 2] as FastifyInstance, client, `redis${i}@example.jp`), 303, `request ${i + 1}`);
      }
      assert.equal(await askReset(second, client, 'redis@example.jp'), 429);
      assert.equal(await askReset(first, client, 'redis@example.jp'), 429);

      assert.equal(Number(await redis.get(`${prefix}POST/password-reset-198.51.100.70`)), max + 2);
      const inDatabase = await t.db.selectFrom('rate_limit_counters').select('key').where('key', 'like', '%198.51.100.70').execute();
      assert.deepEqual(inDatabase, [], 'nothing was counted in the database');

      // The per-e-mail limits use Redis too (5 reset mails an hour, scaled to 1 here).
      const elsewhere = await resetFormClient(second, '198.51.100.71');
      assert.equal(await askReset(second, elsewhere, 'redis-subject@example.jp'), 303);
      assert.equal(await askReset(first, elsewhere, 'redis-subject@example.jp', {}, '198.51.100.72'), 429);
      assert.ok((await redis.keys(`${prefix}*reset-mail:*`)).length >= 1);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
