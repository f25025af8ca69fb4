// Guide step 1 (利用申請) over HTTP: choosing the municipality, the mailed link, the form with its
// checks, the check-your-answers page, submission, and every way a link can fail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOUR } from '../../src/platform/clock.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { lastMailTo, mailsTo } from '../helpers/mail.ts';
import { page as parsed } from '../helpers/page.ts';
import { NAGAOKA, OJIYA, applicationFields, applyFor, firstFacilityId, requestApplicationLink } from '../helpers/journeys.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('choosing the municipality', () => {
  test('the start page leads to the application', async () => {
    const page = await new TestClient(t.app).get('/');
    assert.equal(page.status, 200);
    assert.ok(parsed(page.body).linksTo('まずは利用申請から！').includes('/apply'));
  });

  test('a prefecture lists only the municipalities registered in the system', async () => {
    const client = new TestClient(t.app);
    const start = await client.get('/apply');
    const prefectures = parsed(start.body).all('option').filter((option) => /^\d+$/.test(option.getAttribute('value') ?? ''));
    assert.equal(prefectures.length, 47, 'all 47 prefectures are offered');
    const niigata = textOf((await client.get('/apply?prefecture=15')).body);
    assert.match(niigata, /小千谷市/);
    assert.match(niigata, /長岡市/);
    const tokyo = textOf((await client.get('/apply?prefecture=13')).body);
    assert.match(tokyo, /まだつうえんで申請できる市区町村がありません/);
  });

  test('choosing a prefecture fills the municipality list at once (public/places.js); the button stays for no JavaScript', async () => {
    const client = new TestClient(t.app);
    const start = parsed((await client.get('/apply')).body);
    assert.ok(start.find('script[type="module"][src="/static/places.js"]'));
    const prefectureForm = start.find('form[method="get"][action="/apply"][data-places-prefecture]');
    assert.ok(prefectureForm?.getAttribute('data-list-shown')?.startsWith('市区町村の一覧を表示しました。'));
    assert.ok(prefectureForm?.querySelector('button[type="submit"]')?.textContent.trim().startsWith('市区町村を表示'));
    assert.equal(start.find('[data-places-municipalities]')?.innerHTML, '');
    // The script takes the list from the page the button loads: it must hold it in the same place.
    const niigata = await client.get('/apply?prefecture=15');
    const municipalityForm = parsed(niigata.body).find('[data-places-municipalities] > form[method="get"][action="/apply/email"]');
    assert.ok(municipalityForm?.querySelector('[name="municipality"]'));
    const script = await client.get('/static/places.js');
    assert.equal(script.status, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    // The script is JavaScript, not a page: its source is what there is to read.
    assert.match(script.body, /data-places-municipalities/);
    assert.match(script.body, /form\.submit\(\)/, 'falls back to sending the form when the list cannot be fetched');
  });

  test('確認する without a municipality is re-asked with a message', async () => {
    const page = await new TestClient(t.app).get('/apply/email?prefecture=15&municipality=');
    assert.equal(page.status, 400);
    assert.match(textOf(page.body), /市区町村を選んでください/);
  });

  test('a malformed e-mail address is re-shown with a message beside the field', async () => {
    const client = new TestClient(t.app);
    const page = await client.submitForm(`/apply/email?municipality=${OJIYA}`, { municipality: OJIYA, email: 'hanako@example' }, '/apply/email');
    assert.equal(page.status, 400);
    const shown = parsed(page.body);
    assert.ok(shown.title()?.startsWith('エラー：'));
    assert.ok(shown.field('email')?.error);
    assert.equal(shown.field('email')?.value, 'hanako@example');
  });

  test('a valid address gets a mail with a single link to the form', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'link@example.jp');
    assert.match(formPath, /^\/apply\/form\/[A-Za-z0-9_-]{43}$/);
    const mail = await lastMailTo(t.db, 'link@example.jp');
    assert.equal(mail.subject, '【つうえん】利用申請のご案内');
    assert.match(mail.text_body, /有効期限は24時間/);
    assert.match(mail.html_body, /<a href="http/);
  });
});

