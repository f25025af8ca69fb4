// The root fixes for bad input, each in its one place: text cleaning, same-site redirects, ids,
// and the pages for Fastify's own client errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cleanFields, cleanText, safeLocalPath } from '../../src/platform/input.ts';
import { parseId, pathParamsAreWellFormed } from '../../src/platform/ids.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { page as parsed } from '../helpers/page.ts';

describe('cleanText', () => {
  test('removes NUL and control characters but keeps tabs and line breaks', () => {
    assert.equal(cleanText('a\u0000b\u0007c\u001b\u007f\u0085d'), 'abcd');
    assert.equal(cleanText('line\r\nnext\tcell'), 'line\r\nnext\tcell');
  });
  test('replaces lone surrogates, keeps pairs', () => {
    assert.equal(cleanText('x\ud800y\udfffz'), 'x\ufffdy\ufffdz');
    assert.equal(cleanText('𠮷野家'), '𠮷野家');
  });
  test('never normalises names: variation selectors, half-width kana and compatibility characters stay', () => {
    for (const name of ['葛󠄀城', '髙橋', 'ﾊﾅｺ', '①', 'ｱｲ\u3099']) assert.equal(cleanText(name), name);
  });
  test('cleanFields keeps strings and arrays of strings, drops anything else', () => {
    assert.deepEqual(cleanFields({ a: 'x\u0000', b: ['1', 2, '3\u0000'], c: { d: 'e' } }), { a: 'x', b: ['1', '3'] });
    assert.deepEqual(cleanFields(null), {});
  });
});

describe('safeLocalPath', () => {
  test('keeps paths on this site, percent-encoded', () => {
    assert.equal(safeLocalPath('/facilities/area?prefecture=15', '/'), '/facilities/area?prefecture=15');
    assert.equal(safeLocalPath('/ログイン?q=あ', '/'), '/%E3%83%AD%E3%82%B0%E3%82%A4%E3%83%B3?q=%E3%81%82');
  });
  test('refuses everything that could leave the site or break the header', () => {
    for (const bad of ['//evil.example', '/\\evil.example', '\\\\evil', '/\t/evil.example', '/\n/evil.example', 'https://evil.example/', 'javascript:alert(1)', 'evil', '', '/a\u0000b', '/a\r\nSet-Cookie: x=1', ' /x', 42, undefined]) {
      assert.equal(safeLocalPath(bad, '/fallback'), '/fallback', JSON.stringify(bad));
    }
  });
});

describe('ids', () => {
  test('parseId takes UUIDs only', () => {
    assert.equal(parseId('6F1B2A34-0000-4000-8000-000000000000'), '6f1b2a34-0000-4000-8000-000000000000');
    for (const bad of ['6f1b2a34-0000-4000-8000-00000000000g', '6f1b2a34000040008000000000000000', '', ' 6f1b2a34-0000-4000-8000-000000000000', null]) assert.equal(parseId(bad), undefined);
  });
  test('path parameters are checked by name', () => {
    assert.equal(pathParamsAreWellFormed({ childId: 'x' }), false);
    assert.equal(pathParamsAreWellFormed({ token: 'short' }), false);
    assert.equal(pathParamsAreWellFormed({ token: 'a'.repeat(43) }), true);
    assert.equal(pathParamsAreWellFormed({ '*': 'styles.css' }), true);
  });
});

describe("Fastify's own client errors get pages, never a 500", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  async function postRaw(contentType: string, payload: string | Buffer) {
    const client = new TestClient(app.app);
    await client.get('/login');
    return app.app.inject({ method: 'POST', url: '/login', headers: { cookie: client.cookieHeader(), 'content-type': contentType }, payload });
  }

  test('JSON (well-formed or not) and plain text are refused as unsupported (415)', async () => {
    for (const [type, body] of [['application/json', '{"email": ['], ['application/json', '{"email":"a@b.jp"}'], ['text/plain', 'email=a'], ['application/xml', '<a/>']] as const) {
      const res = await postRaw(type, body);
      assert.equal(res.statusCode, 415, type);
      assert.match(textOf(res.body), /この形式の送信は受け付けていません/);
    }
  });

  test('a body over the limit is 413 with a page', async () => {
    const res = await postRaw('application/x-www-form-urlencoded', `email=${'a'.repeat(300 * 1024)}`);
    assert.equal(res.statusCode, 413);
    assert.match(textOf(res.body), /送信された内容が大きすぎます/);
  });

  test('bad percent-encoding in the URL is 400 with a page', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/facilities/%E0%A4%A' });
    assert.ok(res.statusCode === 400 || res.statusCode === 404, String(res.statusCode));
    assert.match(res.headers['content-type'] as string, /text\/html/);
  });

  test('NUL in a query and in a form field reaches no database', async () => {
    const client = new TestClient(app.app);
    assert.equal((await client.get('/apply?prefecture=%00')).status < 500, true);
    await client.get('/login');
    const res = await client.post('/login', { email: 'a\u0000@example.jp', password: 'x\u0000y' });
    assert.equal(res.status, 400);
  });

  test("a login's `next` that would leave the site or break the header is dropped", async () => {
    const client = new TestClient(app.app);
    for (const next of ['//evil.example/', '/\t/evil.example', '/ログイン\r\n']) {
      const page = await client.get(`/login?next=${encodeURIComponent(next)}`);
      assert.equal(page.status, 200);
      const shown = parsed(page.body);
      const attributeValues = shown.all('*').flatMap((element) => Object.values(element.attributes));
      assert.ok(!attributeValues.some((value) => value.includes('evil.example')), `${JSON.stringify(next)} is in no link or field`);
      assert.ok(!shown.text().includes('evil.example'));
    }
  });
});
