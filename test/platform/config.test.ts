import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { ConfigError, readConfig } from '../../src/platform/config.ts';

const SECRET = 'x'.repeat(32);

/** Whether the message names the variable as a word (DATABASE_URL does not name BASE_URL). */
function names(message: string, name: string): boolean {
  return new RegExp(`\\b${name}\\b`).test(message);
}

const production = {
  NODE_ENV: 'production',
  BASE_URL: 'https://tsuen.example.jp/',
  SMTP_URL: 'smtp://mail.example.jp:587',
  COOKIE_SECRET: SECRET,
  DATABASE_URL: 'postgres://tsuen@db.example.jp/tsuen',
};

describe('readConfig in production', () => {
  test('starts with everything set', () => {
    const config = readConfig({ ...production });
    assert.equal(config.production, true);
    assert.equal(config.baseUrl, 'https://tsuen.example.jp'); // the trailing slash goes
    assert.equal(config.smtpUrl, 'smtp://mail.example.jp:587');
    assert.equal(config.cookieSecret, SECRET);
    assert.equal(config.databaseUrl, 'postgres://tsuen@db.example.jp/tsuen');
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.port, 3000);
  });

  test('refuses to start without any of the four, naming them all', () => {
    assert.throws(
      () => readConfig({ NODE_ENV: 'production' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const name of ['BASE_URL', 'SMTP_URL', 'COOKIE_SECRET', 'DATABASE_URL']) {
          assert.ok(names(error.message, name), `${name} in: ${error.message}`);
        }
        return true;
      },
    );
  });

  for (const name of ['BASE_URL', 'SMTP_URL', 'COOKIE_SECRET', 'DATABASE_URL'] as const) {
    test(`refuses to start without ${name}, and names only that one`, () => {
      const env: NodeJS.ProcessEnv = { ...production };
      delete env[name];
      assert.throws(
        () => readConfig(env),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.ok(names(error.message, name), error.message);
          for (const other of ['BASE_URL', 'SMTP_URL', 'COOKIE_SECRET', 'DATABASE_URL'].filter((n) => n !== name)) {
            assert.ok(!names(error.message, other), `${other} should not be named: ${error.message}`);
          }
          return true;
        },
      );
    });

    test(`an empty ${name} counts as missing`, () => {
      assert.throws(() => readConfig({ ...production, [name]: '' }), (error: unknown) => error instanceof ConfigError && names(error.message, name));
    });
  }

  test('a short COOKIE_SECRET is refused', () => {
    assert.throws(
      () => readConfig({ ...production, COOKIE_SECRET: 'x'.repeat(31) }),
      (error: unknown) => error instanceof ConfigError && /COOKIE_SECRET/.test(error.message) && /32/.test(error.message),
    );
    assert.equal(readConfig({ ...production, COOKIE_SECRET: 'y'.repeat(32) }).cookieSecret, 'y'.repeat(32));
  });

  test('HOST, PORT, MAIL_FROM and SESSION_IDLE_MINUTES are read', () => {
    const config = readConfig({
      ...production,
      HOST: '127.0.0.1',
      PORT: '8080',
      MAIL_FROM: 'Ojiya <noreply@ojiya.example.jp>',
      SESSION_IDLE_MINUTES: '15',
    });
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8080);
    assert.equal(config.mailFrom, 'Ojiya <noreply@ojiya.example.jp>');
    assert.equal(config.sessionIdleMinutes, 15);
  });
});