describe('the application form', () => {
  test('in 小千谷市 the desired facility is asked for; in 長岡市 it is not', async () => {
    const ojiya = await new TestClient(t.app).get(await requestApplicationLink(t.app, t.db, 'rule@example.jp', OJIYA));
    assert.ok(parsed(ojiya.body).field('desiredFacilityId'));
    const nagaoka = await new TestClient(t.app).get(await requestApplicationLink(t.app, t.db, 'norule@example.jp', NAGAOKA));
    assert.equal(nagaoka.status, 200);
    assert.equal(parsed(nagaoka.body).field('desiredFacilityId'), undefined);
  });

  test('bad answers are re-shown with every value kept and a message beside each field', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'typo@example.jp');
    const client = new TestClient(t.app);
    const page = await client.submitForm(
      formPath,
      applicationFields({ guardianKana: 'Ojiya Hanako', postalCode: '94785', phone: '12345', 'child0.birth.month': '13', desiredFacilityId: '' }),
    );
    assert.equal(page.status, 400);
    const shown = parsed(page.body);
    assert.match(shown.text(), /入力内容に問題があります/);
    const summary = shown.errorSummary().join('\n');
    assert.match(summary, /フリガナは全角カタカナで入力してください/);
    assert.match(summary, /郵便番号は7桁の数字で入力してください/);
    assert.match(summary, /電話番号は0から始まる10桁または11桁/);
    assert.match(summary, /お子さま1の生年月日を、正しい年・月・日の数字で入力してください/);
    assert.match(summary, /利用を希望する施設を選んでください/);
    assert.match(shown.field('guardianKana')?.error ?? '', /フリガナは全角カタカナで入力してください/);
    assert.equal(shown.field('guardianKana')?.value, 'Ojiya Hanako');
    assert.equal(shown.field('guardianName')?.value, '小千谷 花子');
    assert.equal(shown.field('address')?.value, '新潟県小千谷市城内2丁目7-5');
    assert.equal(shown.field('child0.birth.month')?.value, '13');
    assert.equal(shown.field('guardianKana')?.invalid, true);
    // The link still works and the answers are still there when the page is opened again.
    const reopened = await client.get(formPath);
    assert.equal(parsed(reopened.body).field('guardianKana')?.value, 'Ojiya Hanako');
  });

  test('each フリガナ field has its own example: the guardian\'s and the child\'s', async () => {
    const page = await new TestClient(t.app).get(await requestApplicationLink(t.app, t.db, 'hints@example.jp'));
    assert.equal(page.status, 200);
    const form = parsed(page.body);
    assert.match(form.hint('guardianKana') ?? '', /例：オヂヤ ハナコ/);
    assert.match(form.hint('child0.kana') ?? '', /例：オヂヤ サクラ/);
    assert.doesNotMatch(form.hint('child0.kana') ?? '', /ハナコ/);
  });

  test('hiragana and full-width digits are accepted and normalised', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'kana@example.jp');
    const client = new TestClient(t.app);
    const answered = await client.submitForm(
      formPath,
      applicationFields({ guardianKana: 'おぢや はなこ', postalCode: '９４７８５０１', desiredFacilityId: await firstFacilityId(t.db, OJIYA) }),
    );
    assert.equal(answered.status, 303);
    const check = textOf((await client.follow(answered)).body);
    assert.match(check, /オヂヤ ハナコ/);
    assert.match(check, /947-8501/);
  });

  test('a child outside the age range gets a clear explanation, not a crash', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'age@example.jp');
    const client = new TestClient(t.app);
    const facility = await firstFacilityId(t.db, OJIYA);
    // Today is 2026-11-26 in Tokyo.
    const tooOld = await client.submitForm(formPath, applicationFields({ desiredFacilityId: facility, 'child0.birth.year': '2023', 'child0.birth.month': '11', 'child0.birth.day': '27' }));
    assert.equal(tooOld.status, 400);
    assert.match(textOf(tooOld.body), /対象年齢を過ぎています.*2026年11月25日/);
    const tooYoung = await client.submitForm(formPath, applicationFields({ desiredFacilityId: facility, 'child0.birth.year': '2026', 'child0.birth.month': '5', 'child0.birth.day': '28' }));
    assert.equal(tooYoung.status, 400);
    assert.match(textOf(tooYoung.body), /まだ対象年齢になっていません.*2026年11月27日から申請できます/);
    // Two days before the third birthday is the last eligible day.
    const lastDay = await client.submitForm(formPath, applicationFields({ desiredFacilityId: facility, 'child0.birth.year': '2023', 'child0.birth.month': '11', 'child0.birth.day': '28' }));
    assert.equal(lastDay.status, 303);
  });

  test('children can be added and removed without losing what was typed', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'twins@example.jp', NAGAOKA);
    const client = new TestClient(t.app);
    const added = await client.submitForm(formPath, applicationFields({ action: 'add-child' }));
    assert.equal(added.status, 200);
    const withTwo = parsed(added.body);
    assert.equal(withTwo.field('child1.name')?.value, '');
    assert.equal(withTwo.field('child0.name')?.value, '小千谷 さくら');
    assert.equal(withTwo.field('child1.name')?.error, undefined, 'a new empty child is not judged yet');
    const both = await client.post(
      formPath,
      applicationFields({ childCount: '2', 'child1.name': '小千谷 かえで', 'child1.kana': 'オヂヤ カエデ', 'child1.birth.year': '2026', 'child1.birth.month': '1', 'child1.birth.day': '5' }),
    );
    assert.equal(both.status, 303);
    const check = textOf((await client.follow(both)).body);
    assert.match(check, /お子さま2の情報.*小千谷 かえで.*2026年1月5日/);
    const removed = await client.post(formPath, applicationFields({ childCount: '2', 'child1.name': '小千谷 かえで', action: 'remove-child-0' }));
    assert.equal(removed.status, 200);
    const withOne = parsed(removed.body);
    assert.equal(withOne.field('child0.name')?.value, '小千谷 かえで');
    assert.equal(withOne.field('child1.name'), undefined);
  });
});

