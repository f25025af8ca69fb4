// The parsed-page helper reads what the real pages show.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient } from '../helpers/http.ts';
import { page } from '../helpers/page.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t?.close());

test('heading, field values, field messages and the error summary of a re-shown form', async () => {
  const client = new TestClient(t.app);
  await client.get('/login');
  const res = await client.post('/login', { email: 'not-an-address<b>', password: '' });
  const p = page(res.body);
  assert.equal(p.heading(), 'ログイン');
  assert.equal(p.field('email')?.value, 'not-an-address<b>');
  assert.equal(p.field('email')?.invalid, true);
  assert.match(p.field('email')?.error ?? '', /メールアドレス/);
  assert.equal(p.errorSummary().length, 2);
  assert.deepEqual(p.formFields('/login').sort(), ['email', 'next', 'password'].sort());
});
