// Guide step 4 seen from マイページ: while the registration is unfinished (a child without an
// emergency contact, or the guardian's details not yet confirmed with OK), マイページ says so and
// links to where it is finished; once it is complete, the notice is gone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { newGuardian } from '../helpers/journeys.ts';
import { page as parse } from '../helpers/page.ts';
import { childrenOf, peopleFields, pressConfirm, pressOnConfirmScreen, saveTab, tabEdit } from './support.ts';

const EMAIL = 'mypage-family@example.jp';
const TWO_CHILDREN = {
  childCount: '2',
  'child1.name': '小千谷 かえで',
  'child1.kana': 'オヂヤ カエデ',
  'child1.birth.year': '2024',
  'child1.birth.month': '3',
  'child1.birth.day': '15',
};

let t: TestApp;
// A family the read-only tests share; tests that save something make their own (newFamily).
let guardian: TestClient;
let children: Awaited<ReturnType<typeof childrenOf>>;
before(async () => {
  t = await startTestApp();
  ({ guardian, children } = await newFamily(EMAIL));
});
after(() => t.close());

/** A guardian with two children, neither with an emergency contact yet. */
async function newFamily(email: string) {
  const client = await newGuardian(t.app, t.db, email, { fields: TWO_CHILDREN });
  const kids = await childrenOf(t.db, email);
  assert.equal(kids.length, 2);
  return { guardian: client, children: kids };
}

async function saveEveryContact(client: TestClient, kids: typeof children) {
  for (const child of kids) await saveTab(client, child.id, 'emergency', peopleFields([{ name: '小千谷 花子', relationship: '母', phone: '090-1234-5678' }]));
}

const english = (client: TestClient) => ({ cookie: `${client.cookieHeader()}; lang=en` });

describe('マイページ while the registration is unfinished', () => {
  test('says the registration waits for the emergency contacts, with a link to each child’s form', async () => {
    const page = await guardian.get('/mypage');
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /利用者登録はまだ完了していません お子さまの緊急連絡先を入力するまで、登録は完了しません。/);
    const links = parse(page.body);
    for (const child of children) {
      assert.deepEqual(links.linksTo(`${child.name}さんの緊急連絡先を入力する`), [tabEdit(child.id, 'emergency')]);
    }
    // The link leads to the form where it is entered.
    const form = await guardian.get(tabEdit(children[0]!.id, 'emergency'));
    assert.equal(form.status, 200);
  });

  test('in English too', async () => {
    const text = textOf((await guardian.get('/mypage', english(guardian))).body);
    assert.match(text, /Your registration is not complete yet Your registration cannot be completed until each child has an emergency contact/);
    assert.match(text, new RegExp(`Enter an emergency contact for ${children[1]!.name}`));
  });

  test('a child whose contact is entered is no longer named', async () => {
    const { guardian, children } = await newFamily('mypage-one@example.jp');
    await saveTab(guardian, children[0]!.id, 'emergency', peopleFields([{ name: '小千谷 太郎', relationship: '父', phone: '090-2222-3333' }]));
    const text = parse((await guardian.get('/mypage')).body).text();
    assert.ok(!text.includes(`${children[0]!.name}さんの緊急連絡先を入力する`));
    assert.ok(text.includes(`${children[1]!.name}さんの緊急連絡先を入力する`));
  });

  test('with every contact entered, it points to the last step: confirming the guardian’s details', async () => {
    const { guardian, children } = await newFamily('mypage-all@example.jp');
    await saveEveryContact(guardian, children);
    const page = await guardian.get('/mypage');
    const text = textOf(page.body);
    assert.match(text, /利用者登録はまだ完了していません 保護者情報を確認し、「編集」→「確定」→「OK」を押すと登録が完了します。/);
    assert.doesNotMatch(text, /緊急連絡先を入力する/);
    assert.deepEqual(parse(page.body).linksTo('保護者情報を確認して登録を完了する'), ['/profile/guardian']);
    assert.match(textOf((await guardian.get('/mypage', english(guardian))).body), /Check your details and complete your registration/);
  });
});

describe('マイページ once the registration is complete', () => {
  test('shows no notice', async () => {
    const email = 'mypage-done@example.jp';
    const { guardian, children } = await newFamily(email);
    await saveEveryContact(guardian, children);
    const confirm = await pressConfirm(guardian, '/profile/guardian/edit', '/profile/guardian', {
      name: '小千谷 花子',
      kana: 'オヂヤ ハナコ',
      postalCode: '947-8501',
      address: '新潟県小千谷市城内2丁目7-5',
      phone: '090-1234-5678',
      phone2: '',
      relationship: 'mother',
    });
    const saved = await pressOnConfirmScreen(guardian, confirm, '/profile/guardian');
    assert.equal(saved.status, 303);
    const stored = await t.db
      .selectFrom('guardian_profiles')
      .innerJoin('users', 'users.id', 'guardian_profiles.user_id')
      .select('guardian_profiles.registered_at')
      .where('users.email', '=', email)
      .executeTakeFirstOrThrow();
    assert.ok(stored.registered_at);
    const text = textOf((await guardian.get('/mypage')).body);
    assert.doesNotMatch(text, /利用者登録はまだ完了していません/);
    assert.doesNotMatch(text, /登録を完了する/);
    assert.match(text, /利用者情報管理/);
  });
});