describe('submitting', () => {
  test('the check page, submission, reference number on screen and by mail', async () => {
    const reference = await applyFor(t.app, t.db, 'submit@example.jp');
    assert.match(reference, /^15208-2026-\d{6}$/);
    const mails = await mailsTo(t.db, 'submit@example.jp');
    assert.equal(mails.at(-1)?.subject, '【つうえん】利用申請を受け付けました');
    assert.match(mails.at(-1)?.text_body ?? '', new RegExp(reference));
    const stored = await t.db.selectFrom('applications').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'submitted');
    assert.equal(stored.guardian_name_kana, 'オヂヤ ハナコ');
    assert.ok(stored.desired_facility_id);
  });

  test('a double submit books once and shows the same reference', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'double@example.jp', NAGAOKA);
    const client = new TestClient(t.app);
    await client.submitForm(formPath, applicationFields());
    await client.get(`${formPath}/check`);
    const [first, second] = await Promise.all([client.post(`${formPath}/submit`), client.post(`${formPath}/submit`)]);
    assert.equal(first.status, 303);
    assert.equal(second.status, 303);
    const count = await t.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('email', '=', 'double@example.jp').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
    assert.equal((await mailsTo(t.db, 'double@example.jp')).filter((m) => m.subject.includes('受け付けました')).length, 1);
  });

  test('the check page cannot be skipped with unfinished answers', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'skip@example.jp');
    const client = new TestClient(t.app);
    await client.get(formPath);
    const submitted = await client.post(`${formPath}/submit`);
    assert.equal(submitted.status, 303);
    assert.equal(submitted.location, formPath);
    assert.equal(await t.db.selectFrom('applications').select('id').where('email', '=', 'skip@example.jp').executeTakeFirst(), undefined);
  });
});

describe('links that cannot be used', () => {
  test('a used link says so, with the reference number', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'used@example.jp', NAGAOKA);
    const client = new TestClient(t.app);
    await client.submitForm(formPath, applicationFields());
    await client.submitForm(`${formPath}/check`, {}, `${formPath}/submit`);
    const again = await client.get(formPath);
    assert.equal(again.status, 410);
    assert.match(textOf(again.body), /この申請はすでに送信されています.*受付番号：15202-/);
  });

  test('an expired link says so and offers a new one to the same address', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'late@example.jp');
    t.clock.advance(24 * HOUR + 1000);
    try {
      const client = new TestClient(t.app);
      const page = await client.get(formPath);
      assert.equal(page.status, 410);
      assert.match(textOf(page.body), /有効期限が切れています/);
      assert.equal(parsed(page.body).field('email')?.value, 'late@example.jp');
      const posted = await client.post(formPath, applicationFields());
      assert.equal(posted.status, 410, 'an expired link accepts no answers');
      const before = (await mailsTo(t.db, 'late@example.jp')).length;
      const resent = await client.post('/apply/email', { municipality: OJIYA, email: 'late@example.jp' });
      assert.equal(resent.status, 303);
      assert.equal((await mailsTo(t.db, 'late@example.jp')).length, before + 1);
    } finally {
      t.clock.advance(-(24 * HOUR + 1000));
    }
  });

  test('an unknown token is a 404 page that explains, not a crash', async () => {
    const page = await new TestClient(t.app).get('/apply/form/not-a-real-token');
    assert.equal(page.status, 404);
    assert.match(textOf(page.body), /このURLは使えません/);
  });
});

describe('pressing Enter', () => {
  test('the first button of the form continues to the check page, never removes a child', async () => {
    const formPath = await requestApplicationLink(t.app, t.db, 'enter@example.jp', NAGAOKA);
    const page = await new TestClient(t.app).get(formPath);
    const form = parsed(page.body).find(`form[action="${formPath}"]`);
    assert.equal(form?.querySelector('button')?.getAttribute('value'), 'continue');
  });
});