describe('readConfig in development', () => {
  test('the defaults work with an empty environment', () => {
    const config = readConfig({});
    assert.equal(config.production, false);
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.dataDir, './data');
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.mailFrom, 'Tsuen <no-reply@tsuen.example.jp>');
    assert.ok(config.cookieSecret.length >= 32);
    assert.equal(config.sessionIdleMinutes, 30);
    assert.equal(config.rateLimitFactor, 1);
    assert.equal(config.seedFacilities, 0);
    assert.ok(config.loginFailureDelayMs > 0);
  });

  test('NODE_ENV=development and test are not production', () => {
    assert.equal(readConfig({ NODE_ENV: 'development' }).production, false);
    assert.equal(readConfig({ NODE_ENV: 'test' }).production, false);
  });

  test('the default base URL follows PORT', () => {
    assert.equal(readConfig({ PORT: '4000' }).baseUrl, 'http://localhost:4000');
    assert.equal(readConfig({ PORT: '4000' }).port, 4000);
  });

  test('a short COOKIE_SECRET is allowed outside production', () => {
    assert.equal(readConfig({ COOKIE_SECRET: 'short' }).cookieSecret, 'short');
  });

  test('values given are used', () => {
    const config = readConfig({
      BASE_URL: 'http://127.0.0.1:5000/',
      SMTP_URL: 'smtp://127.0.0.1:1025',
      DATABASE_URL: 'postgres://localhost/tsuen',
      DATA_DIR: '/tmp/tsuen-data',
      SEED_FACILITIES: '2500',
    });
    assert.equal(config.baseUrl, 'http://127.0.0.1:5000');
    assert.equal(config.smtpUrl, 'smtp://127.0.0.1:1025');
    assert.equal(config.databaseUrl, 'postgres://localhost/tsuen');
    assert.equal(config.dataDir, '/tmp/tsuen-data');
    assert.equal(config.seedFacilities, 2500);
  });

  test('an empty SMTP_URL or DATABASE_URL means none', () => {
    const config = readConfig({ SMTP_URL: '', DATABASE_URL: '' });
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.databaseUrl, undefined);
  });

  test('reads process.env when no environment is given', () => {
    const saved = process.env.MAIL_FROM;
    process.env.MAIL_FROM = 'Process <env@example.jp>';
    try {
      assert.equal(readConfig().mailFrom, 'Process <env@example.jp>');
    } finally {
      if (saved === undefined) delete process.env.MAIL_FROM;
      else process.env.MAIL_FROM = saved;
    }
  });
});

describe('TRUST_PROXY and REDIS_URL', () => {
  test('no proxy is trusted unless named, in production too', () => {
    assert.deepEqual(readConfig({}).trustProxy, []);
    assert.deepEqual(readConfig({ ...production }).trustProxy, []);
    assert.deepEqual(readConfig({ TRUST_PROXY: '' }).trustProxy, []);
  });

  test('addresses, CIDR ranges and proxy-addr names are read, separated by commas or spaces', () => {
    const config = readConfig({ ...production, TRUST_PROXY: '10.0.0.5, 192.168.0.0/16 fd00::/8,::1,loopback' });
    assert.deepEqual(config.trustProxy, ['10.0.0.5', '192.168.0.0/16', 'fd00::/8', '::1', 'loopback']);
    // Fastify (proxy-addr) takes the same list.
    const app = Fastify({ trustProxy: config.trustProxy });
    assert.ok(app);
  });

  for (const wrong of ['proxy.example.jp', '0.0.0.0/0', '::/0', '10.0.0.0/33', '10.0.0.0/x', '::1/129', '10.0.0.1/8/8', 'true', '*']) {
    test(`TRUST_PROXY=${wrong} stops start-up with a message naming it`, () => {
      assert.throws(
        () => readConfig({ TRUST_PROXY: wrong }),
        (error: unknown) => error instanceof ConfigError && names(error.message, 'TRUST_PROXY') && error.message.includes(`"${wrong}"`),
      );
    });
  }

  test('REDIS_URL is read; without it (or empty) the counters stay in the database', () => {
    assert.equal(readConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl, 'redis://127.0.0.1:6379');
    assert.equal(readConfig({}).redisUrl, undefined);
    assert.equal(readConfig({ REDIS_URL: '' }).redisUrl, undefined);
  });
});
