// 利用マニュアル: every page is served in both languages; every picture it shows exists in
// public/manual/ and is served; every figure the manual lists is shown and is captured by a
// browser walk of the guide under the name given (so a walk that renames or drops a screen fails
// here instead of leaving the manual with a stale picture); and no picture lies there unused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient } from '../helpers/http.ts';
import { page } from '../helpers/page.ts';
import { GUARDIAN_STEPS, MANUAL_FIGURES, ROLES, type FigureName } from '../../src/support/manual.ts';
import { FIGURE_DIR, figureSize } from '../../src/support/figures.ts';

const BROWSER_DIR = fileURLToPath(new URL('../browser/', import.meta.url));

const PAGES = ['/support', '/support/manual', ...ROLES.map((r) => `/support/manual/${r}`), ...GUARDIAN_STEPS.map((s) => `/support/manual/guardian/${s}`)];

let t: TestApp;
/** Every image source on every manual page, in both languages. */
const shown = new Set<string>();

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('the manual pages', () => {
  for (const lang of ['ja', 'en'] as const) {
    test(`every page answers in ${lang}, with a heading and its pictures described`, async () => {
      const client = new TestClient(t.app);
      client.cookies.set('lang', lang);
      for (const path of PAGES) {
        const res = await client.get(path);
        assert.equal(res.status, 200, path);
        const p = page(res.body);
        assert.equal(p.lang(), lang, path);
        assert.ok(p.heading(), `${path} has a heading`);
        for (const img of p.all('main img')) {
          const src = img.getAttribute('src') ?? '';
          assert.ok((img.getAttribute('alt') ?? '').length > 0, `${src} on ${path} has a text alternative`);
          assert.ok(img.getAttribute('width') && img.getAttribute('height'), `${src} on ${path} has its size`);
          shown.add(src);
        }
      }
    });
  }

  test('the guardian pages follow the guide: nine steps, each leading to the next', async () => {
    const client = new TestClient(t.app);
    const index = page((await client.get('/support/manual/guardian')).body);
    assert.deepEqual(
      index.all('ol.manual-toc > li > a').map((a) => a.getAttribute('href')),
      GUARDIAN_STEPS.map((s) => `/support/manual/guardian/${s}`),
    );
    const first = page((await client.get('/support/manual/guardian/1')).body);
    assert.equal(first.heading(), '手順1 はじめての利用申請');
    assert.deepEqual(first.all('a[rel=next]').map((a) => a.getAttribute('href')), ['/support/manual/guardian/2']);
    assert.equal(first.all('a[rel=prev]').length, 0);
    const last = page((await client.get('/support/manual/guardian/9')).body);
    assert.equal(last.heading(), '手順9 システム操作に関するお問い合わせ');
    assert.equal(last.all('a[rel=next]').length, 0);
    // The guide's own words for the steps no walk shows yet.
    assert.match(page((await client.get('/support/manual/guardian/8')).body).text(), /お迎えが30分以上遅れた場合、1時間分の追加料金が発生します/);
  });

  test('an unknown role or step is not found', async () => {
    const client = new TestClient(t.app);
    for (const path of ['/support/manual/parent', '/support/manual/guardian/0', '/support/manual/guardian/10', '/support/manual/guardian/1a', '/support/manual/guardian/%E4%B8%80']) {
      assert.equal((await client.get(path)).status, 404, path);
    }
  });
});

describe('the pictures', () => {
  test('every picture shown exists in public/manual/ and is served as a PNG', async () => {
    assert.ok(shown.size > 0, 'the pages were read first');
    const client = new TestClient(t.app);
    for (const src of shown) {
      const match = /^\/static\/manual\/([a-z0-9-]+)\.png$/.exec(src);
      assert.ok(match, `${src} is one of the manual's pictures`);
      assert.ok(existsSync(`${FIGURE_DIR}${match[1]}.png`), `${src} exists`);
      const res = await client.get(src);
      assert.equal(res.status, 200, src);
      assert.match(String(res.headers['content-type']), /^image\/png/);
    }
  });

  test('every figure listed is shown, has its file, and lies at its size (phones 390 CSS pixels wide, desktops 1280)', () => {
    for (const name of Object.keys(MANUAL_FIGURES) as FigureName[]) {
      assert.ok(shown.has(`/static/manual/${name}.png`), `${name} is shown on a manual page`);
      const size = figureSize(name);
      assert.ok(size, `public/manual/${name}.png exists (run the browser walk of step ${MANUAL_FIGURES[name].step})`);
      assert.equal(size.width, MANUAL_FIGURES[name].device === 'phone' ? 390 : 1280, name);
    }
  });

  test('no picture lies in public/manual/ unused', () => {
    const files = readdirSync(FIGURE_DIR).filter((f) => !f.startsWith('.'));
    assert.deepEqual(
      files.filter((f) => !Object.hasOwn(MANUAL_FIGURES, f.replace(/\.png$/, ''))),
      [],
    );
  });

  test('every figure is captured by a browser walk of its step, under the name the manual gives', () => {
    const walks = readdirSync(BROWSER_DIR)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => ({ file: f, source: readFileSync(`${BROWSER_DIR}${f}`, 'utf8') }));
    for (const [name, figure] of Object.entries(MANUAL_FIGURES)) {
      // The walk of the step: walkGuide(t, N, …), or one covering several steps that names it in capture(…, N).
      const walk = walks.filter((w) => new RegExp(`walkGuide\\(t, ${figure.step},`).test(w.source) || new RegExp(`, ${figure.step}\\)`).test(w.source));
      // Screens named by the visitor's helpers: <who>-login / -otp / -terms, <shot>-mail / -mailbox.
      const stem = figure.shot.replace(/-(login|otp|terms|mail|mailbox)$/, '');
      const quoted = [`'${figure.shot}'`, `'${stem}'`];
      assert.ok(
        walk.some((w) => quoted.some((q) => w.source.includes(q))),
        `${name}: no walk of step ${figure.step} captures '${figure.shot}' (test/browser/)`,
      );
    }
  });
});
