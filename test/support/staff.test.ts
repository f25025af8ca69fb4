// Guide step 9, the municipality's side: its staff see their own municipality's inquiries only
// (another's answers 404, like a missing one), reply by mail (who and when kept, audited) and mark
// them answered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient } from '../helpers/http.ts';
import { NAGAOKA, OJIYA, logInAsStaff } from '../helpers/journeys.ts';
import { mailsTo } from '../helpers/mail.ts';
import { page } from '../helpers/page.ts';

const OJIYA_STAFF = 'city-staff@ojiya.example.jp';

let t: TestApp;
let staff: TestClient;
let own: { id: string; reference: string };
let foreign: { id: string; reference: string };

/** Sends an inquiry through the form, without logging in. */
async function inquiry(municipality: string, email: string, message: string): Promise<{ id: string; reference: string }> {
  const client = new TestClient(t.app);
  await client.get(`/support/inquiry?municipality=${municipality}`);
  const check = await client.post('/support/inquiry', { municipality, category: 'application', message, contactName: '長岡 太郎', email, phone: '' });
  assert.equal(check.status, 200);
  const submission = /name="submission" value="([^"]+)"/.exec(check.body)?.[1];
  assert.ok(submission);
  const sent = await client.post('/support/inquiry/send', { municipality, category: 'application', message, contactName: '長岡 太郎', email, phone: '', submission });
  assert.equal(sent.status, 303);
  return t.db.selectFrom('support_inquiries').select(['id', 'reference']).where('email', '=', email).executeTakeFirstOrThrow();
}

before(async () => {
  t = await startTestApp();
  own = await inquiry(OJIYA, 'asker@example.jp', '申請用URLのメールが届きません。');
  foreign = await inquiry(NAGAOKA, 'nagaoka-asker@example.jp', '長岡市への質問です。');
  staff = await logInAsStaff(t.app, t.db, OJIYA_STAFF);
});
after(() => t.close());

describe('the list', () => {
  test('the start page leads to it; it lists open inquiries of the own municipality only', async () => {
    const home = page((await staff.get('/municipality')).body);
    assert.deepEqual(home.linksTo('お問い合わせを見る'), ['/municipality/inquiries?status=open']);
    const list = page((await staff.get('/municipality/inquiries')).body);
    assert.equal(list.heading(), 'お問い合わせ');
    assert.deepEqual(list.linksTo(own.reference), [`/municipality/inquiries/${own.id}`]);
    assert.ok(!list.text().includes(foreign.reference), "another municipality's inquiry is not listed");
    assert.match(list.textOf('#inquiries') ?? '', /利用申請.*長岡 太郎.*未対応/);
    const answered = page((await staff.get('/municipality/inquiries?status=answered')).body);
    assert.ok(answered.qa('no-inquiries'));
  });
});

describe("another municipality's inquiry", () => {
  test('answers 404 to reading, replying and marking, and nothing changes', async () => {
    assert.equal((await staff.get(`/municipality/inquiries/${foreign.id}`)).status, 404);
    await staff.get(`/municipality/inquiries/${own.id}`);
    assert.equal((await staff.post(`/municipality/inquiries/${foreign.id}/reply`, { reply: '回答です' })).status, 404);
    assert.equal((await staff.post(`/municipality/inquiries/${foreign.id}/answered`, {})).status, 404);
    const row = await t.db.selectFrom('support_inquiries').select(['status']).where('id', '=', foreign.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'open');
    assert.equal((await t.db.selectFrom('support_inquiry_replies').select('id').where('inquiry_id', '=', foreign.id).execute()).length, 0);
    assert.equal((await mailsTo(t.db, 'nagaoka-asker@example.jp')).filter((m) => m.subject.includes('回答')).length, 0);
  });
});

