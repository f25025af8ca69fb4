// Guide step 9: the inquiry form, logged in or not. Bad input comes back with its values and
// messages; a good one is confirmed, stored once for the right municipality, mailed to its help
// desk (the support address, or else its staff logins) with a receipt to the sender; the limits
// per client address and per e-mail address refuse floods.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, type TestResponse } from '../helpers/http.ts';
import { NAGAOKA, OJIYA, newGuardian } from '../helpers/journeys.ts';
import { linksIn, mailsTo, pathOf } from '../helpers/mail.ts';
import { page } from '../helpers/page.ts';
import { newToken } from '../../src/platform/tokens.ts';

const OJIYA_DESK = 'support@city.ojiya.example.jp';
const NAGAOKA_STAFF = 'city-staff@nagaoka.example.jp';

const good = {
  municipality: OJIYA,
  category: 'login',
  message: 'ワンタイムパスワードのメールが届きません。\n迷惑メールフォルダも確認しました。',
  contactName: '小千谷 花子',
  email: 'hanako.support@example.jp',
  phone: '',
};

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function inquiriesFrom(email: string) {
  return t.db.selectFrom('support_inquiries').selectAll().where('email', '=', email).orderBy('created_at').execute();
}

async function municipalityId(code: string): Promise<string> {
  return (await t.db.selectFrom('municipalities').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** The hidden fields of the confirmation screen's 送信する form. */
function sendFormOf(response: TestResponse): Record<string, string> {
  const form = page(response.body).all('form').find((f) => f.getAttribute('action') === '/support/inquiry/send');
  assert.ok(form, 'the confirmation screen has a 送信する form');
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    if (name && name !== '_csrf') fields[name] = input.getAttribute('value') ?? '';
  }
  return fields;
}

describe('without logging in', () => {
  test('お客さまサポート links to the manual and the form, and every page links to お客さまサポート', async () => {
    const client = new TestClient(t.app);
    const support = page((await client.get('/support')).body);
    assert.equal(support.heading(), 'お客さまサポート');
    assert.deepEqual(support.linksTo('利用マニュアルを見る'), ['/support/manual']);
    assert.deepEqual(support.linksTo('お問い合わせフォームへ'), ['/support/inquiry']);
    for (const path of ['/', '/login', '/apply', '/support/manual']) {
      const footer = page((await client.get(path)).body).find('footer');
      assert.ok(footer?.querySelector('a[href="/support"]'), `${path} links to お客さまサポート in its footer`);
    }
  });

  test('the municipality is chosen first, prefecture then municipality, as in the application', async () => {
    const client = new TestClient(t.app);
    const start = page((await client.get('/support/inquiry')).body);
    assert.equal(start.heading(), 'お問い合わせ');
    assert.ok(start.field('prefecture'));
    assert.equal(start.field('municipality'), undefined);
    const listed = page((await client.get('/support/inquiry?prefecture=15')).body);
    assert.ok(listed.text().includes('小千谷市'));
    const unchosen = await client.get('/support/inquiry?prefecture=15&municipality=');
    assert.equal(unchosen.status, 400);
    assert.deepEqual(page(unchosen.body).errorSummary(), ['市区町村を選んでください']);
    const form = page((await client.get(`/support/inquiry?prefecture=15&municipality=${OJIYA}`)).body);
    assert.match(form.text(), /お問い合わせ先\s*新潟県 小千谷市/);
    assert.deepEqual(form.formFields('/support/inquiry'), ['municipality', 'category', 'message', 'contactName', 'email', 'phone']);
    assert.equal(form.field('email')?.value, '');
  });

  test('bad input comes back (400) with every message beside its field and the values typed', async () => {
    const client = new TestClient(t.app);
    await client.get(`/support/inquiry?municipality=${OJIYA}`);
    const answer = await client.post('/support/inquiry', { municipality: OJIYA, category: '', message: '  ', contactName: '小千谷 花子', email: 'hanako@', phone: '12345' });
    assert.equal(answer.status, 400);
    const shown = page(answer.body);
    assert.deepEqual(shown.errorSummary(), [
      'お問い合わせの種類を選んでください',
      'お問い合わせ内容を入力してください',
      'メールアドレスを正しい形式で入力してください（例：hanako@example.jp）',
      '電話番号は0から始まる10桁または11桁の数字で入力してください（例：090-1234-5678）',
    ]);
    assert.match(shown.title() ?? '', /^エラー：/);
    assert.equal(shown.field('contactName')?.value, '小千谷 花子');
    assert.equal(shown.field('email')?.value, 'hanako@');
    assert.equal(shown.field('email')?.error, 'メールアドレスを正しい形式で入力してください（例：hanako@example.jp）');
    assert.equal(shown.field('phone')?.value, '12345');
    assert.equal(shown.field('phone')?.invalid, true);

    const long = await client.post('/support/inquiry', { ...good, message: 'あ'.repeat(2001), contactName: '名'.repeat(51) });
    assert.equal(long.status, 400);
    assert.deepEqual(page(long.body).errorSummary(), ['お問い合わせ内容は2000文字以内で入力してください', 'お名前は50文字以内で入力してください']);
    assert.equal(page(long.body).field('message')?.value, 'あ'.repeat(2001));
    // 2000 characters, some outside the BMP, are still 2000.
    const exactly = await client.post('/support/inquiry', { ...good, message: `${'𠮷'.repeat(1000)}${'あ'.repeat(1000)}` });
    assert.equal(exactly.status, 200);
    assert.equal(await inquiriesFrom(good.email).then((r) => r.length), 0, 'nothing is stored before 送信する');
  });

  test('confirm, send: stored for the chosen municipality, mailed to its support address, a receipt to the sender', async () => {
    const client = new TestClient(t.app);
    await client.get(`/support/inquiry?municipality=${OJIYA}`);
    const check = await client.post('/support/inquiry', { ...good, phone: '０９０－１２３４－５６７８' });
    assert.equal(check.status, 200);
    const checkPage = page(check.body);
    assert.equal(checkPage.heading(), 'お問い合わせ内容の確認');
    assert.match(checkPage.text(), /お問い合わせの種類\s*ログイン・パスワード/);
    assert.match(checkPage.text(), /電話番号\s*090-1234-5678/);
    const hidden = sendFormOf(check);
    assert.equal(hidden.message, good.message, 'line breaks travel through the confirmation screen');

    // 入力画面に戻る: the form again, as typed.
    const back = await client.post('/support/inquiry', { ...hidden, action: 'edit' });
    assert.equal(back.status, 200);
    assert.equal(page(back.body).field('message')?.value, good.message);

    const sent = await client.post('/support/inquiry/send', hidden);
    assert.equal(sent.status, 303);
    const done = await client.follow(sent);
    const reference = page(done.body).qaText('reference');
    assert.match(reference ?? '', /^Q15208-\d{4}-\d{6}$/);
    assert.equal(page(done.body).heading(), 'お問い合わせを受け付けました');

    const [stored, ...more] = await inquiriesFrom(good.email);
    assert.equal(more.length, 0);
    assert.equal(stored?.reference, reference);
    assert.equal(stored?.municipality_id, await municipalityId(OJIYA));
    assert.equal(stored?.user_id, null);
    assert.equal(stored?.category, 'login');
    assert.equal(stored?.message, good.message);
    assert.equal(stored?.phone, '090-1234-5678');
    assert.equal(stored?.status, 'open');

    const [desk] = (await mailsTo(t.db, OJIYA_DESK)).filter((m) => m.subject.includes(reference!));
    assert.ok(desk, 'the help desk is mailed');
    assert.equal(desk.subject, `【つうえん】お問い合わせがありました（${reference}）`);
    assert.ok(desk.text_body.includes(good.message));
    assert.ok(desk.text_body.includes('アカウント：ログインなし'));
    assert.ok(linksIn(desk.text_body).some((l) => pathOf(l) === `/municipality/inquiries/${stored?.id}`));
    assert.deepEqual((await mailsTo(t.db, NAGAOKA_STAFF)).filter((m) => m.subject.includes(reference!)), [], "not another municipality's");

    const receipts = await mailsTo(t.db, good.email);
    assert.equal(receipts.length, 1);
    assert.equal(receipts[0]?.subject, '【つうえん】お問い合わせを受け付けました');
    assert.ok(receipts[0]?.text_body.includes(`お問い合わせ番号：${reference}`));
    assert.ok(!receipts[0]?.text_body.includes('迷惑メールフォルダ'), 'the receipt does not carry the text to whatever address was typed');

    // 送信する again (a double click, the back button): the same number, nothing stored or mailed twice.
    const again = await client.post('/support/inquiry/send', hidden);
    assert.equal(again.status, 303);
    assert.equal(again.location, sent.location);
    assert.equal((await inquiriesFrom(good.email)).length, 1);
    assert.equal((await mailsTo(t.db, good.email)).length, 1);
  });

  test('a post that skipped the confirmation screen gets one; a tampered municipality goes back to the choice', async () => {
    const client = new TestClient(t.app);
    await client.get(`/support/inquiry?municipality=${OJIYA}`);
    const email = 'skipper@example.jp';
    const unconfirmed = await client.post('/support/inquiry/send', { ...good, email });
    assert.equal(unconfirmed.status, 200);
    assert.equal(page(unconfirmed.body).heading(), 'お問い合わせ内容の確認');
    assert.equal((await inquiriesFrom(email)).length, 0);
    const nowhere = await client.post('/support/inquiry/send', { ...good, email, municipality: '99999', submission: newToken() });
    assert.equal(nowhere.status, 303);
    assert.equal(nowhere.location, '/support/inquiry');
    assert.equal((await inquiriesFrom(email)).length, 0);
    const bad = await client.post('/support/inquiry/send', { ...good, email: 'not-an-address', submission: newToken() });
    assert.equal(bad.status, 400);
    assert.equal(page(bad.body).field('email')?.value, 'not-an-address');
  });

  test('the done page shows only a number that exists', async () => {
    const client = new TestClient(t.app);
    for (const reference of ['Q15208-2026-999999', '<script>', '']) {
      const res = await client.get(`/support/inquiry/done?reference=${encodeURIComponent(reference)}`);
      assert.equal(res.status, 303);
      assert.equal(res.location, '/support');
    }
  });
});

describe('logged in', () => {
  test("the user's own municipality, e-mail and name filled in; the account recorded; a municipality without a support address mails its staff", async () => {
    const email = 'nagaoka.family@example.jp';
    const client = await newGuardian(t.app, t.db, email, { municipalityCode: NAGAOKA });
    const form = page((await client.get('/support/inquiry')).body);
    assert.match(form.text(), /お問い合わせ先\s*新潟県 長岡市/);
    assert.equal(form.linksTo('変更').length, 0, 'the municipality is the account’s own');
    assert.equal(form.field('email')?.value, email);
    assert.ok((form.field('contactName')?.value ?? '') !== '');
    assert.ok(form.qa('signed-in'));

    // A municipality typed into the form changes nothing: the account's own is used.
    const check = await client.post('/support/inquiry', { ...good, municipality: OJIYA, email, category: 'reservation' });
    assert.equal(check.status, 200);
    const done = await client.follow(await client.post('/support/inquiry/send', sendFormOf(check)));
    const reference = page(done.body).qaText('reference')!;
    assert.match(reference, /^Q15202-/);
    const [stored] = await inquiriesFrom(email);
    const user = await t.db.selectFrom('users').select(['id', 'display_name']).where('email', '=', email).executeTakeFirstOrThrow();
    assert.equal(stored?.user_id, user.id);
    assert.equal(stored?.municipality_id, await municipalityId(NAGAOKA));

    const deskMails = (await mailsTo(t.db, NAGAOKA_STAFF)).filter((m) => m.subject.includes(reference));
    assert.equal(deskMails.length, 1, "長岡市 has no support address: its staff login is mailed");
    assert.ok(deskMails[0]?.text_body.includes(`アカウント：${user.display_name}（${email}）`));
    assert.equal((await mailsTo(t.db, OJIYA_DESK)).filter((m) => m.subject.includes(reference)).length, 0);
  });
});

describe('rate limits', () => {
  let limited: TestApp;
  before(async () => {
    limited = await startTestApp({ rateLimitFactor: 1 });
  });
  after(() => limited.close());

  function clientAt(address: string): TestClient {
    const client = new TestClient(limited.app);
    client.remoteAddress = address;
    return client;
  }

  async function send(client: TestClient, email: string): Promise<TestResponse> {
    if (!client.csrfToken) await client.get(`/support/inquiry?municipality=${OJIYA}`);
    return client.post('/support/inquiry/send', { ...good, email, submission: newToken() });
  }

  async function count(email: string): Promise<number> {
    return (await limited.db.selectFrom('support_inquiries').select('id').where('email', '=', email).execute()).length;
  }

  test('five inquiries an hour to one e-mail address, from any number of client addresses', async () => {
    const email = 'flood-target@example.jp';
    for (let i = 1; i <= 5; i += 1) assert.equal((await send(clientAt(`198.51.100.${i}`), email)).status, 303, `inquiry ${i}`);
    const refused = await send(clientAt('198.51.100.99'), email);
    assert.equal(refused.status, 429);
    assert.match(page(refused.body).text(), /しばらく|時間をおいて/);
    assert.equal(await count(email), 5, 'the refused one is not stored');
    assert.equal((await mailsTo(limited.db, email)).length, 5, 'nor mailed');
    // Another address is not held up by it.
    assert.equal((await send(clientAt('198.51.100.99'), 'someone-else@example.jp')).status, 303);
  });

  test('twenty sends per ten minutes from one client address', async () => {
    const client = clientAt('203.0.113.50');
    for (let i = 1; i <= 20; i += 1) assert.equal((await send(client, `desk-${i}@example.jp`)).status, 303, `send ${i}`);
    const refused = await send(client, 'desk-21@example.jp');
    assert.equal(refused.status, 429);
    assert.equal(await count('desk-21@example.jp'), 0);
  });
});
