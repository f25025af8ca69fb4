import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readConfig } from '../../src/platform/config.ts';
import { appDeps, buildApp } from '../../src/app.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf, type TestResponse } from '../helpers/http.ts';
import { page } from '../helpers/page.ts';


function header(response: TestResponse, name: string): string {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

/** Directive name → its values, from a Content-Security-Policy header. */
function cspDirectives(response: TestResponse): Map<string, string[]> {
  const policy = header(response, 'content-security-policy');
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** A page meant for people: HTML in Japanese, nothing of a stack trace or an internal error code. */
function assertFriendlyJapanesePage(response: TestResponse, heading: string): void {
  assert.match(header(response, 'content-type'), /^text\/html/);
  assert.equal(page(response.body).lang(), 'ja');
  const text = textOf(response.body);
  assert.ok(text.includes(heading), `expected「${heading}」in: ${text.slice(0, 300)}`);
  // Raw body on purpose: a leak hidden in a comment or an attribute is still a leak.
  for (const leak of [/\bat .*\(.*:\d+:\d+\)/, /node_modules/, /FST_/, /Error:/, /stack/i, /"statusCode"/]) {
    assert.doesNotMatch(response.body, leak);
  }
}

describe('security and platform behaviour', () => {
  let testApp: TestApp;

  before(async () => {
    testApp = await startTestApp();
  });

  after(async () => {
    await testApp?.close();
  });

  test('pages carry a strict Content-Security-Policy and the usual security headers', async () => {
    const client = new TestClient(testApp.app);
    for (const path of ['/', '/login', '/no-such-page']) {
      const response = await client.get(path);
      const policy = header(response, 'content-security-policy');
      assert.ok(policy, `${path} has a CSP`);
      assert.ok(!policy.includes('unsafe-inline'), `${path}: ${policy}`);
      assert.ok(!policy.includes('unsafe-eval'), `${path}: ${policy}`);
      const csp = cspDirectives(response);
      assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
      assert.deepEqual(csp.get('script-src'), ["'self'"]);
      assert.deepEqual(csp.get('default-src'), ["'self'"]);
      assert.deepEqual(csp.get('object-src'), ["'none'"]);
      assert.deepEqual(csp.get('form-action'), ["'self'"]);
      assert.equal(header(response, 'x-content-type-options'), 'nosniff');
      assert.equal(header(response, 'referrer-policy'), 'same-origin');
      assert.equal(header(response, 'x-powered-by'), '');
    }
    const home = await client.get('/');
    assert.equal(home.status, 200);
    // Scripts come from files, never inline, so the policy can forbid inline script.
    const homePage = page(home.body);
    assert.deepEqual(homePage.all('script').filter((script) => !script.hasAttribute('src')), [], 'no inline script');
    const handlers = homePage.all('*').flatMap((element) => Object.keys(element.attributes).filter((name) => /^on/i.test(name)));
    assert.deepEqual(handlers, [], 'no inline event handlers');
    assert.deepEqual(homePage.all('style, [style]'), [], 'no inline style');
  });

  test('every response carries a Permissions-Policy: camera and location for our pages only, the rest off', async () => {
    const client = new TestClient(testApp.app);
    const responses = [
      await client.get('/'),
      await client.get('/login'),
      await client.get('/no-such-page'),
      await client.get('/static/geolocation.js'),
      await client.get('/assets/tokens.css'),
      await client.get('/health'),
      await client.post('/password-reset', { email: 'someone@example.jp', _csrf: 'not-the-token' }),
    ];
    for (const response of responses) {
      const directives = new Map(
        header(response, 'permissions-policy')
          .split(',')
          .map((part) => part.trim().split('=') as [string, string]),
      );
      assert.equal(directives.get('camera'), '(self)');
      assert.equal(directives.get('geolocation'), '(self)');
      for (const feature of ['microphone', 'payment', 'usb', 'interest-cohort', 'browsing-topics', 'display-capture']) {
        assert.equal(directives.get(feature), '()', `${feature} is off`);
      }
      const allowed = [...directives].filter(([, allowlist]) => allowlist !== '()').map(([feature]) => feature);
      assert.deepEqual(allowed.sort(), ['camera', 'geolocation'], `status ${response.status}`);
    }
    assert.deepEqual(responses.map((response) => response.status), [200, 200, 404, 200, 200, 200, 403]);
  });

  test('pages are not stored by caches', async () => {
    const response = await new TestClient(testApp.app).get('/login');
    assert.equal(header(response, 'cache-control'), 'no-store');
  });

  test('a POST without a valid CSRF token is refused with 403', async () => {
    // A client that never opened a form: no CSRF cookie and no token.
    const stranger = new TestClient(testApp.app);
    const refused = await stranger.post('/password-reset', { email: 'someone@example.jp' });
    assert.equal(refused.status, 403);

    // A client that opened the form (so has the secret cookie) but sends no token.
    const client = new TestClient(testApp.app);
    await client.get('/password-reset');
    assert.ok(client.csrfToken, 'the form carries a token');
    const token = client.csrfToken;
    client.csrfToken = undefined;
    const missing = await client.post('/password-reset', { email: 'someone@example.jp' });
    assert.equal(missing.status, 403);

    // … or a wrong one.
    const wrong = await client.post('/password-reset', { email: 'someone@example.jp', _csrf: 'not-the-token' });
    assert.equal(wrong.status, 403);

    // Nothing was queued by the refused requests.
    const queued = await testApp.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'someone@example.jp').execute();
    assert.equal(queued.length, 0);

    // With the token, the same request is accepted.
    client.csrfToken = token;
    const accepted = await client.post('/password-reset', { email: 'someone@example.jp' });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.location, '/password-reset/sent');
  });

  test('the CSRF refusal is a Japanese page, not JSON or a stack trace', async () => {
    const stranger = new TestClient(testApp.app);
    const refused = await stranger.post('/password-reset', { email: 'someone@example.jp' });
    assert.equal(refused.status, 403);
    assertFriendlyJapanesePage(refused, 'ページの有効期限が切れました');

    const client = new TestClient(testApp.app);
    await client.get('/password-reset');
    const wrong = await client.post('/password-reset', { email: 'someone@example.jp', _csrf: 'not-the-token' });
    assert.equal(wrong.status, 403);
    assertFriendlyJapanesePage(wrong, 'ページの有効期限が切れました');
  });

  test('a token from another client is refused', async () => {
    const alice = new TestClient(testApp.app);
    await alice.get('/password-reset');
    const bob = new TestClient(testApp.app);
    await bob.get('/password-reset');
    const response = await bob.post('/password-reset', { email: 'bob@example.jp', _csrf: alice.csrfToken ?? '' });
    assert.equal(response.status, 403);
  });

  test('the CSRF page follows the chosen language', async () => {
    const client = new TestClient(testApp.app);
    await client.get('/language?to=en&back=/');
    const refused = await client.post('/password-reset', { email: 'someone@example.jp', _csrf: 'x' });
    assert.equal(refused.status, 403);
    assert.equal(page(refused.body).lang(), 'en');
    assert.ok(textOf(refused.body).includes('This page has expired'));
  });

  test('/health answers ok', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  test('an unknown path gives a 404 page in Japanese', async () => {
    const client = new TestClient(testApp.app);
    for (const path of ['/no-such-page', '/static/no-such-file.css', '/password-reset/x/y']) {
      const response = await client.get(path);
      assert.equal(response.status, 404, path);
      assertFriendlyJapanesePage(response, 'ページが見つかりません');
    }
    const posted = await client.post('/no-such-page', {});
    assert.ok(posted.status === 404 || posted.status === 403, `POST to an unknown path: ${posted.status}`);
    assert.match(header(posted, 'content-type'), /^text\/html/);
  });

  test('the language link sets English and goes back; the login page then says Log in', async () => {
    const client = new TestClient(testApp.app);
    const before = await client.get('/login');
    assert.equal(page(before.body).lang(), 'ja');
    assert.ok(textOf(before.body).includes('ログイン'));

    const switched = await client.get('/language?to=en&back=/login');
    assert.equal(switched.status, 303);
    assert.equal(switched.location, '/login');
    assert.equal(client.cookies.get('lang'), 'en');
    assert.match(header(switched, 'set-cookie'), /lang=en;.*HttpOnly/i);

    const login = await client.follow(switched);
    assert.equal(login.status, 200);
    assert.equal(page(login.body).lang(), 'en');
    assert.ok(textOf(login.body).includes('Log in'));
    assert.ok(!textOf(login.body).includes('ログインしてください'));

    // And back to Japanese.
    const back = await client.follow(await client.get('/language?to=ja&back=/login'));
    assert.equal(page(back.body).lang(), 'ja');
  });

  test('an unknown language falls back to Japanese', async () => {
    const client = new TestClient(testApp.app);
    await client.get('/language?to=fr&back=/');
    assert.equal(client.cookies.get('lang'), 'ja');
  });

  test('the language link never leads off-site', async () => {
    const client = new TestClient(testApp.app);
    for (const back of ['//evil.example', '//evil.example/login', 'https://evil.example/', '/\\evil.example', 'evil.example', 'javascript:alert(1)']) {
      const response = await client.get(`/language?to=en&back=${encodeURIComponent(back)}`);
      assert.equal(response.status, 303, back);
      assert.equal(response.location, '/', `back=${back} went to ${response.location}`);
    }
    const missing = await client.get('/language?to=en');
    assert.equal(missing.location, '/');
  });

  test('the development mailbox exists when no SMTP server is configured', async () => {
    const response = await new TestClient(testApp.app).get('/dev/mailbox');
    assert.equal(response.status, 200);
    assert.ok(textOf(response.body).includes('開発用メールボックス'));
  });

  test('with an SMTP server configured, the mailbox route does not exist', async () => {
    const app = await buildApp(appDeps(testApp.db, testApp.clock, { ...testApp.config, smtpUrl: 'smtp://127.0.0.1:1' }));
    try {
      const client = new TestClient(app);
      for (const path of ['/dev/mailbox', '/dev/mailbox/1']) {
        const response = await client.get(path);
        assert.equal(response.status, 404, path);
        assertFriendlyJapanesePage(response, 'ページが見つかりません');
      }
      const home = await client.get('/');
      assert.equal(home.status, 200);
      assert.ok(!home.body.includes('/dev/mailbox'), 'no link to the mailbox');
    } finally {
      await app.close();
    }
  });

  test('in production the mailbox does not exist, cookies are secure and HSTS is sent', async () => {
    const config = {
      ...readConfig({
        NODE_ENV: 'production',
        BASE_URL: 'https://tsuen.example.jp',
        SMTP_URL: 'smtp://127.0.0.1:1',
        COOKIE_SECRET: 'p'.repeat(40),
        DATABASE_URL: 'postgres://unused',
      }),
    };
    const deps = appDeps(testApp.db, testApp.clock, config);
    assert.equal(deps.showMailbox, false);
    assert.equal(deps.sessions.secureCookie, true);
    const app = await buildApp(deps);
    try {
      const client = new TestClient(app);
      const login = await client.get('/login');
      assert.equal(login.status, 200);
      assert.match(header(login, 'strict-transport-security'), /max-age=\d+/);
      assert.ok(cspDirectives(login).has('upgrade-insecure-requests'));
      assert.match(header(login, 'set-cookie'), /tsuen_csrf=[^;]*;.*Secure/i);
      assert.equal((await client.get('/dev/mailbox')).status, 404);
      assert.equal((await client.get('/dev/mailbox/1')).status, 404);
    } finally {
      await app.close();
    }
  });
});