describe('replying and marking answered', () => {
  test('the detail shows the inquiry; an empty or too long reply comes back with its message', async () => {
    const detail = page((await staff.get(`/municipality/inquiries/${own.id}`)).body);
    assert.equal(detail.heading(), `お問い合わせ ${own.reference}`);
    assert.match(detail.text(), /申請用URLのメールが届きません。/);
    assert.match(detail.text(), /アカウント\s*ログインなし/);
    const empty = await staff.post(`/municipality/inquiries/${own.id}/reply`, { reply: ' \n ' });
    assert.equal(empty.status, 400);
    assert.deepEqual(page(empty.body).errorSummary(), ['回答を入力してください']);
    const long = await staff.post(`/municipality/inquiries/${own.id}/reply`, { reply: 'あ'.repeat(2001) });
    assert.equal(long.status, 400);
    assert.equal(page(long.body).field('reply')?.value, 'あ'.repeat(2001));
    assert.equal((await t.db.selectFrom('support_inquiry_replies').select('id').where('inquiry_id', '=', own.id).execute()).length, 0);
  });

  test('a reply is mailed to the sender and kept with who and when, with an audit entry', async () => {
    const replyText = '迷惑メールフォルダをご確認ください。\n届いていない場合は、もう一度メールアドレスを入力してください。';
    const sent = await staff.post(`/municipality/inquiries/${own.id}/reply`, { reply: replyText });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, `/municipality/inquiries/${own.id}?done=replied`);
    const user = await t.db.selectFrom('users').select(['id', 'display_name']).where('email', '=', OJIYA_STAFF).executeTakeFirstOrThrow();
    const [stored] = await t.db.selectFrom('support_inquiry_replies').selectAll().where('inquiry_id', '=', own.id).execute();
    assert.equal(stored?.body, replyText);
    assert.equal(stored?.replied_by, user.id);
    assert.equal(stored?.replied_at.getTime(), t.clock.now().getTime());

    const mails = (await mailsTo(t.db, 'asker@example.jp')).filter((m) => m.subject === `【つうえん】お問い合わせへの回答（${own.reference}）`);
    assert.equal(mails.length, 1);
    assert.ok(mails[0]?.text_body.includes('長岡 太郎 様'));
    assert.ok(mails[0]?.text_body.includes(replyText));
    assert.ok(mails[0]?.text_body.includes('小千谷市の担当窓口'));

    const entries = await t.db.selectFrom('audit_log').selectAll().where('subject_id', '=', own.id).execute();
    assert.deepEqual(
      entries.map((e) => [e.action, e.subject_type, e.actor_user_id]),
      [['support.inquiry.reply', 'support_inquiry', user.id]],
    );

    const detail = page((await staff.follow(sent)).body);
    assert.match(detail.text(), /回答をメールで送信しました。/);
    assert.ok(detail.text().includes(user.display_name));
    // A reply does not close the inquiry by itself.
    assert.match(detail.text(), /未対応/);
  });

  test('対応済みにする: leaves the open list, once, with who and when', async () => {
    const marked = await staff.post(`/municipality/inquiries/${own.id}/answered`, {});
    assert.equal(marked.status, 303);
    const again = await staff.post(`/municipality/inquiries/${own.id}/answered`, {});
    assert.equal(again.status, 303);
    const row = await t.db.selectFrom('support_inquiries').selectAll().where('id', '=', own.id).executeTakeFirstOrThrow();
    const user = await t.db.selectFrom('users').select('id').where('email', '=', OJIYA_STAFF).executeTakeFirstOrThrow();
    assert.equal(row.status, 'answered');
    assert.equal(row.answered_by, user.id);
    const answers = await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', own.id).where('action', '=', 'support.inquiry.answer').execute();
    assert.equal(answers.length, 1, 'marked once');

    const open = page((await staff.get('/municipality/inquiries')).body);
    assert.ok(!open.text().includes(own.reference));
    const answered = page((await staff.get('/municipality/inquiries?status=answered')).body);
    assert.ok(answered.text().includes(own.reference));
    const detail = page((await staff.get(`/municipality/inquiries/${own.id}`)).body);
    assert.match(detail.text(), /対応済み/);
    assert.equal(detail.formFields(`/municipality/inquiries/${own.id}/answered`).length, 0, 'no second 対応済みにする button');
  });
});

describe('the other municipality', () => {
  test("長岡市's staff see their own inquiry and not 小千谷市's", async () => {
    const other = await logInAsStaff(t.app, t.db, 'city-staff@nagaoka.example.jp');
    const list = page((await other.get('/municipality/inquiries?status=all')).body);
    assert.ok(list.text().includes(foreign.reference));
    assert.ok(!list.text().includes(own.reference));
    assert.equal((await other.get(`/municipality/inquiries/${own.id}`)).status, 404);
  });
});
